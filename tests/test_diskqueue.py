"""The crawl's disk queue: requests stored as Scrapy's own queue stores them, read back."""

from __future__ import annotations

import inspect
import pickle
import types
from types import SimpleNamespace

import scrapy
from scrapy.squeues import PickleLifoDiskQueue

from crawler.diskqueue import CallbackLifoDiskQueue, stored_dict
from crawler.spiders.news import NewsSpider


def test_each_callback_is_stored_under_the_name_scrapy_gives_it(tmp_path):
    spider = NewsSpider()
    crawler = SimpleNamespace(spider=spider)
    ours = CallbackLifoDiskQueue(crawler, str(tmp_path / "ours"))
    scrapys = PickleLifoDiskQueue(crawler, str(tmp_path / "scrapy"))
    methods = [method for _, method in inspect.getmembers(spider, inspect.ismethod)]
    assert len(methods) > 20 and set(ours.methods) == {method.__func__ for method in methods}
    for n, method in enumerate(methods):
        request = scrapy.Request(f"https://k.example/{n}", callback=method, errback=spider.on_error)
        assert stored_dict(request, ours.methods, spider) == request.to_dict(spider=spider)
        ours.push(request)
        scrapys.push(request)
    for _ in methods:  # the same requests back, last first, with their callbacks
        mine, theirs = ours.pop(), scrapys.pop()
        assert (mine.url, mine.callback, mine.errback) == (
            theirs.url,
            theirs.callback,
            theirs.errback,
        )
        assert pickle.dumps(mine.to_dict(spider=spider)) == pickle.dumps(
            theirs.to_dict(spider=spider)
        )
    assert ours.pop() is None
    # two names of one function: stored under the first in name order, as Scrapy does
    spider_class = type("Aliased", (NewsSpider,), {"b_page": NewsSpider.parse_page})
    aliased = spider_class()
    request = scrapy.Request("https://k.example/a", callback=aliased.parse_page)
    stored = stored_dict(
        request,
        CallbackLifoDiskQueue(SimpleNamespace(spider=aliased), str(tmp_path / "aliased")).methods,
        aliased,
    )
    assert stored == request.to_dict(spider=aliased) and stored["callback"] == "b_page"
    # a method set on the spider after the queue opened is found in the spider itself
    spider.later = types.MethodType(lambda self, response: None, spider)
    ours.push(scrapy.Request("https://k.example/later", callback=spider.later))
    assert ours.pop().callback == spider.later
    ours.close()
    scrapys.close()
