"""Is the article behind a paywall? From what the page says, then from paywall markup.

The page's own statement wins: JSON-LD ``isAccessibleForFree`` (on the article
or one of its ``hasPart`` sections; ``false`` as a boolean or a string), the
``isAccessibleForFree`` microdata meta tag, or ``article:content_tier``
(``locked``/``metered`` against ``free``). Without one, an element whose class
or id is a paywall marker (``paywall``, ``regwall``, ``subscriber-only``,
``premium-content``, ``locked-content``...) means paywalled. Returns 1 or 0.
Plain functions over an lxml tree; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

MARKER = re.compile(
    r"^(?:paywall|paywalled|paywall-[\w-]+|[\w-]+-paywall|regwall|subscriber-only|"
    r"subscribers-only|premium-content|premium-article|locked-content|content-locked|"
    r"article-locked|meteredcontent)$",
    re.I,
)


def _free(value: Any) -> bool | None:
    """True/False for a stated ``isAccessibleForFree``; None when it says nothing."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
        return value.strip().lower() in ("true", "yes")
    return None


def stated(article: dict, meta: dict[str, list[str]]) -> bool | None:
    """True when the page states it is paywalled, False when it states it is free."""
    parts = article.get("hasPart") or []
    parts = parts if isinstance(parts, list) else [parts]
    for obj in [article, *[p for p in parts if isinstance(p, dict)]]:
        if _free(obj.get("isAccessibleForFree")) is False:
            return True
    free = _free(article.get("isAccessibleForFree"))
    if free is None and meta.get("isaccessibleforfree"):
        free = _free(meta["isaccessibleforfree"][0])
    if free is not None:
        return not free
    tier = (meta.get("article:content_tier") or [""])[0].lower()
    if tier in ("locked", "metered"):
        return True
    return False if tier == "free" else None


# A word every MARKER name holds (same flags): a page whose classes and ids hold none
# has no marker, and its elements are not looked at one by one.
MARKER_WORDS = ("paywall", "regwall", "subscriber", "premium", "locked", "metered")
MARKER_WORD = re.compile("|".join(MARKER_WORDS), re.I)
NAMES = etree.XPath("//body//*/@class | //body//*/@id", smart_strings=False)


def has_marker(tree: Any, names: str | None = None) -> bool:
    """Whether an element of the body has a paywall marker for a class or id. ``names``:
    the page's class and id values, lower-cased (``htmlmeta.markup_names``), if read."""
    if names is not None:
        if not any(word in names for word in MARKER_WORDS):
            return False
    elif not MARKER_WORD.search(" ".join(NAMES(tree))):
        return False
    for element in tree.xpath("//body//*[@class or @id]"):
        names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if any(MARKER.match(name) for name in names):
            return True
    return False


def paywalled(
    tree: Any, article: dict, meta: dict[str, list[str]], names: str | None = None
) -> int:
    said = stated(article, meta)
    return int(said if said is not None else has_marker(tree, names))
