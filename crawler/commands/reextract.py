"""``scrapy reextract [--source NAME] [--since DATE]``: rebuild articles from stored captures.

No request is made: each selected article's latest capture is read from the
WARC files (or a legacy in-SQLite body) and extracted again in worker
processes (see ``pipelines.archive.reextract``); the command prints how many articles
changed and in which fields. ``--since`` selects articles last fetched on or
after DATE (ISO 8601). Settings read: ``ARCHIVE_DB``, ``EXTRACT_WORKERS``,
``EXTRACT_MIN_WORDS``, ``EXTRACT_FUNCTION``, ``EXTRACT_TIMEOUT`` (read as the crawl
reads them: ``crawler.pipelines.extract.extract_settings``), ``TITLES_*``,
``BOILERPLATE_*``. A missing archive, or a ``--source`` with no article in it, is an error
(exit status 2).
"""

from __future__ import annotations

import argparse
import time

from scrapy.commands import ScrapyCommand

from crawler.commands.base import NewsCommand, archived_sources

# Commands are imported by every ``scrapy`` invocation: the pipelines they run (and
# trafilatura, SciPy...) are imported in ``execute``, so a crawl does not start slower.


class Command(NewsCommand, ScrapyCommand):
    usage = "[--source NAME] [--since DATE]"
    summary = "Re-extract archived articles from their stored captures (no network)"
    options = (
        (("--source",), {"help": "only this source's articles"}),
        (("--since",), {"help": "only articles last fetched on or after this date"}),
    )

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        from crawler.pipelines.archive import site_learner
        from crawler.pipelines.extract import extract_settings
        from pipelines.archive.reextract import reextract
        from pipelines.archive.schema import open_archive

        path = self.existing_archive()
        db = open_archive(path)
        try:
            archived_sources(db, [opts.source] if opts.source else [], path)
            started = time.monotonic()
            report = reextract(
                db,
                source=opts.source,
                since=opts.since,
                learner=site_learner(self.settings),
                **extract_settings(self.settings),
            )
            elapsed = time.monotonic() - started
        finally:
            db.close()
        for line in report.lines():
            print(line)
        rate = report.articles / elapsed if elapsed else 0.0
        print(f"time: {elapsed:.1f} s ({rate:.1f} articles/s)")
