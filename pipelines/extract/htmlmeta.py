"""Read a page's own metadata from its parsed HTML tree, before text extraction.

JSON-LD (``NewsArticle`` and kin, ``@graph`` included), OpenGraph and other
``<meta>`` tags, ``<html lang>``, ``<link rel=canonical>``, hreflang alternates
``<time>`` elements (``pipelines.extract.pagedates``), bylines and agency credits
(``pipelines.extract.authors``), the headline (``pipelines.extract.titles``) and paywall signals
(``pipelines.extract.paywall``). JSON-LD blocks are repaired before they are given up:
``<!-- -->`` and ``//<![CDATA[ ... //]]>`` wrappers are removed, raw newlines and
tabs inside strings are accepted, and trailing commas before ``}`` or ``]`` are
dropped. Plain functions over an lxml tree; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

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
TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_json_ld(raw: str) -> Any:
    """One JSON-LD block, repaired if need be (see the module); ``None`` when hopeless."""
    raw = raw.strip()
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


def page_metadata(tree: lxml_html.HtmlElement, url: str) -> dict[str, Any]:
    """Collect what the page says about itself; each value with where it came from."""
    meta = meta_tags(tree)
    objects = json_ld(tree)
    article = article_object(objects) or {}
    links = {"canonical": None, "hreflang": {}}
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if not href:
            continue
        if "canonical" in rel and links["canonical"] is None:
            links["canonical"] = urljoin(url, href)
        elif "alternate" in rel and link.get("hreflang"):
            links["hreflang"][link.get("hreflang").strip().lower()] = urljoin(url, href)
    publisher = _names(article.get("publisher"))
    site_name = _first(meta, "og:site_name", "application-name") or (
        publisher[0] if publisher else None
    )
    published = [
        ("json-ld", article.get("datePublished")),
        (
            "meta",
            _first(
                meta,
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
            ),
        ),
    ]
    modified = [
        ("json-ld", article.get("dateModified")),
        (
            "meta",
            _first(
                meta,
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
                "last-modified",
                "datemodified",
            ),
        ),
    ]
    in_time = pagedates.time_candidates(tree)
    published += in_time[0]
    modified += in_time[1]
    og_type = (_first(meta, "og:type") or "").lower()
    kinds = {t for obj in objects for t in types_of(obj)}
    if article or og_type == "article":
        page_type = "article"
    elif og_type in NON_ARTICLE_TYPES or (kinds & NON_ARTICLE_TYPES and not kinds & ARTICLE_TYPES):
        page_type = og_type or sorted(kinds & NON_ARTICLE_TYPES)[0]
    else:
        page_type = None
    raw_authors = (
        _names(article.get("author"), keep_agencies=True)
        or [a for a in meta.get("author", []) + meta.get("article:author", []) if "://" not in a]
        or authors_rules.byline_authors(tree)
    )
    people, credits = authors_rules.people_and_credits(raw_authors, site_name)
    if not people:  # an agency-only byline: the markup may still name the reporter
        more = authors_rules.people_and_credits(authors_rules.byline_authors(tree), site_name)
        people = more[0]
        credits += [c for c in more[1] if c not in credits]
    headline = article.get("headline") if isinstance(article.get("headline"), str) else None
    declared_titles = [
        headline,
        _first(meta, "og:title"),
        _first(meta, "twitter:title"),
        tree.findtext(".//title"),
    ]
    return {
        "html_lang": tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        "og_locale": _first(meta, "og:locale"),
        "meta_language": _first(meta, "content-language", "language", "dc.language"),
        "json_ld_language": article.get("inLanguage")
        if isinstance(article.get("inLanguage"), str)
        else None,
        "canonical": links["canonical"],
        "hreflang": links["hreflang"],
        "title": titles.choose_title(tree, declared_titles, site_name, url),
        "authors": people,
        "credits": credits,
        "published": published,
        "modified": modified,
        "site_name": site_name,
        "description": _first(meta, "description", "og:description")
        or (article.get("description") if isinstance(article.get("description"), str) else None),
        "section": (
            article.get("articleSection")
            if isinstance(article.get("articleSection"), str)
            else None
        )
        or _first(meta, "article:section"),
        "tags": _keywords(article.get("keywords"))
        or meta.get("article:tag", [])
        or _keywords(_first(meta, "keywords", "news_keywords")),
        "image": _image(article.get("image")) or _first(meta, "og:image", "twitter:image"),
        "page_type": page_type,
        "og_type": og_type,
        "json_ld_types": sorted(kinds),
        "paywalled": paywall.paywalled(tree, article, meta),
        "article_body": article.get("articleBody")
        if isinstance(article.get("articleBody"), str)
        else None,
    }
