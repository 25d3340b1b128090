"""Five of trafilatura's attribute expressions answered once per distinct set of attribute values.

``OVERALL_DISCARD_XPATH[0]`` (the navigation, share, advertising... blocks trafilatura
drops in every extraction, the costliest of its expressions) tests an element's tag,
then its ``id`` and ``class`` with three ``re:test``, which libxml2 hands to Python for
each element and test (``discards.Within`` remembers the answers, but each call still
costs a trip from libxml2 to Python). Here lxml lists the elements of the tags it takes
(``iterdescendants(*tags)``, a tag test in C: libxml2's XPath makes a node-set of each
``self::`` test of each element, three times the cost) and each is tested in Python on
its attribute values, the answer remembered for that tuple of values (a page repeats
its class names): the same elements in the same order (an element that carries none of
the attributes the expression reads has a key of ``None`` values, which passes no test:
the regexes match no empty value). ``re:test(@id|@class, ...)``
tests the one of the two written first on the element, as libxml2 does. About 0.4 of
``discards.Within``'s CPU on the trees trafilatura hands it on tune pages (0.3 against
0.7 ms a call) when libxml2 listed the candidates, and 0.4 of that again with lxml's walk
(0.5 against 1.4 ms a call on whole tune pages). ``BODY_XPATH[2]`` (``(.//*[...])[1]``:
the page's first element with a class or id of an article's frame, looked for when the
first two found none) likewise, the first candidate that passes, and ``BODY_XPATH[0]``
(``.//*[...][1]``: each element's first child that is a frame of an article), the first
candidate under each parent (0.47 of its ``Within``'s CPU on whole tune pages, 0.42
against 0.89 ms a call; it was no faster with libxml2 listing the candidates). The raw
tree's prunes ``RAW_TREE_PRUNE_XPATH[0]`` (appended articles; ``not(.//h1)`` read from the
element, ``no_heading``, when its key leaves the answer to it) and
``REMOVE_COMMENTS_AND_LISTS_XPATH[0]`` (comment containers; the tag is part of the key)
likewise (0.5 against 0.73, and 0.63 against 0.64 to 0.77 ms a call on whole tune pages).

``install()`` (``discards.install`` calls it) puts them in trafilatura's lists in place of
the ``discards.Within`` there, only where trafilatura's expression has the text this
module was written for (a fingerprint, ``libxpaths.fingerprint``) and its regexes are
read from it and match no empty value (an element without the attributes then passes
none of the tests); else what was there stays. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml.etree import XPath
from trafilatura import xpaths

from pipelines.extract.libxpaths import fingerprint, plain_path

MEMO_SIZE = 20_000  # answers kept per expression (emptied when full)
Key = tuple[Any, ...]


def regexes(path: str, *attributes: str) -> list[re.Pattern[str]] | None:
    """The pattern of ``re:test(<attribute>, '...')`` for each attribute (``<attribute>,
    i`` for ``re:test(<attribute>, '...', 'i')``; an attribute named again: its next
    test), compiled as lxml does; ``None`` when one is missing or matches an empty value."""
    found = []
    starts: dict[str, int] = {}
    for attribute in attributes:
        name, _, flags = attribute.partition(",")
        flagged = f", '{flags}'" if flags else ""
        test = re.compile(rf"re:test\({re.escape(name)}, '([^']*)'{flagged}\)")
        match = test.search(path, starts.get(attribute, 0))
        if match is None:
            return None
        starts[attribute] = match.end()
        pattern = re.compile(match[1], re.IGNORECASE if "i" in flags else 0)
        if pattern.search(""):
            return None
        found.append(pattern)
    return found


def id_first(names: Any) -> bool:
    """Whether ``id`` comes before ``class`` among the element's attribute names (both present)."""
    return next(name for name in names if name in ("id", "class")) == "id"


def discard_key(element: Any) -> Key:
    ident, classes = element.get("id"), element.get("class")
    both = ident is not None and classes is not None
    return (
        ident,
        classes,
        element.get("role"),
        element.get("data-component"),
        element.get("data-lp-replacement-content") is not None,
        both and id_first(element.keys()),
    )


def discard_test(patterns: list[re.Pattern[str]]) -> Callable[[Key], bool]:
    """``OVERALL_DISCARD_XPATH[0]``'s predicate on a ``discard_key``."""
    first_of_both, of_id, of_class = patterns

    def test(key: Key) -> bool:
        ident, classes, role, component, replaced, ident_first = key
        if replaced:
            return True
        if role is not None and "nav" in role.replace("N", "n"):
            return True
        if component is not None and "MostPopularStories" in component:
            return True
        first = ident if ident is not None and (classes is None or ident_first) else classes
        return bool(
            first_of_both.search(first or "")
            or of_id.search(ident or "")
            or of_class.search(classes or "")
        )

    return test


def no_heading(element: Any) -> bool:
    return element.find(".//h1") is None


def raw_test(patterns: list[re.Pattern[str]]) -> Callable[[Key], Any]:
    """``RAW_TREE_PRUNE_XPATH[0]``'s predicates on an ``id_class_key``: ``no_heading`` when
    the answer is the element's (``not(.//h1)``)."""
    of_id, of_class, box_id, box_class = patterns

    def test(key: Key) -> Any:
        ident, classes = key[0] or "", key[1] or ""
        if not (of_id.search(ident) or of_class.search(classes)):
            return False
        return bool(box_id.search(ident) or box_class.search(classes)) or no_heading

    return test


def comments_key(element: Any) -> Key:
    return element.get("id"), element.get("class"), element.tag


def comments_test(patterns: list[re.Pattern[str]]) -> Callable[[Key], bool]:
    """``REMOVE_COMMENTS_AND_LISTS_XPATH[0]``'s predicates on a ``comments_key``."""
    of_id, of_class, list_id, list_class = patterns

    def test(key: Key) -> bool:
        ident, classes, tag = key[0] or "", key[1] or "", key[2]
        return bool(
            (of_id.search(ident) or of_class.search(classes))
            and (tag not in ("ol", "ul") or list_id.search(ident) or list_class.search(classes))
        )

    return test


def id_class_key(element: Any) -> Key:
    return element.get("id"), element.get("class")


def frame_key(element: Any) -> Key:
    return element.get("id"), element.get("class"), element.get("role")


def body_key(element: Any) -> Key:
    return element.get("id"), element.get("class"), element.get("itemprop")


def body_test(patterns: list[re.Pattern[str]]) -> Callable[[Key], bool]:
    """``BODY_XPATH[0]``'s predicate on a ``body_key``."""
    of_id, of_class = patterns

    def test(key: Key) -> bool:
        ident, classes, itemprop = key
        return bool(
            classes in ("post", "entry")
            or itemprop == "articleBody"
            or ident == "articleContent"
            or of_id.search(ident or "")
            or of_class.search(classes or "")
        )

    return test


def frame_test(patterns: list[re.Pattern[str]]) -> Callable[[Key], bool]:
    """``BODY_XPATH[2]``'s predicate on a ``frame_key``."""
    of_id, fulltext, of_class = patterns

    def test(key: Key) -> bool:
        ident, classes, role = key
        return bool(
            role == "article"
            or ident in ("article", "story")
            or classes in ("postarea", "art-postcontent", "text", "cell", "story")
            or of_id.search(ident or "")
            or fulltext.search(classes or "")
            or of_class.search(classes or "")
        )

    return test


class Keyed:
    """``original(tree)``: the elements of the ``tags`` below the context, in document
    order, whose ``key`` of attribute values passes ``test`` (an answer that is a function:
    the element's, remembered for no key); with ``first`` "page" the
    first of them (``(.//*[...])[1]``), with "each" the first child of each element among
    them (``.//*[...][1]``)."""

    def __init__(
        self,
        original: XPath,
        tags: tuple[str, ...],
        key: Callable[[Any], Key],
        test: Callable[[Key], Any],
        first: str = "",
    ) -> None:
        self.original = original
        self.tags = tags
        self.key = key
        self.test = test
        self.first = first
        self.memo: dict[Key, Any] = {}

    def passing(self, tree: Any) -> Iterator[Any]:
        """The elements of the tags below ``tree`` that pass, in document order."""
        memo, key_of, test = self.memo, self.key, self.test
        for element in tree.iterdescendants(*self.tags):
            key = key_of(element)
            answer = memo.get(key)
            if answer is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                answer = memo[key] = test(key)
            if answer is True or (answer is not False and answer(element)):
                yield element

    def __call__(self, tree: Any) -> list[Any]:
        if not hasattr(tree, "iterdescendants"):  # a whole document: its root is read too
            return self.original(tree)
        found = self.passing(tree)
        if not self.first:
            return list(found)
        if self.first == "each":
            return first_children(found)
        element = next(found, None)
        return [] if element is None else [element]


def first_children(elements: Iterator[Any]) -> list[Any]:
    """The first of ``elements`` (in document order) under each parent."""
    parents: set[Any] = set()
    found = []
    for element in elements:
        parent = element.getparent()
        if parent not in parents:
            parents.add(parent)
            found.append(element)
    return found


# (list name, index, fingerprint of the expression, the tags it takes, key, test maker,
# attributes whose regexes the test reads, the first element: "page", "each" or "")
WRITTEN_FOR = [
    (
        "OVERALL_DISCARD_XPATH",
        0,
        "f3dbdb2392f1",
        ("div", "item", "list", "p", "section", "span"),
        discard_key,
        discard_test,
        ("@id|@class", "@id", "@class"),
        "",
    ),
    (
        "RAW_TREE_PRUNE_XPATH",
        0,
        "f1e18cc2572d",
        ("div", "section", "aside"),
        id_class_key,
        raw_test,
        ("@id", "@class", "@id", "@class"),
        "",
    ),
    (
        "REMOVE_COMMENTS_AND_LISTS_XPATH",
        0,
        "98cf895224cd",
        ("div", "list", "section", "details", "ol", "ul"),
        comments_key,
        comments_test,
        ("@id", "@class", "@id", "@class"),
        "",
    ),
    (
        "BODY_XPATH",
        0,
        "0673ee2ffbbe",
        ("article", "div", "main", "section"),
        body_key,
        body_test,
        ("@id", "@class"),
        "each",
    ),
    (
        "BODY_XPATH",
        2,
        "0a4c7447b2d4",
        ("article", "div", "main", "section"),
        frame_key,
        frame_test,
        ("@id", "@class,i", "@class"),
        "page",
    ),
]


def keyed(expression: Any, name: str, index: int = 0) -> Keyed | None:
    """The ``Keyed`` form of ``expression`` (trafilatura's, or a ``discards.Within`` of
    it; ``index`` in the list ``name``), or ``None`` when it is not the expression this
    was written for."""
    _, _, digest, tags, key, make_test, attributes, first = next(
        entry for entry in WRITTEN_FOR if entry[:2] == (name, index)
    )
    original = getattr(expression, "original", expression)
    if not isinstance(original, XPath) or fingerprint(original) != digest:
        return None
    patterns = regexes(plain_path(original), *attributes)
    if patterns is None:
        return None
    return Keyed(original, tags, key, make_test(patterns), first)


def install() -> None:
    """Put the ``Keyed`` forms into trafilatura's lists where the fingerprints match
    (again: nothing)."""
    for name, index, *_ in WRITTEN_FOR:
        expressions = getattr(xpaths, name)
        if isinstance(expressions[index], Keyed):
            continue
        found = keyed(expressions[index], name, index)
        if found is not None:
            expressions[index] = found
