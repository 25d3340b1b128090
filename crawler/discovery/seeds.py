"""Where a source's crawl starts: its channels, its hosts' robots.txt, its articles due.

Plain functions, no Scrapy, shared by the ``news`` spider (its start requests) and the
distributed seeding (``crawler.distributed.seeding``: the seeds pushed to Redis), so
both start a run from the same URLs with the same conditional-GET validators:
``channels`` (a source's feeds, sitemaps and start pages, in that order),
``robots_urls`` (the robots.txt of every host it declares: ``source_roots``),
``validators`` (the ``If-None-Match`` / ``If-Modified-Since`` a request carries, from
the archive's frontier), ``articles_due`` (known articles whose revisit is due, or
never finished) and ``undeclared_sitemaps`` (a robots.txt's same-site sitemaps the
source does not declare). Settings read: none (the callers pass the revisit schedule
``NEWS_REVISIT_AFTER`` and the clock). Stats written: none (the callers count).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from crawler.sources import Source
from pipelines.archive.frontier import Known
from pipelines.urls import canonicalize_url, same_site

# Read whole every time: a listing's links change while its validators may not.
NO_VALIDATORS = ("start", "section", "robots")


def url_root(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def source_roots(source: Source) -> set[str]:
    """``scheme://host[:port]`` of every URL a source declares (the hosts of its robots.txt)."""
    every = (*source.start_urls, *source.feeds, *source.sitemaps)
    return {url_root(url) for url in every}


def robots_urls(source: Source) -> list[str]:
    """The robots.txt of every host a source declares, sorted."""
    return [f"{root}/robots.txt" for root in sorted(source_roots(source))]


def channels(source: Source) -> Iterator[tuple[str, str]]:
    """``(via, url)`` of a source's declared channels: feeds, sitemaps, start pages."""
    for via, urls in (("feed", source.feeds), ("sitemap", source.sitemaps)):
        for url in urls:
            yield via, url
    for url in source.start_urls:
        yield "start", url


def validators(known: Mapping[str, Known], url: str, via: str) -> dict[str, str]:
    """Conditional-GET headers for a feed, sitemap or revisited article."""
    item = known.get(url)
    if item is None or via in NO_VALIDATORS:
        return {}
    return item.conditional_headers()


def articles_due(
    known: Iterable[Known], sources: Collection[str], now: datetime, steps: list[timedelta]
) -> Iterator[tuple[Known, str | None]]:
    """Each known article of the named sources, with the ``via`` of its request if it is
    due now (``revisit`` when archived, ``resume`` when never finished), else None."""
    for item in known:
        if item.source not in sources or item.kind != "article":
            continue
        if item.is_due(now, steps):
            yield item, "revisit" if item.state == "done" else "resume"
        else:
            yield item, None


def undeclared_sitemaps(source: Source, urls: list[str]) -> list[str]:
    """The sitemaps of a robots.txt on the source's site that it does not declare itself."""
    declared = {canonicalize_url(u) for u in source.sitemaps}
    return [u for u in urls if same_site(u, source.hosts) and canonicalize_url(u) not in declared]
