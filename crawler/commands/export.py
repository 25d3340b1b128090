"""``scrapy export --format jsonl|csv|warc|wacz``: write the archive's articles to a file or stdout.

Options: ``-o FILE`` (default: standard output), ``--source NAME``,
``--language CODE``, ``--since DATE`` and ``--until DATE`` (on ``published_at``).
See ``pipelines.archive.export`` for what each format holds (``wacz``:
``pipelines.archive.wacz``, a package for ReplayWeb.page and pywb); ``scrapy import FILE``
restores a JSONL export. Settings read: ``ARCHIVE_DB``.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand

from crawler.commands.base import NewsCommand
from pipelines.archive.export import FORMATS, export
from pipelines.archive.schema import open_archive

FILTERS = ("source", "language", "since", "until")


class Command(NewsCommand, ScrapyCommand):
    usage = (
        "--format jsonl|csv|warc|wacz [-o FILE] [--source NAME] [--language CODE] [--since DATE]"
    )
    summary = "Export archived articles as JSONL, CSV, WARC or WACZ"
    options = (
        (("--format",), {"dest": "fmt", "choices": FORMATS, "default": "jsonl"}),
        (("-o", "--output"), {"default": "-", "help": "file to write ('-': stdout)"}),
        (("--source",), {"help": "only this source"}),
        (("--language",), {"help": "only this language (ISO 639-1)"}),
        (("--since",), {"help": "published on or after this date"}),
        (("--until",), {"help": "published before this date"}),
    )

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        db = open_archive(self.archive())
        filters = {k: getattr(opts, k) for k in FILTERS}
        if opts.output == "-":
            count = export(db, opts.fmt, sys.stdout.buffer, **filters)
            sys.stdout.buffer.flush()
        else:
            with open(opts.output, "wb") as out:
                count = export(db, opts.fmt, out, **filters)
        db.close()
        unit = "records" if opts.fmt == "warc" else "articles"
        print(f"exported {count} {unit} as {opts.fmt}", file=sys.stderr)
