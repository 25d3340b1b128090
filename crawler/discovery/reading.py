"""Reading feed and sitemap documents safely: what the feed and sitemap readers share.

Plain functions over bytes, no Scrapy. XML is parsed with external entities, DTD
loading and network access switched off, so a hostile document can neither read
files nor make requests; a document declaring entities is refused before any parser
sees it (``_refuse_entities``); a gzip body is inflated up to a bound
(``inflate_partial`` keeps what came before a break in a truncated download). Also:
the ``Entry`` both readers return, ``FeedError`` (raised only when nothing can be
read), and the element helpers (``_text`` decodes the entity references lxml leaves
under an RSS 0.91 DOCTYPE; ``_entries`` leaves out one node that cannot be read,
alone). Settings read: none. Stats written: none.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

MAX_INFLATED = 50 * 1024 * 1024  # sitemaps may be at most 50 MB uncompressed

# The document element of a feed or sitemap, wherever it starts (after a PHP warning, say).
ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|RDF|feed|urlset|sitemapindex)[\s>/]")
ABSOLUTE = re.compile(r"https?://[^/?#\s]+(?:[/?#]|$)", re.IGNORECASE)
WHITESPACE = b"\xef\xbb\xbf \t\r\n"


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


def inflate_partial(body: bytes, limit: int = MAX_INFLATED) -> tuple[bytes, str]:
    """Gunzip ``body`` if it is gzip data: ``(data, problem)``.

    ``problem`` is '' for a whole stream, else why it ended early (what came
    before the break is returned). More than ``limit`` bytes, or gzip data of
    which nothing can be read, raise ``FeedError``.
    """
    if not body.startswith(b"\x1f\x8b"):
        return body, ""
    out = bytearray()
    rest = body
    while rest:
        stream = zlib.decompressobj(wbits=31)
        try:
            while rest:
                out += stream.decompress(rest, limit + 1 - len(out))
                if len(out) > limit:
                    raise FeedError(f"gzip body inflates beyond {limit} bytes")
                rest = stream.unconsumed_tail
        except zlib.error as exc:
            if not out:
                raise FeedError(f"bad gzip data: {exc}") from None
            return bytes(out), f"gzip data corrupt after {len(out)} bytes: {exc}"
        if not stream.eof:
            if not out:
                raise FeedError("bad gzip data: truncated before any content")
            return bytes(out), f"gzip data truncated after {len(out)} bytes"
        rest = stream.unused_data  # a further gzip member, if any
        if rest and not rest.startswith(b"\x1f\x8b"):
            break  # trailing garbage after the stream
    return bytes(out), ""


def inflate(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Gunzip ``body`` if it is gzip data, refusing more than ``limit`` bytes or a broken stream."""
    data, problem = inflate_partial(body, limit)
    if problem:
        raise FeedError(f"bad gzip data: {problem}")
    return data


def _parser(**options: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        **options,
    )


def _refuse_entities(body: bytes) -> None:
    if b"<!ENTITY" in body[:65536]:
        raise FeedError("document declares entities (refused)")


def parse_xml(body: bytes, base_url: str = "") -> etree._Element:
    """Parse XML safely and strictly: no entities resolved, no DTD or network fetches."""
    body = inflate(body).lstrip()
    if not body:
        raise FeedError("empty document")
    _refuse_entities(body)
    try:
        root = etree.fromstring(body, parser=_parser(recover=False), base_url=base_url or None)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed XML: {exc}") from None
    except (LookupError, ValueError) as exc:  # unknown or contradictory encoding
        raise FeedError(f"unreadable XML: {exc}") from None
    if root is None:
        raise FeedError("empty document")
    return root


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str | None:
    """The element's text, with the entity references lxml left unresolved decoded."""
    if element is None:
        return None
    text = element.text or ""
    for child in element:
        if isinstance(child, etree._Entity):  # e.g. &eacute; under an RSS 0.91 DOCTYPE
            text += html.unescape(child.text) + (child.tail or "")
    return text.strip() or None


def _child(element: etree._Element, name: str, ns: str | None = None) -> etree._Element | None:
    wanted = f"{{{ns}}}{name}" if ns else None
    for child in element:
        tag = child.tag
        if wanted is not None:
            if tag == wanted:
                return child
        elif isinstance(tag, str) and tag.rpartition("}")[2] == name:
            return child
    return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _join(element: etree._Element, base_url: str, link: str) -> str:
    """``link`` made absolute against ``xml:base`` (the element's, inherited) or the document."""
    if ABSOLUTE.match(link):
        urlsplit(link)  # raises ValueError for what cannot be a URL (a broken IPv6 literal)
        return link
    return urljoin(element.base or base_url, link)


def _entries(nodes: list[etree._Element], read: object, base_url: str) -> list[Entry]:
    """``read(node, base_url)`` for each node; a node that cannot be read is left out alone."""
    entries = []
    for node in nodes:
        try:
            entry = read(node, base_url)  # type: ignore[operator]
        except ValueError:  # e.g. a URL with a broken IPv6 literal
            continue
        if entry is not None:
            entries.append(entry)
    return entries


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
