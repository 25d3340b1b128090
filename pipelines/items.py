"""Items that travel from the spider through the pipelines.

``PageItem``: a fetched page to extract (the spider makes it). ``ArticleItem``:
the extracted article plus its capture (the extract pipeline makes it).
``ErrorItem``: a URL that failed or was skipped, with its reason; it goes to the
archive's ``errors`` table. ``FrontierItem``: a URL discovered, or fetched with an
outcome that makes no article (a listing, a feed, a 304). Every fetched URL ends in
exactly one item with an outcome, recorded in ``known_urls`` (``pipelines.archive.frontier``);
``extracted_item`` is the item an extraction result makes of a page.
Settings read: none.
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
    warc: dict[str, Any] | None = None  # index row of its WARC response record, if captured
    depth: int = 0  # links from the start pages: 0 for a start page
    links: bool = False  # the worker returns the page's links (they will be followed)


@dataclass
class ArticleItem:
    article: dict[str, Any] = field(repr=False)  # field names as in the articles table
    page: PageItem
    # MinHash of the extracted text (``pipelines.archive.dedupe``), computed in the extraction
    # worker; valid while the article's ``content_hash`` is still ``minhash_of``.
    minhash: bytes | None = field(default=None, repr=False)
    minhash_of: str | None = None


@dataclass
class ErrorItem:
    url: str
    source: str
    reason: str  # short machine-readable kind: http_404, too_big, not_html, ...
    detail: str = ""
    http_status: int | None = None
    fetched_at: str = ""
    kind: str = "failed"  # failed (could not fetch or read) or skipped (not an article)
    fetched: bool = True  # False for a URL recorded without a request (a calendar trap)
    url_kind: str = "article"  # known_urls.kind: what the URL was requested as
    requested_url: str = ""  # the URL the crawl requested, before redirects (default: url)


@dataclass
class FrontierItem:
    """What happened to a URL that makes no article: discovered, 304, feed fetched.

    The archive pipeline records it in ``known_urls`` (see ``pipelines.archive.frontier``).
    """

    url: str
    source: str
    kind: str  # article, feed, sitemap, page
    state: str  # queued (discovered), done (fetched or 304), failed
    at: str
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    published: str | None = None  # for articles: the feed's or sitemap's date
    lastmod: str | None = None  # for sitemaps: the index's lastmod
    outcome: str | None = None  # for a fetched URL: listing, feed, sitemap, not_modified
    reason: str = ""  # the evidence (a listing's classification)
    requested_url: str = ""  # the URL the crawl requested, before redirects (default: url)


def extracted_item(result: dict[str, Any], page: PageItem) -> Any:
    """The item an extraction ``result`` makes of ``page``: an ``ArticleItem``, or the item
    that records a page that made no article (``outcome_item``). The crawl's extract
    pipeline and ``scrapy import-warc`` both use it."""
    if result.get("skip_reason"):
        return outcome_item(result, page)
    minhash = result.pop("_minhash", None)
    for key in ("links", "feeds"):
        result.pop(key, None)
    return ArticleItem(result, page, minhash, result["content_hash"] if minhash else None)


def outcome_item(result: dict[str, Any], page: Any) -> Any:
    """The item that records a page that made no article: a listing, or an error row."""
    reason = result.get("skip_reason", "")
    if result.get("page_kind") == "listing":
        return FrontierItem(
            page.url,
            page.source,
            "listing",
            "done",
            page.fetched_at,
            status=page.status,
            outcome="listing",
            reason=result.get("kind_reason", ""),
            requested_url=page.requested_url,
        )
    kind = result.get("skip_kind") or ("failed" if reason.startswith("extract_") else "skipped")
    return ErrorItem(
        url=page.url,
        source=page.source,
        reason=reason,
        detail=result.get("skip_detail", ""),
        http_status=page.status,
        fetched_at=page.fetched_at,
        kind=kind,
        url_kind="other" if kind == "skipped" else "article",
        requested_url=page.requested_url,
    )
