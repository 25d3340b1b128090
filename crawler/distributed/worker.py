"""A worker's heartbeat and final report, for the writer and for ``crawl_runs``.

``WorkerHeartbeat`` writes the worker's state to ``PREFIX:workers`` every
``DISTRIBUTED_HEARTBEAT`` seconds (default in ``crawler/settings.py``): ``busy`` while
it downloads or processes anything, ``idle`` otherwise, with its pages and items so far
and its numeric stats (what the writer reports for it if it dies). The writer
treats a worker silent for ``DISTRIBUTED_WORKER_TIMEOUT`` seconds as dead and
re-queues its unfinished work. When the worker closes (finished, SIGTERM or
Ctrl-C) it sends its stats to the writer (a ``worker`` message; they end up in
``crawl_runs.workers``) and marks itself ``closed``.
Settings read: ``DISTRIBUTED_HEARTBEAT``, ``DISTRIBUTED_WORKER_NAME``, and see
``crawler.distributed.keys``.
"""

from __future__ import annotations

import json
import os
import socket
import time
from typing import Any

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from crawler.distributed import codec
from crawler.distributed.keys import connect, keys_from
from crawler.distributed.scheduler import worker_name
from crawler.run import RunContext

SUMMARY = {
    "pages": "downloader/response_count",
    "items": "news/distributed/pushed",
    "queued": "news/distributed/queued",
    "filtered": "news/distributed/filtered",
    "seeds": "news/distributed/seeds",
}


def worker_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """The stats a worker reports: numbers only (times and objects stay in its log)."""
    return {
        key: value
        for key, value in sorted(stats.items())
        if isinstance(value, int | float) and not isinstance(value, bool)
    }


class WorkerHeartbeat:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.keys = keys_from(crawler.settings)
        self.server = connect(crawler.settings)
        self.name = worker_name(crawler.settings)
        self.interval = crawler.settings.getfloat("DISTRIBUTED_HEARTBEAT")
        self.started = time.time()
        self._loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerHeartbeat:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self._loop = create_looping_call(self.beat)
        self._loop.start(self.interval)

    def busy(self) -> bool:
        engine = self.crawler.engine
        scraper = getattr(engine, "scraper", None)
        return bool(engine.downloader.active) or not (scraper and scraper.slot.is_idle())

    def state(self, state: str) -> dict[str, Any]:
        stats = self.crawler.stats
        return {
            "state": state,
            "at": time.time(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "run": RunContext.of(self.crawler).run_id,
            "started": self.started,
            **{name: stats.get_value(key, 0) for name, key in SUMMARY.items()},
            "stats": worker_stats(stats.get_stats()),
        }

    def beat(self) -> None:
        state = "busy" if self.busy() else "idle"
        self.server.hset(self.keys.workers, self.name, json.dumps(self.state(state)))

    def spider_closed(self, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        stats = self.crawler.stats
        message = {
            "t": "worker",
            "run": RunContext.of(self.crawler).run_id,
            "worker": self.name,
            "reason": reason,
            **self.state("closed"),
            "stats": worker_stats(stats.get_stats()),
        }
        with self.server.pipeline(transaction=True) as pipe:
            pipe.rpush(self.keys.items, codec.encode(message))
            pipe.hset(self.keys.workers, self.name, json.dumps(self.state("closed")))
            pipe.execute()
