"""Two of trafilatura's attribute expressions answered once per distinct set of attribute values.

``OVERALL_DISCARD_XPATH[0]`` (the navigation, share, advertising... blocks trafilatura
drops in every extraction, the costliest of its expressions) tests an element's tag,
then its ``id`` and ``class`` with three ``re:test``, which libxml2 hands to Python for
each element and test (``discards.Within`` remembers the answers, but each call still
costs a trip from libxml2 to Python). Here libxml2 lists only the elements of the tags it
takes that carry an attribute it reads (no Python call), and each is tested in Python on
its attribute values, the answer remembered for that tuple of values (a page repeats
its class names): the same elements in the same order. ``re:test(@id|@class, ...)``
tests the one of the two written first on the element, as libxml2 does. About 0.4 of
``discards.Within``'s CPU on the trees trafilatura hands it on tune pages (0.3 against
0.7 ms a call). ``BODY_XPATH[2]`` (``(.//*[...])[1]``: the page's first element with a
class or id of an article's frame, looked for when the first two found none) likewise,
the first candidate that passes (0.36 against 0.75 ms a call). Tried and dropped: the same
for ``BODY_XPATH[0]`` (0.93 of its ``Within``: most of its cost is the walk, not the tests).

``install()`` (``discards.install`` calls it) puts them in trafilatura's lists in place of
the ``discards.Within`` there, only where trafilatura's expression has the text this
module was written for (a fingerprint, ``libxpaths.fingerprint``) and its regexes are
read from it and match no empty value (an element without the attributes then passes
none of the tests); else what was there stays. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml.etree import XPath
from trafilatura import xpaths

from pipelines.extract.libxpaths import fingerprint, plain_path

MEMO_SIZE = 20_000  # answers kept per expression (emptied when full)
Key = tuple[Any, ...]


def regexes(path: str, *attributes: str) -> list[re.Pattern[str]] | None:
    """The pattern of ``re:test(<attribute>, '...')`` for each attribute (``<attribute>,
    i`` for ``re:test(<attribute>, '...', 'i')``), compiled as lxml does; ``None`` when one
    is missing or matches an empty value."""
    found = []
    for attribute in attributes:
        name, _, flags = attribute.partition(",")
        flagged = f", '{flags}'" if flags else ""
        match = re.search(rf"re:test\({re.escape(name)}, '([^']*)'{flagged}\)", path)
        if match is None:
            return None
        pattern = re.compile(match[1], re.IGNORECASE if "i" in flags else 0)
        if pattern.search(""):
            return None
        found.append(pattern)
    return found


def id_first(attrib: Any) -> bool:
    """Whether ``id`` comes before ``class`` on the element (both present)."""
    return next(name for name in attrib if name in ("id", "class")) == "id"


def discard_key(attrib: Any) -> Key:
    ident, classes = attrib.get("id"), attrib.get("class")
    both = ident is not None and classes is not None
    return (
        ident,
        classes,
        attrib.get("role"),
        attrib.get("data-component"),
        "data-lp-replacement-content" in attrib,
        both and id_first(attrib),
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


def frame_key(attrib: Any) -> Key:
    return attrib.get("id"), attrib.get("class"), attrib.get("role")


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
    """``original(tree)``: the ``candidates`` (below the context, in document order) whose
    ``key`` of attribute values passes ``test`` (with ``first``, the first of them)."""

    def __init__(
        self,
        original: XPath,
        candidates: str,
        key: Callable[[Any], Key],
        test: Callable[[Key], bool],
        first: bool = False,
    ) -> None:
        self.original = original
        self.candidates = XPath(candidates)
        self.key = key
        self.test = test
        self.first = first
        self.memo: dict[Key, bool] = {}

    def passes(self, element: Any) -> bool:
        key = self.key(element.attrib)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            found = self.memo[key] = self.test(key)
        return found

    def __call__(self, tree: Any) -> list[Any]:
        found = (element for element in self.candidates(tree) if self.passes(element))
        if not self.first:
            return list(found)
        element = next(found, None)
        return [] if element is None else [element]


# list name -> (index, fingerprint of the expression, candidates, key, test maker, attributes
# whose regexes the test reads, the first element only)
WRITTEN_FOR = {
    "OVERALL_DISCARD_XPATH": (
        0,
        "f3dbdb2392f1",
        ".//*[self::div or self::item or self::list or self::p or self::section or self::span]"
        "[@id or @class or @role or @data-component or @data-lp-replacement-content]",
        discard_key,
        discard_test,
        ("@id|@class", "@id", "@class"),
        False,
    ),
    "BODY_XPATH": (
        2,
        "0a4c7447b2d4",
        ".//*[self::article or self::div or self::main or self::section][@id or @class or @role]",
        frame_key,
        frame_test,
        ("@id", "@class,i", "@class"),
        True,
    ),
}


def keyed(expression: Any, name: str) -> Keyed | None:
    """The ``Keyed`` form of ``expression`` (trafilatura's, or a ``discards.Within`` of
    it), or ``None`` when it is not the expression this was written for."""
    index, digest, candidates, key, make_test, attributes, first = WRITTEN_FOR[name]
    original = getattr(expression, "original", expression)
    if not isinstance(original, XPath) or fingerprint(original) != digest:
        return None
    patterns = regexes(plain_path(original), *attributes)
    if patterns is None:
        return None
    return Keyed(original, candidates, key, make_test(patterns), first)


def install() -> None:
    """Put the ``Keyed`` forms into trafilatura's lists where the fingerprints match
    (again: nothing)."""
    for name, (index, *_) in WRITTEN_FOR.items():
        expressions = getattr(xpaths, name)
        if isinstance(expressions[index], Keyed):
            continue
        found = keyed(expressions[index], name)
        if found is not None:
            expressions[index] = found
