"""Refuse requests to non-public addresses, checked on the resolved address at every hop.

``AddressGuardMiddleware`` runs first in the downloader chain (before robots.txt,
retries and redirects), so every request is checked: those from feeds, sitemaps,
links and hreflang alternates, and each redirect hop, which Scrapy schedules as a
new request. It resolves the host through the crawl's own resolver (the one the
connection then uses, from its cache, so a rebinding DNS answer cannot slip a
different address in between) and refuses anything but http and https, and, unless
the request's source sets ``allow_private``, loopback, private, link-local,
cloud-metadata and other non-public addresses (rules in ``crawler.guard``). A
refused request raises :class:`AddressRefused`, an ``IgnoreRequest`` the spider's
errback records as an errors row (``private_address``, ``bad_scheme`` or ``dns``).
``refusal(url, allow_private)`` is the same decision for one URL, and ``verdict`` also
gives the address to connect to: the render middleware asks them about every request and
every connection a rendered page's browser makes.
Settings read (defaults in ``crawler/settings.py``): ``GUARD_ENABLED`` (true),
``GUARD_ALLOW_NETWORKS`` (networks allowed even for sources without ``allow_private``,
e.g. an intranet proxy; none). Stats: ``news/guard/allowed``, ``news/guard/refused/REASON``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

from crawler.guard import SCHEMES, Refusal, networks, parse_address, url_refusal
from crawler.run import RunContext


class AddressRefused(IgnoreRequest):
    """A request the address guard would not send."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(f"address guard: {refusal.detail}")


class AddressGuardMiddleware:
    def __init__(self, crawler: Any, allowed: tuple) -> None:
        self.crawler = crawler
        self.allowed = allowed
        self.cleared: set[str] = set()  # host:port already let through for some source

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        settings = crawler.settings
        if not settings.getbool("GUARD_ENABLED"):
            raise NotConfigured("GUARD_ENABLED is off")
        return cls(crawler, networks(settings.getlist("GUARD_ALLOW_NETWORKS")))

    def allow_private(self, request: Request) -> bool:
        source = RunContext.of(self.crawler).by_name.get(request.meta.get("source"))
        return bool(source and source.allow_private)

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        # Requests the crawl makes on its own (robots.txt) carry no source: they go to
        # a host:port a source's request was already cleared for.
        if "source" not in request.meta and parts.netloc in self.cleared:
            return None
        refusal = await self.refusal(request.url, self.allow_private(request))
        if refusal is not None:
            raise AddressRefused(refusal)
        self.cleared.add(parts.netloc)
        return None

    async def refusal(self, url: str, allow_private: bool) -> Refusal | None:
        """Why ``url`` may not be fetched (counted in stats), or ``None``: for the crawl's
        requests and for each request a rendered page makes (``crawler.middlewares.render``)."""
        return (await self.verdict(url, allow_private))[0]

    async def verdict(
        self, url: str, allow_private: bool, address_needed: bool = False
    ) -> tuple[Refusal | None, str]:
        """The refusal (or ``None``) and the address the host resolves to (the host itself
        when it was not resolved: a literal, or an allowed private host not needed)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        resolved = host
        literal = parse_address(host) is not None
        resolving = address_needed or not allow_private
        if parts.scheme in SCHEMES and host and not literal and resolving:
            resolved = await self.resolve(host)
        refusal = url_refusal(url, lambda _host: resolved, allow_private, self.allowed)
        if refusal is None and address_needed and not resolved:
            refusal = Refusal("dns", f"{host} does not resolve")
        stats = self.crawler.stats
        if refusal is not None:
            stats.inc_value(f"news/guard/refused/{refusal.reason}")
        else:
            stats.inc_value("news/guard/allowed")
        return refusal, resolved

    async def resolve(self, host: str) -> str:
        """The address the connection will use: the reactor's (caching) resolver."""
        from twisted.internet import reactor

        try:
            return await maybe_deferred_to_future(reactor.resolve(host))
        except DNSLookupError:
            return ""
