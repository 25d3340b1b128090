"""``scrapy crawl``, checking the sources file before anything starts.

For the ``news`` spider the sources file (``-a sources=PATH`` or
``NEWS_SOURCES``) is validated first: a bad file is refused with the file,
source and key at fault, exit status 2, and no request made; so is a bad
``-a since=``/``until=`` date or ``NEWS_REVISIT_AFTER`` schedule. Then the archive is
locked (``crawler.lock``): while one crawl runs on an archive, a second exits
with status 3 and a message naming the running one. The extraction workers' forkserver
is started then (``crawler.pipelines.extract.warming``), before Scrapy builds the crawler:
its seconds of warm-up overlap Scrapy's own start-up. Requests wait for their turn
on disk, not in memory: unless ``JOBDIR`` is set, the crawl gets a temporary one
(removed when it ends), so Scrapy's scheduler keeps its queue in disk queues and a
sitemap of 50,000 URLs does not hold 50,000 requests in memory (resuming is the
archive's business, see ``pipelines.archive.resume``, not the queue's). Other spiders run as
with Scrapy's own command. The sources file the crawl reads is passed on to the spider
(``-a sources=``) and logged; the example file is refused unless named
(``crawler.sources.sources_file``). When the crawl is over (the archive, the WARC files and
the workers closed), what it leaves in memory is moved out of the garbage collector's sight
(``gc.freeze``): the interpreter's exit then skips its collections over all of it, about
0.15 s of CPU at the end of every crawl. So is what its start-up leaves, once the spider is
open (``freeze_start_up``: Scrapy, the crawl's components, the sources): the full
collections the crawl runs later skip it (on 600 pages, one such collection took 55 ms
of CPU walking the start-up's objects). Settings read (defaults in ``crawler/settings.py``):
``NEWS_SOURCES``, ``ARCHIVE_DB`` (``crawler.archive``), ``ARCHIVE_ENABLED``,
``NEWS_REVISIT_AFTER``, ``NEWS_DISK_QUEUE``, ``JOBDIR`` (Scrapy's), ``EXTRACT_ENABLED``,
``EXTRACT_WORKERS``, ``EXTRACT_FUNCTION`` (``warming``).
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from typing import Any

from scrapy import signals
from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler import lock
from crawler.archive import archive_path
from crawler.commands.base import failing, news_sources, settle
from crawler.discovery.bounds import BoundError, parse_bound
from crawler.pipelines.extract import warming
from crawler.sources import SourcesError, load_sources
from pipelines.archive.frontier import ScheduleError, parse_schedule


def freeze_start_up() -> None:
    """Move every object alive now out of the garbage collector's sight (``gc.freeze``)."""
    gc.freeze()


class Command(ScrapyCrawl):
    def _create_crawler(self, spidercls: Any) -> Any:
        crawler = super()._create_crawler(spidercls)
        if getattr(crawler.spidercls, "name", None) == "news":
            crawler.signals.connect(freeze_start_up, signal=signals.spider_opened)
        return crawler

    def run(self, args: list[str], opts: Any) -> None:
        if args and args[0] == "news":
            settle(self, self.crawl_news, args, opts)
            gc.freeze()  # the exit's collections skip the crawl's objects
        else:
            super().run(args, opts)

    def crawl_news(self, args: list[str], opts: Any) -> None:
        settings = self.settings
        with failing({SourcesError: 2}, "bad sources file: "):
            path = news_sources(settings, opts.spargs.get("sources"))
            opts.spargs["sources"] = str(path)
            load_sources(path, opts.spargs.get("source"))
        with failing({BoundError: 2, ScheduleError: 2}):
            parse_bound(opts.spargs.get("since"))
            parse_bound(opts.spargs.get("until"))
            parse_schedule(settings.get("NEWS_REVISIT_AFTER"))
        if not settings.getbool("ARCHIVE_ENABLED"):
            with warming(settings):
                super().run(args, opts)
            return
        with failing({lock.CrawlLocked: 3}):
            held = lock.acquire(archive_path(settings))
        try:
            with warming(settings):
                self.run_queued(args, opts)
        finally:
            held.close()

    def run_queued(self, args: list[str], opts: Any) -> None:
        """Scrapy's crawl, with its request queue in a temporary ``JOBDIR``."""
        settings = self.crawler_process.settings if self.crawler_process else self.settings
        if not settings.getbool("NEWS_DISK_QUEUE") or settings.get("JOBDIR"):
            super().run(args, opts)
            return
        queue = tempfile.mkdtemp(prefix="news-queue-")
        settings.set("JOBDIR", queue, priority="cmdline")
        try:
            super().run(args, opts)
        finally:
            shutil.rmtree(queue, ignore_errors=True)
