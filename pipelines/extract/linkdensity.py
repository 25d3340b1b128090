"""trafilatura's link-density prune, its tests run only on the elements that hold a link.

``htmlprocessing.delete_by_link_density(subtree, tag, ...)`` walks every element of a
tag (``subtree.iter(tag)``: the subtree itself first, when it has the tag) and runs
``link_density_test`` on each, which answers "keep" at once for an element without a
``<ref>`` below it (trafilatura's converted links), after a Python ``findall`` of its
whole subtree; ``main_extractor.prune_unwanted_sections`` calls it six times per run
(div, list and p, twice). ``delete_by_link_density`` here hands trafilatura's own
function a view of the subtree whose ``iter(tag)`` lists only the elements of the tag
that hold a ``<ref>`` (``descendant-or-self::tag[.//ref]``, one XPath evaluated by
libxml2): the same elements the test can answer anything but "keep" for, in the same
order, so the same deletions. It is used only while trafilatura's function has the
source this was written for (``WRITTEN_FOR``, a hash of it: it reads nothing of the
subtree but ``iter``, and deletes after its walk); else trafilatura's runs as it is.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura import htmlprocessing, main_extractor

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = htmlprocessing.delete_by_link_density  # trafilatura's own
WRITTEN_FOR = "dfc3f7a066e9"  # the hash of its source (trafilatura 2.3.1)


@lru_cache(maxsize=16)
def linked(tag: str) -> XPath:
    """The elements of ``tag`` (the context included) that hold a ``<ref>``."""
    return XPath(f"descendant-or-self::{tag}[.//ref]")


class Linked:
    """A subtree whose ``iter(tag)`` lists only its elements of ``tag`` that hold a ``<ref>``."""

    __slots__ = ("subtree",)

    def __init__(self, subtree: Any) -> None:
        self.subtree = subtree

    def iter(self, tag: str) -> list[Any]:
        return linked(tag)(self.subtree)


def delete_by_link_density(
    subtree: Any, tagname: str, backtracking: bool = False, favor_precision: bool = False
) -> Any:
    """trafilatura's ``delete_by_link_density``, walking only the elements with a link."""
    LIBRARY(Linked(subtree), tagname, backtracking, favor_precision)
    return subtree


def install(written_for: str = WRITTEN_FOR) -> bool:
    """Give trafilatura's main extractor this ``delete_by_link_density`` when trafilatura's
    is the one it was written for; whether it did."""
    if source_fingerprint(LIBRARY) != written_for:
        return False
    main_extractor.delete_by_link_density = delete_by_link_density
    return True
