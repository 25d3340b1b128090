"""``make demo``: serve the demo site on loopback, crawl it into an archive, print a summary.

``python -m sites.demo.run [--db data/news.db]`` starts the embedded demo
site on a free 127.0.0.1 port, runs the real ``scrapy crawl news`` command
against it (as a user would), then prints articles per language, the errors
recorded and the time taken, and the command to browse the archive.
Settings read: none (it passes ``ARCHIVE_DB`` to the crawl).
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

from sites.demo.server import SiteServer

ROOT = Path(__file__).resolve().parents[2]
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
    counts = json.loads(run["counts"] or "{}")
    for source, values in counts.items():
        pairs = ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
        lines.append(f"source {source}: {pairs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db", help="archive to crawl into")
    args = parser.parse_args(argv)
    db = Path(args.db).resolve()
    with SiteServer() as server, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.toml"
        sources.write_text(sources_toml(server.url), encoding="utf-8")
        print(f"demo site serving at {server.url}; crawling it into {db} ...", flush=True)
        started = time.monotonic()
        result = crawl(sources, db)
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
