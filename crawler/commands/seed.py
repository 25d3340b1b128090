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
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

# Commands are imported by every ``scrapy`` invocation: what they run is imported in ``run``.


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--sources PATH] [--source NAME]"

    def short_desc(self) -> str:
        return "Start a distributed run: record it in the archive, seed it in Redis"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--sources", help="sources file (default: NEWS_SOURCES)")
        parser.add_argument("--source", help="only this source")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("seed takes no arguments")
        from crawler.commands.reextract import archive_path
        from crawler.distributed.keys import RedisUnavailable, connect, keys_from
        from crawler.distributed.seeding import RunActive, seed_run
        from crawler.sources import SourcesError, load_sources

        path = opts.sources or self.settings.get("NEWS_SOURCES", "sources.toml")
        try:
            sources = load_sources(path, opts.source)
        except SourcesError as exc:
            print(f"error: bad sources file: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        try:
            server = connect(self.settings)
            keys = keys_from(self.settings)
            report = seed_run(
                server, keys, archive_path(self.settings), path, sources, self.settings
            )
        except RedisUnavailable as exc:
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        except RunActive as exc:
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 3
            return
        print(
            f"run {report.run_id} seeded: {report.seeds} seeds, "
            f"{report.skipped} known articles not due (marked seen)"
        )
