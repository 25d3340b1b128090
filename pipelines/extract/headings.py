"""Put back the section headings an extractor dropped from the middle of an article.

When trafilatura finds no article container it recovers the page's "wild" paragraphs one by
one, and the section headings between them are lost (readability drops some too): the
text reads as one run of paragraphs. ``restore_headings(text, tree)`` walks the page's
headings (``h2`` to ``h6``) and paragraphs (``p``) in document order and puts a heading the
text lacks back before the paragraph that follows it on the page, only where the paragraph
before the heading and the one after it are two consecutive lines of the text: the heading
sat inside the extracted article, not before it (the headline, a kicker) nor after it (a
"Related posts" block). A heading must be short (``MAX_WORDS``) and not end a sentence; a
paragraph is matched to a line by its words (lower-cased ``\\w+`` tokens), so a paragraph the
extractor merged with another or cut is no anchor. Any language.
Plain functions; no Scrapy. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.extract import endings, notices

BLOCKS = "//h2 | //h3 | //h4 | //h5 | //h6 | //p"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
MAX_WORDS = 20  # a longer "heading" is a paragraph styled as one
MIN_ANCHOR_WORDS = 8  # a shorter paragraph next to it is a caption, a credit or a teaser
WORD = re.compile(r"\w+")
SENTENCE_END = (".", "!", "…", "。", "！")


def words(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def is_section_heading(element: Any, text: str) -> bool:
    """A short heading of the article's own: no sentence, no page furniture label ("Read
    also", "Related stories", "Leave a comment"...), not a link to another page."""
    if not 0 < len(text.split()) <= MAX_WORDS or text.endswith(SENTENCE_END):
        return False
    if notices.HEADING_ONLY.match(text) or notices.FURNITURE.match(text):
        return False
    if endings.is_end_heading(text) or element.getnext() is None:
        return False  # alone in its box: the title of a teaser or of a box of links
    if any(a.get("href", "#")[:1] != "#" for a in element.iterancestors("a")):
        return False
    linked = "".join(
        a.text_content() for a in element.iter("a") if not (a.get("href") or "").startswith("#")
    )
    return len(linked.strip()) < len(text) / 2


def restore_headings(text: str, tree: Any) -> str:
    """``text`` with the headings it lacks between two of its consecutive paragraphs."""
    if tree is None or not text:
        return text
    lines = text.split("\n")
    line_of: dict[str, int] = {}
    for index, line in enumerate(lines):
        line_of.setdefault(words(line), index)
    line_of.pop("", None)
    inserts: dict[int, list[str]] = {}
    previous: int | None = None  # the line of the last paragraph met that the text holds
    pending: list[str] = []  # headings met since, that the text lacks
    for element in tree.xpath(BLOCKS):
        flat = " ".join(element.text_content().split())
        key = words(flat)
        if not key:
            continue
        if element.tag in HEADINGS:
            if key in line_of or not is_section_heading(element, flat):
                pending = []
            else:
                pending.append(flat)
            continue
        index = line_of.get(key)
        if index is None:  # a paragraph the text left out: the headings before it go too
            pending = []
            continue
        if len(key.split()) < MIN_ANCHOR_WORDS:  # no anchor, and no heading goes next to it
            previous, pending = None, []
            continue
        if pending and previous is not None and index == previous + 1:
            inserts[index] = pending
        previous, pending = index, []
    if not inserts:
        return text
    out: list[str] = []
    for index, line in enumerate(lines):
        out += inserts.get(index, [])
        out.append(line)
    return "\n".join(out)
