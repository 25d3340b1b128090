"""Resume an interrupted or killed crawl from the archive: what it already did is not redone.

The archive's outcome ledger (``known_urls``: ``pipelines.archive.frontier``) is the record of
finished work: a URL with an outcome recorded by the unfinished runs is done.
When a crawl starts and the latest runs over the same sources did not finish
(``interrupted`` by SIGTERM/Ctrl-C, or still ``running`` because the process was
killed), ``resume_plan(db, ...)`` returns those runs, the done URLs (which the spider then
skips) and the hreflang alternates of the articles archived by them (whose pages
are not fetched again, so their links are followed from the archive). Discovery
(feeds, sitemaps, start pages) is cheap and simply runs again. Killed runs still
marked ``running`` are marked ``killed`` (``mark_killed``, on the writer). Work that was in
flight when the crawl
died (downloaded, being extracted, or in a batch not yet written) was never
recorded, so it is fetched again: nothing is lost, and nothing is archived twice
(articles are keyed by their canonical URL).
Settings read: none (the spider passes ``NEWS_RESUME`` and ``ARCHIVE_DB``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pipelines.archive.schema import atomic

UNFINISHED = ("running", "interrupted", "killed")


@dataclass
class ResumePlan:
    runs: list[int] = field(default_factory=list)  # the unfinished runs resumed
    done: set[str] = field(default_factory=set)  # URLs given an outcome by those runs
    follow: list[tuple[str, str]] = field(default_factory=list)  # (source, url) alternates


def resume_plan(db: Any, sources: list[str], current_run: int | None) -> ResumePlan:
    """What the unfinished runs over ``sources`` (just before ``current_run``) already did,
    read from ``db`` (any connection: it only reads; ``mark_killed`` writes)."""
    plan = ResumePlan()
    chain: list[tuple[int, str]] = []
    rows = db.execute(
        "SELECT id, started_at, status, sources FROM crawl_runs WHERE id < ? ORDER BY id DESC",
        [current_run if current_run is not None else 2**62],
    ).fetchall()
    for run_id, started_at, status, names in rows:
        if sorted(json.loads(names or "[]")) != sorted(sources):
            continue
        if status not in UNFINISHED:
            break
        chain.append((run_id, started_at))
    if not chain:
        return plan
    plan.runs = [run_id for run_id, _ in chain]
    since = min(started_at for _, started_at in chain)
    marks = ",".join("?" * len(sources))
    for source, hreflang in db.execute(
        f"SELECT source, hreflang FROM articles WHERE last_fetched >= ? AND source IN ({marks})",
        [since, *sources],
    ).fetchall():
        plan.follow.extend((source, alt) for alt in json.loads(hreflang or "{}").values())
    runs = ",".join("?" * len(plan.runs))
    done = db.execute(
        f"SELECT url FROM known_urls WHERE run_id IN ({runs}) AND outcome IS NOT NULL "
        "AND kind NOT IN ('listing', 'page', 'feed', 'sitemap')",  # those are read again
        plan.runs,
    ).fetchall()
    plan.done.update(url for (url,) in done)
    return plan


def mark_killed(db: Any, runs: list[int]) -> None:
    """The resumed runs still marked ``running`` were killed: say so (one transaction)."""
    if not runs:
        return
    marks = ",".join("?" * len(runs))
    with atomic(db):
        db.execute(
            f"UPDATE crawl_runs SET status = 'killed' WHERE status = 'running' AND id IN ({marks})",
            runs,
        )
