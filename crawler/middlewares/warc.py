"""Capture every response the crawl fetches into WARC files, and index it in the archive.

``WarcCaptureMiddleware`` sits next to the downloader (priority 950), so it sees
each response as received: articles, feeds, sitemaps, robots.txt, redirects and
error pages, before decompression or retries. Each becomes a ``response`` (or,
when this URL's payload is already archived, a ``revisit``) record plus its
``request`` record (see ``pipelines.warc``); the response's index row goes in
``request.meta["warc"]`` so the archive's ``captures`` row can point at it.
Index rows are written to the ``warc_records`` table in batches (every 200
records and at the end of the crawl), in ``BEGIN IMMEDIATE`` transactions beside
the archive's own writer; a batch that meets a busy archive is kept and retried.
``WarcMetadataPipeline`` (``pipelines.warc_metadata``) adds a ``metadata``
record per extracted article through the same ``WarcRecorder``.
Settings read: ``WARC_ENABLED`` (default true; also off when ``ARCHIVE_ENABLED``
is), ``WARC_DIR`` (default ``warc/`` next to ``ARCHIVE_DB``), ``WARC_MAX_SIZE``
(bytes per file before a new one starts; default 100 MB), ``ARCHIVE_DB``.
Stats: ``news/warc/{response,revisit,request,metadata,bytes,failed,index_retry}``.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipelines import warc
from pipelines.archive import DEFAULT_DB
from pipelines.dates import utc_now
from pipelines.schema import open_archive

logger = logging.getLogger(__name__)
FLUSH_EVERY = 200


def header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) text pairs, repeated names kept."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcRecorder:
    """The crawl's WARC writer and its pending index rows (one per crawler)."""

    def __init__(self, crawler: Any, db_path: Path, directory: Path, max_size: int) -> None:
        self.stats = crawler.stats
        self.db_path = db_path
        self.store = warc.WarcWriterStore(directory, db_path.parent, max_size)
        self.db: Any = None
        self.pending: list[tuple[dict[str, Any], str | None]] = []
        self.recent: dict[tuple[str, str], dict[str, Any]] = {}  # written, not yet indexed

    def archive(self) -> Any:
        if self.db is None:
            self.db = open_archive(self.db_path)
        return self.db

    def original(self, url: str, digest: str) -> dict[str, Any] | None:
        return self.recent.get((url, digest)) or warc.find_original(self.archive(), url, digest)

    def record(self, rows: list[dict[str, Any]], source: str | None) -> None:
        for row in rows:
            self.pending.append((row, source))
            self.stats.inc_value(f"news/warc/{row['type']}")
            self.stats.inc_value("news/warc/bytes", row["warc_length"])
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def capture(self, request: Any, response: Any) -> dict[str, Any]:
        body = response.body
        digest = warc.payload_digest(body)
        exchange = warc.Exchange(
            url=response.url,
            method=request.method,
            request_headers=header_pairs(request.headers),
            status=response.status,
            response_headers=header_pairs(response.headers),
            body=body,
            fetched_at=utc_now(),
            protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        )
        # A payload seen before is a revisit; an empty one (a 304, a redirect) is kept as is.
        original = self.original(response.url, digest) if body else None
        rows = self.store.write_exchange(exchange, original)
        first = rows[0]
        if first["type"] == "response":
            self.recent[(response.url, digest)] = first
        self.record(rows, request.meta.get("source"))
        return {**first, "sha256": hashlib.sha256(body).hexdigest()}

    def metadata(self, url: str, data: dict[str, Any], concurrent_to: str | None, source: str):
        row = self.store.write_metadata(url, data, concurrent_to, utc_now())
        self.record([row], source)
        return row

    def flush(self) -> bool:
        """Write the pending index rows; on a busy archive keep them for the next try."""
        if not self.pending:
            return True
        db = self.archive()
        run_id = self.stats.get_value("news/run/id")
        rows = [{**row, "source": source, "run_id": run_id} for row, source in self.pending]
        columns = list(rows[0])
        sql = (
            f"INSERT OR IGNORE INTO warc_records ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        try:
            # IMMEDIATE: take the write lock first (waiting up to busy_timeout), so another
            # writer's commit cannot invalidate this transaction halfway.
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])
                db.conn.commit()
            except BaseException:
                db.conn.rollback()
                raise
        except sqlite3.OperationalError as exc:
            self.stats.inc_value("news/warc/index_retry")
            logger.warning("WARC index not written yet (%s); %d rows kept", exc, len(rows))
            return False
        self.pending = []
        self.recent.clear()
        return True

    def close(self) -> None:
        for attempt in range(5):
            if self.flush():
                break
            time.sleep(1 + attempt)
        else:
            logger.error("WARC index: %d rows could not be written", len(self.pending))
        self.store.close()
        if self.db is not None:
            self.db.close()
            self.db = None


def recorder_for(crawler: Any) -> WarcRecorder:
    """The crawler's ``WarcRecorder``, made on first use from its settings."""
    recorder = getattr(crawler, "_news_warc_recorder", None)
    if recorder is None:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED", True) or not settings.getbool(
            "ARCHIVE_ENABLED", True
        ):
            raise NotConfigured("WARC_ENABLED or ARCHIVE_ENABLED is off")
        db_path = Path(settings.get("ARCHIVE_DB") or DEFAULT_DB)
        directory = Path(settings.get("WARC_DIR") or db_path.parent / "warc")
        max_size = settings.getint("WARC_MAX_SIZE", warc.DEFAULT_MAX_SIZE)
        recorder = WarcRecorder(crawler, db_path, directory, max_size)
        crawler.signals.connect(recorder.close, signal=signals.spider_closed)
        crawler._news_warc_recorder = recorder
    return recorder


class WarcCaptureMiddleware:
    def __init__(self, recorder: WarcRecorder) -> None:
        self.recorder = recorder

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCaptureMiddleware:
        return cls(recorder_for(crawler))

    def process_response(self, request: Any, response: Any) -> Any:
        try:
            request.meta["warc"] = self.recorder.capture(request, response)
        except (OSError, sqlite3.Error) as exc:  # the crawl goes on; the page is still archived
            self.recorder.stats.inc_value("news/warc/failed")
            logger.error("WARC capture of %s failed: %s", response.url, exc)
        return response
