"""The ledger of a distributed run: every request scheduled, and whether it got an outcome.

Plain functions over the archive's ``run_requests`` table (no Scrapy, no Redis). A
row is written when the seeder seeds a URL or a worker schedules a request (a
``queued`` message), and turns ``done`` when the writer archives an outcome for its
URL: an article (by requested, final or canonical URL), an error row, or a frontier
update (a feed, sitemap or listing read, a 304). A worker killed with SIGKILL takes
the requests it had popped from Redis with it, and their fingerprints stay in the
shared duplicate filter, so nothing would fetch them again: ``requeue`` finds them
(scheduled, no outcome) and returns them as seeds that bypass the filter. The
archive, not Redis, is the record of what is done. Settings read: none.
"""

from __future__ import annotations

import json
from typing import Any

from pipelines.archive.schema import atomic
from pipelines.items import ArticleItem, ErrorItem, FrontierItem


def record(
    db: Any,
    run_id: int,
    seed: dict[str, Any],
    at: str,
    worker: str = "",
) -> None:
    """A URL scheduled in this run (the caller wraps a batch in ``db.atomic()``)."""
    meta = seed.get("meta", {})
    db.execute(
        "INSERT OR IGNORE INTO run_requests (run_id, url, source, via, seed, state, worker, "
        "queued_at, attempts) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, 1)",
        [
            run_id,
            seed["url"],
            meta.get("source", ""),
            meta.get("via", ""),
            json.dumps(seed, ensure_ascii=False),
            worker,
            at,
        ],
    )


def outcome_urls(item: Any) -> set[str]:
    """The URLs an archived item gives an outcome to."""
    if isinstance(item, ArticleItem):
        page = item.page
        return set(filter(None, (page.requested_url, page.url, item.article.get("canonical_url"))))
    if isinstance(item, ErrorItem):
        return {item.url}
    if isinstance(item, FrontierItem) and item.state != "queued":
        return {item.url}
    return set()


def mark_done(db: Any, run_id: int, urls: set[str], at: str) -> int:
    """Mark these URLs of the run done; returns how many rows changed."""
    changed = 0
    for url in urls:
        cursor = db.execute(
            "UPDATE run_requests SET state = 'done', done_at = ? "
            "WHERE run_id = ? AND url = ? AND state = 'queued'",
            [at, run_id, url],
        )
        changed += cursor.rowcount
    return changed


def pending(db: Any, run_id: int) -> list[dict[str, Any]]:
    """Rows of the run scheduled and never given an outcome."""
    rows = db.execute(
        "SELECT url, seed, attempts FROM run_requests WHERE run_id = ? AND state = 'queued' "
        "ORDER BY queued_at, url",
        [run_id],
    ).fetchall()
    return [{"url": url, "seed": json.loads(seed), "attempts": n} for url, seed, n in rows]


def requeue(db: Any, run_id: int, max_attempts: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Seeds (bypassing the duplicate filter) for the run's unfinished requests.

    Returns ``(seeds, given_up)``: a URL requeued ``max_attempts`` times already is
    marked ``lost`` and listed in ``given_up`` instead.
    """
    seeds: list[dict[str, Any]] = []
    given_up: list[str] = []
    with atomic(db):
        for row in pending(db, run_id):
            if row["attempts"] >= max_attempts:
                db.execute(
                    "UPDATE run_requests SET state = 'lost' WHERE run_id = ? AND url = ?",
                    [run_id, row["url"]],
                )
                given_up.append(row["url"])
                continue
            db.execute(
                "UPDATE run_requests SET attempts = attempts + 1 WHERE run_id = ? AND url = ?",
                [run_id, row["url"]],
            )
            seeds.append({**row["seed"], "dont_filter": True})
    return seeds, given_up


def counts(db: Any, run_id: int) -> dict[str, int]:
    """Rows of the run per state (``queued``, ``done``, ``lost``)."""
    rows = db.execute(
        "SELECT state, count(*) FROM run_requests WHERE run_id = ? GROUP BY state", [run_id]
    )
    return dict(rows.fetchall())
