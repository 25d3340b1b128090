"""The Scrapy adapters configured in-process: each reads its settings, defaults from
``crawler/settings.py``, and switches off (``NotConfigured``) as its docstring says.

Crawlers come from ``conftest.project_crawler`` (Scrapy's ``get_crawler`` with the
project's settings); nothing here starts a crawl or opens a socket.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import NotConfigured, UsageError

from crawler import settings as project
from crawler.archive import archive_path
from crawler.commands.base import CommandFailed, NewsCommand, failing
from crawler.settings import project_settings

from conftest import project_crawler


def test_archive_path_is_archive_db_with_the_settings_default(tmp_path):
    assert archive_path(project_settings()) == Path(project.ARCHIVE_DB) == Path("data/news.db")
    assert archive_path(project_settings({"ARCHIVE_DB": ""})) == Path("data/news.db")
    chosen = tmp_path / "elsewhere.db"
    assert archive_path(project_settings({"ARCHIVE_DB": str(chosen)})) == chosen


CONSOLES_IMPORTED = """
import sys
from crawler.settings import project_settings
extensions = project_settings().get_component_priority_dict_with_base("EXTENSIONS")
print(*extensions, *(name for name in ("scrapy.extensions.telnet",
      "scrapy.extensions.remote_control") if name in sys.modules))
"""


def test_settings_define_each_dict_once_with_every_component():
    settings = project_settings()
    assert dict(settings["ITEM_PIPELINES"]) == {
        "crawler.pipelines.extract.ExtractPipeline": 300,
        "crawler.pipelines.warc_metadata.WarcMetadataPipeline": 750,
        "crawler.pipelines.archive.ArchivePipeline": 800,
    }
    assert list(settings["EXTENSIONS"]) == [
        "crawler.extensions.progress.ProgressLogger",
        "crawler.extensions.runs.RunRecorder",
        "crawler.extensions.crawldelay.CrawlDelay",
        "crawler.extensions.dedupe.DedupeExtension",
    ]
    # Scrapy's consoles that run code sent to them: off, and not even imported (in a
    # fresh process: Scrapy imports every extension the two dicts name, None or not)
    extensions = subprocess.run(
        [sys.executable, "-c", CONSOLES_IMPORTED], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "crawler.extensions.runs.RunRecorder" in extensions  # the dicts were read
    assert "scrapy.extensions.corestats.CoreStats" in extensions  # Scrapy's others kept
    assert not {"scrapy.extensions.telnet", "scrapy.extensions.remote_control"} & set(extensions)
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")
    middlewares = settings["DOWNLOADER_MIDDLEWARES"]
    assert middlewares["crawler.middlewares.warc.WarcCaptureMiddleware"] == 950
    assert middlewares["crawler.middlewares.guard.AddressGuardMiddleware"] == 50
    assert "globals()" not in Path(project.__file__).read_text(encoding="utf-8")


def test_extract_pipeline_reads_its_settings_and_switches_off():
    from crawler.pipelines.extract import ExtractPipeline, extract_settings
    from pipelines.extract.page import extract_page
    from pipelines.pool import resolve

    defaults = extract_settings(project_settings())
    path = "pipelines.extract.page.extract_page"  # the workers import it, not the crawl
    assert defaults == {"workers": None, "min_words": 40, "timeout": 60.0, "function": path}
    crawler = project_crawler(
        EXTRACT_WORKERS="0", EXTRACT_MAX_PENDING=0, EXTRACT_MIN_WORDS=55, EXTRACT_TIMEOUT=5
    )
    pipeline = ExtractPipeline.from_crawler(crawler)
    try:
        assert pipeline.min_words == 55
        pool = pipeline.pool
        assert (pool.workers, pool.max_pending, pool.timeout) == (0, 8, 5.0)  # 0: 8 per worker
        assert resolve(pool.function) is extract_page
    finally:
        pipeline.close_spider()
    with pytest.raises(NotConfigured):
        ExtractPipeline.from_crawler(project_crawler(EXTRACT_ENABLED=False))


def test_archive_pipeline_reads_its_settings_and_switches_off(tmp_path):
    from crawler.pipelines.archive import ArchivePipeline

    crawler = project_crawler(
        ARCHIVE_DB=str(tmp_path / "a.db"), ARCHIVE_BATCH_SIZE=7, ARCHIVE_CAPTURES=False
    )
    pipeline = ArchivePipeline.from_crawler(crawler)
    assert pipeline.path == tmp_path / "a.db"
    assert (pipeline.batch_size, pipeline.batch_seconds, pipeline.keep_captures) == (7, 2.0, False)
    assert not (tmp_path / "a.db").exists()  # opened at open_spider, not before
    with pytest.raises(NotConfigured):
        ArchivePipeline.from_crawler(project_crawler(ARCHIVE_ENABLED=False))


def test_warc_middleware_and_metadata_pipeline_share_one_recorder(tmp_path):
    from crawler.middlewares.warc import WarcCaptureMiddleware
    from crawler.pipelines.warc_metadata import WarcMetadataPipeline

    crawler = project_crawler(ARCHIVE_DB=str(tmp_path / "news.db"), WARC_GZIP_LEVEL=6)
    crawler.stats.open_spider()
    middleware = WarcCaptureMiddleware.from_crawler(crawler)
    pipeline = WarcMetadataPipeline.from_crawler(crawler)
    recorder = middleware.recorder
    try:
        assert pipeline.recorder is recorder and recorder.db_path == tmp_path / "news.db"
        assert recorder.store.directory == tmp_path / "warc"  # WARC_DIR unset: next to it
        assert (recorder.store.level, recorder.store.max_size) == (6, 100_000_000)
    finally:
        recorder.close()
    for off in ({"WARC_ENABLED": False}, {"ARCHIVE_ENABLED": False}):
        with pytest.raises(NotConfigured):
            WarcCaptureMiddleware.from_crawler(project_crawler(**off))
        with pytest.raises(NotConfigured):
            WarcMetadataPipeline.from_crawler(project_crawler(**off))


def test_run_recorder_dedupe_and_progress_read_their_settings_and_switch_off(tmp_path):
    from crawler.extensions.dedupe import DedupeExtension
    from crawler.extensions.progress import ProgressLogger
    from crawler.extensions.runs import RunRecorder

    db = tmp_path / "news.db"
    crawler = project_crawler(ARCHIVE_DB=str(db), DEDUPE_THRESHOLD=0.5)
    assert RunRecorder.from_crawler(crawler).path == db
    dedupe = DedupeExtension.from_crawler(crawler)
    assert (dedupe.path, dedupe.threshold) == (db, 0.5)
    progress = ProgressLogger.from_crawler(crawler)
    assert (progress.interval, progress.path) == (30.0, db)
    assert DedupeExtension.from_crawler(project_crawler()).threshold == 0.3
    off = project_crawler(ARCHIVE_ENABLED=False)
    for extension in (RunRecorder, DedupeExtension):
        with pytest.raises(NotConfigured):
            extension.from_crawler(off)
    with pytest.raises(NotConfigured):
        DedupeExtension.from_crawler(project_crawler(DEDUPE_ENABLED=False))
    assert ProgressLogger.from_crawler(off).path is None  # the live line alone
    with pytest.raises(NotConfigured):
        ProgressLogger.from_crawler(
            project_crawler(ARCHIVE_ENABLED=False, NEWS_PROGRESS_INTERVAL=0)
        )


def test_politeness_components_read_their_bounds_and_switch_off_at_zero():
    from crawler.extensions.crawldelay import CrawlDelay
    from crawler.middlewares.retryafter import RetryAfterMiddleware

    delay = CrawlDelay.from_crawler(project_crawler(ROBOTSTXT_USER_AGENT="probe"))
    assert (delay.cap, delay.agent) == (10.0, "probe")
    assert CrawlDelay.from_crawler(project_crawler()).agent == project.USER_AGENT
    assert RetryAfterMiddleware.from_crawler(project_crawler()).bound == 60.0
    assert RetryAfterMiddleware.from_crawler(project_crawler(NEWS_RETRY_AFTER_MAX=5)).bound == 5.0
    with pytest.raises(NotConfigured):
        CrawlDelay.from_crawler(project_crawler(NEWS_CRAWL_DELAY_MAX=0))
    with pytest.raises(NotConfigured, match="PoliteDownloader"):
        CrawlDelay.from_crawler(project_crawler(DOWNLOADER="scrapy.core.downloader.Downloader"))
    with pytest.raises(NotConfigured):
        RetryAfterMiddleware.from_crawler(project_crawler(NEWS_RETRY_AFTER_MAX=0))


def test_guard_and_redirect_middlewares_switch_off():
    from crawler.middlewares.guard import AddressGuardMiddleware
    from crawler.middlewares.redirects import RedirectLoopMiddleware

    guard = AddressGuardMiddleware.from_crawler(project_crawler())
    assert guard.allowed == ()
    allowed = AddressGuardMiddleware.from_crawler(
        project_crawler(GUARD_ALLOW_NETWORKS=["10.1.0.0/16"])
    ).allowed
    assert [str(network) for network in allowed] == ["10.1.0.0/16"]
    RedirectLoopMiddleware.from_crawler(project_crawler())
    with pytest.raises(NotConfigured):
        AddressGuardMiddleware.from_crawler(project_crawler(GUARD_ENABLED=False))
    with pytest.raises(NotConfigured):
        RedirectLoopMiddleware.from_crawler(project_crawler(REDIRECT_ENABLED=False))


def test_worker_settings_switch_the_archive_off_over_the_project_but_under_dash_s():
    from crawler.commands.worker import Command

    def configured(*argv: str):
        command = Command()
        command.settings = project_settings()
        command.settings.setdict(Command.default_settings, priority="command")
        parser = argparse.ArgumentParser()
        command.add_options(parser)
        command.process_options([], parser.parse_args(argv))
        return command.settings

    settings = configured()
    assert not settings.getbool("ARCHIVE_ENABLED") and not settings.getbool("WARC_ENABLED")
    assert settings["SCHEDULER"] == "crawler.distributed.scheduler.RedisScheduler"
    pipelines = settings["ITEM_PIPELINES"]
    assert pipelines["crawler.distributed.pipeline.RedisItemPipeline"] == 800
    assert configured("-s", "ARCHIVE_ENABLED=1").getbool("ARCHIVE_ENABLED")


class Probe(NewsCommand, ScrapyCommand):
    """A command on the shared shell (not in crawler.commands, so never listed)."""

    usage = "[--times N]"
    summary = "probe"
    options = ((("--times",), {"type": int, "default": 1}),)

    def execute(self, args: list[str], opts: argparse.Namespace) -> int | None:
        with failing({KeyError: 4, ValueError: 5}, "probe: "):
            if opts.times == 0:
                raise ValueError("no times")
            if opts.times < 0:
                raise KeyError("negative")
        return 7 if opts.times == 7 else None


def test_the_command_shell_options_arguments_and_exit_statuses(capsys):
    command = Probe()
    command.settings = project_settings()
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    assert (command.syntax(), command.short_desc(), command.name) == (
        "[--times N]",
        "probe",
        __name__.rsplit(".", 1)[-1],
    )
    with pytest.raises(UsageError, match="takes no arguments"):
        command.run(["extra"], parser.parse_args([]))
    command.run([], parser.parse_args([]))
    assert command.exitcode == 0
    command.run([], parser.parse_args(["--times", "0"]))
    assert command.exitcode == 5 and capsys.readouterr().err == "error: probe: no times\n"
    command.run([], parser.parse_args(["--times", "-1"]))
    assert command.exitcode == 4 and "error: probe: 'negative'" in capsys.readouterr().err
    command.run([], parser.parse_args(["--times", "7"]))
    assert command.exitcode == 7
    assert command.archive() == Path("data/news.db")
    with pytest.raises(CommandFailed) as failed, failing({OSError: 2}):
        raise FileNotFoundError("gone")
    assert failed.value.status == 2
