"""The generic ``news`` spider: discover articles from feeds, sitemaps and start pages.

``scrapy crawl news -a sources=PATH [-a source=NAME]``. For each declared
source it reads the feeds (RSS/Atom) and sitemaps (indexes, gzip, Google News)
and follows same-site links that look like articles from the start pages.
Every article page becomes a ``PageItem`` for the extract pipeline; every URL
that fails (HTTP error, timeout, too big, not HTML, refused) becomes an
``ErrorItem`` with its reason. URLs are canonicalised (tracking parameters
dropped) before they are requested, so Scrapy's duplicate filter sees one URL
per article. Settings read: ``NEWS_SOURCES`` (default sources file, default
``sources.toml``). Stats: ``news/discover/*``, ``news/source/NAME/{discovered,fetched}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.errors import classify_failure
from crawler.feeds import FeedError, Sitemap, parse_document
from crawler.items import ErrorItem, PageItem
from crawler.sources import Source, is_private_host, load_sources
from crawler.urls import canonicalize_url, host_of, looks_like_article, same_site
from pipelines.dates import utc_now

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: str | None = None, source: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.sources_path = sources
        self.only = source
        self.sources: list[Source] = []
        self.by_name: dict[str, Source] = {}
        self.seen: set[str] = set()  # article URLs requested in this run

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        path = spider.sources_path or crawler.settings.get("NEWS_SOURCES", "sources.toml")
        spider.sources = load_sources(path, spider.only)
        spider.by_name = {s.name: s for s in spider.sources}
        return spider

    def inc(self, key: str, source: str | None = None) -> None:
        """Count a decision under ``news/KEY`` (and per source, if given)."""
        self.crawler.stats.inc_value(f"news/{key}")
        if source is not None:
            self.crawler.stats.inc_value(f"news/source/{source}/{key.split('/')[-1]}")

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources:
            for url in source.feeds:
                yield self.request(url, source, "feed", self.parse_feed)
            for url in source.sitemaps:
                yield self.request(url, source, "sitemap", self.parse_sitemap)
            for url in source.start_urls:
                yield self.request(url, source, "start", self.parse_start)

    def request(
        self,
        url: str,
        source: Source,
        via: str,
        callback: Any,
        hints: dict[str, Any] | None = None,
    ) -> scrapy.Request:
        return scrapy.Request(
            canonicalize_url(url),
            callback=callback,
            errback=self.on_error,
            meta={"source": source.name, "via": via, "hints": hints or {}},
        )

    def follow_article(
        self, url: str, source: Source, via: str, hints: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        """A request for an article URL, or an error row if it may not be fetched."""
        if not same_site(url, source.hosts):
            self.inc("discover/offsite")
            return
        if not source.allow_private and is_private_host(host_of(url)):
            yield ErrorItem(url, source.name, "private_address", "not allowed for this source")
            return
        request = self.request(url, source, via, self.parse_article, hints)
        if request.url in self.seen:  # found again through another feed, sitemap or page
            self.inc("discover/duplicate")
            return
        self.seen.add(request.url)
        self.inc(f"discover/{via}")
        self.inc("discovered", source.name)
        yield request

    def after_extract(self, article: dict[str, Any], page: PageItem) -> Iterator[scrapy.Request]:
        """Requests for what an extracted article points to: its hreflang alternates.

        Called by the extract pipeline (the page is parsed once, in a worker), which
        schedules the requests; the usual same-site, private-address and seen-URL
        rules apply.
        """
        source = self.by_name.get(page.source)
        if source is None:
            return
        for url in (article.get("hreflang") or {}).values():
            for followed in self.follow_article(url, source, "hreflang"):
                if isinstance(followed, scrapy.Request):
                    yield followed

    def source_of(self, response: Response) -> Source:
        return self.by_name[response.meta["source"]]

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """A feed or a sitemap (either may be declared as the other)."""
        source = self.source_of(response)
        try:
            document = parse_document(response.body, response.url)
        except FeedError as exc:
            via = response.meta.get("via")
            yield self.error(response, "bad_sitemap" if via == "sitemap" else "bad_feed", str(exc))
            return
        if isinstance(document, Sitemap):
            yield from self.sitemap_entries(document, source)
            return
        for entry in document:
            hints = {"title": entry.title, "published": entry.published}
            yield from self.follow_article(entry.url, source, "feed", hints)

    parse_sitemap = parse_feed

    def sitemap_entries(self, sitemap: Sitemap, source: Source) -> Iterator[Any]:
        for entry in sitemap.entries:
            if sitemap.kind == "index":
                if same_site(entry.url, source.hosts):
                    self.inc("discover/sitemap_index")
                    yield self.request(entry.url, source, "sitemap", self.parse_sitemap)
                continue
            # lastmod is when the sitemap entry changed, often its generation time: it is
            # no evidence of an article's modification date, so it is not a hint.
            hints = {
                "title": entry.title,
                "published": entry.published,
                "language": entry.language,
                "alternates": entry.alternates,  # xhtml:link hreflang (translation groups)
            }
            yield from self.follow_article(entry.url, source, "sitemap", hints)

    def parse_start(self, response: Response) -> Iterator[Any]:
        source = self.source_of(response)
        if not self.is_html(response):
            yield self.error(response, "not_html", self.content_type(response))
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if same_site(url, source.hosts) and looks_like_article(url, source.article_pattern):
                yield from self.follow_article(url, source, "link")

    def parse_article(self, response: Response) -> Iterator[Any]:
        source = self.source_of(response)
        self.inc("fetched", source.name)
        if not self.is_html(response):
            yield self.error(response, "not_html", self.content_type(response))
            return
        if not response.body.strip():
            yield self.error(response, "empty_body", "200 with an empty body")
            return
        yield PageItem(
            url=response.url,
            requested_url=response.request.url if response.request else response.url,
            source=source.name,
            status=response.status,
            headers={
                k: response.headers.get(k).decode("latin-1")
                for k in KEPT_HEADERS
                if response.headers.get(k)
            },
            body=response.body,
            encoding=getattr(response, "encoding", None),
            fetched_at=utc_now(),
            via=response.meta.get("via", ""),
            hints={k: v for k, v in response.meta.get("hints", {}).items() if v},
        )

    @staticmethod
    def content_type(response: Response) -> str:
        return (response.headers.get("Content-Type") or b"").decode("latin-1") or "none"

    def is_html(self, response: Response) -> bool:
        content_type = (response.headers.get("Content-Type") or b"").lower()
        if content_type:
            return any(t in content_type for t in HTML_TYPES)
        return response.body.lstrip()[:100].lower().startswith((b"<!doctype html", b"<html"))

    def error(self, response: Response, reason: str, detail: str = "") -> ErrorItem:
        self.inc(f"error/{reason}")
        return ErrorItem(
            url=response.url,
            source=response.meta["source"],
            reason=reason,
            detail=detail,
            http_status=response.status,
            fetched_at=utc_now(),
        )

    def on_error(self, failure: Failure) -> Iterator[ErrorItem]:
        request = failure.request  # type: ignore[attr-defined]
        reason, detail, status = classify_failure(failure)
        self.inc(f"error/{reason}")
        yield ErrorItem(
            url=request.url,
            source=request.meta.get("source", ""),
            reason=reason,
            detail=detail,
            http_status=status,
            fetched_at=utc_now(),
        )
