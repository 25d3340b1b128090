"""What the date search costs a worker: ``page_dates`` and its parts on real pages.

    .venv/bin/python bench/dates.py --corpus /tmp/corpus/tests --wcxb /tmp/wcxb/dev [--limit N]

Takes ``--limit`` pages spread evenly over each corpus (the trafilatura evaluation set
and WCXB's dev article pages; ``bench/corpora.py``), parses each once and reads its
metadata (``htmlmeta``) outside the clock, then times, in this one process:
``pagedates.warm_up`` (once, as a worker does before its first page), ``page_dates``
over every page, and its parts over every page on their own: the originally-published
note (``original_date``), the date shown by the headline (``shown_date``) and
htmldate's search (``searched_date``, which ``page_dates`` runs only on pages with no
date of their own). Prints CPU ms per page and how many pages each source dated.
Nothing leaves the machine. Settings read: none.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

from pipelines.extract import htmlmeta, pagedates, parse  # noqa: E402
from pipelines.extract.page import declared_language, decode, page_dates  # noqa: E402

NOW = datetime(2026, 3, 15, tzinfo=UTC)


def spread(pages: list[corpora.Page], limit: int) -> list[corpora.Page]:
    """``limit`` pages taken at even steps over ``pages``."""
    step = max(1, len(pages) // limit)
    return pages[::step][:limit]


def prepared(pages: list[corpora.Page]) -> list[tuple[str, Any, dict[str, Any], str | None]]:
    """(url, tree, metadata, declared language) of each page that parses."""
    found = []
    for page in pages:
        tree = parse.page_tree(decode(page.body()))
        if tree is not None:
            meta = htmlmeta.page_metadata(tree, page.url)
            found.append((page.url, tree, meta, declared_language(meta, {}, {})))
    return found


def cpu_ms(function: Any, items: list[Any]) -> float:
    """CPU milliseconds per item of ``function`` over ``items``."""
    start = time.process_time()
    for item in items:
        function(*item)
    return (time.process_time() - start) * 1000 / max(1, len(items))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="the trafilatura evaluation set")
    parser.add_argument("--wcxb", type=Path, help="WCXB's dev split")
    parser.add_argument("--limit", type=int, default=150, help="pages from each corpus")
    args = parser.parse_args(argv)
    pages: list[corpora.Page] = []
    if args.corpus:
        pages += spread(list(corpora.trafilatura_pages(args.corpus)), args.limit)
    if args.wcxb:
        articles = [p for p in corpora.wcxb_pages(args.wcxb) if p.page_type == "article"]
        pages += spread(articles, args.limit)
    if not pages:
        parser.error("give --corpus, --wcxb or both")
    items = prepared(pages)
    start = time.process_time()
    pagedates.warm_up()
    print(f"{len(items)} real pages; warm_up once: {time.process_time() - start:.2f} s CPU")
    sources: Counter[str | None] = Counter()

    def dated(url: str, tree: Any, meta: dict[str, Any], language: str | None) -> None:
        sources[page_dates(tree, meta, {}, url, NOW, language)["published_source"]] += 1

    rows = [
        ("page_dates", dated, items),
        ("  original_date", pagedates.original_date, [(t, NOW, lang) for _, t, _, lang in items]),
        ("  shown_date", pagedates.shown_date, [(t, NOW, lang) for _, t, _, lang in items]),
        ("  searched_date", pagedates.searched_date, [(t, NOW, url) for url, t, _, _ in items]),
    ]
    for label, function, arguments in rows:
        print(f"{label:<16} {cpu_ms(function, arguments):8.2f} ms/page (CPU, every page)")
    print("published_source:", ", ".join(f"{k}: {v}" for k, v in sources.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
