"""trafilatura's basic cleaning expression, its banner regex run per distinct class or id.

``baseline.basic_cleaning`` (the page measure of trafilatura's recall escalation,
``html2txt``, its ``baseline`` and justext's input) deletes the elements
``settings.BASIC_CLEAN_XPATH`` finds: eight tag tests and a cookie-banner test of every
element's ``class`` and ``id``, two ``re:test`` calls each, which libxml2 hands to Python
once per element (nine tenths of the expression's CPU). ``Cleaning`` reads the page's
class and id values first (two plain XPaths) and runs the banner regex on each distinct
value (``discards.memo_test``, remembered across pages): on a page where none passes,
and so no element, the expression is its tag tests alone (``TAGS``, trafilatura's text up to
the banner test); else the tag tests and the elements whose class or id is one of the
values that pass (``. = $v0 or ...``). A union is in document order: the same elements in
the same order (0.4 of the CPU on tune pages). ``install()`` puts it in
``trafilatura.baseline`` in place of trafilatura's only while trafilatura's expression has
the text this was written for (``WRITTEN_FOR``, ``libxpaths.fingerprint``) and its
regex matches no empty value (an element without the attributes passes no test); else
trafilatura's runs. Settings read: none. Stats: none.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura import settings

from pipelines.extract.discards import memo_test
from pipelines.extract.libxpaths import fingerprint, plain_path

LIBRARY = settings.BASIC_CLEAN_XPATH  # trafilatura's own
BASELINE = importlib.import_module("trafilatura.baseline")  # the module (not the function)
WRITTEN_FOR = "841f8efcd6f3"  # the fingerprint of its text (trafilatura 2.3.1)
BANNER = "|.//*[re:test(@class, '"  # where the banner test starts in trafilatura's text
CLASSES = XPath(".//*/@class", smart_strings=False)
IDS = XPath(".//*/@id", smart_strings=False)


def banner_regex(path: str) -> str | None:
    """The banner test's regex, when it is the one pattern (flag ``i``) tested on both
    ``@class`` and ``@id`` and matches no empty value; else ``None``."""
    match = re.fullmatch(
        r"\.//\*\[re:test\(@class, '([^']*)', 'i'\) or re:test\(@id, '([^']*)', 'i'\)\]", path
    )
    if match is None or match[1] != match[2] or re.search(match[1], "", re.IGNORECASE):
        return None
    return match[1]


@lru_cache(maxsize=8)
def with_values(tags: str, count: int) -> XPath:
    """The tag tests and the elements whose class or id is one of ``$v0`` ... ``$v<count-1>``."""
    same = " or ".join(f". = $v{i}" for i in range(count))
    return XPath(f"{tags} | (.//*/@class[{same}] | .//*/@id[{same}])/parent::*")


class Cleaning:
    """``original(tree)``, its banner regex run on the page's distinct class and id values."""

    def __init__(self, original: XPath, tags: str, pattern: str) -> None:
        self.original = original
        self.tags = tags
        self.tag_tests = XPath(tags)
        self.pattern = pattern

    def __call__(self, tree: Any) -> list[Any]:
        values = set(CLASSES(tree))
        values.update(IDS(tree))
        banners = [v for v in values if memo_test(None, v, self.pattern, "i")]
        if not banners:
            return self.tag_tests(tree)
        named = {f"v{i}": value for i, value in enumerate(banners)}
        return with_values(self.tags, len(banners))(tree, **named)


def cleaning(original: XPath = LIBRARY) -> Cleaning | None:
    """The ``Cleaning`` of ``original``, ``None`` when it is not the expression this was
    written for."""
    path = plain_path(original)
    start = path.find(BANNER)
    if fingerprint(original) != WRITTEN_FOR or start < 0:
        return None
    pattern = banner_regex(path[start + 1 :])
    return None if pattern is None else Cleaning(original, path[:start], pattern)


def install() -> bool:
    """Give ``trafilatura.baseline`` the ``Cleaning`` of its expression, when trafilatura's is
    the one this was written for; whether it did (again: nothing, and ``True``)."""
    if isinstance(BASELINE.BASIC_CLEAN_XPATH, Cleaning):
        return True
    found = cleaning(BASELINE.BASIC_CLEAN_XPATH)
    if found is None:
        return False
    BASELINE.BASIC_CLEAN_XPATH = found
    return True
