"""Parse feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) and sitemaps (index, urlset, Google News).

Also: the feed types announced by ``<link rel="alternate">`` (``FEED_TYPES``) and
the ``Sitemap:`` lines of a robots.txt (``robots_sitemaps``).
Plain functions over bytes, no Scrapy. XML is parsed with external entities,
DTD loading and network access switched off, so a hostile document can neither
read files nor make requests; a gzip body is inflated up to a bound.
Settings read: none.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

MAX_INFLATED = 50 * 1024 * 1024  # sitemaps may be at most 50 MB uncompressed

NS_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS_XHTML = "http://www.w3.org/1999/xhtml"
NS_ATOM = "http://www.w3.org/2005/Atom"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/xml",
    "application/xml",
}
SITEMAP_LINE = re.compile(rb"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message is the reason."""


@dataclass
class Entry:
    """One article link found in a feed or sitemap, with what it says of it."""

    url: str
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)


@dataclass
class Sitemap:
    kind: str  # "index" or "urlset"
    entries: list[Entry]


def inflate(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Gunzip ``body`` if it is gzip data, refusing more than ``limit`` bytes."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            while chunk := stream.read(65536):
                out.write(chunk)
                if out.tell() > limit:
                    raise FeedError(f"gzip body inflates beyond {limit} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        raise FeedError(f"bad gzip data: {exc}") from None
    return out.getvalue()


def parse_xml(body: bytes) -> etree._Element:
    """Parse XML safely: no entities resolved, no DTD or network fetches."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
    )
    body = inflate(body).lstrip()
    if not body:
        raise FeedError("empty document")
    if b"<!ENTITY" in body[:65536]:
        raise FeedError("document declares entities (refused)")
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed XML: {exc}") from None
    except (LookupError, ValueError) as exc:  # unknown or contradictory encoding
        raise FeedError(f"unreadable XML: {exc}") from None
    if root is None:
        raise FeedError("empty document")
    return root


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = element.text.strip()
    return text or None


def _child(element: etree._Element, name: str, ns: str | None = None) -> etree._Element | None:
    for child in element:
        if _local(child.tag) == name and (ns is None or etree.QName(child).namespace == ns):
            return child
    return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def is_sitemap(root: etree._Element) -> bool:
    return _local(root.tag) in ("urlset", "sitemapindex")


def parse_document(body: bytes, base_url: str = "") -> Sitemap | list[Entry]:
    """Read a feed or a sitemap, whichever the document is (parsed once)."""
    body = inflate(body)
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return parse_json_feed(body, base_url)
    root = parse_xml(body)
    if is_sitemap(root):
        return _sitemap(root, base_url)
    return _feed(root, base_url)


def parse_sitemap(body: bytes, base_url: str = "") -> Sitemap:
    """Read a sitemap index or urlset (with Google News fields and hreflang links)."""
    return _sitemap(parse_xml(body), base_url)


def parse_feed(body: bytes, base_url: str = "") -> list[Entry]:
    """Read the entries of an RSS (0.9x, 1.0, 2.0) or Atom feed."""
    return _feed(parse_xml(body), base_url)


def _sitemap(root: etree._Element, base_url: str) -> Sitemap:
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"not a sitemap (root element <{kind}>)")
    entries: list[Entry] = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        loc = _text(_child(node, "loc"))
        if not loc:
            continue
        entry = Entry(url=urljoin(base_url, loc), modified=_text(_child(node, "lastmod")))
        news = _child(node, "news", NS_NEWS)
        if news is not None:
            entry.title = _text(_child(news, "title", NS_NEWS))
            entry.published = _text(_child(news, "publication_date", NS_NEWS))
            publication = _child(news, "publication", NS_NEWS)
            if publication is not None:
                entry.language = _text(_child(publication, "language", NS_NEWS))
        for link in node:
            if _local(link.tag) == "link" and link.get("rel") == "alternate":
                lang, href = link.get("hreflang"), link.get("href")
                if lang and href:
                    entry.alternates[lang.strip().lower()] = urljoin(base_url, href.strip())
        entries.append(entry)
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)


def _rss_item(item: etree._Element, base_url: str) -> Entry | None:
    link = _text(_child(item, "link"))
    if not link:
        guid = _child(item, "guid")
        if guid is not None and guid.get("isPermaLink", "true") != "false":
            link = _text(guid)
    if not link:
        return None
    authors = [
        a for a in (_text(_child(item, "creator", NS_DC)), _text(_child(item, "author"))) if a
    ]
    return Entry(
        url=urljoin(base_url, link),
        title=_text(_child(item, "title")),
        published=_text(_child(item, "pubDate")) or _text(_child(item, "date", NS_DC)),
        authors=authors,
    )


def _atom_entry(entry: etree._Element, base_url: str) -> Entry | None:
    href = None
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            href = link.get("href")
            break
    if not href:
        return None
    authors = [_text(_child(a, "name")) for a in _children(entry, "author")]
    return Entry(
        url=urljoin(base_url, href.strip()),
        title=_text(_child(entry, "title")),
        published=_text(_child(entry, "published")) or _text(_child(entry, "issued")),
        modified=_text(_child(entry, "updated")),
        authors=[a for a in authors if a],
    )


def _feed(root: etree._Element, base_url: str) -> list[Entry]:
    kind = _local(root.tag)
    entries: list[Entry | None]
    if kind == "rss":
        channel = _child(root, "channel")
        items = _children(channel, "item") if channel is not None else []
        entries = [_rss_item(item, base_url) for item in items]
    elif kind == "RDF":  # RSS 1.0 / 0.90: items are children of the root
        entries = [_rss_item(item, base_url) for item in _children(root, "item")]
    elif kind == "feed":
        entries = [_atom_entry(entry, base_url) for entry in _children(root, "entry")]
    else:
        raise FeedError(f"not a feed (root element <{kind}>)")
    return [e for e in entries if e is not None]


def parse_json_feed(body: bytes, base_url: str = "") -> list[Entry]:
    """Read the items of a JSON Feed (version 1 or 1.1)."""
    try:
        data = json.loads(inflate(body).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"malformed JSON feed: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a JSON feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON feed without an items list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        url = item.get("url") or item.get("external_url")
        if not isinstance(url, str) or not url.strip():
            continue
        people = item.get("authors") or ([item["author"]] if item.get("author") else [])
        authors = [p["name"] for p in people if isinstance(p, dict) and p.get("name")]
        entries.append(
            Entry(
                url=urljoin(base_url, url.strip()),
                title=_str(item.get("title")),
                published=_str(item.get("date_published")),
                modified=_str(item.get("date_modified")),
                language=_str(item.get("language") or data.get("language")),
                authors=authors,
            )
        )
    return entries


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def robots_sitemaps(body: bytes, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, in order, without repeats."""
    urls = (urljoin(base_url, m.decode("utf-8", "replace")) for m in SITEMAP_LINE.findall(body))
    return list(dict.fromkeys(urls))
