"""WARC captures: write every fetched response as gzipped WARC records, index them, read them back.

``WarcWriterStore`` appends records to ``<dir>/<prefix>-<UTC time>-<serial>.warc.gz``
and starts a new file when the current one passes ``max_size`` bytes. Each
fetch is a ``request`` + ``response`` pair (raw HTTP headers and body as
received); a payload already archived for the same URL becomes a ``revisit``
record pointing at the original; an extracted article adds a ``metadata`` record
(the article as JSON) whose target is ``urn:newsarchive:article:<page URL>`` (so replay
tools serve the page, not the JSON, at the page's URL) and whose ``WARC-Refers-To`` and
``WARC-Concurrent-To`` name the page's response. Every record written yields one index row for the
``warc_records`` table (URL, time, file, offset, length, payload digest), which
is how the archive finds any capture without scanning files: each record is its
own gzip member, so ``read_record(file, offset, length)`` reads exactly one.

The WARC files are the source of truth for raw bodies; the ``warc_records`` rows say
where each record is (``warc_file``, ``warc_offset``, ``warc_length``), and a
``captures`` row names its record (``warc_record_id``). File
paths are stored relative to the archive's directory when they are inside it.
Plain functions and classes, no Scrapy. Settings read: none (the middleware
``crawler.middlewares.warc`` passes ``WARC_*`` in).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import os
import zlib
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import GzippingWrapper, WARCWriter

try:  # ISA-L's deflate: the gzip of levels 1-3 in a fifth to a half of zlib's CPU
    from isal import isal_zlib
except ImportError:  # pragma: no cover - a dependency; zlib's gzip is the same format
    isal_zlib = None

DEFAULT_MAX_SIZE = 100 * 1000 * 1000
# Hop-by-hop framing the downloader already undid: the stored body is not chunked.
DROPPED_HEADERS = {"transfer-encoding"}
SOFTWARE = "newsarchive (warcio)"


# The target of the metadata record about a page: a URN of its own, so replay tools
# (pywb, cdxj-indexer, ReplayWeb.page index metadata records by target) never serve the
# project's JSON as the page. Files written before 2026-12 used the page's URL.
METADATA_URI = "urn:newsarchive:article:"


def metadata_uri(url: str) -> str:
    """The WARC-Target-URI of the metadata record about the page at ``url``."""
    return METADATA_URI + url


def payload_digest(body: bytes) -> str:
    """The WARC payload digest of a body, as warcio writes it (``sha1:`` + base32)."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_date(iso: str | None = None) -> str:
    """An ISO 8601 time (any offset) as a WARC-Date: UTC, seconds, ``Z``."""
    moment = datetime.fromisoformat(iso) if iso else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(warc: str) -> str:
    """A WARC-Date back as the archive's ISO 8601 form (seconds, UTC)."""
    if len(warc) >= 19 and warc[4] == "-" and warc[10] == "T":  # 2026-01-02T03:04:05[.f]Z
        return f"{warc[:19]}+00:00"  # what datetime would print, without parsing it
    return datetime.strptime(warc[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC).isoformat()


# warcio uses 9. Levels 1-3 are ISA-L's (``isal``), 4-9 zlib's: on 300 real news pages
# (150 of each corpus, 203 KB each) ISA-L's 1-3 compress to about the sizes of zlib's 1-3
# (22.3, 22.1, 21.3 % of the body against 22.7, 21.9, 21.4) in 0.3, 0.3 and 0.8 ms a page
# against zlib's 1.4, 1.7, 1.8; zlib's 6: 19.1 % in 3.8 ms. Level 2: files 3 % larger than
# level 3's for 0.5 ms less a page.
GZIP_LEVEL = 2
ISAL_LEVELS = range(1, 4)  # the levels ISA-L compresses


def compressor(level: int) -> Any:
    """A gzip compressor (one member) at ``level``: ISA-L's for 1-3 (when ``isal`` is
    installed), zlib's otherwise."""
    if level in ISAL_LEVELS and isal_zlib is not None:
        return isal_zlib.compressobj(level, isal_zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)


class GzipWARCWriter(WARCWriter):
    """warcio's writer, one gzip member per record as usual, at gzip ``level``.

    ``known_digest``: the payload digest of the next record created, when the caller has
    it already (``payload_digest`` of the same body): warcio writes it as it would have
    computed it, in the same place, without hashing the body again."""

    def __init__(self, *args: Any, level: int = GZIP_LEVEL, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.level = level
        self.known_digest: str | None = None

    def ensure_digest(self, record: Any, block: bool = True, payload: bool = True) -> None:
        known, self.known_digest = self.known_digest, None
        response = payload and not block and record.rec_type == "response"
        if known and response and not record.rec_headers.get_header("WARC-Payload-Digest"):
            record.rec_headers.add_header("WARC-Payload-Digest", known)
        super().ensure_digest(record, block, payload)

    def _write_warc_record(self, out: Any, record: Any) -> Any:
        if not self.gzip:
            return super()._write_warc_record(out, record)
        # warcio's wrapper, without the level-9 zlib compressor its __init__ would make
        # and this one replace: 532 recorded pages written on a thread took 0.85 instead of
        # 1.0-1.2 ms a page; in whole crawls the WARC thread's CPU showed no change (1.36-1.43
        # ms a page either way: allocating it is cheap where the thread's memory is warm)
        wrapper = GzippingWrapper.__new__(GzippingWrapper)
        wrapper.out, wrapper.compressor = out, compressor(self.level)
        self.gzip = False  # the wrapper compresses; warcio must not wrap again
        try:
            return super()._write_warc_record(wrapper, record)
        finally:
            self.gzip = True


class PendingRecord:
    """The index row of a record being written on another thread (see ``record_row``).

    Pickling (a request re-queued to a disk or Redis queue with it in its meta)
    waits for the row and keeps it, so a copy never holds a thread's future.
    """

    def __init__(self, future: Future | None = None, row: dict[str, Any] | None = None) -> None:
        self._future = future
        self._row = row

    def get(self, timeout: float | None = None) -> dict[str, Any] | None:
        """The row (``None`` if the write failed), waiting for the writer if needed."""
        if self._future is not None:
            try:
                self._row = self._future.result(timeout)
            except CancelledError:
                self._row = None
            self._future = None
        return self._row

    async def wait(self) -> dict[str, Any] | None:
        """``get`` for the event loop: waits for the writer without blocking the loop. A
        record written already is read at once (no wake-up of the loop from a thread)."""
        if self._future is not None and self._future.done():
            return self.get()
        if self._future is not None:
            try:
                self._row = await asyncio.wrap_future(self._future)
            except CancelledError:
                self._row = None
            self._future = None
        return self._row

    def __getstate__(self) -> dict[str, Any]:
        return {"row": self.get()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._future, self._row = None, state["row"]


def record_row(value: PendingRecord | dict[str, Any] | None) -> dict[str, Any] | None:
    """The index row behind ``request.meta["warc"]`` / ``PageItem.warc``, however held."""
    return value.get() if isinstance(value, PendingRecord) else value


@dataclass
class Exchange:
    """One HTTP request and its response, as fetched."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str  # ISO 8601
    protocol: str = "HTTP/1.1"


def stored_exchange(
    url: str, status: int | None, headers_json: str | None, body: bytes, fetched_at: str | None
) -> Exchange:
    """The exchange of a capture kept in SQLite (kept headers only, request unknown)."""
    return Exchange(
        url=url,
        method="GET",
        request_headers=[],
        status=status or 200,
        response_headers=list(json.loads(headers_json or "{}").items()),
        body=body,
        fetched_at=fetched_at or datetime.now(UTC).isoformat(timespec="seconds"),
    )


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def http_response_headers(exchange: Exchange) -> StatusAndHeaders:
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in DROPPED_HEADERS]
    return StatusAndHeaders(status_line(exchange.status), headers, protocol=exchange.protocol)


def http_request_headers(exchange: Exchange) -> StatusAndHeaders:
    from urllib.parse import urlsplit

    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = list(exchange.request_headers)
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    return StatusAndHeaders(
        f"{exchange.method} {target}", headers, protocol=exchange.protocol, is_http_request=True
    )


class WarcWriterStore:
    """Appends records to size-rotated gzipped WARC files and returns their index rows."""

    def __init__(
        self,
        directory: str | Path,
        base: str | Path,
        max_size: int = DEFAULT_MAX_SIZE,
        level: int = GZIP_LEVEL,
    ) -> None:
        self.directory = Path(directory)
        self.level = level
        self.base = Path(base)  # paths inside it are stored relative to it
        self.max_size = max_size
        self.prefix = "news"
        self._file: Any = None
        self._path: Path | None = None
        self._stored = ""  # the current file's path as index rows store it (``relative``)
        self._writer: WARCWriter | None = None
        self._serial = 0

    def relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.base.resolve()))
        except ValueError:
            return str(path.resolve())

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:
            self._serial += 1
            name = f"{self.prefix}-{stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
            path = self.directory / name
            if not path.exists():
                break
        self._path = path
        self._stored = self.relative(path)
        self._file = open(path, "ab")  # noqa: SIM115 - kept open across writes, closed in close()
        self._writer = GzipWARCWriter(self._file, gzip=True, level=self.level)
        info = self._writer.create_warcinfo_record(
            name, {"software": SOFTWARE, "format": "WARC File Format 1.1"}
        )
        self._writer.write_record(info)
        self._file.flush()

    def _write(self, record: Any, row: dict[str, Any]) -> dict[str, Any]:
        if self._writer is None or self._file.tell() >= self.max_size:
            self.close()
            self._open()
        assert self._path is not None
        offset = self._file.tell()
        self._writer.write_record(record)
        self._file.flush()
        headers = record.rec_headers
        return {
            "record_id": headers.get_header("WARC-Record-ID"),
            "type": headers.get_header("WARC-Type"),
            "url": headers.get_header("WARC-Target-URI"),
            "fetched_at": iso_date(headers.get_header("WARC-Date")),
            "warc_file": self._stored,
            "warc_offset": offset,
            "warc_length": self._file.tell() - offset,
            "payload_digest": headers.get_header("WARC-Payload-Digest"),
            **row,
        }

    def write_exchange(
        self,
        exchange: Exchange,
        original: dict[str, Any] | None = None,
        with_request: bool = True,
        digest: str | None = None,
    ) -> list[dict[str, Any]]:
        """Write response (or revisit of ``original``) + request; index rows, response first.
        ``digest``: the body's ``payload_digest`` when the caller has computed it."""
        date = warc_date(exchange.fetched_at)
        if self._writer is None:
            self._open()
        writer = self._writer
        assert writer is not None
        http = http_response_headers(exchange)
        content_type = http.get_header("Content-Type")
        row = {"status": exchange.status, "content_type": content_type, "refers_to": None}
        if original is not None:
            record = writer.create_revisit_record(
                exchange.url,
                digest=original["payload_digest"],
                refers_to_uri=original["url"],
                refers_to_date=warc_date(original["fetched_at"]),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": original["record_id"]},
            )
            row["refers_to"] = original["record_id"]
        else:
            writer.known_digest = digest  # for this record only
            record = writer.create_warc_record(
                exchange.url,
                "response",
                payload=io.BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
        response_row = self._write(record, row)
        if not with_request:
            return [response_row]
        request = writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=http_request_headers(exchange),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": response_row["record_id"],
            },
        )
        request_row = self._write(request, {"status": None, "content_type": None})
        request_row["refers_to"] = response_row["record_id"]
        return [response_row, request_row]

    def write_metadata(
        self, url: str, data: dict[str, Any] | bytes, concurrent_to: str | None, fetched_at: str
    ) -> dict[str, Any]:
        """A ``metadata`` record (JSON, or JSON already encoded) about ``concurrent_to``.

        Its target is ``metadata_uri(url)``, not the page's URL, so replay tools do not
        take it for a capture of the page; it names its response by ``WARC-Refers-To``
        and ``WARC-Concurrent-To``. Its index row keeps the page's URL."""
        if self._writer is None:
            self._open()
        assert self._writer is not None
        if isinstance(data, bytes):
            payload = data
        else:
            payload = json.dumps(data, ensure_ascii=False).encode("utf-8")  # order kept
        headers = {"WARC-Date": warc_date(fetched_at)}
        if concurrent_to:
            headers["WARC-Refers-To"] = concurrent_to
            headers["WARC-Concurrent-To"] = concurrent_to
        record = self._writer.create_warc_record(
            metadata_uri(url),
            "metadata",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/json",
            warc_headers_dict=headers,
        )
        return self._write(
            record,
            {
                "url": url,
                "status": None,
                "content_type": "application/json",
                "refers_to": concurrent_to,
            },
        )

    def write_conversion(
        self, url: str, html: bytes, refers_to: str | None, fetched_at: str
    ) -> dict[str, Any]:
        """A ``conversion`` record: the HTML a browser rendered from the ``refers_to`` record."""
        if self._writer is None:
            self._open()
        assert self._writer is not None
        headers = {"WARC-Date": warc_date(fetched_at)}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        content_type = "text/html; charset=utf-8"
        record = self._writer.create_warc_record(
            url,
            "conversion",
            payload=io.BytesIO(html),
            length=len(html),
            warc_content_type=content_type,
            warc_headers_dict=headers,
        )
        return self._write(
            record, {"status": None, "content_type": content_type, "refers_to": refers_to}
        )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = self._writer = self._path = None


@dataclass
class StoredRecord:
    """One record read back from a WARC file."""

    type: str
    url: str
    date: str
    headers: dict[str, str]  # WARC headers
    status: int | None
    http_headers: list[tuple[str, str]]
    payload: bytes  # the entity body, content- and transfer-encodings undone


def resolve(base: str | Path, warc_file: str) -> Path:
    path = Path(warc_file)
    return path if path.is_absolute() else Path(base) / path


def read_record(path: str | Path, offset: int, length: int | None = None) -> StoredRecord:
    """Read the one record at ``offset`` (its gzip member) from a WARC file."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length) if length else handle.read()
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    http = record.http_headers
    return StoredRecord(
        type=record.rec_type,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        date=record.rec_headers.get_header("WARC-Date"),
        headers=dict(record.rec_headers.headers),
        status=int(http.get_statuscode()) if http and record.rec_type != "request" else None,
        http_headers=list(http.headers) if http else [],
        payload=record.content_stream().read(),
    )


INDEX_LOOKUP = (
    "SELECT warc_file, warc_offset, warc_length, type, refers_to FROM warc_records "
    "WHERE record_id = ?"
)


def read_indexed(db: Any, base: str | Path, record_id: str) -> StoredRecord:
    """The record with this id, following a revisit to the response that holds the payload."""
    for _ in range(10):
        row = db.execute(INDEX_LOOKUP, [record_id]).fetchone()
        if row is None:
            raise LookupError(f"no WARC record {record_id} in the index")
        warc_file, offset, length, kind, refers_to = row
        if kind != "revisit":
            return read_record(resolve(base, warc_file), offset, length)
        record_id = refers_to
    raise LookupError(f"revisit chain too long from {record_id}")


def capture_body(db: Any, base: str | Path, capture: dict[str, Any]) -> bytes:
    """The body of a ``captures`` row: from its WARC record, or its legacy in-SQLite blob."""
    if capture.get("body") is not None:
        return zlib.decompress(capture["body"])
    if not capture.get("warc_record_id"):
        raise LookupError(f"capture {capture.get('id')} has no body and no WARC record")
    return read_indexed(db, base, capture["warc_record_id"]).payload


def archive_base(db: Any) -> Path:
    """The directory of an archive's file (where its relative WARC paths start)."""
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent


def index_rows(db: Any, rows: list[dict[str, Any]], source: str | None, run_id: int | None) -> None:
    """Insert index rows into ``warc_records`` (caller holds the transaction)."""
    db.table("warc_records").insert_all(
        ({**row, "source": source, "run_id": run_id} for row in rows), ignore=True
    )


def insert_index(db: Any, rows: list[dict[str, Any]]) -> None:
    """Insert index rows (with their ``source`` and ``run_id``) into ``warc_records``; a
    record already indexed is kept as it is. The caller holds the transaction."""
    if not rows:
        return
    columns = list(dict.fromkeys(column for row in rows for column in row))
    sql = (
        f"INSERT OR IGNORE INTO warc_records ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    db.conn.executemany(sql, [[row.get(c) for c in columns] for row in rows])


def index_records(db: Any, rows: list[dict[str, Any]]) -> None:
    """``insert_index`` in a transaction of its own that takes the write lock first."""
    # IMMEDIATE: take the write lock first (waiting up to busy_timeout), so another
    # writer's commit cannot invalidate this transaction halfway (``schema.atomic``'s rule;
    # this module is below the schema, whose migrations read WARC files).
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        insert_index(db, rows)
        db.conn.commit()
    except BaseException:
        db.conn.rollback()
        raise


def find_original(db: Any, url: str, digest: str) -> dict[str, Any] | None:
    """The earlier response record holding this URL's payload with this digest, if any."""
    row = db.execute(
        "SELECT record_id, url, fetched_at, payload_digest FROM warc_records "
        "WHERE url = ? AND payload_digest = ? AND type = 'response' ORDER BY id LIMIT 1",
        [url, digest],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("record_id", "url", "fetched_at", "payload_digest"), row, strict=True))
