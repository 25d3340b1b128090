"""Incremental crawling for the ``news`` spider: skip what is known, revisit what is due.

``IncrementalMixin`` gives the spider the archive's frontier (``known_urls``,
see ``pipelines.archive.frontier``) when it opens: a discovered article URL that is known
and not due for a revisit is not requested (``news/source/NAME/known``); known
articles whose revisit is due, URLs discovered but never fetched and failures
worth retrying are requested at the start. Feeds, sitemaps and revisited
articles carry ``If-None-Match`` / ``If-Modified-Since`` from the stored
validators; a 304 is counted (``news/source/NAME/not_modified``) and costs no
parsing. Child sitemaps whose index ``lastmod`` did not change are not fetched.
It also reads ``Sitemap:`` lines of robots.txt and follows feeds announced by
``<link rel="alternate">`` on start pages and listings (the extraction worker finds
them). A known listing is read again whenever its links would be followed.
The rules are plain functions in ``crawler.discovery`` (``seeds``: robots.txt URLs,
validators, articles due; ``bounds``: since/until; ``sitemaps``: robots.txt
``Sitemap:`` lines); this mixin is their Scrapy side (requests, signals, counts).

robots.txt is fetched once per host: with ``ROBOTSTXT_OBEY`` (the default) by the
robots.txt middleware (``crawler.middlewares.robots``), whose ``robots_parsed`` signal
hands the parsed file (Protego) to ``robots_parsed`` here for its ``Sitemap:`` lines;
without it, by the spider itself (``parse_robots``). A missing robots.txt (404, 410) is
normal: no errors row (``news/robots/missing``, counted by whichever fetched it).

Spider arguments: ``-a since=YYYY-MM-DD`` and ``-a until=YYYY-MM-DD`` bound
discovery by the dates feeds and sitemaps give (entries without a date are kept).
Settings read (defaults in ``crawler/settings.py``): ``NEWS_ROBOTS_SITEMAPS``,
``NEWS_FEED_AUTODISCOVERY``, ``NEWS_SECTION_DEPTH``, ``NEWS_SECTION_PAGES``,
``NEWS_PAGINATION_MAX``, ``ROBOTSTXT_OBEY``; the revisit steps (``NEWS_REVISIT_AFTER``),
the clock (``NEWS_CLOCK``: pretend the crawl starts at this ISO time, for replays and
benchmarks) and the archive (``ARCHIVE_DB``, ``ARCHIVE_ENABLED``) come from the run
context (``crawler.run``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from protego import Protego
from scrapy import signals

from crawler.discovery.bounds import in_bounds, older_than, parse_bound
from crawler.discovery.reading import Entry
from crawler.discovery.seeds import (
    articles_due,
    robots_urls,
    source_roots,
    undeclared_sitemaps,
    url_root,
    validators,
)
from crawler.discovery.sitemaps import robots_sitemaps, sitemap_urls
from crawler.run import RunContext
from crawler.sources import Source
from pipelines.archive import frontier
from pipelines.items import FrontierItem
from pipelines.urls import canonicalize_url, same_site

NOT_MODIFIED = [304]
MISSING_ROBOTS = [404, 410]
LISTING_KINDS = ("listing", "page")  # "page": a listing recorded before pages were classified


class IncrementalMixin:
    """Mixed into ``NewsSpider``; expects its ``request``, ``follow_article`` and ``inc``."""

    known: dict[str, frontier.Known]
    crawler: Any
    run: RunContext
    sources: list[Source]

    def setup_incremental(self, settings: Any) -> None:
        self.steps = self.run.steps
        self.run.incremental = True  # the run recorder closes each source's revisit state
        self.since_at = parse_bound(getattr(self, "since", None))
        self.until_at = parse_bound(getattr(self, "until", None), end_of_day=True)
        self.robots_sitemaps = settings.getbool("NEWS_ROBOTS_SITEMAPS")
        # robots.txt fetched once per host: by the middleware when it obeys it, else here
        self.robots_by_middleware = settings.getbool("ROBOTSTXT_OBEY")
        if self.robots_sitemaps and self.robots_by_middleware:
            self.crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        self.autodiscovery = settings.getbool("NEWS_FEED_AUTODISCOVERY")
        self.section_depth = settings.getint("NEWS_SECTION_DEPTH")
        self.section_pages = settings.getint("NEWS_SECTION_PAGES")
        self.pagination_max = settings.getint("NEWS_PAGINATION_MAX")
        self.listings: Counter[str] = Counter()  # listing pages requested, per source
        self.listing_urls = {canonicalize_url(u) for s in self.sources for u in s.start_urls}
        self.known = {}
        if self.run.archived:
            with self.run.reading() as db:  # the crawl's one read connection
                self.known = frontier.load(db, self.run.source_names)

    def now_at(self) -> datetime:
        return self.run.now_at()

    def now(self) -> str:
        """The crawl's clock (real time, or shifted by ``NEWS_CLOCK``: ``crawler.run``)."""
        return self.run.now()

    # ------------------------------------------------------------------ requests

    def validators(self, url: str, via: str) -> dict[str, str]:
        """Conditional-GET headers for a feed, sitemap or revisited article."""
        return validators(self.known, url, via)

    def frontier_requests(self, source: Source) -> Iterator[Any]:
        """robots.txt of the source's hosts (unless the middleware reads it), then its due
        revisits and unfinished URLs."""
        if self.robots_sitemaps and not self.robots_by_middleware:
            for url in robots_urls(source):
                request = self.request(url, source, "robots", self.parse_robots)
                request.meta["handle_httpstatus_list"] = MISSING_ROBOTS
                yield request
        due = articles_due(list(self.known.values()), {source.name}, self.now_at(), self.steps)
        for known, via in list(due):
            if via is not None:
                yield from self.follow_article(known.url, source, via)

    def is_known(self, url: str, source: str, via: str, depth: int = 0) -> bool:
        """True (and counted) for a known URL that is not due: it is not requested again.

        A known listing is read again whenever its links would be followed (``depth``
        within ``NEWS_SECTION_DEPTH``): that is how new articles are found.
        """
        known = self.known.get(url)
        if known is None or via in ("revisit", "resume"):
            return False
        if known.kind in LISTING_KINDS and depth <= self.section_depth:
            return False
        if known.is_due(self.now_at(), self.steps):
            return False
        self.inc("discover/known")
        self.crawler.stats.inc_value(f"news/source/{source}/known")
        return True

    def in_range(self, entry: Entry) -> bool:
        """Inside the ``since``/``until`` bounds by the date a feed or sitemap gives?"""
        if in_bounds(entry, self.since_at, self.until_at):
            return True
        self.inc("discover/out_of_range")
        return False

    def queued(self, url: str, source: str, hints: dict[str, Any]) -> FrontierItem:
        published = hints.get("published")
        return FrontierItem(url, source, "article", "queued", self.now(), published=published)

    # ---------------------------------------------------------------- responses

    def not_modified(self, response: Any, kind: str) -> Iterator[FrontierItem]:
        """A 304: nothing to parse; the frontier notes the visit (outcome ``not_modified``)."""
        source = response.meta["source"]
        requested = self.requested(response)  # type: ignore[attr-defined]
        self.count_fetch(requested, source)  # type: ignore[attr-defined]
        self.inc("discover/not_modified")
        yield FrontierItem(
            response.url,
            source,
            kind,
            "done",
            self.now(),
            status=304,
            outcome="not_modified",
            requested_url=requested,
        )

    def fetched(self, response: Any, kind: str) -> FrontierItem:
        """A feed or sitemap read (its outcome): keep its validators for next time."""
        header = response.headers.get
        return FrontierItem(
            response.url,
            response.meta["source"],
            kind,
            "done",
            self.now(),
            status=response.status,
            etag=(header("ETag") or b"").decode("latin-1") or None,
            last_modified=(header("Last-Modified") or b"").decode("latin-1") or None,
            lastmod=response.meta.get("lastmod"),
            outcome=kind,
            requested_url=self.requested(response),  # type: ignore[attr-defined]
        )

    def parse_robots(self, response: Any) -> Iterator[Any]:
        """A robots.txt the spider fetched itself (``ROBOTSTXT_OBEY`` off): its sitemaps."""
        source = self.by_name[response.meta["source"]]  # type: ignore[attr-defined]
        if response.status in MISSING_ROBOTS:  # no robots.txt: normal, not an error
            self.inc("robots/missing")
            return
        yield from self.robots_sitemap_requests(
            source, robots_sitemaps(response.body, response.url)
        )

    def robots_parsed(self, robotparser: Any, request: Any) -> None:
        """Scrapy's ``robots_parsed`` signal: the ``Sitemap:`` lines of each source on the host."""
        protego = getattr(robotparser, "rp", None)
        if not isinstance(protego, Protego):  # another ROBOTSTXT_PARSER: no sitemaps from it
            return
        root = url_root(request.url)
        urls = sitemap_urls(protego, f"{root}/robots.txt")
        for source in self.sources:
            if root in source_roots(source):
                for sitemap in self.robots_sitemap_requests(source, urls):
                    self.crawler.engine.crawl(sitemap)

    def robots_sitemap_requests(self, source: Source, urls: list[str]) -> Iterator[Any]:
        for url in undeclared_sitemaps(source, urls):
            self.inc("discover/robots_sitemap")
            yield self.request(url, source, "sitemap", self.parse_sitemap)  # type: ignore[attr-defined]

    def child_sitemap(self, entry: Entry, source: Source) -> Iterator[Any]:
        """A sitemap listed by an index, unless its ``lastmod`` shows nothing changed."""
        url = canonicalize_url(entry.url)
        known = self.known.get(url)
        if known and known.state == "done" and entry.modified and known.lastmod == entry.modified:
            self.inc("discover/sitemap_unchanged")
            return
        if older_than(entry, self.since_at):
            self.inc("discover/out_of_range")
            return
        self.inc("discover/sitemap_index")
        request = self.request(url, source, "sitemap", self.parse_sitemap)  # type: ignore[attr-defined]
        request.meta["lastmod"] = entry.modified
        yield request

    def autodiscovered_feed(self, url: str, source: Source) -> Iterator[Any]:
        """A feed announced by a start page or listing (``<link rel="alternate">``)."""
        url = canonicalize_url(url)
        if not self.autodiscovery or not same_site(url, source.hosts) or url in self.listing_urls:
            return
        self.listing_urls.add(url)
        self.inc("discover/autodiscovered_feed")
        yield self.request(url, source, "feed", self.parse_feed)  # type: ignore[attr-defined]
