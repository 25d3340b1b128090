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
from scrapy.settings import Settings

from crawler.distributed import codec, ledger
from crawler.distributed.collector import Collector
from crawler.distributed.keys import Keys
from crawler.settings import project_settings
from pipelines.items import ErrorItem

import redis_server
from conftest import CRAWL_ENV, FAST, ROOT, SCRAPY_STRICT, assert_clean_log, write_sources
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
    assert ledger.counts(db, row["id"]).keys() == {"done"}
    stats = json.loads(row["stats"])
    assert stats.get("news/distributed/requeued", 0) == 0
    # The run is over: its keys go, and a second run can be seeded.
    cleared = subprocess.run(
        scrapy("clear", *run.settings), cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True
    )
    assert cleared.returncode == 0 and "cleared run 1 (finished)" in cleared.stdout
    assert not run.client.keys("two:*")


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
    assert ledger.counts(db, row["id"]).keys() == {"done"}
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
    report = seed_run(client, keys, archive, sources_path, sources, Settings())
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
        seed_run(client, keys, archive, sources_path, sources, Settings())
    with pytest.raises(RunActive, match="not clearing it"):
        clear_run(client, keys)
    assert clear_run(client, keys, force=True)["id"] == "2"
    assert not client.keys("again:*")


def test_seed_refuses_a_bad_sources_file(redis, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\n')
    refused = Run(redis, tmp_path, "bad").seed(bad)
    assert refused.returncode == 2 and "bad sources file" in refused.stderr
