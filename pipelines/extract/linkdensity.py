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
``main_extractor.prune_unwanted_sections`` runs the three prunes (div, list, p) twice; when
the first round deletes nothing, the tree is as it was, and the second round would make
the same tests with the same answers: ``prune_unwanted_sections`` here (trafilatura's,
the same steps) skips it then (0.95 of its CPU on 300 tune pages alternated, 1.59 against
1.67 ms a page: most first rounds delete something). It is used only while trafilatura's
has the source this was written for (``SECTIONS_WRITTEN_FOR``) and this module's
``delete_by_link_density`` is.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura import htmlprocessing, main_extractor
from trafilatura.settings import Extractor

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = htmlprocessing.delete_by_link_density  # trafilatura's own
WRITTEN_FOR = "dfc3f7a066e9"  # the hash of its source (trafilatura 2.3.1)
SECTIONS = main_extractor.prune_unwanted_sections  # trafilatura's own
SECTIONS_WRITTEN_FOR = "d8b49b8a2d27"  # the hash of its source (trafilatura 2.3.1)


@lru_cache(maxsize=16)
def linked(tag: str) -> XPath:
    """The elements of ``tag`` (the context included) that hold a ``<ref>``."""
    return XPath(f"descendant-or-self::{tag}[.//ref]")


class Linked:
    """A subtree whose ``iter(tag)`` lists only its elements of ``tag`` that hold a ``<ref>``."""

    __slots__ = ("listed", "subtree")

    def __init__(self, subtree: Any) -> None:
        self.subtree = subtree
        self.listed: list[Any] = []

    def iter(self, tag: str) -> list[Any]:
        self.listed = linked(tag)(self.subtree)
        return self.listed


def pruned(subtree: Any, tagname: str, backtracking: bool, favor_precision: bool) -> bool:
    """trafilatura's ``delete_by_link_density`` on ``subtree``, walking only the elements
    with a link; whether it deleted any (a deleted element has no parent left: the
    outermost of those it deletes, all listed, had one)."""
    view = Linked(subtree)
    attached = subtree.getparent() is not None
    LIBRARY(view, tagname, backtracking, favor_precision)
    if attached and subtree.getparent() is None:
        return True
    return any(element.getparent() is None for element in view.listed if element is not subtree)


def delete_by_link_density(
    subtree: Any, tagname: str, backtracking: bool = False, favor_precision: bool = False
) -> Any:
    """trafilatura's ``delete_by_link_density``, walking only the elements with a link."""
    pruned(subtree, tagname, backtracking, favor_precision)
    return subtree


def prune_unwanted_sections(
    tree: Any, potential_tags: set[str], options: Extractor, keep_teasers: bool = False
) -> Any:
    """trafilatura's ``main_extractor.prune_unwanted_sections`` (the same steps), its second
    round of link-density prunes run only when the first deleted an element."""
    lib = main_extractor
    favor_precision = options.focus == "precision"
    tree = lib.prune_unwanted_nodes(tree, lib.OVERALL_DISCARD_XPATH, with_backup=True)
    if "graphic" not in potential_tags:
        tree = lib.prune_unwanted_nodes(tree, lib.DISCARD_IMAGE_ELEMENTS)
    if options.focus != "recall":
        if not keep_teasers:
            tree = lib.prune_unwanted_nodes(tree, lib.TEASER_DISCARD_XPATH)
        if favor_precision:
            tree = lib.prune_unwanted_nodes(tree, lib.PRECISION_DISCARD_XPATH)
    for _ in range(2):
        deleted = pruned(tree, "div", True, favor_precision)
        deleted = pruned(tree, "list", False, favor_precision) or deleted
        deleted = pruned(tree, "p", False, favor_precision) or deleted
        if not deleted:  # the tree is unchanged: a second round would delete nothing
            break
    if "table" in potential_tags or favor_precision:
        tables = [e for e in tree.iter("table") if lib.link_density_test_tables(e) is True]
        for elem in tables:
            lib.delete_element(elem, keep_tail=False)
    if favor_precision:
        while len(tree) > 0 and (tree[-1].tag == "head"):
            lib.delete_element(tree[-1], keep_tail=False)
        tree = lib.delete_by_link_density(tree, "head", backtracking=False, favor_precision=True)
        tree = lib.delete_by_link_density(tree, "quote", backtracking=False, favor_precision=True)
    lib.strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
    return tree


def install(written_for: str = WRITTEN_FOR, sections: str = SECTIONS_WRITTEN_FOR) -> bool:
    """Give trafilatura's main extractor this ``delete_by_link_density`` (and this
    ``prune_unwanted_sections``) when trafilatura's is the one it was written for; whether
    it did."""
    if source_fingerprint(LIBRARY) != written_for:
        return False
    main_extractor.delete_by_link_density = delete_by_link_density
    if source_fingerprint(SECTIONS) == sections:
        main_extractor.prune_unwanted_sections = prune_unwanted_sections
    return True
