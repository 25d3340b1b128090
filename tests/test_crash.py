"""Crash safety: SIGKILL the crawl at several points and resume; SIGTERM stops it cleanly.

After each kill the archive passes ``PRAGMA integrity_check``, keeps every article
archived before the kill, holds none twice, and the resumed crawl finishes the
work without fetching again any page whose article was already archived.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from conftest import (
    CRAWL_ENV,
    ROOT,
    assert_books_balance,
    assert_clean_log,
    crawl_command,
    run_crawl,
)
from sites.demo.server import SiteServer
from sites.slow import build_slow, slow_sources

COUNT = 40
COPIES = 1  # /reprint/0 answers what /story/0 does: one of them is recorded as a duplicate
SMALL_BATCHES = ["-s", "ARCHIVE_BATCH_SIZE=3", "-s", "ARCHIVE_BATCH_SECONDS=0.5"]


def read(path: Path, sql: str) -> list[tuple]:
    """A query on a read-only connection (as a crash survivor or concurrent reader sees it)."""
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        try:
            return db.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise


def archived(path: Path) -> set[str]:
    return {url for (url,) in read(path, "SELECT url FROM articles")}


def story_hits(site: SiteServer) -> int:
    return sum(n for p, n in site.hits.items() if p.startswith("/story/"))


def wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def start(sources: Path, db: Path, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        crawl_command(sources, db, *SMALL_BATCHES, *args),
        cwd=ROOT,
        env=CRAWL_ENV,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_for(ready: Callable[[], bool], process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 90
    while not ready():
        assert process.poll() is None, f"crawl ended before {what}"
        assert time.monotonic() < deadline, f"never reached {what}"
        time.sleep(0.01)


def integrity(path: Path) -> str:
    return read(path, "PRAGMA integrity_check")[0][0]


def kill_points(site: SiteServer, db: Path) -> list[tuple[str, Callable[[], bool]]]:
    """(name, condition) for each SIGKILL, checked against the site and the archive."""

    def downloading() -> bool:
        return story_hits(site) >= len(archived(db)) + 6

    wal = {"size": 0}

    def writing() -> bool:  # the WAL grows: a batch transaction is being committed
        size = wal_size(db)
        grew = wal["size"] and size > wal["size"]
        wal["size"] = max(wal["size"], size)
        return bool(grew)

    def extracting() -> bool:  # pages served but not archived: in the worker pool or a batch
        done = len(archived(db)) + len(read(db, "SELECT 1 FROM errors"))
        return story_hits(site) >= done + 4 and len(archived(db)) > 0

    return [("downloads", downloading), ("batch write", writing), ("extraction", extracting)]


def test_sigkill_at_several_points_then_resume(tmp_path):
    with SiteServer(lambda url: build_slow(url, COUNT, 0.25, COPIES)) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url), encoding="utf-8")
        db = tmp_path / "news.db"
        snapshots: list[tuple[set[str], Counter]] = []
        for name, ready in kill_points(site, db):
            before = archived(db)
            process = start(sources, db, tmp_path / f"{name}.log")
            wait_for(ready, process, name)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            assert integrity(db) == "ok", name
            after = archived(db)
            assert before <= after, f"articles lost by the kill during {name}"
            snapshots.append((after, Counter(site.hits)))
        assert len(snapshots[-1][0]) < COUNT, "the crawl finished before the last kill"
        # a kill can land before its run is recorded: resume what the archive recorded
        killed = [r[0] for r in read(db, "SELECT id FROM crawl_runs ORDER BY id DESC")]
        assert killed
        result = run_crawl(sources, db, *SMALL_BATCHES)
        assert result.returncode == 0
        assert_clean_log(result.log)
        assert f"resuming runs {killed}" in result.log
        assert integrity(db) == "ok"
        rows = read(db, "SELECT url FROM articles")
        assert len(rows) == len(set(rows)) == COUNT
        pages = COUNT + COPIES  # a duplicate's page is captured too
        assert read(db, "SELECT count(*), count(DISTINCT url) FROM captures") == [(pages, pages)]
        assert read(db, "SELECT count(*) FROM known_urls WHERE outcome = 'duplicate'") == [(1,)]
        for done, hits in snapshots:  # nothing archived before a kill was fetched again
            refetched = [
                u for u in done if site.hits[u.split(site.url)[1]] != hits[u.split(site.url)[1]]
            ]
            assert refetched == []
        statuses = [s for (s,) in read(db, "SELECT status FROM crawl_runs ORDER BY id")]
        assert statuses == ["killed"] * len(killed) + ["finished"]
        assert_books_balance(result.db, result.log)  # the resumed run accounts for its fetches


def test_sigterm_flushes_the_last_batch_and_records_interrupted(tmp_path):
    with SiteServer(lambda url: build_slow(url, COUNT, 0.25, COPIES)) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url), encoding="utf-8")
        db = tmp_path / "news.db"
        log = tmp_path / "term.log"
        # Batches too large to be written before the stop: only the final flush writes them.
        process = start(
            sources, db, log, "-s", "ARCHIVE_BATCH_SIZE=1000", "-s", "ARCHIVE_BATCH_SECONDS=1000"
        )
        wait_for(lambda: story_hits(site) >= 10, process, "ten pages fetched")
        assert archived(db) == set()
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
        assert_clean_log(log.read_text())
        assert integrity(db) == "ok"
        flushed = archived(db)
        assert len(flushed) >= 5, "the pending batch was not written"
        assert read(db, "SELECT status FROM crawl_runs") == [("interrupted",)]
        assert_books_balance(sqlite_utils.Database(db), log.read_text())  # held at SIGTERM
        hits = Counter(site.hits)
        result = run_crawl(sources, db)
        assert result.returncode == 0
        assert len(archived(db)) == COUNT
        assert read(db, "SELECT count(*) FROM known_urls WHERE outcome = 'duplicate'") == [(1,)]
        assert all(site.hits[u.split(site.url)[1]] == hits[u.split(site.url)[1]] for u in flushed)
        assert [s for (s,) in read(db, "SELECT status FROM crawl_runs ORDER BY id")] == [
            "interrupted",
            "finished",
        ]
        assert_books_balance(result.db, result.log)
