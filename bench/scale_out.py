"""Scaling out: throughput with 1 and 2 workers, the writer's ceiling, pages lost per SIGKILL.

    .venv/bin/python bench/scale_out.py [--pages N] [--messages M]

Starts a real ``redis-server`` on 127.0.0.1 and prints, side by side in one run:

- crawl: N generated article pages (``bench/pages.py``, 50-200 KB, from the sitemap)
  crawled by one worker, then by two, each worker pinned to its own core with its one
  extraction process (``os.sched_setaffinity``), the writer, Redis and the site
  unpinned: pages/s (articles, exact duplicates, errors) from the first worker's
  start to the writer's end, and the ratio;
- writer: M full article messages (extracted from those pages, each a distinct
  article with its page body) pushed to Redis, then drained by the writer
  (``crawler.distributed.collector``) into a fresh archive: items/s with the body kept
  in ``captures`` and without, and what that is per day;
- SIGKILL: a worker killed while it holds requests (40 slow pages), with recovery off
  (``DISTRIBUTED_MAX_ATTEMPTS=1``: what plain scrapy-redis does) and on: articles missing
  at the end, and the story pages fetched against the site's 40;
- SIGKILL on the generated site: one of two workers killed a third of the way through
  the N pages, politeness off: articles archived, requests re-queued, and so at most
  (N + re-queued) / N pages fetched per page of the site;
- writer restart: the writer killed with SIGKILL twice mid-run (at a third and two
  thirds of the pages) and started again each time, two workers: prints
  "run counts == archive after writer restart: yes/no" (``crawl_runs.counts`` against
  the articles archived, the run's outcomes in ``known_urls`` and the batches written).

Figures, not a timed test; the machine is shared, so quote ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# bench/ and tests/ after site-packages: bench/incremental.py would hide Twisted's dependency.
sys.path = [str(ROOT), *(p for p in sys.path[1:]), str(ROOT / "bench"), str(ROOT / "tests")]

from pages import generate  # noqa: E402

from crawler.distributed import codec  # noqa: E402
from crawler.distributed.collector import Collector  # noqa: E402
from crawler.distributed.keys import Keys  # noqa: E402
from crawler.settings import project_settings  # noqa: E402
from pipelines.extract.page import extract_page  # noqa: E402
from pipelines.items import ArticleItem, PageItem  # noqa: E402

import redis_server  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402

BIN = Path(sys.executable).parent
UNTHROTTLED = [
    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
    "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "-s", "LOG_LEVEL=WARNING", "-s", "DISTRIBUTED_IDLE_GRACE=1",
    "-s", "DISTRIBUTED_WORKER_TIMEOUT=3", "-s", "DISTRIBUTED_HEARTBEAT=0.3",
]  # fmt: skip


class Cluster:
    """A seeded run with its writer and workers, as ``scrapy`` subprocesses."""

    def __init__(self, redis_url: str, tmp: Path, name: str, *settings: str) -> None:
        self.tmp = tmp
        self.db = tmp / f"{name}.db"
        self.settings = [
            "-s", f"REDIS_URL={redis_url}", "-s", f"DISTRIBUTED_KEY={name}",
            "-s", f"ARCHIVE_DB={self.db}", *UNTHROTTLED, *settings,
        ]  # fmt: skip
        self.workers: list[subprocess.Popen] = []

    def scrapy(self, *args: str, core: int | None = None, **kwargs) -> subprocess.Popen:
        def pin() -> None:
            if core is not None:
                os.sched_setaffinity(0, {core})

        command = [str(BIN / "scrapy"), *args, *self.settings]
        return subprocess.Popen(
            command, cwd=ROOT, preexec_fn=pin, start_new_session=True, **kwargs
        )  # fmt: skip

    def seed(self, sources: str) -> None:
        path = self.tmp / "sources.toml"
        path.write_text(sources)
        seeded = self.scrapy("seed", "--sources", str(path), stdout=subprocess.DEVNULL)
        assert seeded.wait(60) == 0

    def run(self, workers: int, cores: list[int], busy=None) -> float:
        """Seconds from the first worker's start to the writer's end.

        With ``busy`` (a wait until the first worker holds requests), the others start
        then and the first one is killed with SIGKILL.
        """
        log = (self.tmp / "writer.log").open("w")
        writer = self.scrapy("writer", stdout=log, stderr=subprocess.STDOUT)
        started = time.perf_counter()
        for n in range(workers):
            name = ["-s", f"DISTRIBUTED_WORKER_NAME=w{n + 1}", "-s", "EXTRACT_WORKERS=1"]
            out = (self.tmp / f"w{n + 1}.log").open("w")
            core = cores[n % len(cores)] if cores else None
            self.workers.append(
                self.scrapy("worker", *name, core=core, stdout=out, stderr=subprocess.STDOUT)
            )
            if busy is not None and n == 0:
                busy()
        if busy is not None:
            os.killpg(self.workers[0].pid, signal.SIGKILL)
        assert writer.wait(600) == 0, (self.tmp / "writer.log").read_text()[-2000:]
        elapsed = time.perf_counter() - started
        for worker in self.workers:
            worker.wait(60)
        return elapsed

    def archive(self, sql: str) -> int:
        import sqlite_utils

        return sqlite_utils.Database(self.db).execute(sql).fetchone()[0]


def crawl_rate(redis_url: str, site_base: str, pages: int, workers: int) -> dict[str, float]:
    cores = sorted(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        cluster = Cluster(redis_url, Path(tmp), f"crawl{workers}")
        cluster.seed(
            f'[[source]]\nname = "bench"\nsitemaps = ["{site_base}/sitemap.xml"]\n'
            "allow_private = true\narticle_pattern = '.'\n"
        )
        seconds = cluster.run(workers, cores[:workers] if len(cores) >= workers else [])
        articles = cluster.archive("SELECT count(*) FROM articles")
        # a page whose text equals an archived article's is recorded as its duplicate URL
        duplicates = cluster.archive("SELECT count(*) FROM article_urls WHERE kind = 'duplicate'")
        errors = cluster.archive("SELECT count(*) FROM errors")
    pages = articles + duplicates + errors
    return {"seconds": seconds, "articles": articles, "pages": pages, "rate": pages / seconds}


def article_messages(site, count: int) -> list[bytes]:
    """``count`` distinct article messages from the site's pages, as workers send them."""
    base: list[tuple[dict, PageItem, bytes | None]] = []
    for path, body in list(site.pages.items())[:20]:
        url = site.base + path
        article = extract_page({"body": body, "url": url, "hints": {}, "min_words": 40})
        page = PageItem(url, url, "bench", 200, {"content-type": "text/html"}, body, "utf-8",
                        "2026-11-28T00:00:00+00:00", "sitemap")  # fmt: skip
        minhash = article.pop("_minhash", None)  # the worker computes it (pipelines.extract)
        if not article.get("skip_reason"):
            base.append((article, page, minhash))
    messages = []
    for n in range(count):
        article, page, minhash = base[n % len(base)]
        url = f"{page.url}?copy={n}"
        copy = {**article, "id": f"bench-{n}", "url": url, "canonical_url": url,
                "text": f"{article['text']}\nCopy {n}.", "content_hash": f"h{n}"}  # fmt: skip
        body = page.body + f"<!-- {n} -->".encode()
        page = PageItem(**{**page.__dict__, "url": url, "body": body})
        item = ArticleItem(copy, page, minhash, copy["content_hash"] if minhash else None)
        messages.append(codec.encode(codec.item_message(item, 1)))
    return messages


def writer_rate(client, messages: list[bytes], captures: bool) -> dict[str, float]:
    keys = Keys(f"writer{int(captures)}")
    client.delete(*keys.all())
    client.hset(keys.run, mapping={"id": 1, "state": "active", "started_at": "2026-11-28"})
    for start in range(0, len(messages), 500):
        client.rpush(keys.items, *messages[start : start + 500])
    settings = project_settings({"ARCHIVE_CAPTURES": captures, "DEDUPE_ENABLED": False})
    with tempfile.TemporaryDirectory() as tmp:
        collector = Collector(client, keys, f"{tmp}/news.db", settings)
        collector.wait_for_run(1)
        collector.db["crawl_runs"].insert({"id": 1, "status": "running"})
        started = time.perf_counter()
        while batch := collector.take():
            collector.commit(batch)
        seconds = time.perf_counter() - started
        written = collector.db["articles"].count
        collector.close()
    client.delete(*keys.all())
    return {"items": written, "seconds": seconds, "rate": written / seconds}


def killed(redis_url: str, max_attempts: int) -> dict[str, int]:
    """Articles missing after SIGKILL of a worker holding requests, of 40."""
    from sites.slow import build_slow, slow_sources

    with tempfile.TemporaryDirectory() as tmp, SiteServer(lambda b: build_slow(b, 40, 0.4)) as site:
        attempts = ["-s", f"DISTRIBUTED_MAX_ATTEMPTS={max_attempts}"]
        cluster = Cluster(redis_url, Path(tmp), f"kill{max_attempts}", *attempts,
                          "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=6")  # fmt: skip
        cluster.seed(slow_sources(site.url))

        def busy() -> None:  # the first worker has requests in flight
            while sum(site.hits.values()) < 8:
                time.sleep(0.01)

        cluster.run(2, [], busy=busy)
        archived = cluster.archive("SELECT count(*) FROM articles")
        stats = json.loads(
            cluster.archive("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1") or "{}"
        )
        fetched = sum(n for path, n in site.hits.items() if path.startswith("/story/"))
    return {
        "fetched": fetched,
        "missing": 40 - archived,
        "requeued": stats.get("news/distributed/requeued", 0),
        "given_up": stats.get("news/distributed/lost", 0),
    }


def restarted(redis_url: str, site_base: str, pages: int, restarts: int = 2) -> dict[str, Any]:
    """A two-worker run whose writer is SIGKILLed ``restarts`` times and started again."""
    import sqlite_utils

    with tempfile.TemporaryDirectory() as tmp:
        cluster = Cluster(redis_url, Path(tmp), "restart", "-s", "DISTRIBUTED_WRITER_BATCH=5")
        cluster.seed(
            f'[[source]]\nname = "bench"\nsitemaps = ["{site_base}/sitemap.xml"]\n'
            "allow_private = true\narticle_pattern = '.'\n"
        )

        def archived() -> int:
            try:
                return cluster.archive("SELECT count(*) FROM articles")
            except Exception:  # not created yet
                return 0

        def writer(n: int) -> subprocess.Popen:
            log = (Path(tmp) / f"writer{n}.log").open("w")
            return cluster.scrapy("writer", stdout=log, stderr=subprocess.STDOUT)

        current = writer(0)
        for n in range(2):
            out = (Path(tmp) / f"w{n + 1}.log").open("w")
            name = ["-s", f"DISTRIBUTED_WORKER_NAME=w{n + 1}", "-s", "EXTRACT_WORKERS=1"]
            cluster.workers.append(cluster.scrapy("worker", *name, stdout=out, stderr=out))
        at = []
        for n in range(restarts):
            while archived() < pages * (n + 1) // (restarts + 1) and current.poll() is None:
                time.sleep(0.05)
            if current.poll() is not None:  # the run finished first
                break
            os.killpg(current.pid, signal.SIGKILL)
            current.wait(10)
            at.append(archived())
            current = writer(n + 1)
        assert current.wait(600) == 0, (Path(tmp) / f"writer{len(at)}.log").read_text()[-2000:]
        for worker in cluster.workers:
            worker.wait(60)
        db = sqlite_utils.Database(cluster.db)
        run = next(db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))
        counts = json.loads(run["counts"]).get("bench", {})
        stats = json.loads(run["stats"])
        books = json.loads(run["accounting"]).get("bench", {})
        outcomes = dict(
            db.execute(
                "SELECT outcome, count(*) FROM known_urls WHERE requested_run = ? AND run_id = ? "
                "GROUP BY outcome",
                [run["id"], run["id"]],
            ).fetchall()
        )
        (messages,) = db.execute("SELECT sum(messages) FROM redis_batches").fetchone()
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {
        "killed_at": at,
        "new": counts.get("new", 0),
        "articles": articles,
        "fetched": counts.get("fetched", 0),
        "outcomes": sum(outcomes.values()),
        "recorded": books.get("recorded", 0),
        "messages": stats.get("news/archive/messages", 0),
        "written": messages or 0,
    }


def restart_figures(redis_url: str, base: str, pages: int) -> None:
    r = restarted(redis_url, base, pages)
    same = (
        r["new"] == r["articles"]
        and r["fetched"] == r["outcomes"] == r["recorded"]
        and r["messages"] == r["written"]
    )
    print(f"\nwriter SIGKILLed at {r['killed_at']} articles archived and started again")
    print(f"  crawl_runs.counts new {r['new']}, articles archived {r['articles']}")
    print(f"  fetched {r['fetched']} (ledger rows with an outcome {r['outcomes']}), "
          f"outcomes counted {r['recorded']}")  # fmt: skip
    print(f"  messages counted {r['messages']}, written in batches {r['written']}")
    print(f"  run counts == archive after writer restart: {'yes' if same else 'no'}")


def crawl_figures(redis_url: str, base: str, pages: int) -> float:
    one = crawl_rate(redis_url, base, pages, 1)
    two = crawl_rate(redis_url, base, pages, 2)
    print("\ncrawl (each worker pinned to one core, 1 extraction process each)")
    for name, r in (("1 worker", one), ("2 workers", two)):
        print(f"  {name:<10} {r['pages']:>6} pages ({r['articles']} articles)  "
              f"{r['seconds']:7.1f} s  {r['rate']:7.1f} pages/s")  # fmt: skip
    print(f"  ratio 2/1: {two['rate'] / one['rate']:.2f}x")
    return one["rate"]


def writer_figures(client, site, count: int) -> float:
    messages = article_messages(site, count)
    size = sum(map(len, messages)) / len(messages) / 1024
    print(f"\nwriter ceiling ({len(messages)} article messages, {size:.0f} KB each)")
    rates = {}
    for captures in (True, False):
        r = writer_rate(client, messages, captures)
        rates[captures] = r["rate"]
        label = "with captures" if captures else "no captures"
        per_day = r["rate"] * 86400 / 1e6
        print(f"  {label:<14} {r['items']:>6} items  {r['seconds']:6.2f} s  "
              f"{r['rate']:8.0f} items/s  = {per_day:6.1f} M articles/day")  # fmt: skip
    return rates[True]


def kill_figures(redis_url: str) -> None:
    print("\nSIGKILL of a worker holding requests (40 slow pages, 2 workers)")
    for label, attempts in (("recovery off (plain scrapy-redis)", 1), ("recovery on", 3)):
        r = killed(redis_url, attempts)
        print(f"  {label:<34} missing {r['missing']:>3}  re-queued {r['requeued']:>3}  "
              f"given up {r['given_up']:>3}  fetched {r['fetched']} = "
              f"{r['fetched'] / 40:.2f}x the site")  # fmt: skip


def killed_fast(redis_url: str, site_base: str, pages: int) -> dict[str, int]:
    """A worker SIGKILLed a third of the way through the generated site, politeness off."""
    with tempfile.TemporaryDirectory() as tmp:
        cluster = Cluster(redis_url, Path(tmp), "killfast")
        cluster.seed(
            f'[[source]]\nname = "bench"\nsitemaps = ["{site_base}/sitemap.xml"]\n'
            "allow_private = true\narticle_pattern = '.'\n"
        )

        def busy() -> None:  # the first worker is a third of the way through
            while True:
                try:
                    if cluster.archive("SELECT count(*) FROM articles") >= pages // 3:
                        return
                except Exception:  # the archive is not created yet
                    pass
                time.sleep(0.05)

        cluster.run(2, [], busy=busy)
        articles = cluster.archive("SELECT count(*) FROM articles")
        stats = json.loads(
            cluster.archive("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1") or "{}"
        )
    return {
        "articles": articles,
        "requeued": stats.get("news/distributed/requeued", 0),
        "given_up": stats.get("news/distributed/lost", 0),
    }


def kill_fast_figures(redis_url: str, base: str, pages: int) -> None:
    r = killed_fast(redis_url, base, pages)
    print(f"\nSIGKILL of a worker a third of the way through {pages} generated pages "
          f"(politeness off, 2 workers)")  # fmt: skip
    print(f"  articles {r['articles']} of {pages}  re-queued {r['requeued']}  "
          f"given up {r['given_up']}  pages fetched at most "
          f"{(pages + r['requeued']) / pages:.2f}x the site")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument(
        "--only", default="crawl,writer,kill,killfast,restart", help="parts to run (comma list)"
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not redis_server.available():
        print("no redis-server: apt-get install redis-server", file=sys.stderr)
        return 1
    cores = sorted(os.sched_getaffinity(0))
    print(f"cores available: {len(cores)} {cores}; pages: {args.pages}")
    site = generate(args.pages).start(processes=1)
    try:
        with redis_server.RedisServer() as redis:
            worker = writer = 0.0
            if "crawl" in parts:
                worker = crawl_figures(redis.url, site.base, args.pages)
            if "writer" in parts:
                writer = writer_figures(redis.client(), site, args.messages)
            if worker and writer:
                print(f"\none writer keeps up with {writer / worker:.0f} workers like these "
                      f"(one core each); it stops being enough near "
                      f"{writer * 86400 / 1e6:.1f} M articles/day")  # fmt: skip
            if "kill" in parts:
                kill_figures(redis.url)
            if "killfast" in parts:
                kill_fast_figures(redis.url, site.base, args.pages)
            if "restart" in parts:
                restart_figures(redis.url, site.base, args.pages)
    finally:
        site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
