"""Extraction benchmark: plain trafilatura against the project's extraction, side by side.

Corpus score (``--corpus DIR``): pages annotated in the format of trafilatura's
evaluation set (``DIR/evaldata.json``: per URL, the page's ``file`` under
``DIR/eval/`` and the text segments that must appear, ``with``, and must not,
``without``). A ``with`` segment found is a true positive, missed a false
negative; a ``without`` segment found is a false positive. Both extractors run
on every page in the same process, one after the other, so the ms/page ratio
is fair on a noisy machine. "trafilatura" is ``trafilatura.extract(html,
url=url)`` with its defaults; "project" is the ``text`` the project archives
(``pipelines.extract.extract`` with fallbacks, before the site-level step), on
every page, including those it would skip as too short or as not an article.

Site score (always; ``--sites-only`` skips the corpus): the demo site and the
synthetic template-heavy site (``crawler.demo.template_site``) are served on
127.0.0.1, every article page is fetched and extracted, and the site-level
boilerplate learner (``pipelines.boilerplate``) runs over them in crawl order
in a scratch archive. Scored per paragraph instance: template paragraphs
removed, article paragraphs kept, for plain trafilatura, the project's
page-level text, and the project after the site-level step; ``--sweep`` prints
the same for several ``BOILERPLATE_MIN_ARTICLES`` values.

Usage: ``python bench/extraction.py --corpus /tmp/corpus/tests [--limit N] [--sweep]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.demo import site as demo_site  # noqa: E402
from crawler.demo import template_site  # noqa: E402
from crawler.demo.server import SiteServer  # noqa: E402
from pipelines import boilerplate  # noqa: E402
from pipelines.extract import extract, extract_page  # noqa: E402
from pipelines.schema import open_archive  # noqa: E402


def plain_text(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def project_text(html: str, url: str) -> str:
    article = extract_page({"body": html, "url": url, "min_words": 0, "articles_only": False})
    return article.get("text") or ""


def find_corpus(directory: Path) -> Path:
    for candidate in (directory, directory / "tests"):
        if (candidate / "evaldata.json").exists():
            return candidate
    raise SystemExit(f"error: no evaldata.json in {directory} or {directory / 'tests'}")


def score(counts: dict[str, int]) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def corpus_bench(directory: Path, limit: int | None) -> None:
    root = find_corpus(directory)
    evaldata = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    extractors: dict[str, Callable[[str, str], str]] = {
        "trafilatura": plain_text,
        "project": project_text,
    }
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "ms": 0.0} for name in extractors}
    pages = 0
    for url, entry in evaldata.items():
        path = root / "eval" / entry["file"]
        if not path.exists():
            continue
        if limit is not None and pages >= limit:
            break
        pages += 1
        html = trafilatura.utils.decode_file(path.read_bytes())
        for name, run in extractors.items():
            started = time.perf_counter()
            text = run(html, url)
            counts[name]["ms"] += (time.perf_counter() - started) * 1000
            for segment in entry.get("with", []):
                counts[name]["tp" if segment in text else "fn"] += 1
            for segment in entry.get("without", []):
                counts[name]["fp"] += segment in text
    print(f"Corpus: {root} ({pages} pages)")
    print(f"{'extractor':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'ms/page':>10}")
    for name, c in counts.items():
        precision, recall, f1 = score(c)
        print(f"{name:<14}{precision:>10.3f}{recall:>10.3f}{f1:>8.3f}{c['ms'] / pages:>10.1f}")
    ratio = counts["project"]["ms"] / max(counts["trafilatura"]["ms"], 1e-9)
    print(f"project time / trafilatura time: {ratio:.2f}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def site_pages(name: str) -> list[dict[str, Any]]:
    """Fetch every article of a fixture site; each with its template and real paragraphs."""
    factory = demo_site.build_site if name == "demo" else template_site.build_site
    with SiteServer(factory) as server:
        if name == "demo":
            wanted = demo_site.expected_articles(server.url)
            for want in wanted:
                want["template"] = demo_site.boilerplate(want["language"])
        else:
            wanted = template_site.expected_articles(server.url)
        for want in wanted:
            want["html"] = fetch(want["url"])
    return wanted


def paragraph_score(pages: list[dict[str, Any]], texts: list[str]) -> tuple[float, float, int]:
    """(template removed, real kept, template instances) over paragraph instances."""
    template_seen = template_removed = real = real_kept = 0
    for page, text in zip(pages, texts, strict=True):
        for paragraph in page["template"]:
            if paragraph in page["html_text"]:
                template_seen += 1
                template_removed += paragraph not in text
        for paragraph in page["paragraphs"]:
            real += 1
            real_kept += paragraph in text
    return template_removed / max(template_seen, 1), real_kept / max(real, 1), template_seen


def learn(pages: list[dict[str, Any]], articles: list[dict[str, Any]], min_articles: int) -> list:
    """Run the site-level step over the articles in order, in a scratch archive."""
    with tempfile.TemporaryDirectory() as tmp:
        db = open_archive(Path(tmp) / "bench.db")
        learner = boilerplate.BoilerplateLearner(min_articles)
        from pipelines import store

        for page, article in zip(pages, articles, strict=True):
            article = dict(article)
            with db.atomic():
                learner.apply(db, article, "site", page["fetched_at"])
                store.save_article(db, article, "site", page["fetched_at"])
                learner.finish(db)
        by_id = {row["id"]: row["text"] for row in db.query("select id, text from articles")}
        db.close()
    return [by_id[a["id"]] for a in articles]


def sites_bench(sweep: bool) -> None:
    print()
    print("Fixture sites: share of template paragraphs removed / article paragraphs kept")
    header = f"{'site':<10}{'extraction':<26}{'template removed':>18}{'article kept':>14}"
    print(header)
    sweep_rows = []
    for name in ("demo", "template"):
        pages = site_pages(name)
        for page in pages:
            page["html_text"] = page["html"].replace("&#x27;", "'")
            page["fetched_at"] = "2026-11-28T12:00:00+00:00"
        articles = [extract(p["html"], p["url"], fetched_at=p["fetched_at"]) for p in pages]
        missing = [a["url"] for a in articles if a.get("skip_reason")]
        if missing:
            raise SystemExit(f"error: fixture pages not extracted: {missing}")
        runs = {
            "plain trafilatura": [plain_text(p["html"], p["url"]) for p in pages],
            "project, page-level": [a["text"] for a in articles],
            f"project + site (k={boilerplate.MIN_ARTICLES})": learn(
                pages, articles, boilerplate.MIN_ARTICLES
            ),
        }
        for label, texts in runs.items():
            removed, kept, seen = paragraph_score(pages, texts)
            print(f"{name:<10}{label:<26}{removed:>17.2%} {kept:>13.2%}")
        if sweep:
            for k in (2, 3, 4, 5, 6, 8, 10, 15):
                removed, kept, _ = paragraph_score(pages, learn(pages, articles, k))
                sweep_rows.append((name, k, removed, kept))
        print(f"{'':<10}({len(pages)} articles, {seen} template paragraph instances on pages)")
    if sweep:
        print()
        print("Threshold sweep (BOILERPLATE_MIN_ARTICLES = k), project + site")
        print(f"{'site':<10}{'k':>4}{'template removed':>18}{'article kept':>14}")
        for name, k, removed, kept in sweep_rows:
            print(f"{name:<10}{k:>4}{removed:>17.2%} {kept:>13.2%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="directory with evaldata.json and eval/")
    parser.add_argument("--limit", type=int, help="score only the first N corpus pages")
    parser.add_argument("--sweep", action="store_true", help="sweep the boilerplate threshold")
    parser.add_argument("--sites-only", action="store_true", help="skip the corpus")
    args = parser.parse_args(argv)
    if not args.sites_only:
        if args.corpus is None:
            parser.error("--corpus is required (or --sites-only)")
        corpus_bench(args.corpus, args.limit)
    sites_bench(args.sweep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
