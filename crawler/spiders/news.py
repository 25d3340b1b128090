"""The generic ``news`` spider: discover articles from feeds, sitemaps and start pages.

``scrapy crawl news -a sources=PATH [-a source=NAME]``. For each declared
source it reads the feeds (RSS/Atom) and sitemaps (indexes, gzip, Google News)
and follows same-site links that look like articles from the start pages.
Every article page becomes a ``PageItem`` for the extract pipeline; every URL
that fails (HTTP error, timeout, too big, not HTML, refused) becomes an
``ErrorItem`` with its reason. URLs are canonicalised (tracking parameters
dropped) before they are requested, so Scrapy's duplicate filter sees one URL
per article. Where a run starts, what a channel document holds and which links are
worth fetching are plain functions of ``crawler.discovery`` (``seeds``, ``documents``,
``listings``); the spider turns them into requests. What the archive already knows
is skipped, and due revisits are made with conditional GET (``IncrementalMixin``,
crawler/spiders/incremental.py, which lists its own settings). Settings read:
``NEWS_SOURCES`` (the sources file when ``-a sources=`` is not given), ``NEWS_RESUME``
(after an interrupted or killed run, skip what it archived; see
``pipelines.archive.resume``), and through the run context (``crawler.run``) ``ARCHIVE_DB``,
``ARCHIVE_ENABLED``, ``NEWS_CLOCK``, ``NEWS_REVISIT_AFTER``. Stats:
``news/discover/*``, ``news/resume/skipped``, ``news/source/NAME/{discovered,fetched}``,
``news/feed/recovered`` (a feed lxml refused, read by feedparser), ``news/error/REASON``
(also for each request of a rendered page the address guard refused; ``crawler.render``
gives the crawl a browser when a source sets ``render``),
``news/sitemap/{recovered,partial}`` (a sitemap read after a repair, or up to a break:
the latter also an errors row ``sitemap_partial`` saying what was read).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.discovery.documents import parse_document
from crawler.discovery.listings import link_verdict, page_number
from crawler.discovery.reading import FeedError
from crawler.discovery.seeds import channels
from crawler.discovery.sitemaps import Sitemap
from crawler.errors import classify_failure
from crawler.guard import SCHEMES
from crawler.render import use_browser
from crawler.run import RunContext
from crawler.sources import Source, load_sources
from crawler.spiders.incremental import NOT_MODIFIED, IncrementalMixin
from pipelines.archive.resume import ResumePlan, mark_killed, resume_plan
from pipelines.archive.runs import Accounting
from pipelines.extract.content import KEPT_HEADERS, fetched_problem
from pipelines.items import ErrorItem, PageItem
from pipelines.urls import canonicalize_url, same_site

LEAF = 10**6  # the depth of a page whose links are never followed (feed and sitemap entries)
FIRST = 10  # request priority of links that look like articles
# known_urls.kind of a page that failed, by its channel (a feed or sitemap document that
# failed is recorded as its channel: ``feed``, ``sitemap``).
URL_KINDS = {"start": "listing"}


class NewsSpider(IncrementalMixin, scrapy.Spider):
    name = "news"

    def __init__(self, sources: str | None = None, source: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.sources_path = sources
        self.only = source
        self.sources: list[Source] = []
        self.by_name: dict[str, Source] = {}
        self.seen: set[str] = set()  # page URLs requested in this run
        self.hints: dict[str, dict[str, Any]] = {}  # hints of URLs requested, until fetched
        self.resumed = ResumePlan()  # what unfinished earlier runs already did
        self.accounting = Accounting()  # every fetched URL, until its outcome is recorded

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        path = spider.sources_path or crawler.settings.get("NEWS_SOURCES")
        spider.run = RunContext.of(crawler)
        spider.sources = spider.run.use_sources(load_sources(path, spider.only))
        rendered = sum(source.render for source in spider.sources)
        if rendered:  # only then: a browser
            use_browser(crawler.settings, rendered)
        spider.by_name = spider.run.by_name
        spider.accounting = spider.run.accounting
        spider.setup_incremental(crawler.settings)
        return spider

    def inc(self, key: str, source: str | None = None) -> None:
        """Count a decision under ``news/KEY`` (and per source, if given)."""
        self.crawler.stats.inc_value(f"news/{key}")
        if source is not None:
            self.crawler.stats.inc_value(f"news/source/{source}/{key.split('/')[-1]}")

    async def start(self) -> AsyncIterator[Any]:
        for request in self.resume():
            yield request
        callbacks = {
            "feed": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "start": self.parse_page,
        }
        for source in self.sources:
            for via, url in channels(source):
                depth = 0 if via == "start" else LEAF
                yield self.request(url, source, via, callbacks[via], depth=depth)
            for request in self.frontier_requests(source):
                yield request

    def request(
        self,
        url: str,
        source: Source,
        via: str,
        callback: Any,
        hints: dict[str, Any] | None = None,
        depth: int = LEAF,
        priority: int = 0,
    ) -> scrapy.Request:
        url = canonicalize_url(url)
        name = getattr(callback, "__name__", "")
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=self.validators(url, via),
            priority=priority,
            meta={
                "source": source.name,
                "via": via,
                "hints": hints or {},
                "page_depth": depth,
                "url_kind": via if name == "parse_feed" else URL_KINDS.get(via, "article"),
                "handle_httpstatus_list": NOT_MODIFIED,
            },
        )

    def follow_article(
        self,
        url: str,
        source: Source,
        via: str,
        hints: dict[str, Any] | None = None,
        depth: int = LEAF,
        priority: int = FIRST,
    ) -> Iterator[Any]:
        """A request for a page to read, or an error row if it may not be fetched.

        Feeds, sitemaps, links, hreflang alternates and revisits all come here; the
        page, once fetched, decides what it is. A URL found again through another
        channel is not requested twice, but its hints (a feed's title and date) are
        kept for the request already made. Addresses are checked when the request
        is sent (crawler.middlewares.guard).
        """
        scheme = url.split(":", 1)[0].lower()
        if scheme not in SCHEMES:
            self.inc("error/bad_scheme")
            yield ErrorItem(
                url,
                source.name,
                "bad_scheme",
                f"only http and https, not {scheme}:",
                fetched=False,
            )
            return
        if not same_site(url, source.hosts):
            self.inc("discover/offsite")
            return
        request = self.request(url, source, via, self.parse_page, hints, depth, priority)
        if request.url in self.resumed.done:  # recorded by the interrupted run resumed
            self.seen.add(request.url)
            self.inc("resume/skipped")
            return
        if request.url in self.seen:  # found again through another feed, sitemap or page
            self.inc("discover/duplicate")
            if hints and request.url in self.hints:  # the strongest hint is kept
                self.hints[request.url].update({k: v for k, v in hints.items() if v})
            return
        self.seen.add(request.url)
        if self.is_known(request.url, source.name, via, depth):  # nothing due
            return
        self.inc(f"discover/{via}")
        self.inc("discovered", source.name)
        self.hints[request.url] = dict(hints or {})
        if request.url not in self.known:
            yield self.queued(request.url, source.name, hints or {})
        yield request

    follow = follow_article

    def resume(self) -> Iterator[Any]:
        """Skip what unfinished earlier runs archived; follow their articles' alternates."""
        if not self.crawler.settings.getbool("NEWS_RESUME") or not self.run.archived:
            return
        with self.run.reading() as db:  # the crawl's one read connection
            self.resumed = resume_plan(db, self.run.source_names, self.run.run_id)
        self.run.writer().run(mark_killed, self.resumed.runs)
        if self.resumed.runs:
            self.logger.info(
                "resuming runs %s: %d URLs done", self.resumed.runs, len(self.resumed.done)
            )
            self.crawler.stats.set_value("news/resume/runs", self.resumed.runs)
        for name, url in self.resumed.follow:
            if name in self.by_name:
                yield from self.follow_article(url, self.by_name[name], "hreflang")

    def after_extract(self, result: dict[str, Any], page: PageItem) -> Iterator[Any]:
        """What an extracted page points to: its hreflang alternates and, for a start
        page or a listing within the depth bounds, its links.

        Called by the extract pipeline (the page is parsed once, in a worker) for
        articles and listings; it schedules the requests and archives the items
        (a calendar trap, a link with a bad scheme). The usual same-site,
        private-address and seen-URL rules apply.
        """
        source = self.by_name.get(page.source)
        if source is None:
            return
        for url in (result.get("hreflang") or {}).values():
            yield from self.follow(url, source, "hreflang")
        if result.get("links") is None:
            return
        if result.get("page_kind") == "listing" and page.depth > 0:
            if self.listings[source.name] >= self.section_pages:  # the listing budget
                self.inc("discover/section_limit")
                return
            self.listings[source.name] += 1
            self.inc("discover/section")
        for url in result.get("feeds") or ():
            yield from self.autodiscovered_feed(url, source)
        # An article's links are candidates too, but only those that look like articles
        # (its related stories): its menus, tags and sections are a listing's to follow.
        only_articles = result.get("page_kind") == "article" and page.depth > 0
        for url in result["links"]:
            yield from self.follow_link(url, source, page.depth, only_articles)

    def follow_link(
        self, url: str, source: Source, depth: int, only_articles: bool = False
    ) -> Iterator[Any]:
        """A link of a page at ``depth``: fetched (article-shaped ones first) unless
        its shape says it is a file, a calendar or pagination past the bound."""
        if not same_site(url, source.hosts):
            return
        url = canonicalize_url(url)  # an AMP or print link is judged as its article
        verdict = link_verdict(url, source.article_pattern, self.pagination_max)
        if only_articles and verdict == "page":
            self.inc("discover/article_link_skipped")
            return
        if verdict == "trap":
            yield from self.calendar_trap(url, source)
        elif verdict in ("calendar", "pagination_limit"):
            self.inc(f"discover/{'calendar_trap' if verdict == 'calendar' else verdict}")
        elif verdict in ("article", "page"):
            paginated = page_number(url) is not None  # pagination stays at its listing's depth
            priority = FIRST if verdict == "article" else 0
            yield from self.follow(url, source, "link", None, depth + (not paginated), priority)

    def source_of(self, response: Response) -> Source:
        return self.by_name[response.meta["source"]]

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """A feed or a sitemap (either may be declared as the other)."""
        source = self.source_of(response)
        via = response.meta.get("via")
        if response.status == 304:
            yield from self.not_modified(response, via)
            return
        self.count_fetch(self.requested(response), source.name)
        try:
            document = parse_document(response.body, response.url)
        except FeedError as exc:
            yield self.error(response, "bad_sitemap" if via == "sitemap" else "bad_feed", str(exc))
            return
        kind = "sitemap" if isinstance(document, Sitemap) else "feed"
        if document.recovered:  # lxml refused it: repaired, or read again by feedparser
            self.inc(f"{kind}/recovered")
            self.logger.info("%s %s recovered (%s)", kind, response.url, document.recovered)
        if isinstance(document, Sitemap) and document.partial:
            # read up to a break: its entries are followed, and the sitemap is retried
            self.inc("sitemap/partial")
            yield self.error(response, "sitemap_partial", document.partial)
        else:
            yield self.fetched(response, via)
        if isinstance(document, Sitemap):
            yield from self.sitemap_entries(document, source)
            return
        for entry in document:
            if not self.in_range(entry):
                continue
            hints = {"title": entry.title, "published": entry.published}
            yield from self.follow_article(entry.url, source, "feed", hints)

    parse_sitemap = parse_feed

    def sitemap_entries(self, sitemap: Sitemap, source: Source) -> Iterator[Any]:
        for entry in sitemap.entries:
            if sitemap.kind == "index":
                if same_site(entry.url, source.hosts):
                    yield from self.child_sitemap(entry, source)
                continue
            if not self.in_range(entry):
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

    def calendar_trap(self, url: str, source: Source) -> Iterator[ErrorItem]:
        """A calendar link that would look like an article: recorded once, never fetched."""
        url = canonicalize_url(url)
        if url in self.seen:
            return
        self.seen.add(url)
        self.inc("discover/calendar_trap")
        yield ErrorItem(
            url, source.name, "calendar_trap", "calendar-like URL", kind="skipped", fetched=False
        )

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Any HTML page: a start page, a link, a feed or sitemap entry, a revisit.

        It goes to extraction as it is; the worker decides what it is.
        """
        source = self.source_of(response)
        via = response.meta.get("via", "")
        if response.status == 304:  # a revisit: the article did not change
            yield from self.not_modified(response, "article")
            return
        self.count_fetch(self.requested(response), source.name)
        yield from self.refused_by_browser(response, source)
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        # soft 404s: the worker, on its parsed tree
        problem = fetched_problem(content_type, response.body)
        if problem is not None:
            yield self.error(response, *problem)
            return
        depth = response.meta.get("page_depth", LEAF)
        requested = self.requested(response)
        yield PageItem(
            url=response.url,
            requested_url=requested,
            source=source.name,
            status=response.status,
            headers={
                k: response.headers.get(k).decode("latin-1")
                for k in KEPT_HEADERS
                if response.headers.get(k)
            },
            body=response.body,
            encoding=getattr(response, "encoding", None),  # a hint: the worker decodes
            fetched_at=self.now(),
            via=via,
            hints={
                k: v
                for k, v in {
                    **response.meta.get("hints", {}),
                    **self.hints.pop(requested, {}),
                }.items()
                if v
            },
            warc=response.meta.get("warc"),
            depth=depth,
            links=depth <= self.section_depth,
        )

    parse_start = parse_article = parse_page  # the names seeds of a distributed run carry

    def refused_by_browser(self, response: Response, source: Source) -> Iterator[ErrorItem]:
        """The requests a rendered page made that the address guard refused: an errors row
        each (never fetched, so no outcome is owed)."""
        for url, reason, detail in response.meta.get("render_refused", ()):
            self.inc(f"error/{reason}")
            yield ErrorItem(
                url,
                source.name,
                reason,
                f"{detail}; asked by the rendered page {response.url}",
                fetched_at=self.now(),
                kind="skipped",
                fetched=False,
                url_kind="other",
            )

    def count_fetch(self, url: str, source: str) -> None:
        """A request came back (a response or a failure): it owes one outcome."""
        self.inc("fetched", source)
        self.accounting.fetched(url, source)

    @staticmethod
    def requested(response: Any) -> str:
        """The URL the crawl asked for (before redirects)."""
        redirects = response.meta.get("redirect_urls") or []
        return redirects[0] if redirects else response.url

    def error(self, response: Response, reason: str, detail: str = "") -> ErrorItem:
        self.inc(f"error/{reason}")
        return ErrorItem(
            url=response.url,
            source=response.meta["source"],
            reason=reason,
            detail=detail,
            http_status=response.status,
            fetched_at=self.now(),
            url_kind=response.meta.get("url_kind") or "article",
            requested_url=self.requested(response),
        )

    def on_error(self, failure: Failure) -> Iterator[ErrorItem]:
        request = failure.request  # type: ignore[attr-defined]
        reason, detail, status = classify_failure(failure)
        via = request.meta.get("via", "")
        if via == "robots":  # the crawl's own request, not a page: no outcome owed
            if status != 404:  # a missing robots.txt is normal
                self.logger.info("robots.txt of %s: %s %s", request.url, reason, detail)
            return
        self.inc(f"error/{reason}")
        requested = self.requested(request)
        self.count_fetch(requested, request.meta.get("source", ""))
        yield ErrorItem(
            url=request.url,
            source=request.meta.get("source", ""),
            reason=reason,
            detail=detail,
            http_status=status,
            fetched_at=self.now(),
            url_kind=request.meta.get("url_kind") or "article",
            requested_url=requested,
        )
