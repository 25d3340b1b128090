"""The writer's cost of the site-level steps: ``write_batch`` with and without them, side by side.

    .venv/bin/python bench/site_learners.py [--articles 3000] [--sources 20] [--rounds 3]
        [--corpus /tmp/corpus/tests] [--wcxb /tmp/wcxb/dev]

Fixture articles made here (about 400 words of generated text in 8 paragraphs, every
paragraph unique, so no step skips work; titles carrying their site's name, after the
headline on odd articles and before it on even ones, as ``tests/sites/demo/titled_site.py``
has them) go through ``pipelines.archive.batch.write_batch`` in batches of 200, each
configuration into a fresh archive: no site-level step, boilerplate only (the step before
titles were learned), titles and boilerplate (``SiteLearners``, the default now), titles
only. The configurations run in turn, ``--rounds`` times; printed: per configuration the
median CPU milliseconds per article written (the process's CPU time: the writer is one
thread, SQLite's work included; wall time on a shared machine says more about the other
processes) and its ratio to boilerplate only, and how many
titles were stripped (every one of the fixture's: the first ``TITLES_MIN_ARTICLES`` - 1 of
each source when the name is learned, the others as they are written).

With ``--corpus``/``--wcxb``: the real-page corpora's article pages per site (host),
and how many sites have ``TITLES_MIN_ARTICLES`` pages or more: the step learns nothing
where a site has fewer. Figures, not a timed test. Settings read: none.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.archive.batch import write_batch  # noqa: E402
from pipelines.archive.boilerplate import BoilerplateLearner  # noqa: E402
from pipelines.archive.learners import SiteLearners  # noqa: E402
from pipelines.archive.schema import open_archive  # noqa: E402
from pipelines.archive.titles import MIN_ARTICLES, TitleLearner  # noqa: E402
from pipelines.extract.text import content_hash, word_count  # noqa: E402
from pipelines.items import ArticleItem, PageItem  # noqa: E402

BATCH = 200
WORDS = [
    "harbour", "council", "ferry", "valley", "river", "orchard", "library", "clinic",
    "railway", "bridge", "tide", "storm", "market", "school", "budget", "petition",
    "repairs", "engineers", "residents", "district", "quay", "lantern", "cannery", "fog",
    "barrier", "timetable", "auction", "berth", "pilot", "dredging", "levy", "route", "vote",
]  # fmt: skip
NOW = "2026-12-06T12:00:00+00:00"


def articles(count: int, sources: int) -> list[tuple[str, dict]]:
    """(source, article) pairs: generated text, the site's name in the title."""
    rng = random.Random(7)
    out = []
    for n in range(count):
        source = f"site{n % sources}"
        name = f"The {source.capitalize()} Valley Evening Ledger"
        headline = " ".join(rng.choices(WORDS, k=8)).capitalize() + f" ({n})"
        title = f"{headline} | {name}" if n % 2 else f"{name} - {headline}"
        paragraphs = [
            " ".join(rng.choices(WORDS, k=50)) + f" (paragraph {p} of {n})." for p in range(8)
        ]
        text = "\n".join(paragraphs)
        url = f"https://{source}.example/story/{n}"
        out.append(
            (
                source,
                {
                    "id": f"{n:016x}",
                    "url": url,
                    "canonical_url": url,
                    "title": title,
                    "text": text,
                    "word_count": word_count(text),
                    "content_hash": content_hash(title, text),
                    "language": "en",
                },
            )
        )
    return out


def item(source: str, article: dict) -> ArticleItem:
    page = PageItem(
        url=article["url"], requested_url=article["url"], source=source, status=200,
        headers={}, body=b"", encoding="utf-8", fetched_at=NOW, via="sitemap",
    )  # fmt: skip
    return ArticleItem(article=dict(article), page=page)


CONFIGS = {
    "no site-level step": lambda: None,
    "boilerplate only": lambda: SiteLearners([BoilerplateLearner()]),
    "titles + boilerplate": lambda: SiteLearners([TitleLearner(), BoilerplateLearner()]),
    "titles only": lambda: SiteLearners([TitleLearner()]),
}


def run(config: str, pairs: list[tuple[str, dict]], directory: Path) -> tuple[float, int]:
    """CPU seconds to write every article through ``write_batch``; titles stripped."""
    db = open_archive(directory / "news.db")
    learner = CONFIGS[config]()
    items = [item(source, article) for source, article in pairs]
    started = time.process_time()  # the writer's CPU: one thread, SQLite's work included
    for start in range(0, len(items), BATCH):
        write_batch(db, items[start : start + BATCH], 1, False, learner)
    elapsed = time.process_time() - started
    stripped = db.execute("SELECT count(*) FROM articles WHERE raw_title IS NOT NULL").fetchone()
    db.close()
    return elapsed, stripped[0]


def real_sites(corpus: str | None, wcxb: str | None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpora

    sets = []
    if corpus:
        sets.append(("trafilatura eval set", corpora.trafilatura_pages(corpus)))
    if wcxb:
        sets.append(("WCXB dev", corpora.wcxb_pages(wcxb)))
    print("Real pages (article pages per site; the step needs TITLES_MIN_ARTICLES per site)")
    for name, pages in sets:
        hosts = Counter(
            (urlsplit(p.url).hostname or "").removeprefix("www.")
            for p in pages
            if p.page_type == "article" and urlsplit(p.url).hostname != "web.archive.org"
        )
        hosts.pop("", None)  # pages without a URL: no site
        enough = sum(1 for n in hosts.values() if n >= MIN_ARTICLES)
        print(
            f"  {name}: {sum(hosts.values())} pages, {len(hosts)} sites, at most "
            f"{max(hosts.values())} pages a site, {enough} sites with >= {MIN_ARTICLES}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", help="the trafilatura evaluation set")
    parser.add_argument("--wcxb", help="WCXB's dev split")
    args = parser.parse_args()
    pairs = articles(args.articles, args.sources)
    times: dict[str, list[float]] = {config: [] for config in CONFIGS}
    stripped: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for number, config in enumerate(CONFIGS):
                directory = Path(tmp) / f"{round_}-{number}"
                directory.mkdir()
                elapsed, stripped[config] = run(config, pairs, directory)
                times[config].append(elapsed)
    print(
        f"Fixture articles: {args.articles} in {args.sources} sources, batches of {BATCH}, "
        f"median of {args.rounds} rounds"
    )
    base = statistics.median(times["boilerplate only"])
    for config, values in times.items():
        median = statistics.median(values)
        print(
            f"  {config:<22} {1000 * median / args.articles:6.3f} CPU ms/article  "
            f"x{median / base:.2f} of boilerplate only  titles stripped: {stripped[config]}"
        )
    if args.corpus or args.wcxb:
        real_sites(args.corpus, args.wcxb)


if __name__ == "__main__":
    main()
