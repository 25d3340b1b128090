"""Crawl runs: ``crawl_runs`` rows, per-source counts, and the run's accounting.

``start_run`` inserts a run (status ``running``); ``close_run`` ends it in one
transaction: end time, status, per-source counts, every stat and the accounting, the
distributed writer's worker report, the incremental state of each source
(``pipelines.archive.frontier.close_run``), and the originals of translation groups
marked by a site's main language counted again (``pipelines.archive.translations.settle``).
The single-machine recorder (``crawler.extensions.runs``) and the distributed writer
(``crawler.distributed.collector``) both close runs through it, and both count a
batch's outcomes with ``outcome_stats``.

The accounting: the spider calls ``Accounting.fetched(url, source)`` for every request
that came back, with a response or a failure (the URL as requested, before
redirects); the archive pipeline calls ``settle(url)`` once the item that carries the
URL's outcome is committed to the ledger (``known_urls``). At the end of a run every
fetched URL must be settled: ``unsettled()`` names the ones that are not, and ``line``
prints per source ``fetched N = new + updated + ... (outcomes)``, checked against the
per-source outcome counters (``news/source/NAME/OUTCOME``; ``per_source_counts``).
Settings read: none. Stats: none (``outcome_stats`` returns the keys callers add).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import sqlite_utils

from pipelines.archive import frontier, translations
from pipelines.archive.batch import OUTCOME_COUNTERS
from pipelines.archive.schema import atomic

# The per-source counters that are outcomes of a fetch (``pipelines.archive.batch.batch``).
OUTCOMES = OUTCOME_COUNTERS
COUNTERS = ("discovered", "known", "fetched", *OUTCOMES)
# Per-source counters of pages that failed in a way the source's settings can fix: the
# summary names the source and what to do (they are also ``failed`` outcomes).
NOTED = {
    "consent_wall": "pages were a cookie-consent dialog: set `cookies` (or `render`) for it",
}


class Accounting:
    def __init__(self) -> None:
        self.pending: dict[str, str] = {}  # fetched URL -> source, until settled

    def fetched(self, url: str, source: str) -> None:
        self.pending[url] = source

    def settle(self, url: str | None) -> None:
        if url is not None:
            self.pending.pop(url, None)

    def unsettled(self) -> dict[str, str]:
        """Fetched URLs with no recorded outcome (URL -> source)."""
        return dict(self.pending)


def balance(counts: dict[str, int]) -> dict[str, Any]:
    """One source's accounting from its counters: fetched, each outcome, and the gap."""
    outcomes = {name: counts.get(name, 0) for name in OUTCOMES if counts.get(name)}
    fetched = counts.get("fetched", 0)
    total = sum(outcomes.values())
    return {"fetched": fetched, "outcomes": outcomes, "recorded": total, "missing": fetched - total}


def line(source: str, counts: dict[str, int]) -> str:
    """``demo: fetched 60 = 48 new + 2 duplicate + ...`` (and what is missing, if any)."""
    books = balance(counts)
    parts = " + ".join(f"{n} {name}" for name, n in books["outcomes"].items()) or "0"
    text = f"{source}: fetched {books['fetched']} = {parts}"
    if books["missing"]:
        text += f" (MISSING {books['missing']})"
    for counter, advice in NOTED.items():
        if counts.get(counter):
            text += f"; {counts[counter]} {counter}: {advice}"
    return text


def per_source_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``news/source/NAME/COUNTER`` stats regrouped as {NAME: {COUNTER: n}}."""
    counts: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        parts = key.split("/")
        if len(parts) == 4 and parts[:2] == ["news", "source"]:
            counts.setdefault(parts[2], {})[parts[3]] = value
    return counts


def summary_table(counts: dict[str, dict[str, int]]) -> str:
    header = ["source", *COUNTERS]
    rows = [[name, *(str(c.get(k, 0)) for k in COUNTERS)] for name, c in sorted(counts.items())]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.rjust(w) if i else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [header, *rows]
    )


def start_run(db: sqlite_utils.Database, sources: list[str], now: str) -> int:
    table = db.table("crawl_runs")
    table.insert(
        {"started_at": now, "status": "running", "sources": json.dumps(sources), "counts": "{}"}
    )
    return int(table.last_pk)


def open_run(db: sqlite_utils.Database, sources: list[str], now: str) -> int:
    """``start_run`` in a transaction of its own; returns the run's id."""
    with atomic(db):
        return start_run(db, sources, now)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    now: str,
    status: str,
    counts: dict[str, dict[str, int]],
    stats: dict[str, Any],
    books: dict[str, Any] | None = None,
) -> None:
    db.table("crawl_runs").update(
        run_id,
        {
            "finished_at": now,
            "status": status,
            "counts": json.dumps(counts, sort_keys=True),
            "stats": json.dumps(stats, sort_keys=True, default=str),
            "accounting": json.dumps(books or {}, sort_keys=True),
        },
    )


def close_run(
    db: sqlite_utils.Database,
    run_id: int,
    now: str,
    status: str,
    counts: dict[str, dict[str, int]],
    stats: dict[str, Any],
    books: dict[str, Any],
    incremental: tuple[str, str, list[timedelta]] | None = None,
    workers: dict[str, Any] | None = None,
) -> None:
    """End a run in one transaction: the translation groups' originals settled, its row,
    and each source's incremental state when ``incremental`` (the run's start and end on
    the crawl's clock, the revisit steps) is given."""
    with atomic(db):
        translations.settle(db)
        finish_run(db, run_id, now, status, counts, stats, books)
        if workers is not None:
            db.table("crawl_runs").update(run_id, {"workers": json.dumps(workers, sort_keys=True)})
        if incremental is not None:
            started, finished, steps = incremental
            frontier.close_run(db, run_id, started, finished, counts, steps)


def outcome_stats(outcomes: Iterable[tuple[str, str]]) -> Counter[str]:
    """The stats a written batch adds: ``news/archive/OUTCOME`` (failed and skipped
    fetches as ``errors``) and ``news/source/NAME/OUTCOME`` per fetched URL."""
    counted: Counter[str] = Counter()
    for source, outcome in outcomes:
        counted["news/archive/" + ("errors" if outcome in ("failed", "skipped") else outcome)] += 1
        if outcome != "captures":
            counted[f"news/source/{source}/{outcome}"] += 1
    return counted
