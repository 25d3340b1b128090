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


def _request(n: int, spider: NewsSpider) -> scrapy.Request:
    """A request of its own size: every 50th is longer than a chunk read back."""
    padding = "x" * (70_000 if n % 50 == 7 else n % 300)
    return scrapy.Request(f"https://k.example/{n}?p={padding}", callback=spider.parse_page)


def test_the_same_requests_in_the_same_order_as_scrapys_queue(tmp_path, monkeypatch):
    import random

    from crawler import diskqueue

    monkeypatch.setattr(diskqueue, "TOP", 16)
    monkeypatch.setattr(diskqueue, "CHUNK", 5)
    spider = NewsSpider()
    crawler = SimpleNamespace(spider=spider)
    ours = CallbackLifoDiskQueue(crawler, str(tmp_path / "q" / "ours"))
    scrapys = PickleLifoDiskQueue(crawler, str(tmp_path / "scrapy"))
    rng = random.Random(5)
    pushed = 0
    for step in range(3000):  # pushes and pops interleaved, the queue often past TOP
        if rng.random() < (0.65 if step < 1500 else 0.3):
            ours.push(_request(pushed, spider))
            scrapys.push(_request(pushed, spider))
            pushed += 1
        else:
            mine, theirs = ours.pop(), scrapys.pop()
            assert (mine and mine.url) == (theirs and theirs.url)
        assert len(ours) == len(scrapys)
    assert (tmp_path / "q" / "ours").exists()  # it went past TOP: a file
    while len(scrapys):
        assert ours.peek().url == scrapys.peek().url
        assert ours.pop().url == scrapys.pop().url
    assert ours.pop() is None and ours.peek() is None and not len(ours)
    ours.close()
    assert not (tmp_path / "q" / "ours").exists()  # queuelib removes an empty file
    small = CallbackLifoDiskQueue(crawler, str(tmp_path / "small"))
    for n in range(10):
        small.push(_request(n, spider))
    assert [small.pop().url for _ in range(4)] == [_request(n, spider).url for n in (9, 8, 7, 6)]
    assert not (tmp_path / "small").exists()  # never past TOP: no file at all
    small.close()
    assert (tmp_path / "small").exists()  # what it holds is kept for a paused crawl


def test_a_paused_crawls_queue_resumes_whole_in_either_queue(tmp_path, monkeypatch):
    from crawler import diskqueue

    monkeypatch.setattr(diskqueue, "TOP", 16)
    spider = NewsSpider()
    crawler = SimpleNamespace(spider=spider)
    for first, second in (
        (CallbackLifoDiskQueue, PickleLifoDiskQueue),
        (PickleLifoDiskQueue, CallbackLifoDiskQueue),
        (CallbackLifoDiskQueue, CallbackLifoDiskQueue),
    ):
        path = str(tmp_path / f"{first.__name__}-{second.__name__}")
        queue = first(crawler, path)
        for n in range(60):
            queue.push(_request(n, spider))
        assert [queue.pop().url for _ in range(5)] == [
            _request(n, spider).url for n in range(59, 54, -1)
        ]
        queue.close()
        again = second(crawler, path)  # the next run of the same JOBDIR
        assert len(again) == 55
        assert [again.pop().url for _ in range(55)] == [
            _request(n, spider).url for n in range(54, -1, -1)
        ]
        assert again.pop() is None
        again.close()


def test_a_chunk_is_what_queuelibs_pops_give_and_leave(tmp_path):
    from queuelib.queue import LifoDiskQueue

    from crawler.diskqueue import pop_chunk

    items = [bytes([n % 256]) * (n * 37 % 5000) for n in range(200)] + [b"y" * 100_000, b"z"]
    mine, theirs = LifoDiskQueue(tmp_path / "a"), LifoDiskQueue(tmp_path / "b")
    for item in items:
        mine.push(item)
        theirs.push(item)
    taken = []
    while len(mine):
        chunk = pop_chunk(mine, 30)
        assert 1 <= len(chunk) <= 30
        assert chunk == [theirs.pop() for _ in chunk]
        mine.f.flush()
        theirs.f.flush()
        assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
        taken += chunk
    assert taken == items[::-1] and pop_chunk(mine, 30) == []
    mine.close()
    theirs.close()
