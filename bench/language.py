"""Compare language detectors: py3langid (what we ship) and lingua, side by side.

    .venv/bin/pip install -e '.[bench]'      # lingua-language-detector
    .venv/bin/python bench/language.py [--corpus /tmp/trafilatura-eval] [--limit N]

Three sets of texts, each detector on the same ones in the same run:

- demo: the 48 article pages of the embedded demo site, extracted by
  ``pipelines.extract``; the true language is the site's manifest;
- corpus: the pages of the trafilatura evaluation corpus (untar
  ``/work/shared/corpus/trafilatura-eval.tar.xz``) whose ``<html lang>`` or other
  declaration gives a language, extracted the same way. They carry no language
  label, so the true language is the majority of three votes (declaration,
  py3langid, lingua); pages where all three differ are counted apart;
- short: the first 20, 50 and 100 characters of every demo paragraph.

Prints per set: declared-vs-detected agreement, accuracy against the true
language, and detection time per text (median and total; the model load is
timed apart). Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/sites

from pipelines.extract import language  # noqa: E402
from pipelines.extract.page import extract, extract_page  # noqa: E402

from sites.demo.site import build_site, expected_articles  # noqa: E402

BASE = "http://127.0.0.1:8000"


def py3langid_detector():
    start = time.perf_counter()
    language.identifier()
    loaded = time.perf_counter() - start

    def detect(text: str) -> str | None:
        return language.detect(text)[0]

    return detect, loaded


def lingua_detector(low_accuracy: bool = False):
    from lingua import LanguageDetectorBuilder

    start = time.perf_counter()
    builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    loaded = time.perf_counter() - start

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text[: language.SAMPLE_CHARS])
        return found.iso_code_639_1.name.lower() if found else None

    return detect, loaded


def demo_texts() -> list[dict]:
    routes = build_site(BASE)
    texts = []
    for want in expected_articles(BASE):
        page = routes[want["url"].removeprefix(BASE)]
        article = extract(page.body, want["url"])
        texts.append(
            {"text": article["text"], "declared": article["declared_language"],
             "truth": want["language"]}
        )  # fmt: skip
    return texts


def corpus_texts(root: Path, limit: int | None) -> list[dict]:
    pages = sorted((root / "tests" / "eval").glob("*.html"))[:limit]
    texts = []
    for path in pages:
        url = f"https://corpus.example/{path.name}"
        article = extract_page({"body": path.read_bytes(), "url": url, "min_words": 20})
        if article.get("skip_reason") or not article.get("declared_language"):
            continue
        texts.append({"text": article["text"], "declared": article["declared_language"]})
    return texts


def short_texts() -> list[dict]:
    texts = []
    for want in expected_articles(BASE):
        for paragraph in want["paragraphs"]:
            for size in (20, 50, 100):
                texts.append({"text": paragraph[:size], "truth": want["language"], "size": size})
    return texts


def run(detectors: dict, texts: list[dict]) -> dict[str, dict]:
    results = {}
    for name, (detect, _) in detectors.items():
        times, answers = [], []
        for item in texts:
            start = time.perf_counter()
            answers.append(detect(item["text"]))
            times.append(time.perf_counter() - start)
        results[name] = {"answers": answers, "times": times}
    return results


def table(title: str, detectors: dict, texts: list[dict], results: dict) -> None:
    print(f"\n{title}: {len(texts)} texts")
    columns = ("declared=detected", "accuracy", "median ms", "total s")
    print(f"  {'detector':<22} {columns[0]:>18} {columns[1]:>10} {columns[2]:>10} {columns[3]:>8}")
    for name in detectors:
        answers, times = results[name]["answers"], results[name]["times"]
        declared = [
            (a, t["declared"]) for a, t in zip(answers, texts, strict=True) if t.get("declared")
        ]
        agree = f"{sum(a == d for a, d in declared) / len(declared):.1%}" if declared else "-"
        truth = [(a, t["truth"]) for a, t in zip(answers, texts, strict=True) if t.get("truth")]
        accuracy = f"{sum(a == t for a, t in truth) / len(truth):.1%}" if truth else "-"
        median = statistics.median(times) * 1000
        print(f"  {name:<22} {agree:>18} {accuracy:>10} {median:>10.3f} {sum(times):>8.2f}")


def majority(texts: list[dict], results: dict, names: list[str]) -> int:
    """Set each corpus text's truth to the majority of declared + two detectors."""
    undecided = 0
    for i, text in enumerate(texts):
        votes = Counter([text["declared"], *(results[n]["answers"][i] for n in names)])
        code, count = votes.most_common(1)[0]
        if count >= 2 and code:
            text["truth"] = code
        else:
            undecided += 1
    return undecided


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/trafilatura-eval"))
    parser.add_argument("--limit", type=int, default=None, help="corpus pages to read")
    args = parser.parse_args()

    detectors = {"py3langid (shipped)": py3langid_detector()}
    try:
        detectors["lingua (high acc.)"] = lingua_detector()
        detectors["lingua (low acc.)"] = lingua_detector(low_accuracy=True)
    except ImportError:
        print("lingua is not installed (pip install -e '.[bench]'): py3langid only")
    for name, (_, loaded) in detectors.items():
        print(f"model load, {name}: {loaded:.2f} s")

    demo = demo_texts()
    table("demo site articles", detectors, demo, run(detectors, demo))

    if (args.corpus / "tests" / "eval").is_dir():
        corpus = corpus_texts(args.corpus, args.limit)
        results = run(detectors, corpus)
        undecided = majority(corpus, results, list(detectors)[:2])
        languages = Counter(t.get("truth") for t in corpus).most_common(8)
        print(f"\ncorpus languages (majority vote): {languages}; no majority: {undecided}")
        table("corpus pages that declare a language", detectors, corpus, results)
    else:
        print(f"\n(no corpus at {args.corpus}: untar trafilatura-eval.tar.xz there)")

    short = short_texts()
    results = run(detectors, short)
    for size in (20, 50, 100):
        chosen = [i for i, t in enumerate(short) if t["size"] == size]
        subset = [short[i] for i in chosen]
        sub = {n: {k: [v[i] for i in chosen] for k, v in r.items()} for n, r in results.items()}
        table(
            f"short texts, first {size} characters of each demo paragraph", detectors, subset, sub
        )


if __name__ == "__main__":
    main()
