"""Output-equality check: the project's extraction on every real page, written and compared.

    .venv/bin/python bench/same_output.py write OUT.jsonl --corpus /tmp/corpus/tests \
        --corpus /tmp/wcxb/dev [--limit N] [--workers W]
    .venv/bin/python bench/same_output.py compare BEFORE.jsonl AFTER.jsonl

``write`` runs ``extract_page`` (``pipelines.extract.page``) over the pages of the
corpora (``bench/corpora.py``: the trafilatura evaluation set and WCXB's dev split, both
parts; ``--limit`` keeps the first N of each) twice per page: as the crawl does
(``links=True``, the default minimum of words, non-articles skipped) and as the quality
bench does (``articles_only=False, min_words=0``: every stage runs on every page). Each
page's two results, minus ``_cpu`` (and with the MinHash signature as hex), go to one
JSON line, with a fixed fetch time so that dates do not depend on the day.

``compare`` reads two such files (from the code before and after a change, e.g. a
second checkout's ``PYTHONPATH``) and prints how many pages differ, and in which
fields, and the first differing pages' keys: a speed-only change must print 0. The
pages are only compared, never shown: the check is fit for the ``held`` part too. Only
the pages both files hold are compared (a ``--limit`` run against a full one).
Settings read: none. Stats: none. Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT)]

import corpora  # noqa: E402

from pipelines.extract.page import extract_page, warm_up  # noqa: E402

FETCHED_AT = "2026-01-15T12:00:00+00:00"
MODES = {
    "crawl": {"links": True},
    "all": {"articles_only": False, "min_words": 0},
}


def pages(directories: list[str], limit: int | None) -> list[corpora.Page]:
    """The pages of each corpus directory (the first ``limit`` of each)."""
    found: list[corpora.Page] = []
    for directory in directories:
        if corpora.find(directory, "evaldata.json"):
            listed = list(corpora.trafilatura_pages(directory))
        else:
            listed = list(corpora.wcxb_pages(directory))
        found += listed[:limit] if limit else listed
    return found


def plain(article: dict[str, Any]) -> dict[str, Any]:
    """The result as JSON: without its CPU time, the signature in hex."""
    article = {k: v for k, v in article.items() if k != "_cpu"}
    if isinstance(article.get("_minhash"), bytes):
        article["_minhash"] = article["_minhash"].hex()
    return article


def run(page: corpora.Page) -> dict[str, Any]:
    """The page's results in each mode."""
    body = page.body()
    found: dict[str, Any] = {"key": f"{page.corpus}:{page.key}"}
    for mode, options in MODES.items():
        payload = {"body": body, "url": page.url, "fetched_at": FETCHED_AT, **options}
        found[mode] = plain(extract_page(payload))
    return found


def write(out: Path, directories: list[str], limit: int | None, workers: int) -> None:
    listed = pages(directories, limit)
    with ProcessPoolExecutor(workers, initializer=warm_up) as pool, out.open("w") as file:
        for found in pool.map(run, listed, chunksize=4):
            file.write(json.dumps(found, sort_keys=True, default=str) + "\n")
    print(f"{len(listed)} pages written to {out}")


def read(path: Path) -> dict[str, dict[str, Any]]:
    with path.open() as file:
        return {row["key"]: row for row in map(json.loads, file)}


def compare(before: Path, after: Path, show: int = 10) -> int:
    """Prints the pages and fields that differ; returns the number of differing pages."""
    old, new = read(before), read(after)
    fields: Counter[str] = Counter()
    differing = []
    for key in sorted(old.keys() & new.keys()):
        changed = set()
        for mode in MODES:
            a, b = old[key].get(mode, {}), new[key].get(mode, {})
            changed |= {f"{mode}.{f}" for f in a.keys() | b.keys() if a.get(f) != b.get(f)}
        if changed:
            differing.append(key)
            fields.update(changed)
    alone = len(old.keys() ^ new.keys())
    print(f"{len(old.keys() & new.keys())} pages in both ({alone} in one file only, not compared)")
    print(f"pages differing: {len(differing)}")
    for field, count in fields.most_common():
        print(f"  {field}: {count}")
    for key in differing[:show]:
        print(f"  differs: {key}")
    return len(differing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--corpus", action="append", required=True)
    w.add_argument("--limit", type=int)
    w.add_argument("--workers", type=int, default=1)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, args.corpus, args.limit, args.workers)
        return 0
    return 1 if compare(args.before, args.after) else 0


if __name__ == "__main__":
    sys.exit(main())
