"""The meta-refresh middleware: same redirects as Scrapy's, no decoding of pages without one."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.middlewares.metarefresh import MetaRefreshMiddleware, may_refresh

URL = "http://127.0.0.1:8000/news/1"


def response(body: bytes, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(URL, body=body, encoding=encoding, request=Request(URL))


def middleware() -> MetaRefreshMiddleware:
    return MetaRefreshMiddleware.from_crawler(get_crawler())


def test_a_meta_refresh_is_followed():
    page = b'<html><head><META HTTP-EQUIV="Refresh" content="0; url=/news/2"></head></html>'
    followed = middleware().process_response(Request(URL), response(page))
    assert isinstance(followed, Request) and followed.url == "http://127.0.0.1:8000/news/2"
    utf16 = page.decode().encode("utf-16")  # no ASCII bytes to search: Scrapy's check runs
    followed = middleware().process_response(Request(URL), response(utf16, "utf-16"))
    assert isinstance(followed, Request)
    assert followed.url.startswith("http://127.0.0.1:8000/news/2")  # Scrapy's URL encoding


def test_a_page_without_refresh_is_not_decoded():
    page = "<html><head><title>Berita</title></head><body>" + "kata " * 30_000 + "</body></html>"
    plain = response(page.encode())
    assert middleware().process_response(Request(URL), plain) is plain
    assert plain._cached_ubody is None  # Scrapy's would have decoded all of it
    assert not may_refresh(page.encode())
    late = page.replace("</body>", '<meta http-equiv="refresh" content="0; url=/x"></body>')
    assert middleware().process_response(Request(URL), response(late.encode())).url == URL
