"""The run context (``crawler.run``): one per crawl, shared by the spider and the components."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from crawler.extensions.runs import RunRecorder
from crawler.middlewares.guard import AddressGuardMiddleware
from crawler.pipelines.archive import ArchivePipeline
from crawler.run import RunContext
from crawler.sources import load_sources
from crawler.spiders.news import NewsSpider

from conftest import project_crawler

SOURCES = """
[[source]]
name = "harbour"
start_urls = ["http://127.0.0.1:9/"]
allow_private = true
"""


def test_one_context_per_crawler_read_once_from_the_settings(tmp_path: Path):
    db = tmp_path / "news.db"
    crawler = project_crawler(
        ARCHIVE_DB=str(db), NEWS_CLOCK="2026-03-04T05:06:07+00:00", NEWS_REVISIT_AFTER="2h,1d"
    )
    run = RunContext.of(crawler)
    assert RunContext.of(crawler) is run
    assert RunContext.of(project_crawler()) is not run
    assert run.archive == db and run.archived
    assert run.steps == [timedelta(hours=2), timedelta(days=1)]
    shifted = run.now_at() - datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert timedelta(0) <= shifted < timedelta(minutes=1)
    assert run.started.startswith("2026-03-04T05:0")


def test_the_spider_the_recorder_the_guard_and_the_archive_share_it(tmp_path: Path):
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    crawler = project_crawler(NewsSpider, ARCHIVE_DB=str(tmp_path / "news.db"))
    spider = NewsSpider.from_crawler(crawler, sources=str(sources))
    run = RunContext.of(crawler)
    assert run.source_names == ["harbour"] and run.by_name["harbour"].allow_private
    assert spider.accounting is run.accounting and spider.run is run and run.incremental
    assert RunRecorder.from_crawler(crawler).run is run
    assert ArchivePipeline.from_crawler(crawler).path == run.archive
    guard = AddressGuardMiddleware.from_crawler(crawler)
    request = spider.request("http://127.0.0.1:9/a", run.by_name["harbour"], "link", spider.parse)
    assert guard.allow_private(request)


def test_sources_set_once_name_them_by_name(tmp_path: Path):
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    run = RunContext(tmp_path / "news.db")
    kept = run.use_sources(load_sources(str(sources)))
    assert run.sources is kept and list(run.by_name) == ["harbour"]


def test_one_writer_opens_and_closes_the_run(tmp_path: Path):
    import sqlite3

    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    db = tmp_path / "news.db"
    crawler = project_crawler(NewsSpider, ARCHIVE_DB=str(db))
    crawler.spider = NewsSpider.from_crawler(crawler, sources=str(sources))
    run = RunContext.of(crawler)
    writer = run.writer()
    assert run.writer() is writer
    recorder = RunRecorder.from_crawler(crawler)
    recorder.spider_opened()
    assert run.run_id == 1 and run.writer() is writer  # the run opened through it
    recorder.spider_closed("finished")
    run.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, status FROM crawl_runs").fetchall() == [(1, "finished")]
