"""The ``news`` spider as a worker of a distributed run: its start requests come from Redis.

``DistributedNewsSpider`` is the ``news`` spider whose ``start()`` reads the run's
seeds (JSON, ``PREFIX:seeds``: pushed by ``scrapy seed``, and by the writer when it
re-queues the work of a dead worker) in batches of ``DISTRIBUTED_SEED_BATCH`` as soon
as they appear, instead of scrapy-redis's 8 URLs every 5 s when idle. Each seed
becomes a request through the scheduler, so it meets the shared duplicate filter
like any request (a re-queued seed carries ``dont_filter``). ``start()`` ends when
the writer declares the run over; the worker then closes once its queue is empty.
Sources come from the run (the seeder stores the sources file in Redis), so a
worker needs only Redis, never the archive. Settings read (defaults in
``crawler/settings.py``): ``DISTRIBUTED_SEED_BATCH``, ``DISTRIBUTED_POLL`` (seconds
between polls when idle), and see ``crawler.distributed.keys``. Stats: ``news/distributed/seeds``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import scrapy

from crawler.distributed import codec
from crawler.distributed.keys import connect, keys_from
from crawler.spiders.incremental import MISSING_ROBOTS, NOT_MODIFIED
from crawler.spiders.news import NewsSpider


def run_state(server: Any, keys: Any, run_id: int | None) -> str:
    """``active``, ``finishing`` or ``finished``; ``gone`` once the run's keys are cleared."""
    run = server.hgetall(keys.run)
    if not run or (run_id is not None and int(run[b"id"]) != run_id):
        return "gone"
    return run.get(b"state", b"active").decode()


class DistributedNewsSpider(NewsSpider):
    name = "news"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> DistributedNewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.keys = keys_from(crawler.settings)
        spider.server = connect(crawler.settings)
        spider.seed_batch = crawler.settings.getint("DISTRIBUTED_SEED_BATCH")
        spider.poll = crawler.settings.getfloat("DISTRIBUTED_POLL")
        run = spider.server.hget(spider.keys.run, "id")
        spider.run_id = spider.run.run_id = int(run) if run else None
        return spider

    async def start(self) -> AsyncIterator[Any]:
        self.crawler.stats.set_value("news/run/id", self.run_id)
        while True:
            seeds = self.server.lpop(self.keys.seeds, self.seed_batch) or []
            for data in seeds:
                self.crawler.stats.inc_value("news/distributed/seeds")
                yield self.seed_request(codec.decode(data))
            if seeds:
                continue
            if run_state(self.server, self.keys, self.run_id) != "active":
                return
            await asyncio.sleep(self.poll)
            self.wake_engine()

    def wake_engine(self) -> None:
        """Let the engine look at the shared queue now: other workers may have filled it.

        Scrapy polls its scheduler after each download and every 5 s otherwise.
        """
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def seed_request(self, seed: dict[str, Any]) -> scrapy.Request:
        meta = seed.get("meta", {})
        # a missing robots.txt (seeded only with ROBOTSTXT_OBEY off) is normal, no error
        statuses = MISSING_ROBOTS if meta.get("via") == "robots" else NOT_MODIFIED
        meta = {**meta, "handle_httpstatus_list": statuses}
        return scrapy.Request(
            seed["url"],
            callback=getattr(self, seed.get("callback") or "parse_article"),
            errback=self.on_error,
            headers=seed.get("headers") or {},
            meta=meta,
            dont_filter=bool(seed.get("dont_filter")),
        )
