"""``scrapy writer``: the one process that writes a distributed run into the archive.

Runs where the archive (``ARCHIVE_DB``) is, and holds its lock (``crawler.lock``)
like a crawl. It waits for a seeded run (``--wait SECONDS``, default 0 = as long as
it takes), drains the workers' items from Redis in batched transactions, re-queues
the work of dead workers and closes the run in ``crawl_runs`` when nothing is left
(see ``crawler.distributed.collector``), then exits. SIGTERM or Ctrl-C stop it after
the batch in hand; a new writer picks up where it left off.
Settings read: ``REDIS_URL``, ``ARCHIVE_DB``, ``DISTRIBUTED_*``, and those listed by
``crawler.distributed.collector``.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

# Commands are imported by every ``scrapy`` invocation: what they run is imported in ``run``.


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--wait SECONDS]"

    def short_desc(self) -> str:
        return "Write a distributed run's items from Redis into the archive"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--wait", type=float, default=0, help="seconds to wait for a run")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("writer takes no arguments")
        from crawler import lock
        from crawler.commands.reextract import archive_path
        from crawler.distributed.collector import Collector
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from

        path = archive_path(self.settings)
        try:
            server = connect(self.settings)
            held = lock.acquire(path)
        except (RedisUnavailable, lock.CrawlLocked) as exc:
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 1 if isinstance(exc, RedisUnavailable) else 3
            return
        stopping: list[int] = []

        def stop(signum: int, frame: Any) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        collector = Collector(server, keys_from(self.settings), path, self.settings)
        try:
            if not collector.wait_for_run(opts.wait):
                print("error: no run seeded: `scrapy seed` first", file=sys.stderr)
                self.exitcode = 1
                return
            print(f"writing run {collector.run_id} into {path}", file=sys.stderr)
            outcome = collector.serve(stop=lambda: bool(stopping))
            stats = collector.stats
            print(
                f"run {collector.run_id} {outcome}: {stats['news/archive/new']} new, "
                f"{stats['news/archive/updated']} updated, {stats['news/archive/errors']} errors, "
                f"{stats['news/distributed/requeued']} re-queued, "
                f"{stats['news/distributed/lost']} lost",
                file=sys.stderr,
            )
        finally:
            collector.close()
            held.close()
