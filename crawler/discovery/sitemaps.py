"""Sitemaps: index, urlset, Google News, hreflang alternates, text; robots.txt ``Sitemap:`` lines.

Plain functions over bytes, no Scrapy (documents are read safely: ``reading``). A
sitemap entry gives its ``lastmod``, the Google News title, publication date and
language, and its ``xhtml:link rel="alternate" hreflang`` translations. Real
sitemaps are often broken, and one bad byte must not lose every article: a
plain-text sitemap (one URL a line) is read; a bare ``&`` or an HTML entity is
repaired (``Sitemap.recovered``); a truncated or broken sitemap is streamed up to the
break and its complete entries kept (``Sitemap.partial`` says what was read and
where it stopped), as is a truncated gzip download. ``robots_sitemaps`` and
``sitemap_urls`` read the ``Sitemap:`` lines of a robots.txt (with Protego).
A document that must be a sitemap but may be anything: ``documents.parse_sitemap``.
Settings read: none. Stats written: none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.entities import name2codepoint
from urllib.parse import urljoin

from lxml import etree
from protego import Protego

from crawler.discovery.reading import (
    ROOT,
    WHITESPACE,
    Entry,
    FeedError,
    _child,
    _entries,
    _local,
    _text,
    parse_xml,
)

NS_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS_XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP_ROOTS = ("urlset", "sitemapindex")
# An ``&`` that starts no entity or character reference, and named references XML lacks.
BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
NAMED_REF = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
XML_REFS = {b"amp", b"lt", b"gt", b"quot", b"apos"}
URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass
class Sitemap:
    kind: str  # "index" or "urlset"
    entries: list[Entry]
    recovered: str = ""  # read whole after a repair: why the strict parse refused it
    partial: str = ""  # read up to a break: what was read and where it stopped


def is_sitemap(root: etree._Element) -> bool:
    return _local(root.tag) in SITEMAP_ROOTS


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


ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:url|sitemap)\s*>")


def _stream_sitemap(body: bytes, base_url: str) -> tuple[Sitemap, str]:
    """The complete entries of a sitemap up to the first break, and the break ('' if none).

    The document is fed to a pull parser one entry at a time (cut after each ``</url>`` or
    ``</sitemap>``), so the entries before a break are read whatever the parser's own
    buffering (libxml2 2.14 reports an error before the events of the chunk it sits in)."""
    kind, entries, stop = "urlset", [], ""
    parser = etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=False,
    )
    depth, start = 0, 0
    cuts = [match.end() for match in ENTRY_END.finditer(body)] + [len(body)]
    try:
        for cut in cuts:
            parser.feed(body[start:cut])
            start = cut
            for event, node in parser.read_events():
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
        parser.close()
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


def robots_sitemaps(body: bytes, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (read by Protego), in order, without repeats."""
    return sitemap_urls(Protego.parse(body.decode("utf-8", "replace")), base_url)


def sitemap_urls(robots: Protego, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a parsed robots.txt, absolute, in order, without repeats."""
    urls = (urljoin(base_url, url.strip()) for url in robots.sitemaps if url.strip())
    return list(dict.fromkeys(urls))
