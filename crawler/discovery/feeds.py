"""Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, recovered when lxml refuses them.

Plain functions over bytes, no Scrapy (documents are read safely: ``reading``).
lxml reads a well-formed feed (the fast path). When it refuses the document (an
``&nbsp;``, a bare ``&``, a ``<`` in a title, a PHP warning before ``<?xml``, a
truncated download, a Latin-1 body labelled UTF-8, a control character, an
undeclared namespace prefix), feedparser reads it again and every entry it recovers
is kept; ``Feed.recovered`` says why lxml refused it. ``xml:base`` is honoured;
entities left by an RSS 0.91 DOCTYPE (``&eacute;``) are decoded; one entry that
cannot be read never loses the others. The feed types a page announces with
``<link rel="alternate">`` (autodiscovery) are ``pipelines.extract.content.FEED_TYPES``:
the extraction worker finds those links. A document declared as a feed may be a
sitemap: ``documents.parse_document`` reads either. Settings read: none. Stats
written: none.
"""

from __future__ import annotations

import io
import json
from urllib.parse import urljoin

import feedparser
from lxml import etree

from crawler.discovery.reading import (
    Entry,
    FeedError,
    _child,
    _children,
    _entries,
    _join,
    _local,
    _refuse_entities,
    _str,
    _text,
    inflate,
    inflate_partial,
    parse_xml,
)

NS_ATOM = "http://www.w3.org/2005/Atom"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"


class Feed(list[Entry]):
    """The entries of a feed; ``recovered`` is why the fast parse refused it ('' if it did not)."""

    recovered: str = ""


def parse_feed(body: bytes, base_url: str = "") -> Feed:
    """Read the entries of an RSS (0.9x, 1.0, 2.0) or Atom feed, recovering a broken one."""
    data, _ = inflate_partial(body)
    _refuse_entities(data)
    return _read_feed(data, base_url)


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
