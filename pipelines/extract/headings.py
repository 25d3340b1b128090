"""Put back the headings, lists and quotes an extractor dropped from the middle of an article.

When trafilatura finds no article container it recovers the page's "wild" paragraphs one by
one, and the section headings, lists and quotations between them are lost (readability drops
some too): the text reads as one run of paragraphs. ``restore_headings(text, tree)`` walks
the page's headings (``h2`` to ``h6``), paragraphs (``p``), lists (``ul``, ``ol``) and
quotations (``blockquote``) in document order and puts one the text lacks back before the
paragraph that follows it on the page, only where the paragraph before it and the one after
it are two consecutive lines of the text: it sat inside the extracted article, not before it
(the headline, a kicker) nor after it (a "Related posts" block). A heading must be short
(``MAX_WORDS``), not end a sentence, not be a furniture label (``notices.HEADING_ONLY``,
``notices.FURNITURE``, ``endings.is_end_heading``), not stand alone in its box (a teaser's or
a link box's title) nor be a link to another page. A list must be of phrases
(``MIN_ITEM_WORDS`` to ``MAX_ITEM_WORDS`` words an item), not mostly links, without buttons
or forms; its items come back as "- item" lines, as trafilatura writes them. A quotation
(often inside a ``figure``, which extractors drop) comes back as one line, unless it repeats
the text (a pull quote), is an embedded post (``EMBEDS``) or is long (``MAX_QUOTE_WORDS``).
A paragraph is matched to a line by its text (whitespace folded, lower-cased: ``key_of``); one
the extractor merged, cut or left out, or a short one (``MIN_ANCHOR_WORDS``: a caption, a
credit), is no anchor. A paragraph the extractor left out stays out (putting such paragraphs
back was tried: it brings back the boxes and notes extractors rightly drop). Any language.
The elements and their texts come from the classifier's walk of the page
(``features.page_features(..., walks)``) when the caller passes it, instead of a
second walk of the tree and a text search per element. Plain functions; no Scrapy.
Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.extract import endings, notices

# the elements walked, in document order (one pass over the tree, not an XPath union)
BLOCKS = ("h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "blockquote")
LISTS = {"ul", "ol"}
MAX_ITEM_WORDS = 80
MAX_QUOTE_WORDS = 150
EMBEDS = re.compile(r"tweet|twitter|instagram|tiktok|embed|facebook", re.IGNORECASE)
MIN_ITEM_WORDS = 3  # on average: a shorter list is a bar of labels (Share, Print)
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
MAX_WORDS = 20  # a longer "heading" is a paragraph styled as one
MIN_ANCHOR_WORDS = 8  # a shorter paragraph next to it is a caption, a credit or a teaser
WORD = re.compile(r"\w+")
SENTENCE_END = (".", "!", "…", "。", "！")


def words(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def key_of(line: str) -> str:
    """A line of the text as the page's element would read: whitespace folded, lower-cased,
    without the dash trafilatura puts before a list item."""
    flat = " ".join(line.split()).lower()
    return flat[2:] if flat.startswith("- ") else flat


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
    return linked_share(element, text) < 0.5


def linked_share(element: Any, text: str) -> float:
    """The share of ``text`` inside links to other pages (not to the page's own anchors)."""
    linked = "".join(
        a.text_content() for a in element.iter("a") if not (a.get("href") or "").startswith("#")
    )
    return len(linked.strip()) / max(len(text), 1)


def list_items(texts: list[str]) -> list[str]:
    """The list's items (the texts of its ``<li>`` children), whitespace folded, those
    with a word (``WORD.search``: no letter lower-cases to a non-word character or back,
    so a text has a word when its lower-cased form has one, ``words``)."""
    items = (" ".join(text.split()) for text in texts)
    return [item for item in items if WORD.search(item)]


def page_walk(tree: Any, walk: Any = None) -> Any:
    """A walk of the page's ``BLOCKS`` with their text nodes (``features._Walk``):
    ``walk`` when it holds all of them (the classifier's walk reads the body only),
    else a walk of the whole document."""
    from pipelines.extract import features

    if walk is not None and walk.covers(tree, *BLOCKS):
        return walk
    return features._Walk(tree.getroottree().getroot())


def is_article_list(element: Any, items: list[str]) -> bool:
    """A list of the article's own: items of sentences or phrases, not a list of links."""
    sizes = [len(item.split()) for item in items]
    if not items or max(sizes) > MAX_ITEM_WORDS or sum(sizes) < MIN_ITEM_WORDS * len(items):
        return False
    if element.xpath(".//script | .//button | .//form | .//input"):
        return False  # a bar of buttons: share, print, mail
    return linked_share(element, " ".join(items)) < 0.5


def is_quote(element: Any, text: str) -> bool:
    """A quotation of the article's own: not an embedded post, not a box of links."""
    if len(text.split()) > MAX_QUOTE_WORDS or EMBEDS.search(element.get("class") or ""):
        return False
    return linked_share(element, text) < 0.5


def restore_headings(text: str, tree: Any, walk: Any = None) -> str:
    """``text`` with the headings it lacks between two of its consecutive paragraphs;
    ``walk``: the classifier's walk of the page (``page_walk``)."""
    if tree is None or not text:
        return text
    lines = text.split("\n")
    line_of: dict[str, int] = {}
    for index, line in enumerate(lines):
        line_of.setdefault(key_of(line), index)
    line_of.pop("", None)
    whole: str | None = None  # the text's words, read for the first quotation
    inserts: dict[int, list[str]] = {}
    previous: int | None = None  # the line of the last paragraph met that the text holds
    pending: list[str] = []  # headings, lists and quotations met since, that the text lacks
    walk = page_walk(tree, walk)
    nodes, join = walk.texts, "".join
    inside = -1  # the end of the text run of the lists and quotations met
    for element, _, start, end, _, children in walk.blocks:
        if end <= inside:  # inside a list or a quotation met (or without text)
            continue
        flat = " ".join(join(nodes[start:end]).split())
        key = flat.lower()
        if not WORD.search(key):
            continue
        tag = element.tag
        if tag == "blockquote" or tag in LISTS:
            inside = end
        if tag == "blockquote":
            whole = words(text) if whole is None else whole
            if key in line_of:
                previous, pending = line_of[key], []
            elif words(flat) in whole:  # a pull quote that repeats the text
                continue
            elif is_quote(element, flat):
                pending.append(flat)
            else:
                previous, pending = None, []
            continue
        if tag in LISTS:
            items = list_items([join(nodes[a:b]) for tag, _, a, b, _ in children if tag == "li"])
            found = [line_of.get(item.lower()) for item in items]
            if items and all(index is not None for index in found):
                previous, pending = found[-1], []
            elif any(index is not None for index in found) or not is_article_list(element, items):
                previous, pending = None, []
            else:
                pending += [f"- {item}" for item in items]
            continue
        if tag in HEADINGS:
            if key in line_of or not is_section_heading(element, flat):
                pending = []
            else:
                pending.append(flat)
            continue
        index = line_of.get(key)
        if index is None:  # a paragraph the text left out: the headings before it go too
            pending = []
            continue
        if len(flat.split()) < MIN_ANCHOR_WORDS:  # no anchor, and no heading goes next to it
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
