"""A document of a feed or sitemap channel, read as whichever it is.

A source's feed may be a sitemap and its sitemap a feed (sites mix them up), so the
spider reads every channel document with ``parse_document``: JSON (a JSON Feed), a
text sitemap (no markup), a sitemap (``<urlset>``, ``<sitemapindex>``) or a feed
(``<rss>``, ``<rdf:RDF>``, ``<feed>``), wherever its document element starts.
``parse_sitemap`` reads a document that must be a sitemap. ``FeedError`` is raised
only when nothing can be read. Settings read: none. Stats written: none.
"""

from __future__ import annotations

from crawler.discovery.feeds import Feed, _read_feed, parse_json_feed
from crawler.discovery.reading import ROOT, WHITESPACE, FeedError, _refuse_entities, inflate_partial
from crawler.discovery.sitemaps import SITEMAP_ROOTS, Sitemap, _read_sitemap, parse_text_sitemap


def parse_document(body: bytes, base_url: str = "") -> Sitemap | Feed:
    """Read a feed or a sitemap, whichever the document is."""
    data, truncated = inflate_partial(body)
    head = data.lstrip(WHITESPACE)
    if head.startswith(b"{"):
        if truncated:
            raise FeedError(f"JSON feed: {truncated}")
        return parse_json_feed(data, base_url)
    if not head:
        raise FeedError("empty document")
    if not head.startswith(b"<"):
        return parse_text_sitemap(data, base_url, truncated)
    _refuse_entities(data)
    root = ROOT.search(data[:65536])
    if root and root[1].decode() in SITEMAP_ROOTS:
        return _read_sitemap(data, base_url, truncated)
    return _read_feed(data, base_url)


def parse_sitemap(body: bytes, base_url: str = "") -> Sitemap:
    """Read a sitemap index or urlset (Google News fields, hreflang links) or a text sitemap."""
    document = parse_document(body, base_url)
    if not isinstance(document, Sitemap):
        raise FeedError("not a sitemap (a feed)")
    return document
