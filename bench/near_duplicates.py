"""Near-duplicate precision and recall by threshold, on synthetic wire copies with known edits.

``python bench/near_duplicates.py [--stories 150]`` builds ``--stories`` base
stories (``sites.demo.synthetic``) and, for each, copies with 2 % to 60 % of
their words substituted, deleted or inserted. A (base, copy) pair is a near
duplicate when the copy's edit rate is at most 20 % (a republished wire story)
and not one at 30 % or more (a rewrite); any two items from different stories
are not. For each threshold it prints the pairwise precision, recall and F1 of
``pipelines.archive.dedupe.similar_pairs``, then the recall per edit rate at the
project's ``THRESHOLD``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]  # tests/sites

from pipelines.archive.dedupe import THRESHOLD, similar_pairs  # noqa: E402
from pipelines.extract.minhash import signature  # noqa: E402

from sites.demo.synthetic import edit, story  # noqa: E402

RATES = (0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.60)
DUPLICATE_UP_TO = 0.20
TEXTS: dict[str, str] = {}  # item key -> text


def corpus(stories: int, seed: int = 6) -> dict[str, tuple[int, float]]:
    """Item key -> (story number, edit rate); the texts go to ``TEXTS``."""
    rng = random.Random(seed)
    items: dict[str, tuple[int, float]] = {}
    for number in range(stories):
        _, text = story(rng)
        TEXTS[f"{number:04d}-base"] = text
        items[f"{number:04d}-base"] = (number, 0.0)
        for rate in RATES:
            key = f"{number:04d}-{rate:.2f}"
            TEXTS[key] = edit(text, rate, rng)
            items[key] = (number, rate)
    return items


def label(a: tuple[int, float], b: tuple[int, float]) -> bool | None:
    """True: near duplicates; False: not; None: two copies of one story (not scored)."""
    if a[0] != b[0]:
        return False
    if min(a[1], b[1]) > 0:
        return None
    rate = max(a[1], b[1])
    return rate <= DUPLICATE_UP_TO


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=150)
    args = parser.parse_args()
    items = corpus(args.stories)
    started = time.monotonic()
    signed = [(key, "en", signature(TEXTS[key]).hashvalues) for key in items]
    elapsed = time.monotonic() - started
    positives = sum(1 for key, (_, rate) in items.items() if 0 < rate <= DUPLICATE_UP_TO)
    print(
        f"{len(items)} texts ({args.stories} stories x {len(RATES)} edits + bases), "
        f"{positives} duplicate pairs; MinHash signing {len(items) / elapsed:.0f} texts/s"
    )
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'f1':>6} {'found':>6}")
    per_rate: dict[float, int] = {}
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8):
        pairs = similar_pairs(signed, threshold)
        scored = [label(items[a], items[b]) for a, b in pairs]
        tp = scored.count(True)
        fp = scored.count(False)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / positives
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        mark = "  <- THRESHOLD" if abs(threshold - THRESHOLD) < 1e-9 else ""
        print(f"{threshold:>9.2f} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {tp + fp:>6}{mark}")
        if abs(threshold - THRESHOLD) < 1e-9:
            for a, b in pairs:
                if label(items[a], items[b]):
                    rate = max(items[a][1], items[b][1])
                    per_rate[rate] = per_rate.get(rate, 0) + 1
    print(f"recall by edit rate at threshold {THRESHOLD}:")
    for rate in RATES:
        if rate <= DUPLICATE_UP_TO:
            print(f"  {rate:>5.0%} edited: {per_rate.get(rate, 0) / args.stories:.3f}")


if __name__ == "__main__":
    main()
