"""``make demo``: serve the demo site on loopback, crawl it into an archive, print a summary.

``python -m sites.demo.run [--db data/news.db] [--port 8642]`` starts the embedded
demo site on 127.0.0.1 at a fixed port (``make demo DEMO_PORT=N`` to change it; a port
in use is an error naming it), runs the real ``scrapy crawl news`` command against it
(as a user would), then prints articles per language, the errors recorded, the edits
and near-duplicate clusters, and the time taken, and the command to browse the
archive. Each run is incremental: the URLs stay the same, so a second run fetches what
is new or due, not everything again. The N-th run on an archive serves the site's
N-th edition (``sites.demo.editions``: an edited story and a wire copy appear from the
second run on) with the crawl's clock a day later each run. Settings read: none (it
passes ``ARCHIVE_DB`` and ``NEWS_CLOCK`` to the crawl).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

from sites.demo.editions import clock, site
from sites.demo.server import SiteServer

ROOT = Path(__file__).resolve().parents[2]
PORT = 8642  # the default of make demo's DEMO_PORT
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "LOG_LEVEL=WARNING"]


def sources_toml(base: str) -> str:
    return (
        "[[source]]\n"
        'name = "demo"\n'
        f'start_urls = ["{base}/"]\n'
        f'feeds = ["{base}/rss.xml"]\n'
        f'sitemaps = ["{base}/sitemap.xml"]\n'
        "allow_private = true\n"
    )


def crawl(sources: Path, db: Path, extra: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run ``scrapy crawl news`` in the project directory, as the README says."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "news",
        "-a", f"sources={sources}", "-s", f"ARCHIVE_DB={db}", *FAST, *(extra or []),
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def summary(db_path: Path) -> str:
    db = sqlite_utils.Database(db_path)
    run = next(db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))
    lines = [f"crawl run {run['id']}: {run['status']}, {run['started_at']} → {run['finished_at']}"]
    lines.append("articles per language:")
    for row in db.query(
        "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language"
    ):
        lines.append(f"  {row['language'] or '?':<4} {row['n']}")
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    lines.append(f"  all  {total}")
    lines.append(f"errors and skips in this run (crawl_runs.id = {run['id']}):")
    for row in db.query(
        "SELECT kind, reason, count(*) AS n, min(url) AS url FROM errors WHERE run_id = ? "
        "GROUP BY kind, reason ORDER BY kind, reason",
        [run["id"]],
    ):
        example = row["url"] if row["n"] == 1 else f"{row['n']} URLs, e.g. {row['url']}"
        lines.append(f"  {row['kind']:<8} {row['reason']:<14} {example}")
    edits = db.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    clusters = db.execute(
        "SELECT count(DISTINCT cluster_id) FROM articles WHERE cluster_id IS NOT NULL"
    ).fetchone()[0]
    lines.append(f"edits kept (article_versions): {edits}; near-duplicate clusters: {clusters}")
    counts = json.loads(run["counts"] or "{}")
    for source, values in counts.items():
        pairs = ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
        lines.append(f"source {source}: {pairs}")
    return "\n".join(lines)


def previous_runs(db_path: Path) -> int:
    """How many crawls the archive has recorded (0 for a new archive)."""
    if not db_path.exists():
        return 0
    db = sqlite_utils.Database(db_path)
    if "crawl_runs" not in db.table_names():
        return 0
    return db["crawl_runs"].count


def earlier_site(db_path: Path) -> str | None:
    """The demo site's address the archive was crawled from before, if any."""
    if not db_path.exists() or "sources" not in sqlite_utils.Database(db_path).table_names():
        return None
    db = sqlite_utils.Database(db_path)
    row = next(db.query("SELECT config FROM sources WHERE name = 'demo'"), None)
    starts = json.loads(row["config"]).get("start_urls") if row else None
    return starts[0].rstrip("/") if starts else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db", help="archive to crawl into")
    parser.add_argument("--port", type=int, default=PORT, help=f"demo site port ({PORT})")
    args = parser.parse_args(argv)
    db = Path(args.db).resolve()
    earlier = earlier_site(db)
    if earlier and earlier != f"http://127.0.0.1:{args.port}":
        # Another port is another site: every article would be fetched again as a duplicate
        # and the old address's due revisits would fail with "connection refused".
        port = earlier.rsplit(":", 1)[-1]
        print(
            f"error: {args.db} holds the demo site crawled at {earlier}, not at "
            f"127.0.0.1:{args.port}: run make demo DEMO_PORT={port} to continue it, or "
            f"start a new archive (make demo DB=data/demo.db, or remove {args.db} and the "
            "warc/ directory next to it)",
            file=sys.stderr,
        )
        return 2
    run = previous_runs(db)
    edition = min(run, 1)
    try:
        server = SiteServer(site(edition), port=args.port).start()
    except OSError as exc:
        print(
            f"error: the demo site cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); "
            "choose another port: make demo DEMO_PORT=N",
            file=sys.stderr,
        )
        return 2
    with server, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.toml"
        sources.write_text(sources_toml(server.url), encoding="utf-8")
        print(
            f"demo site (edition {edition}) serving at {server.url}; crawl {run + 1} of this "
            f"archive, clock {clock(run)}, into {db} ...",
            flush=True,
        )
        started = time.monotonic()
        result = crawl(sources, db, ["-s", f"NEWS_CLOCK={clock(run)}"])
        elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(f"the crawl failed with exit status {result.returncode}", file=sys.stderr)
        return result.returncode
    print(summary(db))
    print(f"time: {elapsed:.1f} s")
    print(
        f"browse it: make serve   (or: .venv/bin/datasette serve {args.db} "
        "--metadata deploy/datasette/metadata.yml --plugins-dir deploy/datasette/plugins "
        "--template-dir deploy/datasette/templates)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
