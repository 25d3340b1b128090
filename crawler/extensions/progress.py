"""Live progress while crawling, and a loud warning for a source that went silent.

Every ``NEWS_PROGRESS_INTERVAL`` seconds (default 30; 0 switches the live line
off) one line is logged: pages fetched and pages per minute, articles archived
(new, updated), 304s, queue size (scheduled plus downloading) and errors. When
the crawl ends, each source that has articles in the archive from earlier runs
but archived nothing this run while its feeds, sitemaps and pages gave no
article link either (or every page it fetched failed or was skipped) gets a
WARNING naming the source and what happened (``news/source/NAME/silent`` = 1).
Settings read (defaults in ``crawler/settings.py``): ``NEWS_PROGRESS_INTERVAL``,
``ARCHIVE_ENABLED``, ``ARCHIVE_DB`` (``crawler.archive``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.run import RunContext
from pipelines.archive.runs import per_source_counts

logger = logging.getLogger(__name__)


def silent_reason(counts: dict[str, int], archived_before: int) -> str | None:
    """Why a source that used to yield articles yielded none this run (None if it did)."""
    if archived_before == 0:
        return None
    if any(counts.get(k, 0) for k in ("new", "updated", "unchanged")):
        return None
    fetched, failed, skipped = (counts.get(k, 0) for k in ("fetched", "failed", "skipped"))
    if fetched and failed + skipped >= fetched:
        return f"all {fetched} pages fetched failed ({failed}) or were not articles ({skipped})"
    if not any(counts.get(k, 0) for k in ("discovered", "known", "not_modified")):
        why = f", {failed} failures" if failed else ""
        return f"its feeds, sitemaps and pages listed no article at all{why}"
    return None


def archived_before(db: Any, started: str) -> dict[str, int]:
    """Articles per source first seen before ``started`` (``db`` only read)."""
    rows = db.execute(
        "SELECT source, count(*) FROM articles WHERE first_seen < ? GROUP BY source", [started]
    ).fetchall()
    return dict(rows)


class ProgressLogger:
    def __init__(self, crawler: Any, interval: float, path: Path | None) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = interval
        self.path = path  # the archive (None: off), read through the run context's handle
        self.started = time.monotonic()
        self.started_at = ""
        self._task: asyncio.Task | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressLogger:
        settings = crawler.settings
        interval = settings.getfloat("NEWS_PROGRESS_INTERVAL")
        run = RunContext.of(crawler)
        archive = run.archive if run.archived else None
        if interval <= 0 and archive is None:
            raise NotConfigured("NEWS_PROGRESS_INTERVAL is 0 and there is no archive")
        ext = cls(crawler, interval, archive)
        ext.run = run
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.started_at = self.run.now()
        if self.interval > 0:
            self._task = asyncio.ensure_future(self._loop())

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            logger.info(self.line())

    def line(self) -> str:
        value = self.stats.get_value
        pages = value("response_received_count", 0)
        minutes = max((time.monotonic() - self.started) / 60, 1e-9)
        engine = self.crawler.engine
        queued = len(engine.scheduler) if engine and engine.scheduler is not None else 0
        active = len(engine.downloader.active) if engine else 0
        errors = value("news/archive/errors", 0)
        return (
            f"progress: {pages} pages ({pages / minutes:.0f}/min), "
            f"{value('news/archive/new', 0) + value('news/archive/updated', 0)} articles archived "
            f"(new {value('news/archive/new', 0)}, updated {value('news/archive/updated', 0)}), "
            f"not modified {value('news/not_modified', 0)}, "
            f"queue {queued + active}, errors {errors}"
        )

    def spider_closed(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self.interval > 0:
            logger.info(self.line())
        if self.path is None or not self.started_at:
            return
        with self.run.reading() as db:  # the crawl's one read connection
            before = archived_before(db, self.started_at)
        counts = per_source_counts(self.stats.get_stats())
        for source in self.run.sources:
            reason = silent_reason(counts.get(source.name, {}), before.get(source.name, 0))
            if reason:
                self.stats.set_value(f"news/source/{source.name}/silent", 1)
                logger.warning(
                    "SOURCE %r ARCHIVED NOTHING this run although it gave %d articles before: %s",
                    source.name,
                    before[source.name],
                    reason,
                )
