"""``CallbackLifoDiskQueue``: Scrapy's pickled LIFO disk queue, its callbacks named once.

A request that waits on disk (``JOBDIR``: ``crawler/commands/crawl.py`` gives every crawl
one) is stored as ``request.to_dict(spider=...)``, which names its callback and errback by
searching the spider: ``inspect.getmembers(spider)`` reads every attribute of the spider
(some 230) for each of the two, about a millisecond of the reactor's CPU a request. This
queue (``SCHEDULER_DISK_QUEUE``) names the spider's methods once, when the queue opens
(``spider_methods``: each function under the name that search finds for it, the first in
name order), and makes Scrapy's search over a stand-in that holds only the request's own
callback and errback under those names (``Named``): the same names, so the same stored
dict, for a few attributes read instead of every method of the spider. A callback that is
not among them (a method set on the spider later) is looked for in the spider itself, as
Scrapy does. Requests are read back by Scrapy's own ``pop``. ``stored_dict`` is that
naming for any queue: the shared Redis queue (``crawler.distributed.scheduler``) stores
its requests with it too. Settings read: none. Stats: none.
"""

from __future__ import annotations

import inspect
from typing import Any

from scrapy.squeues import PickleLifoDiskQueue


def spider_methods(spider: Any) -> dict[Any, str]:
    """The name ``Request.to_dict`` gives each of the spider's methods, by function: the
    first in name order of those bound to it (``inspect.getmembers`` sorts by name)."""
    names: dict[Any, str] = {}
    for name, method in inspect.getmembers(spider, predicate=inspect.ismethod):
        names.setdefault(method.__func__, name)
    return names


class Named:
    """A stand-in for the spider whose only attributes are the given methods: all that
    ``inspect.getmembers`` reads of it (``__dir__``)."""

    def __init__(self, methods: dict[str, Any]) -> None:
        self.__dict__.update(methods)

    def __dir__(self) -> list[str]:
        return list(self.__dict__)


def stored_dict(request: Any, methods: dict[Any, str] | None, spider: Any) -> dict[str, Any]:
    """``request.to_dict(spider=spider)``, its callbacks named from ``methods`` (the spider's
    methods, ``spider_methods``) and from the spider itself only when they are not there."""
    if methods is not None:
        known = {
            methods[function.__func__]: function
            for function in (request.callback, request.errback)
            if getattr(function, "__func__", None) in methods
        }
        try:
            return request.to_dict(spider=Named(known))
        except ValueError:  # not one of the methods taken at the start
            pass
    return request.to_dict(spider=spider)


class CallbackLifoDiskQueue(PickleLifoDiskQueue):
    def __init__(self, crawler: Any, key: str) -> None:
        super().__init__(crawler, key)
        self.methods = spider_methods(self.spider) if self.spider is not None else None

    def push(self, request: Any) -> None:
        stored = stored_dict(request, self.methods, self.spider)
        # Scrapy's serialising push, under its push that calls to_dict again
        super(PickleLifoDiskQueue, self).push(stored)
