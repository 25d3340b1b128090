"""trafilatura's own metadata of a page, one field at a time, only when it is asked for.

The project reads a page's title, authors, dates, site name and the rest itself
(``pipelines.extract.htmlmeta``, ``pipelines.extract.pagedates``); trafilatura's
metadata is only its fallback for a field the page's own markup did not give. So
the text is extracted without it (``with_metadata=False``) and ``LibraryMetadata``
computes a field, the way ``trafilatura.metadata.extract_metadata`` does, the first
time it is read: the meta tags and JSON-LD once, then the field's own search (the
author's byline search, the costliest, runs only on pages without a declared author,
over trafilatura's expressions read from the attributes: the same elements found,
``pipelines.extract.libxpaths``; its category and tag searches are skipped on a page
without a link they could keep, ``libxpaths.catstags``).
It never runs htmldate: dates fall back to ``pagedates.searched_date``. It does not
change the tree. Settings read: none. Stats: none.
"""

from __future__ import annotations

from functools import cached_property
from html import unescape
from typing import Any

from trafilatura import metadata as library
from trafilatura.settings import Document
from trafilatura.utils import line_processing

from pipelines.extract import libxpaths

MAX_LENGTH = 10000  # trafilatura's Document.clean_and_trim


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
        return self.declared.categories or libxpaths.catstags("category", self.tree)

    @cached_property
    def tags(self) -> list[str]:
        return self.declared.tags or libxpaths.catstags("tag", self.tree)
