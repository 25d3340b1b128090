"""A distributed run's requests in the one ledger of outcomes (``known_urls``).

Plain functions over the archive (no Scrapy, no Redis). When the seeder seeds a
URL or a worker schedules a request (a ``queued`` message), its ``known_urls`` row
keeps the request to replay (``pipelines.archive.frontier.schedule``: ``request``,
``requested_run``, ``attempts``); when the writer archives an item for the URL (an
article by requested, final or canonical URL, an error row, a feed, sitemap or
listing read, a 304) the request is settled and the row holds the outcome, as in a
single-machine crawl. A worker killed with SIGKILL takes the requests it had popped
from Redis with it, and their fingerprints stay in the shared duplicate filter, so
nothing would fetch them again: ``requeue`` finds them (scheduled in the run, not
settled) and returns them as seeds that bypass the filter; past ``max_attempts`` it
gives them up, and the writer records them as errors (``worker_lost``). The archive,
not Redis, is the record of what is done. Settings read: none.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pipelines.archive import frontier
from pipelines.items import ArticleItem, ErrorItem, FrontierItem

LOST = "worker_lost"  # the reason of a request given up after ``max_attempts``


def record(db: Any, run_id: int, seed: dict[str, Any], at: str) -> None:
    """A URL scheduled in this run (the caller holds the transaction)."""
    frontier.schedule(db, run_id, seed, at)


def outcome_urls(item: Any) -> set[str]:
    """The URLs an archived item settles."""
    if isinstance(item, ArticleItem):
        page = item.page
        urls = (page.requested_url, page.url, item.article.get("canonical_url"))
    elif isinstance(item, ErrorItem | FrontierItem) and getattr(item, "state", "") != "queued":
        urls = (item.requested_url, item.url)
    else:
        urls = ()
    return set(filter(None, urls))


def settle(db: Any, urls: set[str]) -> int:
    return frontier.settle(db, urls)


def pending(db: Any, run_id: int) -> list[dict[str, Any]]:
    """The run's requests not settled yet: URL, source, request and attempts."""
    rows = db.execute(
        "SELECT url, source, request, coalesce(attempts, 1) FROM known_urls "
        "WHERE requested_run = ? AND request IS NOT NULL ORDER BY url",
        [run_id],
    ).fetchall()
    return [
        {"url": url, "source": source, "seed": json.loads(request), "attempts": n}
        for url, source, request, n in rows
    ]


def requeue(
    db: Any, run_id: int, max_attempts: int
) -> tuple[list[dict[str, Any]], list[ErrorItem]]:
    """Seeds (bypassing the duplicate filter) for the run's requests never settled.

    Returns ``(seeds, given_up)``: a request scheduled ``max_attempts`` times already
    comes back as an ``ErrorItem`` (reason ``worker_lost``) for the writer to record
    as its outcome instead. The caller holds the transaction.
    """
    seeds: list[dict[str, Any]] = []
    given_up: list[ErrorItem] = []
    for row in pending(db, run_id):
        if row["attempts"] >= max_attempts:
            detail = f"scheduled {row['attempts']} times; each worker that took it died"
            given_up.append(ErrorItem(row["url"], row["source"], LOST, detail))
            continue
        db.execute(
            "UPDATE known_urls SET attempts = coalesce(attempts, 1) + 1 WHERE url = ?",
            [row["url"]],
        )
        seeds.append({**row["seed"], "dont_filter": True})
    return seeds, given_up


def counts(db: Any, run_id: int) -> dict[str, int]:
    """The run's scheduled URLs: ``settled`` and ``in_flight`` (no outcome yet)."""
    (settled, in_flight) = db.execute(
        "SELECT count(*) FILTER (WHERE request IS NULL), count(request) FROM known_urls "
        "WHERE requested_run = ?",
        [run_id],
    ).fetchone()
    return {"settled": settled, "in_flight": in_flight}


def fetched(db: Any, run_id: int) -> dict[str, Counter[str]]:
    """Per source, the run's scheduled URLs: ``fetched`` (an outcome recorded in the run)
    and ``in_flight`` (not settled)."""
    rows = db.execute(
        "SELECT source, count(*) FILTER (WHERE run_id = ? AND outcome IS NOT NULL), "
        "count(request) FROM known_urls WHERE requested_run = ? GROUP BY source",
        [run_id, run_id],
    ).fetchall()
    return {source: Counter(fetched=f, in_flight=n) for source, f, n in rows}


def in_flight(db: Any, run_id: int) -> list[str]:
    return [row["url"] for row in pending(db, run_id)]
