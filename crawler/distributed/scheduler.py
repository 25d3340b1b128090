"""The shared scheduler: scrapy-redis's ``Scheduler`` on current Scrapy, with a ledger.

Requests go through the shared duplicate filter (``RedisDupeFilter``) into the shared
queue (scrapy-redis's priority queue at ``PREFIX:requests``), so every worker takes
work from one frontier. One Lua script checks the fingerprint, queues the request
and pushes its ledger record (a ``queued`` message for the writer, see
``crawler.distributed.ledger``) atomically: a worker killed at any point leaves
either nothing or all three, so the writer can always tell what was scheduled
and re-queue what never got an outcome.

The queue and the filter always persist when a worker closes (``SCHEDULER_PERSIST``
is forced on): with two or more workers, the first one to finish would otherwise
delete the queue and the filter the others are still using, and they would then
fetch everything again. ``scrapy clear`` removes them when the run is over.
Settings read: ``DISTRIBUTED_WORKER_NAME`` (unset in ``crawler/settings.py``: HOST:PID,
computed here), ``SCHEDULER_SERIALIZER``, ``DUPEFILTER_DEBUG``,
and see ``crawler.distributed.keys``. Stats: ``scheduler/{enqueued,dequeued}/redis``,
``news/distributed/{queued,filtered}``.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
from typing import Any

from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler

from crawler.diskqueue import spider_methods, stored_dict
from crawler.distributed import codec
from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.keys import connect, keys_from
from pipelines.extract.dates import utc_now

logger = logging.getLogger(__name__)
QUEUE_CLASS = "scrapy_redis.queue.PriorityQueue"
SEED_META = ("source", "via", "hints", "section_depth", "lastmod")
CONDITIONAL = ("If-None-Match", "If-Modified-Since")
# KEYS: dupefilter, queue, items. ARGV: fingerprint ('' = don't filter), score,
# serialized request, ledger message. Returns 1 if queued, 0 if seen before.
ENQUEUE = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[4]) end
return 1
"""


def worker_name(settings: Any) -> str:
    return settings.get("DISTRIBUTED_WORKER_NAME") or f"{socket.gethostname()}:{os.getpid()}"


def seed_of(request: Any) -> dict[str, Any]:
    """What a worker needs to make this request again (see ``DistributedNewsSpider``)."""
    callback = getattr(request.callback, "__name__", None) or "parse_article"
    headers = {
        name: request.headers.get(name).decode("latin-1")
        for name in CONDITIONAL
        if request.headers.get(name)
    }
    meta = {k: request.meta[k] for k in SEED_META if k in request.meta}
    return {"url": request.url, "callback": callback, "meta": meta, "headers": headers}


class RedisScheduler(Scheduler):
    def __init__(self, server: Any, crawler: Any, **kwargs: Any) -> None:
        super().__init__(server, persist=True, **kwargs)
        self.crawler = crawler
        self.stats = crawler.stats
        self.keys = keys_from(crawler.settings)
        self.worker = worker_name(crawler.settings)
        self.run_id: int | None = None
        self._enqueue = server.register_script(ENQUEUE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisScheduler:
        settings = crawler.settings
        keys = keys_from(settings)
        server = connect(settings)
        serializer = settings.get("SCHEDULER_SERIALIZER")
        dupefilter = RedisDupeFilter(
            server, keys.dupefilter, settings.getbool("DUPEFILTER_DEBUG"), crawler.stats
        )
        return cls(
            server,
            crawler,
            queue_key=keys.requests,
            queue_cls=QUEUE_CLASS,
            dupefilter=dupefilter,
            dupefilter_key=keys.dupefilter,
            serializer=importlib.import_module(serializer) if serializer else None,
        )

    def open(self, spider: Any) -> None:
        self.spider = spider
        self.methods = spider_methods(spider)  # callbacks named without reading the spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key, serializer=self.serializer
        )
        if len(self.queue):
            logger.info("joining the crawl: %d requests scheduled", len(self.queue))
        run = self.server.hget(self.keys.run, "id")
        self.run_id = int(run) if run else None

    def close(self, reason: str) -> None:
        """Nothing to do: the queue and the filter are shared (see the module docstring)."""

    def enqueue_request(self, request: Any) -> bool:
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        ledger = b""
        if request.meta.get("via") != "robots":  # robots.txt has no outcome to wait for
            ledger = codec.encode(
                {
                    "t": "queued",
                    "run": self.run_id,
                    "worker": self.worker,
                    "at": utc_now(),
                    "source": request.meta.get("source", ""),
                    "via": request.meta.get("via", ""),
                    "seed": seed_of(request),
                }
            )
        # scrapy-redis's ``_encode_request``, its callbacks named once (crawler.diskqueue)
        data = self.queue.serializer.dumps(stored_dict(request, self.methods, self.spider))
        keys = [self.keys.dupefilter, self.keys.requests, self.keys.items]
        if not self._enqueue(keys=keys, args=[fingerprint, -request.priority, data, ledger]):
            self.df.log(request, self.spider)
            self.stats.inc_value("news/distributed/filtered")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.stats.inc_value("news/distributed/queued")
        return True

    def next_request(self) -> Any:
        request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
