"""``CallbackLifoDiskQueue``: Scrapy's pickled LIFO disk queue, callbacks named once, top in memory.

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
Scrapy does. ``stored_dict`` is that naming for any queue: the shared Redis queue
(``crawler.distributed.scheduler``) stores its requests with it too.

The newest requests stay in memory, serialised as Scrapy stores them (``TOP``: at most
128 a queue; past that the older half goes to the file), and the file is read back
``CHUNK`` requests at a time, in one read and one truncation (``pop_chunk``), not one
read and one truncation a request (queuelib's ``LifoDiskQueue.pop``, 12 us of CPU and
30 of the reactor's time a request); a queue that never holds more than ``TOP`` never
makes a file. The order is Scrapy's (last in, first out), the requests are the same
bytes, and ``close`` writes what memory holds to the file, so a paused crawl (``JOBDIR``
set, stopped cleanly) resumes with every request. A killed crawl loses its queue as it
did before (queuelib writes a file's count only when it closes it): resuming a killed
crawl is the archive's business (``pipelines.archive.resume``), which fetches again what
no outcome records. Settings read: none. Stats: none.
"""

from __future__ import annotations

import inspect
import os
import pickle
import struct
from pathlib import Path
from typing import Any

from queuelib.queue import LifoDiskQueue
from scrapy.squeues import _pickle_serialize
from scrapy.utils.request import request_from_dict

TOP = 128  # requests a queue keeps in memory; past that the older half goes to its file
CHUNK = 64  # requests read back from the file at once
CHUNK_BYTES = 1 << 16  # bytes read back from the file at once (a longer request alone)


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


def pop_chunk(disk: LifoDiskQueue, count: int) -> list[bytes]:
    """Up to ``count`` of the last items of a queuelib ``LifoDiskQueue`` (at least one when
    it has any), taken off its file in one read and one truncation: last first, as its
    ``pop`` gives them one by one."""
    if not len(disk):
        return []
    handle = disk.f
    end = handle.seek(0, os.SEEK_END)
    start = max(disk.SIZE_SIZE, end - CHUNK_BYTES)
    handle.seek(start)
    block = handle.read()
    items: list[bytes] = []
    at = len(block)  # the end of the next item's size, in the block
    while len(items) < min(count, len(disk)) and at >= disk.SIZE_SIZE:
        (size,) = struct.unpack(disk.SIZE_FORMAT, block[at - disk.SIZE_SIZE : at])
        begin = at - disk.SIZE_SIZE - size
        if begin < 0:  # begins before the block
            break
        items.append(block[begin : at - disk.SIZE_SIZE])
        at = begin
    if not items:  # one item longer than the block
        item = disk.pop()
        return [item] if item is not None else []
    handle.seek(start + at)
    handle.truncate()
    disk.size -= len(items)
    return items


class CallbackLifoDiskQueue:
    """Scrapy's ``PickleLifoDiskQueue`` (``SCHEDULER_DISK_QUEUE``): the same requests in
    the same order and the same file, its newest requests held in memory."""

    def __init__(self, crawler: Any, key: str) -> None:
        self.spider = crawler.spider
        self.methods = spider_methods(self.spider) if self.spider is not None else None
        self.path = Path(key)
        self.top: list[bytes] = []  # the newest requests, serialised, the next one last
        self.disk: LifoDiskQueue | None = None  # the older ones, made when first needed
        if self.path.exists():  # left by a crawl that was paused (its JOBDIR)
            self.disk = LifoDiskQueue(self.path)

    @classmethod
    def from_crawler(cls, crawler: Any, key: str, *args: Any, **kwargs: Any) -> Any:
        return cls(crawler, key)

    def push(self, request: Any) -> None:
        stored = stored_dict(request, self.methods, self.spider)
        self.top.append(_pickle_serialize(stored))  # ValueError: Scrapy keeps it in memory
        if len(self.top) > TOP:
            self._spill(len(self.top) - TOP // 2)

    def _spill(self, count: int) -> None:
        """The ``count`` oldest requests in memory go to the file."""
        if self.disk is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.disk = LifoDiskQueue(self.path)
        for data in self.top[:count]:
            self.disk.push(data)
        del self.top[:count]

    def _next(self) -> bytes | None:
        if not self.top and self.disk is not None:
            self.top = pop_chunk(self.disk, CHUNK)[::-1]
        return self.top[-1] if self.top else None

    def pop(self) -> Any:
        data = self._next()
        if data is None:
            return None
        self.top.pop()
        return request_from_dict(pickle.loads(data), spider=self.spider)

    def peek(self) -> Any:
        data = self._next()
        return None if data is None else request_from_dict(pickle.loads(data), spider=self.spider)

    def close(self) -> None:
        """Memory to the file, and the file closed (queuelib's: its count written, or the
        file removed when empty)."""
        if self.top:
            self._spill(len(self.top))
        if self.disk is not None:
            self.disk.close()

    def __len__(self) -> int:
        return len(self.top) + (len(self.disk) if self.disk is not None else 0)
