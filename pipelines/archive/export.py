"""Exports of the archive's articles (JSONL, CSV, WARC, WACZ), and the JSONL import back.

``export(db, format, out, source=, language=, since=, until=)`` writes the
selected articles (``since``/``until`` compare with ``published_at``, ISO 8601):

- ``jsonl``: one object per article with every ``articles`` column (JSON
  columns decoded), its earlier ``versions`` and alternate ``urls``: everything
  ``import_jsonl`` needs to restore the articles into another archive.
- ``csv``: the ``articles`` columns, JSON columns as JSON text.
- ``warc``: the articles' captured responses and their metadata records, copied
  byte for byte from the archive's WARC files (a revisit is replaced by the
  response holding the payload; a legacy in-SQLite body becomes a new record).
- ``wacz``: the same records in a WACZ 1.1.1 package for ReplayWeb.page and pywb
  (``pipelines.archive.wacz``).

Plain functions over sqlite-utils; settings read: none.
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.warcwriter import WARCWriter

from pipelines.archive import warc
from pipelines.archive.store import JSON_FIELDS

FORMATS = ("jsonl", "csv", "warc", "wacz")


def select(
    db: Any,
    source: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[dict[str, Any]]:
    where, params = [], []
    for clause, value in (
        ("source = ?", source),
        ("language = ?", language),
        ("published_at >= ?", since),
        ("published_at < ?", until),
    ):
        if value:
            where.append(clause)
            params.append(value)
    sql = "SELECT * FROM articles" + (f" WHERE {' AND '.join(where)}" if where else "")
    return db.query(sql + " ORDER BY rowid", params)


def jsonl_record(db: Any, row: dict[str, Any]) -> dict[str, Any]:
    record = {k: (json.loads(v) if k in JSON_FIELDS and v else v) for k, v in row.items()}
    record["versions"] = [
        {k: v for k, v in version.items() if k not in ("id", "article_id")}
        for version in db.query(
            "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", [row["id"]]
        )
    ]
    record["urls"] = [
        {k: v for k, v in url.items() if k != "article_id"}
        for url in db.query(
            "SELECT * FROM article_urls WHERE article_id = ? ORDER BY url", [row["id"]]
        )
    ]
    return record


def article_records(
    db: Any, rows: Iterator[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], dict[str, Any], bytes]]:
    """(article, capture, record bytes) for the selected articles: each capture's response
    (a revisit resolved to it; a legacy body as a new record), then its metadata records."""
    base = warc.archive_base(db)
    for row in rows:
        for capture in db.query(
            "SELECT * FROM captures WHERE article_id = ? ORDER BY id", [row["id"]]
        ):
            if capture["warc_record_id"] is None:
                yield row, capture, legacy_record(capture)
                continue
            record_ids = [capture["warc_record_id"]] + [
                r[0]
                for r in db.execute(
                    "SELECT record_id FROM warc_records WHERE type = 'metadata' AND refers_to = ?",
                    [capture["warc_record_id"]],
                )
            ]
            for record_id in record_ids:
                yield row, capture, raw_record(db, base, record_id)


def write_warc(db: Any, rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    """The selected articles' captures and metadata records as one WARC; returns records."""
    written = 0
    for _, _, data in article_records(db, rows):
        out.write(data)
        written += 1
    return written


def raw_record(db: Any, base: Path, record_id: str) -> bytes:
    """The bytes (one gzip member) of a record, a revisit resolved to its original."""
    while True:
        warc_file, offset, length, kind, refers_to = db.execute(
            warc.INDEX_LOOKUP, [record_id]
        ).fetchone()
        if kind != "revisit":
            with open(warc.resolve(base, warc_file), "rb") as handle:
                handle.seek(offset)
                return handle.read(length)
        record_id = refers_to


def legacy_record(capture: dict[str, Any]) -> bytes:
    """A WARC response record for a capture whose body is kept in SQLite."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    body = zlib.decompress(capture["body"])
    exchange = warc.stored_exchange(
        capture["url"], capture["status"], capture["headers"], body, capture["fetched_at"]
    )
    writer.write_record(
        writer.create_warc_record(
            capture["url"],
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=warc.http_response_headers(exchange),
            warc_headers_dict={"WARC-Date": warc.warc_date(capture["fetched_at"])},
        )
    )
    return buffer.getvalue()


def export(db: Any, fmt: str, out: IO[bytes], **filters: str | None) -> int:
    """Write the selected articles to ``out`` (binary) in ``fmt``; returns how many items."""
    rows = select(db, **filters)
    if fmt == "warc":
        return write_warc(db, rows, out)
    if fmt == "wacz":
        from pipelines.archive.wacz import write_wacz

        return write_wacz(article_records(db, rows), out)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            line = json.dumps(jsonl_record(db, row), ensure_ascii=False)
            out.write(line.encode("utf-8") + b"\n")
            count += 1
        return count
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text)
        columns = list(db["articles"].columns_dict)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
            count += 1
        text.detach()
        return count
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def import_jsonl(db: Any, lines: IO[str]) -> dict[str, int]:
    """Restore articles (with versions and URLs) from a JSONL export; an article already
    present is replaced by the exported state. Returns counts."""
    counts = {"articles": 0, "versions": 0, "urls": 0}
    columns = set(db["articles"].columns_dict)
    with db.atomic():
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                article_id = record["id"]
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"line {number}: not an exported article ({exc})") from exc
            versions, urls = record.pop("versions", []), record.pop("urls", [])
            row = {k: v for k, v in record.items() if k in columns}
            for field in JSON_FIELDS:
                if field in row and not isinstance(row[field], str) and row[field] is not None:
                    row[field] = json.dumps(row[field], ensure_ascii=False)
            db["articles"].upsert(row, pk="id")
            counts["articles"] += 1
            for version in versions:
                db["article_versions"].insert({**version, "article_id": article_id}, ignore=True)
                counts["versions"] += 1
            for url in urls:
                db["article_urls"].insert({**url, "article_id": article_id}, ignore=True)
                counts["urls"] += 1
    return counts
