"""Send a worker's items to the archive writer through Redis, instead of writing SQLite.

``RedisItemPipeline`` takes the place of ``ArchivePipeline`` on a worker: each
article (after extraction, in the worker's own process pool), error and frontier
item becomes one JSON message (``crawler.distributed.codec``) on ``PREFIX:items``,
which the writer (``scrapy writer``) drains into the archive. Workers never open
the SQLite file, so they can run on other machines.
Settings read: see ``crawler.distributed.keys``. Stats: ``news/distributed/pushed``.
"""

from __future__ import annotations

from typing import Any

from crawler.distributed import codec
from crawler.distributed.keys import connect, keys_from
from crawler.run import RunContext


class RedisItemPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.keys = keys_from(crawler.settings)
        self.server = connect(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisItemPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        run_id = RunContext.of(self.crawler).run_id
        message = codec.item_message(item, run_id)
        if message is not None:
            self.server.rpush(self.keys.items, codec.encode(message))
            self.crawler.stats.inc_value("news/distributed/pushed")
        return item
