"""Record each crawl in the archive's ``crawl_runs`` table, with its stats.

Through the crawl's one archive writer (``crawler.run``): on ``spider_opened`` a row is
inserted (status ``running``) and its id is set on
the run context (``crawler.run``), which the archive pipeline and the WARC recorder
stamp on errors, captures and records (and kept in the ``news/run/id`` stat).
On ``spider_closed`` (after the pipelines have flushed) the row gets
its end time, status (``finished``, ``interrupted`` on a shutdown, otherwise the
close reason), per-source counts, every stat and the run's accounting (per source,
URLs fetched against the sum of their outcomes; ``pipelines.archive.runs``); a summary
table and one accounting line per source are logged, and any fetched URL left
without an outcome is a WARNING naming it.
Settings read: ``ARCHIVE_ENABLED`` (default in ``crawler/settings.py``), ``ARCHIVE_DB``
(``crawler.archive``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.run import RunContext
from pipelines.archive import runs
from pipelines.extract.dates import utc_now

logger = logging.getLogger(__name__)
UNSETTLED_NAMED = 50  # fetched URLs without an outcome named in the log, at most


class RunRecorder:
    def __init__(self, crawler: Any, run: RunContext) -> None:
        self.crawler = crawler
        self.run = run

    @property
    def path(self) -> Path:
        return self.run.archive

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunRecorder:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        recorder = cls(crawler, RunContext.of(crawler))
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self) -> None:
        self.run.run_id = self.run.writer().run(runs.open_run, self.run.source_names, utc_now())
        self.crawler.stats.set_value("news/run/id", self.run.run_id)  # recorded with the stats
        logger.info("crawl run %s started, archive %s", self.run.run_id, self.path)

    def spider_closed(self, reason: str) -> None:
        run = self.run
        if run.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        counts = runs.per_source_counts(stats)
        for name in run.source_names:
            counts.setdefault(name, {})
        status = {"finished": "finished", "shutdown": "interrupted"}.get(reason, reason)
        books = self.check_books(counts, run.accounting)
        incremental = (run.started, run.now(), run.steps) if run.incremental else None
        run.writer().run(
            runs.close_run, run.run_id, utc_now(), status, counts, stats, books, incremental
        )
        lines = "\n".join(runs.line(name, c) for name, c in sorted(counts.items()))
        logger.info(
            "crawl run %s %s\n%s\naccounting:\n%s",
            run.run_id,
            status,
            runs.summary_table(counts),
            lines,
        )

    def check_books(self, counts: dict[str, dict[str, int]], books: Any) -> dict[str, Any]:
        """Per source: fetched against the sum of outcomes. A fetched URL without an
        outcome is a WARNING naming it (the first ``UNSETTLED_NAMED`` of them)."""
        unsettled = books.unsettled() if books is not None else {}
        for url, source in list(unsettled.items())[:UNSETTLED_NAMED]:
            logger.warning("no outcome recorded for a fetched URL (%s): %s", source, url)
        if len(unsettled) > UNSETTLED_NAMED:
            logger.warning("... and %d more fetched URLs without an outcome", len(unsettled) - 50)
        result = {}
        for name, source_counts in counts.items():
            result[name] = runs.balance(source_counts)
            result[name]["unsettled"] = sum(1 for s in unsettled.values() if s == name)
            if result[name]["missing"]:
                logger.warning("accounting of %s does not balance: %s", name, result[name])
        return result
