"""Cut a list of links that the extracted text ends with.

After the last paragraph of an article many pages list other pages of the site, with no
heading that ``pipelines.extract.endings`` would know, or with one of the site's own
("More guides", "Average prices in other cities"): each line of the list is the whole
text of one link (a headline, a place, a product), sometimes with a short label between
them (a section name, a date). trafilatura keeps them as paragraphs of the article.
``drop_link_tail(text, tree)`` removes the run of lines at the end of the text that are
each the text of a link of the page (with the post's date after it or not: "Packing for
Patagonia - November 4, 2025", ``DATED``), or a short label (``LABEL_WORDS`` words or fewer, no
sentence end), when it holds ``MIN_LINKS`` links or more, and the short heading line
just before it (``HEADING_WORDS`` words or fewer, no sentence end). The text is never
emptied. An article's own paragraphs end with a sentence and are no link's whole text,
so they stop the run.
Plain functions; no Scrapy. Settings read: none. Stats: none (the text is what changes).
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.extract.openings import DATE

MIN_LINKS = 3  # a run of fewer link lines at the end stays (tuned on WCXB dev's tune part)
LABEL_WORDS = 4  # a line this short between the links is a label (a section, a date)
HEADING_WORDS = 8  # a line this short just before the run is the list's heading
SENTENCE_END = re.compile(r"[.!?。！？:：]\s*$")
BULLET = "-•*·–— \t"
# a date after a link's text, as a list of recent posts prints it
DATED = re.compile(rf"\s*(?:[-–—|•·]\s*|\(\s*){DATE}\s*\)?\s*$", re.IGNORECASE)


def squash(line: str) -> str:
    """A line or a link's text compared: list bullets off, whitespace folded, lower case."""
    return " ".join(line.lstrip(BULLET).split()).lower()


def link_texts(tree: Any, walk: Any = None) -> set[str]:
    """The whole text of every link of the page, squashed; read from the classifier's
    walk of the page (``features._Walk``: each link's run of text nodes) when it met
    every link."""
    if walk is not None and walk.covers(tree, "a"):
        nodes, join = walk.texts, "".join
        found = {squash(join(nodes[start:end])) for _, start, end in walk.anchors}
    else:
        found = {squash(anchor.text_content()) for anchor in tree.iter("a")}
    found.discard("")
    return found


def link_tail_start(lines: list[str], links: set[str]) -> int:
    """Index of the first line of the link list the text ends with; ``len(lines)``
    when it ends with none."""
    start = len(lines)
    index = len(lines)
    count = 0
    while index > 0:
        line = squash(lines[index - 1])
        if line in links or (line[-1:] in "0123456789)" and DATED.sub("", line) in links):
            count += 1
            start = index - 1
        elif not line or len(line.split()) > LABEL_WORDS or SENTENCE_END.search(line):
            break
        index -= 1
    if count < MIN_LINKS:
        return len(lines)
    heading = lines[start - 1] if start > 0 else ""
    if start > 1 and len(heading.split()) <= HEADING_WORDS and not SENTENCE_END.search(heading):
        start -= 1
    return start


def drop_link_tail(text: str, tree: Any, walk: Any = None) -> str:
    """``text`` without the list of links it ends with (see the module); ``walk``: the
    classifier's walk of the page, read for the links' texts (``link_texts``)."""
    if tree is None:
        return text
    lines = text.split("\n")
    if len(lines) <= MIN_LINKS:
        return text
    start = link_tail_start(lines, link_texts(tree, walk))
    if start == len(lines) or not any(line.strip() for line in lines[:start]):
        return text
    return "\n".join(lines[:start]).rstrip()
