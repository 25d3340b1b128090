"""Classifier benchmark: what the crawl's workers make of every real page, in-process.

``.venv/bin/python bench/classify.py [--corpus wcxb|trafilatura|both] [--part tune|held|all]
[--limit N] [--workers N] [--features FILE] [--trafilatura DIR] [--wcxb DIR]``

No crawl: every page of the corpora (``bench/corpora.py``, read in place from
``/tmp/corpus`` and ``/tmp/wcxb``) goes through the workers' own entry point,
``pipelines.extract.page.extract_page``, with the payload the crawl sends for a page reached
from a listing's link (its URL in the crawl's canonical form, ``hints``
``{"via": "link"}``, links wanted, the default ``EXTRACT_MIN_WORDS``), in a process
pool of ``--workers`` processes (default 2). A page
is counted as archived as an article when the answer has no skip reason (as the
crawl archives it), as a listing when its ``page_kind`` is ``listing``, else as other.

It prints, for the ``tune`` part, the ``held`` part and all: per WCXB page type the
pages and the share archived as articles, listings and other; the article recall (WCXB
article pages archived as articles; target 99 %); the share of product, forum,
collection and listing pages kept out (not archived as articles; target 80 %); the
share of the trafilatura evaluation pages (all articles) archived as articles; and the
milliseconds of worker CPU per page. ``--features FILE`` also writes, per page, the
classifier's inputs (``page_features``, main-text words, URL) as JSON lines, which
``bench/fit_classify.py`` refits the weights from. Settings read: none.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpora import Page, trafilatura_pages, wcxb_pages  # noqa: E402

from crawler.settings import EXTRACT_MIN_WORDS  # noqa: E402
from pipelines.urls import canonicalize_url  # noqa: E402

KEPT_OUT_TYPES = ("product", "forum", "collection", "listing")
PARTS = ("tune", "held", "all")
FETCHED_AT = "2026-06-01T00:00:00+00:00"  # after every corpus page was published


def payload(page: Page) -> dict[str, Any]:
    """What the crawl sends a worker for this page, reached from a listing's link: at its
    URL as the crawl requests it (``canonicalize_url``: tracking parameters such as
    ``srsltid`` dropped, so ``https://x.com/?srsltid=...`` is a site root, as the crawl
    judges it)."""
    try:
        url = canonicalize_url(page.url)
    except ValueError:  # a URL the crawl could not request: judged as it is
        url = page.url
    return {
        "body": page.body(),
        "url": url,
        "encoding": None,
        "headers": {"Content-Type": "text/html"},
        "hints": {"via": "link"},
        "fetched_at": FETCHED_AT,
        "min_words": EXTRACT_MIN_WORDS,
        "links": True,
    }


def judge(page: Page) -> dict[str, Any]:
    """One page through ``extract_page``: its outcome, reason, CPU time and the
    classifier's inputs (recorded as ``classify.classify`` is called)."""
    from pipelines.extract import classify
    from pipelines.extract.page import extract_page

    seen: dict[str, Any] = {}
    real = classify.classify

    def recording(found: Any, words: int, url: str, hints: dict[str, Any]) -> Any:
        seen.update(features=found.as_dict(), words=words, url=url)
        return real(found, words, url, hints)

    classify.classify = recording
    try:
        result = extract_page(payload(page))
    finally:
        classify.classify = real
    if not result.get("skip_reason"):
        outcome = "article"
    elif result.get("page_kind") == "listing":
        outcome = "listing"
    else:
        outcome = "other"
    return {
        "corpus": page.corpus,
        "key": page.key,
        "part": page.part,
        "page_type": page.page_type,
        "outcome": outcome,
        "reason": result.get("skip_reason") or "",
        "evidence": result.get("kind_reason") or result.get("skip_detail") or "",
        "cpu": result.get("_cpu", 0.0),
        **seen,
    }


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    -  "


def report(results: list[dict[str, Any]], part: str) -> list[str]:
    """The figures of one part (``all``: every page)."""
    chosen = [r for r in results if part == "all" or r["part"] == part]
    wcxb = [r for r in chosen if r["corpus"] == "wcxb"]
    lines = [f"== {part}: {len(chosen)} pages"]
    if wcxb:
        lines.append(
            f"  {'WCXB page type':<15} {'pages':>5} {'article':>8} {'listing':>8} {'other':>8}"
        )
        by_type: dict[str, Counter[str]] = defaultdict(Counter)
        for r in wcxb:
            by_type[r["page_type"]][r["outcome"]] += 1
        for kind in sorted(by_type, key=lambda k: (k != "article", k)):
            counts = by_type[kind]
            n = sum(counts.values())
            shares = " ".join(f"{pct(counts[o], n):>8}" for o in ("article", "listing", "other"))
            lines.append(f"  {kind:<15} {n:>5} {shares}")
        articles = by_type.get("article", Counter())
        n = sum(articles.values())
        lines.append(f"  article recall: {pct(articles['article'], n)} of {n} (target 99 %)")
        others = [r for r in wcxb if r["page_type"] in KEPT_OUT_TYPES]
        out = sum(r["outcome"] != "article" for r in others)
        lines.append(
            f"  product, forum, collection, listing kept out: {pct(out, len(others))}"
            f" of {len(others)} (target 80 %)"
        )
    traf = [r for r in chosen if r["corpus"] == "trafilatura"]
    if traf:
        kept = sum(r["outcome"] == "article" for r in traf)
        lines.append(
            f"  trafilatura eval archived as articles: {pct(kept, len(traf))} of {len(traf)}"
        )
    if chosen:
        ms = 1000 * sum(r["cpu"] for r in chosen) / len(chosen)
        lines.append(f"  worker CPU: {ms:.1f} ms per page")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/classify.py", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("wcxb", "trafilatura", "both"), default="both")
    parser.add_argument("--part", choices=PARTS, default="all")
    parser.add_argument("--limit", type=int, default=0, help="pages per corpus (0 = all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--features", type=Path, help="write the classifier's inputs here")
    parser.add_argument("--trafilatura", default="/tmp/corpus")
    parser.add_argument("--wcxb", default="/tmp/wcxb")
    args = parser.parse_args(argv)
    pages: list[Page] = []
    for name, read, directory in (
        ("trafilatura", trafilatura_pages, args.trafilatura),
        ("wcxb", wcxb_pages, args.wcxb),
    ):
        if args.corpus in (name, "both"):
            found = [p for p in read(directory) if args.part == "all" or p.part == args.part]
            pages += found[: args.limit] if args.limit else found
    start = time.monotonic()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(judge, pages, chunksize=8))
    print(f"{len(pages)} pages in {time.monotonic() - start:.0f} s, {args.workers} workers")
    for part in PARTS if args.part == "all" else (args.part,):
        print("\n".join(report(results, part)))
    if args.features:
        with args.features.open("w", encoding="utf-8") as out:
            for r in results:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
