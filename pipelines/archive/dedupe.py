"""Duplicates and syndication: exact copies under several URLs, near-duplicate clusters.

Exact: an article whose title and text (``content_hash``) are already archived
under another id (an AMP or print copy with its own canonical, a syndicated
copy) is not a second article: ``exact_duplicate`` finds the first one and
``record_url`` keeps the URL in ``article_urls`` (``kind = duplicate``). Fetched
URLs that resolve to an article through ``rel=canonical`` are kept there too
(``kind = variant``).

Near: wire stories republished with small edits. Each article's text gets a
MinHash signature over word shingles (``minhashes``: computed by the extraction
worker, ``signature_bytes``, and recomputed by the batch, or at the end of a crawl, for
any article whose ``content_hash`` has changed since); ``cluster`` finds pairs whose estimated
Jaccard similarity reaches ``threshold`` by MinHash LSH (``similar_pairs``: NumPy
over the stored signatures, 512 bytes per article and no object per article),
joins them into clusters (connected components; the close takes what the batches left,
all of a crawl into an old archive never banded, ``CLOSE_CHUNK`` signatures at a time,
so its memory does not grow
with the crawl), and stores ``articles.cluster_id`` (the
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

from pipelines.archive.signatures import save_signature
from pipelines.extract.minhash import NUM_PERM, signature_bytes

THRESHOLD = 0.3  # best F1, chosen from bench/near_duplicates.py (see README)


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
    """Compute the MinHash of every article to band whose text changed since its signature
    (or that has none); returns how many.

    Only signatures marked as to be banded are looked at (``minhashes.banded IS NULL``, an
    indexed few after a crawl: written or changed articles), read ``chunk`` at a time, so
    an old archive without signatures is signed in flat memory."""
    stale = db.execute(
        "SELECT a.id FROM minhashes m JOIN articles a ON a.id = m.article_id "
        "WHERE m.banded IS NULL AND (m.content_hash IS NULL OR m.content_hash != a.content_hash "
        "OR m.signature IS NULL)"
    ).fetchall()
    ids = [article_id for (article_id,) in stale]
    for offset in range(0, len(ids), chunk):
        part = ids[offset : offset + chunk]
        marks = ", ".join("?" * len(part))
        texts = db.execute(
            f"SELECT id, text, content_hash FROM articles WHERE id IN ({marks})", part
        ).fetchall()
        for article_id, text, text_hash in texts:
            save_signature(db, article_id, text_hash, signature_bytes(text or ""))
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
    signatures: int  # signatures computed at the close (texts without a fresh one)
    clusters: int  # in the whole archive
    clustered: int  # articles in a cluster, in the whole archive
    banded: int = 0  # signatures banded by this call (new or changed articles)
    examined: int = 0  # articles clustered again: those, their candidates and clusters


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


# ``bands`` of the default threshold (``DEDUPE_THRESHOLD``), as it computes them: the
# search takes 60 ms of the writer's CPU at every crawl's first batch (a test checks it)
KNOWN_BANDS = {(0.3, 128): (37, 3)}


@lru_cache(maxsize=32)
def bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) that minimise false positives + false negatives at
    ``threshold``: the choice of datasketch's ``MinHashLSH`` (37 x 3 at 0.3)."""
    known = KNOWN_BANDS.get((threshold, num_perm))
    return known if known is not None else searched_bands(threshold, num_perm)


def searched_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``bands``, searched: every (bands, rows) that fits ``num_perm``."""
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
    items: list[tuple[str, str | None, Any]],
    threshold: float,
    band_rows: tuple[int, int] | None = None,
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
    b, r = band_rows or bands(threshold)
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


def band_matrix(matrix: Any, b: int, r: int) -> Any:
    """The ``b`` band keys of each row of a (signatures x hash values) uint32 matrix: band
    number and its ``r`` hash values mixed into a signed 64-bit integer (``lsh_bands.hash``).
    Two signatures that agree on a band share its key; a rare collision only makes a
    candidate, which is then checked on the signatures themselves."""
    import numpy as np

    rows = np.asarray(matrix[:, : b * r], dtype=np.uint64).reshape(len(matrix), b, r)
    mixed = np.repeat(
        (np.arange(1, b + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))[None, :],
        len(matrix),
        axis=0,
    )
    with np.errstate(over="ignore"):
        for column in range(r):
            mixed ^= rows[:, :, column] + np.uint64(0x632BE59BD9B4E019) * np.uint64(column + 1)
            mixed *= np.uint64(0xBF58476D1CE4E5B9)
            mixed ^= mixed >> np.uint64(31)
    return mixed.view(np.int64)


def _band(db: Any, seeds: list[tuple], b: int, r: int, look: bool, chunk: int = 20_000) -> set:
    """Put the seeds' band keys in ``temp.new_bands`` (sorted into the band index later, in
    one ordered insert) and return the items of ``lsh_bands`` and ``lsh_recent`` that share
    one (``look``)."""
    import numpy as np

    db.execute("CREATE TEMP TABLE IF NOT EXISTS new_bands (hash INTEGER, item INTEGER)")
    db.execute("DELETE FROM temp.new_bands")
    found: set[int] = set()
    for start in range(0, len(seeds), chunk):
        part = seeds[start : start + chunk]
        matrix = np.frombuffer(b"".join(row[3] for row in part), dtype="<u4")
        keys = band_matrix(matrix.reshape(len(part), NUM_PERM), b, r)
        items = np.repeat(np.array([row[0] for row in part], dtype=np.int64), b)
        db.conn.executemany(
            "INSERT INTO temp.new_bands VALUES (?, ?)",
            zip(keys.ravel().tolist(), items.tolist(), strict=True),
        )
        if look:  # sorted, so that consecutive probes walk nearby pages of the index
            probes = np.unique(keys).tolist()
            for offset in range(0, len(probes), 500):
                some = probes[offset : offset + 500]
                marks = ", ".join("?" * len(some))
                query = (
                    f"SELECT item FROM lsh_bands WHERE hash IN ({marks}) "
                    f"UNION ALL SELECT item FROM lsh_recent WHERE hash IN ({marks})"
                )
                found.update(item for (item,) in db.execute(query, some + some))
    return found


def _start(db: Any, threshold: float, full: bool) -> tuple[int, int]:
    """The bands for ``threshold`` (kept in ``lsh_params``: choosing them costs about a
    second); everything is banded again when the threshold changed, when the archive was
    never banded (made before incremental clustering) or on ``full``."""
    params = db.execute("SELECT threshold, bands, rows FROM lsh_params").fetchone()
    if params and params[0] == threshold and not full:
        return params[1], params[2]
    b, r = bands(threshold)
    db.execute("DELETE FROM lsh_bands")
    db.execute("DELETE FROM lsh_recent")
    db.execute("DELETE FROM lsh_retired")
    db.execute(
        "INSERT OR IGNORE INTO minhashes (article_id) SELECT id FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM minhashes)"
    )
    db.execute("UPDATE minhashes SET banded = NULL WHERE banded IS NOT NULL")
    db.execute("INSERT OR REPLACE INTO lsh_params VALUES (1, ?, ?, ?)", [threshold, b, r])
    return b, r


def _retire(db: Any, b: int, r: int) -> int:
    """Delete the bands of the signatures replaced or deleted since the last call
    (``lsh_retired``, kept by triggers), each by its key: ``lsh_bands`` needs no index by
    item. A key that was never stored (a signature replaced before it was banded) deletes
    nothing. Returns how many signatures."""
    import numpy as np

    retired = db.execute("SELECT item, signature FROM lsh_retired").fetchall()
    if not retired:
        return 0
    matrix = np.frombuffer(b"".join(row[1] for row in retired), dtype="<u4")
    keys = band_matrix(matrix.reshape(len(retired), NUM_PERM), b, r)
    items = np.repeat(np.array([row[0] for row in retired], dtype=np.int64), b)
    pairs = sorted(zip(keys.ravel().tolist(), items.tolist(), strict=True))
    for table in ("lsh_bands", "lsh_recent"):
        db.conn.executemany(f"DELETE FROM {table} WHERE hash = ? AND item = ?", pairs)
    db.execute("DELETE FROM lsh_retired")
    return len(retired)


def _rows(db: Any, column: str, keys: list[Any]) -> list[tuple[int, str, str | None, Any, Any]]:
    """(item, article id, language, signature, cluster id) of these minhashes rows."""
    found = []
    for offset in range(0, len(keys), 500):
        part = keys[offset : offset + 500]
        marks = ", ".join("?" * len(part))
        found += db.execute(
            "SELECT m.rowid, a.id, a.language, m.signature, a.cluster_id FROM minhashes m "
            f"JOIN articles a ON a.id = m.article_id WHERE {column} IN ({marks}) "
            "AND m.signature IS NOT NULL",
            part,
        ).fetchall()
    return found


CLOSE_CHUNK = 2_000  # signatures banded and clustered at a time by ``cluster`` (about 20 MB)


def cluster(
    db: Any, threshold: float = THRESHOLD, full: bool = False, chunk: int = CLOSE_CHUNK
) -> ClusterReport:
    """Bring the near-duplicate clusters up to date with every article not clustered yet
    (the crawl's close, after the batches clustered their own: ``assign``), in work
    proportional to them: the same clusters as a pass over the whole archive.

    Texts without a fresh signature are signed first; then what is left is banded and
    clustered ``chunk`` signatures at a time, each with the articles it shares a band
    with (as ``assign`` does a batch's), so the memory it takes does not grow with a
    first crawl's size (which the batches leave entirely to the close). ``full`` (or a
    new threshold) bands the whole archive again."""
    from pipelines.archive.schema import atomic

    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB while it probes the band index
    try:
        with atomic(db):
            b, r = _start(db, threshold, full)
            refreshed = refresh_signatures(db)
            pending = [
                item for (item,) in db.execute("SELECT rowid FROM minhashes WHERE banded IS NULL")
            ]
            _retire(db, b, r)  # deleted signatures' bands go, whether or not any is pending
            first = db.execute("SELECT 1 FROM lsh_bands LIMIT 1").fetchone() is None
            target = "lsh_bands" if first else "lsh_recent"
            banded = examined = 0
            for offset in range(0, len(pending), chunk):
                part = pending[offset : offset + chunk]
                done, seen = _assign(db, part, threshold, b, r, target)
                banded, examined = banded + done, examined + seen
            clusters_now, clustered = db.execute(
                "SELECT count(DISTINCT cluster_id), count(*) FROM articles "
                "WHERE cluster_id IS NOT NULL"
            ).fetchone()
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")
    return ClusterReport(refreshed, clusters_now, clustered, banded, examined)


def assign(db: Any, threshold: float = THRESHOLD) -> tuple[int, int]:
    """Cluster the articles a batch wrote, when it is written (the caller holds the
    batch's transaction): the texts whose signature is stale or missing (changed by the
    site-level steps after extraction) are signed first (``refresh_signatures``), then
    every fresh signature is banded and clustered with its candidates, as ``cluster``
    would. An archive never banded starts banding with the batch when it holds at most
    ``CLOSE_CHUNK`` articles (a new archive: its first crawl's close is left with its
    last changes only, not the whole crawl); a larger one, or bands for another
    threshold, waits for the crawl's close, which bands everything in chunks.
    Returns (signatures banded, articles examined)."""
    params = db.execute("SELECT threshold, bands, rows FROM lsh_params").fetchone()
    if not params:
        held = "SELECT count(*) FROM (SELECT 1 FROM articles LIMIT ?)"
        if db.execute(held, [CLOSE_CHUNK + 1]).fetchone()[0] > CLOSE_CHUNK:
            return 0, 0
        params = (threshold, *_start(db, threshold, False))
    if params[0] != threshold:
        return 0, 0  # another threshold: the close bands everything
    refresh_signatures(db)
    pending = [
        item
        for (item,) in db.execute(
            "SELECT m.rowid FROM minhashes m JOIN articles a ON a.id = m.article_id "
            "WHERE m.banded IS NULL AND m.signature IS NOT NULL "
            "AND m.content_hash IS a.content_hash"
        )
    ]
    return _assign(db, pending, threshold, params[1], params[2])


def _assign(
    db: Any, pending: list[int], threshold: float, b: int, r: int, target: str | None = None
) -> tuple[int, int]:
    """Band the ``pending`` minhashes rows and cluster them again with the articles they
    share a band with, and every member of the clusters either side belongs to (a cluster
    is a connected component, so no pair leaves that set); only their ``cluster_id`` /
    ``cluster_similarity`` are written. The bands go to ``target`` (by default
    ``lsh_bands`` on a first banding, ``lsh_recent`` after). Returns (signatures banded,
    articles examined)."""
    _retire(db, b, r)
    if not pending:
        return 0, 0
    seeds = _rows(db, "m.rowid", pending)
    banded = db.execute("SELECT 1 FROM lsh_bands LIMIT 1").fetchone() is not None
    found = _band(db, seeds, b, r, look=banded)
    rows = {row[0]: row for row in seeds}
    rows.update((row[0], row) for row in _rows(db, "m.rowid", sorted(found - set(rows))))
    clusters = sorted({row[4] for row in rows.values() if row[4] is not None})
    for offset in range(0, len(clusters), 500):
        part = clusters[offset : offset + 500]
        marks = ", ".join("?" * len(part))
        members = db.execute(
            f"SELECT m.rowid FROM articles a JOIN minhashes m ON m.article_id = a.id "
            f"WHERE a.cluster_id IN ({marks})",
            part,
        ).fetchall()
        missing = [item for (item,) in members if item not in rows]
        rows.update((row[0], row) for row in _rows(db, "m.rowid", missing))
    items = [(row[1], row[2], row[3]) for row in rows.values()]
    pairs = similar_pairs(items, threshold, (b, r))
    components = _Components()
    best: dict[str, float] = {}
    for (a, b_), similarity in pairs.items():
        components.union(a, b_)
        best[a] = max(best.get(a, 0.0), similarity)
        best[b_] = max(best.get(b_, 0.0), similarity)
    # a first banding fills lsh_bands in one ordered pass; later ones go to the small
    # lsh_recent, whose few pages take them (lsh_bands has a page for nearly every key)
    target = target or ("lsh_recent" if banded else "lsh_bands")
    db.execute(
        f"INSERT OR IGNORE INTO {target} (hash, item) "
        "SELECT hash, item FROM temp.new_bands ORDER BY hash, item"
    )
    db.execute("DELETE FROM temp.new_bands")
    db.conn.executemany(
        "UPDATE minhashes SET banded = 1 WHERE rowid = ?", [(item,) for item in pending]
    )
    changes = []
    for _, article_id, *_ in rows.values():
        similarity = best.get(article_id)
        new = components.find(article_id) if similarity is not None else None
        changes.append((new, None if new is None else round(similarity, 4), article_id))
    db.conn.executemany(
        "UPDATE articles SET cluster_id = ?, cluster_similarity = ? WHERE id = ? "
        "AND (cluster_id IS NOT ?1 OR cluster_similarity IS NOT ?2)",
        changes,
    )
    return len(seeds), len(rows)


def merge_bands(db: Any) -> dict[str, int]:
    """Move the bands written since the last merge (``lsh_recent``) into ``lsh_bands`` in
    one ordered pass (``scrapy maintain``, daily): the recent table stays small, so each
    batch's band keys dirty a few of its pages instead of one page of the large index
    each; the bands of signatures replaced or deleted since the last close go first.
    Returns how many moved and retired."""
    from pipelines.archive.schema import atomic

    with atomic(db):
        params = db.execute("SELECT bands, rows FROM lsh_params").fetchone()
        retired = _retire(db, *params) if params else 0
        db.execute(
            "INSERT OR IGNORE INTO lsh_bands (hash, item) "
            "SELECT hash, item FROM lsh_recent ORDER BY hash, item"
        )
        moved = db.execute("DELETE FROM lsh_recent").rowcount
    return {"bands": moved, "retired": retired}
