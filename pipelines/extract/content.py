"""Recognise fetched bodies that are not article pages.

``binary_problem(body)`` → ``(reason, detail)`` or ``None``: ``binary_body`` for
binary data served as HTML (known file signatures, or NUL and control bytes in
the first kilobyte); the spider checks it before extraction, without parsing.
``soft_404(title, heading)``: a "not found" page answered with status 200 (its
title or first heading says so, in English, Indonesian, French, German, Spanish,
Portuguese, Chinese or Japanese); the extraction worker checks it on the tree it
parses anyway, so the reactor never parses a page. ``page_problem`` is both.
``fetched_problem(content_type, body)``: ``not_html``, ``empty_body`` or ``binary_problem``,
what the crawl and ``scrapy import-warc`` check before a page goes to extraction.
Settings read: none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"RIFF": "RIFF media",
    b"\x00\x00\x00": "binary data",
}
# The types a ``<link rel="alternate">`` to a feed announces.
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/xml",
    "application/xml",
}
NOT_FOUND = re.compile(
    r"\b404\b|not found|page (does not|doesn't) exist|no longer (exists|available)"
    r"|tidak ditemukan|introuvable|n'existe pas|nicht gefunden|no encontrad|não encontrad"
    r"|找不到|页面不存在|見つかりません",
    re.IGNORECASE,
)
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def binary_kind(body: bytes) -> str | None:
    """What binary data ``body`` is, or ``None`` if it looks like text."""
    head = body[:1024]
    for magic, kind in SIGNATURES.items():
        if head.startswith(magic):
            return kind
    if head and len(CONTROL.findall(head)) > len(head) // 100 + 2:
        return "binary data"
    return None


def binary_problem(body: bytes) -> tuple[str, str] | None:
    kind = binary_kind(body)
    return None if kind is None else ("binary_body", f"{kind} served as HTML")


HTML_TYPES = ("text/html", "application/xhtml+xml")
# The response headers a page keeps (``captures.headers``, the extraction's hints).
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")


def is_html(content_type: str, body: bytes) -> bool:
    """An HTML page by its Content-Type, or by its first bytes when it has none."""
    if content_type:
        return any(t in content_type.lower() for t in HTML_TYPES)
    return body.lstrip()[:100].lower().startswith((b"<!doctype html", b"<html"))


def fetched_problem(content_type: str, body: bytes) -> tuple[str, str] | None:
    """Why a fetched 200 response is no page to extract, before parsing it: ``not_html``,
    ``empty_body`` or ``binary_problem``; None for a page. The crawl and
    ``scrapy import-warc`` both check it."""
    if not is_html(content_type, body):
        return "not_html", content_type or "none"
    if not body or body.isspace():  # ``body.strip()``'s test, without copying the body
        return "empty_body", "200 with an empty body"
    return binary_problem(body)


def soft_404(title: str | None, heading: str | None) -> tuple[str, str] | None:
    for label, text in (("title", title), ("heading", heading)):
        if text and NOT_FOUND.search(text):
            return "soft_404", f"200 page whose {label} says not found: {text.strip()[:200]}"
    return None


def page_problem(
    body: bytes, headings: Callable[[], tuple[str | None, str | None]]
) -> tuple[str, str] | None:
    """Why this 200 response is not an article page worth extracting, or ``None``.

    ``headings()`` gives the page's title and first heading (parsed only for text bodies).
    """
    return binary_problem(body) or soft_404(*headings())
