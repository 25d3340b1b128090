"""Send a source's own request headers and cookies with its requests (sources file keys).

``FetchOptionsMiddleware`` adds the ``headers`` of the request's source (``meta["source"]``)
and its ``cookies`` as one ``Cookie`` header, to requests for the source's own hosts only
(``Source.hosts`` and their subdomains): a consent cookie or an ``Accept-Language``
never goes to another site.
It runs right after the address guard (priority 60), before Scrapy's default headers
and user agent, so a source's ``User-Agent`` or ``Accept-Language`` wins over the
project's. Cookies a site sets are not kept (``COOKIES_ENABLED`` stays off): a source's
cookies are the ones it declares. Rendered pages (``crawler.render``) get the same
headers on the page request; their cookies are set in the browser too.
Settings read: none. Stats: ``news/fetch/headers``, ``news/fetch/cookies`` (requests
that got a source's headers or cookies).
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Request

from crawler.run import RunContext
from crawler.sources import Source
from pipelines.urls import same_site


def fetch_headers(source: Source) -> dict[str, str]:
    """The headers a source's requests carry: its ``headers`` and its ``Cookie``."""
    headers = dict(source.headers)
    cookie = source.cookie_header()
    if cookie:
        headers["Cookie"] = cookie
    return headers


class FetchOptionsMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> FetchOptionsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        source = RunContext.of(self.crawler).by_name.get(request.meta.get("source"))
        if source is None or not (source.headers or source.cookies):
            return None
        if not same_site(request.url, source.hosts):
            return None
        for name, value in fetch_headers(source).items():
            request.headers[name] = value
        stats = self.crawler.stats
        if source.headers:
            stats.inc_value("news/fetch/headers")
        if source.cookies:
            stats.inc_value("news/fetch/cookies")
        return None
