"""Parse feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) and sitemaps (index, urlset, Google News, text).

Also: the feed types announced by ``<link rel="alternate">`` (``FEED_TYPES``) and
the ``Sitemap:`` lines of a robots.txt (``robots_sitemaps``, read by Protego).
Plain functions over bytes, no Scrapy. XML is parsed with external entities,
DTD loading and network access switched off, so a hostile document can neither
read files nor make requests; a document declaring entities is refused before
any parser sees it; a gzip body is inflated up to a bound.

Real feeds and sitemaps are often broken, and one bad byte must not lose every
article of the document:

- Feeds: lxml reads a well-formed feed (the fast path). When it refuses the
  document (an ``&nbsp;``, a bare ``&``, a ``<`` in a title, a PHP warning before
  ``<?xml``, a truncated download, a Latin-1 body labelled UTF-8, a control
  character, an undeclared namespace prefix), feedparser reads it again and every
  entry it recovers is kept; ``Feed.recovered`` says why lxml refused it.
  ``xml:base`` is honoured; entities left by an RSS 0.91 DOCTYPE (``&eacute;``)
  are decoded; one entry that cannot be read never loses the others.
- Sitemaps: a plain-text sitemap (one URL a line) is read; a bare ``&`` or an HTML
  entity is repaired (``Sitemap.recovered``); a truncated or broken sitemap is
  streamed up to the break and its complete entries kept (``Sitemap.partial``
  says what was read and where it stopped), as is a truncated gzip download.

``FeedError`` is raised only when nothing can be read.
Settings read: none.
"""

from __future__ import annotations

import html
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from html.entities import name2codepoint
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from protego import Protego

MAX_INFLATED = 50 * 1024 * 1024  # sitemaps may be at most 50 MB uncompressed

NS_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS_XHTML = "http://www.w3.org/1999/xhtml"
NS_ATOM = "http://www.w3.org/2005/Atom"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
SITEMAP_ROOTS = ("urlset", "sitemapindex")
# The document element of a feed or sitemap, wherever it starts (after a PHP warning, say).
ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|RDF|feed|urlset|sitemapindex)[\s>/]")
# An ``&`` that starts no entity or character reference, and named references XML lacks.
BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
NAMED_REF = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
XML_REFS = {b"amp", b"lt", b"gt", b"quot", b"apos"}
URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
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


class Feed(list[Entry]):
    """The entries of a feed; ``recovered`` is why the fast parse refused it ('' if it did not)."""

    recovered: str = ""


@dataclass
class Sitemap:
    kind: str  # "index" or "urlset"
    entries: list[Entry]
    recovered: str = ""  # read whole after a repair: why the strict parse refused it
    partial: str = ""  # read up to a break: what was read and where it stopped


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


def is_sitemap(root: etree._Element) -> bool:
    return _local(root.tag) in SITEMAP_ROOTS


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


def parse_feed(body: bytes, base_url: str = "") -> Feed:
    """Read the entries of an RSS (0.9x, 1.0, 2.0) or Atom feed, recovering a broken one."""
    data, _ = inflate_partial(body)
    _refuse_entities(data)
    return _read_feed(data, base_url)


# ------------------------------------------------------------------------------- sitemaps


def _sitemap_entry(node: etree._Element, base_url: str) -> Entry | None:
    loc = _text(_child(node, "loc"))
    if not loc:
        return None
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
    return entry


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


def _sitemap(root: etree._Element, base_url: str) -> Sitemap:
    kind = _local(root.tag)
    if kind not in SITEMAP_ROOTS:
        raise FeedError(f"not a sitemap (root element <{kind}>)")
    nodes = [node for node in root if _local(node.tag) in ("url", "sitemap")]
    entries = _entries(nodes, _sitemap_entry, base_url)
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)


def repair_xml(body: bytes) -> bytes:
    """Text before the document dropped (a PHP warning), a bare ``&`` escaped, HTML named
    references (``&nbsp;``) made character references."""
    root = ROOT.search(body[:65536])
    if root and root.start() > 0:
        declaration = body.rfind(b"<?xml", 0, root.start())
        body = body[declaration if declaration >= 0 else root.start() :]

    def named(match: re.Match[bytes]) -> bytes:
        name = match[1]
        if name in XML_REFS or name.decode() not in name2codepoint:
            return match[0]
        return b"&#%d;" % name2codepoint[name.decode()]

    return NAMED_REF.sub(named, BARE_AMP.sub(b"&amp;", body))


def _stream_sitemap(body: bytes, base_url: str) -> tuple[Sitemap, str]:
    """The complete entries of a sitemap up to the first break, and the break ('' if none)."""
    kind, entries, stop = "urlset", [], ""
    events = etree.iterparse(
        io.BytesIO(body),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=False,
    )
    depth = 0
    try:
        for event, node in events:
            if event == "start":
                if depth == 0:
                    kind = _local(node.tag)
                depth += 1
                continue
            depth -= 1
            if depth == 1 and _local(node.tag) in ("url", "sitemap"):
                entries.extend(_entries([node], _sitemap_entry, base_url))
                node.clear()
                parent = node.getparent()
                while parent is not None and node.getprevious() is not None:
                    del parent[0]  # read entries are not kept in memory
    except etree.XMLSyntaxError as exc:
        stop = str(exc)
    if kind not in SITEMAP_ROOTS:
        raise FeedError(f"not a sitemap (root element <{kind}>)")
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries), stop


def _read_sitemap(body: bytes, base_url: str, truncated: str) -> Sitemap:
    try:
        sitemap = _sitemap(parse_xml(body, base_url), base_url)
    except FeedError as exc:
        refused = str(exc)
    else:
        sitemap.partial = truncated and f"{len(sitemap.entries)} entries read; {truncated}"
        return sitemap
    repaired = repair_xml(body)
    if repaired != body:
        try:
            sitemap = _sitemap(parse_xml(repaired, base_url), base_url)
        except FeedError:
            pass
        else:
            sitemap.recovered = refused
            return sitemap
    sitemap, stop = _stream_sitemap(repaired.lstrip(WHITESPACE), base_url)
    if not sitemap.entries:
        raise FeedError(refused)
    reason = stop or truncated or refused
    sitemap.partial = f"{len(sitemap.entries)} complete entries read; stopped at: {reason}"
    return sitemap


def parse_text_sitemap(body: bytes, base_url: str = "", truncated: str = "") -> Sitemap:
    """A text sitemap: one URL a line (UTF-8); other lines are ignored."""
    lines = body.decode("utf-8-sig", "replace").splitlines()
    if truncated and lines and not body.endswith(b"\n"):
        lines.pop()  # the download ended inside this line
    entries = _entries(
        [line.strip() for line in lines if URL_LINE.match(line.strip())],
        lambda line, base: Entry(url=urljoin(base, line)),
        base_url,
    )
    if not entries:
        raise FeedError("not a feed or sitemap (no XML, JSON or URL lines)")
    sitemap = Sitemap("urlset", entries)
    sitemap.partial = truncated and f"{len(entries)} URL lines read; {truncated}"
    return sitemap


# ---------------------------------------------------------------------------------- feeds


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
        url=_join(item, base_url, link),
        title=_text(_child(item, "title")),
        published=_text(_child(item, "pubDate")) or _text(_child(item, "date", NS_DC)),
        authors=authors,
    )


def _atom_entry(entry: etree._Element, base_url: str) -> Entry | None:
    link = None
    for candidate in _children(entry, "link"):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            link = candidate
            break
    if link is None:
        return None
    authors = [_text(_child(a, "name")) for a in _children(entry, "author")]
    return Entry(
        url=_join(link, base_url, link.get("href", "").strip()),
        title=_text(_child(entry, "title")),
        published=_text(_child(entry, "published")) or _text(_child(entry, "issued")),
        modified=_text(_child(entry, "updated")),
        authors=[a for a in authors if a],
    )


def _feed(root: etree._Element, base_url: str) -> Feed:
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        items = _children(channel, "item") if channel is not None else []
        return Feed(_entries(items, _rss_item, base_url))
    if kind == "RDF":  # RSS 1.0 / 0.90: items are children of the root
        return Feed(_entries(_children(root, "item"), _rss_item, base_url))
    if kind == "feed":
        return Feed(_entries(_children(root, "entry"), _atom_entry, base_url))
    raise FeedError(f"not a feed (root element <{kind}>)")


def _read_feed(body: bytes, base_url: str) -> Feed:
    """lxml first; when it refuses the document, feedparser's recovering parse."""
    try:
        return _feed(parse_xml(body, base_url), base_url)
    except FeedError as exc:
        refused = str(exc)
    feed = Feed(_entries(recovered_items(body, base_url), _feedparser_entry, base_url))
    if not feed:
        raise FeedError(f"{refused}; feedparser recovered no entry either")
    feed.recovered = refused
    return feed


def recovered_items(body: bytes, base_url: str) -> list[dict]:
    """The entries feedparser reads in a document lxml refused (as feedparser gives them)."""
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(
        io.BytesIO(body),  # a stream: feedparser never fetches anything
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    atom = str(parsed.get("version", "")).startswith("atom")
    return [{**entry, "_atom": atom} for entry in parsed.entries]


def _feedparser_entry(item: dict, base_url: str) -> Entry | None:
    link = item.get("link") or (item.get("id") if item.get("guidislink") else None)
    if not isinstance(link, str) or not link.strip():
        return None
    published, modified = item.get("published"), item.get("updated")
    if published is None and not item["_atom"]:  # feedparser reads RSS dc:date as updated
        published, modified = modified, None
    people = item.get("authors") or []
    authors = [p["name"] for p in people if isinstance(p, dict) and p.get("name")]
    return Entry(
        url=urljoin(base_url, link.strip()),
        title=_str(item.get("title")),
        published=_str(published),
        modified=_str(modified),
        authors=authors,
    )


def parse_json_feed(body: bytes, base_url: str = "") -> Feed:
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
    language = _str(data.get("language"))
    items = [{**i, "language": i.get("language") or language} for i in items if isinstance(i, dict)]
    return Feed(_entries(items, _json_item, base_url))


def _json_item(item: dict, base_url: str) -> Entry | None:
    url = item.get("url") or item.get("external_url")
    if not isinstance(url, str) or not url.strip():
        return None
    people = item.get("authors") or ([item["author"]] if item.get("author") else [])
    authors = [p["name"] for p in people if isinstance(p, dict) and p.get("name")]
    return Entry(
        url=urljoin(base_url, url.strip()),
        title=_str(item.get("title")),
        published=_str(item.get("date_published")),
        modified=_str(item.get("date_modified")),
        language=_str(item.get("language")),  # the item's, else the feed's
        authors=authors,
    )


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def robots_sitemaps(body: bytes, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (read by Protego), in order, without repeats."""
    return sitemap_urls(Protego.parse(body.decode("utf-8", "replace")), base_url)


def sitemap_urls(robots: Protego, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a parsed robots.txt, absolute, in order, without repeats."""
    urls = (urljoin(base_url, url.strip()) for url in robots.sitemaps if url.strip())
    return list(dict.fromkeys(urls))
