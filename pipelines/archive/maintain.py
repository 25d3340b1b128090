"""Keeping a long-lived archive in shape: full-text merges, statistics, the WAL, free pages, checks.

``maintain(db)`` runs, in order, each step in its own short transaction so that Datasette
keeps reading (WAL readers are never blocked; only other writers wait):

- ``fts_optimize``: merges every FTS5 index's segments into one (``INSERT INTO t(t)
  VALUES('optimize')``); a crawl every 15 minutes adds a segment a run, and queries
  slow down with their number;
- ``merge_bands``: the near-duplicate bands written since the last run (``lsh_recent``)
  move into the band index ``lsh_bands`` in one ordered pass
  (``pipelines.archive.dedupe.merge_bands``), so each batch's band keys keep landing
  on a small table's few pages;
- ``analyze``: ``ANALYZE`` with ``PRAGMA analysis_limit`` (bounded work at any size), so
  the query planner knows the archive's indexes;
- ``incremental_vacuum``: returns free pages to the file system when the archive has
  ``auto_vacuum = INCREMENTAL`` (every archive created since this step; an older one
  reports its free pages and is left as it is, since converting needs a full VACUUM);
- ``integrity``: ``PRAGMA integrity_check`` (``quick``: ``quick_check``, which skips the
  index-to-table cross checks), and the FTS5 indexes' own ``integrity-check`` (an
  external-content index against its table's rows too; the archive's contentless
  ``articles_search`` can only be checked for its own consistency);
- ``checkpoint``: ``PRAGMA wal_checkpoint(TRUNCATE)``: the WAL written back and emptied
  last, after the writes above (a reader that holds the WAL makes it report
  ``busy``: the next run finishes it).

What it did, step by step with seconds and results, is one ``maintenance_runs`` row.
Plain sqlite-utils; no Scrapy. Settings read: none (``scrapy maintain`` passes
``ARCHIVE_DB``). Stats: none (the row is the record).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from pipelines.archive import dedupe
from pipelines.archive.schema import atomic
from pipelines.extract.dates import utc_now

ANALYSIS_LIMIT = 1000  # rows sampled per index by ANALYZE: bounded at any archive size


def fts_tables(db: Any) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
            "'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name"
        )
    ]


def fts_optimize(db: Any) -> dict[str, Any]:
    merged = {}
    for table in fts_tables(db):
        with atomic(db):
            db.execute(f"INSERT INTO [{table}] ([{table}]) VALUES ('optimize')")
        merged[table] = "optimized"
    return merged


def analyze(db: Any) -> dict[str, Any]:
    db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    db.execute("ANALYZE")
    db.conn.commit()
    return {"analysis_limit": ANALYSIS_LIMIT}


def checkpoint(db: Any) -> dict[str, Any]:
    busy, log, done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return {"busy": busy, "wal_pages": log, "checkpointed": done}


def incremental_vacuum(db: Any) -> dict[str, Any]:
    mode = db.execute("PRAGMA auto_vacuum").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    if mode != 2:
        return {"auto_vacuum": mode, "free_pages": free, "freed": 0}
    # one page per step of the statement: executescript steps it to the end (execute would
    # free a single page)
    db.conn.executescript("PRAGMA incremental_vacuum;")
    after = db.execute("PRAGMA freelist_count").fetchone()[0]
    return {"auto_vacuum": mode, "free_pages": free, "freed": free - after}


def integrity(db: Any, quick: bool = False) -> dict[str, Any]:
    pragma = "quick_check" if quick else "integrity_check"
    problems = [row[0] for row in db.execute(f"PRAGMA {pragma}(100)") if row[0] != "ok"]
    for table in fts_tables(db):
        try:
            # rank 1: an external-content index is checked against its table's rows too
            db.execute(f"INSERT INTO [{table}] ([{table}], rank) VALUES ('integrity-check', 1)")
        except Exception as exc:  # sqlite3.DatabaseError: the index disagrees with its table
            problems.append(f"{table}: {exc}")
    return {"check": pragma, "ok": not problems, "problems": problems}


def maintain(db: Any, quick: bool = False, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run every step not in ``skip``; returns (and stores) the ``maintenance_runs`` row."""
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("fts_optimize", lambda: fts_optimize(db)),
        ("merge_bands", lambda: dedupe.merge_bands(db)),
        ("analyze", lambda: analyze(db)),
        ("incremental_vacuum", lambda: incremental_vacuum(db)),
        ("integrity", lambda: integrity(db, quick)),
        ("checkpoint", lambda: checkpoint(db)),
    ]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    pages_before = db.execute("PRAGMA page_count").fetchone()[0]
    row: dict[str, Any] = {"started_at": utc_now(), "status": "finished"}
    done: dict[str, Any] = {}
    for name, step in steps:
        if name in skip:
            continue
        began = time.perf_counter()
        try:
            result = step()
        except Exception as exc:  # a step that fails is recorded; the others still run
            result, row["status"] = {"error": f"{type(exc).__name__}: {exc}"}, "failed"
        done[name] = {"seconds": round(time.perf_counter() - began, 3), **result}
    if not done.get("integrity", {}).get("ok", True) and row["status"] == "finished":
        row["status"] = "integrity_failed"
    row.update(
        finished_at=utc_now(),
        steps=json.dumps(done, ensure_ascii=False),
        bytes_before=pages_before * page_size,
        bytes_after=db.execute("PRAGMA page_count").fetchone()[0] * page_size,
    )
    with atomic(db):
        row["id"] = db["maintenance_runs"].insert(row).last_pk
    return row
