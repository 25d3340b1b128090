"""Storage per article (SQLite and WARC bytes) and re-extraction speed, demo and synthetic sites.

``python bench/storage.py [--synthetic 2000]`` crawls the demo site and a
synthetic site of ``--synthetic`` articles (``sites.demo.synthetic``) on
127.0.0.1 with the real ``scrapy crawl news``, each into a fresh archive, and
prints per article: the SQLite file, the WARC files (all records: requests,
responses, metadata, feeds, sitemaps), and for comparison what the article bodies
alone take zlib-compressed (the spine's in-SQLite captures). Then it re-extracts
each archive with ``scrapy reextract`` (2 workers, and inline) and prints articles/s.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import sqlite_utils

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]  # tests/sites

from pipelines.archive import warc  # noqa: E402

from sites.demo.server import SiteServer  # noqa: E402
from sites.demo.site import build_site  # noqa: E402
from sites.demo.synthetic import synthetic_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "LOG_LEVEL=WARNING",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]  # fmt: skip


def scrapy(*args: str) -> str:
    command = [sys.executable, "-m", "scrapy", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


def measure(name: str, factory, tmp: Path) -> None:
    db_path = tmp / name / "news.db"
    with SiteServer(factory) as server:
        sources = tmp / f"{name}.toml"
        sources.write_text(
            f'[[source]]\nname = "{name}"\nstart_urls = ["{server.url}/"]\n'
            f'sitemaps = ["{server.url}/sitemap.xml"]\nallow_private = true\n'
            + (f'feeds = ["{server.url}/rss.xml"]\n' if name == "demo" else "")
        )
        started = time.monotonic()
        scrapy("crawl", "news", "-a", f"sources={sources}", "-s", f"ARCHIVE_DB={db_path}", *FAST)
        crawl_time = time.monotonic() - started
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    articles = db["articles"].count
    base = db_path.parent
    bodies = [warc.capture_body(db, base, c) for c in db["captures"].rows]
    zlib_bytes = sum(len(zlib.compress(b, 6)) for b in bodies)
    warc_bytes = sum(f.stat().st_size for f in (base / "warc").glob("*.warc.gz"))
    kinds = dict(
        db.execute("select type, sum(warc_length) from warc_records group by type").fetchall()
    )
    sqlite_bytes = db_path.stat().st_size
    db.close()
    print(f"{name}: {articles} articles crawled in {crawl_time:.1f} s")
    print(f"  SQLite file        {sqlite_bytes / articles:>9.0f} B/article  ({sqlite_bytes:,} B)")
    print(f"  WARC files         {warc_bytes / articles:>9.0f} B/article  ({warc_bytes:,} B)")
    for kind in ("response", "request", "metadata", "revisit"):
        if kinds.get(kind):
            print(f"    {kind:<16} {kinds[kind] / articles:>9.0f} B/article")
    print(
        f"  bodies as zlib     {zlib_bytes / articles:>9.0f} B/article  (the spine's captures.body)"
    )
    for workers in ("2", "0"):
        out = scrapy("reextract", "-s", f"ARCHIVE_DB={db_path}", "-s", f"EXTRACT_WORKERS={workers}")
        rate = re.search(r"\(([\d.]+) articles/s\)", out).group(1)
        changed = out.splitlines()[0]
        print(f"  reextract, EXTRACT_WORKERS={workers}: {rate} articles/s  [{changed}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("demo", build_site, Path(tmp))
        measure("synthetic", synthetic_site(args.synthetic), Path(tmp))


if __name__ == "__main__":
    main()
