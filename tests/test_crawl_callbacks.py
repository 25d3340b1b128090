"""The spiders' callbacks, checked once here rather than by Scrapy on every response.

``WARN_ON_GENERATOR_RETURN_VALUE`` is off in ``crawler/settings.py`` (Scrapy re-read a
callback's source for about one response in four); this is the check it made: no
generator method of a spider returns a value (a value a generator returns is lost).
"""

from __future__ import annotations

import inspect

import scrapy
from scrapy.utils.misc import is_generator_with_return_value

from crawler.distributed.spider import DistributedNewsSpider
from crawler.settings import project_settings
from crawler.spiders.news import NewsSpider

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
