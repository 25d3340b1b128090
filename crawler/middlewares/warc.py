"""Capture every response the crawl fetches into WARC files, and index it in the archive.

``WarcCaptureMiddleware`` sits next to the downloader (priority 950), so it sees
each response as received: articles, feeds, sitemaps, robots.txt, redirects and
error pages, before decompression or retries. Each becomes a ``response`` (or,
when this URL's payload is already archived, a ``revisit``) record plus its
``request`` record (see ``pipelines.archive.warc``), written on the recorder's own thread;
``request.meta["warc"]`` gets a ``pipelines.archive.warc.PendingRecord`` that resolves to
the response's index row, so the archive's ``captures`` row can point at it.
Index rows wait on the recorder until the archive pipeline's next batch takes them
(``take``, which first waits, on the event loop, for every record queued before it):
they are written to the ``warc_records`` table in that batch's transaction, with the
articles, captures and outcomes of the batch's pages, on the crawl's one archive writer
(``crawler.run``), so the writer never waits for this thread. Rows of records no item
stands for (listing pages, feeds, robots.txt, errors) go with whichever batch comes next;
those left at the end of the crawl are written by ``close`` through the same writer (a
busy archive is waited for and retried). The recorder reads the archive through the
crawl's one read connection (``RunContext.reading``) to find the earlier record of a
payload it writes again as a revisit.
A page rendered in the browser (``crawler.middlewares.render``) is recorded twice: its
document as the server sent it (``response`` and ``request`` records) and the rendered
HTML as a ``conversion`` record referring to it, which the page's capture points at.
``WarcMetadataPipeline`` (``crawler.pipelines.warc_metadata``) adds a ``metadata``
record per extracted article through the same ``WarcRecorder`` (before the article reaches
the archive pipeline, so its row goes with the article's batch).
Settings read (defaults in ``crawler/settings.py``): ``WARC_ENABLED`` (also off when
``ARCHIVE_ENABLED`` is), ``WARC_DIR`` (unset: ``warc/`` next to ``ARCHIVE_DB``),
``WARC_MAX_SIZE`` (bytes per file before a new one starts), ``WARC_GZIP_LEVEL`` (1-9: see
``pipelines.archive.warc.GZIP_LEVEL``), ``ARCHIVE_DB`` (``crawler.archive``).
Stats: ``news/warc/{response,revisit,request,metadata,conversion,bytes,failed,index_retry}``, and
``news/warc/cpu_seconds`` (CPU time of the WARC thread).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.run import RunContext
from pipelines.archive import warc
from pipelines.extract.dates import utc_now

logger = logging.getLogger(__name__)


def header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) text pairs, repeated names kept."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcRecorder:
    """The crawl's WARC writer thread and its pending index rows (one per crawler).

    ``capture`` and ``metadata`` return at once with a ``PendingRecord``: hashing,
    gzip and the file write happen on the recorder's own thread, in submission order,
    so the reactor keeps downloading (zlib and hashlib release the GIL).
    """

    def __init__(
        self,
        crawler: Any,
        db_path: Path,
        directory: Path,
        max_size: int,
        level: int = warc.GZIP_LEVEL,
    ) -> None:
        self.stats = crawler.stats
        self.run = RunContext.of(crawler)
        # the archive is opened (schema, migrations) by the crawl's writer before the
        # first capture reads it, never by two threads at once
        self.run.writer()
        self.run.warc = self  # the archive pipeline takes the index rows from here
        self.db_path = db_path
        self.store = warc.WarcWriterStore(directory, db_path.parent, max_size, level)
        self.pending: list[tuple[dict[str, Any], str | None]] = []  # rows not yet taken
        self.recent: dict[tuple[str, str], dict[str, Any]] = {}  # written, not yet indexed
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")

    def original(self, url: str, digest: str) -> dict[str, Any] | None:
        found = self.recent.get((url, digest))
        if found is None:
            with self.run.reading() as db:  # the crawl's one read connection
                found = warc.find_original(db, url, digest)
        return found

    def record(self, rows: list[dict[str, Any]], source: str | None) -> None:
        for row in rows:
            self.pending.append((row, source))
            self.stats.inc_value(f"news/warc/{row['type']}")
            self.stats.inc_value("news/warc/bytes", row["warc_length"])

    def _rows(self) -> list[dict[str, Any]]:
        run_id = self.run.run_id
        return [{**row, "source": source, "run_id": run_id} for row, source in self.pending]

    def _take(self) -> list[dict[str, Any]]:
        rows, self.pending = self._rows(), []
        return rows

    async def take(self) -> list[dict[str, Any]]:
        """The index rows of every record queued so far (waiting, on the event loop, for
        the records being written), for the archive pipeline's next transaction."""
        return await asyncio.wrap_future(self.thread.submit(self._take))

    def indexed(self, rows: list[dict[str, Any]]) -> None:
        """These rows are committed: revisit look-ups find them in the archive now."""
        self.thread.submit(self._forget, rows)

    def _forget(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            key = (row["url"], row["payload_digest"])
            if key in self.recent and self.recent[key]["record_id"] == row["record_id"]:
                del self.recent[key]

    def give_back(self, rows: list[dict[str, Any]]) -> None:
        """Rows taken but not written (their batch failed): kept for the next try."""
        back = [({k: v for k, v in r.items() if k != "source"}, r["source"]) for r in rows]
        self.thread.submit(self._give_back, back)

    def _give_back(self, back: list[tuple[dict[str, Any], str | None]]) -> None:
        self.pending = back + self.pending

    def _submit(self, url: str, function: Any, *args: Any) -> warc.PendingRecord:
        return warc.PendingRecord(self.thread.submit(self._guarded, url, function, *args))

    def _guarded(self, url: str, function: Any, *args: Any) -> dict[str, Any] | None:
        start = time.thread_time()
        try:
            return function(*args)
        except (OSError, sqlite3.Error) as exc:  # the crawl goes on; the page is still archived
            self.stats.inc_value("news/warc/failed")
            logger.error("WARC capture of %s failed: %s", url, exc)
            return None
        finally:
            self.stats.inc_value("news/warc/cpu_seconds", time.thread_time() - start)

    def capture(self, request: Any, response: Any) -> warc.PendingRecord:
        exchange = warc.Exchange(
            url=response.url,
            method=request.method,
            request_headers=header_pairs(request.headers),
            status=response.status,
            response_headers=header_pairs(response.headers),
            body=response.body,
            fetched_at=utc_now(),
            protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        )
        return self._submit(response.url, self._capture, exchange, request.meta.get("source"))

    def _capture(self, exchange: warc.Exchange, source: str | None) -> dict[str, Any]:
        body = exchange.body
        digest = warc.payload_digest(body)
        # A payload seen before is a revisit; an empty one (a 304, a redirect) is kept as is.
        original = self.original(exchange.url, digest) if body else None
        rows = self.store.write_exchange(exchange, original, digest=digest)  # hashed once
        first = rows[0]
        if first["type"] == "response":
            self.recent[(exchange.url, digest)] = first
        self.record(rows, source)
        return first

    def metadata(
        self, url: str, data: dict[str, Any], capture: Any, source: str
    ) -> warc.PendingRecord:
        """A metadata record for ``capture`` (a response's row or ``PendingRecord``).

        ``data`` is serialised now, as it is at this point of the pipeline."""
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return self._submit(url, self._metadata, url, payload, capture, source, utc_now())

    def _metadata(
        self, url: str, payload: bytes, capture: Any, source: str, at: str
    ) -> dict[str, Any] | None:
        response = warc.record_row(capture)  # written already: the thread keeps order
        if response is None:
            return None
        row = self.store.write_metadata(url, payload, response["record_id"], at)
        self.record([row], source)
        return row

    def rendered(self, url: str, body: bytes, capture: Any, request: Any) -> warc.PendingRecord:
        """A ``conversion`` record of a rendered page's HTML, referring to ``capture``."""
        source = request.meta.get("source")
        return self._submit(url, self._rendered, url, body, capture, source, utc_now())

    def _rendered(
        self, url: str, body: bytes, capture: Any, source: str, at: str
    ) -> dict[str, Any] | None:
        response = warc.record_row(capture)
        row = self.store.write_conversion(url, body, response and response["record_id"], at)
        self.record([row], source)
        return row

    def flush(self) -> bool:
        """Write the rows no batch took (at close); on a busy archive keep them for the next
        try. Runs on the recorder's thread."""
        if not self.pending:
            return True
        rows = self._rows()
        try:  # on the crawl's one archive writer, in a transaction of its own
            self.run.writer().run(warc.index_records, rows)
        except sqlite3.OperationalError as exc:
            self.stats.inc_value("news/warc/index_retry")
            logger.warning("WARC index not written yet (%s); %d rows kept", exc, len(rows))
            return False
        self.pending = []
        self.recent.clear()
        return True

    def _close(self) -> None:
        for attempt in range(5):
            if self.flush():
                break
            time.sleep(1 + attempt)
        else:
            logger.error("WARC index: %d rows could not be written", len(self.pending))
        self.store.close()

    def close(self) -> None:
        """Finish the queued records, index them, close the file (at spider close)."""
        self.thread.submit(self._close).result()
        self.thread.shutdown(wait=True)


def recorder_for(crawler: Any) -> WarcRecorder:
    """The crawler's ``WarcRecorder``, made on first use from its settings."""
    recorder = getattr(crawler, "_news_warc_recorder", None)
    if recorder is None:
        settings = crawler.settings
        if not (settings.getbool("WARC_ENABLED") and settings.getbool("ARCHIVE_ENABLED")):
            raise NotConfigured("WARC_ENABLED or ARCHIVE_ENABLED is off")
        db_path = RunContext.of(crawler).archive
        directory = Path(settings.get("WARC_DIR") or db_path.parent / "warc")
        max_size = settings.getint("WARC_MAX_SIZE")
        level = settings.getint("WARC_GZIP_LEVEL")
        recorder = WarcRecorder(crawler, db_path, directory, max_size, level)
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
        fetched = request.meta.get("render_fetched")  # crawler.middlewares.render
        if fetched is None:
            request.meta["warc"] = self.recorder.capture(request, response)
            return response
        # a rendered page: the document as fetched, and the rendered HTML referring to it
        capture = self.recorder.capture(request, fetched)
        request.meta["warc"] = self.recorder.rendered(response.url, response.body, capture, request)
        return response
