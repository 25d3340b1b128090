"""``ArchivePipeline``: articles, captures and errors into the SQLite archive, in batches.

``ArchivePipeline`` collects items and writes each batch in one
``db.atomic()`` transaction: when ``ARCHIVE_BATCH_SIZE`` items are waiting, when
``ARCHIVE_BATCH_SECONDS`` have passed, and at close, so a clean stop loses nothing. The
writes run on the crawl's one writer thread (``crawler.run.RunContext.writer``, a
``pipelines.archive.writer``, which the run recorder and the duplicate clustering share)
so they never stall downloads. Each batch's transaction also indexes the WARC records
written since the last one (``warc_records``: the batch's pages' own records among them,
taken from ``crawler.middlewares.warc``'s recorder). Settings read (defaults in
``crawler/settings.py``): ``ARCHIVE_ENABLED``, ``ARCHIVE_DB`` (``crawler.archive``),
``ARCHIVE_BATCH_SIZE``, ``ARCHIVE_BATCH_SECONDS``, ``ARCHIVE_CAPTURES`` (keep captures),
``TITLES_*`` and ``BOILERPLATE_*`` for the site-level steps (site names learned and stripped
from titles, ``pipelines.archive.titles``; template paragraphs, ``pipelines.archive.boilerplate``),
and ``DEDUPE_ENABLED``, ``DEDUPE_THRESHOLD``: each batch's articles get their near-duplicate
cluster as the batch is written (``pipelines.archive.dedupe.assign``).
Each item's outcome goes into the ledger (``known_urls``, ``pipelines.archive.frontier``) in the
same transaction, and the run's accounting (``pipelines.archive.runs``) is told which
fetches are settled. A batch that fails is written again item by item: an item that
cannot be written (after retries, if the archive is busy) becomes an
``archive_error`` row in ``errors`` and the others are kept. Stats:
``news/archive/{new,updated,unchanged,duplicate,not_modified,listing,feed,sitemap,errors,``
``captures,batches,batch_failed,item_failed}``,
``news/archive/cpu_seconds`` (CPU time of the writer thread), the site-level steps'
``news/titles/...`` and ``news/boilerplate/...``, and per
source ``news/source/NAME/OUTCOME`` for each of ``OUTCOME_COUNTERS``.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from crawler.run import RunContext
from pipelines.archive import runs, warc
from pipelines.archive.batch import ALONE_ATTEMPTS, requested_of, save_sources, write_batch
from pipelines.archive.boilerplate import BoilerplateLearner
from pipelines.archive.learners import SiteLearners
from pipelines.archive.titles import TitleLearner
from pipelines.archive.warc import PendingRecord
from pipelines.archive.writer import ArchiveWriter
from pipelines.extract.dates import utc_now
from pipelines.items import ArticleItem, ErrorItem, FrontierItem

logger = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(
        self, crawler: Any, path: Path, batch_size: int, batch_seconds: float, captures: bool
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = path
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.keep_captures = captures
        self.learner = site_learner(crawler.settings)
        self.cluster = dedupe_threshold(crawler.settings)
        self.pending: list[Any] = []
        self.last_flush = time.monotonic()
        self.db: Any = None  # lives on the writer thread: use it through self.writer
        self.writer: ArchiveWriter | None = None
        self._ticker: asyncio.Task | None = None
        self._stop = asyncio.Event()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        return cls(
            crawler,
            RunContext.of(crawler).archive,
            settings.getint("ARCHIVE_BATCH_SIZE"),
            settings.getfloat("ARCHIVE_BATCH_SECONDS"),
            settings.getbool("ARCHIVE_CAPTURES"),
        )

    async def open_spider(self) -> None:
        self.writer = RunContext.of(self.crawler).writer()  # the crawl's one writer
        self.db = self.writer.db
        configs = [s.config() for s in RunContext.of(self.crawler).sources]
        self.writer.run(save_sources, configs, utc_now())
        self._ticker = asyncio.ensure_future(self._tick())

    async def _tick(self) -> None:
        while not self._stop.is_set():
            try:
                await asyncio.wait_for(self._stop.wait(), min(1.0, self.batch_seconds))
            except TimeoutError:
                pass
            if self.pending and time.monotonic() - self.last_flush >= self.batch_seconds:
                try:
                    await self.flush()
                except Exception:  # the ticker must outlive a failure; close flushes again
                    logger.exception("archive flush failed")

    async def flush(self) -> None:
        items, self.pending = self.pending, []
        self.last_flush = time.monotonic()
        if not items:
            return
        run = RunContext.of(self.crawler)
        run_id = run.run_id
        assert self.writer is not None
        # every WARC record queued so far (the batch's pages among them): their index rows
        # go in the batch's transaction; waited for here, so the writer never waits for them
        index = await run.warc.take() if run.warc is not None else []
        await captured(items)
        try:
            outcomes = await self.writer.write(
                write_batch, items, run_id, self.keep_captures, self.learner, index, self.cluster
            )
            self.settle(items)
            if index:
                run.warc.indexed(index)
        except Exception as exc:  # noqa: BLE001 - find the item at fault, keep the others
            self.stats.inc_value("news/archive/batch_failed")
            logger.warning("archive batch of %d failed (%s): item by item", len(items), exc)
            await self._write_index(index)
            outcomes = []
            for item in items:
                outcomes += await self._write_alone(item, run_id)
        if self.learner is not None:
            for key, count in self.learner.drain().items():
                self.stats.inc_value(key, count)
        for key, count in runs.outcome_stats(outcomes).items():
            self.stats.inc_value(key, count)
        for item in items:  # not fetched (calendar traps): a row, but no outcome to count
            if isinstance(item, ErrorItem) and not item.fetched:
                self.stats.inc_value("news/archive/errors")
        self.stats.inc_value("news/archive/batches")
        self.stats.set_value("news/archive/cpu_seconds", round(self.writer.cpu, 3))

    async def _write_index(self, index: list[dict[str, Any]]) -> None:
        """A failed batch's WARC index rows, in their own transaction; kept by the
        recorder for the next batch (or its close) if that fails too."""
        if not index:
            return
        assert self.writer is not None
        recorder = RunContext.of(self.crawler).warc
        try:
            await self.writer.write(warc.index_records, index)
            recorder.indexed(index)
        except Exception as exc:  # noqa: BLE001 - the rows are kept, not lost
            logger.warning("WARC index of a failed batch kept for later (%s)", exc)
            recorder.give_back(index)

    async def _write_alone(self, item: Any, run_id: int | None) -> list[tuple]:
        """One item in its own transaction, tried again on a busy archive; an item that
        cannot be written becomes an ``archive_error`` row in ``errors`` instead."""
        assert self.writer is not None
        problem: Exception | None = None
        for attempt in range(ALONE_ATTEMPTS):
            try:
                outcomes = await self.writer.write(
                    write_batch,
                    [item],
                    run_id,
                    self.keep_captures,
                    self.learner,
                    None,
                    self.cluster,
                )
                self.settle([item])
                return outcomes
            except sqlite3.OperationalError as exc:  # busy or locked: wait and try again
                problem = exc
                await asyncio.sleep(1 + attempt)
            except Exception as exc:  # noqa: BLE001 - this item cannot be written
                problem = exc
                break
        url = getattr(getattr(item, "page", None), "url", None) or getattr(item, "url", "")
        source = getattr(getattr(item, "page", None), "source", None) or getattr(item, "source", "")
        self.stats.inc_value("news/archive/item_failed")
        logger.error("archive: %s could not be written: %s", url, problem)
        requested = requested_of(item)
        if requested is None or not url:  # a discovery, not a fetch: nothing to account for
            return []
        error = ErrorItem(
            url=url,
            source=source,
            reason="archive_error",
            detail=f"{type(problem).__name__}: {problem}",
            kind="failed",
            fetched_at=utc_now(),
            requested_url=requested,
        )
        try:
            outcomes = await self.writer.write(write_batch, [error], run_id, False, None)
            self.settle([error])
            return outcomes
        except Exception:  # noqa: BLE001 - logged above with its URL
            return []

    def settle(self, items: list[Any]) -> None:
        """Tell the run's accounting that these items' fetches have their outcome."""
        accounting = RunContext.of(self.crawler).accounting
        for item in items:
            accounting.settle(requested_of(item))

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem | ErrorItem | FrontierItem):
            self.pending.append(item)
            if len(self.pending) >= self.batch_size:
                await self.flush()
        return item

    async def close_spider(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            await self._ticker
        await self.flush()


def site_learner(settings: Any) -> SiteLearners | None:
    """The site-level steps as ``TITLES_*`` and ``BOILERPLATE_*`` configure them (None when
    both are off); the crawl, the distributed writer, ``scrapy reextract`` and
    ``scrapy import-warc`` all take them from here."""
    learners = [title_learner(settings), boilerplate_learner(settings)]
    learners = [learner for learner in learners if learner is not None]
    return SiteLearners(learners) if learners else None


def title_learner(settings: Any) -> TitleLearner | None:
    """The site-level title step as ``TITLES_*`` configure it (None when off)."""
    if not settings.getbool("TITLES_ENABLED"):
        return None
    return TitleLearner(
        settings.getint("TITLES_MIN_ARTICLES"), settings.getfloat("TITLES_MIN_SHARE")
    )


def boilerplate_learner(settings: Any) -> BoilerplateLearner | None:
    """The site-level template step as ``BOILERPLATE_*`` configure it (None when off)."""
    if not settings.getbool("BOILERPLATE_ENABLED"):
        return None
    return BoilerplateLearner(settings.getint("BOILERPLATE_MIN_ARTICLES"))


async def captured(items: list[Any]) -> None:
    """Wait (without blocking the loop) for the WARC records of the batch's pages, so the
    writer thread never waits for the WARC thread."""
    for item in items:
        if isinstance(item, ArticleItem) and isinstance(item.page.warc, PendingRecord):
            item.page.warc = await item.page.warc.wait()


def dedupe_threshold(settings: Any) -> float | None:
    """The near-duplicate threshold each batch is clustered at, None when clustering is off."""
    if not settings.getbool("DEDUPE_ENABLED"):
        return None
    return settings.getfloat("DEDUPE_THRESHOLD")
