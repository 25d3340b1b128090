"""``scrapy boilerplate``: re-apply the site-level boilerplate rules to archived articles.

For each source (``--source NAME``, repeatable; default every source in the
archive) it recounts the paragraph fingerprints from the archived articles
(their text plus the paragraphs removed before), stores the counts in the
``boilerplate`` table, and cleans every article of the source with them:
template paragraphs go to ``removed_paragraphs``, paragraphs no longer template
come back. Use it on an archive made before the feature, after changing
``BOILERPLATE_MIN_ARTICLES``, or to check what a threshold would remove
(``--dry-run`` rolls everything back). ``--show N`` lists the N paragraphs
found on most articles. Settings read: ``ARCHIVE_DB`` (or ``--db``),
``BOILERPLATE_MIN_ARTICLES`` (or ``--min-articles``; default in ``crawler/settings.py``).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.base import NewsCommand, archived_sources
from pipelines.archive.boilerplate import BoilerplateLearner
from pipelines.archive.schema import atomic, open_archive
from pipelines.extract.dates import utc_now


class DryRun(Exception):
    """Raised to roll the transaction back."""


def relearn(
    db: Any, sources: list[str], learner: Any, report: Callable[[str, dict], None], dry_run: bool
) -> None:
    """Rebuild each source's counts and clean its articles, in one transaction; ``report``
    prints each source's result."""
    try:
        with atomic(db):
            for source in sources:
                report(source, learner.rebuild(db, source, utc_now()))
            if dry_run:
                raise DryRun
    except DryRun:
        print("dry run: nothing changed")


def show_top(db: Any, source: str, limit: int, minimum: int) -> None:
    rows = db.execute(
        "SELECT articles, paragraph FROM boilerplate WHERE source = ? "
        "ORDER BY articles DESC, paragraph LIMIT ?",
        [source, limit],
    ).fetchall()
    for articles, paragraph in rows:
        mark = "template" if articles >= minimum else "kept"
        print(f"  {articles:>6}  {mark:<8}  {paragraph[:90]}")


class Command(NewsCommand, ScrapyCommand):
    requires_crawler_process = True  # as before: Scrapy's default
    takes_arguments = True  # ignored
    default_settings = {"LOG_ENABLED": False}
    usage = "[--source NAME ...] [--db PATH] [--min-articles N] [--dry-run] [--show N]"
    summary = "Relearn site template paragraphs and remove them from archived articles"
    options = (
        (("--source",), {"action": "append", "default": [], "help": "source name"}),
        (("--db",), {"help": "archive (default: ARCHIVE_DB)"}),
        (("--min-articles",), {"type": int, "help": "BOILERPLATE_MIN_ARTICLES"}),
        (("--dry-run",), {"action": "store_true", "help": "report, change nothing"}),
        (("--show",), {"type": int, "default": 0, "help": "list the top N paragraphs"}),
    )

    def make_learner(self, opts: argparse.Namespace) -> Any:
        minimum = opts.min_articles or self.settings.getint("BOILERPLATE_MIN_ARTICLES")
        return BoilerplateLearner(minimum)

    def report(self, db: Any, learner: Any, show: int, source: str, result: dict) -> None:
        minimum = learner.min_articles
        print(
            f"{source}: {result['articles']} articles, {result['template']} "
            f"template paragraphs (on >= {minimum} articles), "
            f"{result['changed']} articles changed"
        )
        show_top(db, source, show, minimum)

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        path = self.existing_archive(Path(opts.db) if opts.db else None)
        try:
            learner = self.make_learner(opts)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        db = open_archive(path)
        try:
            known = archived_sources(db, opts.source, path)
            report = functools.partial(self.report, db, learner, opts.show)
            relearn(db, opts.source or known, learner, report, opts.dry_run)
        finally:
            db.close()
