"""Extraction benchmark: plain trafilatura against the project's extraction, side by side.

Corpus score (``--corpus DIR``): pages annotated in the format of trafilatura's
evaluation set (``DIR/evaldata.json``: per URL, the page's ``file`` under
``DIR/eval/`` and the text segments that must appear, ``with``, and must not,
``without``). A ``with`` segment found is a true positive, missed a false
negative; a ``without`` segment found is a false positive. Both extractors run
on every page in the same process, one after the other, so the ms/page ratio
is fair on a noisy machine. "trafilatura" is ``trafilatura.extract(html,
url=url)`` with its defaults; "project" is the ``text`` the project archives
(``pipelines.extract.page.extract`` with fallbacks, before the site-level step), on
every page, including those it would skip as too short or as not an article.

Side by side (after the corpus score, and for ``--wcxb DIR``, WCXB's dev split, on its
article pages), per part (``tune``, on which rules were tuned, and ``held``, never tuned
on; ``bench/corpora.py``): the project, plain trafilatura's ``bare_extraction`` (with
metadata) and ``extract(include_comments=False)``, the second extractor alone
(readability, ``pipelines.extract.opinion.second_text``) and the judge alone (resiliparse):
on the trafilatura set segment precision, recall and F1; on WCXB word F1, precision and
recall (per page, averaged), title exact (whitespace and case folded, and typography:
NFKC, curly quotes as straight ones, since WCXB's truth mostly writes them straight), authors set F1
(names split on commas, "&" and "and", credentials left out, on both sides; the
project keeps agencies in ``credits``, not ``authors``: a credit the truth lists as an
author counts as found, one it does not list is no false positive), date to
the day and to the minute (only where the truth has a time: WCXB's has none), "pub|mod"
(the truth is the published or the modified date the project gives: WCXB's truth is
often the "updated" date a page shows); everywhere the language (against the tag
py3langid gives the truth's text; plain trafilatura gives no language, so py3langid
tags its text) and ms per page.

Site score (always; ``--sites-only`` skips the corpus): the demo site and the
synthetic template-heavy site (``sites.demo.template_site``) are served on
127.0.0.1, every article page is fetched and extracted, and the site-level
boilerplate learner (``pipelines.archive.boilerplate``) runs over them in crawl order
in a scratch archive. Scored per paragraph instance: template paragraphs
removed, article paragraphs kept, for plain trafilatura, the project's
page-level text, and the project after the site-level step; ``--sweep`` prints
the same for several ``BOILERPLATE_MIN_ARTICLES`` values.

``--metadata-only`` (with ``--wcxb`` and/or ``--corpus``: the trafilatura set's truth gives
most pages a title, author and date): only title, authors and dates, the project's
(``page.page_metadata``'s candidates through ``page_dates``, ``page_authors`` and
``page_title``, the calls ``extract`` makes, without reading the text) against plain
trafilatura's ``bare_extraction``; no site score. About a quarter of the full run's time.

Usage: ``python bench/extraction.py --corpus /tmp/corpus/tests [--wcxb /tmp/wcxb/dev]
[--limit N] [--sweep] [--metadata-only] [--losses N]``. ``--losses N`` lists, after
each corpus's table, the tune part's N worst pages where another extractor's text measures
better than the project's (word F1 on WCXB; segments found less unwanted ones on the
trafilatura set): the gap, the best extractor and plain ``extract``, for reading the pages.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.utils import load_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/sites
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

from pipelines.archive import boilerplate
from pipelines.archive.schema import open_archive  # noqa: E402
from pipelines.extract import htmlmeta, language, library, opinion  # noqa: E402
from pipelines.extract.page import (  # noqa: E402
    declared_language,
    decode,
    extract,
    extract_page,
    page_authors,
    page_dates,
    page_title,
)

from sites.demo import site as demo_site  # noqa: E402
from sites.demo import template_site  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402


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


def corpus_bench(directory: Path, limit: int | None, losses: int = 0) -> None:
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
    print()
    print("Side by side (segments as above; language: the tag py3langid gives the `with` text)")
    eval_pages = list(corpora.trafilatura_pages(root))
    side_by_side(eval_pages[:limit] if limit else eval_pages, "trafilatura eval set", losses=losses)


NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*", re.I)


def name_set(value: Any) -> set[str]:
    """Authors as a set for scoring, the same normalisation for truth and prediction.

    Split on commas, ";", "&" and "and"; lower-cased, punctuation dropped; pieces that
    are credentials rather than names (a single word of at most five letters written
    in capitals, "Ph.D.", anything with a digit) are left out on both sides."""
    raw = value if isinstance(value, list) else [value or ""]
    names = set()
    for item in raw:
        for piece in NAME_SPLIT.split(str(item)):
            piece = piece.strip(" .")
            if not piece or re.search(r"\d", piece) or piece.casefold() in {"ph.d", "phd"}:
                continue
            if " " not in piece and len(piece) <= 5 and piece.isupper():
                continue
            names.add(" ".join(re.sub(r"[^\w\s]", " ", piece.casefold()).split()))
    return names - {""}


def set_f1(got: set[str], want: set[str]) -> float:
    if not got and not want:
        return 1.0
    common = len(got & want)
    return 2 * common / (len(got) + len(want)) if common else 0.0


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold_title(value: str | None) -> str:
    """A title for comparison: NFKC ("…" is "...", "？" is "?"), curly quotes straight,
    whitespace and case folded. WCXB's titles mostly write straight quotes."""
    value = unicodedata.normalize("NFKC", value or "").translate(QUOTES)
    return " ".join(value.split()).casefold()


def same_title(got: str | None, want: str | None) -> bool:
    return fold_title(got) == fold_title(want)


def run_extractors(html: str, url: str) -> dict[str, dict[str, Any]]:
    """Each extractor on one page: text, metadata where it gives some, milliseconds."""
    found: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    try:
        article = extract(html, url, min_words=0, articles_only=False)
    except Exception as exc:  # noqa: BLE001 - a page that breaks the project is scored empty
        article = {"skip_reason": f"{type(exc).__name__}: {exc}"}
    found["project"] = {
        "text": article.get("text") or "",
        "title": article.get("title"),
        "authors": article.get("authors") or [],
        "credits": article.get("credits") or [],
        "date": article.get("published_at"),
        "modified": article.get("modified_at"),
        "language": article.get("language"),
    }
    found["project"]["ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    ms = (time.perf_counter() - started) * 1000
    text = (document.text if document else "") or ""
    found["bare_extraction"] = {
        "text": text,
        "title": document.title if document else None,
        "authors": (document.author or "").split(";") if document else [],
        "date": document.date if document else None,
        "language": (document.language if document else None) or language.detect(text)[0],
        "ms": ms,
    }
    started = time.perf_counter()
    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    found["extract"] = {"text": text, "ms": (time.perf_counter() - started) * 1000}
    found["extract"]["language"] = language.detect(text)[0]
    started = time.perf_counter()
    tree = load_html(html)
    text = opinion.second_text(tree) if tree is not None else ""
    found["second"] = {"text": text, "ms": (time.perf_counter() - started) * 1000}
    found["second"]["language"] = language.detect(text)[0]
    started = time.perf_counter()
    text = opinion.judge_text(html)
    found["judge"] = {"text": text, "ms": (time.perf_counter() - started) * 1000}
    found["judge"]["language"] = language.detect(text)[0]
    return found


def run_metadata(html: str, url: str) -> dict[str, dict[str, Any]]:
    """Title, authors and dates only: the project's own functions for them (the same
    ``extract`` calls, without reading the text) and plain trafilatura's metadata."""
    found: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    tree = load_html(html)
    if tree is None:
        found["project"] = {"text": None, "ms": 0.0}
    else:
        meta = htmlmeta.page_metadata(tree, url)
        library_meta = library.LibraryMetadata(tree, url)
        declared = declared_language(meta, {}, {})
        dates = page_dates(tree, meta, {}, url, datetime.now(UTC), declared)
        authors, credits = page_authors(meta, library_meta)
        found["project"] = {
            "text": None,
            "title": page_title(meta, library_meta, {}, url),
            "authors": authors,
            "credits": credits,
            "date": dates["published_at"],
            "modified": dates["modified_at"],
        }
    found["project"]["ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    found["bare_extraction"] = {
        "text": None,
        "title": document.title if document else None,
        "authors": (document.author or "").split(";") if document else [],
        "date": document.date if document else None,
        "ms": (time.perf_counter() - started) * 1000,
    }
    return found


def page_scores(page: corpora.Page, found: dict[str, Any]) -> dict[str, float | None]:
    """One extractor's measures on one page; ``None`` where there is no ground truth."""
    truth = page.truth
    text = found["text"]
    scores: dict[str, float | None] = {"ms": found["ms"]}
    if text is None:  # --metadata-only: no text read
        reference = None
    elif page.corpus == "trafilatura":
        scores["seg_tp"] = sum(s in text for s in truth["with"])
        scores["seg_fn"] = len(truth["with"]) - scores["seg_tp"]
        scores["seg_fp"] = sum(s in text for s in truth["without"])
        reference = " ".join(truth["with"])
    else:
        reference = truth.get("main_content") or ""
        scores["precision"], scores["recall"], scores["f1"] = corpora.word_prf(text, reference)
    # metadata, where the truth has it (WCXB; most pages of the trafilatura set)
    if "title" in found and truth.get("title"):
        scores["title"] = float(same_title(found["title"], truth["title"]))
    if "authors" in found and truth.get("author"):
        want_names = name_set(truth["author"])
        got_names = name_set(found["authors"]) | (name_set(found.get("credits")) & want_names)
        scores["authors"] = set_f1(got_names, want_names)
    want = truth.get("publish_date") or ""
    if "date" in found and want:
        got = found["date"] or ""
        scores["day"] = float(got[:10] == want[:10])
        if "modified" in found:  # the truth is often the "updated" date a page shows
            scores["pub|mod"] = float(want[:10] in (got[:10], (found["modified"] or "")[:10]))
        if len(want) > 10:
            scores["minute"] = float(got[:16] == want[:16])
    want_language = language.detect(reference)[0] if reference is not None else None
    if want_language:
        scores["language"] = float(found.get("language") == want_language)
    return scores


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def corpus_table(label: str, rows: dict[str, list[dict[str, float | None]]]) -> None:
    """One corpus part: one line per extractor."""
    segments = any("seg_tp" in s for scores in rows.values() for s in scores)
    columns = (
        ["seg P", "seg R", "seg F1"]
        if segments
        else ["word F1", "P", "R", "title", "authors", "day", "minute", "pub|mod"]
    ) + ["language", "ms/page"]
    pages = len(next(iter(rows.values())))
    print(f"{label} ({pages} pages)")
    print(f"{'extractor':<17}" + "".join(f"{c:>9}" for c in columns))
    for name, scores in rows.items():
        values: list[float | None] = []
        if segments:
            counts = {k: sum(s[f"seg_{k}"] or 0 for s in scores) for k in ("tp", "fp", "fn")}
            values += list(score(counts))
        else:
            for key in (
                "f1",
                "precision",
                "recall",
                "title",
                "authors",
                "day",
                "minute",
                "pub|mod",
            ):
                values.append(mean([s[key] for s in scores if s.get(key) is not None]))
        values.append(mean([s["language"] for s in scores if s.get("language") is not None]))
        values.append(mean([s["ms"] for s in scores]))
        cells = [
            f"{v:>9.1f}" if i == len(values) - 1 and v is not None
            else f"{v:>9.3f}" if v is not None else f"{'-':>9}"
            for i, v in enumerate(values)
        ]  # fmt: skip
        print(f"{name:<17}" + "".join(cells))
    print()


def side_by_side(
    pages: list[corpora.Page], title: str, metadata_only: bool = False, losses: int = 0
) -> None:
    """The project, plain trafilatura (two ways) and the second extractor, per part
    (with ``metadata_only``, the project's and trafilatura's title, authors and dates);
    with ``losses``, the tune part's worst pages for the project's text (``loss_rows``)."""
    by_part: dict[str, dict[str, list]] = {"tune": {}, "held": {}}
    run = run_metadata if metadata_only else run_extractors
    tuned: list[tuple[corpora.Page, dict[str, dict[str, float | None]]]] = []
    for page in pages:
        html = decode(page.body())
        scored = {name: page_scores(page, found) for name, found in run(html, page.url).items()}
        for name, scores in scored.items():
            by_part[page.part].setdefault(name, []).append(scores)
        if page.part == "tune":
            tuned.append((page, scored))
    for part in ("tune", "held"):
        if by_part[part]:
            corpus_table(f"{title}, part {part}", by_part[part])
    if losses and not metadata_only:
        loss_rows(tuned, title, losses)


def text_measure(scores: dict[str, float | None]) -> float:
    """One page's text measure: word F1 (WCXB), or segments found less segments that
    should not be there (the trafilatura set)."""
    if "seg_tp" in scores:
        return float((scores["seg_tp"] or 0) - (scores["seg_fp"] or 0))
    return scores.get("f1") or 0.0


def loss_rows(
    tuned: list[tuple[corpora.Page, dict[str, dict[str, float | None]]]], title: str, most: int
) -> None:
    """The tune part's pages where the project's text measures below another extractor's
    (the best of them, and plain ``extract``), worst first: where a rule could gain."""
    rows = []
    for page, scored in tuned:
        mine = text_measure(scored["project"])
        others = {n: text_measure(s) for n, s in scored.items() if n != "project"}
        best = max(others, key=others.__getitem__)
        if others[best] > mine:
            rows.append((others[best] - mine, page, mine, best, others[best], others["extract"]))
    rows.sort(key=lambda row: -row[0])
    print(f"{title}, part tune: {len(rows)} pages where another extractor does better")
    print(f"{'gap':>7} {'project':>8} {'best':>16} {'extract':>8}  page")
    for gap, page, mine, best, value, plain in rows[:most]:
        print(
            f"{gap:>7.3f} {mine:>8.3f} {best:>9} {value:.3f} {plain:>8.3f}  {page.key} {page.url}"
        )
    print()


def wcxb_bench(
    directory: Path, limit: int | None, metadata_only: bool = False, losses: int = 0
) -> None:
    pages = [p for p in corpora.wcxb_pages(directory) if p.page_type == "article"]
    print()
    print(f"WCXB: {directory} (article pages; title/authors/day over pages whose truth has one;")
    print("language: the tag py3langid gives the ground-truth text)")
    selected = pages[:limit] if limit else pages
    side_by_side(selected, "WCXB dev, article pages", metadata_only, losses)


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
        from pipelines.archive import store

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
    parser.add_argument("--wcxb", type=Path, help="WCXB dev split (html/, ground-truth/)")
    parser.add_argument("--limit", type=int, help="score only the first N corpus pages")
    parser.add_argument("--sweep", action="store_true", help="sweep the boilerplate threshold")
    parser.add_argument(
        "--losses",
        type=int,
        default=0,
        help="list the tune part's N worst pages where another extractor's text does better",
    )
    parser.add_argument("--sites-only", action="store_true", help="skip the corpus")
    parser.add_argument(
        "--metadata-only",
        action="store_true",
        help="only title, authors and dates, project against bare_extraction (no text)",
    )
    args = parser.parse_args(argv)
    if args.metadata_only:
        if args.wcxb is None and args.corpus is None:
            parser.error("--metadata-only needs --wcxb or --corpus")
        if args.corpus is not None:
            eval_pages = list(corpora.trafilatura_pages(find_corpus(args.corpus)))
            eval_pages = eval_pages[: args.limit] if args.limit else eval_pages
            print(f"Trafilatura eval set: {args.corpus} (title/authors/day over pages whose")
            print("truth has one)")
            side_by_side(eval_pages, "trafilatura eval set", metadata_only=True)
        if args.wcxb is not None:
            wcxb_bench(args.wcxb, args.limit, metadata_only=True)
        return 0
    if not args.sites_only:
        if args.corpus is None and args.wcxb is None:
            parser.error("--corpus or --wcxb is required (or --sites-only)")
        if args.corpus is not None:
            corpus_bench(args.corpus, args.limit, args.losses)
        if args.wcxb is not None:
            wcxb_bench(args.wcxb, args.limit, losses=args.losses)
    sites_bench(args.sweep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
