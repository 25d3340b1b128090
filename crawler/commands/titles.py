"""``scrapy titles``: re-apply the site-level title rules to archived articles.

For each source (``--source NAME``, repeatable; default every source in the archive) it
recounts the title affixes from the archived titles (as extracted: ``raw_title`` when
one was stripped), stores the counts in ``title_affixes``, decides again which are the
site's own, and cleans every title of the source with them: learned affixes are
stripped, affixes no longer learned come back. Use it on an archive made before the
feature, after changing ``TITLES_MIN_ARTICLES`` or ``TITLES_MIN_SHARE``, or to check what
they would strip (``--dry-run`` rolls everything back). ``--show N`` lists the N affixes
found on most articles. Settings read: ``ARCHIVE_DB`` (or ``--db``),
``TITLES_MIN_ARTICLES`` (or ``--min-articles``), ``TITLES_MIN_SHARE`` (or
``--min-share``; defaults in ``crawler/settings.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.base import NewsCommand, archived_sources
from crawler.commands.boilerplate import DryRun
from pipelines.archive.schema import atomic, open_archive
from pipelines.archive.titles import TOTAL, TitleLearner
from pipelines.extract.dates import utc_now


def relearn(db: Any, sources: list[str], learner: TitleLearner, show: int, dry_run: bool) -> None:
    """Rebuild each source's counts and clean its titles, in one transaction."""
    try:
        with atomic(db):
            for source in sources:
                result = learner.rebuild(db, source, utc_now())
                print(
                    f"{source}: {result['articles']} articles, {result['learned']} site affixes "
                    f"(on >= {learner.min_articles} articles and >= {learner.min_share:.0%} "
                    f"of them), {result['changed']} titles changed"
                )
                show_top(db, source, show)
            if dry_run:
                raise DryRun
    except DryRun:
        print("dry run: nothing changed")


def show_top(db: Any, source: str, limit: int) -> None:
    rows = db.execute(
        "SELECT articles, learned, affix FROM title_affixes WHERE source = ? "
        "AND fingerprint != ? ORDER BY articles DESC, affix LIMIT ?",
        [source, TOTAL, limit],
    ).fetchall()
    for articles, learned, affix in rows:
        mark = "site" if learned else "kept"
        print(f"  {articles:>6}  {mark:<4}  {affix[:90]}")


class Command(NewsCommand, ScrapyCommand):
    requires_crawler_process = True  # as before: Scrapy's default
    takes_arguments = True  # ignored
    default_settings = {"LOG_ENABLED": False}
    usage = "[--source NAME ...] [--db PATH] [--min-articles N] [--min-share S] [--dry-run]"
    summary = "Relearn the site names in titles and strip them from archived articles"
    options = (
        (("--source",), {"action": "append", "default": [], "help": "source name"}),
        (("--db",), {"help": "archive (default: ARCHIVE_DB)"}),
        (("--min-articles",), {"type": int, "help": "TITLES_MIN_ARTICLES"}),
        (("--min-share",), {"type": float, "help": "TITLES_MIN_SHARE"}),
        (("--dry-run",), {"action": "store_true", "help": "report, change nothing"}),
        (("--show",), {"type": int, "default": 0, "help": "list the top N affixes"}),
    )

    def execute(self, args: list[str], opts: argparse.Namespace) -> None:
        path = self.existing_archive(Path(opts.db) if opts.db else None)
        minimum = opts.min_articles or self.settings.getint("TITLES_MIN_ARTICLES")
        share = self.settings.getfloat("TITLES_MIN_SHARE")
        share = opts.min_share if opts.min_share is not None else share
        try:
            learner = TitleLearner(minimum, share)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        db = open_archive(path)
        try:
            known = archived_sources(db, opts.source, path)
            relearn(db, opts.source or known, learner, opts.show, opts.dry_run)
        finally:
            db.close()
