"""``scrapy maintain``: keep the archive in shape (run it daily; the deploy files do).

Merges the full-text indexes, refreshes the planner's statistics, checkpoints the WAL,
returns free pages and checks integrity (``pipelines.archive.maintain``), each step in
its own short transaction, so Datasette keeps reading meanwhile. It takes the archive's
crawl lock, so it never runs beside a crawl (exit status 3, as a second crawl). Prints
one line per step and stores them in ``maintenance_runs``; exit status 1 when the
integrity check found a problem. Settings read: ``ARCHIVE_DB``. Stats: none.
"""

from __future__ import annotations

import argparse
import json

from scrapy.commands import ScrapyCommand

from crawler.commands.base import CommandFailed, NewsCommand, failing

STEPS = ("fts_optimize", "merge_bands", "analyze", "incremental_vacuum", "integrity", "checkpoint")


class Command(NewsCommand, ScrapyCommand):
    usage = "[--quick] [--skip STEP]..."
    summary = "Optimise, analyse, checkpoint, vacuum and check the archive"
    options = (
        (("--quick",), {"action": "store_true", "help": "quick_check instead of integrity_check"}),
        (
            ("--skip",),
            {"action": "append", "default": [], "choices": STEPS, "help": "leave a step out"},
        ),
    )

    def execute(self, args: list[str], opts: argparse.Namespace) -> int:
        from crawler.lock import CrawlLocked, acquire
        from pipelines.archive.maintain import maintain
        from pipelines.archive.schema import open_archive

        path = self.archive()
        if not path.exists():
            raise CommandFailed(f"no archive at {path}", 2)
        with failing({CrawlLocked: 3}):
            lock = acquire(path)
        try:
            row = maintain(open_archive(path), opts.quick, tuple(opts.skip))
        finally:
            lock.close()
        for step, result in json.loads(row["steps"]).items():
            details = ", ".join(f"{k}={v}" for k, v in result.items() if k != "seconds")
            print(f"{step}: {result['seconds']:.2f}s {details}")
        print(
            f"maintenance run {row['id']}: {row['status']}, "
            f"{row['bytes_before']:,} -> {row['bytes_after']:,} bytes"
        )
        return 0 if row["status"] == "finished" else 1
