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
whose ``content_hash`` has changed since); ``cluster`` finds pairs whose estimated Jaccard
similarity reaches ``threshold`` with datasketch's MinHash LSH, joins them into
clusters (connected components), and stores ``articles.cluster_id`` (the
smallest article id of the cluster) and ``cluster_similarity`` (to its closest
member). Articles in different languages never cluster: translations are
linked by language, not treated as duplicates. The default threshold comes from
``bench/near_duplicates.py``. Settings read: none (``DedupeExtension`` passes
``DEDUPE_THRESHOLD``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # datasketch pulls in SciPy: imported when first needed
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; signatures are stored as uint32
SHINGLE = 3
THRESHOLD = 0.3  # best F1, chosen from bench/near_duplicates.py (see README)
WORD = re.compile(r"\w+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def tokens(text: str) -> list[str]:
    """Lower-case words; each CJK character is a word of its own."""
    return WORD.findall(CJK.sub(lambda m: f" {m.group(0)} ", text.lower()))


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = tokens(text)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash


def signature_bytes(text: str) -> bytes:
    """The stored form of ``signature(text)`` (``minhashes.signature``)."""
    return signature(text).hashvalues.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> MinHash:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype="<u4"), scheme=SCHEME)


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


def refresh_signatures(db: Any) -> int:
    """Compute the MinHash of every article whose text changed since; returns how many."""
    stale = db.execute(
        "SELECT a.id, a.text, a.content_hash FROM articles a "
        "LEFT JOIN minhashes m ON m.article_id = a.id "
        "WHERE m.content_hash IS NULL OR m.content_hash != a.content_hash"
    ).fetchall()
    rows = [
        {
            "article_id": article_id,
            "content_hash": content_hash,
            "signature": signature_bytes(text or ""),
        }
        for article_id, text, content_hash in stale
    ]
    db.table("minhashes").upsert_all(rows, pk="article_id")
    return len(rows)


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


def similar_pairs(
    items: list[tuple[str, str | None, MinHash]], threshold: float
) -> dict[tuple[str, str], float]:
    """Pairs (a < b) of same-language items whose estimated Jaccard reaches ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for key, _, minhash in items:
        lsh.insert(key, minhash)
    by_key = {key: (language, minhash) for key, language, minhash in items}
    pairs: dict[tuple[str, str], float] = {}
    for key, language, minhash in items:
        for other in lsh.query(minhash):
            if other <= key or by_key[other][0] != language:
                continue
            similarity = minhash.jaccard(by_key[other][1])
            if similarity >= threshold:
                pairs[(key, other)] = similarity
    return pairs


def cluster(db: Any, threshold: float = THRESHOLD) -> ClusterReport:
    """Recompute the near-duplicate clusters of the whole archive."""
    with db.atomic():
        refreshed = refresh_signatures(db)
    items = [
        (article_id, language, from_bytes(blob))
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
    with db.atomic():
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
