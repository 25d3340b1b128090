"""Scrapy's caching DNS resolver, plus fixed answers for chosen host names.

``PinnedResolver`` answers the host names in ``DNS_PINS`` (host → IPv4 address,
like curl's ``--resolve`` or an ``/etc/hosts`` line that only the crawl sees) and
asks the system for the rest, caching as Scrapy's ``CachingThreadedResolver``
does. Use it to crawl a site by name on a staging address; the tests use it to
give loopback fixture sites real host names. Enable with
``TWISTED_DNS_RESOLVER = "crawler.resolver.PinnedResolver"``.
Settings read: ``DNS_PINS`` (dict or JSON object; default empty), ``DNSCACHE_*``,
``DNS_TIMEOUT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

from crawler.guard import parse_address


class PinnedResolver(CachingThreadedResolver):
    pins: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PinnedResolver:
        resolver = super().from_crawler(crawler, reactor)
        pins = crawler.settings.getdict("DNS_PINS")
        for host, address in pins.items():
            if parse_address(str(address)) is None:
                raise ValueError(f"DNS_PINS: {address!r} for {host!r} is not an IP address")
        resolver.pins = {str(h).lower(): str(a) for h, a in pins.items()}
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:  # noqa: N802
        pinned = self.pins.get(name.lower())
        if pinned is not None:
            return defer.succeed(pinned)
        return super().getHostByName(name, timeout)
