"""Duplicates and syndication: exact copies under several URLs, near-duplicate clusters.

Exact: an article whose title and text (``content_hash``) are already archived
under another id (an AMP or print copy with its own canonical, a syndicated
copy) is not a second article: ``exact_duplicate`` finds the first one and
``record_url`` keeps the URL in ``article_urls`` (``kind = duplicate``). Fetched
URLs that resolve to an article through ``rel=canonical`` are kept there too
(``kind = variant``).

Near: wire stories republished with small edits. Each article's text gets a
MinHash signature over word shingles (``minhashes``: computed by the extraction
worker, ``signature_bytes``, and recomputed at the end of a crawl for any article
whose ``content_hash`` has changed since); ``cluster`` finds pairs whose estimated
Jaccard similarity reaches ``threshold`` by MinHash LSH (``similar_pairs``: NumPy
over the stored signatures, 512 bytes per article and no object per article),
joins them into clusters (connected components), and stores ``articles.cluster_id`` (the
smallest article id of the cluster) and ``cluster_similarity`` (to its closest
member). Articles in different languages never cluster: translations are
linked by language, not treated as duplicates. The default threshold comes from
``bench/near_duplicates.py``. Settings read: none (``DedupeExtension`` passes
``DEDUPE_THRESHOLD``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipelines.extract.minhash import NUM_PERM, signature_bytes

THRESHOLD = 0.3  # best F1, chosen from bench/near_duplicates.py (see README)


def save_signature(db: Any, article_id: str, content_hash: str, blob: bytes) -> None:
    """Keep a signature computed elsewhere (the extraction worker) for this text."""
    db.execute(
        "INSERT INTO minhashes (article_id, content_hash, signature) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, "
        "signature = excluded.signature",
        [article_id, content_hash, blob],
    )


def exact_duplicate(db: Any, article: dict[str, Any]) -> str | None:
    """The id of another archived article with the same title and text, if any."""
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [article["id"]]).fetchone():
        return None  # a fetch of an article we have: an update, not a copy
    row = db.execute(
        "SELECT id FROM articles WHERE content_hash = ? ORDER BY rowid LIMIT 1",
        [article["content_hash"]],
    ).fetchone()
    return row[0] if row else None


def record_urls(db: Any, article: dict[str, Any], page: Any, original: str | None) -> None:
    """Keep the fetched URL when it is not the article's own: a duplicate or a variant."""
    if original:
        record_url(db, page.url, original, page.source, "duplicate", page.fetched_at)
    elif page.url != article["canonical_url"]:
        record_url(db, page.url, article["id"], page.source, "variant", page.fetched_at)


def record_url(db: Any, url: str, article_id: str, source: str, kind: str, now: str) -> None:
    """Remember that ``url`` leads to ``article_id`` (first sighting wins)."""
    db.execute(
        "INSERT OR IGNORE INTO article_urls (url, article_id, source, kind, first_seen) "
        "VALUES (?, ?, ?, ?, ?)",
        [url, article_id, source, kind, now],
    )


def refresh_signatures(db: Any, chunk: int = 500) -> int:
    """Compute the MinHash of every article whose text changed since; returns how many.

    Reads the stale texts ``chunk`` at a time, so an old archive without signatures
    is signed in flat memory."""
    stale = db.execute(
        "SELECT a.id FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id "
        "WHERE m.content_hash IS NULL OR m.content_hash != a.content_hash"
    ).fetchall()
    ids = [article_id for (article_id,) in stale]
    for offset in range(0, len(ids), chunk):
        part = ids[offset : offset + chunk]
        marks = ", ".join("?" * len(part))
        texts = db.execute(
            f"SELECT id, text, content_hash FROM articles WHERE id IN ({marks})", part
        ).fetchall()
        rows = [
            {"article_id": i, "content_hash": h, "signature": signature_bytes(t or "")}
            for i, t, h in texts
        ]
        db.table("minhashes").upsert_all(rows, pk="article_id")
    return len(ids)


class _Components:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class ClusterReport:
    signatures: int
    clusters: int
    clustered: int


def _collision_chance(r: int, b: int, lo: float, hi: float, miss: bool) -> float:
    """Area under (or, ``miss``, above) the LSH S-curve between ``lo`` and ``hi`` (Simpson)."""
    steps = 200
    width = (hi - lo) / steps
    total = 0.0
    for step in range(steps + 1):
        s = lo + step * width
        chance = 1 - (1 - s**r) ** b
        weight = 1 if step in (0, steps) else (4 if step % 2 else 2)
        total += weight * ((1 - chance) if miss else chance)
    return total * width / 3


@lru_cache(maxsize=32)
def bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) that minimise false positives + false negatives at
    ``threshold``: the choice of datasketch's ``MinHashLSH`` (37 x 3 at 0.3)."""
    best, choice = float("inf"), (1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = _collision_chance(r, b, 0.0, threshold, False) + _collision_chance(
                r, b, threshold, 1.0, True
            )
            if error < best:
                best, choice = error, (b, r)
    return choice


def similar_pairs(
    items: list[tuple[str, str | None, Any]], threshold: float
) -> dict[tuple[str, str], float]:
    """Pairs (a < b) of same-language items whose estimated Jaccard reaches ``threshold``.

    Each item is (key, language, signature): stored bytes (``signature_bytes``) or
    hash values. MinHash LSH done with NumPy on one uint32 matrix (512 bytes per
    item, no objects per item): items that agree on every row of some band are
    candidates, and a candidate pair's similarity is the share of equal hash
    values, as datasketch's ``MinHashLSH`` and ``MinHash.jaccard`` compute them.
    """
    import numpy as np

    if len(items) < 2:
        return {}
    keys = [key for key, _, _ in items]
    languages = [language for _, language, _ in items]
    matrix = np.empty((len(items), NUM_PERM), dtype=np.uint32)
    for row, (_, _, values) in enumerate(items):
        if isinstance(values, bytes | bytearray | memoryview):
            matrix[row] = np.frombuffer(values, dtype="<u4")
        else:
            matrix[row] = np.asarray(values)
    b, r = bands(threshold)
    candidates: set[tuple[int, int]] = set()
    for band in range(b):
        block = np.ascontiguousarray(matrix[:, band * r : (band + 1) * r])
        cells = block.view(np.dtype((np.void, 4 * r))).ravel()
        order = np.argsort(cells, kind="stable")
        ordered = cells[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, len(ordered)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = sorted(order[start : start + size].tolist())
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    if languages[first] == languages[second]:
                        candidates.add((first, second))
    pairs: dict[tuple[str, str], float] = {}
    found = sorted(candidates)
    for offset in range(0, len(found), 50_000):
        chunk = np.array(found[offset : offset + 50_000], dtype=np.int64)
        equal = (matrix[chunk[:, 0]] == matrix[chunk[:, 1]]).sum(axis=1) / NUM_PERM
        for (first, second), similarity in zip(chunk.tolist(), equal.tolist(), strict=True):
            if similarity >= threshold:
                a, b_ = sorted((keys[first], keys[second]))
                pairs[(a, b_)] = similarity
    return pairs


def cluster(db: Any, threshold: float = THRESHOLD) -> ClusterReport:
    """Recompute the near-duplicate clusters of the whole archive."""
    from pipelines.archive.schema import atomic

    with atomic(db):
        refreshed = refresh_signatures(db)
    items = [
        (article_id, language, blob)
        for article_id, language, blob in db.execute(
            "SELECT a.id, a.language, m.signature FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id"
        ).fetchall()
    ]
    pairs = similar_pairs(items, threshold)
    components = _Components()
    best: dict[str, float] = {}
    for (a, b), similarity in pairs.items():
        components.union(a, b)
        best[a] = max(best.get(a, 0.0), similarity)
        best[b] = max(best.get(b, 0.0), similarity)
    with atomic(db):
        db.execute(
            "UPDATE articles SET cluster_id = NULL, cluster_similarity = NULL "
            "WHERE cluster_id IS NOT NULL"
        )
        for article_id, similarity in best.items():
            db.execute(
                "UPDATE articles SET cluster_id = ?, cluster_similarity = ? WHERE id = ?",
                [components.find(article_id), round(similarity, 4), article_id],
            )
    return ClusterReport(refreshed, len({components.find(a) for a in best}), len(best))
