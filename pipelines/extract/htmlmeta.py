"""Read a page's own metadata from its parsed HTML tree, before text extraction.

JSON-LD (``NewsArticle`` and kin, ``@graph`` included), OpenGraph and other
``<meta>`` tags, ``<html lang>``, ``<link rel=canonical>``, hreflang alternates
``<time>`` elements (``pipelines.extract.pagedates``), bylines and agency credits
(``pipelines.extract.authors``), the headline (``pipelines.extract.titles``) and paywall signals
(``pipelines.extract.paywall``). JSON-LD blocks are repaired before they are given up:
``<!-- -->`` and ``//<![CDATA[ ... //]]>`` wrappers are removed, raw newlines and
tabs inside strings are accepted, and trailing commas before ``}`` or ``]`` are
dropped. A published date from a generic ``<meta name="date">`` is told apart
(``generic_date``): the date rules trust it less. Plain functions over an lxml tree; no
Scrapy. Settings read: none.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from pipelines.extract import authors as authors_rules
from pipelines.extract import pagedates, paywall, titles
from pipelines.extract.authors import BYLINE_PREFIX  # noqa: F401 - used as htmlmeta.BYLINE_PREFIX

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
}
NON_ARTICLE_TYPES = {
    "website",
    "webpage",
    "collectionpage",
    "aboutpage",
    "contactpage",
    "profilepage",
    "searchresultspage",
    "itempage",
    "faqpage",
    "organization",
    "newsmediaorganization",
    "person",
    "breadcrumblist",
}


def meta_tags(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """All ``<meta name|property|itemprop=... content=...>`` values, keys lower-cased."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


# each read by a query of its own: two lists, not one union libxml2 sorts into document order
CLASSES = etree.XPath("//@class", smart_strings=False)
IDS = etree.XPath("//@id", smart_strings=False)


def markup_names(tree: lxml_html.HtmlElement) -> str | None:
    """Every class and id value of the page, space-joined and lower-cased (the classes,
    then the ids); ``None`` when they are not all ASCII. A rule that looks for elements by
    a word in their class or id (paywall markers, notice markup) first checks that the
    word is in here, and skips its element-by-element search when it is not (``None``: it
    always searches). The words are looked for one at a time, none holds a space: the
    values' order does not matter."""
    joined = f"{' '.join(CLASSES(tree))} {' '.join(IDS(tree))}"
    return joined.lower() if joined.isascii() else None


def _flatten(node: Any) -> list[dict]:
    if isinstance(node, list):
        return [obj for item in node for obj in _flatten(item)]
    if isinstance(node, dict):
        objects = [node]
        if "@graph" in node:
            objects += _flatten(node["@graph"])
        return objects
    return []


WRAPPERS = re.compile(r"^\s*(?://\s*|/\*\s*)?(?:<!--|<!\[CDATA\[)\s*(?:\*/)?|"
                      r"(?://\s*|/\*\s*)?(?:-->|\]\]>)\s*(?:\*/)?\s*$")  # fmt: skip
# a text WRAPPERS matches holds one of these (each of its two branches writes one): a block
# without one is not searched (the search tries its second branch at every character)
WRAPPER_MARKS = ("<!--", "<![CDATA[", "-->", "]]>")
TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_json_ld(raw: str) -> Any:
    """One JSON-LD block, repaired if need be (see the module); ``None`` when hopeless."""
    raw = raw.strip()
    if any(mark in raw for mark in WRAPPER_MARKS):
        for _ in range(2):
            raw = WRAPPERS.sub("", raw).strip()
    try:
        return json.loads(raw, strict=False)  # strict=False: raw newlines, tabs in strings
    except (ValueError, RecursionError):
        pass
    try:
        return json.loads(TRAILING_COMMA.sub(r"\1", raw), strict=False)
    except (ValueError, RecursionError):
        return None


def json_ld(tree: lxml_html.HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page (``@graph`` flattened); broken blocks are skipped."""
    objects: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        parsed = parse_json_ld(script.text or "")
        if parsed is not None:
            objects += _flatten(parsed)
    return objects


def types_of(obj: dict) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def article_object(objects: list[dict]) -> dict | None:
    for obj in objects:
        if types_of(obj) & ARTICLE_TYPES:
            return obj
    return None


WEB_PAGE_TYPES = {"webpage", "itempage", "faqpage", "medicalwebpage"}


def page_object(objects: list[dict]) -> dict:
    """The JSON-LD ``WebPage`` (or kin) object, whose dates are the article's when the
    article object states none (Yoast and other SEO plugins put them there)."""
    for obj in objects:
        if types_of(obj) & WEB_PAGE_TYPES:
            return obj
    return {}


def _names(value: Any, keep_agencies: bool = False) -> list[str]:
    """Names from a JSON-LD person/organization value (string, object or list).

    Organizations are left out, except news agencies when ``keep_agencies``."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, keep_agencies)]
    if isinstance(value, dict):
        if types_of(value) & {"organization", "newsmediaorganization"}:
            name = value.get("name")
            agency = isinstance(name, str) and authors_rules.agency(name)
            return [name.strip()] if keep_agencies and agency else []
        name = value.get("name")
        return [name.strip()] if isinstance(name, str) and name.strip() else []
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []


def clean_authors(raw: list[str], site_name: str | None = None) -> list[str]:
    """Clean author names (see ``pipelines.extract.authors``)."""
    return authors_rules.clean_authors(raw, site_name)


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for v in value for k in _keywords(v)]
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        return next((i for i in map(_image, value) if i), None)
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl"))
    return value.strip() if isinstance(value, str) and value.strip() else None


# Meta names read for each field, in order of trust (``<meta name|property>``, lower-cased).
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
)
GENERIC_META = ("date",)  # names that say the page has a date, not which one it is
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "dcterms.modified",
    "last-modified",
    "datemodified",
)
SITE_NAME_META = ("og:site_name", "application-name")
LANGUAGE_META = ("content-language", "language", "dc.language")
DESCRIPTION_META = ("description", "og:description")
KEYWORDS_META = ("keywords", "news_keywords")
IMAGE_META = ("og:image", "twitter:image")
AUTHOR_META = ("author", "article:author")
AUTHOR_LABEL = re.compile(
    r"^\s*(?:written\s+by|author|verfasst\s+von|geschrieben\s+von|autor)", re.I
)
TWITTER_PAIRS = 4  # twitter:label1/data1 ... twitter:label4/data4


def page_metadata(tree: lxml_html.HtmlElement, url: str) -> dict[str, Any]:
    """Collect what the page says about itself; each value with where it came from."""
    meta = meta_tags(tree)
    objects = json_ld(tree)
    names = markup_names(tree)
    article = article_object(objects) or {}
    canonical, hreflang = head_links(tree, url)
    publisher = _names(article.get("publisher"))
    site_name = _first(meta, *SITE_NAME_META) or (publisher[0] if publisher else None)
    published, modified = date_candidates(tree, meta, article, page_object(objects))
    og_type = (_first(meta, "og:type") or "").lower()
    kinds = {t for obj in objects for t in types_of(obj)}
    people, credits = page_people(tree, meta, article, site_name)
    declared_titles = [
        _text_of(article, "headline"),
        _first(meta, "og:title"),
        _first(meta, "twitter:title"),
        tree.findtext(".//title"),
    ]
    return {
        "html_lang": tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        "og_locale": _first(meta, "og:locale"),
        "meta_language": _first(meta, *LANGUAGE_META),
        "json_ld_language": _text_of(article, "inLanguage"),
        "canonical": canonical,
        "hreflang": hreflang,
        "title": titles.choose_title(tree, declared_titles, site_name, url),
        "authors": people,
        "credits": credits,
        "published": published,
        "modified": modified,
        "site_name": site_name,
        "description": _first(meta, *DESCRIPTION_META) or _text_of(article, "description"),
        "section": _text_of(article, "articleSection") or _first(meta, "article:section"),
        "tags": _keywords(article.get("keywords"))
        or meta.get("article:tag", [])
        or _keywords(_first(meta, *KEYWORDS_META)),
        "image": _image(article.get("image")) or _first(meta, *IMAGE_META),
        "page_type": page_type_of(article, og_type, kinds),
        "og_type": og_type,
        "json_ld_types": sorted(kinds),
        "paywalled": paywall.paywalled(tree, article, meta, names),
        "article_body": _text_of(article, "articleBody"),
        # read once here for the page's other rules (``pipelines.extract.alternates``,
        # ``pipelines.extract.notices``)
        "meta_tags": meta,
        "json_ld": objects,
        "markup_names": names,
    }


def _text_of(obj: dict[str, Any], key: str) -> str | None:
    """A JSON-LD property when it is a string (not a list or an object)."""
    value = obj.get(key)
    return value if isinstance(value, str) else None


def head_links(tree: lxml_html.HtmlElement, url: str) -> tuple[str | None, dict[str, str]]:
    """The page's ``rel=canonical`` (the first) and its hreflang alternates."""
    canonical, hreflang = None, {}
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if not href:
            continue
        if "canonical" in rel and canonical is None:
            canonical = urljoin(url, href)
        elif "alternate" in rel and link.get("hreflang"):
            hreflang[link.get("hreflang").strip().lower()] = urljoin(url, href)
    return canonical, hreflang


def generic_date(meta: dict[str, list[str]]) -> bool:
    """The page's meta published date comes from a name that does not say which date
    it is (``GENERIC_META``: ``<meta name="date">``): many sites write the day the page
    was built or last changed there."""
    return next((name for name in PUBLISHED_META if meta.get(name)), None) in GENERIC_META


def date_candidates(
    tree: lxml_html.HtmlElement,
    meta: dict[str, list[str]],
    article: dict[str, Any],
    web_page: dict[str, Any] | None = None,
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """(where, value) candidates of the published and the modified date: JSON-LD, meta
    tags, the JSON-LD ``WebPage``'s dates (``page_object``), then ``<time>`` elements
    (``pipelines.extract.pagedates``)."""
    web_page = web_page or {}
    published = [
        ("json-ld", article.get("datePublished")),
        ("meta", _first(meta, *PUBLISHED_META)),
        ("json-ld", web_page.get("datePublished")),
    ]
    modified = [
        ("json-ld", article.get("dateModified")),
        ("meta", _first(meta, *MODIFIED_META)),
        ("json-ld", web_page.get("dateModified")),
    ]
    in_time = pagedates.time_candidates(tree)
    return in_time[0] + published, modified + in_time[1]


def page_type_of(article: dict[str, Any], og_type: str, kinds: set[str]) -> str | None:
    """``article``, a declared non-article type (``website``, ``Product``...), or None."""
    if article or og_type == "article":
        return "article"
    if og_type in NON_ARTICLE_TYPES or (kinds & NON_ARTICLE_TYPES and not kinds & ARTICLE_TYPES):
        return og_type or sorted(kinds & NON_ARTICLE_TYPES)[0]
    return None


def labelled_author(meta: dict[str, list[str]]) -> list[str]:
    """The author a ``twitter:labelN``/``twitter:dataN`` pair names ("Written by" and
    the name, as SEO plugins write them for link previews), as a one-item list, or []."""
    for number in range(1, TWITTER_PAIRS + 1):
        label = (meta.get(f"twitter:label{number}") or [""])[0]
        if AUTHOR_LABEL.search(label):
            return meta.get(f"twitter:data{number}", [])[:1]
    return []


def page_people(
    tree: lxml_html.HtmlElement,
    meta: dict[str, list[str]],
    article: dict[str, Any],
    site_name: str | None,
) -> tuple[list[str], list[str]]:
    """Persons and agency credits: JSON-LD authors, else meta authors, else the byline,
    else the author a link preview's label names (``labelled_author``);
    a byline printed under the headline that names other persons than the meta tags
    wins over them (``authors.printed_over_declared``; JSON-LD's persons stand)."""
    byline = None  # the byline markup, searched once
    structured = _names(article.get("author"), keep_agencies=True)
    raw_authors = (
        structured
        or [a for name in AUTHOR_META for a in meta.get(name, []) if "://" not in a]
        or (byline := authors_rules.byline_authors(tree))
        or labelled_author(meta)
    )
    people, credits = authors_rules.people_and_credits(raw_authors, site_name)
    if people and not structured and byline is None:  # a meta tag named them
        people = authors_rules.printed_over_declared(people, tree, site_name)
    if not people:  # an agency-only byline: the markup may still name the reporter
        if byline is None:
            byline = authors_rules.byline_authors(tree)
        more = authors_rules.people_and_credits(byline, site_name)
        people = more[0]
        credits += [c for c in more[1] if c not in credits]
    return people, credits
