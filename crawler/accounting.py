"""A run's accounting: every URL the crawl fetched, until the archive records its outcome.

The spider calls ``fetched(url, source)`` for every request that came back, with a
response or a failure (the URL as requested, before redirects); the archive
pipeline calls ``settle(url)`` once the item that carries the URL's outcome is
committed to the ledger (``known_urls``). At the end of a run every fetched URL
must be settled: ``unsettled()`` names the ones that are not, and ``lines()``
prints per source ``fetched N = new + updated + ... (outcomes)``, checked against
the per-source outcome counters the archive pipeline keeps in stats. Plain
Python; no Scrapy. Settings read: none.
"""

from __future__ import annotations

from typing import Any

from pipelines.archive.batch import OUTCOME_COUNTERS

# The per-source counters that are outcomes of a fetch (``pipelines.archive``).
OUTCOMES = OUTCOME_COUNTERS


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
    return text
