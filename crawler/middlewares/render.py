"""Render the pages of ``render`` sources in a headless browser, guarded request by request.

``RenderMiddleware`` sends the HTML pages (start pages, listings, articles; not feeds,
sitemaps or robots.txt) of sources that set ``render = true`` to scrapy-playwright
(``crawler.render`` installs it, only when a source renders): Chromium loads the page,
runs its scripts, and waits until the network is quiet (``NEWS_RENDER_WAIT``); the
response the spider gets is the rendered HTML. For every request the page makes
(scripts, JSON, images, frames, web sockets) the address guard
(``crawler.middlewares.guard``) decides first, with the page's source's
``allow_private``: a refused one is aborted before it leaves the browser, counted, and
listed in ``meta["render_refused"]`` (the spider records each as an errors row). As
request interception does not see the hops of a redirect the browser follows, each
source's browser context (``render-NAME``) also connects only through a guard proxy of
its own (``crawler.guardproxy``), which checks every connection (redirect hops included)
and connects to the address the crawl's resolver gave. The
page's own document as the server sent it is kept as ``meta["render_fetched"]``, so the
WARC recorder (``crawler.middlewares.warc``) records what was fetched as well as what
was rendered. A source's cookies are set in the browser context for its own hosts.
It sits next to the downloader (priority 960, after the WARC recorder's 950 on the way
in, before it on the way out). Revisits of rendered pages are not conditional (a
browser shows no 304). Switched off (``NotConfigured``) when no source renders.
Settings read (defaults in ``crawler/settings.py``): ``NEWS_RENDER_WAIT`` (``load``,
``domcontentloaded`` or ``networkidle``), ``NEWS_RENDER_TIMEOUT`` (seconds), and the
guard's (``GUARD_ENABLED``, ``GUARD_ALLOW_NETWORKS``). Stats: ``news/render/pages``,
``news/render/requests`` (requests the rendered pages made), ``news/render/refused``
(of which refused), ``news/render/proxy_refused`` (connections the proxy refused: hops
of redirects to refused addresses), ``news/render/no_document`` (rendered without the fetched
document's bytes), and the guard's ``news/guard/*``.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.guardproxy import GuardProxy
from crawler.middlewares.guard import AddressGuardMiddleware
from crawler.run import RunContext
from crawler.sources import Source

logger = logging.getLogger(__name__)
RENDERED_KINDS = ("article", "listing")  # url_kind of the requests a browser renders
VALIDATORS = (b"If-None-Match", b"If-Modified-Since")
WAITS = ("load", "domcontentloaded", "networkidle")


class RenderMiddleware:
    def __init__(self, crawler: Any, guard: AddressGuardMiddleware | None) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.guard = guard
        # each render source's browser context connects through a guard proxy of its own
        self.proxies: dict[str, GuardProxy] = {}
        if guard is not None:
            for source in RunContext.of(crawler).sources:
                if source.render:
                    self.proxies[source.name] = GuardProxy(partial(self.proxy_check, source))
        crawler.signals.connect(self.close, signal=signals.engine_stopped)
        self.wait = crawler.settings.get("NEWS_RENDER_WAIT")
        if self.wait not in WAITS:
            raise ValueError(f"NEWS_RENDER_WAIT must be one of {', '.join(WAITS)}")
        self.document_timeout = crawler.settings.getfloat("NEWS_RENDER_TIMEOUT")
        self.with_cookies: set[str] = set()  # sources whose cookies the browser has
        self.reading: set[asyncio.Future] = set()  # document reads not finished yet

    @classmethod
    def from_crawler(cls, crawler: Any) -> RenderMiddleware:
        if not any(source.render for source in RunContext.of(crawler).sources):
            raise NotConfigured("no source renders")
        try:
            guard = AddressGuardMiddleware.from_crawler(crawler)
        except NotConfigured:
            guard = None
        return cls(crawler, guard)

    def source(self, request: Request) -> Source | None:
        return RunContext.of(self.crawler).by_name.get(request.meta.get("source"))

    def process_request(self, request: Request) -> None:
        source = self.source(request)
        if source is None or not source.render:
            return None
        if request.meta.get("url_kind") not in RENDERED_KINDS:
            return None
        for name in VALIDATORS:
            request.headers.pop(name, None)
        context: dict[str, Any] = {"service_workers": "block"}
        proxy = self.proxies.get(source.name)
        if proxy is not None:  # every connection, loopback included, through the guard
            context["proxy"] = {"server": proxy.url, "bypass": "<-loopback>"}
        request.meta.update(
            playwright=True,
            playwright_context=f"render-{source.name}",
            playwright_context_kwargs=context,
            playwright_page_goto_kwargs={"wait_until": self.wait},
            playwright_page_init_callback=self.init_page,
        )
        return None

    async def init_page(self, page: Any, request: Request) -> None:
        """Before the page loads: the guard on its every request, the source's cookies,
        and a listener that keeps the document the server sent."""
        try:
            await self.prepare(page, request)
        except BaseException:  # scrapy-playwright would load the page anyway: fail closed
            await page.close()
            raise

    async def prepare(self, page: Any, request: Request) -> None:
        source = self.source(request)
        assert source is not None
        refused: list[tuple[str, str, str]] = []
        request.meta["render_refused"] = refused
        if source.cookies and source.name not in self.with_cookies:
            self.with_cookies.add(source.name)
            await page.context.add_cookies(
                [
                    {"name": name, "value": value, "domain": host, "path": "/"}
                    for host in sorted(source.hosts)
                    for name, value in source.cookies
                ]
            )
        if source.name in self.proxies:
            await self.proxies[source.name].start()
        if self.guard is not None:
            await page.route("**/*", partial(self.route, source, refused))
            await page.route_web_socket("**/*", partial(self.web_socket, source, refused))
        documents: list[asyncio.Task] = []
        request.meta["_render_documents"] = documents
        page.on("response", partial(self.on_response, page, documents))

    async def route(self, source: Source, refused: list, route: Any, browser_request: Any) -> None:
        self.stats.inc_value("news/render/requests")
        refusal = await self.refusal(browser_request.url, source, refused)
        if refusal:
            await route.abort("blockedbyclient")
        else:
            await route.fallback()  # to scrapy-playwright's handler: headers, then the network

    async def web_socket(self, source: Source, refused: list, socket: Any) -> None:
        self.stats.inc_value("news/render/requests")
        url = "http" + socket.url[2:] if socket.url.startswith("ws") else socket.url
        if not await self.refusal(url, source, refused, shown=socket.url):
            socket.connect_to_server()  # refused: never connected (the page sees it fail)

    async def refusal(self, url: str, source: Source, refused: list, shown: str = "") -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return False
        assert self.guard is not None
        refusal = await self.guard.refusal(url, source.allow_private)
        if refusal is None:
            return False
        self.stats.inc_value("news/render/refused")
        refused.append((shown or url, refusal.reason, refusal.detail))
        return True

    async def proxy_check(self, source: Source, url: str) -> tuple[Any, str]:
        """The guard's verdict on a connection the browser opens (a redirect hop too)."""
        assert self.guard is not None
        refusal, address = await self.guard.verdict(url, source.allow_private, True)
        if refusal is not None:
            self.stats.inc_value("news/render/proxy_refused")
            logger.info("browser connection refused (%s): %s", source.name, refusal.detail)
        return refusal, address

    async def close(self) -> None:
        reading = list(self.reading)
        for task in reading:  # a page the crawl no longer waits for
            task.cancel()
        await asyncio.gather(*reading, return_exceptions=True)
        for proxy in self.proxies.values():
            await proxy.close()

    def on_response(self, page: Any, documents: list, response: Any) -> None:
        """The page's own document (after redirects), read while the page is open."""
        main = response.request.is_navigation_request() and response.frame == page.main_frame
        if main and not 300 <= response.status < 400:
            task = asyncio.ensure_future(document(response))
            self.reading.add(task)
            task.add_done_callback(self.reading.discard)
            documents.append(task)

    @staticmethod
    def forget(request: Request) -> list:
        """Drop what only this download needed (a retry is queued, maybe on disk, without it:
        ``process_request`` sets it again); returns the pending document reads."""
        request.meta.pop("playwright_page_init_callback", None)
        return request.meta.pop("_render_documents", [])

    def process_exception(self, request: Request, exception: Exception) -> None:
        for task in self.forget(request):
            task.cancel()
        return None

    async def process_response(self, request: Request, response: Response) -> Response:
        documents = self.forget(request)
        for task in documents[:-1]:  # an earlier navigation of the page: only the last counts
            task.cancel()
        if "playwright" not in response.flags:
            for task in documents[-1:]:
                task.cancel()
            return response
        self.stats.inc_value("news/render/pages")
        fetched = None
        for task in documents[-1:]:
            try:
                fetched = await asyncio.wait_for(task, self.document_timeout)
            except Exception as exc:  # noqa: BLE001 - the rendered page is still recorded
                logger.info("document of %s not kept: %s", request.url, exc)
        if fetched is None:
            self.stats.inc_value("news/render/no_document")
        else:
            url, status, headers, body = fetched
            request.meta["render_fetched"] = response.replace(
                url=url, status=status, headers=headers, body=body, flags=[]
            )
        return response


async def document(response: Any) -> tuple[str, int, list[tuple[str, str]], bytes]:
    headers = [(h["name"], h["value"]) for h in await response.headers_array()]
    headers = [(n, v) for n, v in headers if n.lower() != "content-encoding"]
    return response.url, response.status, headers, await response.body()
