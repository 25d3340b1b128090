"""``scrapy maintain``: full-text merges, statistics, WAL, free pages and checks, beside readers."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from test_dedupe import article, band_rows, expected_bands, item

from crawler.lock import acquire
from pipelines.archive import dedupe
from pipelines.archive.batch import write_batch
from pipelines.archive.maintain import maintain
from pipelines.archive.schema import open_archive

from conftest import SCRAPY_STRICT
from sites.demo.synthetic import story

ROOT = Path(__file__).resolve().parents[1]


def archive(path: Path, batches: int = 6, per_batch: int = 20):
    """An archive written by several runs (one full-text segment each, and the bands of
    all but the first in ``lsh_recent``), some articles then deleted (free pages)."""
    db = open_archive(path)
    rng = random.Random(3)
    for run in range(batches):
        items = [item(article(run * 100 + n, *story(rng))) for n in range(per_batch)]
        write_batch(db, items, run + 1, True)
        dedupe.cluster(db)
    with db.conn:
        db.execute("DELETE FROM articles WHERE rowid % 2 = 0")
    return db


def segments(db) -> int:
    return db.execute("SELECT count(*) FROM articles_search_data").fetchone()[0]


def scrapy(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", SCRAPY_STRICT, *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_maintenance_merges_analyses_frees_and_checks_while_a_reader_reads(tmp_path):
    db = archive(tmp_path / "news.db")
    assert db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # new archives: incremental
    free, before = db.execute("PRAGMA freelist_count").fetchone()[0], segments(db)
    assert free > 0
    reader = sqlite3.connect(tmp_path / "news.db")  # Datasette's side: a read in progress
    reader.execute("BEGIN")
    titles = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    bands, recent = band_rows(db), db.execute("SELECT count(*) FROM lsh_recent").fetchone()[0]
    assert 0 < recent < len(bands)
    row = maintain(db)
    steps = json.loads(row["steps"])
    assert row["status"] == "finished" and list(steps) == [
        "fts_optimize", "merge_bands", "analyze", "incremental_vacuum", "integrity", "checkpoint"
    ]  # fmt: skip
    merged = steps["merge_bands"]  # half the articles were deleted: their bands are retired
    assert (merged["bands"], merged["retired"]) == (recent // 2, 60)
    assert not db.execute("SELECT 1 FROM lsh_recent").fetchall()  # moved into lsh_bands
    assert band_rows(db) == expected_bands(db) < bands  # the deleted articles' bands went
    assert segments(db) < before  # one segment per index after the merge
    assert steps["checkpoint"]["busy"] == 1  # the reader holds the WAL: it is not cut under it
    vacuum = steps["incremental_vacuum"]
    assert vacuum["freed"] == vacuum["free_pages"] >= free > 0
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert steps["integrity"] == {**steps["integrity"], "ok": True, "problems": []}
    assert db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == titles
    reader.rollback()
    reader.close()
    again = json.loads(maintain(db)["steps"])
    assert again["checkpoint"]["busy"] == 0 and again["checkpoint"]["wal_pages"] == 0
    rows = list(db["maintenance_runs"].rows)
    assert len(rows) == 2 and rows[1]["bytes_after"] <= rows[0]["bytes_before"]


def test_a_broken_full_text_index_fails_the_check(tmp_path):
    db = archive(tmp_path / "news.db", batches=2)
    with db.conn:  # a segment of the index lost behind its back (a damaged page, say)
        db.execute(
            "DELETE FROM articles_search_data WHERE id = (SELECT max(id) FROM articles_search_data)"
        )
    row = maintain(db, quick=True, skip=("fts_optimize",))
    steps = json.loads(row["steps"])
    assert row["status"] == "integrity_failed" and "fts_optimize" not in steps
    assert steps["integrity"]["check"] == "quick_check"
    assert any(p.startswith("articles_search:") for p in steps["integrity"]["problems"])


def test_maintain_command_reports_and_never_runs_beside_a_crawl(tmp_path):
    path = tmp_path / "news.db"
    archive(path, batches=2).conn.close()
    done = scrapy("maintain", "-s", f"ARCHIVE_DB={path}")
    assert done.returncode == 0, done.stderr
    assert "integrity: " in done.stdout and "ok=True" in done.stdout
    assert "maintenance run 1: finished" in done.stdout
    lock = acquire(path)  # a crawl is running on the archive
    try:
        busy = scrapy("maintain", "-s", f"ARCHIVE_DB={path}")
    finally:
        lock.close()
    assert busy.returncode == 3 and "another crawl is already running" in busy.stderr
    missing = scrapy("maintain", "-s", f"ARCHIVE_DB={tmp_path / 'none.db'}")
    assert missing.returncode == 2 and "no archive at" in missing.stderr
    assert not (tmp_path / "none.db").exists()
