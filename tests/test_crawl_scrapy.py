"""Scrapy's per-page work the project's settings leave out, and what keeps it safe.

``WARN_ON_GENERATOR_RETURN_VALUE`` is off in ``crawler/settings.py`` (Scrapy re-read a
callback's source for 22 of 300 responses, 1.7 ms each); the check it made is made here once:
no generator method of a spider returns a value (a value a generator returns is lost).
``STATS_CLASS`` is ``crawler.stats.NewsStats``: Scrapy's stats methods, unwrapped. Scrapy's
offsite filter (no spider has ``allowed_domains``) and its warning for a request carrying
internal keys copied from ``response.meta`` (checked here on the spider's requests) are off. A news
crawl's command freezes what its start-up left once the spider is open, and what the crawl
left at the end (``gc.freeze``): later full collections and the exit skip them.
"""

from __future__ import annotations

import inspect

import scrapy
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import is_generator_with_return_value, load_object

from crawler.distributed.spider import DistributedNewsSpider
from crawler.settings import project_settings
from crawler.spiders.news import NewsSpider
from crawler.stats import NewsStats

SPIDERS = [NewsSpider, DistributedNewsSpider]


def generator_methods(spider: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(spider, inspect.isgeneratorfunction)
        if not hasattr(scrapy.Spider, name)
    }


def test_no_spider_generator_returns_a_value():
    for spider in SPIDERS:
        methods = generator_methods(spider)
        assert "parse_page" in methods and "parse_feed" in methods
        returning = [
            name for name, method in methods.items() if is_generator_with_return_value(method)
        ]
        assert returning == [], f"{spider.__name__}: generators that return a value: {returning}"


def test_the_check_finds_a_generator_that_returns_a_value():
    class Returning(NewsSpider):
        def parse_page(self, response):
            yield response
            return 1

    assert "parse_page" in generator_methods(Returning)
    assert is_generator_with_return_value(Returning.parse_page)


def test_scrapy_does_not_check_callbacks_on_every_response():
    assert project_settings().getbool("WARN_ON_GENERATOR_RETURN_VALUE") is False


def test_the_crawl_counts_with_scrapy_s_stats_methods_unwrapped():
    settings = project_settings()
    stats_class = load_object(settings["STATS_CLASS"])
    assert stats_class is NewsStats

    class Crawler:
        pass

    crawler = Crawler()
    crawler.settings = settings
    stats = stats_class(crawler)
    assert stats.inc_value.__func__ is MemoryStatsCollector.inc_value  # not a wrapper
    stats.inc_value("news/page/article")
    stats.inc_value("news/page/article", 2)
    stats.max_value("news/extract/pending_max", 3)
    stats.max_value("news/extract/pending_max", 1)
    stats.set_value("news/archive/cpu_seconds", 0.5)
    assert stats.get_stats() == {
        "news/page/article": 3,
        "news/extract/pending_max": 3,
        "news/archive/cpu_seconds": 0.5,
    }
    assert stats.get_value("news/none", 0) == 0


def test_a_news_crawl_leaves_what_it_made_out_of_the_collector_s_sight(monkeypatch):
    # the interpreter's exit then skips its collections over the crawl's objects
    import gc

    from crawler.commands.crawl import Command

    ran = []
    monkeypatch.setattr(Command, "crawl_news", lambda self, args, opts: ran.append(args))
    gc.unfreeze()
    try:
        Command().run(["news"], None)
        assert ran == [["news"]] and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_news_crawl_freezes_its_start_up_once_the_spider_is_open():
    # later full collections skip what Scrapy's start-up left (crawler.commands.crawl)
    import gc
    from types import SimpleNamespace

    from scrapy import signals
    from scrapy.crawler import Crawler

    from crawler.commands.crawl import Command

    class Other(scrapy.Spider):
        name = "other"

    command = Command()
    settings = project_settings()  # crawlers as the command's process makes them, unstarted
    command.crawler_process = SimpleNamespace(create_crawler=lambda cls: Crawler(cls, settings))
    news = command._create_crawler(NewsSpider)
    other = command._create_crawler(Other)
    gc.unfreeze()
    try:
        other.signals.send_catch_log(signals.spider_opened, spider=None)
        assert gc.get_freeze_count() == 0  # another spider's crawl: as Scrapy runs it
        news.signals.send_catch_log(signals.spider_opened, spider=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_no_spider_has_allowed_domains_for_scrapy_s_offsite_filter():
    # with none it let every request through; the crawl leaves it out
    for spider in SPIDERS:
        assert not getattr(spider, "allowed_domains", None), spider.__name__
    assert "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware" not in enabled(
        "DOWNLOADER_MIDDLEWARES"
    )


def test_the_spider_s_requests_carry_no_internal_meta_keys():
    # what Scrapy's MetaCopyDetectionMiddleware warned of, checked once here
    from types import SimpleNamespace

    from scrapy.spidermiddlewares.metacopy import MetaCopyDetectionMiddleware

    internal = MetaCopyDetectionMiddleware._INTERNAL_KEYS
    assert {"redirect_urls", "retry_times"} <= internal
    spider = NewsSpider()
    spider.known = {}
    source = SimpleNamespace(name="harbour")
    for via in ("start", "link", "feed", "sitemap", "robots"):
        request = spider.request("http://k.example/a", source, via, spider.parse_page)
        assert not internal & request.meta.keys(), via
    assert "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware" not in enabled(
        "SPIDER_MIDDLEWARES"
    )


def enabled(setting: str) -> list[str]:
    from scrapy.utils.conf import build_component_list

    return build_component_list(project_settings().getwithbase(setting))
