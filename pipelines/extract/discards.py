"""trafilatura's main-extraction expressions, the same elements found for less.

During the main extraction trafilatura prunes the page with lists of XPath expressions
(``trafilatura.xpaths``: ``OVERALL_DISCARD_XPATH``, ``RAW_TREE_PRUNE_XPATH``,
``REMOVE_COMMENTS_AND_LISTS_XPATH``, ``TEASER_DISCARD_XPATH``, ``DISCARD_IMAGE_ELEMENTS``)
and looks for the article's frame (``BODY_XPATH``); each expression tests every element's
attributes, most with ``re:test``, which libxml2 hands to Python once per element. Here
each is a ``Within``: one XPath that reads a superset of its elements from the
attributes (``(.//*/@class[contains(., ...)])/parent::*``, each regex replaced by
``contains`` tests for a literal text every match of it holds) and applies the original
expression's own predicates to them, so the same elements in the same order; its
position tests are kept (``(...)[1]``: the first; ``.//*[P][1]``: each element's first
child passing ``P``, written ``[P][not(preceding-sibling::*[P])]``). Its ``re:test`` calls
are answered by ``memo_test``, the same search remembered for each text (a page repeats
its class names). ``OVERALL_DISCARD_XPATH[0]`` holds too many texts for ``contains``
tests to be cheaper: its superset is the elements that have one of the attributes it
reads. Tried and dropped: the per-candidate check of ``libxpaths.Narrowed`` (a Python
call per candidate: slower on the first of these lists).

``install()`` (``pipelines.extract.page`` calls it once, when it is imported) puts them
into trafilatura's own lists, in place (``trafilatura.main_extractor`` and
``trafilatura.core`` hold the same list objects), only where trafilatura's expression is
still the one its superset was written for (a fingerprint of its text): a changed
expression stays trafilatura's. ``OVERALL_DISCARD_XPATH[0]``, ``BODY_XPATH[0]`` and ``[2]`` are then
answered in Python once per distinct set of attribute values
(``pipelines.extract.discardkeys``), where their text is the one that module was written for,
and the project's own tag prunes are found in one walk (``pipelines.extract.tagprunes``);
``install`` also gives trafilatura the tree cleaning of ``pipelines.extract.cleaning``.
Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import FunctionNamespace, XPath
from trafilatura import xpaths

from pipelines.extract import cleaning, discardkeys, tagprunes
from pipelines.extract.libxpaths import NAMESPACES, fingerprint, plain_path


def _contains(*parts: str) -> str:
    return " or ".join(f"contains(., '{part}')" for part in parts)


def _read(tests: dict[str, str]) -> str:
    """The elements below the context with an attribute that passes its test."""
    found = " | ".join(f".//*/@{name}[{test}]" for name, test in tests.items())
    return f"({found})/parent::*"


def predicates_only(text: str) -> bool:
    """``text`` is a run of predicates (``[...][...]``), quoted brackets aside."""
    depth, quote = 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and not char.isspace():
            return False
    return depth == 0 and not quote and text.lstrip().startswith("[")


def exact_path(original: XPath, superset: str) -> str | None:
    """``original``'s predicates on ``superset``'s elements, its position test written out:
    ``.//*[P]`` all of them, ``(.//*[P])[1]`` the first, ``.//*[P][1]`` those no earlier
    sibling passes ``P`` before; ``None`` for another shape."""
    path = plain_path(original)
    if path.startswith("(.//*") and path.endswith(")[1]"):
        predicates = path[len("(.//*") : -len(")[1]")]
        return f"({superset}{predicates})[1]" if predicates_only(predicates) else None
    if not (path.startswith(".//*") and predicates_only(path[len(".//*") :])):
        return None
    if path.endswith("][1]"):
        predicates = path[len(".//*") : -len("[1]")]
        return f"{superset}{predicates}[not(preceding-sibling::*{predicates})]"
    return superset + path[len(".//*") :]


# ``re:test`` as lxml's EXSLT has it (a node-set's first node, a regex search), its
# answer kept for each text: a page repeats its class names
MEMO_NS = "urn:newsarchive:discards"
MEMO: dict[tuple[str, re.Pattern[str]], bool] = {}  # emptied at MEMO_SIZE entries
MEMO_SIZE = 20_000
COMPILED: dict[tuple[str, str], re.Pattern[str]] = {}
ATTRIBUTE_TEST = re.compile(r"re:test\(@[\w-]+(?:\s*\|\s*@[\w-]+)*\s*,")


def memo_test(_: Any, value: Any, pattern: str, flags: str = "") -> bool:
    """lxml's ``re:test`` on an attribute node-set (as plain strings), remembered."""
    text = (value[0] if value else "") if isinstance(value, list) else str(value)
    compiled = COMPILED.get((pattern, flags))
    if compiled is None:
        compiled = re.compile(pattern, re.IGNORECASE if "i" in flags else 0)
        COMPILED[(pattern, flags)] = compiled
    key = (text, compiled)  # the compiled pattern, not each call's copy of its text
    found = MEMO.get(key)
    if found is None:
        if len(MEMO) >= MEMO_SIZE:
            MEMO.clear()
        found = MEMO[key] = compiled.search(text) is not None
    return found


FunctionNamespace(MEMO_NS)["test"] = memo_test


def memoised(path: str) -> str:
    """``path`` with each ``re:test`` answered by ``memo_test``, when each tests
    attributes only (their values are strings; an element's text is not remembered)."""
    if path.count("re:test(") != len(ATTRIBUTE_TEST.findall(path)):
        return path
    return path.replace("re:test(", "memo:test(")


class Within:
    """``original(tree)`` read from the elements ``superset`` lists (below the context):
    the same elements in the same order, while ``original`` is the expression the
    superset was written for (its fingerprint is ``written_for``); else ``original``."""

    def __init__(self, original: XPath, superset: str, written_for: str) -> None:
        self.original = original
        path = exact_path(original, superset) if fingerprint(original) == written_for else None
        spaces = {**NAMESPACES, "memo": MEMO_NS}
        self.exact = XPath(memoised(path), namespaces=spaces, smart_strings=False) if path else None

    def __call__(self, tree: Any) -> list[Any]:
        return (self.exact or self.original)(tree)


# list name in ``trafilatura.xpaths`` -> (index, superset, fingerprint of the expression)
SUPERSETS: dict[str, list[tuple[int, str, str]]] = {
    "OVERALL_DISCARD_XPATH": [
        (
            0,  # its regexes hold too many texts to test them all: the attributes it reads
            ".//*[@id or @class or @role or @data-component or @data-lp-replacement-content]",
            "f3dbdb2392f1",
        ),
        (
            1,
            _read(
                {
                    "class": _contains("comments-title", "reply-", "hid", "nocomments")
                    + " or "
                    + _contains("message", "akismet", "suggest-links", "noprint", "notloaded"),
                    "id": _contains("reply-", "hidden", "reader-comments", "akismet"),
                    "style": _contains("hidden", "display:none", "display: none"),
                    "aria-hidden": ".='true'",
                }
            ),
            "8d16edbf0d12",
        ),
    ],
    "RAW_TREE_PRUNE_XPATH": [
        (
            0,
            _read(
                {
                    "id": _contains("mvp-post-add-", "scroll"),
                    "class": _contains("mvp-post-add-", "scroll"),
                }
            ),
            "f1e18cc2572d",
        ),
        (1, _read({"class": _contains("elementor-share-buttons")}), "12b073ccb20e"),
    ],
    "REMOVE_COMMENTS_AND_LISTS_XPATH": [
        (
            0,
            _read(
                {"id": _contains("omment", "comol", "disqus_thread"), "class": _contains("omment")}
            ),
            "98cf895224cd",
        )
    ],
    "TEASER_DISCARD_XPATH": [
        (0, _read({"id": _contains("easer"), "class": _contains("easer")}), "c0b22696021e")
    ],
    "DISCARD_IMAGE_ELEMENTS": [
        (0, _read({"id": _contains("caption"), "class": _contains("caption")}), "6bf0a57a4c4c")
    ],
}
# BODY_XPATH: [0] each element's first passing child, [2] and [3] the page's first passing one
SUPERSETS["BODY_XPATH"] = [
    (
        0,
        _read(
            {
                "class": _contains("post", "entry", "rticle", "ontent", "body-text"),
                "id": _contains("ontent", "rticle", "body-text"),
                "itemprop": _contains("articleBody"),
            }
        ),
        "0673ee2ffbbe",
    ),
    (
        2,
        _read(
            {
                "role": _contains("article"),
                "id": _contains("article", "story", "primary"),
                "class": _contains("postarea", "ontent", "text", "cell", "story", "article ")
                + " or "
                + _contains("post-bodycopy", "single-post", "main-column", "field-body")
                + " or contains(translate(., 'FULTEX', 'fultex'), 'fulltext')",
            }
        ),
        "0a4c7447b2d4",
    ),
    (3, _read({"id": _contains("ontent"), "class": _contains("ontent")}), "1c6c92144a47"),
]


def install() -> None:
    """Put the narrowed expressions into trafilatura's lists, where the fingerprints match
    (again: nothing); then ``discardkeys``' forms of some of them, the one-walk tag prunes
    and the tree cleaning walking only the tags a page holds."""
    for name, supersets in SUPERSETS.items():
        expressions = getattr(xpaths, name)
        for index, superset, written_for in supersets:
            if isinstance(expressions[index], XPath):
                narrowed = Within(expressions[index], superset, written_for)
                if narrowed.exact is not None:
                    expressions[index] = narrowed
    discardkeys.install()
    tagprunes.install()
    cleaning.install()
