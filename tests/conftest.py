"""Shared test fixtures: the demo site on loopback, real crawls through the ``scrapy`` CLI.

Crawls run as subprocesses (``python -m scrapy crawl news ...``) exactly as a
user runs them, with Scrapy deprecation warnings turned into errors; their log
is kept so tests can assert that nothing unexpected was logged.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils

from sites.demo.server import SiteServer

ROOT = Path(__file__).resolve().parents[1]
FAST = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_START_DELAY=0",
    "-s", "AUTOTHROTTLE_MAX_DELAY=1",
    "-s", "EXTRACT_WORKERS=2",
]  # fmt: skip


# The scrapy command, with Scrapy's deprecation warnings turned into errors.
SCRAPY_STRICT = (
    "import sys, warnings; from scrapy.exceptions import ScrapyDeprecationWarning; "
    "warnings.filterwarnings('error', category=ScrapyDeprecationWarning); "
    "from scrapy.cmdline import execute; sys.argv[0] = 'scrapy'; execute()"
)


@dataclass
class CrawlResult:
    returncode: int
    log: str
    db: sqlite_utils.Database | None  # None when the crawl never created the archive
    path: Path


def write_sources(path: Path, base: str, name: str = "demo", **extra: object) -> Path:
    lines = [
        "[[source]]",
        f'name = "{name}"',
        f'start_urls = ["{base}/"]',
        f'feeds = ["{base}/rss.xml"]',
        f'sitemaps = ["{base}/sitemap.xml"]',
        "allow_private = true",
    ]
    for key, value in extra.items():
        lines.append(f"{key} = {value!r}".replace("'", '"'))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def project_crawler(spidercls: type | None = None, **overrides: object):  # -> Crawler
    """Scrapy's ``get_crawler`` with the project's settings (``crawler/settings.py``) under
    ``overrides``: an in-process crawler configured as ``scrapy crawl`` configures one."""
    from scrapy.utils.test import get_crawler

    from crawler import settings as project

    names = {name: getattr(project, name) for name in dir(project) if name.isupper()}
    return get_crawler(spidercls, {**names, **overrides})


def run_archive_pipeline(crawler, items: list) -> None:
    """Pass ``items`` through the project's ``ArchivePipeline`` built from ``crawler``, in
    process: open, every item, close."""
    import asyncio

    from crawler.pipelines.archive import ArchivePipeline

    async def run() -> None:
        pipeline = ArchivePipeline.from_crawler(crawler)
        await pipeline.open_spider()
        for item in items:
            await pipeline.process_item(item)
        await pipeline.close_spider()

    asyncio.run(run())


def crawl_command(sources: Path, db_path: Path, *args: str) -> list[str]:
    """The real ``scrapy crawl news`` command line, as the tests run it."""
    return [
        sys.executable, "-c", SCRAPY_STRICT, "crawl", "news",
        "-a", f"sources={sources}", "-s", f"ARCHIVE_DB={db_path}", *FAST, *args,
    ]  # fmt: skip


CRAWL_ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def run_crawl(sources: Path, db_path: Path, *args: str, timeout: float = 240) -> CrawlResult:
    """Run the real ``scrapy crawl news`` command; returns its exit status, log and archive."""
    command = crawl_command(sources, db_path, *args)
    done = subprocess.run(
        command, cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True, timeout=timeout
    )
    db = sqlite_utils.Database(db_path) if db_path.exists() else None
    return CrawlResult(done.returncode, done.stdout + done.stderr, db, db_path)


def assert_books_balance(db: sqlite_utils.Database, log: str | None = None) -> None:
    """Every finished run's accounting holds: per source, fetched = the sum of outcomes,
    and no fetched URL was left without an outcome (nor named so in the log); a URL
    whose outcome is ``duplicate`` names the archived article it copies."""
    import json

    orphans = db.execute(
        "SELECT url, article_id FROM known_urls WHERE outcome = 'duplicate' "
        "AND (article_id IS NULL OR article_id NOT IN (SELECT id FROM articles))"
    ).fetchall()
    assert not orphans, orphans

    for run in db.query("select id, status, accounting from crawl_runs"):
        if run["status"] in ("running", "killed"):
            continue
        books = json.loads(run["accounting"] or "{}")
        for source, book in books.items():
            assert book["missing"] == 0 and book["unsettled"] == 0, (run["id"], source, book)
    if log is not None:
        assert "no outcome recorded" not in log, log[-3000:]
        assert "does not balance" not in log, log[-3000:]


def assert_clean_log(log: str) -> None:
    """No traceback, no deprecation warning, no ERROR line in a crawl's log."""
    assert "Traceback" not in log, log[-5000:]
    assert "Deprecat" not in log, log[-5000:]
    errors = [
        line
        for line in log.splitlines()
        if " ERROR: " in line and "Gave up retrying" not in line  # recorded in errors table
    ]
    assert not errors, errors


@pytest.fixture(scope="session")
def demo_server():
    with SiteServer() as server:
        yield server


@pytest.fixture(scope="session")
def demo_crawl(demo_server, tmp_path_factory) -> CrawlResult:
    """The demo site crawled once into a fresh archive (shared by the end-to-end tests)."""
    tmp = tmp_path_factory.mktemp("demo")
    sources = write_sources(tmp / "sources.toml", demo_server.url)
    demo_server.hits.clear()
    result = run_crawl(sources, tmp / "news.db")
    result.hits = dict(demo_server.hits)  # type: ignore[attr-defined]
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def datasette_server(db_path: Path, *args: str):
    """A real ``datasette serve`` process on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(db_path),
            *args,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            process.kill()
            pytest.fail(process.stderr.read().decode())
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The hostile site (tests/sites) crawled twice into fresh archives."""
    from sites.servers import hostile_sites

    tmp = tmp_path_factory.mktemp("hostile")
    with hostile_sites() as sites:
        sources = sites.write_sources(tmp / "sources.toml")
        first = run_crawl(sources, tmp / "first.db", *sites.settings(), timeout=180)
        hits = dict(sites.site.hits)
        second = run_crawl(sources, tmp / "second.db", *sites.settings(), timeout=180)
        yield sites, first, second, hits, dict(sites.forbidden.hits)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def chromium(*args: str, profile: Path) -> str:
    """Run Debian's headless Chromium (no outside connections) with ``args``; its stdout."""
    assert CHROMIUM, "chromium is not installed (make test installs it: tests/system.sh)"
    done = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def assert_installs_only_for_its_source(monkeypatch, wrapper, owner, name, replacement) -> None:
    """A library wrapper (``wrapper.install``, ``wrapper.LIBRARY``) puts ``replacement`` in
    ``owner.name`` only while the library's source is the one it was written for."""
    monkeypatch.setattr(owner, name, wrapper.LIBRARY)
    assert not wrapper.install(written_for="0" * 12)
    assert getattr(owner, name) is wrapper.LIBRARY
    assert wrapper.install()
    assert getattr(owner, name) is replacement


def random_texts(alphabet: str, tokens: list[str], count: int, seed: int) -> list[str]:
    """``count`` random strings of ``alphabet``'s characters and ``count`` random runs of
    ``tokens`` (fuzz inputs for a pattern's or a wrapper's equality with the library's)."""
    draw = random.Random(seed)
    chars = ["".join(draw.choices(alphabet, k=draw.randint(0, 200))) for _ in range(count)]
    runs = ["".join(draw.choices(tokens, k=draw.randint(0, 40))) for _ in range(count)]
    return chars + runs
