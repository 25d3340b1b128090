"""``scrapy import FILE.jsonl``: restore articles from a ``scrapy export --format jsonl`` file.

Each line's article is written with its versions and alternate URLs; an article
already in the archive is replaced by the exported state. A line that is not an
exported article stops the import with its line number, and nothing is written; a
file that cannot be opened is refused before the archive is opened (none is created).
Settings read: ``ARCHIVE_DB``.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.base import NewsCommand, failing
from pipelines.archive.export import import_jsonl
from pipelines.archive.schema import open_archive


class Command(NewsCommand, ScrapyCommand):
    usage = "FILE.jsonl"
    summary = "Restore articles from a JSONL export"

    def check_arguments(self, args: list[str]) -> None:
        if len(args) != 1:
            raise UsageError("import takes one JSONL file ('-' for standard input)")

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        # The file is opened first: one that cannot be read leaves no archive behind.
        with failing({OSError: 2}, f"{args[0]}: "):
            source = nullcontext(sys.stdin) if args[0] == "-" else open(args[0], encoding="utf-8")  # noqa: SIM115
        with source as lines:
            db = open_archive(self.archive())
            try:
                with failing({OSError: 2, ValueError: 2}, f"{args[0]}: "):
                    counts = import_jsonl(db, lines)
            finally:
                db.close()
        print(", ".join(f"{n} {what}" for what, n in counts.items()) + " imported")
