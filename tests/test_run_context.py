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


# The scrapy command with an audit hook that names every SQLite connection the process opens.
COUNT_OPENS = (
    "import sys\n"
    "def opened(event, args):\n"
    "    if event == 'sqlite3.connect':\n"
    "        print('sqlite3.connect', args[0], file=sys.stderr, flush=True)\n"
    "sys.addaudithook(opened)\n"
)


def archive_opens(log: str, path: Path) -> int:
    """How many connections the logged crawl opened on the archive at ``path``."""
    marks = [line.split(" ", 1)[1] for line in log.splitlines() if line.startswith("sqlite3.")]
    return sum(1 for mark in marks if str(path) in mark)


def test_a_crawl_opens_its_archive_twice_a_writer_and_a_reader(demo_server, tmp_path: Path):
    """A crawl over an archive that has runs, articles, the frontier and WARC records behind
    it (frontier load, resume plan, revisit look-ups, silent-source check, run recorder,
    batches, clustering) opens the file twice: the writer's connection and one reader.

    Its first crawl is its own: the shared demo archive may hold other tests' runs."""
    import subprocess

    from conftest import CRAWL_ENV, ROOT, crawl_command, run_crawl, write_sources

    db = tmp_path / "news.db"
    sources = write_sources(tmp_path / "sources.toml", demo_server.url)
    first = run_crawl(sources, db)
    assert first.returncode == 0 and "crawl run 1 finished" in first.log, first.log[-3000:]
    command = crawl_command(sources, db)
    command[2] = COUNT_OPENS + command[2]  # the -c program
    done = subprocess.run(
        command, cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True, timeout=240
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-3000:]
    assert "resuming runs" not in log and "crawl run 2 finished" in log
    assert archive_opens(log, db) == 2, [line for line in log.splitlines() if "sqlite3." in line]
