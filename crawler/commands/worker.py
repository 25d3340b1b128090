"""``scrapy worker``: run the ``news`` spider as a worker of the distributed run in Redis.

The worker needs Redis (``-s REDIS_URL=redis://HOST:6379/0``), never the archive:
it takes the run's sources and seeds from Redis, shares the request queue and the
duplicate filter there (``crawler.distributed.scheduler``), extracts in its own process
pool and sends its items to the writer through Redis (``RedisItemPipeline`` in place of
``ArchivePipeline``; WARC capture is off on workers). Start as many as you like, on
as many machines; each stops when the writer finishes the run. ``--wait SECONDS``
waits that long for ``scrapy seed`` (default 0: fail at once when no run is seeded).
Once the run is found, the extraction workers' forkserver starts before Scrapy builds the
crawler (``crawler.pipelines.extract.warming``, as ``scrapy crawl`` does), so its warm-up
overlaps Scrapy's start-up. Settings read: ``REDIS_URL``, ``DISTRIBUTED_*`` (see
``crawler.distributed``), and the crawl's own (``EXTRACT_*`` for ``warming``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from scrapy.commands import BaseRunSpiderCommand

from crawler.commands.base import WAIT, CommandFailed, NewsCommand, failing
from crawler.pipelines.extract import warming

ARCHIVE_PIPELINE = "crawler.pipelines.archive.ArchivePipeline"
# Workers never open the archive: over the project's settings (crawler/settings.py,
# priority "project", which a command's default_settings cannot override), under -s.
WORKER_SETTINGS = {"ARCHIVE_ENABLED": False, "WARC_ENABLED": False}


class Command(NewsCommand, BaseRunSpiderCommand):
    requires_crawler_process = True
    takes_arguments = True  # ignored, as Scrapy's run-spider commands do
    default_settings = {
        "SCHEDULER": "crawler.distributed.scheduler.RedisScheduler",
        "SCHEDULER_PERSIST": True,  # never delete the shared queue: see the scheduler
    }
    usage = "[-s REDIS_URL=redis://HOST:6379/0] [--wait SECONDS]"
    summary = "Crawl as a worker of the distributed run in Redis"
    options = (WAIT,)

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        self.settings.setdict(WORKER_SETTINGS, priority="project")
        # ArchivePipeline and the archive's extensions switch off (ARCHIVE_ENABLED);
        # the items go to Redis instead, at the archive pipeline's place.
        pipelines = self.settings["ITEM_PIPELINES"]
        order = pipelines.get(ARCHIVE_PIPELINE, 800)
        pipelines.set("crawler.distributed.pipeline.RedisItemPipeline", order, "command")
        self.settings["EXTENSIONS"].set(
            "crawler.distributed.worker.WorkerHeartbeat", 100, "command"
        )

    def execute(self, args: list[str], opts: argparse.Namespace) -> int | None:
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from crawler.distributed.seeding import run_of
        from crawler.distributed.spider import DistributedNewsSpider

        with failing({RedisUnavailable: 1}):
            server = connect(self.settings)
        keys = keys_from(self.settings)
        deadline = time.monotonic() + opts.wait
        while not (run := run_of(server, keys)) or run.get("state") != "active":
            if time.monotonic() >= deadline:
                state = f"run {run['id']} is {run.get('state')}" if run else "no run is seeded"
                raise CommandFailed(f"{state} in Redis ({keys.prefix}:*): `scrapy seed` first", 1)
            time.sleep(0.2)
        with tempfile.TemporaryDirectory(prefix="newsworker-") as tmp, warming(self.settings):
            sources = Path(tmp) / "sources.toml"
            sources.write_text(run["sources_toml"], encoding="utf-8")
            assert self.crawler_process
            self.crawler_process.crawl(DistributedNewsSpider, sources=str(sources), **opts.spargs)
            self.crawler_process.start()
        return 1 if self.crawler_process.bootstrap_failed else None
