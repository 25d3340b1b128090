"""``scrapy export --format jsonl|csv|warc``: write the archive's articles to a file or stdout.

Options: ``-o FILE`` (default: standard output), ``--source NAME``,
``--language CODE``, ``--since DATE`` and ``--until DATE`` (on ``published_at``).
See ``pipelines.archive.export`` for what each format holds; ``scrapy import FILE``
restores a JSONL export. Settings read: ``ARCHIVE_DB``.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.reextract import archive_path
from pipelines.archive.export import FORMATS, export
from pipelines.archive.schema import open_archive


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "--format jsonl|csv|warc [-o FILE] [--source NAME] [--language CODE] [--since DATE]"

    def short_desc(self) -> str:
        return "Export archived articles as JSONL, CSV or WARC"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="jsonl")
        parser.add_argument("-o", "--output", default="-", help="file to write ('-': stdout)")
        parser.add_argument("--source", help="only this source")
        parser.add_argument("--language", help="only this language (ISO 639-1)")
        parser.add_argument("--since", help="published on or after this date")
        parser.add_argument("--until", help="published before this date")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("export takes no arguments")
        db = open_archive(archive_path(self.settings))
        filters = {k: getattr(opts, k) for k in ("source", "language", "since", "until")}
        if opts.output == "-":
            count = export(db, opts.fmt, sys.stdout.buffer, **filters)
            sys.stdout.buffer.flush()
        else:
            with open(opts.output, "wb") as out:
                count = export(db, opts.fmt, out, **filters)
        db.close()
        unit = "records" if opts.fmt == "warc" else "articles"
        print(f"exported {count} {unit} as {opts.fmt}", file=sys.stderr)
