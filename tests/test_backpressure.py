"""Backpressure: when extraction lags, the downloader waits instead of piling pages up.

At most ``EXTRACT_MAX_PENDING`` responses are held (from the start of their download
until extracted), in a single-machine crawl and in a distributed worker, checked
through the stats each counts (``news/extract/pending_max``,
``news/backpressure/held_max``, ``news/backpressure/waits``). Extraction is slowed
by ``tests.poison.extract_slowly`` with one worker.
"""

from __future__ import annotations

import json

import pytest
from test_distributed import Run, articles, redis  # noqa: F401 - redis is a fixture

import redis_server
from conftest import assert_books_balance, run_crawl, write_sources
from sites.demo.server import SiteServer
from sites.demo.site import expected_articles
from sites.slow import build_slow, slow_sources

SLOW = [
    "-s", "EXTRACT_FUNCTION=tests.poison.extract_slowly",
    "-s", "EXTRACT_WORKERS=1",
    "-s", "EXTRACT_MAX_PENDING=3",
]  # fmt: skip


def assert_held_back(stats: dict) -> None:
    assert 1 <= stats["news/extract/pending_max"] <= 3
    assert stats["news/backpressure/held_max"] <= 3
    assert stats["news/backpressure/waits"] > 0  # the downloader did wait for extraction


def test_slow_extraction_holds_the_downloads_back(demo_server, tmp_path):
    """Extraction slower than the site: at most EXTRACT_MAX_PENDING responses are held."""
    sources = write_sources(tmp_path / "sources.toml", demo_server.url)
    result = run_crawl(sources, tmp_path / "news.db", *SLOW)
    assert result.returncode == 0, result.log[-3000:]
    assert result.db["articles"].count == len(expected_articles(demo_server.url))
    assert_books_balance(result.db, result.log)
    stats = json.loads(next(result.db["crawl_runs"].rows)["stats"])
    assert_held_back(stats)


@pytest.mark.skipif(not redis_server.available(), reason="no redis-server")
def test_a_distributed_worker_waits_for_its_extraction(redis, tmp_path):  # noqa: F811
    with SiteServer(lambda base: build_slow(base, 30, 0.02)) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url))
        run = Run(redis, tmp_path, "held")
        assert run.seed(sources).returncode == 0
        try:
            run.start("writer", "writer")
            run.start("w1", "worker", *SLOW, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")
            for name in ("writer", "w1"):
                assert run.wait(name) == 0, run.log(name)[-3000:]
        finally:
            run.stop()
    assert len(articles(run.db())) == 30
    worker = json.loads(run.run_row()["workers"])["w1"]
    assert worker["reason"] == "finished"
    assert_held_back(worker["stats"])
