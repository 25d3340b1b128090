"""The ``since`` / ``until`` bounds of discovery, by the dates feeds and sitemaps give.

Plain functions, no Scrapy. ``scrapy crawl news -a since=YYYY-MM-DD -a until=YYYY-MM-DD``:
``parse_bound`` reads an argument (``until`` to the end of its day), ``in_bounds``
keeps an entry whose published (else modified) date is inside them, or that gives no
date, and ``older_than`` says a sitemap index entry changed before ``since`` (its child
sitemap is not fetched). Settings read: none (the spider passes its arguments).
Stats written: none (the spider counts ``news/discover/out_of_range``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from crawler.discovery.reading import Entry
from pipelines.archive import frontier


class BoundError(ValueError):
    """A ``since``/``until`` argument that is not a date."""


def parse_bound(value: str | None, end_of_day: bool = False) -> datetime | None:
    """``YYYY-MM-DD`` (or a full ISO time) as an aware datetime; None when not given."""
    if value in (None, ""):
        return None
    moment = frontier.parse_time(str(value))
    if moment is None:
        raise BoundError(f"{value!r} is not a date (use YYYY-MM-DD)")
    if end_of_day and len(str(value).strip()) == 10:
        moment += timedelta(days=1) - timedelta(microseconds=1)
    return moment


def in_bounds(entry: Entry, since: datetime | None, until: datetime | None) -> bool:
    """Inside the ``since``/``until`` bounds by the date a feed or sitemap gives?"""
    if since is None and until is None:
        return True
    when = frontier.parse_time(entry.published or entry.modified)
    if when is None:
        return True
    return not ((since and when < since) or (until and when > until))


def older_than(entry: Entry, since: datetime | None) -> bool:
    """A sitemap index entry whose ``lastmod`` is before ``since``."""
    return bool(since and (when := frontier.parse_time(entry.modified)) and when < since)
