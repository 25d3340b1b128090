"""``scrapy writer``: the one process that writes a distributed run into the archive.

Runs where the archive (``ARCHIVE_DB``) is, and holds its lock (``crawler.lock``)
like a crawl. It waits for a seeded run (``--wait SECONDS``, default 0 = as long as
it takes), drains the workers' items from Redis in batched transactions, re-queues
the work of dead workers and closes the run in ``crawl_runs`` when nothing is left
(see ``crawler.distributed.collector``), prints the accounting line of each
source, then exits. SIGTERM or Ctrl-C stop it after the batch in hand; a new
writer picks up where it left off, with the run's counters as saved in the archive.
Settings read: ``REDIS_URL``, ``ARCHIVE_DB``, ``DISTRIBUTED_*``, and those listed by
``crawler.distributed.collector``.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from scrapy.commands import ScrapyCommand

from crawler.commands.base import WAIT, CommandFailed, NewsCommand, failing


class Command(NewsCommand, ScrapyCommand):
    usage = "[--wait SECONDS]"
    summary = "Write a distributed run's items from Redis into the archive"
    options = (WAIT,)

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        from crawler import lock
        from crawler.distributed.collector import Collector
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from pipelines.archive import runs

        path = self.archive()
        with failing({RedisUnavailable: 1, lock.CrawlLocked: 3}):
            server = connect(self.settings)
            held = lock.acquire(path)
        stopping: list[int] = []

        def stop(signum: int, frame: Any) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        collector = Collector(server, keys_from(self.settings), path, self.settings)
        try:
            if not collector.wait_for_run(opts.wait):
                raise CommandFailed("no run seeded: `scrapy seed` first", 1)
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
            for name, counts in sorted(collector.counts.items()):  # the accounting
                print(runs.line(name, counts), file=sys.stderr)
        finally:
            collector.close()
            held.close()
