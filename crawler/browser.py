"""The crawl's one browser download handler, for http and https alike.

Scrapy builds a download handler per URL scheme; scrapy-playwright's would then start
two Playwright drivers and, with pages of both schemes, two browsers.
``BrowserDownloadHandler`` is scrapy-playwright's handler made once per crawler and
closed once. It is installed only for crawls with ``render`` sources
(``crawler.render.use_browser``); requests not marked for the browser go to Scrapy's own
HTTP handler, which it extends. Settings read: scrapy-playwright's ``PLAYWRIGHT_*``
(written by ``crawler.render``). Stats: scrapy-playwright's ``playwright/*``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class BrowserDownloadHandler(ScrapyPlaywrightDownloadHandler):
    _closing: asyncio.Future | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> BrowserDownloadHandler:
        handler = getattr(crawler, "_news_browser_handler", None)
        if handler is None:
            handler = cls(crawler)
            crawler._news_browser_handler = handler
        return handler

    async def close(self) -> None:
        if self._closing is None:
            self._closing = asyncio.ensure_future(super().close())
        await asyncio.shield(self._closing)
