"""Politeness that holds in a real ``scrapy crawl news``: the per-host bound whatever the delay,
robots.txt once per host with its Crawl-delay and Sitemap: lines, Retry-After honoured."""

from __future__ import annotations

import html
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler
from itertools import accumulate, pairwise

from test_rekey import article

from crawler.downloader import PoliteSlot
from crawler.middlewares.retryafter import retry_after_seconds

from conftest import assert_clean_log, run_crawl
from sites.demo.server import SiteServer
from sites.demo.site import Page

JITTER = 0.15  # seconds an arrival may lag its request's send on a loaded machine


class Meter:
    """Requests in flight per host (the Host header) and when each request arrived."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.flight: dict[str, int] = defaultdict(int)
        self.most: dict[str, int] = defaultdict(int)
        self.arrivals: list[tuple[float, str]] = []

    def serve(self, answer: Page, seconds: float = 0.0):
        def route(handler: BaseHTTPRequestHandler) -> None:
            host = handler.headers.get("Host", "")
            with self.lock:
                self.arrivals.append((time.monotonic(), handler.path))
                self.flight[host] += 1
                self.most[host] = max(self.most[host], self.flight[host])
            try:
                time.sleep(seconds)
                handler.send_response(answer.status)
                for name, value in answer.headers.items():
                    handler.send_header(name, value)
                handler.send_header("Content-Length", str(len(answer.body)))
                handler.end_headers()
                handler.wfile.write(answer.body)
            finally:
                with self.lock:
                    self.flight[host] -= 1

        return route

    def gaps(self) -> list[float]:
        times = sorted(t for t, _ in self.arrivals)
        return [b - a for a, b in pairwise(times)]


def feed(base: str, paths: list[str]) -> Page:
    items = "".join(
        f"<item><title>{n}</title><link>{html.escape(base + p)}</link></item>"
        for n, p in enumerate(paths)
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>{items}</channel></rss>'
    )
    return Page(headers={"Content-Type": "application/rss+xml"}, body=body.encode())


def sources(path, base: str):
    path.write_text(
        f'[[source]]\nname = "kabar"\nfeeds = ["{base}/rss.xml"]\nallow_private = true\n'
    )
    return path


def crawl_site(tmp_path, site, *settings: str):
    """A real ``scrapy crawl news`` of ``site`` (a routes factory) with its feed; (result, hits)."""
    with SiteServer(site) as server:
        result = run_crawl(
            sources(tmp_path / "s.toml", server.url), tmp_path / "news.db", *settings
        )
        hits = dict(server.hits)
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    result.base = server.url
    return result, hits


def stats_of(result) -> dict:
    return json.loads(result.db.execute("SELECT stats FROM crawl_runs").fetchone()[0])


def test_per_host_bound_holds_with_no_delay(tmp_path):
    meter = Meter()
    paths = [f"/berita/{n}/kabar-dari-desa-nomor-{n}" for n in range(1, 21)]

    def site(base: str):
        routes = {p: meter.serve(article(f"Kabar dari desa nomor {p[8:10]}"), 0.3) for p in paths}
        routes["/rss.xml"] = meter.serve(feed(base, paths))  # no robots.txt: a 404
        return routes

    result, hits = crawl_site(
        tmp_path,
        site,
        *("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false"),
        *("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "CONCURRENT_REQUESTS=32"),
    )
    assert result.db["articles"].count == 20
    (most,) = meter.most.values()
    assert most == 2, meter.most  # the bound, and no more
    assert hits["/robots.txt"] == 1  # once, by the robots.txt middleware
    assert result.db.execute("SELECT count(*) FROM errors").fetchone()[0] == 0  # 404: normal


def test_crawl_delay_sitemaps_and_retry_after(tmp_path):
    meter = Meter()
    paths = [f"/berita/{n}/kabar-dari-kota-nomor-{n}" for n in range(1, 5)]
    robots = "User-agent: *\nCrawl-delay: 30\nSitemap: /sitemap-extra.xml\n"
    calls = {"/berita/9/kabar-yang-ditahan-dulu": 0}

    def site(base: str):
        routes = {p: meter.serve(article(f"Kabar dari kota nomor {p[8]}")) for p in paths}
        routes["/rss.xml"] = meter.serve(feed(base, [*paths, "/berita/8/kabar-sibuk-sekali"]))
        routes["/robots.txt"] = meter.serve(
            Page(headers={"Content-Type": "text/plain"}, body=robots.encode())
        )
        extra = f"{base}/berita/9/kabar-yang-ditahan-dulu\n".encode()
        routes["/sitemap-extra.xml"] = meter.serve(
            Page(headers={"Content-Type": "text/plain"}, body=extra)
        )
        busy = Page(status=503, headers={"Retry-After": "3600"}, body=b"busy")
        routes["/berita/8/kabar-sibuk-sekali"] = meter.serve(busy)
        later = meter.serve(Page(status=429, headers={"Retry-After": "2"}, body=b"later"))
        good = meter.serve(article("Kabar yang ditahan dulu"))

        def held(handler: BaseHTTPRequestHandler) -> None:  # 429 first, then the article
            calls["/berita/9/kabar-yang-ditahan-dulu"] += 1
            (later if calls["/berita/9/kabar-yang-ditahan-dulu"] == 1 else good)(handler)

        routes["/berita/9/kabar-yang-ditahan-dulu"] = held
        return routes

    # FAST: DOWNLOAD_DELAY=0, AutoThrottle from 0 s: the floor must hold against both
    result, hits = crawl_site(
        tmp_path, site, "-s", "NEWS_CRAWL_DELAY_MAX=1", "-s", "NEWS_RETRY_AFTER_MAX=5"
    )
    stats = stats_of(result)
    assert hits["/robots.txt"] == 1
    assert stats["news/robots/crawl_delay"] == 1 and stats["news/robots/crawl_delay_capped"] == 1
    gaps = meter.gaps()  # every request after robots.txt: one per second at most, as sent
    # an arrival held up on its way (the crawl's reactor busy a moment) shortens only the
    # gap after it: every run of k gaps spans at least k seconds, less that jitter
    spans = list(accumulate(gaps[1:], initial=0.0))
    assert len(gaps) >= 7, gaps
    assert all(
        later - spans[i] >= (j - i) - JITTER
        for i in range(len(spans))
        for j, later in enumerate(spans[i + 1 :], i + 1)
    ), gaps
    # Sitemap: line read from the middleware's robots.txt, its article archived after a 429
    assert stats["news/discover/robots_sitemap"] == 1
    assert hits["/berita/9/kabar-yang-ditahan-dulu"] == 2
    arrivals = [t for t, p in meter.arrivals if p == "/berita/9/kabar-yang-ditahan-dulu"]
    assert arrivals[1] - arrivals[0] >= 1.95  # Retry-After: 2 was waited for
    assert stats["news/politeness/retry_after"] == 1
    # Retry-After: 3600 is beyond NEWS_RETRY_AFTER_MAX: not retried in this run
    assert hits["/berita/8/kabar-sibuk-sekali"] == 1
    assert stats["news/politeness/retry_after_too_long"] == 1
    errors = dict(result.db.execute("SELECT url, reason FROM errors").fetchall())
    assert errors == {f"{result.base}/berita/8/kabar-sibuk-sekali": "http_503"}
    assert result.db["articles"].count == 5


def test_without_the_robots_middleware_the_spider_reads_robots_once(tmp_path):
    meter = Meter()
    paths = [f"/berita/{n}/kabar-dari-pulau-nomor-{n}" for n in range(1, 3)]

    def site(base: str):
        routes = {p: meter.serve(article(f"Kabar dari pulau nomor {p[8]}")) for p in paths}
        routes["/rss.xml"] = meter.serve(feed(base, paths))  # no robots.txt: a 404
        return routes

    result, hits = crawl_site(tmp_path, site, "-s", "ROBOTSTXT_OBEY=false")
    assert hits["/robots.txt"] == 1  # the spider's own request, for Sitemap: lines
    assert stats_of(result)["news/robots/missing"] == 1
    assert result.db.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
    assert result.db["articles"].count == 2


def test_crawl_delay_never_lowers_a_delay():
    slot = PoliteSlot(2, 3.0, 0.0)
    slot.floor = 1.0
    assert slot.download_delay() == 3.0
    slot.delay = 0.2  # AutoThrottle lowering it
    assert slot.download_delay() == 1.0


def test_retry_after_values():
    from datetime import UTC, datetime

    now = datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 04 Mar 2026 12:01:30 GMT", now) == 90.0
    assert retry_after_seconds("Wed, 04 Mar 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
