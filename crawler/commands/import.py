"""``scrapy import FILE.jsonl``: restore articles from a ``scrapy export --format jsonl`` file.

Each line's article is written with its versions and alternate URLs; an article
already in the archive is replaced by the exported state. A line that is not an
exported article stops the import with its line number, and nothing is written.
Settings read: ``ARCHIVE_DB``.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.reextract import archive_path
from pipelines.archive.export import import_jsonl
from pipelines.archive.schema import open_archive


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "FILE.jsonl"

    def short_desc(self) -> str:
        return "Restore articles from a JSONL export"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("import takes one JSONL file ('-' for standard input)")
        db = open_archive(archive_path(self.settings))
        try:
            if args[0] == "-":
                counts = import_jsonl(db, sys.stdin)
            else:
                with open(args[0], encoding="utf-8") as lines:
                    counts = import_jsonl(db, lines)
        except (OSError, ValueError) as exc:
            print(f"error: {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        finally:
            db.close()
        print(", ".join(f"{n} {what}" for what, n in counts.items()) + " imported")
