"""``scrapy clear``: delete a finished distributed run's keys from Redis.

Refuses (exit status 3) while the run is not ``finished`` or messages are still
waiting for the writer; ``--force`` clears anyway (an abandoned run: what it did
not finish is in the archive's frontier as ``queued`` and the next run's seeds
fetch it). Settings read: ``REDIS_URL``, ``DISTRIBUTED_KEY``.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

# Commands are imported by every ``scrapy`` invocation: what they run is imported in ``run``.


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--force]"

    def short_desc(self) -> str:
        return "Delete a finished distributed run's keys from Redis"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--force", action="store_true", help="clear an unfinished run too")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("clear takes no arguments")
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from crawler.distributed.seeding import RunActive, clear_run

        keys = keys_from(self.settings)
        try:
            run = clear_run(connect(self.settings), keys, opts.force)
        except (RedisUnavailable, RunActive) as exc:
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 3 if isinstance(exc, RunActive) else 1
            return
        what = f"run {run['id']} ({run.get('state')})" if run else "no run"
        print(f"cleared {what}: keys {keys.prefix}:*")
