"""trafilatura again, without discarding the article's wrappers for a word in their class.

trafilatura drops every block whose ``class`` or ``id`` holds one of its boilerplate words
(``xpaths.OVERALL_DISCARD_XPATH[0]``: "sidebar", "widget", "-icon", "bar", "meta"...), as a
substring: a wrapper of the article's own content whose utility classes happen to hold one
("kt-accordion-icon-style-basic", "page-content-has-sidebar") goes whole, with the lists,
tables or sections it holds, in precision and recall mode alike. ``unmasked_text`` runs
trafilatura (recall mode, the project's prune expressions) on the page with the class and
id taken off the blocks that expression matches and that read as content: ``MIN_WORDS``
words or more, under ``MAX_LINKED`` of their text in links (a menu, a footer, a list of
related links keeps its class and goes as before; the blocks inside one that goes are not
read: they go with it). trafilatura runs only when those blocks hold words the first pass
lacks, ``opinion.GAIN - 1`` of its words or more (else its text could not win: the same
bound ``opinion.fuller_text`` sets). The tree is changed only for the run
(trafilatura works on its own copy) and restored after. It returns "" when no block is
such a wrapper (nothing to gain: trafilatura is not run). The second opinion runs it only
when the judge says the first pass is short and the recall run did not make up for it
(``opinion.fuller_text``), which also decides whether its text wins.
Plain functions; no Scrapy. Settings read: none. Stats: none.
"""

from __future__ import annotations

from typing import Any

from trafilatura import xpaths

from pipelines.extract import recall
from pipelines.extract.opinion import GAIN, tokens, words

MIN_WORDS = 100  # a smaller block is a box (a widget, a label), not a wrapper of the article
MAX_LINKED = 0.15  # a block with more of its text in links is a menu, a footer, a link list
ATTRIBUTES = ("class", "id")


def is_content(element: Any) -> bool:
    """Whether ``element`` reads as content: long enough, and little of it in links."""
    text = " ".join(element.text_content().split())
    if len(text.split()) < MIN_WORDS:
        return False
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked < MAX_LINKED * len(text)


def content_wrappers(tree: Any) -> list[Any]:
    """The blocks trafilatura discards for a word in their class that read as content,
    in document order; those inside a discarded block that does not are left out."""
    wrappers: list[Any] = []
    gone: Any = None  # the last discarded block that is no content: its inside goes too
    for element in xpaths.OVERALL_DISCARD_XPATH[0](tree):
        if gone is not None and any(a is gone for a in element.iterancestors()):
            continue
        if is_content(element):
            wrappers.append(element)
        else:
            gone = element
    return wrappers


def adds_words(wrappers: list[Any], first: str) -> bool:
    """Whether the outermost ``wrappers`` hold ``GAIN - 1`` of ``first``'s words or more
    that ``first`` lacks."""
    inner = set(wrappers)
    outer = [e for e in wrappers if not any(a in inner for a in e.iterancestors())]
    found = tokens("\n".join(e.text_content() for e in outer))
    return sum((found - tokens(first)).values()) >= (GAIN - 1) * words(first)


def unmasked_text(tree: Any, url: str, prune_xpath: list[str], first: str = "") -> str:
    """trafilatura's recall-mode text of the page with the content wrappers it would
    discard for their class unmasked (see the module); "" when there is none, or they
    add too little to ``first`` (the first pass's text, when given)."""
    wrappers = content_wrappers(tree)
    if not wrappers or (first and not adds_words(wrappers, first)):
        return ""
    saved = [{n: e.attrib.pop(n) for n in ATTRIBUTES if n in e.attrib} for e in wrappers]
    try:
        return recall.recall_extract(tree, url, prune_xpath)
    finally:
        for element, attributes in zip(wrappers, saved, strict=True):
            element.attrib.update(attributes)
