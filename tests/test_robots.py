"""robots.txt in a real ``scrapy crawl news``, read as RFC 9309 says and before any page.

The site's robots.txt disallows ``/private/``; the source starts from the home page and
three private pages, so four requests to the host wait for robots.txt at once. Each
case is one way the file answers: late (after a 503 that Scrapy's retry repeats), always
503, never within the timeout, and a 404 whose page happens to read like rules.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from test_politeness import feed, stats_of
from test_rekey import article

from crawler.middlewares.robots import MISSING, RULES, UNREACHABLE, status_verdict

from conftest import assert_books_balance, assert_clean_log, run_crawl
from sites.demo.server import SiteServer

RULES_TEXT = b"User-agent: *\nDisallow: /private/\n"
PRIVATE = [f"/private/{n}" for n in range(1, 4)]  # start pages; /private/4 is in the feed
PUBLIC = [f"/berita/{n}/kabar-terbuka-nomor-{n}" for n in range(1, 4)]
TIMEOUT = 5  # DOWNLOAD_TIMEOUT of these crawls (1 s where robots.txt never answers)


def robots_route(answers: list[tuple[int, float, bytes]]):
    """robots.txt answering ``(status, seconds before answering, body)`` in turn, the last
    one again and again."""
    lock = threading.Lock()
    left = list(answers)

    def route(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            status, seconds, body = left.pop(0) if len(left) > 1 else left[0]
        time.sleep(seconds)
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawl gave up waiting

    return route


def crawl(tmp_path, answers: list[tuple[int, float, bytes]], timeout: float = TIMEOUT):
    def site(base: str):
        routes = {path: article(f"Kabar {path}") for path in [*PRIVATE, *PUBLIC, "/private/4"]}
        routes["/"] = article("Beranda kabar")
        routes["/rss.xml"] = feed(base, PUBLIC + ["/private/4"])
        routes["/robots.txt"] = robots_route(answers)
        return routes

    with SiteServer(site) as server:
        starts = ", ".join(f'"{server.url}{path}"' for path in ["/", *PRIVATE])
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "kabar"\nstart_urls = [{starts}]\n'
            f'feeds = ["{server.url}/rss.xml"]\nallow_private = true\n'
        )
        result = run_crawl(
            sources, tmp_path / "news.db",
            "-s", f"DOWNLOAD_TIMEOUT={timeout}", "-s", "RETRY_TIMES=2",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        )  # fmt: skip
        hits = dict(server.hits)
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    assert_books_balance(result.db, result.log)
    errors = dict(result.db.execute("SELECT url, reason FROM errors").fetchall())
    errors = {url.removeprefix(server.url): reason for url, reason in errors.items()}
    return result, hits, errors, stats_of(result)


def test_every_request_waits_for_the_rules_even_when_they_come_late(tmp_path):
    # a 503 first (retried), then the rules, a second later: every page waits for them
    result, hits, errors, stats = crawl(tmp_path, [(503, 0, b"busy"), (200, 1.0, RULES_TEXT)])
    assert hits["/robots.txt"] == 2
    assert not [path for path in hits if path.startswith("/private/")], hits
    assert errors == {path: "robots" for path in [*PRIVATE, "/private/4"]}
    assert all(hits[path] == 1 for path in PUBLIC)
    assert stats["news/robots/rules"] == 1 and stats["robotstxt/forbidden"] == 4
    states = dict(result.db.execute("SELECT url, state FROM known_urls").fetchall())
    assert {states[url] for url in states if "/private/" in url} == {"gone"}


@pytest.mark.parametrize(
    "answer",
    [(503, 0, b"Sedang perbaikan"), (200, 2.5, RULES_TEXT)],
    ids=["server_error", "timeout"],
)
def test_an_unreachable_robots_txt_means_no_page_of_the_host(tmp_path, answer):
    result, hits, errors, stats = crawl(tmp_path, [answer], timeout=1)
    assert hits == {"/robots.txt": 3}  # the first try and RETRY_TIMES, then nothing
    seeds = ["/", *PRIVATE, "/rss.xml"]
    assert errors == {path: "robots_unreachable" for path in seeds}
    assert stats["news/robots/unreachable"] == 1
    assert stats["news/error/robots_unreachable"] == len(seeds)
    assert "robots.txt unreachable" in result.log
    # not a verdict on the pages: the next runs try them again
    states = dict(result.db.execute("SELECT url, state FROM known_urls").fetchall())
    assert set(states.values()) <= {"failed"}, states


def test_a_missing_robots_txt_allows_everything(tmp_path):
    # a 404 page is not a robots.txt, whatever it reads like
    result, hits, errors, stats = crawl(tmp_path, [(404, 0, b"User-agent: *\nDisallow: /\n")])
    assert hits["/robots.txt"] == 1
    assert all(hits.get(path) == 1 for path in [*PRIVATE, *PUBLIC, "/private/4"]), hits
    assert stats["news/robots/missing"] == 1 and "news/robots/rules" not in stats
    assert not errors
    assert result.db["articles"].count == len(PRIVATE) + len(PUBLIC) + 2


def test_robots_txt_answers_as_rfc_9309_reads_them():
    assert [status_verdict(s) for s in (200, 206)] == [RULES] * 2
    assert [status_verdict(s) for s in (301, 401, 403, 404, 410)] == [MISSING] * 5
    assert [status_verdict(s) for s in (429, 500, 503, 504)] == [UNREACHABLE] * 4
