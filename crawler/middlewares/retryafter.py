"""Honour ``Retry-After`` on 429 and 503 responses, up to a bound.

``RetryAfterMiddleware`` runs before Scrapy's ``RetryMiddleware`` sees the response
(a higher order number: responses go through the chain from the downloader up). When
a 429 or 503 carries ``Retry-After`` (seconds, or an HTTP date), the host's downloader
slot is paused that long (``PoliteDownloader.pause``), so the retry, and every other
request to that host, waits for it. A wait longer than ``NEWS_RETRY_AFTER_MAX`` is
not made in this run: the host is paused for the bound, the request is not retried
(``dont_retry``) and becomes its ``http_429``/``http_503`` errors row; the frontier
retries it in a later run. Switched off (``NotConfigured``) when the bound is 0.
Settings read: ``NEWS_RETRY_AFTER_MAX`` (seconds; default in ``crawler/settings.py``).
Stats: ``news/politeness/retry_after`` (waits made), ``news/politeness/retry_after_too_long``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.exceptions import NotConfigured

STATUSES = (429, 503)


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait for a ``Retry-After`` value (delta-seconds or HTTP-date), or None."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler: Any, bound: float) -> None:
        self.crawler = crawler
        self.bound = bound

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        bound = crawler.settings.getfloat("NEWS_RETRY_AFTER_MAX")
        if bound <= 0:
            raise NotConfigured("NEWS_RETRY_AFTER_MAX is 0")
        return cls(crawler, bound)

    def process_response(self, request: Any, response: Any) -> Any:
        header = response.headers.get("Retry-After")
        if response.status not in STATUSES or not header:
            return response
        seconds = retry_after_seconds(header.decode("latin-1"))
        downloader = self.crawler.engine.downloader
        if seconds is None or not hasattr(downloader, "pause"):
            return response
        stats = self.crawler.stats
        if seconds > self.bound:
            stats.inc_value("news/politeness/retry_after_too_long")
            request.meta["dont_retry"] = True  # a later run tries again
        else:
            stats.inc_value("news/politeness/retry_after")
        downloader.pause(downloader.get_slot_key(request), min(seconds, self.bound))
        return response
