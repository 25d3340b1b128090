"""In-process tests of the fetch adapters: a source's headers and cookies on its requests,
the browser's settings (only for crawls that render), and the reasons of browser failures."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import Request

from crawler.errors import classify_failure
from crawler.middlewares.fetchoptions import FetchOptionsMiddleware
from crawler.middlewares.render import RenderMiddleware
from crawler.render import browser_settings, host_rules
from crawler.run import RunContext
from crawler.sources import load_sources

from conftest import project_crawler

SOURCES = """
[[source]]
name = "walled"
feeds = ["https://walled.example/rss"]
allowed_domains = ["static.walled.example"]
cookies = { "consent" = "yes" }
headers = { "Accept-Language" = "id-ID" }

[[source]]
name = "plain"
feeds = ["https://plain.example/rss"]
"""


def crawler_with(tmp_path, text: str, **settings: object):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    crawler = project_crawler(ARCHIVE_DB=str(tmp_path / "news.db"), **settings)
    RunContext.of(crawler).use_sources(load_sources(path))
    return crawler


def test_headers_and_cookies_go_to_the_source_hosts_only(tmp_path):
    crawler = crawler_with(tmp_path, SOURCES)
    middleware = FetchOptionsMiddleware.from_crawler(crawler)
    sent = {}
    for url, source in [
        ("https://walled.example/berita/1", "walled"),
        ("https://www.walled.example/berita/2", "walled"),  # a subdomain of its host
        ("https://static.walled.example/a.css", "walled"),  # allowed_domains
        ("https://tracker.example/p.gif", "walled"),  # another site: nothing
        ("https://plain.example/berita/1", "plain"),  # a source without options
        ("https://walled.example/robots.txt", None),  # the crawl's own request
    ]:
        request = Request(url, meta={"source": source} if source else {})
        middleware.process_request(request)
        sent[url] = (request.headers.get("Cookie"), request.headers.get("Accept-Language"))
    assert list(sent.values()) == [
        (b"consent=yes", b"id-ID"),
        (b"consent=yes", b"id-ID"),
        (b"consent=yes", b"id-ID"),
        (None, None),
        (None, None),
        (None, None),
    ]
    assert crawler.stats.get_value("news/fetch/cookies") == 3


def test_the_browser_is_configured_only_when_a_source_renders(tmp_path):
    with pytest.raises(NotConfigured):
        RenderMiddleware.from_crawler(crawler_with(tmp_path, SOURCES))
    rendering = SOURCES.replace('name = "plain"', 'name = "plain"\nrender = true')
    crawler = crawler_with(tmp_path, rendering)
    middleware = RenderMiddleware.from_crawler(crawler)
    page = Request("https://plain.example/b/1", meta={"source": "plain", "url_kind": "article"})
    feed = Request("https://plain.example/rss", meta={"source": "plain", "url_kind": "feed"})
    other = Request("https://walled.example/b/1", meta={"source": "walled", "url_kind": "article"})
    for request in (page, feed, other):
        middleware.process_request(request)
    asyncio.run(middleware.close())  # its guard proxy's socket
    assert [bool(r.meta.get("playwright")) for r in (page, feed, other)] == [True, False, False]
    proxy = page.meta["playwright_context_kwargs"]["proxy"]
    assert proxy["server"].startswith("http://127.0.0.1:") and proxy["bypass"] == "<-loopback>"


def test_browser_settings():
    settings = project_crawler(
        DNS_PINS='{"news.test": "127.0.0.1", "evil.test": "127.0.0.2"}',
        NEWS_RENDER_CONCURRENCY=3,
        NEWS_RENDER_TIMEOUT=7,
    ).settings
    given = browser_settings(settings)
    assert given["DOWNLOAD_HANDLERS"]["https"] == "crawler.browser.BrowserDownloadHandler"
    options = given["PLAYWRIGHT_LAUNCH_OPTIONS"]
    assert options["executable_path"] == "/usr/bin/chromium" and options["headless"] is True
    assert "--disable-background-networking" in options["args"]
    assert (
        "--host-resolver-rules=MAP evil.test 127.0.0.2, MAP news.test 127.0.0.1"
        in (options["args"])
    )
    assert given["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] == 3
    assert given["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] == 7000
    assert host_rules({}) == "" and host_rules("") == ""


def test_browser_failures_have_their_reasons():
    from playwright.async_api import Error, TimeoutError
    from twisted.python.failure import Failure

    def reason(exc: Exception) -> str:
        try:
            raise exc
        except Exception:
            return classify_failure(Failure())[0]

    assert reason(TimeoutError("Timeout 4000ms exceeded")) == "render_timeout"
    assert reason(Error("net::ERR_CONNECTION_REFUSED")) == "render_error"
    assert reason(RuntimeError("other")) == "download_error"
