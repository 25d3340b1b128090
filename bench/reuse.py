"""trafilatura's repeated work, with and without the project's reuse, side by side in one process.

    .venv/bin/python bench/reuse.py --corpus /tmp/corpus/tests --corpus /tmp/wcxb/dev \
        [--limit 100]

On the real pages of the corpora (``bench/pages.py: load_corpus``, the first ``--limit``
files of each, both parts), page by page, alternating which runs first, it times (CPU):

- trafilatura's first pass as ``pipelines.extract.page.main_document`` runs it, with
  trafilatura's own ``_prepare_tree`` and ``justext_rescue`` against the project's
  (``pipelines.extract.copies``: the cleaned copy for justext made only when read);
- recall mode as ``fallbacks.recall_text`` runs it, ``trafilatura.extract`` on the
  page against ``pipelines.extract.recall`` on the tree the first pass pruned, with its
  readability summary (per recall run: the crawl runs it on about one page in five);
- justext on each page (``external.try_justext``), with trafilatura's stop-word tuple
  against the project's cached ``frozenset`` (``pipelines.extract.stoplist``; both
  built before timing), per call.

It prints ms per page (per run, per call) and the ratios, and checks the texts are the
same. Settings read: none. Stats: none. Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]  # tests/sites

from justext.core import define_stoplist  # noqa: E402
from pages import load_corpus  # noqa: E402
from trafilatura import core, external  # noqa: E402
from trafilatura.baseline import basic_cleaning  # noqa: E402

from pipelines.extract import copies, fallbacks, parse, recall, stoplist  # noqa: E402
from pipelines.extract.page import PRUNE_XPATH, main_document  # noqa: E402


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    found = run()
    return time.process_time() - start, found


def library_recall(tree: Any, url: str) -> str:
    """``trafilatura.extract`` in recall mode, as the fallbacks run it without a kept tree."""
    return fallbacks.recall_text(tree, url, PRUNE_XPATH)


def library_first(tree: Any, url: str) -> Any:
    """``main_document`` with trafilatura's own ``_prepare_tree`` and ``justext_rescue``."""
    install = copies.install
    copies.install = lambda: None
    core._prepare_tree, external.justext_rescue = copies.LIBRARY
    try:
        return main_document(tree, url)
    finally:
        copies.install = install
        install()


def page_times(tree: Any, url: str, words: tuple[Any, frozenset[str]], flip: bool) -> dict:
    spent: dict[str, float] = {}
    texts: dict[str, Any] = {}
    runs = {
        "first, trafilatura's": lambda: library_first(tree, url)[0].text,
        "first, project's": lambda: main_document(tree, url)[0].text,
    }
    for label in sorted(runs, reverse=flip):
        spent[label], texts[label] = timed(runs[label])
    _, summary, pruned = main_document(tree, url)
    if pruned is not None:
        runs = {
            "recall, trafilatura's": lambda: library_recall(tree, url),
            "recall, project's": lambda: recall.recall_text(pruned, url, summary),
        }
        for label in sorted(runs, reverse=flip):
            spent[label], texts[label] = timed(runs[label])
    cleaned = basic_cleaning(copy.deepcopy(tree))
    lists = dict(zip(("justext, tuple", "justext, frozenset"), words, strict=True))
    for label in sorted(lists, reverse=flip):
        stop = lists[label]
        external.JT_STOPLIST = stop
        spent[label], body = timed(lambda: external.try_justext(copy.deepcopy(cleaned), url, None))
        texts[label] = [p.text for p in body]
    external.JT_STOPLIST = words[1]
    pairs = [(a, b) for a in texts for b in texts if a < b and a.split(",")[0] == b.split(",")[0]]
    if any(texts[a] != texts[b] for a, b in pairs):
        raise SystemExit(f"different texts on {url}")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    site = load_corpus(args.corpus, limit=args.limit)
    stoplist.warm_up()
    cached = external.JT_STOPLIST  # the project's frozenset, before trafilatura's tuple replaces it
    words = (external.jt_stoplist_init(), cached)
    define_stoplist(words[0])  # both lists built and cached before timing
    assert isinstance(words[0], tuple) and isinstance(words[1], frozenset)
    external.JT_STOPLIST = cached  # the first passes' justext: the same list on both sides
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    pages = 0
    for n, (path, body) in enumerate(site.bodies()):
        tree = parse.page_tree(body.decode())
        if tree is None:
            continue
        pages += 1
        for label, seconds in page_times(tree, site.base + path, words, n % 2 == 1).items():
            totals[label] = totals.get(label, 0.0) + seconds
            counts[label] = counts.get(label, 0) + 1
    print(f"{pages} pages, CPU ms per page (recall: per run; justext: per call)")
    for label in totals:
        print(f"  {label:24} {1000 * totals[label] / counts[label]:7.2f}  ({counts[label]} runs)")
    for after, before in (
        ("first, project's", "first, trafilatura's"),
        ("recall, project's", "recall, trafilatura's"),
        ("justext, frozenset", "justext, tuple"),
    ):
        if totals.get(before):
            print(f"  {after} / {before}: {totals.get(after, 0.0) / totals[before]:.2f}")


if __name__ == "__main__":
    main()
