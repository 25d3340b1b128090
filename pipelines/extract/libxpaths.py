"""trafilatura's author search, the same elements found for about half the cost.

``trafilatura.metadata.extract_author`` prunes a copy of the page
(``AUTHOR_DISCARD_XPATHS``) and takes the first fitting element of ``AUTHOR_XPATHS``;
each expression tests every element's attributes (``re:test``, ``contains``), about
10-15 ms a page it runs on. ``Narrowed`` finds an expression's elements in two steps: a
plain XPath that lists a superset of them read from the attributes
(``//@class[...]/parent::*``, which libxml2 walks faster than every element's
predicate; each regex replaced by ``contains`` tests for the literal text every match
of it holds), then the original expression's own predicate applied to each candidate
(``self::``), so the result is the same elements in the same order (the context element
left out, as ``.//`` does). It is used only while trafilatura's expression is the one its
superset was written for (a fingerprint of its text); else the original expression runs.
``author(tree)`` is ``extract_author`` over these expressions
(``pipelines.extract.library`` calls it), and it neither copies nor prunes the page when
no element of it is a candidate of any of them (three pages in four without a declared
author): pruning only removes elements, so the pruned copy would have none either. Its
supersets are then read only for the literals the page's values hold (``reduced``, from
the values ``Candidates`` read: the classes', mostly): ``author`` 0.70 of its CPU on 400
tune pages, the same authors (issue 19). The
category and tag searches were tried the same way and were no faster; ``catstags`` skips
them instead on a page none of whose links' addresses holds ``/categor`` (``/tag``):
trafilatura keeps only the links whose address matches ``/categor(?:y|ies|s)?/``
(``/tag(?:y|ies|s)?/``), so the page's meta tags (its fallback) give the result, while
``extract_catstags``'s source is the one this was written for (a fingerprint of it).
Settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable
from copy import deepcopy
from functools import lru_cache, partial
from typing import Any

from lxml.etree import XPath
from trafilatura import metadata as library
from trafilatura import xpaths
from trafilatura.utils import line_processing

NAMESPACES = {"re": xpaths.REGEXP_NS}


def plain_path(expression: XPath) -> str:
    return " ".join(expression.path.split())


def fingerprint(expression: XPath) -> str:
    """A short hash of an expression's text (whitespace-normalised)."""
    return hashlib.sha1(plain_path(expression).encode()).hexdigest()[:12]


def on_self(path: str) -> str:
    """The expression's steps applied to the context element (``//x[...]`` and
    ``.//x[...]`` become ``self::x[...]``): the element passes when the result is non-empty."""
    return re.sub(r"(^|\|)\s*\.?//", r"\1self::", path)


class Narrowed:
    """``original(tree)`` from the candidates ``superset`` lists, each kept when
    ``original``'s own predicate holds on it."""

    def __init__(self, original: XPath, superset: str, written_for: str) -> None:
        self.original = original
        self.exact: XPath | None = None
        self.relative = plain_path(original).startswith(".//")  # the context is left out
        if fingerprint(original) == written_for:
            self.superset = XPath(superset)
            self.exact = XPath(on_self(plain_path(original)), namespaces=NAMESPACES)

    def __call__(self, tree: Any, values: dict[str, str] | None = None) -> list[Any]:
        """``original(tree)``; given ``values`` (attributes' values on the page, by name)
        its superset is read only for the literals they hold (``reduced``)."""
        if self.exact is None:
            return self.original(tree)
        superset = (
            self.superset if values is None else compiled(reduced(self.superset.path, values))
        )
        found = [element for element in superset(tree) if self.exact(element)]
        return [e for e in found if e is not tree] if self.relative else found

    def given(self, values: dict[str, str]) -> Callable[[Any], list[Any]]:
        """This expression, called with the page's ``values``."""
        return partial(self, values=values)


# a step of a superset to the attributes that pass tests of literals, and one of its tests
SUPERSET_STEP = re.compile(r"\.?//@([\w-]+)\[((?:\.='[^']*'|contains\(\., '[^']*'\)|\s+or\s+)*)\]")
LITERAL_TEST = re.compile(r"\.='([^']*)'|contains\(\., '([^']*)'\)")


def reduced(path: str, values: dict[str, str]) -> str:
    """``path`` (a superset) without the tests of literals that none of an attribute's
    ``values`` (NUL-joined, by its name) holds: such a test is false on every attribute of
    the name. A step left without a test reads nothing (``/..``, the root's parent) instead
    of every attribute of its name, a copy of each value a test. The same elements, for
    any tree whose values of those attributes ``values`` holds (the page, a pruned copy)."""

    def kept(step: re.Match[str]) -> str:
        held = values.get(step[1])
        if held is None:
            return step[0]
        tests = [
            test[0]
            for test in LITERAL_TEST.finditer(step[2])
            if (test[1] if test[1] is not None else test[2]) in held
        ]
        return f"{step[0].split('[', 1)[0]}[{' or '.join(tests)}]" if tests else "/.."

    return SUPERSET_STEP.sub(kept, path)


@lru_cache(maxsize=512)
def compiled(path: str) -> XPath:
    return XPath(path)


def _attributes(tests: dict[str, str], tags: str = "*", relative: bool = False) -> str:
    """The elements (of ``tags``) with an attribute that passes its test: read from the
    attributes (``//@class[...]/parent::*``), which libxml2 walks faster than every
    element's predicate."""
    start = ".//" if relative else "//"
    found = " | ".join(f"{start}@{name}[{test}]" for name, test in tests.items())
    return f"({found})/parent::{tags}"


def _any_of(*parts: str) -> str:
    return " or ".join(f"contains(., '{part}')" for part in parts)


AUTHOR_XPATHS = [
    Narrowed(
        xpaths.AUTHOR_XPATHS[0],
        _attributes(
            {
                "rel": ".='author'",
                "id": ".='author'",
                "class": _any_of("author", "Author"),
                "itemprop": ".='author name'",
                "data-testid": ".='AuthorCard' or .='AuthorURL'",
            }
        )
        + " | //rel[.='me']/parent::* | //author",
        "58d4d295ebdb",
    ),
    Narrowed(
        xpaths.AUTHOR_XPATHS[1],
        _attributes(
            {
                "class": ".='byline' or .='username' or .='byl' or .='BBL' or "
                + _any_of("author", "channel-name", "zuozhe", "bianji", "xiaobian")
                + " or "
                + _any_of("submitted-by", "posted-by", "journalist-name"),
                "itemprop": _any_of("author"),
                "id": _any_of("author", "zuozhe", "bianji", "xiaobian"),
            }
        ),
        "d023f5e4daed",
    ),
    Narrowed(
        xpaths.AUTHOR_XPATHS[2],
        _attributes(
            {
                "data-component": _any_of("Byline"),
                "itemprop": _any_of("author"),
                "id": _any_of("uthor"),
                "class": _any_of("uthor", "screenname", "writer", "yline"),
            }
        ),
        "2dc024a335e4",
    ),
]
AUTHOR_DISCARD_XPATHS = [
    Narrowed(
        xpaths.AUTHOR_DISCARD_XPATHS[0],
        _attributes(
            {
                "id": _any_of("comment", "ProductReviews"),
                "class": ".='title' or .='date' or "
                + _any_of("omments", "commentlist", "sidebar", "is-hidden", "quote")
                + " or "
                + _any_of("embedly-instagram", "article-share", "article-support", "print")
                + " or "
                + _any_of("category", "meta-date", "meta-reviewer"),
                "data-component": _any_of("Figure"),
            },
            "*[self::a or self::div or self::section or self::span]",
            relative=True,
        ),
        "ced1cf24ebc4",
    ),
    *xpaths.AUTHOR_DISCARD_XPATHS[1:],
]


# a union of steps to attributes or elements whose predicates only compare (``.='x'``) or
# search (``contains(., 'x')``) literals: what ``Candidates`` reads without XPath
LITERALS = r"(?:\.='[^']*'|contains\(\., '[^']*'\)|\s+or\s+)*"
ATTRIBUTE_STEP = re.compile(rf"//@([\w-]+)\[({LITERALS})\]")
ELEMENT_STEP = re.compile(rf"//(\w+)(?:\[{LITERALS}\])?")
GLUE = re.compile(r"/parent::\*|\s*\|\s*|[()]")


class Candidates:
    """Whether a page holds an element of ``path``, a union of supersets. When ``path`` is
    only steps to attributes that compare or search literals, and to elements
    (``ATTRIBUTE_STEP``, ``ELEMENT_STEP``), read from the values of each of those
    attributes, one string an attribute, searched for its own literals (about a third of
    the XPath's cost: libxml2 copies an attribute's value for each of its ``contains``): a
    page none of whose values holds one of its attribute's literals, nor any of the
    elements, has no element of ``path``. Each attribute is read by an XPath of its own
    (``//@class``), the ``class`` first (the most found), and the search stops at the first
    hit: about 0.6 of one union of them all, whose nodes libxml2 sorts into document
    order (issue 19, 300 tune pages). Else ``path`` runs."""

    def __init__(self, path: str) -> None:
        self.path = XPath(path)
        self.values: list[tuple[str, XPath, tuple[str, ...]]] | None = None
        attributes = ATTRIBUTE_STEP.findall(path)
        tags = ELEMENT_STEP.findall(ATTRIBUTE_STEP.sub("", path))
        if (
            attributes
            and tags
            and not GLUE.sub("", ELEMENT_STEP.sub("", ATTRIBUTE_STEP.sub("", path)))
        ):
            literals: dict[str, dict[str, None]] = {}
            for name, tests in sorted(attributes, key=lambda step: step[0] != "class"):
                literals.setdefault(name, {}).update(dict.fromkeys(re.findall("'([^']*)'", tests)))
            self.values = [
                (name, XPath(f"//@{name}", smart_strings=False), tuple(found))
                for name, found in literals.items()
            ]
            self.elements = XPath(
                f"boolean({' | '.join(f'//{tag}' for tag in dict.fromkeys(tags))})"
            )

    def __call__(self, tree: Any, read: dict[str, str] | None = None) -> bool:
        """Whether the page may hold an element of ``path``; the attributes' values it
        read are put in ``read`` (NUL-joined, by name)."""
        if self.values is None:
            return bool(self.path(tree))
        for name, values_of, literals in self.values:
            values = "\0".join(values_of(tree))  # no value holds a NUL: no literal across two
            if read is not None:
                read[name] = values
            if any(literal in values for literal in literals):
                return True
        return bool(self.elements(tree))


# any element one of AUTHOR_XPATHS' supersets lists, or a <rel> (whose text pruning could
# change): without one, no element of the pruned copy can match (pruning only removes)
CANDIDATES = (
    Candidates(" | ".join(e.superset.path for e in AUTHOR_XPATHS) + " | //rel")
    if all(e.exact is not None for e in AUTHOR_XPATHS)
    else None
)


def author(tree: Any) -> str | None:
    """``trafilatura.metadata.extract_author(tree)``; ``None`` at once when the page has
    no candidate (``CANDIDATES``: most pages without a declared author)."""
    values: dict[str, str] = {}  # the attributes' values CANDIDATES reads (the class's)
    if CANDIDATES is not None and not CANDIDATES(tree, values):
        return None
    discards = [e.given(values) if isinstance(e, Narrowed) else e for e in AUTHOR_DISCARD_XPATHS]
    subtree = library.prune_unwanted_nodes(deepcopy(tree), discards)
    expressions = [e.given(values) for e in AUTHOR_XPATHS]
    found = library.extract_metainfo(subtree, expressions, len_limit=120)
    return library.normalize_authors(None, found) if found else found


def source_fingerprint(function: Any) -> str | None:
    """A short hash of a function's source, ``None`` when it cannot be read."""
    try:
        return hashlib.sha1(inspect.getsource(function).encode()).hexdigest()[:12]
    except (OSError, TypeError):
        return None


CATSTAGS_WRITTEN_FOR = "f11c7ba686dd"
CATSTAGS_SOURCE = source_fingerprint(library.extract_catstags)
# a link whose address could match trafilatura's ``/categor(?:y|ies|s)?/`` (``/tag...``)
LINKED = {
    "category": XPath("boolean(//a/@href[contains(., '/categor')])"),
    "tag": XPath("boolean(//a/@href[contains(., '/tag')])"),
}
SECTIONS = XPath(
    './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
)


def catstags(metatype: str, tree: Any, written_for: str = CATSTAGS_WRITTEN_FOR) -> list[str]:
    """``trafilatura.metadata.extract_catstags(metatype, tree)``, its link search skipped
    when no link of the page can match (``LINKED``): for a category, the meta tags it
    falls back on; for a tag, nothing."""
    if written_for != CATSTAGS_SOURCE or LINKED[metatype](tree):
        return library.extract_catstags(metatype, tree)
    found = [e.attrib["content"] for e in SECTIONS(tree)] if metatype == "category" else []
    return [r for r in dict.fromkeys(line_processing(x) for x in found if x) if r]
