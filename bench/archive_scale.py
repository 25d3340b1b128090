"""The archive at scale: the crawl's close, its write rate, bytes per article, search pages.

    .venv/bin/python bench/archive_scale.py [--articles 1000000] [--new 1000] [--dir DIR]

Makes a synthetic archive of N articles in six languages, of realistic lengths (6-30
paragraphs of the demo's stories plus words from a Zipf-distributed vocabulary, so the
full-text index has a realistic vocabulary), each with a MinHash signature banded in
``lsh_bands``, as a crawled archive has them. Making it is not what is measured, so it
is fast and kept (``--cache``, default ``/tmp/archive-scale-cache``, one file per size,
reused by later runs): rows made in worker processes, written by one writer in a few
large transactions with the articles' indexes and the index triggers off, their
searchable form (``search.normalise``, computed once per paragraph of the pool and
checked against the whole text on a sample) put in ``articles_search`` directly, the
signatures random and their band keys (``dedupe.band_matrix``, what the close computes)
inserted in key order; then ``open_archive`` creates the indexes and triggers and
``maintain`` (FTS optimize, ANALYZE, checkpoint) leaves it as the daily run would.

The measures work on a copy of it (``DIR/N/news.db``), through the real code paths:

- opening it with this code (``open_archive``: migrations and new indexes), timed;
- the crawl's write path: ``--new`` articles (a tenth of them wire copies, signed as
  the extraction worker signs them) through ``write_batch`` in batches of 200, as the
  archive pipeline writes them: articles per second at this archive size;
- the crawl's close after that run (``dedupe.cluster``, what the close runs), in a
  process of its own: seconds and peak RSS (``bench/dedupe_close.py``'s child);
- bytes per article (the file over the articles, every index included) and the
  largest tables' share (dbstat);
- the canned ``search_all`` query as Datasette runs it (its SQL from
  ``deploy/datasette/archive.yml``, the plugin's SQL functions) for common and rare words;
- Datasette's pages over HTTP on 127.0.0.1, served by ``make serve`` itself: the
  reading room's search page, its chart, CSV and feed, the faceted articles listing, the
  table search box, the canned searches, the health page (p50/p95 of ``--repeat`` loads).

``--sizes 100000,1000000`` measures each size in turn and adds the ratios of the close
and a projection to 10 million articles. Figures, not a timed test; check ``df -h``
first (a million articles take about 12 GB, twice while measured).
"""

from __future__ import annotations

import argparse
import collections
import functools
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from dedupe_close import add, measure  # noqa: E402

from pipelines.archive import dedupe, maintain, search, store  # noqa: E402
from pipelines.archive.schema import open_archive  # noqa: E402
from pipelines.extract.minhash import NUM_PERM  # noqa: E402
from pipelines.extract.text import content_hash, word_count  # noqa: E402
from pipelines.urls import article_id  # noqa: E402

from sites.demo.stories import LANGUAGES, STORIES  # noqa: E402

GENERATOR = 2  # bump when what ``build`` makes changes: cached archives are made again
CHUNK = 5000  # articles a worker makes at a time
COMMIT_EVERY = 50_000  # articles per transaction of the build
RARE_EVERY = 50_000  # token rareNNNNN appears in one article out of RARE_EVERY
COMMON = ["the", "dan", "petani", "le"]
SOURCES = ["kabar", "warta", "harian", "pos", "gazette", "courier"]
ARCHIVE = ROOT / "deploy" / "datasette" / "archive.yml"
SEARCHES = {"search_all": "articles_search"}  # canned query: index (``search``: its old name)
EXTRA = {"first_seen": "2026-01-01T00:00:00Z", "last_fetched": "2026-01-01T00:00:00Z",
         "fetch_count": 1, "version": 1}  # fmt: skip
COLUMNS = ["source", *store.ARTICLE_FIELDS, *EXTRA]


@functools.cache
def vocabulary(size: int = 60_000) -> tuple[list[str], Any]:
    """Made-up words and the cumulative weights of a Zipf distribution over them."""
    import numpy as np

    rng = random.Random(1)
    letters = "abcdefghijklmnoprstuvwy"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(size)]
    cumulative = np.cumsum(1 / np.arange(1, size + 1))
    return words, cumulative / cumulative[-1]


@functools.cache
def pools() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    paragraphs = {
        lang: [p for s in STORIES for p in s.versions[lang].paragraphs] for lang in LANGUAGES
    }
    titles = {lang: [s.versions[lang].title for s in STORIES] for lang in LANGUAGES}
    return paragraphs, titles


normalised = functools.lru_cache(maxsize=None)(search.normalise)


def articles(n: int, seed: int = 7, start: int = 0):
    """Articles ``start`` .. ``start + n - 1`` (a chunk has its own random stream), each
    with its title and text in the index's searchable form (``search.normalise`` of each
    paragraph: paragraphs are separated by a newline, which no normalisation crosses; the
    added words are plain ASCII, which it leaves as they are)."""
    import numpy as np

    rng = random.Random(seed * 1_000_003 + start)
    draws = np.random.default_rng(seed * 1_000_003 + start)
    words, cumulative = vocabulary()
    paragraph_pool, titles = pools()
    for i in range(start, start + n):
        lang = LANGUAGES[i % len(LANGUAGES)]
        paragraphs = rng.sample(
            paragraph_pool[lang], rng.randint(6, min(30, len(paragraph_pool[lang])))
        )
        picks = np.searchsorted(cumulative, draws.random(rng.randint(20, 120)))
        noise = " ".join([words[k] for k in picks.tolist()])
        tail = f"{noise} rare{i % RARE_EVERY:05d}."
        text = "\n".join([*paragraphs, tail])
        story_title = rng.choice(titles[lang])
        title = f"{story_title} ({i})"
        url = f"https://{SOURCES[i % len(SOURCES)]}.example/{lang}/news/{i}"
        searchable = (
            f"{normalised(story_title)} ({i})",
            "\n".join([*map(normalised, paragraphs), tail]),
        )
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
            searchable,
        )


def rows(span: tuple[int, int]) -> tuple[int, list[tuple], list[tuple]]:
    """Article rows ``start`` .. ``end - 1`` (rowid ``i + 1``) and their index entries."""
    start, end = span
    out, entries = [], []
    for offset, (article, source, searchable) in enumerate(articles(end - start, start=start)):
        row = store.article_row(article, source) | EXTRA
        if offset % 500 == 0:  # the per-paragraph form is the whole text's
            assert searchable == (search.normalise(row["title"]), search.normalise(row["text"]))
        out.append((start + offset + 1, *(row[c] for c in COLUMNS)))
        entries.append((start + offset + 1, *searchable))
    return start, out, entries


def build(path: Path, n: int) -> float:
    """Make the synthetic archive at ``path`` (see the module docstring); returns seconds."""
    import numpy as np

    began = time.monotonic()
    db = open_archive(path)  # the schema; its indexes and triggers come back on reopening
    bulk = db.execute(
        "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('articles', 'lsh_bands')) OR "
        "(type = 'trigger' AND name IN ('articles_search_insert', 'articles_minhash_ai')))"
    ).fetchall()
    for kind, name in bulk:
        db.execute(f"DROP {kind.upper()} [{name}]")
    b, r = dedupe.bands(dedupe.THRESHOLD)
    conn = db.conn
    conn.execute("PRAGMA cache_size = -500000")
    insert = (
        f"INSERT INTO articles (rowid, {', '.join(COLUMNS)}) "
        f"VALUES ({', '.join('?' * (len(COLUMNS) + 1))})"
    )
    keys, items = [], []
    workers = os.cpu_count() or 1
    spans = [(k, min(n, k + CHUNK)) for k in range(0, n, CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: collections.deque = collections.deque()
        written = 0
        conn.execute("BEGIN")
        for span in spans + [None] * 2 * workers:
            if span is not None:  # at most two chunks per worker in flight: flat memory
                pending.append(pool.apply_async(rows, (span,)))
            if not pending or (span is not None and len(pending) < 2 * workers):
                continue
            start, chunk, entries = pending.popleft().get()
            conn.executemany(insert, chunk)
            conn.executemany(
                "INSERT INTO articles_search (rowid, title, text) VALUES (?, ?, ?)", entries
            )
            signatures = np.random.default_rng(start).integers(
                0, 2**32, size=(len(chunk), NUM_PERM), dtype=np.uint32
            )
            conn.executemany(
                "INSERT INTO minhashes (rowid, article_id, content_hash, signature, banded) "
                "VALUES (?, ?, ?, ?, 1)",
                (
                    (row[0], row[1 + COLUMNS.index("id")], row[1 + COLUMNS.index("content_hash")],
                     signatures[k].astype("<u4").tobytes())
                    for k, row in enumerate(chunk)
                ),
            )  # fmt: skip
            keys.append(dedupe.band_matrix(signatures, b, r).ravel())
            items.append(np.repeat(np.array([row[0] for row in chunk], dtype=np.int64), b))
            written += len(chunk)
            if written % COMMIT_EVERY < CHUNK:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
    hashes, owners = np.concatenate(keys), np.concatenate(items)
    del keys, items
    order = np.lexsort((owners, hashes))
    for offset in range(0, len(order), 1_000_000):
        part = order[offset : offset + 1_000_000]
        conn.executemany(
            "INSERT OR IGNORE INTO lsh_bands (hash, item) VALUES (?, ?)",
            zip(hashes[part].tolist(), owners[part].tolist(), strict=True),
        )
    conn.execute("INSERT OR REPLACE INTO lsh_params VALUES (1, ?, ?, ?)", [dedupe.THRESHOLD, b, r])
    conn.execute("COMMIT")
    db.close()
    db = open_archive(path)  # the indexes and triggers dropped above, made in bulk
    maintain.maintain(db, skip=("integrity",))  # as the daily run leaves it
    db.close()
    return time.monotonic() - began


def prepared(cache: Path, n: int) -> tuple[Path, float | None]:
    """The cached archive of ``n`` articles, made first if missing (seconds, else None)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"archive-{n}-g{GENERATOR}.db"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    for leftover in cache.glob(partial.name + "*"):
        leftover.unlink()
    seconds = build(partial, n)
    partial.rename(path)
    return path, seconds


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def canned_sql(name: str) -> str:
    """A canned query's SQL as Datasette serves it (``deploy/datasette/archive.yml``)."""
    return yaml.safe_load(ARCHIVE.read_text(encoding="utf-8"))["queries"][name]["sql"]


def query_times(
    path: Path, words: list[str], repeat: int = 20
) -> dict[tuple[str, str], tuple[int, float, float]]:
    """Per canned search query and word: matches, p50 and p95 as Datasette runs it (its
    SQL, the plugin's SQL functions)."""
    conn = sqlite3.connect(path)
    search.register(conn)
    out = {}
    for name, index in SEARCHES.items():
        sql = canned_sql(name)
        empty = dict.fromkeys(re.findall(r":(\w+)", sql), "")  # as Datasette fills them
        for word in words:
            match = search.fts_query(word)
            count_sql = f"SELECT count(*) FROM {index} WHERE {index} MATCH ?"
            count = conn.execute(count_sql, [match]).fetchone()[0]
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                conn.execute(sql, {**empty, "q": word}).fetchall()
                samples.append(time.perf_counter() - start)
            out[name, word] = (count, *percentiles(samples))
    conn.close()
    return out


PAGES = {
    "reading room search (petani)": "/news/-/search?q=petani",
    "reading room search (rare word)": "/news/-/search?q=rare12345",
    "reading room search (the, en)": "/news/-/search?q=the&language=en",
    "search chart by source (petani)": "/news/-/search?q=petani&by=source",
    "attention CSV (petani, by source)": "/news/attention.csv?q=petani&by=source",
    "search Atom feed (petani)": "/news/-/search.atom?q=petani",
    "faceted listing (source+language)": "/news/articles?_facet=source&_facet=language",
    "faceted listing, source=kabar": "/news/articles?source=kabar&_facet=language",
    "articles table (slim columns)": "/news/articles",
    "table search box (petani)": "/news/articles?_search=petani",
    "canned search_all (q=petani)": "/news/search_all?q=petani",
    "crawl health page": "/news/-/health",
}
KEY_PAGES = ("reading room search (petani)", "faceted listing (source+language)")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants, from ``/proc``."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(cpu_seconds(int(child)) for child in children)


def datasette_times(path: Path, pages: dict[str, str], repeat: int = 20) -> dict[str, tuple]:
    """p50/p95 of Datasette's pages over HTTP, served by ``make serve`` itself, and the
    server's CPU time per load (what the page costs, whatever else the machine runs)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = ["make", "-s", "-C", str(ROOT), "serve", f"DB={path}", f"PORT={port}"]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        out = {}
        for name, target in pages.items():
            samples, status = [], 0
            cpu = cpu_seconds(server.pid)
            for _ in range(repeat):
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + target, timeout=120) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:  # e.g. Datasette's time limit
                    status = error.code
                samples.append(time.perf_counter() - start)
            cpu = (cpu_seconds(server.pid) - cpu) / repeat
            out[name] = (*percentiles(samples), status, cpu)
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def run(size: int, args: argparse.Namespace) -> dict[str, float]:
    """Every measure at one archive size; prints them and returns the main figures."""
    cached, made = prepared(Path(args.cache), size)
    if made is not None:
        print(f"made the {size}-article archive in {made:.0f} s (cached as {cached})")
    directory = Path(args.dir) / str(size)  # one per size: --no-copy keeps each
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "news.db"
    for old in directory.glob("news.db*"):
        old.unlink()
    if args.no_copy:  # measured where it is, then no longer the archive made: out of the cache
        cached.rename(path)
    else:
        shutil.copyfile(cached, path)
    began = time.monotonic()
    open_archive(path).close()
    print(
        f"\n== {size} articles: open_archive (migrations, indexes) {time.monotonic() - began:.1f} s"
    )
    written, written_cpu = add(path, args.new)
    close = measure("incremental", path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        tables = conn.execute(
            "SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE ORDER BY 2 DESC LIMIT 8"
        ).fetchall()
    size_bytes = path.stat().st_size
    figures = {
        "close_s": close["seconds"],
        "close_cpu": close["cpu_seconds"],
        "close_mb": close["rss_mb"],
        "bytes": size_bytes / count,
        "write_rate": args.new / written,
        "run_s": written + close["seconds"],  # the run's writes (clustered) and its close
        "run_cpu": written_cpu + close["cpu_seconds"],
    }
    print(f"write path (write_batch, {args.new} articles in batches of 200, each clustered as "
          f"written): {figures['write_rate']:.0f} articles/s ({written:.2f} s, "
          f"{written_cpu:.2f} s CPU)")  # fmt: skip
    detail = {k: v for k, v in close.items() if k not in ("seconds", "cpu_seconds", "rss_mb")}
    print(f"crawl close (dedupe.cluster): {close['seconds']:.2f} s ({close['cpu_seconds']:.2f} s "
          f"CPU), peak RSS {close['rss_mb']:.1f} MB above baseline  {detail}")  # fmt: skip
    print(f"the run's writes and close: {figures['run_s']:.2f} s "
          f"({figures['run_cpu']:.2f} s CPU)")  # fmt: skip
    print(f"archive: {count} articles, {size_bytes / 2**20:.0f} MiB, "
          f"{figures['bytes']:.0f} bytes per article; by table or index:")  # fmt: skip
    for table, pages_size in tables:
        print(f"  {table:40} {pages_size / count:8.0f}")
    rare = [f"rare{k:05d}" for k in (7, 12345, 40000)]
    print(f"\n{'canned query (Datasette SQL), word':34} {'matches':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for (name, word), (matches, p50, p95) in query_times(path, COMMON + rare).items():
        label = f"{name}: {'rare' if word.startswith('rare') else 'common'} {word}"
        print(f"{label:34} {matches:>8} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f}")
    print(
        f"\n{'Datasette (HTTP, make serve)':34} {'status':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'server CPU ms':>14}"
    )
    for name, (p50, p95, status, cpu) in datasette_times(path, PAGES, args.repeat).items():
        print(f"{name:34} {status:>8} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {cpu * 1000:>14.1f}")
        if name in KEY_PAGES:
            figures[name] = p95 * 1000
            figures[name + " cpu"] = cpu * 1000
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return figures


COSTS = ["close_s", "close_cpu", "close_mb", KEY_PAGES[0], KEY_PAGES[0] + " cpu", KEY_PAGES[1],
         KEY_PAGES[1] + " cpu"]  # fmt: skip


def projection(results: dict[int, dict[str, float]], target: int = 10_000_000) -> None:
    """The figures at ``target`` articles from the two largest sizes measured: each cost
    (seconds, MB, page times) grows with log N from the larger (the work per run and per
    page reads a bounded number of rows, through B-trees one level deeper per factor of
    about 100), never less than measured; the write rate falls the same way, never
    more; bytes per article stay the larger's."""
    (small, a), (large, b) = sorted(results.items())[-2:]
    steps = math.log(target / large) / math.log(large / small)
    line = {key: b[key] + max(b[key] - a[key], 0) * steps for key in COSTS}
    per_write = 1 / b["write_rate"] + max(1 / b["write_rate"] - 1 / a["write_rate"], 0) * steps
    line["write_rate"] = 1 / per_write  # the time per article written grows with log N
    line["bytes"] = b["bytes"]
    print(f"\n{'size':>21} {'close s (CPU)':>13} {'RSS MB':>7} {'B/article':>9} {'writes/s':>9} "
          f"{'search p95 (CPU) ms':>20} {'listing p95 (CPU) ms':>21}")  # fmt: skip
    for size, f in [*sorted(results.items()), (target, line)]:
        label = f"{size}" + (" (projected)" if size == target else "")
        search = f"{f[KEY_PAGES[0]]:.0f} ({f[KEY_PAGES[0] + ' cpu']:.0f})"
        listing = f"{f[KEY_PAGES[1]]:.0f} ({f[KEY_PAGES[1] + ' cpu']:.0f})"
        close = f"{f['close_s']:.2f} ({f['close_cpu']:.2f})"
        print(f"{label:>21} {close:>13} {f['close_mb']:>7.1f} {f['bytes']:>9.0f} "
              f"{f['write_rate']:>9.0f} {search:>20} {listing:>21}")  # fmt: skip
    print(
        f"close at {large} / at {small}: time x{b['close_s'] / max(a['close_s'], 0.001):.2f}, "
        f"CPU x{b['close_cpu'] / max(a['close_cpu'], 0.001):.2f}, "
        f"RSS x{max(b['close_mb'], 0.1) / max(a['close_mb'], 0.1):.2f}; the run's writes and "
        f"close: time x{b['run_s'] / a['run_s']:.2f}, CPU x{b['run_cpu'] / a['run_cpu']:.2f}"
    )
    print(
        f"projection to {target}: costs grow with log N from {large} at the rate measured "
        f"between {small} and {large} (never below what was measured), the write rate "
        f"falls likewise, bytes per article stay: a file of about "
        f"{line['bytes'] * target / 2**30:.0f} GiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--sizes", help="several sizes, comma-separated (then a projection)")
    parser.add_argument("--new", type=int, default=1000, help="articles the measured run adds")
    parser.add_argument("--repeat", type=int, default=20, help="loads of each page")
    parser.add_argument("--dir", default="/tmp/archive-scale", help="the copy measured")
    parser.add_argument("--cache", default="/tmp/archive-scale-cache", help="made archives")
    parser.add_argument(
        "--no-copy", action="store_true", help="measure the made archive itself (moved to DIR)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.articles]
    results = {size: run(size, args) for size in sizes}
    if len(results) > 1:
        projection(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
