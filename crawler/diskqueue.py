"""``CallbackLifoDiskQueue``: Scrapy's pickled LIFO disk queue, its callbacks named once.

A request that waits on disk (``JOBDIR``: ``crawler/commands/crawl.py`` gives every crawl
one) is stored as ``request.to_dict(spider=...)``, which names its callback and errback by
searching the spider: ``inspect.getmembers(spider)`` reads every attribute of the spider
(some 230) for each of the two, about a millisecond of the reactor's CPU a request. This
queue (``SCHEDULER_DISK_QUEUE``) makes that search over a stand-in that holds only the
spider's methods, taken once when the queue opens (``spider_methods``): the same search,
so the same names and the same stored dict. A callback that is not among them (a method
set on the spider later) is looked for in the spider itself, as Scrapy does. Requests
are read back by Scrapy's own ``pop``. ``stored_dict`` is that naming for any queue: the
shared Redis queue (``crawler.distributed.scheduler``) stores its requests with it too.
Settings read: none. Stats: none.
"""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import Any

from scrapy.squeues import PickleLifoDiskQueue


def spider_methods(spider: Any) -> SimpleNamespace:
    """An object whose attributes are the spider's bound methods, under their names: where
    ``Request.to_dict`` finds the same name for a callback as in the spider itself."""
    return SimpleNamespace(**dict(inspect.getmembers(spider, predicate=inspect.ismethod)))


def stored_dict(request: Any, methods: SimpleNamespace | None, spider: Any) -> dict[str, Any]:
    """``request.to_dict(spider=spider)``, its callbacks named from ``methods`` (the spider's
    methods, ``spider_methods``) and from the spider itself only when they are not there."""
    try:
        return request.to_dict(spider=methods or spider)
    except ValueError:  # not one of the methods taken at the start
        return request.to_dict(spider=spider)


class CallbackLifoDiskQueue(PickleLifoDiskQueue):
    def __init__(self, crawler: Any, key: str) -> None:
        super().__init__(crawler, key)
        self.methods = spider_methods(self.spider) if self.spider is not None else None

    def push(self, request: Any) -> None:
        stored = stored_dict(request, self.methods, self.spider)
        # Scrapy's serialising push, under its push that calls to_dict again
        super(PickleLifoDiskQueue, self).push(stored)
