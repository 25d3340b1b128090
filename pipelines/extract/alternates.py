"""What a page says about its language versions (the article's translation fields).

``language_versions(meta, hints)``: the page's alternates (``<link rel=alternate
hreflang>`` merged with the sitemap's ``xhtml:link`` alternates, passed by the spider
as ``hints["alternates"]``), the languages of its ``og:locale:alternate`` tags, and
what the page says about being a translation (schema.org ``translationOfWork`` /
``workTranslation``). The archive links the versions (``pipelines.archive.translations``).
Settings read: none. Stats: none.
"""

from __future__ import annotations

from typing import Any

from pipelines.extract import htmlmeta
from pipelines.extract.language import primary_tag
from pipelines.urls import canonicalize_url


def _url_of(value: Any) -> str | None:
    """A URL from a JSON-LD reference: a string, ``{"@id": ...}``, ``{"url": ...}`` or a list."""
    if isinstance(value, dict) and isinstance(value.get("@id"), str):
        value = value["@id"]
    return htmlmeta._image(value)  # same shapes as an image reference


def language_versions(meta: dict[str, Any], hints: dict[str, Any]) -> dict[str, Any]:
    """What a page says about its language versions (article fields), from its metadata
    (``htmlmeta.page_metadata``: hreflang links, meta tags, JSON-LD objects)."""
    alternates = {**(hints.get("alternates") or {}), **meta["hreflang"]}
    locales = meta["meta_tags"].get("og:locale:alternate", [])
    translation_of = None
    has_translations = False
    for obj in meta["json_ld"]:
        translation_of = translation_of or _url_of(obj.get("translationOfWork"))
        has_translations = has_translations or bool(obj.get("workTranslation"))
    return {
        "hreflang": alternates,
        "locale_alternates": sorted({c for c in map(primary_tag, locales) if c}),
        "translation_of": canonicalize_url(translation_of) if translation_of else None,
        "has_translations": has_translations,
    }
