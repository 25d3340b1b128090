"""robots.txt obeyed as RFC 9309 says, and before any page of the host, however many ask at once.

``RobotsMiddleware`` takes the place of Scrapy's ``RobotsTxtMiddleware`` (same
position, same parser, same ``robots_parsed`` signal, same ``robotstxt/*`` stats) and
changes two things:

- **Every request waits for its host's robots.txt.** Scrapy 2.19 keeps one Twisted
  ``Deferred`` per host while robots.txt downloads and has each waiting request await
  it through ``asFuture``, which consumes the result: the first waiter gets the rules,
  every later one gets ``None`` and is let through unchecked. With several requests to a
  host arriving while its robots.txt is on the wire (a crawl's seeds; a distributed
  worker taking a host's pages from the shared queue; a slow robots.txt on a loaded
  machine) disallowed pages were fetched. Here the fetch is one asyncio task per host
  that every request of the host awaits (shielded: a request cancelled while waiting does
  not cancel the fetch the others wait for), so none goes out before the rules are in.
- **A robots.txt that cannot be fetched is not "allow all".** Scrapy reads whatever
  answer comes back as the file (a 503 page is then an empty rule set) and takes a
  download error as no rules at all. Here, after Scrapy's retries (the request goes
  through ``RetryMiddleware`` like any other), the answer is read as RFC 9309 says:
  2xx: the rules; 4xx other than 429 (and a redirect chain that ends nowhere): the file
  is unavailable, everything is allowed; 5xx, 429, a timeout or a connection error: the
  file is unreachable, nothing of the host is fetched in this run. A page refused so
  raises :class:`RobotsUnreachable` (reason ``robots_unreachable``: an errors row and an
  ``error`` outcome whose URL, unlike a ``robots`` refusal, the next runs retry).

Settings read: Scrapy's ``ROBOTSTXT_OBEY`` (off: ``NotConfigured``), ``ROBOTSTXT_PARSER``,
``ROBOTSTXT_USER_AGENT``, ``USER_AGENT``. Stats: one per host, ``news/robots/rules``
(its robots.txt read), ``news/robots/missing`` (4xx: all allowed),
``news/robots/unreachable`` (none of its pages fetched); Scrapy's ``robotstxt/*``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

logger = logging.getLogger(__name__)
RULES, MISSING, UNREACHABLE = "rules", "missing", "unreachable"


class RobotsUnreachable(IgnoreRequest):
    """A page not fetched because its host's robots.txt could not be fetched."""


def status_verdict(status: int) -> str:
    """What a robots.txt answer with this final status means (RFC 9309, 2.3.1)."""
    if 200 <= status < 300:
        return RULES
    if status == 429 or status >= 500:  # 429: the server is overloaded, as a 503
        return UNREACHABLE
    return MISSING  # 4xx, or a redirect not followed to its end


class RobotsMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.fetches: dict[str, asyncio.Task] = {}  # netloc → its robots.txt fetch
        self.unreachable: dict[str, str] = {}  # netloc → why its robots.txt is unreachable
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt"):
            return
        if request.url.startswith(("data:", "file:")):
            return
        parser = await self.robot_parser(request)
        why = self.unreachable.get(urlparse_cached(request).netloc)
        if why is not None:
            raise RobotsUnreachable(f"robots.txt unreachable ({why}): host not crawled")
        self.process_request_2(parser, request)

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        fetch = self.fetches.get(netloc)
        if fetch is None:
            fetch = asyncio.ensure_future(self.fetch(request, netloc))
            self.fetches[netloc] = fetch
        return await asyncio.shield(fetch)

    async def fetch(self, request: Request, netloc: str) -> Any:
        """The host's rules (allow-all for a missing file; ``None`` when unreachable)."""
        url = f"{urlparse_cached(request).scheme}://{netloc}/robots.txt"
        robots = Request(
            url,
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        )
        self._stats.inc_value("robotstxt/request_count")
        try:
            response: Response = await self.crawler.engine.download_async(robots)
        except IgnoreRequest as exc:  # too many redirects, a refused hop: unavailable
            self._robots_error_stat(exc)
            return self.verdict(netloc, MISSING, url, str(exc))
        except Exception as exc:  # noqa: BLE001 - timeout, connection: after the retries
            self._robots_error_stat(exc)
            return self.verdict(netloc, UNREACHABLE, url, f"{type(exc).__name__}: {exc}")
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        verdict = status_verdict(response.status)
        if verdict != RULES:
            return self.verdict(netloc, verdict, url, f"HTTP {response.status}")
        parser = build_from_crawler(self._parserimpl, self.crawler, response.body)
        self._stats.inc_value(f"news/robots/{RULES}")
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request
        )
        return parser

    def verdict(self, netloc: str, verdict: str, url: str, why: str) -> Any:
        self._stats.inc_value(f"news/robots/{verdict}")
        if verdict == UNREACHABLE:
            self.unreachable[netloc] = why
            logger.warning("%s unreachable (%s): no page of %s is fetched", url, why, netloc)
            return None
        logger.info("%s unavailable (%s): every page of %s is allowed", url, why, netloc)
        return build_from_crawler(self._parserimpl, self.crawler, b"")

    def _robots_error_stat(self, exc: Exception) -> None:
        if not isinstance(exc, IgnoreRequest):
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")

    def close(self) -> None:
        for fetch in self.fetches.values():  # the crawl stopped while one was on the wire
            fetch.cancel()
