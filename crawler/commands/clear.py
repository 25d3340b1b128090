"""``scrapy clear``: delete a finished distributed run's keys from Redis.

Refuses (exit status 3) while the run is not ``finished`` or messages are still
waiting for the writer; ``--force`` clears anyway (an abandoned run: what it did
not finish is in the archive's frontier as ``queued`` and the next run's seeds
fetch it). Settings read: ``REDIS_URL``, ``DISTRIBUTED_KEY``.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from crawler.commands.base import NewsCommand, failing


class Command(NewsCommand, ScrapyCommand):
    usage = "[--force]"
    summary = "Delete a finished distributed run's keys from Redis"
    options = ((("--force",), {"action": "store_true", "help": "clear an unfinished run too"}),)

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from crawler.distributed.seeding import RunActive, clear_run

        keys = keys_from(self.settings)
        with failing({RunActive: 3, RedisUnavailable: 1}):
            run = clear_run(connect(self.settings), keys, opts.force)
        what = f"run {run['id']} ({run.get('state')})" if run else "no run"
        print(f"cleared {what}: keys {keys.prefix}:*")
