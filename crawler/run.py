"""The run context: what the components of one crawl share, in one object.

``RunContext.of(crawler)`` is the crawl's one context, made on first use from the
settings and kept on the crawler: the archive's path (``crawler.archive.archive_path``,
resolved once), whether the archive is on, the crawl's clock (real time, or shifted by
``NEWS_CLOCK``) and the moment the run started on it, the revisit steps
(``NEWS_REVISIT_AFTER``), the sources the spider crawls (``sources`` and ``by_name``, set by the
spider once it has read the sources file), the run's accounting of fetched URLs
(``pipelines.archive.runs.Accounting``), whether the spider keeps each source's
revisit state (``incremental``) and the run's id in ``crawl_runs`` (``run_id``,
set by whoever opens the run: the run recorder, or the distributed spider from its
Redis run), and the crawl's one handle on the archive (``handle``, a
``pipelines.archive.handle.ArchiveHandle``: ``writer()`` and ``reading()``, closed when the
engine stops), through which every component reads and writes it, and the crawl's WARC
recorder when it captures (``warc``, set by ``crawler.middlewares.warc``). Spiders,
middlewares, extensions and item pipelines read it instead of
reaching into the spider or the stats. Settings read: ``ARCHIVE_DB``, ``ARCHIVE_ENABLED``,
``NEWS_CLOCK``, ``NEWS_REVISIT_AFTER``. Stats: none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import signals

from crawler.archive import archive_path
from crawler.sources import Source
from pipelines.archive import frontier
from pipelines.archive.handle import ArchiveHandle
from pipelines.archive.runs import Accounting
from pipelines.archive.writer import ArchiveWriter


@dataclass
class RunContext:
    archive: Path
    archived: bool = True
    steps: list[timedelta] = field(default_factory=list)
    clock_offset: timedelta = timedelta(0)
    sources: list[Source] = field(default_factory=list)
    by_name: dict[str, Source] = field(default_factory=dict)
    accounting: Accounting = field(default_factory=Accounting)
    run_id: int | None = None
    incremental: bool = False
    started: str = ""
    warc: Any = field(default=None, repr=False)  # crawler.middlewares.warc.WarcRecorder
    handle: ArchiveHandle = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.started = self.started or self.now()
        self.handle = ArchiveHandle(self.archive)

    @classmethod
    def from_settings(cls, settings: Any) -> RunContext:
        clock = settings.get("NEWS_CLOCK")
        start = frontier.parse_time(clock) if clock else None
        return cls(
            archive=archive_path(settings),
            archived=settings.getbool("ARCHIVE_ENABLED"),
            # an empty schedule is the default one, as it always was for the spider
            steps=frontier.parse_schedule(
                settings.get("NEWS_REVISIT_AFTER") or frontier.DEFAULT_SCHEDULE
            ),
            clock_offset=(start - datetime.now(UTC)) if start else timedelta(0),
        )

    @classmethod
    def of(cls, crawler: Any) -> RunContext:
        """The crawl's context (one per crawler); its writer closes when the engine stops."""
        run = crawler.__dict__.get("news_run")
        if run is None:
            run = crawler.news_run = cls.from_settings(crawler.settings)
            crawler.signals.connect(run.close, signal=signals.engine_stopped)
        return run

    def writer(self) -> ArchiveWriter:
        """The crawl's one writer thread and connection to the archive, opened on first use:
        the run recorder opens and closes the run through it, the archive pipeline writes
        its batches (with their WARC index rows), the resume plan marks killed runs, the
        duplicate clustering runs on it at the end."""
        return self.handle.writer()

    def reading(self) -> Any:
        """The crawl's one read-only connection (a context manager lending it)."""
        return self.handle.reading()

    def close(self) -> None:
        self.handle.close()

    def use_sources(self, sources: list[Source]) -> list[Source]:
        """The sources this run crawls (the spider's, once it has read the file)."""
        self.sources = sources
        self.by_name = {source.name: source for source in sources}
        return sources

    @property
    def source_names(self) -> list[str]:
        return [source.name for source in self.sources]

    def now_at(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def now(self) -> str:
        """The crawl's clock (real time, or shifted by ``NEWS_CLOCK``), ISO 8601."""
        return frontier.iso(self.now_at())
