"""The archive's schema: every table, column and index, in one place, and where the rest is.

The full-text index ``articles_search`` and its triggers are declared beside the
normalisation they index, in ``pipelines.archive.search`` (``INDEX_STATEMENTS``), and
applied here by ``ensure_schema`` (``search.ensure_index``); ``open_archive`` registers
on its connection the SQL function those triggers call (``search.register``).

Views (``VIEWS``: answers joined from several tables, such as where each capture's body is)
are declared here too.

``open_archive(path)`` opens (or creates) an archive and brings it to the
current schema; it is idempotent and safe on an archive made by an older
version (missing tables and columns are added, nothing is dropped), then runs
the versioned data migrations of ``pipelines.archive.migrations`` the archive has not
had yet (``PRAGMA user_version`` counts them). WAL mode
lets Datasette read while a crawl writes; ``atomic(db)`` is the transaction every
writer uses. Plain sqlite-utils; no Scrapy.
Settings read: none (callers pass ``ARCHIVE_DB``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from pipelines.archive import search

SCHEMA_VERSION = 10  # the last data migration in pipelines.archive.migrations

TABLES: dict[str, dict] = {
    "sources": {
        "columns": {
            "name": str,
            "config": str,  # JSON: the [[source]] table as declared
            "first_seen": str,
            "last_crawled": str,
            "cursor": str,  # JSON: incremental state of the source (last run, counts)
        },
        "pk": "name",
        "not_null": ["name"],
    },
    "articles": {
        "columns": {
            "id": str,  # from the canonical URL
            "source": str,
            "url": str,
            "canonical_url": str,
            "title": str,
            # the title as extracted, when the site's own affixes were stripped from it
            # (pipelines.archive.titles); NULL: ``title`` is the title as extracted
            "raw_title": str,
            "authors": str,  # JSON list
            "credits": str,  # JSON list: news agencies credited (dpa, AFP, Reuters, AP...)
            "published_at": str,
            "published_source": str,
            "modified_at": str,
            "modified_source": str,
            "site_name": str,
            "description": str,
            "section": str,
            "tags": str,  # JSON list
            "image": str,
            "language": str,
            "declared_language": str,
            "detected_language": str,
            "language_confidence": float,
            "language_mismatch": int,
            "hreflang": str,  # JSON object: language -> URL
            "text": str,
            "word_count": int,
            "content_hash": str,
            "extraction_method": str,
            "extractor_version": str,
            "first_seen": str,
            "last_fetched": str,
            "fetch_count": int,
            "version": int,
            "removed_paragraphs": str,  # JSON [[position, paragraph], ...]: site template
            "paywalled": int,  # 1 when the page says it is behind a paywall
            "machine_translated": int,  # 1 when the page carries a machine-translation notice
            "notices": str,  # JSON list: notices removed from text
            "cluster_id": str,  # near-duplicate cluster (pipelines.archive.dedupe), NULL if alone
            "cluster_similarity": float,  # estimated Jaccard to its closest cluster member
        },
        "pk": "id",
        "not_null": ["id", "url", "source"],
        "indexes": [
            # the listing filtered by source or language, newest first (the reading room's
            # faceted listing), reads its page from these in order instead of sorting
            ["source", "published_at"],
            ["language", "published_at"],
            ["published_at"],
            ["canonical_url"],
            ["content_hash"],
            # Datasette's default facets read these from an index, not from the rows
            ["declared_language"],
            ["detected_language"],
            ["language_mismatch"],
            ["machine_translated"],
        ],
    },
    "article_versions": {
        "columns": {
            "id": int,
            "article_id": str,
            "version": int,
            "fetched_at": str,
            "title": str,
            "text": str,
            "content_hash": str,
            "diff": str,  # unified diff from this version to the next one
            "cause": str,  # edit (the page changed) or reextract (our extraction changed)
        },
        "pk": "id",
        "indexes": [["article_id", "version"]],
        "unique": [["article_id", "version"]],
    },
    "captures": {
        "columns": {
            "id": int,
            "url": str,
            "article_id": str,
            "source": str,
            "run_id": int,
            "fetched_at": str,
            "status": int,
            "headers": str,  # JSON object
            "encoding": str,
            "body": bytes,  # zlib-compressed response body
            "body_size": int,
            "digest": str,  # sha256 of the uncompressed body
            # the warc_records row holding the body (its record_id): the one place that says
            # where it is (file, offset, length); NULL: the body is in `body`
            "warc_record_id": str,
        },
        "pk": "id",
        "indexes": [["article_id"]],
        "unique": [["url", "digest"]],
    },
    "crawl_runs": {
        "columns": {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running, finished, interrupted, failed
            "sources": str,  # JSON list of source names
            "counts": str,  # JSON: per source, per counter
            "stats": str,  # JSON: every news/ stat and Scrapy's own
            "workers": str,  # JSON: distributed runs, per worker: state, pages, items, stats
            "accounting": str,  # JSON: per source, fetched and the sum of outcomes
        },
        "pk": "id",
    },
    "errors": {
        "columns": {
            "id": int,
            "run_id": int,
            "source": str,
            "url": str,
            "kind": str,  # failed or skipped
            "reason": str,
            "detail": str,
            "http_status": int,
            "at": str,
        },
        "pk": "id",
        "indexes": [["run_id"], ["reason"], ["url"]],
    },
    "known_urls": {
        "columns": {
            "url": str,  # canonical URL
            "source": str,
            "kind": str,  # article, listing, other (pages, as classified), feed, sitemap
            "state": str,  # queued, done, failed, skipped, gone
            "etag": str,  # validators of the last 200 response (conditional GET)
            "last_modified": str,
            "first_seen": str,
            "last_visit": str,
            "visits": int,
            "failures": int,
            "next_visit": str,  # ISO time of the next revisit; NULL = never
            "last_status": int,
            "article_id": str,  # articles.id it resolved to (AMP, print, canonical)
            "published": str,  # publication date: the revisit schedule's age base
            "lastmod": str,  # sitemap lastmod last seen for it
            # The outcome ledger: what the last fetch of this URL came to, in which run.
            "outcome": str,  # new, updated, unchanged, not_modified, duplicate, listing,
            # feed, sitemap, other (not an article), error
            "reason": str,  # why: the classifier's evidence, the skip or error reason
            "run_id": int,  # the run that recorded the outcome
            # A distributed run's request in flight (pipelines.archive.frontier.schedule).
            "request": str,  # JSON: what a worker needs to request it again; NULL once settled
            "requested_run": int,  # the distributed run that last scheduled it
            "attempts": int,  # 1 + the times that run's writer re-queued it (dead worker)
        },
        "pk": "url",
        "not_null": ["url"],
        "indexes": [
            # the run's close reads these, not the rows: a source's next revisit is one
            # seek, the articles visited in the run a range, its known articles a count
            ["source", "state", "next_visit"],
            ["source", "kind", "last_visit"],
            ["next_visit"],
            ["article_id"],
            ["run_id", "outcome"],
            ["requested_run", "source"],
        ],
    },
    "boilerplate": {
        "columns": {
            "source": str,
            "fingerprint": str,  # of the normalised paragraph (pipelines.archive.boilerplate)
            "articles": int,  # distinct articles of the source that contained it
            "paragraph": str,  # the paragraph (first 500 characters)
            "article_ids": str,  # JSON list: the first articles that contained it
            "first_seen": str,
            "last_seen": str,
        },
        "pk": ("source", "fingerprint"),
        "indexes": [["source", "articles"]],
    },
    "title_affixes": {
        "columns": {
            "source": str,
            "fingerprint": str,  # of the normalised affix (pipelines.archive.titles); '': the
            # source's row, counting its articles
            "articles": int,  # distinct articles of the source whose title starts or ends with it
            "affix": str,  # the affix as first seen (first 200 characters)
            "learned": int,  # 1: the site's own, stripped from the source's titles
            "first_seen": str,
            "last_seen": str,
        },
        "pk": ("source", "fingerprint"),
    },
    "translations": {
        "columns": {
            "id": int,
            "group_id": str,  # one story: all its language versions
            "article_id": str,  # articles.id (the id it will have, if not crawled yet)
            "source": str,
            "language": str,  # ISO 639-1
            "hreflang": str,  # the tag as the page wrote it
            "url": str,  # canonical URL; empty for a language announced without one
            "is_original": int,
            "original_by": str,  # page, x-default, not-machine-translated, main-language
            "x_default": int,
            "declared_original": int,
        },
        "pk": "id",
        "indexes": [["group_id"], ["article_id"]],
        "unique": [["url"]],
    },
    "warc_records": {
        "columns": {
            "id": int,
            "record_id": str,  # WARC-Record-ID
            "type": str,  # response, revisit, request, metadata, conversion (rendered HTML)
            "url": str,
            "fetched_at": str,
            "warc_file": str,  # relative to the archive's directory
            "warc_offset": int,
            "warc_length": int,
            "payload_digest": str,  # WARC-Payload-Digest
            "status": int,
            "content_type": str,
            "refers_to": str,  # revisit: the original; request/metadata/conversion: the response
            "source": str,
            "run_id": int,
        },
        "pk": "id",
        "indexes": [["url", "payload_digest"], ["warc_file"]],
        "unique": [["record_id"]],
    },
    "article_urls": {
        "columns": {
            "url": str,
            "article_id": str,
            "source": str,
            "kind": str,  # duplicate: same content as the article under another URL
            "first_seen": str,
        },
        "pk": "url",
        "indexes": [["article_id"]],
    },
    "minhashes": {
        "columns": {
            "article_id": str,
            "content_hash": str,  # of the text the signature was computed from
            "signature": bytes,  # MinHash hash values, uint32 little-endian
            "banded": int,  # 1 once its LSH bands are in lsh_bands; NULL: to (re)band
        },
        "pk": "article_id",
    },
    # scrapy maintain (pipelines.archive.maintain): one row per maintenance run
    "maintenance_runs": {
        "columns": {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,  # finished, failed (a step raised), integrity_failed
            "steps": str,  # JSON: per step, its seconds and what it found or did
            "bytes_before": int,
            "bytes_after": int,
        },
        "pk": "id",
    },
    "search_index": {
        "columns": {
            "name": str,  # the full-text index (articles_search)
            "normalisation": int,  # search.NORMALISATION it was built with
        },
        "pk": "name",
    },
    # Scaling out (crawler/distributed): the batches the writer committed from Redis.
    "redis_batches": {
        "columns": {
            "digest": str,  # sha1 of the batch's messages: replays are recognised
            "run_id": int,
            "messages": int,
            "committed_at": str,
        },
        "pk": "digest",
    },
}


# Views: answers read from more than one table, written nowhere. ``capture_locations`` is
# ``captures`` with where each body is, from the ``warc_records`` row it references (the
# location is recorded once, in ``warc_records``; ``captures`` held a copy before schema
# version 8): the columns ``captures`` had, plus the record's type.
VIEWS = {
    "capture_locations": """SELECT c.id, c.url, c.article_id, c.source, c.run_id, c.fetched_at,
    c.status, c.headers, c.encoding, c.body, c.body_size, c.digest,
    w.warc_file, w.warc_offset, w.warc_length, c.warc_record_id, w.type AS warc_type
FROM captures c LEFT JOIN warc_records w ON w.record_id = c.warc_record_id""",
}


# Incremental near-duplicate clustering (pipelines.archive.dedupe): the LSH band hashes of
# every signature, keyed by the band (one seek per probe) then the minhashes row; an
# article written or changed marks its signature row as to be banded again, so each batch
# (and the crawl's close, for what is left) works on what it added.
DEDUPE_STATEMENTS = [
    """CREATE TABLE IF NOT EXISTS lsh_bands (
        hash INTEGER NOT NULL,  -- one band of one signature (band number and its hash values)
        item INTEGER NOT NULL,  -- minhashes.rowid
        PRIMARY KEY (hash, item)
    ) WITHOUT ROWID""",
    # the bands written since the last merge (dedupe.merge_bands, by scrapy maintain): a
    # small table, so a batch's random keys land on few pages; probes read both
    """CREATE TABLE IF NOT EXISTS lsh_recent (
        hash INTEGER NOT NULL,
        item INTEGER NOT NULL,
        PRIMARY KEY (hash, item)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS lsh_params (
        id INTEGER PRIMARY KEY CHECK (id = 1), threshold REAL, bands INTEGER, rows INTEGER
    )""",
    "CREATE INDEX IF NOT EXISTS minhashes_pending ON minhashes (article_id) WHERE banded IS NULL",
    "CREATE INDEX IF NOT EXISTS articles_cluster_id ON articles (cluster_id)",
    """CREATE TRIGGER IF NOT EXISTS articles_minhash_ai AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO minhashes (article_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_minhash_au AFTER UPDATE OF content_hash, language
    ON articles WHEN old.content_hash IS NOT new.content_hash OR old.language IS NOT new.language
    BEGIN
        INSERT OR IGNORE INTO minhashes (article_id) VALUES (new.id);
        UPDATE minhashes SET banded = NULL WHERE article_id = new.id;
    END""",
    # a deleted article may have joined its cluster's members: they are clustered again
    """CREATE TRIGGER IF NOT EXISTS articles_minhash_ad AFTER DELETE ON articles BEGIN
        DELETE FROM minhashes WHERE article_id = old.id;
        UPDATE minhashes SET banded = NULL WHERE old.cluster_id IS NOT NULL
            AND article_id IN (SELECT id FROM articles WHERE cluster_id = old.cluster_id);
    END""",
    # a signature replaced or deleted: its bands are deleted by key (dedupe._retire), so
    # lsh_bands needs no second index by item
    """CREATE TABLE IF NOT EXISTS lsh_retired (
        item INTEGER NOT NULL,  -- minhashes.rowid
        signature BLOB NOT NULL  -- the signature whose bands are to go
    )""",
    """CREATE TRIGGER IF NOT EXISTS minhashes_retire_au AFTER UPDATE OF signature ON minhashes
    WHEN old.signature IS NOT NULL AND old.signature IS NOT new.signature
        AND EXISTS (SELECT 1 FROM lsh_params)
    BEGIN
        INSERT INTO lsh_retired (item, signature) VALUES (old.rowid, old.signature);
    END""",
    """CREATE TRIGGER IF NOT EXISTS minhashes_retire_ad AFTER DELETE ON minhashes
    WHEN old.signature IS NOT NULL AND EXISTS (SELECT 1 FROM lsh_params)
    BEGIN
        INSERT INTO lsh_retired (item, signature) VALUES (old.rowid, old.signature);
    END""",
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing: tables, columns, indexes, full-text index, triggers."""
    fresh = not db.table_names()
    with atomic(db):
        for name, spec in TABLES.items():
            table = db.table(name)
            if not table.exists():
                table.create(spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"))
            else:
                existing = set(table.columns_dict)
                for column, kind in spec["columns"].items():
                    if column not in existing:
                        table.add_column(column, kind)
            for columns in spec.get("unique", []):
                table.create_index(columns, unique=True, if_not_exists=True)
            for columns in spec.get("indexes", []):
                if columns not in spec.get("unique", []):
                    table.create_index(columns, if_not_exists=True)
        for statement in DEDUPE_STATEMENTS:
            db.execute(statement)
        for name, select in VIEWS.items():
            ensure_view(db, name, select)
        search.ensure_index(db)  # the full-text index: its statements are search.INDEX_STATEMENTS
        if fresh:  # an older archive gets there through pipelines.archive.migrations
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def ensure_view(db: sqlite_utils.Database, name: str, select: str) -> None:
    """The view ``name`` as ``select`` says (made again when its definition changed)."""
    sql = f"CREATE VIEW {name} AS {select}"
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", [name])
    found = row.fetchone()
    if found and found[0] == sql:
        return
    if found:
        db.execute(f"DROP VIEW {name}")
    db.execute(sql)


def open_archive(path: str | Path) -> sqlite_utils.Database:
    """Open an archive for writing: WAL, a busy timeout, and the current schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    if not db.table_names():  # free pages go back to the file system (scrapy maintain)
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    search.register(db.conn)  # search_normalise: the index's triggers call it
    ensure_schema(db)
    from pipelines.archive.migrations import upgrade

    upgrade(db, path.parent)
    return db


@contextmanager
def atomic(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``db.atomic()`` that takes the write lock as it begins (``BEGIN IMMEDIATE``).

    A crawl writes to the archive through one writer connection, but other connections
    (a command run meanwhile, a test, a distributed seeding) may write too. In WAL mode a
    transaction that reads first and
    writes later fails at once with "database is locked", whatever the busy timeout,
    if another connection committed in between; one that takes the lock first
    waits for it (up to the busy timeout) instead. Nested, it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        with db.atomic():  # a savepoint inside the transaction
            yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
