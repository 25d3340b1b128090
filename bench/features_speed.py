"""The classifier's page measures, side by side with another version of them, in one process.

``.venv/bin/python bench/features_speed.py --baseline FILE [--pages N] [--reps R]``

``--baseline`` is a copy of another checkout's module that defines ``page_features`` and
``page_links`` (for main before the features moved out: ``git show
main:pipelines/extract/classify.py > /tmp/main_classify.py``). The first ``N`` real pages
(half from the trafilatura set, half from WCXB's development split, read in place from
``/tmp/corpus`` and ``/tmp/wcxb``) are parsed once with the workers' parser and read by
``htmlmeta``; then both versions measure every page, in turn, ``R`` times. It prints the
CPU milliseconds per page of ``page_features`` + ``page_links`` for each (the best of
the repeats) and how many pages' features and links differ. Settings read: none.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpora import trafilatura_pages, wcxb_pages  # noqa: E402

from pipelines.extract import features, htmlmeta, parse  # noqa: E402
from pipelines.extract.page import decode  # noqa: E402


def load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("baseline_features", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_features"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def measure(module: Any, pages: list[tuple[Any, dict, str]]) -> tuple[float, list[Any]]:
    start = time.process_time()
    out = [
        (module.page_features(tree, meta, url).as_dict(), module.page_links(tree, url))
        for tree, meta, url in pages
    ]
    return 1000 * (time.process_time() - start) / len(pages), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/features_speed.py")
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--trafilatura", default="/tmp/corpus")
    parser.add_argument("--wcxb", default="/tmp/wcxb")
    args = parser.parse_args(argv)
    chosen = list(trafilatura_pages(args.trafilatura))[: args.pages // 2]
    chosen += list(wcxb_pages(args.wcxb))[: args.pages - len(chosen)]
    pages = []
    for page in chosen:
        tree = parse.page_tree(decode(page.body(), None, "text/html"))
        if tree is not None:
            pages.append((tree, htmlmeta.page_metadata(tree, page.url), page.url))
    baseline = load(args.baseline)
    features.page_features(*pages[0])  # the word table, built once a process
    before, after = [], []
    for _ in range(args.reps):
        ms, old = measure(baseline, pages)
        before.append(ms)
        ms, new = measure(features, pages)
        after.append(ms)
    differ = sum(a[0] != b[0] for a, b in zip(old, new, strict=True))
    links = sum(a[1] != b[1] for a, b in zip(old, new, strict=True))
    print(
        f"{len(pages)} real pages, page_features + page_links, CPU ms per page (best of"
        f" {args.reps}): baseline {min(before):.2f}, this tree {min(after):.2f},"
        f" ratio {min(after) / min(before):.2f}"
    )
    print(f"pages whose features differ: {differ}; whose links differ: {links}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
