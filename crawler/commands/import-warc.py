"""``scrapy import-warc FILE...``: other people's WARC files into the archive, as a crawl would.

CC-NEWS, browsertrix-crawler and ``wget --warc-file`` files (gzip per record, or
uncompressed) go through the crawl's extraction, classification, dedup and archive
(``pipelines.archive.importwarc``); each capture points at the original file and offset,
nothing is copied. Every ``response`` and ``revisit`` record ends in one outcome; the
command prints them, and the import is a ``crawl_runs`` row. ``--source NAME`` names the
source of every record (default: each URL's host). A file that cannot be opened is
refused before the archive is opened. Settings read: ``ARCHIVE_DB``, ``EXTRACT_WORKERS``,
``EXTRACT_MIN_WORDS``, ``EXTRACT_FUNCTION``, ``EXTRACT_TIMEOUT`` (as the crawl reads them:
``crawler.pipelines.extract.extract_settings``), ``TITLES_*``, ``BOILERPLATE_*``,
``DEDUPE_ENABLED``, ``DEDUPE_THRESHOLD``.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.base import NewsCommand, readable_files


class Command(NewsCommand, ScrapyCommand):
    usage = "FILE.warc[.gz]... [--source NAME]"
    summary = "Import WARC files (CC-NEWS, browsertrix, wget) through extraction and archive"
    options = ((("--source",), {"help": "the source of every record (default: its host)"}),)

    def check_arguments(self, args: list[str]) -> None:
        if not args:
            raise UsageError("import-warc takes one or more WARC files")

    def execute(self, args: list[str], opts: argparse.Namespace) -> int | None:
        from crawler.pipelines.archive import site_learner
        from crawler.pipelines.extract import extract_settings
        from pipelines.archive.importwarc import import_warcs
        from pipelines.archive.schema import open_archive

        readable_files(args)
        settings = self.settings
        dedupe = settings.getbool("DEDUPE_ENABLED")
        db = open_archive(self.archive())
        try:
            report = import_warcs(
                db,
                args,
                source=opts.source,
                learner=site_learner(settings),
                threshold=settings.getfloat("DEDUPE_THRESHOLD") if dedupe else None,
                **extract_settings(settings),
            )
        finally:
            db.close()
        for line in report.lines():
            print(line)
        return None
