"""Versioned data migrations, run once each when an archive is opened.

``pipelines.archive.schema.ensure_schema`` adds missing tables and columns (idempotent);
the data changes that must happen exactly once live here, keyed by the schema
version they bring the archive to, and ``PRAGMA user_version`` records the last
one applied. Each runs in its own transaction with the version bump, so a crash
leaves the archive at the previous version, to be retried on the next open. An
archive made by the spine is version 1 (0 when it predates the counter).

- 2: raw bodies kept in ``captures.body`` (zlib) move into a WARC file under
  ``<archive dir>/warc/`` (one ``response`` record each, its index in
  ``warc_records``); each body is read back and its SHA-256 checked before the
  blob is dropped, and the file is vacuumed afterwards. WARC is the source of truth.
- 3: ``article_versions`` rows get their ``diff`` to the next version and
  ``cause = 'edit'``.
- 4: ids and canonical URLs brought to the canonical URL rules of issue 15 (w3lib's
  canonicalisation, IDNA hosts, dot segments, more trackers), in every table that holds
  them; articles the new rules make one are merged (``pipelines.archive.rekey``).
- 5: the outcome ledger (``known_urls``): a URL recorded as an exact duplicate points
  at the archived article (``article_urls``), not at an id no ``articles`` row has;
  pages recorded as ``page`` (listings, before pages were classified) become
  ``listing``.
- 6: one ledger: the distributed runs' ``run_requests`` table folds into ``known_urls``
  (``fold_run_requests``): a request still queued keeps its seed in ``request``
  for the writer to replay, every request notes its run (``requested_run``) and
  ``attempts``, one given up (``lost``) gets the outcome ``error`` (``worker_lost``)
  when it has none of that run; then the table is dropped.
- 7: one full-text index instead of two: ``articles_fts`` (the plain index), its
  triggers and the old ``articles_search`` (a normalised copy of every text) are dropped
  and the contentless ``articles_search`` of ``pipelines.archive.search`` is built from
  ``articles`` (``search.replace_legacy``); the file is vacuumed afterwards.
- 8: the WARC location recorded once: ``captures`` loses its copy of it (``warc_file``,
  ``warc_offset``, ``warc_length``) and keeps ``warc_record_id``, the ``warc_records`` row
  that says where the body is (``locations_once``). A capture whose record has no index row
  (an index batch lost by an older crawl) gets one first, from its own columns and the
  record's headers, so no location is lost; the view ``capture_locations`` answers what the
  dropped columns did.
- 9: the band index without its second index: ``lsh_bands_item`` (about 630 bytes an
  article) and the trigger that used it are dropped (``bands_by_key``); a replaced or
  deleted signature's bands are deleted by their keys (``lsh_retired``,
  ``pipelines.archive.dedupe``). Its pages go back to the file system with an incremental
  vacuum when the archive has one (``scrapy maintain`` does it too). The ledger's
  ``(source, state)`` index goes too: ``(source, state, next_visit)`` and
  ``(source, kind, last_visit)`` (made by ``ensure_schema``) answer a run's close from
  the index instead of every row of the source.
- 10: titles learned per source (``pipelines.archive.titles``): each source's title affixes
  are counted from its archived titles into ``title_affixes`` (``title_counts``), none
  marked learned and no title changed: the counts are facts, what is the site's own
  depends on ``TITLES_*``. A crawl that then sees an affix qualify learns it and cleans the
  source's archived titles that carry it; ``scrapy titles`` cleans them all at once.

Settings read: none.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipelines.archive import frontier, search, titles, warc
from pipelines.archive.rekey import rekey
from pipelines.archive.versions import version_diff
from pipelines.extract.dates import utc_now
from pipelines.urls import canonicalize_url

logger = logging.getLogger(__name__)


def user_version(db: Any) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def captures_to_warc(db: Any, base: Path) -> int:
    """Move legacy in-SQLite capture bodies into a WARC file; returns how many moved."""
    rows = db.execute(
        "SELECT id, url, fetched_at, status, headers, body, digest, source, run_id "
        "FROM captures WHERE body IS NOT NULL AND warc_record_id IS NULL ORDER BY id"
    ).fetchall()
    if not rows:
        return 0
    store = warc.WarcWriterStore(base / "warc", base)
    store.prefix = "migrated"
    try:
        for capture_id, url, fetched_at, status, headers, blob, digest, source, run_id in rows:
            body = zlib.decompress(blob)
            if hashlib.sha256(body).hexdigest() != digest:
                raise ValueError(f"capture {capture_id}: stored body does not match its digest")
            exchange = warc.stored_exchange(url, status, headers, body, fetched_at)
            (row,) = store.write_exchange(exchange, with_request=False)
            stored = warc.read_record(
                warc.resolve(base, row["warc_file"]), row["warc_offset"], row["warc_length"]
            )
            if hashlib.sha256(stored.payload).hexdigest() != digest:
                raise ValueError(f"capture {capture_id}: WARC copy does not read back intact")
            warc.index_rows(db, [row], source, run_id)
            db.execute(  # the location is the index row's (migration 8)
                "UPDATE captures SET body = NULL, warc_record_id = ? WHERE id = ?",
                [row["record_id"], capture_id],
            )
    finally:
        store.close()
    logger.info("moved %d capture bodies from SQLite into WARC under %s", len(rows), base / "warc")
    return len(rows)


def version_diffs(db: Any, base: Path) -> int:
    """Give every stored version its diff to the next state; returns how many."""
    rows = db.execute(
        "SELECT v.id, v.article_id, v.version, v.title, v.text, "
        "coalesce(n.title, a.title), coalesce(n.text, a.text) "
        "FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "LEFT JOIN article_versions n ON n.article_id = v.article_id AND n.version = v.version + 1 "
        "WHERE v.diff IS NULL"
    ).fetchall()
    for row_id, _, _, title, text, next_title, next_text in rows:
        db.execute(
            "UPDATE article_versions SET diff = ?, cause = coalesce(cause, 'edit') WHERE id = ?",
            [version_diff(title, text, next_title, next_text), row_id],
        )
    return len(rows)


def outcome_ledger(db: Any, base: Path) -> int:
    """Duplicates in ``known_urls`` point at the article kept; ``page`` becomes ``listing``."""
    fixed = db.execute(
        "UPDATE known_urls SET article_id = (SELECT u.article_id FROM article_urls u "
        "WHERE u.url = known_urls.url AND u.kind = 'duplicate') "
        "WHERE url IN (SELECT url FROM article_urls WHERE kind = 'duplicate') "
        "AND article_id NOT IN (SELECT id FROM articles)"
    ).rowcount
    renamed = db.execute("UPDATE known_urls SET kind = 'listing' WHERE kind = 'page'").rowcount
    return fixed + renamed


def fold_run_requests(db: Any, base: Path) -> int:
    """Move the distributed ledger (``run_requests``) into ``known_urls``; drop it."""
    if "run_requests" not in db.table_names():
        return 0
    rows = db.execute(
        "SELECT run_id, url, source, seed, state, queued_at, coalesce(attempts, 1) "
        "FROM run_requests ORDER BY run_id, queued_at, url"
    ).fetchall()
    for run_id, requested, source, seed, state, queued_at, attempts in rows:
        url = canonicalize_url(requested)
        request = json.loads(seed or "{}") or {"url": url, "meta": {"source": source}}
        frontier.schedule(db, run_id, {**request, "url": url}, queued_at or "", attempts)
        if state != "queued":
            frontier.settle(db, {url})
        if state == "lost":
            db.execute(
                "UPDATE known_urls SET outcome = 'error', reason = 'worker_lost', run_id = ?, "
                "state = 'failed' WHERE url = ? AND (run_id IS NULL OR run_id < ?)",
                [run_id, url, run_id],
            )
    db.execute("DROP TABLE run_requests")
    return len(rows)


LOCATION = ("warc_file", "warc_offset", "warc_length")  # captures' copy, up to version 8


def locations_once(db: Any, base: Path) -> int:
    """Drop ``captures``' copy of the WARC location, indexing first any record a capture
    points at that ``warc_records`` lacks; returns the captures that had a location."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(captures)")}
    if not set(LOCATION) <= columns:
        return 0
    rows = db.execute(
        "SELECT c.id, c.url, c.fetched_at, c.status, c.source, c.run_id, c.warc_record_id, "
        "c.warc_file, c.warc_offset, c.warc_length, w.id FROM captures c "
        "LEFT JOIN warc_records w ON w.record_id = c.warc_record_id "
        "WHERE c.warc_file IS NOT NULL"
    ).fetchall()
    for (
        capture_id,
        url,
        at,
        status,
        source,
        run_id,
        record_id,
        file,
        offset,
        length,
        indexed,
    ) in rows:
        if indexed is not None:
            continue
        row = {"url": url, "fetched_at": at, "status": status, "warc_file": file,
               "warc_offset": offset, "warc_length": length, "type": "response"}  # fmt: skip
        try:  # the record itself says what it is
            record = warc.read_record(warc.resolve(base, file), offset, length)
            row.update(type=record.type, payload_digest=record.headers.get("WARC-Payload-Digest"))
            record_id = record_id or record.headers.get("WARC-Record-ID")
            row["refers_to"] = record.headers.get("WARC-Refers-To")
        except (OSError, ValueError, StopIteration) as exc:
            logger.warning("capture %s: its WARC record does not read (%s)", capture_id, exc)
        row["record_id"] = record_id or f"<urn:newsarchive:capture:{capture_id}>"
        warc.index_rows(db, [row], source, run_id)
        db.execute(
            "UPDATE captures SET warc_record_id = ? WHERE id = ?", [row["record_id"], capture_id]
        )
    for column in LOCATION:
        db.execute(f"ALTER TABLE captures DROP COLUMN {column}")
    return len(rows)


def bands_by_key(db: Any, _base: Path) -> int:
    """Drop the band index's index by item and the trigger that read it, and the ledger's
    index the wider ones replace (9); returns 1 when there was a band index to drop."""
    found = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'lsh_bands_item'"
    ).fetchone()[0]
    db.execute("DROP INDEX IF EXISTS lsh_bands_item")
    db.execute("DROP TRIGGER IF EXISTS minhashes_bands_ad")
    # the ledger's (source, state) index: (source, state, next_visit) serves its reads too
    db.execute("DROP INDEX IF EXISTS idx_known_urls_source_state")
    return found


def title_counts(db: Any, _base: Path) -> int:
    """Count every source's title affixes from its archived titles (10); returns how many
    articles were counted."""
    sources = [row[0] for row in db.execute("SELECT DISTINCT source FROM articles")]
    now = utc_now()
    return sum(len(titles.recount(db, source, now)[0]) for source in sources)


MIGRATIONS: dict[int, Callable[[Any, Path], int]] = {
    2: captures_to_warc,
    3: version_diffs,
    4: lambda db, _base: rekey(db),
    5: outcome_ledger,
    6: fold_run_requests,
    7: lambda db, _base: search.replace_legacy(db),
    8: locations_once,
    9: bands_by_key,
    10: title_counts,
}


def upgrade(db: Any, base: Path) -> list[int]:
    """Apply the migrations this archive has not had; returns the versions applied."""
    applied = []
    vacuum = False
    for version in sorted(MIGRATIONS):
        if user_version(db) >= version:
            continue
        with db.atomic():
            changed = MIGRATIONS[version](db, Path(base))
            db.execute(f"PRAGMA user_version = {version}")
        vacuum = vacuum or (version in (2, 7) and changed > 0)
        applied.append(version)
        logger.info("archive migrated to schema version %d (%d rows)", version, changed)
    if vacuum:  # the bodies (2) or the copies of the texts (7) left: give their pages back
        db.execute("VACUUM")
    elif 9 in applied and db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:
        db.conn.executescript("PRAGMA incremental_vacuum;")  # the dropped index's pages
    return applied
