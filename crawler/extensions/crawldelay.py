"""A robots.txt ``Crawl-delay`` raises that host's download delay, bounded by a setting.

``CrawlDelay`` listens to Scrapy's ``robots_parsed`` signal (sent by the robots.txt
middleware, which fetches each host's robots.txt once) and asks Protego for the
``Crawl-delay`` that applies to the crawler's user agent. The host's delay becomes at
least that (``PoliteDownloader.raise_delay``: a floor AutoThrottle cannot go below),
capped at ``NEWS_CRAWL_DELAY_MAX``; a host's delay is never lowered. Switched off
(``NotConfigured``) when the cap is 0 or when the downloader is not ``PoliteDownloader``.
Settings read: ``NEWS_CRAWL_DELAY_MAX`` (seconds; default in ``crawler/settings.py``),
``ROBOTSTXT_USER_AGENT`` (Scrapy's; unset: ``USER_AGENT``). Stats:
``news/robots/crawl_delay`` (hosts whose delay it raised), ``news/robots/crawl_delay_capped``
(of which the delay asked was above the cap).
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from crawler.downloader import PoliteDownloader


class CrawlDelay:
    def __init__(self, crawler: Any, cap: float) -> None:
        self.crawler = crawler
        self.cap = cap
        settings = crawler.settings
        self.agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlDelay:
        cap = crawler.settings.getfloat("NEWS_CRAWL_DELAY_MAX")
        if cap <= 0:
            raise NotConfigured("NEWS_CRAWL_DELAY_MAX is 0")
        if not issubclass(load_object(crawler.settings["DOWNLOADER"]), PoliteDownloader):
            raise NotConfigured("the downloader is not crawler.downloader.PoliteDownloader")
        extension = cls(crawler, cap)
        crawler.signals.connect(extension.robots_parsed, signal=signals.robots_parsed)
        return extension

    def robots_parsed(self, robotparser: Any, request: Any) -> None:
        asked = getattr(robotparser, "crawl_delay", None)
        delay = asked(self.agent) if asked else None
        if not delay or delay <= 0:
            return
        downloader = self.crawler.engine.downloader
        stats = self.crawler.stats
        if delay > self.cap:
            stats.inc_value("news/robots/crawl_delay_capped")
        downloader.raise_delay(downloader.get_slot_key(request), min(delay, self.cap))
        stats.inc_value("news/robots/crawl_delay")
