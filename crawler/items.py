"""Items that travel from the spider through the pipelines.

``PageItem``: a fetched page to extract (the spider makes it). ``ArticleItem``:
the extracted article plus its capture (the extract pipeline makes it).
``ErrorItem``: a URL that failed or was skipped, with its reason; it goes to the
archive's ``errors`` table. Settings read: none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    url: str  # final URL, after redirects
    requested_url: str
    source: str
    status: int
    headers: dict[str, str]
    body: bytes = field(repr=False)
    encoding: str | None
    fetched_at: str
    via: str  # how it was found: start, link, feed, sitemap
    hints: dict[str, Any] = field(default_factory=dict)  # what the feed/sitemap said


@dataclass
class ArticleItem:
    article: dict[str, Any] = field(repr=False)  # field names as in the articles table
    page: PageItem


@dataclass
class ErrorItem:
    url: str
    source: str
    reason: str  # short machine-readable kind: http_404, too_big, not_html, ...
    detail: str = ""
    http_status: int | None = None
    fetched_at: str = ""
    kind: str = "failed"  # failed (could not fetch or read) or skipped (not an article)
