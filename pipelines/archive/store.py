"""Archive writes: articles (with versions), captures, errors, runs and sources.

Plain functions over a sqlite-utils ``Database``; the caller wraps a batch in
``db.atomic()``. An article is keyed by the id of its canonical URL: a second
fetch updates the row (``unchanged`` or ``updated``), never duplicates it, and
a change of title or text keeps the previous state in ``article_versions``.
Settings read: none.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

import sqlite_utils

from pipelines.archive import sql
from pipelines.archive.versions import version_diff

JSON_FIELDS = ("authors", "credits", "tags", "hreflang", "removed_paragraphs", "notices")
ARTICLE_FIELDS = (
    "id",
    "url",
    "canonical_url",
    "title",
    "raw_title",
    "authors",
    "credits",
    "published_at",
    "published_source",
    "modified_at",
    "modified_source",
    "site_name",
    "description",
    "section",
    "tags",
    "image",
    "language",
    "declared_language",
    "detected_language",
    "language_confidence",
    "language_mismatch",
    "hreflang",
    "text",
    "word_count",
    "content_hash",
    "extraction_method",
    "extractor_version",
    "removed_paragraphs",
    "paywalled",
    "machine_translated",
    "notices",
)


def article_row(article: dict[str, Any], source: str) -> dict[str, Any]:
    """The columns of an extracted article as stored (lists and dicts as JSON)."""
    row = {field: article.get(field) for field in ARTICLE_FIELDS}
    for field in JSON_FIELDS:
        row[field] = json.dumps(
            row[field] or ([] if field != "hreflang" else {}), ensure_ascii=False
        )
    row["language_mismatch"] = int(bool(row["language_mismatch"]))
    row["machine_translated"] = int(bool(row["machine_translated"]))
    row["source"] = source
    return row


def save_article(
    db: sqlite_utils.Database, article: dict[str, Any], source: str, fetched_at: str
) -> str:
    """Insert or update one article; returns ``new``, ``updated`` or ``unchanged``."""
    row = article_row(article, source)
    existing = db.execute(
        "SELECT title, text, content_hash, version, first_seen, last_fetched, fetch_count "
        "FROM articles WHERE id = ?",
        [row["id"]],
    ).fetchone()
    if existing is None:
        row.update(first_seen=fetched_at, last_fetched=fetched_at, fetch_count=1, version=1)
        sql.insert(db, "articles", row)
        return "new"
    title, text, old_hash, version, first_seen, last_fetched, fetch_count = existing
    row.update(first_seen=first_seen, last_fetched=fetched_at, fetch_count=(fetch_count or 0) + 1)
    if old_hash == row["content_hash"]:
        sql.update(db, "articles", "id", row["id"], row)
        return "unchanged"
    before = {"title": title, "text": text, "content_hash": old_hash, "version": version}
    row["version"] = record_version(db, row["id"], before, last_fetched, row, "edit")
    sql.update(db, "articles", "id", row["id"], row)
    return "updated"


def record_version(
    db: sqlite_utils.Database,
    article_id: str,
    before: dict[str, Any],
    fetched_at: str | None,
    after: dict[str, Any],
    cause: str,
) -> int:
    """Keep the article's state ``before`` a change as a row of ``article_versions``
    (with its diff to ``after`` and its ``cause``: ``edit`` or ``reextract``); returns
    the version number the article takes now."""
    version = before.get("version") or 1
    sql.insert(
        db,
        "article_versions",
        {
            "article_id": article_id,
            "version": version,
            "fetched_at": fetched_at,
            "title": before["title"],
            "text": before["text"],
            "content_hash": before["content_hash"],
            "diff": version_diff(before["title"], before["text"], after["title"], after["text"]),
            "cause": cause,
        },
        ignore=True,
    )
    return version + 1


def save_capture(
    db: sqlite_utils.Database,
    *,
    url: str,
    body: bytes,
    status: int,
    headers: dict[str, str],
    encoding: str | None,
    fetched_at: str,
    source: str,
    run_id: int | None,
    article_id: str | None = None,
    warc: dict[str, Any] | None = None,
) -> bool:
    """Keep a fetched body once per URL and content; True if stored.

    With ``warc`` (the index row of its WARC record) the row names that record
    (``warc_record_id``: its ``warc_records`` row says where it is) and holds no body;
    without, the body is kept here zlib-compressed.
    """
    digest = hashlib.sha256(body).hexdigest()
    warc = warc or {}
    cursor = db.execute(
        "INSERT OR IGNORE INTO captures (url, article_id, source, run_id, fetched_at, status, "
        "headers, encoding, body, body_size, digest, warc_record_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            url,
            article_id,
            source,
            run_id,
            fetched_at,
            status,
            json.dumps(headers, ensure_ascii=False),
            encoding,
            None if warc else zlib.compress(body, 6),
            len(body),
            digest,
            warc.get("record_id"),
        ],
    )
    return cursor.rowcount == 1


def read_capture(db: sqlite_utils.Database, capture_id: int) -> bytes:
    """The original body of a stored capture."""
    (body,) = db.execute("SELECT body FROM captures WHERE id = ?", [capture_id]).fetchone()
    return zlib.decompress(body)


def save_error(db: sqlite_utils.Database, error: dict[str, Any]) -> None:
    sql.insert(db, "errors", error)


def save_sources(db: sqlite_utils.Database, configs: list[dict[str, Any]], now: str) -> None:
    for config in configs:
        name = config["name"]
        row = db.execute("SELECT first_seen FROM sources WHERE name = ?", [name]).fetchone()
        db.table("sources").upsert(
            {
                "name": name,
                "config": json.dumps(config, ensure_ascii=False),
                "first_seen": row[0] if row else now,
                "last_crawled": now,
            },
            pk="name",
        )
