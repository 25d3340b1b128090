"""The archive at scale: build rate, bytes per article, full-text and Datasette answer times.

    .venv/bin/python bench/archive_scale.py [--articles 1000000] [--dir DIR [--reuse]]

Builds a synthetic archive (``news.db`` in DIR, kept; default a temporary directory)
of N articles in six languages, of realistic lengths (6-30 paragraphs of the demo's
stories plus words from a Zipf-distributed vocabulary, so the full-text index has a
realistic vocabulary). The bulk path is the project's own schema and row shape
(``open_archive``, ``store.article_row``, FTS triggers on): worker processes make the
rows, two batches per worker at most in flight, and one writer inserts them with
``insert_all`` in transactions of 2,000 rows, the full-text index ``articles_search``
filled by its triggers (``search.normalise``, as on the crawl's path); the
per-item write path (``store.save_article``, as the crawl uses it) is timed on a
sample beside it. ``--reuse`` measures DIR/news.db again without building it (the
schema is applied first, so new indexes are created, and timed).

Then it prints the file size per article and the largest tables' share of it (dbstat);
for common and rare words, the answer times (p50/p95) of the canned ``search_all``
query exactly as
Datasette runs them (their SQL read from ``deploy/datasette/archive.yml``, the SQL
functions of its plugin), beside the same SQL ranking every match; and Datasette's
answer times over HTTP on 127.0.0.1, served by ``make serve`` itself (same
metadata, plugins, templates and settings), for its search page, a faceted table page,
the canned search pages and the reading room's search page (with its chart), attention
CSV, search feed, crawl health page and slim articles table. Figures, not a timed test;
check ``df -h`` first.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import multiprocessing
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/sites: the generated sites

from pipelines.archive import search, store  # noqa: E402
from pipelines.archive.schema import open_archive  # noqa: E402
from pipelines.extract.text import content_hash, word_count  # noqa: E402
from pipelines.urls import article_id  # noqa: E402

from sites.demo.stories import LANGUAGES, STORIES  # noqa: E402

BATCH = 2000
RARE_EVERY = 50_000  # token rareNNNNN appears in one article out of RARE_EVERY
COMMON = ["the", "dan", "petani", "le"]
SOURCES = ["kabar", "warta", "harian", "pos", "gazette", "courier"]
ARCHIVE = ROOT / "deploy" / "datasette" / "archive.yml"
SEARCHES = {"search_all": "articles_search"}  # canned query: index (``search``: its old name)


@functools.cache
def vocabulary(size: int = 60_000) -> tuple[list[str], list[float]]:
    rng = random.Random(1)
    letters = "abcdefghijklmnoprstuvwy"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(size)]
    weights = [1 / (rank + 1) for rank in range(size)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return words, cumulative


def articles(n: int, seed: int = 7, start: int = 0):
    """Articles ``start`` .. ``start + n - 1`` (a chunk has its own random stream)."""
    rng = random.Random(seed * 1_000_003 + start)
    words, cumulative = vocabulary()
    pools = {lang: [p for s in STORIES for p in s.versions[lang].paragraphs] for lang in LANGUAGES}
    titles = {lang: [s.versions[lang].title for s in STORIES] for lang in LANGUAGES}
    for i in range(start, start + n):
        lang = LANGUAGES[i % len(LANGUAGES)]
        paragraphs = rng.sample(pools[lang], rng.randint(6, min(30, len(pools[lang]))))
        noise = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(20, 120)))
        text = "\n".join([*paragraphs, f"{noise} rare{i % RARE_EVERY:05d}."])
        title = f"{rng.choice(titles[lang])} ({i})"
        url = f"https://{SOURCES[i % len(SOURCES)]}.example/{lang}/news/{i}"
        yield (
            {
                "id": article_id(url),
                "url": url,
                "canonical_url": url,
                "title": title,
                "authors": ["Rina Maharani"],
                "published_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00+07:00",
                "published_source": "json-ld",
                "site_name": SOURCES[i % len(SOURCES)],
                "language": lang,
                "declared_language": lang,
                "detected_language": lang,
                "language_confidence": 0.99,
                "language_mismatch": False,
                "text": text,
                "word_count": word_count(text),
                "content_hash": content_hash(title, text),
                "extraction_method": "trafilatura",
                "extractor_version": "trafilatura 2.x",
            },
            SOURCES[i % len(SOURCES)],
        )


def rows(span: tuple[int, int]) -> list[dict[str, Any]]:
    """Article rows ``start`` .. ``end - 1``."""
    start, end = span
    out = []
    for article, source in articles(end - start, start=start):
        row = store.article_row(article, source)
        row.update(first_seen="2026-01-01T00:00:00Z", last_fetched="2026-01-01T00:00:00Z")
        row.update(fetch_count=1, version=1)
        out.append(row)
    return out


def write(db: Any, batch: list[dict[str, Any]]) -> None:
    """One transaction: the rows, ``articles_search`` by its triggers (``search_normalise``)."""
    with db.atomic():
        db["articles"].insert_all(batch, batch_size=500)


def build(path: Path, n: int) -> float:
    """The bulk path: rows made in worker processes, written here in one transaction per
    batch, exactly as the crawl would store them (the index's triggers normalise here)."""
    db = open_archive(path)
    start = time.monotonic()
    workers = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        spans = [(k, min(n, k + BATCH)) for k in range(0, n, BATCH)]
        pending: collections.deque = collections.deque()
        for span in spans:  # at most two batches per worker in flight: memory stays flat
            pending.append(pool.apply_async(rows, (span,)))
            if len(pending) >= 2 * workers:
                write(db, pending.popleft().get())
        while pending:
            write(db, pending.popleft().get())
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return time.monotonic() - start


def per_item(path: Path, n: int) -> float:
    """The crawl's own write path (``store.save_article``) on a sample, in 200-item batches."""
    db = open_archive(path)
    start = time.monotonic()
    rows = list(articles(n, seed=99))
    for k in range(0, n, 200):
        with db.atomic():
            for article, source in rows[k : k + 200]:
                article["id"] = article_id(article["url"] + "#sample")
                store.save_article(db, article, source, "2026-01-02T00:00:00Z")
    elapsed = time.monotonic() - start
    db.close()
    return elapsed


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def canned_sql(name: str) -> str:
    """A canned query's SQL as Datasette serves it (``deploy/datasette/archive.yml``)."""
    return yaml.safe_load(ARCHIVE.read_text(encoding="utf-8"))["queries"][name]["sql"]


def query_times(
    path: Path, words: list[str], repeat: int = 20
) -> dict[tuple[str, str], tuple[int, float, float, float]]:
    """Per canned search query and word: matches, p50 and p95 as Datasette runs it (its
    SQL, the plugin's SQL functions), and p95 of the same SQL ranking every match."""
    conn = sqlite3.connect(path)
    search.register(conn)
    unbounded = sqlite3.connect(path)
    search.register(unbounded)
    unbounded.create_function("search_floor", 2, lambda index, q: 0, deterministic=True)
    out = {}
    for name, index in SEARCHES.items():
        sql = canned_sql(name)
        empty = dict.fromkeys(re.findall(r":(\w+)", sql), "")  # as Datasette fills them
        for word in words:
            match = search.fts_query(word)
            count_sql = f"SELECT count(*) FROM {index} WHERE {index} MATCH ?"
            count = conn.execute(count_sql, [match]).fetchone()[0]
            samples, full = [], []
            for run in range(repeat):
                start = time.perf_counter()
                conn.execute(sql, {**empty, "q": word}).fetchall()
                samples.append(time.perf_counter() - start)
                if run < 5:
                    start = time.perf_counter()
                    unbounded.execute(sql, {**empty, "q": word}).fetchall()
                    full.append(time.perf_counter() - start)
            out[name, word] = (count, *percentiles(samples), percentiles(full)[1])
    conn.close()
    unbounded.close()
    return out


def datasette_times(path: Path, pages: dict[str, str], repeat: int = 20) -> dict[str, tuple]:
    """p50/p95 of Datasette's pages over HTTP, served by ``make serve`` itself."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = ["make", "-s", "-C", str(ROOT), "serve", f"DB={path}", f"PORT={port}"]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        out = {}
        for name, target in pages.items():
            samples, status = [], 0
            for _ in range(repeat):
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + target, timeout=120) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:  # e.g. Datasette's time limit
                    status = error.code
                samples.append(time.perf_counter() - start)
            out[name] = (*percentiles(samples), status)
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5000, help="articles via save_article")
    parser.add_argument("--dir", help="keep the archive as DIR/news.db (default: a temporary one)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure DIR/news.db as it is (schema applied)"
    )
    args = parser.parse_args()
    if args.reuse and not args.dir:
        parser.error("--reuse needs --dir")
    with contextlib.ExitStack() as stack:
        if args.dir:
            directory = Path(args.dir)
            directory.mkdir(parents=True, exist_ok=True)
        else:
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        path = directory / "news.db"
        if args.reuse and path.exists():
            start = time.monotonic()
            db = open_archive(path)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            print(f"schema applied to the existing archive in {time.monotonic() - start:.1f} s")
            with sqlite3.connect(path) as conn:
                args.articles = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
        else:
            path.unlink(missing_ok=True)
            elapsed = build(path, args.articles)
            rate = args.articles / elapsed
            print(f"build (insert_all, full-text index):      {rate:8.0f} articles/s")
            (directory / "sample.db").unlink(missing_ok=True)
            sample = per_item(directory / "sample.db", args.sample)
            print(
                f"build (save_article, crawl write path):   {args.sample / sample:8.0f} articles/s"
            )
        size = path.stat().st_size
        print(f"archive: {args.articles} articles, {size / 2**20:.0f} MiB")
        print(f"bytes per article (file / articles):      {size / args.articles:8.0f}")
        with sqlite3.connect(path) as conn:
            tables = conn.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"
            ).fetchall()
        for table, pages_size in tables:
            print(f"  {table:40} {pages_size / args.articles:8.0f}")
        rare = [f"rare{k:05d}" for k in (7, 12345, 40000)]
        print(
            f"\n{'canned query (Datasette SQL), word':34} {'matches':>8} {'p50 ms':>8} "
            f"{'p95 ms':>8} {'p95 ms, all ranked':>19}"
        )
        for (name, word), (count, p50, p95, full) in query_times(path, COMMON + rare).items():
            kind = "rare" if word.startswith("rare") else "common"
            label = f"{name}: {kind} {word}"
            print(
                f"{label:34} {count:>8} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {full * 1000:>19.1f}"
            )
        pages = {
            "search page (?_search=petani)": "/news/articles?_search=petani",
            "search page (rare word)": "/news/articles?_search=rare12345",
            "table page faceted source+lang": "/news/articles?_facet=source&_facet=language",
            "canned search (q=petani)": "/news/search?q=petani",
            "canned search_all (q=petani)": "/news/search_all?q=petani",
            "reading room search (petani)": "/news/-/search?q=petani",
            "reading room search (rare word)": "/news/-/search?q=rare12345",
            "search chart by source (petani)": "/news/-/search?q=petani&by=source",
            "attention CSV (petani, by source)": "/news/attention.csv?q=petani&by=source",
            "search Atom feed (petani)": "/news/-/search.atom?q=petani",
            "crawl health page": "/news/-/health",
            "articles table (slim columns)": "/news/articles",
        }
        print(f"\n{'Datasette (HTTP, make serve)':34} {'status':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for name, (p50, p95, status) in datasette_times(path, pages).items():
            print(f"{name:34} {status:>8} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
