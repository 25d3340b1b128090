"""Follow ``<meta http-equiv="refresh">`` redirects without decoding every page.

Scrapy's ``MetaRefreshMiddleware`` decodes the whole body of every HTML response
(``response.text``) to look at its first 4,096 characters, and the decoded copy
stays on the response while the page waits for extraction: CPU and memory spent
on pages that have no refresh, nearly all of them. This subclass hands a response to
it only when the first 16 KB of the body (4,096 characters in any ASCII-compatible
encoding) contain ``refresh``, or when the body looks like UTF-16/32 (NUL bytes),
where a bytes search cannot tell. Replaces Scrapy's in ``DOWNLOADER_MIDDLEWARES``.
Settings read: those of Scrapy's (``METAREFRESH_ENABLED``, ``METAREFRESH_MAXDELAY``,
``METAREFRESH_IGNORE_TAGS``).
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as Base
from scrapy.http import Request, Response

HEAD = 16 * 1024


def may_refresh(body: bytes) -> bool:
    """False when the start of ``body`` cannot hold a meta refresh."""
    head = body[:HEAD]
    return b"\x00" in head or b"refresh" in head.lower()


class MetaRefreshMiddleware(Base):
    def process_response(self, request: Request, response: Response) -> Request | Response:
        if not may_refresh(response.body):
            return response
        return super().process_response(request, response)
