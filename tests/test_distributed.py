"""Scaling out: two scrapy-redis workers and one writer, on a real Redis and real HTTP sites.

Every page is fetched once and every article archived once; a worker killed with
SIGKILL mid-crawl loses nothing (the writer re-queues what it had taken); one
stopped with SIGTERM closes cleanly; the writer replays a batch it committed but
did not acknowledge without writing it twice. Workers run through the real
``scrapy worker`` command with Scrapy deprecation warnings as errors.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from crawler.distributed import codec, ledger
from crawler.distributed.collector import Collector
from crawler.distributed.keys import Keys
from crawler.settings import project_settings
from pipelines.items import ErrorItem

import redis_server
from conftest import (
    CRAWL_ENV,
    FAST,
    ROOT,
    SCRAPY_STRICT,
    assert_books_balance,
    assert_clean_log,
    write_sources,
)
from sites.demo.server import SiteServer
from sites.slow import build_slow, slow_sources

pytestmark = pytest.mark.skipif(
    not redis_server.available(),
    reason="no redis-server (make test installs Debian's: tests/system.sh)",
)
QUICK = [
    "-s", "DISTRIBUTED_WORKER_TIMEOUT=3",
    "-s", "DISTRIBUTED_IDLE_GRACE=1",
    "-s", "DISTRIBUTED_HEARTBEAT=0.3",
    "-s", "EXTRACT_WORKERS=1",
]  # fmt: skip


@pytest.fixture(scope="module")
def redis():
    with redis_server.RedisServer() as server:
        yield server


def scrapy(*args: str) -> list[str]:
    return [sys.executable, "-c", SCRAPY_STRICT, *args]


class Run:
    """One distributed run: its Redis keys, archive, and processes (seed, workers, writer)."""

    def __init__(self, redis, tmp: Path, prefix: str) -> None:
        self.tmp = tmp
        self.db_path = tmp / "news.db"
        self.keys = Keys(prefix)
        self.client = redis.client()
        self.settings = [
            "-s", f"REDIS_URL={redis.url}",
            "-s", f"DISTRIBUTED_KEY={prefix}",
            "-s", f"ARCHIVE_DB={self.db_path}",
            *FAST, *QUICK,
        ]  # fmt: skip
        self.processes: dict[str, subprocess.Popen] = {}

    def seed(self, sources: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            scrapy("seed", "--sources", str(sources), *self.settings),
            cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.tmp / f"{name}.log").open("w")
        extra = ["-s", f"DISTRIBUTED_WORKER_NAME={name}"] if args[0] == "worker" else []
        process = subprocess.Popen(
            scrapy(*args, *self.settings, *extra),
            cwd=ROOT, env=CRAWL_ENV, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # a worker and its extraction processes: one group
        )  # fmt: skip
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text()

    def wait(self, name: str, timeout: float = 120) -> int:
        try:
            return self.processes[name].wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail(f"{name} did not finish:\n{self.log(name)[-3000:]}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)

    def db(self) -> sqlite_utils.Database:
        return sqlite_utils.Database(self.db_path)

    def run_row(self) -> dict:
        return next(self.db().query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))


def wait_until(ready: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"never reached: {what}"
        time.sleep(0.02)


def articles(db: sqlite_utils.Database) -> list[str]:
    return sorted(url for (url,) in db.execute("SELECT url FROM articles").fetchall())


def assert_one_ledger(db: sqlite_utils.Database, row: dict) -> None:
    """The run's books balance from ``known_urls`` alone (a duplicate names the archived
    article: ``assert_books_balance``), and its counts match the archive."""
    assert "run_requests" not in db.table_names()
    assert ledger.counts(db, row["id"])["in_flight"] == 0
    assert_books_balance(db)
    counts = json.loads(row["counts"])
    outcomes = db.execute(
        "SELECT source, outcome, count(*) FROM known_urls "
        "WHERE requested_run = ? AND run_id = ? GROUP BY source, outcome",
        [row["id"], row["id"]],
    ).fetchall()
    for source, source_counts in counts.items():
        fetched = sum(n for s, _, n in outcomes if s == source)
        assert source_counts.get("fetched", 0) == fetched, (source, source_counts, outcomes)
        book = json.loads(row["accounting"])[source]
        assert book["fetched"] == book["recorded"] == fetched, book
    (new,) = db.execute(
        "SELECT count(*) FROM articles WHERE id IN (SELECT article_id FROM known_urls "
        "WHERE run_id = ? AND outcome = 'new')",
        [row["id"]],
    ).fetchone()
    assert sum(c.get("new", 0) for c in counts.values()) == new


def test_two_workers_fetch_every_page_once_and_archive_every_article_once(
    redis, tmp_path, demo_crawl, demo_server
):
    with SiteServer() as site:
        sources = write_sources(tmp_path / "sources.toml", site.url)
        run = Run(redis, tmp_path, "two")
        seeded = run.seed(sources)
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        assert "run 1 seeded: 3 seeds" in seeded.stdout  # robots.txt: the middleware's
        try:
            run.start("writer", "writer")
            run.start("w1", "worker")
            run.start("w2", "worker")
            for name in ("writer", "w1", "w2"):
                assert run.wait(name) == 0, run.log(name)[-3000:]
        finally:
            run.stop()
        hits = dict(site.hits)
    for name in ("w1", "w2"):
        assert_clean_log(run.log(name))
    # Every page once: robots.txt once per worker (Scrapy's robots middleware, whose parsed
    # file also gives its Sitemap: lines), and the page answering 500 three times
    # (RETRY_TIMES), as in a single-machine crawl.
    again = {path: n for path, n in hits.items() if n > 1 and path != "/robots.txt"}
    assert again == {"/berita/9002/server-rusak": 3}, again
    assert hits["/robots.txt"] in (1, 2)  # a worker that fetched nothing read no robots.txt
    assert set(hits) == set(demo_crawl.hits)
    db = run.db()
    # Every article once, the same as the single-machine crawl of the same site.
    single = [u.replace(demo_server.url, site.url) for u in articles(demo_crawl.db)]
    assert articles(db) == sorted(single) and len(single) == 48
    errors = sorted(db.execute("SELECT reason FROM errors").fetchall())
    first = "SELECT reason FROM errors WHERE run_id = (SELECT min(id) FROM crawl_runs)"
    assert errors == sorted(demo_crawl.db.execute(first).fetchall())  # later tests add runs
    row = run.run_row()
    assert row["status"] == "finished"
    counts = json.loads(row["counts"])["demo"]
    assert counts["new"] == 48
    workers = json.loads(row["workers"])
    assert set(workers) == {"w1", "w2"}
    assert all(w["state"] == "closed" and w["reason"] == "finished" for w in workers.values())
    requests = sum(w["stats"].get("downloader/request_count", 0) for w in workers.values())
    assert requests == sum(hits.values())  # the server saw every request the workers made
    assert_one_ledger(db, row)
    stats = json.loads(row["stats"])
    assert stats.get("news/distributed/requeued", 0) == 0
    # The run is over: its keys go, and a second run can be seeded.
    cleared = subprocess.run(
        scrapy("clear", *run.settings), cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True
    )
    assert cleared.returncode == 0 and "cleared run 1 (finished)" in cleared.stdout
    assert not run.client.keys("two:*")


def w1_responses(run: Run) -> int:
    """Responses w1's last heartbeat counted (its stats, as the writer keeps them)."""
    state = run.client.hget(run.keys.workers, "w1")
    stats = json.loads(state).get("stats", {}) if state else {}
    return stats.get("downloader/response_count", 0)


def slow_run(redis, tmp_path: Path, prefix: str, sig: int) -> tuple[Run, dict, int]:
    """Two workers on the slow site; ``sig`` goes to w1 while it has pages in flight."""
    with SiteServer(lambda base: build_slow(base, 40, 0.4)) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url))
        run = Run(redis, tmp_path, prefix)
        assert run.seed(sources).returncode == 0
        try:
            run.start("writer", "writer")
            w1 = run.start("w1", "worker", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=6")
            wait_until(lambda: sum(site.hits.values()) >= 8, "w1 downloading")
            wait_until(lambda: w1_responses(run) >= 1, "w1's heartbeat counting responses")
            run.start("w2", "worker", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=6")
            stories = sum(n for p, n in site.hits.items() if p.startswith("/story/"))
            os.killpg(w1.pid, sig)
            w1.wait(60)
            for name in ("writer", "w2"):
                assert run.wait(name) == 0, run.log(name)[-3000:]
        finally:
            run.stop()
        return run, dict(site.hits), stories


def assert_nothing_missing(run: Run, hits: dict) -> dict:
    db = run.db()
    stories = sorted(p for p in hits if p.startswith("/story/"))
    assert len(stories) == 40
    assert len(articles(db)) == 40
    assert db.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
    row = run.run_row()
    assert row["status"] == "finished"
    assert_one_ledger(db, row)
    assert not db.execute("SELECT url FROM known_urls WHERE state = 'queued'").fetchall()
    return row


def test_sigkill_of_a_worker_mid_crawl_loses_nothing(redis, tmp_path):
    run, hits, in_flight = slow_run(redis, tmp_path, "kill", signal.SIGKILL)
    row = assert_nothing_missing(run, hits)
    stats = json.loads(row["stats"])
    # The kill landed mid-crawl: w1 had taken requests from Redis and died with them.
    assert stats["news/distributed/requeued"] >= 1, stats
    assert stats.get("news/distributed/lost", 0) == 0
    workers = json.loads(row["workers"])
    assert workers["w1"]["state"] == "lost" and workers["w2"]["state"] == "closed"
    # the dead worker's stats as its last heartbeat carried them, in the run's stats too
    assert workers["w1"]["stats"]["downloader/response_count"] >= 1, workers["w1"]
    pages = sum(w["stats"]["downloader/response_count"] for w in workers.values())
    assert stats["downloader/response_count"] == pages
    assert_clean_log(run.log("w2"))
    assert in_flight < 40


def test_sigterm_of_a_worker_closes_it_cleanly_and_loses_nothing(redis, tmp_path):
    run, hits, _ = slow_run(redis, tmp_path, "term", signal.SIGTERM)
    assert run.processes["w1"].returncode == 0
    assert_clean_log(run.log("w1"))
    row = assert_nothing_missing(run, hits)
    workers = json.loads(row["workers"])
    assert workers["w1"]["state"] == "closed" and workers["w1"]["reason"] == "shutdown"
    again = {path: n for path, n in hits.items() if n > 1 and path != "/robots.txt"}
    assert not again, again  # a graceful stop finishes what it took: nothing fetched twice


def archived_count(run: Run) -> int:
    if not run.db_path.exists():
        return 0
    try:
        return run.db().execute("SELECT count(*) FROM articles").fetchone()[0]
    except Exception:  # the archive is being created
        return 0


def test_run_counts_match_the_archive_after_writer_restarts(redis, tmp_path):
    """The writer is killed (SIGKILL, then SIGTERM) mid-run and started again each time:
    ``crawl_runs.counts`` and every stat still match what the archive holds."""
    with SiteServer(lambda base: build_slow(base, 40, 0.3, copies=1)) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url))
        run = Run(redis, tmp_path, "restart")
        assert run.seed(sources).returncode == 0
        try:
            run.start("writer1", "writer", "-s", "DISTRIBUTED_WRITER_BATCH=3")
            run.start("w1", "worker", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
            run.start("w2", "worker", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
            wait_until(lambda: archived_count(run) >= 6, "some articles archived")
            os.killpg(run.processes["writer1"].pid, signal.SIGKILL)
            run.processes["writer1"].wait(10)
            first = archived_count(run)
            run.start("writer2", "writer", "-s", "DISTRIBUTED_WRITER_BATCH=3")
            wait_until(lambda: archived_count(run) >= first + 6, "more articles archived")
            os.killpg(run.processes["writer2"].pid, signal.SIGTERM)
            assert run.wait("writer2") == 0, run.log("writer2")[-3000:]
            second = archived_count(run)
            assert "stopped" in run.log("writer2")
            run.start("writer3", "writer", "-s", "DISTRIBUTED_WRITER_BATCH=3")
            for name in ("writer3", "w1", "w2"):
                assert run.wait(name) == 0, run.log(name)[-3000:]
        finally:
            run.stop()
        hits = dict(site.hits)
    assert first < second < 40, (first, second)  # each restart landed mid-run
    for name in ("w1", "w2", "writer2", "writer3"):
        assert_clean_log(run.log(name))
    row = assert_nothing_missing(run, hits)
    counts = json.loads(row["counts"])["slow"]
    # the feed, 40 stories and a reprint of one of them
    assert (counts["new"], counts["duplicate"], counts["fetched"]) == (40, 1, 42)
    db = run.db()
    ((copy, kept_id),) = db.execute(
        "SELECT url, article_id FROM known_urls WHERE outcome = 'duplicate'"
    ).fetchall()
    (kept,) = db.execute("SELECT url FROM articles WHERE id = ?", [kept_id]).fetchone()
    assert {copy, kept} == {f"{site.url}/story/0", f"{site.url}/reprint/0"}
    stats = json.loads(row["stats"])
    assert stats["news/archive/new"] == 40
    (batches,) = db.execute("SELECT count(*) FROM redis_batches").fetchone()
    assert stats["news/distributed/batches"] == batches
    messages = sum(m for (m,) in db.execute("SELECT messages FROM redis_batches").fetchall())
    assert stats["news/archive/messages"] == messages
    assert "writing run 1" in run.log("writer3")
    assert "slow: fetched 42 = 40 new + 1 duplicate + 1 feed" in run.log("writer3")


def test_writer_replays_an_unacknowledged_batch_without_writing_it_twice(redis, tmp_path):
    keys = Keys("replay")
    client = redis.client()
    settings = project_settings({"DEDUPE_ENABLED": False})
    client.hset(keys.run, mapping={"id": 1, "state": "active", "started_at": "2026-01-01"})
    errors = [ErrorItem(f"http://127.0.0.1:9/{n}", "demo", "http_404") for n in range(3)]
    client.rpush(keys.items, *(codec.encode(codec.item_message(e, 1)) for e in errors))
    collector = Collector(client, keys, str(tmp_path / "news.db"), settings)
    assert collector.wait_for_run(1)
    collector.db["crawl_runs"].insert({"id": 1, "status": "running"})
    batch = collector.take()
    assert len(batch) == 3 and client.llen(keys.items) == 0
    assert client.llen(keys.processing) == 3  # taken, not acknowledged
    # The writer dies after the commit and before the acknowledgement:
    collector.commit(batch)
    client.rpush(keys.processing, *batch)
    again = Collector(client, keys, str(tmp_path / "news.db"), settings)
    assert again.wait_for_run(1)
    replayed = again.take()
    assert replayed == batch
    assert again.commit(replayed) is False  # recognised: acknowledged, not written
    assert client.llen(keys.processing) == 0
    assert again.db["errors"].count == 3
    # A batch taken but never committed (the writer died first) is written by the next one.
    client.rpush(keys.processing, codec.encode(codec.item_message(ErrorItem("u", "d", "x"), 1)))
    assert again.commit(again.take()) is True and again.db["errors"].count == 4


def test_seed_skips_known_articles_through_the_shared_filter_and_refuses_a_second_run(
    redis, tmp_path, demo_crawl, demo_server
):
    """A second run seeds what is due; known articles are marked seen for every worker."""
    import shutil

    from scrapy import Request

    from crawler.distributed.dupefilter import RedisDupeFilter
    from crawler.distributed.seeding import RunActive, clear_run, seed_run
    from crawler.sources import load_sources

    archive = tmp_path / "news.db"
    shutil.copy(demo_crawl.path, archive)
    sources_path = write_sources(tmp_path / "sources.toml", demo_server.url)
    sources = load_sources(sources_path)
    keys, client = Keys("again"), redis.client()
    # robots.txt is seeded when no worker's robots.txt middleware reads it
    settings = project_settings({"ROBOTSTXT_OBEY": False})
    report = seed_run(client, keys, archive, sources_path, sources, settings)
    known = articles(sqlite_utils.Database(archive))
    failed = (
        sqlite_utils.Database(archive)
        .execute("SELECT url FROM known_urls WHERE kind = 'article' AND state = 'failed'")
        .fetchall()
    )
    assert len(failed) == 1  # the page answering 500: retried by the next runs
    # feed, sitemap, home page, robots.txt, and the failure: no revisit is due yet
    assert report.seeds == 4 + 1
    assert report.skipped >= len(known) == 48
    seeds = [json.loads(s) for s in client.lrange(keys.seeds, 0, -1)]
    assert {s["meta"]["via"] for s in seeds} == {"feed", "sitemap", "start", "robots", "resume"}
    assert [s["url"] for s in seeds if s["meta"]["via"] == "resume"] == [failed[0][0]]
    dupefilter = RedisDupeFilter(client, keys.dupefilter)
    assert all(dupefilter.request_seen(Request(url)) for url in known)
    assert int(client.hget(keys.run, "id")) == report.run_id == 2
    with pytest.raises(RunActive, match="run 2 is active"):
        seed_run(client, keys, archive, sources_path, sources, settings)
    with pytest.raises(RunActive, match="not clearing it"):
        clear_run(client, keys)
    assert clear_run(client, keys, force=True)["id"] == "2"
    assert not client.keys("again:*")


def test_seed_refuses_a_bad_sources_file(redis, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\n')
    refused = Run(redis, tmp_path, "bad").seed(bad)
    assert refused.returncode == 2 and "bad sources file" in refused.stderr


def test_a_request_no_worker_finishes_is_given_up_as_an_error_and_the_books_balance(
    redis, tmp_path
):
    """Re-queued up to ``DISTRIBUTED_MAX_ATTEMPTS`` times, then a ``worker_lost`` outcome;
    a writer started again afterwards restores the run's counters from the archive."""
    keys, client = Keys("giveup"), redis.client()
    settings = project_settings(
        {"DEDUPE_ENABLED": False, "DISTRIBUTED_MAX_ATTEMPTS": 2, "DISTRIBUTED_IDLE_GRACE": 0}
    )
    client.hset(
        keys.run,
        mapping={"id": 1, "state": "active", "started_at": "2026-01-01", "sources": '["demo"]'},
    )
    path = str(tmp_path / "news.db")
    collector = Collector(client, keys, path, settings)
    collector.db["crawl_runs"].insert({"id": 1, "status": "running", "sources": '["demo"]'})
    assert collector.wait_for_run(1)
    url = "http://127.0.0.1:9/berita/1"
    seed = {"url": url, "callback": "parse_article", "meta": {"source": "demo", "via": "link"}}
    queued = {"t": "queued", "run": 1, "worker": "w1", "at": "2026-01-01", "seed": seed}
    client.rpush(keys.items, codec.encode(queued))
    assert collector.commit(collector.take())
    assert ledger.counts(collector.db, 1) == {"settled": 0, "in_flight": 1}

    def quiet_round() -> str:
        """Every worker idle and nothing in Redis, twice: the writer settles the run."""
        beat = {"state": "idle", "run": 1, "pages": 0, "items": 0, "queued": 0, "seeds": 0}
        states = []
        for _ in range(2):
            client.hset(keys.workers, "w1", json.dumps({**beat, "at": time.time() + 0.01}))
            time.sleep(0.02)
            states.append(collector.settle())
        return states[-1]

    assert quiet_round() == "active"  # re-queued once: the worker took it and died again
    (again,) = [codec.decode(s) for s in client.lrange(keys.seeds, 0, -1)]
    assert again["url"] == url and again["dont_filter"] is True
    client.delete(keys.seeds)
    assert quiet_round() == "finishing"  # given up
    known = next(collector.db.query("SELECT * FROM known_urls WHERE url = ?", [url]))
    assert (known["outcome"], known["reason"], known["state"], known["request"]) == (
        "error",
        "worker_lost",
        "failed",
        None,
    )
    assert collector.db.execute("SELECT reason FROM errors").fetchall() == [("worker_lost",)]
    collector.close()
    restarted = Collector(client, keys, path, settings)  # a writer started again
    assert restarted.wait_for_run(1)
    assert restarted.stats["news/distributed/lost"] == 1
    assert restarted.stats["news/distributed/requeued"] == 1
    stats = restarted.finish()
    assert stats["news/source/demo/failed"] == 1
    row = next(restarted.db.query("SELECT * FROM crawl_runs WHERE id = 1"))
    book = json.loads(row["accounting"])["demo"]
    assert (book["fetched"], book["recorded"], book["missing"], book["unsettled"]) == (1, 1, 0, 0)
    assert_books_balance(restarted.db)
    # Killed after closing the run and before saying so in Redis: the next writer only says so.
    client.hset(keys.run, "state", "finishing")
    last = Collector(client, keys, path, settings)
    assert last.wait_for_run(1) and not last.stats  # a finished run's counters are not resumed
    assert last.finish() == json.loads(row["stats"])
    assert next(last.db.query("SELECT * FROM crawl_runs WHERE id = 1")) == row
    assert client.hget(keys.run, "state") == b"finished"


def test_the_shared_queue_stores_each_callback_under_the_name_scrapy_gives_it(redis):
    """The scheduler names callbacks from the spider's methods taken once
    (``crawler.diskqueue.stored_dict``): the stored requests are scrapy-redis's own, and
    come back with their callbacks."""
    import inspect
    import pickle
    import types

    import scrapy

    from crawler.distributed.scheduler import RedisScheduler
    from crawler.distributed.spider import DistributedNewsSpider

    from conftest import project_crawler

    crawler = project_crawler(
        DistributedNewsSpider, REDIS_URL=redis.url, DISTRIBUTED_KEY="queue-names"
    )
    spider = DistributedNewsSpider.from_crawler(crawler)
    scheduler = RedisScheduler.from_crawler(crawler)
    scheduler.open(spider)
    methods = [method for _, method in inspect.getmembers(spider, inspect.ismethod)]
    assert len(methods) > 20
    for n, method in enumerate(methods):
        request = scrapy.Request(
            f"https://k.example/{n}", callback=method, errback=spider.on_error, dont_filter=True
        )
        assert scheduler.enqueue_request(request)
        stored = redis.client().zrange(scheduler.queue.key, 0, -1)  # the only one queued
        assert len(stored) == 1 and pickle.loads(stored[0]) == request.to_dict(spider=spider)
        back = scheduler.next_request()
        assert (back.url, back.callback, back.errback) == (request.url, method, spider.on_error)
    # a method set on the spider after the scheduler opened is found in the spider itself
    spider.later = types.MethodType(lambda self, response: None, spider)
    assert scheduler.enqueue_request(
        scrapy.Request("https://k.example/later", callback=spider.later)
    )
    assert scheduler.next_request().callback == spider.later
    client = redis.client()
    client.delete(*client.keys("queue-names*"))
