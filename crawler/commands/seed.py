"""``scrapy seed``: start a distributed run: record it in the archive and seed it in Redis.

``scrapy seed --sources sources.toml [--source NAME]`` runs where the archive
(``ARCHIVE_DB``) is. It validates the sources file (a bad one is refused, naming
the key at fault, exit status 2), refuses while Redis holds an earlier run that
was not cleared (exit 3), then records the run in ``crawl_runs`` and pushes its
seeds (see ``crawler.distributed.seeding``). Workers (``scrapy worker``) and the
writer (``scrapy writer``) take it from there.
Settings read: ``REDIS_URL``, ``DISTRIBUTED_KEY``, ``NEWS_SOURCES``, ``ARCHIVE_DB``,
``NEWS_REVISIT_AFTER``, ``NEWS_ROBOTS_SITEMAPS``, ``NEWS_CLOCK``.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from crawler.commands.base import NewsCommand, failing, news_sources


class Command(NewsCommand, ScrapyCommand):
    usage = "[--sources PATH] [--source NAME]"
    summary = "Start a distributed run: record it in the archive, seed it in Redis"
    options = (
        (("--sources",), {"help": "sources file (default: NEWS_SOURCES)"}),
        (("--source",), {"help": "only this source"}),
    )

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from crawler.distributed.seeding import RunActive, seed_run
        from crawler.sources import SourcesError, load_sources

        with failing({SourcesError: 2}, "bad sources file: "):
            path = news_sources(self.settings, opts.sources)
            sources = load_sources(path, opts.source)
        with failing({RedisUnavailable: 1, RunActive: 3}):
            server = connect(self.settings)
            keys = keys_from(self.settings)
            report = seed_run(server, keys, self.archive(), path, sources, self.settings)
        print(
            f"run {report.run_id} seeded: {report.seeds} seeds, "
            f"{report.skipped} known articles not due (marked seen)"
        )
