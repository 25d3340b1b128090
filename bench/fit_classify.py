"""Refit the page classifier's weights (``pipelines.extract.classify``) on ``tune``.

``.venv/bin/python bench/fit_classify.py FEATURES [--l2 X] [--wcxb DIR] [--trafilatura DIR]
[--misses]``, where FEATURES is the file
``bench/classify.py --part tune --features FEATURES`` wrote (it may hold held pages
too: only ``tune`` pages are read, held ones never; with ``--wcxb`` their
``page_features`` are measured again from the pages, for features added since, and
with ``--trafilatura`` those of the trafilatura set's ``tune`` pages). Each WCXB
page of the ``tune``
part is a positive when WCXB says article and a negative when it says product, forum,
collection or listing; its signals are ``classify.signal_values`` of the recorded
features, standardised (mean and spread over those pages). A logistic model with an
L2 penalty is fitted by Newton's method. First, for each penalty of ``--l2`` and for
the current ``THRESHOLD`` and a few around it, what the whole decision
(``classify.classify`` with the weights, and the workers' minimum of words) gives out
of folds: every page is decided by a model fitted without its site (folds group pages
by host, as a site's pages share templates), averaged over ``--seeds`` cuttings of the
sites. Choose the penalty, the threshold and the signals by these figures, never by the
in-sample ones (refits chosen in sample gained on ``tune`` and lost on ``held``);
``--misses`` lists the pages decided wrongly out of folds at ``THRESHOLD``. Then it
fits on all ``tune`` pages with the first penalty and prints ``BIAS`` and ``WEIGHTS`` in
the source's format and the in-sample figures: article recall and the share of the
others kept out, and per threshold the share of the trafilatura set's ``tune`` pages
(all articles, never fitted on: a second, independent check of recall) the refit model
archives. Settings read: none.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawler.settings import EXTRACT_MIN_WORDS  # noqa: E402
from pipelines.extract import classify  # noqa: E402

NEGATIVE_TYPES = {"product", "forum", "collection", "listing"}
THRESHOLDS = (-3.0, -2.75, -2.5, -2.25, -2.0, -1.5)
HINTS = {"via": "link"}


def load(path: Path, corpus: str = "wcxb") -> list[dict]:
    """The ``tune`` pages of ``corpus`` the classifier saw: of WCXB, its articles and the
    pages to keep out; of the trafilatura set, all (articles)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        r
        for r in rows
        if r["corpus"] == corpus
        and r["part"] == "tune"
        and "features" in r
        and (r["page_type"] == "article" or r["page_type"] in NEGATIVE_TYPES)
    ]


def remeasure(rows: list[dict], directory: str) -> None:
    """Measure ``page_features`` again on the pages (the features changed since the file
    was written; the main text's words did not)."""
    from corpora import trafilatura_pages, wcxb_pages
    from trafilatura.utils import load_html

    from pipelines.extract import htmlmeta
    from pipelines.extract import page as extract

    read = wcxb_pages if rows and rows[0]["corpus"] == "wcxb" else trafilatura_pages
    pages = {p.key: p for p in read(directory)}
    for row in rows:
        page = pages[row["key"]]
        tree = load_html(extract.decode(page.body(), None, "text/html"))
        meta = htmlmeta.page_metadata(tree, row["url"])
        row["features"] = classify.page_features(tree, meta, row["url"]).as_dict()


def features_of(row: dict) -> classify.Features:
    """The recorded features (a file may hold fields since dropped, or lack new ones)."""
    known = {f.name for f in dataclasses.fields(classify.Features)}
    return classify.Features(**{k: v for k, v in row["features"].items() if k in known})


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    """Intercept and weights of the L2-penalised logistic regression (Newton steps)."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-a @ w))
        gradient = a.T @ (p - y) + penalty * w
        hessian = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def decide(row: dict, threshold: float) -> bool:
    """Archived as an article, as the workers decide (classify, then the word minimum)."""
    saved = classify.THRESHOLD
    classify.THRESHOLD = threshold
    try:
        kind, _, _ = classify.classify(features_of(row), row["words"], row["url"], HINTS)
    finally:
        classify.THRESHOLD = saved
    return kind == "article" and row["words"] >= EXTRACT_MIN_WORDS


def signals(row: dict) -> list[float]:
    return [v for _, v in classify.signal_values(features_of(row), row["words"], row["url"])]


def install(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    """Fit on standardised ``x`` and put the model in ``classify`` (BIAS, WEIGHTS)."""
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    bias, weights = fit((x - mean) / spread, y, l2)
    classify.BIAS = bias
    classify.WEIGHTS = tuple(
        (name, float(w), float(m), float(s))
        for (name, *_), w, m, s in zip(classify.WEIGHTS, weights, mean, spread, strict=True)
    )
    return bias, weights


def site_of(url: str) -> str:
    """The site a page belongs to (its host without ``www.``): the unit of a fold."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def fold_of(row: dict, folds: int, seed: int = 0) -> int:
    """The fold of a page: every page of one site in the same fold, so that a model is
    never judged on a site it has seen (a site's pages share templates)."""
    return hashlib.sha256(f"fold:{seed}:{site_of(row['url'])}".encode()).digest()[0] % folds


def out_of_fold(
    x: np.ndarray, y: np.ndarray, rows: list[dict], l2: float, folds: int, seeds: int
) -> tuple[dict[float, tuple[float, float]], dict[int, int]]:
    """Per threshold, (recall, kept out) of decisions each made by a model fitted without
    the page's site, averaged over ``seeds`` ways of cutting the sites into folds; and
    the pages decided wrongly at the current ``THRESHOLD`` (row: in how many cuttings)."""
    thresholds = sorted({classify.THRESHOLD, *THRESHOLDS})
    found = {t: np.zeros(2) for t in thresholds}
    wrong: dict[int, int] = {}
    for seed in range(seeds):
        fold = np.array([fold_of(r, folds, seed) for r in rows])
        decided = {t: [False] * len(rows) for t in thresholds}
        for k in range(folds):
            install(x[fold != k], y[fold != k], l2)
            for i in np.flatnonzero(fold == k):
                for threshold in thresholds:
                    decided[threshold][i] = decide(rows[i], threshold)
        for threshold in thresholds:
            found[threshold] += shares(rows, decided[threshold])
        for i, archived in enumerate(decided[classify.THRESHOLD]):
            if archived != bool(y[i]):
                wrong[i] = wrong.get(i, 0) + 1
    return {t: (v[0] / seeds, v[1] / seeds) for t, v in found.items()}, wrong


def show(row: dict, threshold: float) -> str:
    """One page decided wrongly, with the evidence of the current model."""
    saved = classify.THRESHOLD
    classify.THRESHOLD = threshold
    try:
        kind, reason, evidence = classify.classify(
            features_of(row), row["words"], row["url"], HINTS
        )
    finally:
        classify.THRESHOLD = saved
    return (
        f"{row['page_type']} {row['words']} words {row['url'][:100]}\n    {kind} {evidence[:300]}"
    )


def shares(rows: list[dict], archived: list[bool]) -> tuple[float, float]:
    """(article recall, share of the others kept out) of these decisions."""
    articles = [a for r, a in zip(rows, archived, strict=True) if r["page_type"] == "article"]
    others = [a for r, a in zip(rows, archived, strict=True) if r["page_type"] != "article"]
    return sum(articles) / len(articles), 1 - sum(others) / len(others)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/fit_classify.py")
    parser.add_argument("features", type=Path)
    parser.add_argument(
        "--l2", type=float, nargs="+", default=[1.0], help="penalties to compare out of folds"
    )
    parser.add_argument("--wcxb", help="measure the pages' features again from this corpus")
    parser.add_argument("--trafilatura", help="the same for the trafilatura set")
    parser.add_argument("--folds", type=int, default=5, help="out-of-fold check (0: none)")
    parser.add_argument("--seeds", type=int, default=3, help="ways to cut the sites into folds")
    parser.add_argument("--misses", action="store_true", help="list the tune pages missed")
    args = parser.parse_args(argv)
    rows, traf = load(args.features), load(args.features, "trafilatura")
    if args.wcxb:
        remeasure(rows, args.wcxb)
    if args.trafilatura:
        remeasure(traf, args.trafilatura)
    x = np.array([signals(r) for r in rows], dtype=float)
    y = np.array([r["page_type"] == "article" for r in rows], dtype=float)
    sites = len({site_of(r["url"]) for r in rows})
    print(
        f"{len(rows)} tune pages from {sites} sites: {int(y.sum())} articles, "
        f"{int(len(y) - y.sum())} others"
    )
    if args.folds > 1:  # each page decided by a model fitted without its site
        for l2 in args.l2:
            figures, wrong = out_of_fold(x, y, rows, l2, args.folds, args.seeds)
            for threshold, (recall, out) in figures.items():
                print(
                    f"L2 {l2:g}, THRESHOLD {threshold:+.2f}, out of {args.folds} site folds: "
                    f"recall {recall:.1%}, kept out {out:.1%}"
                )
            if args.misses:
                install(x, y, l2)
                for i, times in sorted(wrong.items(), key=lambda item: -item[1]):
                    print(
                        f"  out of fold wrong {times}/{args.seeds}:",
                        show(rows[i], classify.THRESHOLD),
                    )
    bias, weights = install(x, y, args.l2[0])
    print(f"fitted on all tune pages with L2 {args.l2[0]:g}:")
    print(f"BIAS = {bias:.3f}")
    print("WEIGHTS: tuple[tuple[str, float, float, float], ...] = (")
    for name, w, m, s in classify.WEIGHTS:
        print(f'    ("{name}", {w:+.3f}, {m:.3f}, {s:.3f}),')
    print(")")
    for threshold in sorted({classify.THRESHOLD, *THRESHOLDS}):
        recall, out = shares(rows, [decide(r, threshold) for r in rows])
        print(f"THRESHOLD {threshold:+.2f}, in sample: recall {recall:.1%}, kept out {out:.1%}")
    if traf:  # articles the fit never saw: an independent check of recall
        for threshold in sorted({classify.THRESHOLD, *THRESHOLDS}):
            archived = [decide(r, threshold) for r in traf]
            print(
                f"THRESHOLD {threshold:+.2f}, trafilatura set's {len(traf)} tune pages "
                f"(articles, not fitted on): {sum(archived) / len(traf):.1%} archived"
            )
        for r in traf if args.misses else []:
            if not decide(r, classify.THRESHOLD):
                print(f"  missed: {show(r, classify.THRESHOLD)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
