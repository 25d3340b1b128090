"""trafilatura's own metadata of a page, one field at a time, only when it is asked for.

The project reads a page's title, authors, dates, site name and the rest itself
(``pipelines.extract.htmlmeta``, ``pipelines.extract.pagedates``); trafilatura's
metadata is only its fallback for a field the page's own markup did not give. So
the text is extracted without it (``with_metadata=False``) and ``LibraryMetadata``
computes a field, the way ``trafilatura.metadata.extract_metadata`` does, the first
time it is read: the meta tags and JSON-LD once, then the field's own search (the
author's byline search, the costliest, runs only on pages without a declared author,
over trafilatura's expressions read from the attributes: the same elements found,
``pipelines.extract.libxpaths``). The category and tag searches keep only links whose
``href`` names a category (``/category/``...) or a tag (``/tags/``...): on a page with
no such link (two pages in three) they are skipped (``catstags``), the same answer for
about a tenth of their cost.
It never runs htmldate: dates fall back to ``pagedates.searched_date``. It does not
change the tree. Settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import inspect
from functools import cached_property
from html import unescape
from typing import Any

from lxml.etree import XPath
from trafilatura import metadata as library
from trafilatura.settings import Document
from trafilatura.utils import line_processing

from pipelines.extract import libxpaths

MAX_LENGTH = 10000  # trafilatura's Document.clean_and_trim
# the links ``extract_catstags`` may keep: its pattern (``/categor(?:y|ies|s)?/``,
# ``/tag(?:y|ies|s)?/``) needs this in the ``href`` of an ``<a>``
LINKED = {
    "category": XPath("boolean(//@href[contains(., '/categor')]/parent::a)"),
    "tag": XPath("boolean(//@href[contains(., '/tag')]/parent::a)"),
}
# the category search's fallback when no link is kept: the <meta> section or subject
META_SECTION = XPath(
    './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
)
# ``catstags`` mirrors this version of ``extract_catstags`` (a hash of its source): with
# another, the library's own search runs
CATSTAGS_WRITTEN_FOR = "f11c7ba686dd"


def _fingerprint(function: Any) -> str:
    try:
        return hashlib.sha1(inspect.getsource(function).encode()).hexdigest()[:12]
    except (OSError, TypeError):
        return ""


MIRRORED = _fingerprint(library.extract_catstags) == CATSTAGS_WRITTEN_FOR


def catstags(metatype: str, tree: Any) -> list[str]:
    """``trafilatura.metadata.extract_catstags(metatype, tree)``; without a link it could
    keep, its answer without its searches (nothing, or the category's ``<meta>``)."""
    if not MIRRORED or LINKED[metatype](tree):
        return library.extract_catstags(metatype, tree)
    if metatype != "category":
        return []
    results = [element.attrib["content"] for element in META_SECTION(tree)]
    return [r for r in dict.fromkeys(line_processing(x) for x in results if x) if r]


def tidy(value: Any) -> Any:
    """A field as trafilatura hands it out (``Document.clean_and_trim``)."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_LENGTH:
        value = value[: MAX_LENGTH - 1] + "…"
    return line_processing(unescape(value))


class LibraryMetadata:
    """Lazy ``title``, ``author``, ``sitename``, ``description``, ``categories``,
    ``tags`` and ``image`` of a page, as trafilatura's metadata extraction gives them."""

    def __init__(self, tree: Any, url: str) -> None:
        self.tree = tree
        self.url = url

    @cached_property
    def declared(self) -> Document:
        """What the meta tags and JSON-LD say, as trafilatura reads them."""
        found = library.examine_meta(self.tree)
        if found.author and " " not in found.author:
            found.author = None
        try:
            found = library.extract_meta_json(self.tree, found)
        except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs of its own
            pass
        return found

    @cached_property
    def title(self) -> str | None:
        return tidy(self.declared.title or library.extract_title(self.tree))

    @cached_property
    def author(self) -> str | None:
        return tidy(self.declared.author or libxpaths.author(self.tree))

    @cached_property
    def sitename(self) -> str | None:
        name = self.declared.sitename or library.extract_sitename(self.tree)
        if name:
            name = name.lstrip("@")
            if name and "." not in name and not name[0].isupper():
                name = name.title()
        else:
            url = self.declared.url or library.extract_url(self.tree, self.url)
            match = library.META_URL.match(url) if url else None
            name = match[1] if match else None
        return tidy(name)

    @cached_property
    def description(self) -> str | None:
        return tidy(self.declared.description)

    @cached_property
    def image(self) -> str | None:
        return tidy(self.declared.image)

    @cached_property
    def categories(self) -> list[str]:
        return self.declared.categories or catstags("category", self.tree)

    @cached_property
    def tags(self) -> list[str]:
        return self.declared.tags or catstags("tag", self.tree)
