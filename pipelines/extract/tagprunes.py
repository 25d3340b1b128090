"""The tag prunes the project hands trafilatura found in one walk of the page, not one each.

``trafilatura.bare_extraction`` prunes its copy of the page with the project's expressions
(``page.PRUNE_XPATH``: ``//figcaption``, then ``//aside``, ``//nav`` and ``//footer`` each
with a predicate that keeps an article's wrapper) through ``prune_unwanted_nodes``, which
evaluates each expression on the tree the ones before it pruned and deletes what it finds,
in document order. Each ``//tag`` is a walk of the whole page by libxml2. ``prune_nodes``
(installed as ``core.prune_unwanted_nodes``) takes the leading run of such expressions of a
list (``//tag``, or ``//tag[count(.//p[string-length(normalize-space(.)) > N]) < M]``) and
lists the elements of all their tags in one lxml walk (``iter(*tags)``, document order);
then, expression after expression, it tests each on the expression's predicate (the same
XPath, ``self::*[...]``, on the element, on the tree the ones before pruned) and deletes
those that pass, in order: the elements libxml2 finds, deleted in the same order, and
those inside a block an earlier one deleted (which libxml2 would not find), whose test
and deletion change only that deleted block: the same tree.
The rest of the list, and any other list, go to trafilatura's function. Installed only
while trafilatura's ``prune_unwanted_nodes`` has the source this was written for
(``WRITTEN_FOR``). Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura import core, htmlprocessing
from trafilatura.xml import delete_element

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = htmlprocessing.prune_unwanted_nodes  # trafilatura's own
WRITTEN_FOR = "8eda45b1b12f"  # the hash of its source (trafilatura 2.3.1)
TAG_PATH = re.compile(
    r"//([a-z][a-z0-9]*)"
    r"(\[count\(\.//p\[string-length\(normalize-space\(\.\)\) > \d+\]\) < \d+\])?"
)


@lru_cache(maxsize=64)
def tag_prune(path: str) -> tuple[str, XPath | None] | None:
    """(tag, the predicate as a test of an element) of a tag expression, ``None`` for another."""
    match = TAG_PATH.fullmatch(path)
    if match is None:
        return None
    return match[1], XPath(f"boolean(self::*{match[2]})") if match[2] else None


def leading(nodelist: list[Any]) -> list[tuple[str, XPath | None]]:
    """The tag prunes the list opens with."""
    found = []
    for expression in nodelist:
        path = getattr(expression, "path", None)
        prune = tag_prune(path) if isinstance(expression, XPath) and path else None
        if prune is None:
            break
        found.append(prune)
    return found


def prune_nodes(tree: Any, nodelist: list[Any], with_backup: bool = False) -> Any:
    """trafilatura's ``prune_unwanted_nodes``, the list's leading tag prunes in one walk."""
    prunes = [] if with_backup else leading(nodelist)
    if len(prunes) < 2:
        return LIBRARY(tree, nodelist, with_backup)
    root = tree.getroottree().getroot()  # ``//`` reads the whole document
    found: dict[str, list[Any]] = {tag: [] for tag, _ in prunes}
    for element in root.iter(*found):
        found[element.tag].append(element)
    for tag, test in prunes:
        chosen = [e for e in found[tag] if test is None or test(e)]
        for element in chosen:
            delete_element(element)
    return LIBRARY(tree, nodelist[len(prunes) :])


def install(written_for: str = WRITTEN_FOR) -> bool:
    """Give ``bare_extraction`` (``core``) ``prune_nodes`` when trafilatura's function is
    the one this was written for; whether it did."""
    if source_fingerprint(LIBRARY) != written_for:
        return False
    core.prune_unwanted_nodes = prune_nodes
    return True
