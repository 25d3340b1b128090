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
``--min-share``; defaults in ``crawler/settings.py``). The command is ``scrapy
boilerplate``'s (``crawler.commands.boilerplate``) with its own learner and report.
"""

from __future__ import annotations

import argparse
from typing import Any

from crawler.commands.boilerplate import Command as BoilerplateCommand
from pipelines.archive.titles import TOTAL, TitleLearner


def show_top(db: Any, source: str, limit: int) -> None:
    rows = db.execute(
        "SELECT articles, learned, affix FROM title_affixes WHERE source = ? "
        "AND fingerprint != ? ORDER BY articles DESC, affix LIMIT ?",
        [source, TOTAL, limit],
    ).fetchall()
    for articles, learned, affix in rows:
        mark = "site" if learned else "kept"
        print(f"  {articles:>6}  {mark:<4}  {affix[:90]}")


class Command(BoilerplateCommand):
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

    def make_learner(self, opts: argparse.Namespace) -> Any:
        minimum = opts.min_articles or self.settings.getint("TITLES_MIN_ARTICLES")
        share = self.settings.getfloat("TITLES_MIN_SHARE")
        return TitleLearner(minimum, opts.min_share if opts.min_share is not None else share)

    def report(self, db: Any, learner: Any, show: int, source: str, result: dict) -> None:
        print(
            f"{source}: {result['articles']} articles, {result['learned']} site affixes "
            f"(on >= {learner.min_articles} articles and >= {learner.min_share:.0%} "
            f"of them), {result['changed']} titles changed"
        )
        show_top(db, source, show)
