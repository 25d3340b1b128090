"""Print the robustness figures: hostile site, SIGKILL/resume, concurrent readers.

``.venv/bin/python bench/robustness.py`` crawls the hostile fixture site
(tests/sites/hostile.py), kills a crawl of a slow site at three points and
resumes it, and runs sqlite-utils and Datasette reader loops during a crawl.
Everything is served on 127.0.0.1/127.0.0.2. Settings read: none.
"""

from __future__ import annotations

import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_crash import COUNT, archived, integrity, kill_points, start, wait_for  # noqa: E402

from pipelines.archive.schema import open_archive  # noqa: E402

from conftest import datasette_server, run_crawl  # noqa: E402
from readers import datasette_reader, sqlite_reader  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402
from sites.hostile import FAILURE_MODES, GOOD  # noqa: E402
from sites.servers import expected_errors, hostile_sites  # noqa: E402
from sites.slow import build_slow, slow_sources  # noqa: E402


def hostile(tmp: Path) -> None:
    with hostile_sites() as sites:
        result = run_crawl(sites.write_sources(tmp / "h.toml"), tmp / "h.db", *sites.settings())
        good = {r["url"] for r in result.db.table("articles").rows}
        errors = dict(result.db.execute("select url, reason from errors").fetchall())
        expected = expected_errors(sites)
        right = sum(errors.get(url) == reason for url, reason in expected.items())
        print(f"failure modes tried: {len(FAILURE_MODES)}")
        print(f"good articles archived / expected: {len(good)} / {len(GOOD)}")
        print(f"errors recorded with the expected reason / expected: {right} / {len(expected)}")
        print(f"errors rows in all: {len(errors)}; requests reaching the forbidden host: "
              f"{sum(sites.forbidden.hits.values())}")  # fmt: skip


def crashes(tmp: Path) -> None:
    with SiteServer(lambda url: build_slow(url, COUNT, 0.25)) as site:
        sources = tmp / "s.toml"
        sources.write_text(slow_sources(site.url), encoding="utf-8")
        db, survived, lost = tmp / "s.db", 0, 0
        points = kill_points(site, db)
        for name, ready in points:
            before = archived(db)
            process = start(sources, db, tmp / "kill.log")
            wait_for(ready, process, name)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            lost += len(before - archived(db))
            survived += integrity(db) == "ok"
        result = run_crawl(sources, db)
        rows = [url for (url,) in result.db.execute("select url from articles")]
        print(f"crashes survived / tried: {survived} / {len(points)} (SIGKILL during "
              f"{', '.join(n for n, _ in points)}; integrity_check ok after each)")  # fmt: skip
        print(f"articles lost: {lost}; archived after resume: {len(set(rows))} / {COUNT}; "
              f"duplicates: {len(rows) - len(set(rows))}")  # fmt: skip


def readers(tmp: Path) -> None:
    db = tmp / "news.db"
    open_archive(db).close()
    with SiteServer(lambda url: build_slow(url, 30, 0.05)) as site, datasette_server(db) as base:
        sources = tmp / "r.toml"
        sources.write_text(slow_sources(site.url), encoding="utf-8")
        loops = {"sqlite-utils": sqlite_reader(db), "datasette": datasette_reader(base, "news")}
        for loop in loops.values():
            loop.start()
        run_crawl(sources, db, "-s", "ARCHIVE_BATCH_SIZE=4", "-s", "ARCHIVE_BATCH_SECONDS=0.2")
        for name, loop in loops.items():
            loop.stop()
            print(f"concurrent reads / errors ({name}): {loop.reads} / {len(loop.errors)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for part in (hostile, crashes, readers):
            part(Path(tmp))
