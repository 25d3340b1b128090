"""The extraction pool through real crawls: same archive as inline extraction, a crashing
or hanging page costs that page only, and a SIGTERM mid-crawl loses nothing extracted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FAST, ROOT, SCRAPY_STRICT, run_crawl, write_sources
from sites.demo.server import SiteServer
from sites.demo.site import Page, article_path, build_site, expected_articles, render_article
from sites.demo.stories import LANGUAGES, STORIES

VOLATILE = {"first_seen", "last_fetched", "fetch_count"}  # other tests re-crawl demo_crawl


def article_rows(db) -> list[dict]:
    rows = db.query("select * from articles order by id")
    return [{k: v for k, v in row.items() if k not in VOLATILE} for row in rows]


def test_pool_archive_equals_inline_archive(demo_crawl, demo_server, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", demo_server.url)
    inline = run_crawl(sources, tmp_path / "inline.db", "-s", "EXTRACT_WORKERS=0")
    assert inline.returncode == 0, inline.log[-3000:]
    pooled = article_rows(demo_crawl.db)
    assert len(pooled) == len(expected_articles(demo_server.url))
    assert article_rows(inline.db) == pooled


def poisoned_site(base: str) -> dict:
    """The demo site plus two poisoned article pages, announced by their own feed."""
    routes = build_site(base)
    story = STORIES[0]
    html = render_article(base, story, "en")
    feed = []
    for kind in ("crash", "hang"):
        path = f"/en/news/9{kind == 'hang':d}/{kind}"
        body = html.replace("<body", f"<!-- poison:{kind} --><body", 1)
        routes[path] = Page(
            headers={"Content-Type": "text/html; charset=utf-8"}, body=body.encode()
        )
        feed.append(f"<item><title>{kind}</title><link>{base}{path}</link></item>")
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel>{"".join(feed)}</channel></rss>'
    routes["/poison.xml"] = Page(headers={"Content-Type": "application/rss+xml"}, body=rss.encode())
    return routes


def test_crashing_and_hanging_pages_are_recorded_and_the_crawl_goes_on(tmp_path):
    with SiteServer(poisoned_site) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url)
        text = sources.read_text().replace('/rss.xml"]', f'/rss.xml", "{server.url}/poison.xml"]')
        sources.write_text(text)
        result = run_crawl(
            sources,
            tmp_path / "news.db",
            "-s", "EXTRACT_FUNCTION=tests.poison.extract_or_die",
            "-s", "EXTRACT_TIMEOUT=5",
        )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    errors = {row["url"].rsplit("/", 1)[1]: row for row in result.db["errors"].rows}
    assert errors["crash"]["reason"] == "extract_crash"
    assert errors["hang"]["reason"] == "extract_timeout"
    assert errors["crash"]["kind"] == errors["hang"]["kind"] == "failed"
    # every real article is archived all the same: only the culprits were lost
    assert result.db["articles"].count == len(expected_articles(server.url))
    stats = json.loads(next(result.db["crawl_runs"].rows)["stats"])
    assert stats["news/extract/skipped/extract_crash"] == 1
    assert stats["news/extract/skipped/extract_timeout"] == 1


def slow_site(base: str) -> dict:
    """The demo site with article pages that take 1 s to answer."""
    routes = build_site(base)
    for story in STORIES:
        for lang in LANGUAGES:
            page = routes[article_path(story, lang)]

            def slow(handler, page=page):
                time.sleep(1.0)
                handler.send_response(page.status)
                for name, value in page.headers.items():
                    handler.send_header(name, value)
                handler.send_header("Content-Length", str(len(page.body)))
                handler.end_headers()
                handler.wfile.write(page.body)

            routes[article_path(story, lang)] = slow
    return routes


def test_sigterm_mid_crawl_archives_everything_extracted(tmp_path):
    with SiteServer(slow_site) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url)
        db_path = tmp_path / "news.db"
        command = [
            sys.executable, "-c", SCRAPY_STRICT, "crawl", "news", "-a", f"sources={sources}",
            "-s", f"ARCHIVE_DB={db_path}", *FAST,
            # nothing is written before the stop: the close must flush it all
            "-s", "ARCHIVE_BATCH_SIZE=10000", "-s", "ARCHIVE_BATCH_SECONDS=600",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
        ]  # fmt: skip
        crawl = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        articles = {article_path(story, lang) for story in STORIES for lang in LANGUAGES}
        while sum(n for p, n in server.hits.items() if p in articles) < 4:
            assert time.monotonic() < deadline and crawl.poll() is None
            time.sleep(0.05)
        os.kill(crawl.pid, signal.SIGTERM)
        log = crawl.communicate(timeout=120)[0].decode()
    assert crawl.returncode == 0, log[-3000:]
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    run = next(db["crawl_runs"].rows)
    stats = json.loads(run["stats"])
    assert run["status"] == "interrupted"
    extracted = stats.get("news/extract/article", 0)
    assert 0 < extracted < len(expected_articles(server.url))
    assert db["articles"].count == extracted
    assert stats["news/archive/new"] == extracted


def state_of(pid: int | str) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc, ``None`` once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent = stat.rsplit(")", 1)[1].split()[:2]
    return state, int(parent)


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in os.listdir("/proc"):
        state = state_of(entry) if entry.isdigit() else None
        if state is not None and state[1] == pid and state[0] != "Z":
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    state = state_of(pid)
    return state is not None and state[0] != "Z"


def test_extraction_workers_die_with_a_sigkilled_crawl(tmp_path):
    with SiteServer(slow_site) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url)
        command = [
            sys.executable, "-c", SCRAPY_STRICT, "crawl", "news", "-a", f"sources={sources}",
            "-s", f"ARCHIVE_DB={tmp_path / 'news.db'}", *FAST, "-s", "EXTRACT_WORKERS=2",
        ]  # fmt: skip
        crawl = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120
        articles = {article_path(story, lang) for story in STORIES for lang in LANGUAGES}
        while sum(n for p, n in server.hits.items() if p in articles) < 2:
            assert time.monotonic() < deadline and crawl.poll() is None
            time.sleep(0.05)
        # the crawl's children: the forkserver (and multiprocessing's resource tracker);
        # the pool's two workers are the forkserver's children, forked warm
        workers: set[int] = set()
        while len(workers) < 2:
            assert time.monotonic() < deadline and crawl.poll() is None
            time.sleep(0.05)
            children = children_of(crawl.pid)
            workers = {pid for child in children for pid in children_of(child)}
        assert len(children) >= 1
        crawl.kill()
        crawl.wait()
        deadline = time.monotonic() + 5
        left = children | workers
        while any(alive(pid) for pid in left) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "workers outlived the crawl"
        assert not [pid for pid in children if alive(pid)], "the forkserver outlived the crawl"


WATCHED = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", (
    "import os, sys, time\\n"
    "from pipelines.pool import watch_parent\\n"
    "watch_parent(os.getppid(), 0.1)\\n"
    "print(os.getpid(), flush=True)\\n"
    "time.sleep(60)\\n"
)])
child.wait()
"""


def test_the_watchdog_alone_ends_a_worker_whose_parent_died():
    """The portable fallback, without the Linux parent-death signal."""
    parent = subprocess.Popen(
        [sys.executable, "-c", WATCHED], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    child = int(parent.stdout.readline())
    assert alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)
