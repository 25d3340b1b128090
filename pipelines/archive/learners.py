"""The site-level learners of an archive write, run in order on each article.

``SiteLearners([...])`` runs each learner's ``apply`` on an article as it is written and
each one's ``finish`` at the end of the batch's transaction: the title learner
(``pipelines.archive.titles``) first, since the content hash covers the title, then the
boilerplate learner (``pipelines.archive.boilerplate``). ``write_batch``, ``reextract``
and ``import_warc`` take it where they take one learner; each learner counts its
decisions as a ``Decisions``. Settings read: none
(``crawler.pipelines.archive.site_learner`` makes it). Stats: ``drain`` returns each
learner's counts under its own prefix (``news/titles/...``, ``news/boilerplate/...``).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any


class Decisions:
    """What a site-level learner decided since the last ``drain``, counted by name."""

    stats = "news"  # the prefix of its stats (each learner names its own)

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()  # decisions since the last drain()
        self.crossed: dict[str, set[str]] = {}  # source -> fingerprints that just qualified

    def _inc(self, key: str, count: int = 1) -> None:
        if count:
            self.counts[key] += count

    def drain(self) -> Counter[str]:
        """The decisions counted since the last call (the archive adds them to its stats)."""
        counts, self.counts = self.counts, Counter()
        return counts


def marked(
    db: Any, table: str, condition: str, source: str, args: list, prints: set[str]
) -> set[str]:
    """Which of ``prints`` (fingerprints) the rows of ``source`` in a learner's ``table``
    mark as the site's own by ``condition`` (SQL with ``args``)."""
    return set(marks(db, table, condition, source, args, prints))


def marks(
    db: Any, table: str, condition: str, source: str, args: list, prints: set[str]
) -> dict[str, int]:
    """``marked``, with each one's count (``articles``)."""
    if not prints:
        return {}
    rows = db.execute(
        f"SELECT fingerprint, articles FROM {table} WHERE source = ? AND {condition} "
        "AND fingerprint IN (SELECT value FROM json_each(?))",
        [source, *args, json.dumps(list(prints))],
    ).fetchall()
    return dict(rows)


class SiteLearners:
    def __init__(self, learners: list[Any]) -> None:
        self.learners = learners

    def apply(self, db: Any, article: dict[str, Any], source: str, now: str) -> None:
        for learner in self.learners:
            learner.apply(db, article, source, now)

    def finish(self, db: Any, sign: bool = False) -> None:
        """Each learner's ``finish``; ``sign``: the batch clusters (its cleaned texts'
        signatures are derived from their stored ones where that can tell)."""
        for learner in self.learners:
            learner.finish(db, sign)

    def drain(self) -> Counter[str]:
        """The decisions since the last call, as stat names (``news/<learner>/<decision>``)."""
        counts: Counter[str] = Counter()
        for learner in self.learners:
            for key, count in learner.drain().items():
                counts[f"{learner.stats}/{key}"] += count
        return counts
