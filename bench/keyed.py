"""trafilatura's expressions and link-density prune, the project's forms against the ones before.

    .venv/bin/python bench/keyed.py --corpus /tmp/corpus/tests --corpus /tmp/wcxb/dev \
        [--pages 300] [--rounds 3]

On the first ``--pages`` ``tune`` pages of the corpora (``bench/corpora.py``, taken in
turn from each), in one process, page by page alternating which runs first, it times
(CPU) ``extract_page`` as the crawl runs it (``links=True``) and trafilatura's text stage
alone (``page.main_document``) with the lists as this code installs them
(``pipelines.extract.discardkeys``' ``Keyed`` forms, ``pipelines.extract.linkdensity``)
against the code before them (``discards.Within`` in their place, trafilatura's own
``delete_by_link_density``). It prints ms per page and the ratio after each round, and
counts the pages whose results differ (it must be 0). Settings read: none. Stats: none.
Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import corpora  # noqa: E402
from trafilatura import main_extractor, xpaths  # noqa: E402

from pipelines.extract import discardkeys, discards, linkdensity, parse  # noqa: E402
from pipelines.extract.page import decode, extract_page, main_document, warm_up  # noqa: E402

FETCHED_AT = "2026-01-15T12:00:00+00:00"


def tune_pages(directories: list[str], count: int) -> list[corpora.Page]:
    """The first ``count`` tune pages, taken in turn from each corpus."""
    listed = []
    for directory in directories:
        if corpora.find(directory, "evaldata.json"):
            found = corpora.trafilatura_pages(directory)
        else:
            found = corpora.wcxb_pages(directory)
        listed.append([page for page in found if page.part == "tune"])
    mixed = [page for group in zip(*listed, strict=False) for page in group]
    return mixed[:count]


def variants() -> list[tuple[dict[tuple[str, int], Any], Any]]:
    """(list entries, link-density function) of the code before (0) and this code (1)."""
    before, after = {}, {}
    for name, (index, *_) in discardkeys.WRITTEN_FOR.items():
        keyed = getattr(xpaths, name)[index]
        if not isinstance(keyed, discardkeys.Keyed):
            raise SystemExit(f"{name}[{index}] is not installed: another trafilatura?")
        superset = dict((i, s) for i, s, _ in discards.SUPERSETS[name])[index]
        digest = discards.fingerprint(keyed.original)
        before[(name, index)] = discards.Within(keyed.original, superset, digest)
        after[(name, index)] = keyed
    return [(before, linkdensity.LIBRARY), (after, linkdensity.delete_by_link_density)]


def use(variant: tuple[dict[tuple[str, int], Any], Any]) -> None:
    entries, prune = variant
    for (name, index), expression in entries.items():
        getattr(xpaths, name)[index] = expression
    main_extractor.delete_by_link_density = prune


def alternated(runs: list[Any], rounds: int, label: str, same: Any = None) -> None:
    """Each run under both variants, alternating which goes first; prints the ratio."""
    both = variants()
    spent, differ = [0.0, 0.0], 0
    for round_ in range(rounds):
        for n, run in enumerate(runs):
            found: dict[int, Any] = {}
            for which in (0, 1) if (n + round_) % 2 == 0 else (1, 0):
                use(both[which])
                start = time.process_time()
                found[which] = run()
                spent[which] += time.process_time() - start
            differ += bool(same) and same(found[0]) != same(found[1])
        done = (round_ + 1) * len(runs)
        print(
            f"{label}, round {round_ + 1}: before {1000 * spent[0] / done:.2f}, after "
            f"{1000 * spent[1] / done:.2f} ms a page ({spent[1] / spent[0]:.3f})"
            + (f", {differ} results differ" if same else ""),
            flush=True,
        )
    use(both[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = tune_pages(args.corpus, args.pages)
    warm_up()
    payloads = [
        {"body": page.body(), "url": page.url, "fetched_at": FETCHED_AT, "links": True}
        for page in pages
    ]
    for payload in payloads[:5]:  # caches and lazy imports, before timing
        extract_page(payload)
    trees = [(parse.page_tree(decode(p["body"])), p["url"]) for p in payloads]
    stage = [lambda t=t, u=u: main_document(t, u)[0].text for t, u in trees if t is not None]
    alternated(stage, args.rounds, "trafilatura's text stage")
    pages_run = [lambda p=p: extract_page(p) for p in payloads]
    without_cpu = lambda found: {k: v for k, v in found.items() if k != "_cpu"}  # noqa: E731
    alternated(pages_run, args.rounds, "extraction", without_cpu)


if __name__ == "__main__":
    main()
