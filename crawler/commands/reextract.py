"""``scrapy reextract [--source NAME] [--since DATE]``: rebuild articles from stored captures.

No request is made: each selected article's latest capture is read from the
WARC files (or a legacy in-SQLite body) and extracted again in worker
processes (see ``pipelines.archive.reextract``); the command prints how many articles
changed and in which fields. ``--since`` selects articles last fetched on or
after DATE (ISO 8601). Settings read: ``ARCHIVE_DB``, ``EXTRACT_WORKERS``,
``EXTRACT_MIN_WORDS``, ``EXTRACT_FUNCTION``, ``EXTRACT_TIMEOUT``, ``BOILERPLATE_*``.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.misc import load_object

# Commands are imported by every ``scrapy`` invocation: the pipelines they run (and
# trafilatura, SciPy...) are imported in ``run``, so a crawl does not start slower.


def archive_path(settings: Any) -> str:
    from pipelines.archive.batch import DEFAULT_DB

    return settings.get("ARCHIVE_DB") or DEFAULT_DB


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--source NAME] [--since DATE]"

    def short_desc(self) -> str:
        return "Re-extract archived articles from their stored captures (no network)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--source", help="only this source's articles")
        parser.add_argument("--since", help="only articles last fetched on or after this date")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("reextract takes no arguments")
        assert self.settings is not None
        workers = self.settings.get("EXTRACT_WORKERS")
        from pipelines.archive.boilerplate import BoilerplateLearner
        from pipelines.archive.reextract import reextract
        from pipelines.archive.schema import open_archive
        from pipelines.extract.page import MIN_WORDS, extract_page

        db = open_archive(archive_path(self.settings))
        started = time.monotonic()
        report = reextract(
            db,
            source=opts.source,
            since=opts.since,
            workers=None if workers in (None, "") else int(workers),
            min_words=self.settings.getint("EXTRACT_MIN_WORDS", MIN_WORDS),
            function=load_object(self.settings.get("EXTRACT_FUNCTION") or extract_page),
            timeout=self.settings.getfloat("EXTRACT_TIMEOUT", 60.0),
            learner=BoilerplateLearner.from_settings(self.settings),
        )
        elapsed = time.monotonic() - started
        db.close()
        for line in report.lines():
            print(line)
        rate = report.articles / elapsed if elapsed else 0.0
        print(f"time: {elapsed:.1f} s ({rate:.1f} articles/s)")
