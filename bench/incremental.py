"""Benchmark: a second, incremental crawl costs a few percent of the first and misses nothing.

A generated site (tests/sites/demo/newsroom.py) of ``--articles`` articles (default
2,000, one every 2 hours) with RSS and JSON feeds, a robots.txt ``Sitemap:``
line, monthly sitemaps and a Google News sitemap is crawled into a fresh
archive. Then 1% new articles are published and 1% of the most recent ones
edited, and the site is crawled again as if 2 hours later (``NEWS_CLOCK``), with
the default revisit schedule. Printed: requests and wall time of both runs and
their ratios (targets 0.03 and 0.10; also the ratio of Scrapy's own elapsed
time, which leaves out the fixed cost of starting and stopping Python), new
articles missed (must be 0), and the edits caught against those due by the
schedule (must be equal).

    .venv/bin/python bench/incremental.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/sites: the generated sites

from pipelines.archive.frontier import DEFAULT_SCHEDULE, parse_schedule  # noqa: E402

from sites.demo.newsroom import Newsroom  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402

FAST = [
    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "NEWS_PROGRESS_INTERVAL=15",
]  # fmt: skip


def crawl(sources: Path, db: Path, log: Path, *args: str) -> tuple[float, int, float]:
    """Run ``scrapy crawl news``; returns wall seconds, requests made, engine seconds."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}",
               "-s", f"ARCHIVE_DB={db}", *FAST, *args]  # fmt: skip
    started = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"crawl failed ({done.returncode}); see {log}")
    stats = (
        sqlite_utils.Database(db)
        .execute("select stats from crawl_runs order by id desc limit 1")
        .fetchone()[0]
    )
    stats = json.loads(stats)
    return seconds, stats.get("downloader/request_count", 0), stats["elapsed_time_seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    room = Newsroom(args.articles)
    steps = parse_schedule(DEFAULT_SCHEDULE)
    tmp = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    db = tmp / "news.db"
    with SiteServer(room.routes) as server:
        sources = tmp / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "courier"\nstart_urls = ["{server.url}/"]\n'
            f'feeds = ["{server.url}/rss.xml"]\nallow_private = true\n',
            encoding="utf-8",
        )
        t1, r1, e1 = crawl(sources, db, tmp / "run1.log")
        share = max(1, args.articles // 100)
        added = room.add(share)
        recent = [s for s in room.newest() if s not in added][:share]
        room.edit([s.id for s in recent])
        later = room.now + timedelta(hours=2)
        t2, r2, e2 = crawl(sources, db, tmp / "run2.log", "-s", f"NEWS_CLOCK={later.isoformat()}")
    archive = sqlite_utils.Database(db)
    urls = {row[0] for row in archive.execute("select url from articles")}
    missed = [s for s in added if server.url + s.path not in urls]
    due = [
        s for s in recent if any(room.now < s.published + step <= later for step in steps)
    ]  # fmt: skip
    versions = dict(archive.execute("select url, version from articles").fetchall())
    caught = [s for s in recent if versions.get(server.url + s.path, 1) > 1]
    rows = [
        ("articles on the site (run 1)", f"{args.articles}"),
        ("run 1: requests, wall time", f"{r1}, {t1:.1f} s"),
        ("run 2: requests, wall time", f"{r2}, {t2:.1f} s"),
        ("requests ratio run2/run1 (target <= 0.03)", f"{r2 / r1:.4f}"),
        ("wall-time ratio run2/run1 (target <= 0.10)", f"{t2 / t1:.3f}"),
        (
            "crawl-time ratio, without process start/exit",
            f"{e2 / e1:.3f} ({e2:.1f} s / {e1:.1f} s)",
        ),
        ("new articles published / missed (must be 0)", f"{len(added)} / {len(missed)}"),
        ("recent articles edited", f"{len(recent)}"),
        ("edits due by the schedule / caught", f"{len(due)} / {len(caught)}"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"incremental crawl benchmark (schedule {DEFAULT_SCHEDULE}, run 2 two hours later)")
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    print(f"  logs and archive: {tmp}")
    if missed or len(caught) < len(due):
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
