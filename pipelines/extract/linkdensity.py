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
``delete_by_link_density`` is, and trafilatura's ``link_density_test`` and
``collect_link_info`` have the source ``Walks`` mirrors (``TESTS_WRITTEN_FOR``). Its
walks (``Walks.walk``: trafilatura's ``delete_by_link_density``, the same tests in the
same order, deletions after the walk) remember two things until a deletion below an
element (which marks the deleted element's ancestors): each element's answer in a walk of
its tag, given again in the second round when its next sibling is (or is not) still there
as then (the test reads only the element's subtree, its parent's tag and whether it has
a next sibling), and each link's trimmed text, which the test of every block around it
reads (``collect_link_info``; nested blocks share their links). The test compares the
length of the element's trimmed text (``trim``: its words joined by one space) with
bounds only: ``at_least`` reads it from a prefix of the text when a prefix already
reaches the bound, so a large block (the page's frame around the article) is not split
into words for each test of it. 0.79 of ``prune_unwanted_sections``' CPU with its node
prunes (2.91 against 3.67 ms a page, on 300 tune pages, each call rerun on copies by
both, the same trees).
Settings read: none. Stats: none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura import htmlprocessing, main_extractor
from trafilatura.settings import Extractor
from trafilatura.utils import LINK_FARM_RATIO, trim
from trafilatura.xml import delete_element

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = htmlprocessing.delete_by_link_density  # trafilatura's own
WRITTEN_FOR = "dfc3f7a066e9"  # the hash of its source (trafilatura 2.3.1)
SECTIONS = main_extractor.prune_unwanted_sections  # trafilatura's own
SECTIONS_WRITTEN_FOR = "d8b49b8a2d27"  # the hash of its source (trafilatura 2.3.1)
# the tests ``Walks.test`` mirrors, and the hash of each one's source (trafilatura 2.3.1)
TESTS_WRITTEN_FOR = (
    (htmlprocessing.link_density_test, "a142e301f1f6"),
    (htmlprocessing.collect_link_info, "7c8333e92e37"),
)


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


def at_least(text: str, bound: int) -> bool:
    """Whether ``len(trim(text)) >= bound``, read from a prefix of ``text`` when it is long:
    a prefix (a substring) never trims longer than the whole (its words and their letters
    are among the whole's), and the whole never trims longer than itself."""
    if len(text) < bound:
        return False
    size = 2 * bound + 64
    while size < len(text):
        if len(trim(text[:size])) >= bound:
            return True
        size *= 4
    return len(trim(text)) >= bound


def ceiling(length: int, ratio: float) -> int:
    """The least ``n`` with ``n * ratio >= length`` (floats as Python computes them): for
    ``m`` of ``n`` or more, ``length > m * ratio`` is false, for fewer true."""
    n = int(length / ratio)
    while n * ratio < length:
        n += 1
    while n > 0 and (n - 1) * ratio >= length:
        n -= 1
    return n


class Walks:
    """trafilatura's ``delete_by_link_density`` walks of one tree, each element's answer
    kept until a deletion below it: ``known`` (per walk's tag and options: element ->
    (the step it was tested at, whether it had no next sibling, whether it goes)),
    ``changed`` (element -> the last step a deletion below it came at)."""

    def __init__(self, favor_precision: bool) -> None:
        self.favor_precision = favor_precision
        self.step = 0
        self.known: dict[tuple[str, bool], dict[Any, tuple[int, bool, bool]]] = {}
        self.changed: dict[Any, int] = {}
        self.texts: dict[Any, tuple[int, str]] = {}  # a link -> (step read, its trimmed text)

    def link_text(self, link: Any) -> str:
        """``trim(link.text_content())``, read again only after a deletion below the link."""
        seen = self.texts.get(link)
        if seen is not None and self.changed.get(link, 0) < seen[0]:
            return seen[1]
        text = trim(link.text_content())
        self.texts[link] = (self.step, text)
        return text

    def link_info(self, links: list[Any]) -> tuple[int, int, int]:
        """``htmlprocessing.collect_link_info``'s sums, each link's text read once."""
        lengths = [len(text) for text in map(self.link_text, links) if text]
        return sum(lengths), len(lengths), sum(1 for length in lengths if length < 10)

    def test(self, element: Any) -> tuple[bool, bool]:
        """``htmlprocessing.link_density_test(element, favor_precision)``, the same steps,
        each link's text read once (``link_info``), the element's trimmed text measured only
        as far as a comparison needs (``at_least``)."""
        links_xpath = element.findall(".//ref")
        if not links_xpath:
            return False, False
        if element.find(".//graphic") is not None:
            return False, False
        text = element.text_content()  # trafilatura: trim(...), whose length is compared
        if len(links_xpath) == 1:
            len_threshold = 10 if self.favor_precision else 100
            link_text = self.link_text(links_xpath[0])
            # len(link_text) > len(trim(text)) * 0.9
            if len(link_text) > len_threshold and not at_least(text, ceiling(len(link_text), 0.9)):
                return True, False
        if element.tag == "p":
            limitlen = 60 if element.getnext() is None else 30
        elif element.getnext() is None:
            limitlen = 300
        else:
            limitlen = 100
        if not at_least(text, limitlen):  # len(trim(text)) < limitlen
            elemlen = len(trim(text))
            linklen, elemnum, shortelems = self.link_info(links_xpath)
            if elemnum == 0:
                return True, False
            return linklen > elemlen * 0.8 or (elemnum > 1 and shortelems / elemnum > 0.8), True
        if len(links_xpath) > 4:
            linklen, elemnum, _ = self.link_info(links_xpath)
            if (
                not at_least(text, ceiling(linklen, LINK_FARM_RATIO))  # linklen > len * ratio
                and linklen < 100 * elemnum
                and not htmlprocessing.is_paragraph_listing(links_xpath)
            ):
                return True, False
        return False, False

    def goes(self, elem: Any, tagname: str, backtracking: bool) -> bool:
        """trafilatura's test of one element in ``delete_by_link_density``."""
        favor_precision = self.favor_precision
        result, short_with_links = self.test(elem)
        if result or (
            backtracking
            and short_with_links
            and len(elem) >= (1 if favor_precision else 3)
            and len(trim(elem.text_content())) < (200 if favor_precision else 100)
        ):
            parent = elem.getparent()  # a paragraph holding a list item's content stays
            in_item = parent is not None and parent.tag in ("item", "td", "th")
            return not (tagname == "p" and in_item)
        return False

    def walk(self, subtree: Any, tagname: str, backtracking: bool) -> bool:
        """``delete_by_link_density(subtree, tagname, backtracking, favor_precision)`` on
        the elements with a link; whether it deleted any (one with a parent)."""
        self.step += 1
        step, changed = self.step, self.changed
        known = self.known.setdefault((tagname, backtracking), {})
        deletions = []
        for elem in linked(tagname)(subtree):
            last = elem.getnext() is None
            seen = known.get(elem)
            if seen is not None and seen[1] == last and changed.get(elem, 0) < seen[0]:
                goes = seen[2]
            else:
                goes = self.goes(elem, tagname, backtracking)
                known[elem] = (step, last, goes)
            if goes:
                deletions.append(elem)
        deleted = False
        for elem in dict.fromkeys(deletions):
            if elem.getparent() is None:
                continue  # delete_element does nothing
            for ancestor in elem.iterancestors():
                changed[ancestor] = step
            delete_element(elem)
            deleted = True
        return deleted


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
    walks = Walks(favor_precision)
    for _ in range(2):
        deleted = walks.walk(tree, "div", True)
        deleted = walks.walk(tree, "list", False) or deleted
        deleted = walks.walk(tree, "p", False) or deleted
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
    tests = all(source_fingerprint(test) == digest for test, digest in TESTS_WRITTEN_FOR)
    if source_fingerprint(SECTIONS) == sections and tests:
        main_extractor.prune_unwanted_sections = prune_unwanted_sections
    return True
