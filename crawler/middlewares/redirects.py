"""Stop redirect loops and non-http(s) redirects with a clear reason.

Scrapy's ``RedirectMiddleware`` sends each hop back through the scheduler, whose
duplicate filter silently drops a hop to a URL already requested: a loop
(``a → b → a``) would leave no trace. ``RedirectLoopMiddleware`` runs just before
it on responses and raises :class:`RedirectLoop` (an ``IgnoreRequest``; the spider
records ``redirect_loop``) when a redirect points back to a URL of its own chain.
Long chains end at ``REDIRECT_MAX_TIMES`` (recorded as ``redirect_limit``). A
redirect to another scheme (``file:``, ``ftp:``...), which Scrapy would hand back
as a bare 3xx, is refused as ``bad_scheme``.
Settings read: ``REDIRECT_ENABLED`` (Scrapy's; default true). Stats: ``news/redirect/loop``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response

from crawler.guard import SCHEMES, Refusal
from crawler.middlewares.guard import AddressRefused
from pipelines.urls import canonicalize_url

REDIRECTS = {301, 302, 303, 307, 308}


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already in the request's redirect chain."""


class RedirectLoopMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectLoopMiddleware:
        if not crawler.settings.getbool("REDIRECT_ENABLED"):
            raise NotConfigured("REDIRECT_ENABLED is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECTS or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        scheme = target.split(":", 1)[0].lower()
        if scheme not in SCHEMES:
            detail = f"redirect to {target[:200]}: only http and https are fetched"
            raise AddressRefused(Refusal("bad_scheme", detail))
        target = canonicalize_url(target)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in {canonicalize_url(url) for url in chain}:
            self.crawler.stats.inc_value("news/redirect/loop")
            raise RedirectLoop(f"redirect loop: {' -> '.join([*chain, target])}"[:500])
        return response
