"""What a page shows of itself, measured for the page classifier in one walk of its tree.

``page_features(tree, meta, url)`` measures a parsed page (before trafilatura, which
changes its copy of the tree) into a ``Features``: its visible words and those in
links, long paragraphs and the block that holds the most of them, headings, repeated
sibling blocks that each hold a link (teasers, tiles, posts), prices and "add to
cart", pagination, post and author blocks, the forum software whose thread or board page it
is (by marks only its templates write), whether its own menu links to it, its
microdata types (and how many elements declare an article type), and
what ``htmlmeta`` already read (JSON-LD types, ``og:type``, publication time,
authors). ``page_links(tree, url)`` lists the links and feeds the crawl may follow.

A long paragraph is a ``<p>`` of 40 or more words outside links, or a ``<div>``,
``<section>`` or cell of as many words (outside its links) whose children are all
inline: text broken by ``<br>``, as many sites write an article's body.

The counts come from one walk over the body (``_Walk``): each text node is counted
once, each element's words are summed from its children's, and every measure is
taken as the walk leaves an element, instead of one XPath query or one text join
per measure. ``page_features`` costs about 10 ms CPU a page (600 tune pages of both
corpora, a loaded machine), of which the walk (then lxml's ``iterwalk``) about 4 and the word
count about 1; the count's table of word characters is built once a process
(``warm_up``). The walk looks each tag up once (``KINDS``) and judges the elements'
classes and ids after it, each distinct pair once (``marks_of``); ``priced_blocks``
searches each block's text in place in the page's (``shown_at``), without joining it
again: ``page_features`` about 3.5% cheaper, the same features (issue 19: 794 pages of
both corpora, extract_page side by side with the code before). The walk also reads the
elements' ``itemtype`` (no query of them) and gives the short links' texts (no second
``itertext``); ``says_cart`` searches only around its words, ``menu_item`` resolves each
distinct ``href`` once (issue 19, stop 39). The walk recurses over the children instead of
reading ``iterwalk``'s events: ``page_features`` 0.885 of the CPU, the same features (issue
19, 400 tune pages side by side in one process).
``pipelines.extract.classify`` weighs the features. Plain functions
over an lxml tree; no Scrapy. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import Any
from urllib.parse import urldefrag, urljoin

from lxml import etree

from pipelines.extract.content import FEED_TYPES
from pipelines.extract.htmlmeta import ARTICLE_TYPES

WORD = re.compile(r"\w+", re.UNICODE)
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# a word: one CJK character, or a run of other word characters (the same count as
# counting CJK characters, then the words of the text with them blanked out)
TOKEN = re.compile(f"[{CJK_RANGES}]|[^\\W{CJK_RANGES}]+")
HIDDEN_TAGS = {"script", "style", "noscript", "template"}  # text not shown on the page
CART = re.compile(
    r"add to (cart|basket|bag)|in den warenkorb|ajouter au panier|añadir al carrito"
    r"|tambah(kan)? ke keranjang|buy now|jetzt kaufen|カートに入れる|加入购物车",
    re.IGNORECASE,
)
# words one of CART's phrases holds, lower-cased; and the letters re.IGNORECASE matches to
# "i" and "s" that str.lower() does not turn into them (then CART itself is run)
CART_WORDS = (
    *("add to ", "warenkorb", "panier", "carrito", "keranjang", "buy now", "kaufen"),
    *("カートに入れる", "加入购物车"),
)
CASE_FOLDS = ("ı", "İ", "ſ")
CART_REACH = 30  # characters, more than any of CART's phrases holds
# (the lookahead only names the characters a price can start with: the regex engine then
# skips the others quickly, with the same matches)
PRICE = re.compile(
    r"(?=[\d$€£¥₹uegr])"
    r"(?:(?:[$€£¥₹]|\b(?:usd|eur|gbp|rp)\.?)\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|eur\b))",
    re.I,
)
# what every match of PRICE holds, lower-cased: a currency's sign or code, then a digit
# at most PRICE_DIGIT characters after it (its first branch), or "€" or "eur" after a
# number (its second: a digit, then digits, dots or commas, then a space or not; "eur"
# as a word's end)
PRICE_MARKS = ("$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "rp")
PRICE_SUFFIXES = ("€", "eur")
PRICE_DIGIT = 3
DIGIT = re.compile(r"\d")
LONG_PARAGRAPH = 40  # words of a long paragraph
PRICED_GRID = 5  # repeated blocks with a price each that make a grid of products
POST_CLASS = re.compile(
    r"(?:^|[\s_-])(?:post|message|reply|answer|thread|topic|comment)(?:[\s_-]|body|content|$)",
    re.IGNORECASE,
)
AUTHOR_CLASS = re.compile(
    r"(?:^|[\s_-])(?:author|username|user-name|poster|postauthor|userinfo|user-info|member"
    r"|avatar)(?:[\s_-]|$)",
    re.IGNORECASE,
)
PAGER_CLASS = re.compile(r"paginat|pager|page-numbers|pagenav|page-nav", re.IGNORECASE)
# a word of each name POST_CLASS, AUTHOR_CLASS and PAGER_CLASS match, lower-cased ("user"
# of "username", "userinfo"...; "pag" of every pager's): an ASCII text without one of them,
# lower-cased, matches none of the three (re.IGNORECASE matches ASCII letters only to
# their ASCII cases there)
MARK_WORDS = re.compile(
    "post|message|reply|answer|thread|topic|comment|author|user|member|avatar|pag"
)
NO_MARKS = (False, False, False)
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
READ_MORE = re.compile(
    r"^\s*(?:read more|more|continue reading|read full story|view more|weiterlesen|mehr"
    r"|mehr lesen|lire la suite|selengkapnya|baca selengkapnya|leer más|leia mais|lees meer)"
    r"\W*$",
    re.IGNORECASE,
)
SHORT_ANCHOR = 3  # the most words of a "read more" link or a page number
# A block of prose that is no <p>: a <div> or cell whose children are all inline (text
# broken by <br>, emphasis, links), as many sites write an article's body
TEXT_BLOCK_TAGS = {"div", "td", "section"}
SUBHEADINGS = {"h2", "h3", "h4"}
# the blocks the walk notes, for headings.restore_headings: p, headings, lists, quotations
BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}
INLINE_TAGS = {
    *("a", "b", "strong", "i", "em", "u", "span", "br", "sup", "sub", "small", "abbr"),
    *("code", "mark", "font", "cite", "q", "time", "img", "wbr"),
}
NOT_BLOCKS = ("p", "br", "option", "tr")  # children never counted as repeated blocks
PAGER_TAGS = ("ul", "ol", "nav", "div")
MENU_ANCESTORS = ("nav", "header")
# a <link> or <a> with rel="next", found from the attributes (the elements with a rel
# only): the answer of "//link[@rel='next'] | //a[@rel='next']" for a third of its cost
REL_NEXT = etree.XPath("boolean(//@rel[. = 'next']/parent::*[self::link or self::a])")
LINK_LIMIT = 3000  # links a page may hand back to the crawl
SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#")
# An absolute http(s) URL of plain characters only (no fragment, no ";" parameters, no
# empty query, no user, no brackets, no space): joining it to any base, then cutting its
# fragment, gives it back unchanged (``urljoin`` re-assembles the same parts), so
# ``page_links`` keeps it without parsing it
PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$&'()*+,=:@/-]*)?"
    r"(?:\?[A-Za-z0-9._~%!$&'()*+,=:@/?-]+)?"
)
# What forum software writes on its thread and board pages only (not on the comment
# widgets news sites embed): element ids, the body's classes, its own elements, and
# XenForo 2's page template. Each is a page template's name, never a word a site picks
# for its own classes ("forum", "post", "message" are left to the weighed signals).
FORUM_IDS = {
    "messageList": "XenForo",  # XenForo 1: the thread's list of messages
    "punviewtopic": "FluxBB",  # FluxBB and PunBB: a topic's page
    "forumposts": "Simple Machines Forum",  # SMF: a topic's posts
    "flarum-loading": "Flarum",
    "flarum-content": "Flarum",
}
FORUM_BODY_CLASSES = {
    "section-viewtopic": "phpBB",  # phpBB 3: a topic's page
    "single-topic": "bbPress",  # bbPress (WordPress): a topic, a forum
    "topic-template-default": "bbPress",
    "single-forum": "bbPress",
    "forum-template-default": "bbPress",
}
FORUM_TAGS = {"shreddit-post": "Reddit", "shreddit-comment": "Reddit"}
FORUM_TEMPLATES = {"thread_view": "XenForo", "forum_view": "XenForo"}  # <html data-template>
COMMENT, PROCESSING_INSTRUCTION = etree.Comment, etree.ProcessingInstruction  # non-element tags

# the walk's kinds of element, one look-up a tag (``KINDS``): the blocks first (up to
# ``BLOCK``), then the elements counted or noted; a tag of none of them is of no kind (0)
PARAGRAPH, SUBHEADING, BLOCK, LINK, HIDDEN, HEADING, TIME, ARTICLE, TEXT_BLOCK, FORUM = range(1, 11)
KINDS = {
    "p": PARAGRAPH,
    **dict.fromkeys(SUBHEADINGS, SUBHEADING),
    **dict.fromkeys(BLOCKS - {"p"} - SUBHEADINGS, BLOCK),
    "a": LINK,
    **dict.fromkeys(HIDDEN_TAGS, HIDDEN),
    "h1": HEADING,
    "time": TIME,
    "article": ARTICLE,
    **dict.fromkeys(TEXT_BLOCK_TAGS, TEXT_BLOCK),
    **dict.fromkeys(FORUM_TAGS, FORUM),
}


def prose(children: list[tuple[str, str, int, int, bool]]) -> bool:
    """An element whose element children are all inline (text, emphasis, links,
    ``<br>``): a block of prose when it is a ``<div>`` or a cell."""
    return all(map(INLINE_TAGS.__contains__, map(itemgetter(0), children)))


def words_in(text: str) -> int:
    """Words in ``text``; each CJK character counts as one."""
    if text.isascii():
        return len(WORD.findall(text))
    return len(TOKEN.findall(text))


@dataclass
class Features:
    """What a page shows of itself, measured once on its parsed tree."""

    page_words: int = 0  # all visible text of the body
    link_words: int = 0  # of which inside links
    links: int = 0
    teaser_links: int = 0  # links whose anchor is headline-like (5+ words)
    long_paragraphs: int = 0  # <p> of 40+ words outside links, or prose blocks of 40+
    paragraph_words: int = 0  # words in those paragraphs
    headings: int = 0  # <h1>
    article_elements: int = 0  # <article>
    prices: int = 0
    cart: bool = False
    linked_headings: int = 0  # <h2>-<h4> that are links or hold one: teasers
    subheadings: int = 0  # <h2>-<h4>
    times: int = 0  # <time> elements: a forum thread dates every post
    post_blocks: int = 0  # elements classed as posts, replies, answers, messages
    repeated_blocks: int = 0  # most sibling blocks of one kind that each hold a link
    repeated_words: int = 0  # words in the largest such group: teasers, tiles or posts
    priced_blocks: int = 0  # most sibling blocks of one kind that each hold a link and a price
    block_words: int = 0  # words of <p> in the one element that holds the most of them
    block_headed: bool = False  # the page's <h1> sits by that block (same container)
    pagination: bool = False  # rel=next, a pager, or a row of numbered page links
    author_blocks: int = 0  # elements classed as a post's author or user
    read_more: int = 0  # links saying "read more", "weiterlesen"...
    microdata_types: list[str] = field(default_factory=list)  # itemtype names, lower-cased
    microdata_articles: int = 0  # elements whose itemtype is of the article family
    json_ld_types: list[str] = field(default_factory=list)
    og_type: str = ""
    published: bool = False  # a publication time in JSON-LD or <meta>
    byline: bool = False  # authors named by the page
    menu_item: bool = False  # its own navigation links to it: a home, section or about page
    dated: bool = False  # a <time> element of the article (outside furniture)
    forum_software: str = ""  # the forum software whose thread or board page this is
    title: str = ""
    heading: str = ""

    @property
    def link_density(self) -> float:
        return self.link_words / self.page_words if self.page_words else 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text(element: Any) -> str:
    return " ".join(element.itertext()) if element is not None else ""


class _Counter:
    """Words of many texts in one pass: each text's code points looked up in a table of
    word characters built once a process (``words_in``'s count, without a regex run and
    a list of words per text)."""

    # each code point's kind: 1 a word character that is no CJK character, 2 a CJK
    # character (a word of its own), 0 neither; one look-up a character
    kinds: Any = None

    @classmethod
    def prefix(cls, texts: list[str], shown: list[bool]) -> tuple[list[int], int]:
        """The words of ``texts[:i]`` for every ``i`` (``len(texts) + 1`` numbers), and
        the words of the texts ``shown`` marks."""
        import numpy as np

        if cls.kinds is None:
            word = np.fromiter(map(str.isalnum, map(chr, range(0x110000))), bool, 0x110000)
            word[ord("_")] = True
            cjk = np.zeros(0x110000, dtype=bool)
            for low, high in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)):
                cjk[low : high + 1] = True
            cjk[0xAC00 : 0xD7AF + 1] = True
            cls.kinds = (word & ~cjk).astype(np.uint8) + 2 * cjk.astype(np.uint8)
        if not texts:
            return [0], 0
        # a NUL after each text (a non-word character: no word runs across two texts),
        # where each text ends; a NUL inside a text (none in an lxml tree's) is caught by
        # the count, and the ends are then summed from the lengths
        joined = "\0".join(texts) + "\0"
        points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        kinds = np.take(cls.kinds, points)
        word = kinds == 1
        # a word starts at a word character after another character, and at each CJK one
        runs = np.flatnonzero(word[1:] > word[:-1]) + 1
        if word[0]:
            runs = np.concatenate(([0], runs))
        cjk = np.flatnonzero(kinds == 2)
        ends = np.flatnonzero(points == 0)
        if len(ends) != len(texts):
            ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)) + 1) - 1
        total = np.searchsorted(runs, ends, "right") + np.searchsorted(cjk, ends, "right")
        counts = np.diff(total, prepend=0)
        return [0, *total.tolist()], int(counts[np.array(shown, dtype=bool)].sum())


def warm_up() -> None:
    """Build ``_Counter``'s table of word and CJK characters (about 0.1 CPU s, once a process)."""
    _Counter.prefix([], [])


class _Walk:
    """One walk over the body: every count ``page_features`` needs from the tree.

    The walk collects the text nodes in document order (an element's text is the run
    of nodes from its own text to its last child's tail) and notes each element of
    interest with its run; the words of every node are then counted in one pass, and an
    element's words are the difference of two running totals. The walk recurses (about
    0.8 of the CPU of ``etree.iterwalk``'s events, issue 19): it meets the nodes as
    ``iterwalk(root, events=("start", "end", "comment"))`` does, a comment bringing only
    its tail, a processing instruction nothing (``iterwalk`` gives it no event). lxml's
    HTML parser nests elements at most 256 deep, far from Python's recursion limit."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.texts: list[str] = []  # every text node, in document order
        self.hidden: list[int] = []  # the text nodes not shown (script, style...)
        self.anchors: list[tuple[Any, int, int]] = []  # <a>, its run
        # the elements of BLOCKS: [it, parent, start, end, linked, its children], in order
        self.blocks: list[list[Any]] = []
        self.paragraphs: list[list[Any]] = []  # the blocks that are <p>
        # prose in a <div> or cell of inline children: (it, parent, start, end, its links)
        self.text_blocks: list[tuple[Any, Any, int, int, list[tuple[int, int]]]] = []
        self.h1: list[Any] = []
        self.itemtypes: list[str] = []  # the elements' itemtype values, in document order
        self.subheadings = self.linked_headings = 0
        self.times = self.article_elements = 0
        self.post_blocks = self.author_blocks = 0
        self.pager_class = False
        self.forum = ""  # the forum software of the first element only its templates write
        self.sibling_groups: list[list[tuple[str, str, int, int]]] = []  # linked children
        self._run(root)
        self.shown = [True] * len(self.texts)  # whether each text node is visible
        for index in self.hidden:
            self.shown[index] = False
        self.total, self.page_words = _Counter.prefix(self.texts, self.shown)

    def words(self, start: int, end: int) -> int:
        return self.total[end] - self.total[start]

    def covers(self, tree: Any, *tags: str) -> bool:
        """Whether the walk met every element of ``tags`` in ``tree``'s document: it
        walked the whole of it, or its body and none of them sits outside (in ``<head>``)."""
        root = tree.getroottree().getroot()
        if self.root is root:
            return True
        if self.root.getparent() is not root:
            return False
        others = (child for child in root if child is not self.root)
        return not any(True for child in others for _ in child.iter(*tags))

    def _run(self, root: Any) -> None:
        texts, hide = self.texts, self.hidden
        paragraphs, blocks, h1, anchor_runs = self.paragraphs, self.blocks, self.h1, self.anchors
        text_blocks, sibling_groups = self.text_blocks, self.sibling_groups
        add_text = texts.append
        hidden = 0  # open elements whose text is not shown
        anchors = 0  # <a> elements entered so far
        in_link = 0  # open <a> elements
        # the counts, kept in the closure (faster than the attributes) and stored at the end
        times = article_elements = 0
        subheadings = linked_headings = 0
        forum = ""
        marked: list[tuple[str, str]] = []  # (class, id) of each element with either
        itemtypes = self.itemtypes
        kinds = KINDS

        def visit(element: Any, tag: Any, parent: Any, siblings: list[Any] | None) -> None:
            """Enter ``element`` (of ``tag``, a child of ``parent``), walk its children,
            and leave it: note it in ``siblings``, its parent's children, then its tail."""
            nonlocal hidden, anchors, in_link, times, article_elements
            nonlocal subheadings, linked_headings, forum
            before = anchors
            slot = None
            kind = kinds.get(tag, 0)
            if kind:  # one look-up for the elements of no interest (most of them)
                if kind == LINK:
                    anchors += 1
                    in_link += 1
                elif kind <= BLOCK:
                    slot = [element, parent, 0, 0, False, None]
                    blocks.append(slot)
                    if kind == PARAGRAPH:
                        paragraphs.append(slot)
                elif kind == HIDDEN:
                    hidden += 1
                elif kind == HEADING:
                    h1.append(element)
                elif kind == TIME:
                    times += 1
                elif kind == ARTICLE:
                    article_elements += 1
            classes = None
            names = element.keys()  # one call; none of the look-ups on an element without any
            if names:
                classes = element.get("class") if "class" in names else None
                ident = element.get("id") if "id" in names else None
                if classes or ident:
                    marked.append((classes or "", ident or ""))
                    if ident in FORUM_IDS and not forum:
                        forum = FORUM_IDS[ident]
                if "itemtype" in names:
                    itemtypes.append(element.get("itemtype"))
            if kind == FORUM and not forum:
                forum = FORUM_TAGS[tag]
            start = len(texts)
            text = element.text
            if text:
                if hidden:
                    hide.append(start)
                add_text(text)
            children: list[Any] = []  # its element children: (tag, class, start, end, linked)
            for child in element:
                child_tag = child.tag
                if child_tag is COMMENT:  # only its tail
                    tail = child.tail
                    if tail:
                        if hidden:
                            hide.append(len(texts))
                        add_text(tail)
                elif child_tag is not PROCESSING_INSTRUCTION:  # skipped, its tail too
                    visit(child, child_tag, element, children)
            end = len(texts)
            if kind:
                if kind == LINK:
                    in_link -= 1
                    anchor_runs.append((element, start, end))
                elif slot is not None:
                    slot[2], slot[3], slot[4], slot[5] = start, end, in_link > 0, children
                    if kind == SUBHEADING:
                        subheadings += 1
                        linked_headings += anchors > before or in_link > 0
                elif kind == HIDDEN:
                    hidden -= 1
                elif kind == TEXT_BLOCK and end > start and not in_link and prose(children):
                    linked = [(c[2], c[3]) for c in children if c[0] == "a"]
                    text_blocks.append((element, parent, start, end, linked))
            if len(children) >= 3:
                sibling_groups.append(children)
            if siblings is None:  # the walk's root: its tail is not walked
                return
            siblings.append((tag, classes or "", start, end, anchors > before))
            tail = element.tail
            if tail:
                if hidden:
                    hide.append(end)
                add_text(tail)

        visit(root, root.tag, None, None)
        visit = None  # type: ignore[assignment]  # emptied: no cycle through its own cell
        self.times, self.article_elements = times, article_elements
        self.post_blocks, self.author_blocks, self.pager_class = marks_of(marked)
        self.subheadings, self.linked_headings = subheadings, linked_headings
        self.forum = forum

    def links(self) -> tuple[int, int, int, int, list[Any]]:
        """(links, words in them, headline-like links, "read more" links, page numbers).
        A short link's text is its run of text nodes joined (``link.itertext()``'s)."""
        links = link_words = teasers = read_more = 0
        numbered = []
        texts = self.texts
        for link, start, end in self.anchors:
            words = self.words(start, end)
            links += 1
            link_words += words
            teasers += words >= 5
            if 0 < words <= SHORT_ANCHOR:
                text = " ".join(texts[start:end])
                read_more += bool(READ_MORE.match(text))
                if PAGE_NUMBER.match(text):
                    numbered.append(link)
        return links, link_words, teasers, read_more, numbered

    def repeated_blocks(self) -> tuple[int, int]:
        """The largest group of siblings with the same tag and class that each hold a link
        and a few words (menus do not count): the teasers of a listing, the tiles of a
        shop, the posts of a forum. (Blocks in the largest group, words in the group of
        three or more with the most words.)"""
        best, most_words = 0, 0
        for children in self.sibling_groups:
            groups: dict[tuple[str, str], list[int]] = {}
            for tag, classes, start, end, linked in children:
                if not linked or tag in NOT_BLOCKS:
                    continue
                words = self.words(start, end)
                if words >= 6:
                    group = groups.setdefault((tag, classes), [0, 0])
                    group[0] += 1
                    group[1] += words
            wide = len(children) >= 4
            for count, words in groups.values():
                if wide:
                    best = max(best, count)
                if count >= 3:
                    most_words = max(most_words, words)
        return best, most_words

    def priced_blocks(self) -> int:
        """The largest group of siblings with the same tag and class that each hold a link
        and a price: the tiles of a shop's grid or the cards of a collection of products.
        A block's shown text is a piece of the page's (its shown text nodes joined by
        spaces, ``shown_at``), searched in place: the same answer as searching the piece
        (the space before it is no word character, as a text's start is none), without
        joining its text nodes again for every block that holds it."""
        best = 0
        text, at = self.shown_at()
        search = PRICE.search
        for children in self.sibling_groups:
            groups: dict[tuple[str, str], int] = {}
            for tag, classes, start, end, linked in children:
                if not linked or tag in NOT_BLOCKS or at[start] == at[end]:
                    continue
                if search(text, at[start], at[end] - 1):
                    groups[(tag, classes)] = groups.get((tag, classes), 0) + 1
            best = max(best, *groups.values()) if groups else best
        return best

    def shown_at(self) -> tuple[str, list[int]]:
        """(text, at): the shown text nodes joined by spaces, and where each text node's
        text starts in it (a hidden node's: where the next shown one does; one number
        more, the text's length and a space): the shown text of nodes ``i`` to ``j`` is
        ``text[at[i]:at[j] - 1]`` when they hold one (``at[i] < at[j]``)."""
        sizes = [
            len(node) + 1 if seen else 0 for node, seen in zip(self.texts, self.shown, strict=True)
        ]
        return " ".join(compress(self.texts, self.shown)), list(accumulate(sizes, initial=0))


def page_features(
    tree: Any, meta: dict[str, Any] | None = None, url: str = "", walks: list[Any] | None = None
) -> Features:
    """Measure the page (before trafilatura, which changes its copy of the tree). Given
    ``walks``, a list, the walk is added to it (its ``texts`` and ``blocks``: the body's
    headings, paragraphs, lists and quotations), for ``headings.restore_headings`` to
    read instead of walking the tree again."""
    meta = meta or {}
    found = Features()
    found.menu_item = bool(url) and menu_item(tree, url)
    body = tree.find(".//body")
    root = body if body is not None else tree
    walk = _Walk(root)
    if walks is not None:
        walks.append(walk)
    text = " ".join(compress(walk.texts, walk.shown))
    found.page_words = walk.page_words
    found.links, found.link_words, found.teaser_links, found.read_more, numbered = walk.links()
    found.subheadings, found.linked_headings = walk.subheadings, walk.linked_headings
    found.times = walk.times
    found.repeated_blocks, found.repeated_words = walk.repeated_blocks()
    found.post_blocks, found.author_blocks = walk.post_blocks, walk.author_blocks
    found.pagination = walk.pager_class or paginated(tree, root, numbered)
    itemtypes = [t.rstrip("/").rsplit("/", 1)[-1].lower() for t in walk.itemtypes]
    found.microdata_types = sorted(set(itemtypes))
    found.microdata_articles = sum(t in ARTICLE_TYPES for t in itemtypes)
    paragraphs = [
        (start, p, parent, walk.words(start, end), linked)
        for p, parent, start, end, linked, _ in walk.paragraphs
    ]
    for block, parent, start, end, linked in walk.text_blocks:  # words outside its links
        words = walk.words(start, end) - sum(walk.words(a, b) for a, b in linked)
        if words >= LONG_PARAGRAPH:
            paragraphs.append((start, block, parent, words, False))
    paragraphs = [paragraph[1:] for paragraph in sorted(paragraphs, key=lambda p: p[0])]
    found.block_words, found.block_headed = main_block(paragraphs, walk.h1)
    for _, _, words, linked in paragraphs:
        if words >= LONG_PARAGRAPH and not linked:
            found.long_paragraphs += 1
            found.paragraph_words += words
    headings = [h for h in walk.h1 if h is not root]
    found.headings = len(headings)
    if headings:
        found.heading = " ".join(_text(headings[0]).split())[:300]
    found.article_elements = walk.article_elements - (root.tag == "article")
    found.times -= root.tag == "time"
    found.prices = min(prices_in(text), 1000)
    if found.prices >= PRICED_GRID:  # only a page with prices can have a grid of them
        found.priced_blocks = walk.priced_blocks()
    found.cart = says_cart(text)
    found.json_ld_types = sorted(meta.get("json_ld_types") or [])
    found.og_type = (meta.get("og_type") or "").lower()
    stated = [source for source, value in meta.get("published", []) if value]
    found.published = any(source != "time" for source in stated)
    found.dated = "time" in stated
    found.byline = bool(meta.get("authors"))
    found.title = " ".join((tree.findtext(".//title") or "").split())[:300]
    found.forum_software = forum_software(tree, root, walk.forum)
    return found


def forum_software(tree: Any, body: Any, element_mark: str) -> str:
    """The forum software whose thread or board page this is, by the marks only its page
    templates write (``FORUM_TEMPLATES`` on ``<html>``, ``FORUM_BODY_CLASSES``, then
    ``element_mark``: the walk's first element with an id of ``FORUM_IDS`` or a tag of
    ``FORUM_TAGS``), or "". Comment widgets embedded in articles write none of them."""
    template = FORUM_TEMPLATES.get(tree.get("data-template") or "")  # on <html>
    if template:
        return template
    for name in (body.get("class") or "").split():
        if name in FORUM_BODY_CLASSES:
            return FORUM_BODY_CLASSES[name]
    return element_mark


def says_cart(text: str) -> bool:
    """``CART.search(text)``, run only around the places the lower-cased text holds one
    of its words (``CART_WORDS``; a piece of ``CART_REACH`` characters either side), not
    over the whole page's text. Every match of ``CART`` holds one of them, lower-cased in
    its place: ``str.lower()`` keeps each character one character (``İ``, the one it
    lengthens, is of ``CASE_FOLDS``), and matches each letter of ``CART`` as the regex
    does, but for ``CASE_FOLDS``: then the whole text is searched."""
    if any(letter in text for letter in CASE_FOLDS):
        return bool(CART.search(text))
    lower = text.lower()
    search = CART.search
    for word in CART_WORDS:
        at = lower.find(word)
        while at >= 0:
            if search(text, max(0, at - CART_REACH), at + len(word) + CART_REACH):
                return True
            at = lower.find(word, at + 1)
    return False


def prices_in(text: str) -> int:
    """``len(PRICE.findall(text))``, 0 without a search of the whole text when no place of
    the lower-cased text holds one of ``PRICE_MARKS`` with a digit after it or (a suffix)
    a number before it (most pages: the regex tries every character). ``str.lower()``
    keeps each character one character and matches each letter of the codes as the regex
    does (``re.IGNORECASE``), but for ``CASE_FOLDS``: then the whole text is searched."""
    if any(letter in text for letter in CASE_FOLDS):
        return len(PRICE.findall(text))
    lower = text.lower()
    for mark in PRICE_MARKS:
        at = lower.find(mark)
        while at >= 0:
            after = at + len(mark)
            if DIGIT.search(text, after, after + PRICE_DIGIT) or (
                mark in PRICE_SUFFIXES
                and (mark == "€" or word_end(text, after))
                and number_before(text, at)
            ):
                return len(PRICE.findall(text))
            at = lower.find(mark, at + 1)
    return 0


def word_end(text: str, at: int) -> bool:
    """Whether a word ends at ``at`` in ``text`` (``\\b`` after a word character): the text
    ends there or no word character follows."""
    return at == len(text) or not (text[at].isalnum() or text[at] == "_")


def number_before(text: str, at: int) -> bool:
    """Whether a number (a digit, then digits, dots or commas) ends at ``at`` in ``text``,
    or a space after it does."""
    end = at - 1
    if end >= 0 and text[end].isspace():
        end -= 1
    while end >= 0 and text[end] in ".,":
        end -= 1
    return end >= 0 and DIGIT.match(text, end) is not None


@lru_cache(maxsize=8192)
def class_marks(classes: str, ids: str) -> tuple[bool, bool, bool]:
    """(post block, author block, pager) by an element's class and id. An ASCII class
    and id without one of ``MARK_WORDS`` match none of the three (most of a page's, each
    new to the cache): one search of them, not three."""
    marks = f"{classes} {ids}"
    if marks.isascii() and not MARK_WORDS.search(marks.lower()):
        return NO_MARKS
    return (
        bool(POST_CLASS.search(marks)),
        bool(AUTHOR_CLASS.search(classes)),
        bool(PAGER_CLASS.search(marks)),
    )


def marks_of(pairs: list[tuple[str, str]]) -> tuple[int, int, bool]:
    """(post blocks, author blocks, pager): ``class_marks`` of the elements' (class, id)
    ``pairs``, summed; each distinct pair is judged once."""
    post = author = 0
    pager = False
    for (classes, ident), count in Counter(pairs).items():
        is_post, is_author, is_pager = class_marks(classes, ident)
        post += is_post * count
        author += is_author * count
        pager = pager or is_pager
    return post, author, pager


def menu_item(tree: Any, url: str) -> bool:
    """Does the page's own menu (``<nav>``, ``<header>``, not a breadcrumb) link to it?

    Home pages, sections and about pages are menu items of their site; articles are not.
    A link is resolved only when its last path segment could end the page's own URL;
    each distinct ``href`` once (menus repeat their links: a ``<nav>`` in a ``<header>``
    is walked twice, a mobile menu copies the desktop one).
    """
    here = _plain(url)
    resolved: dict[str, bool] = {}  # each href: does it resolve to the page
    for menu in tree.iter(*MENU_ANCESTORS):
        if "breadcrumb" in f"{menu.get('class') or ''} {menu.get('aria-label') or ''}".lower():
            continue
        for link in menu.iter("a"):
            href = (link.get("href") or "").strip()
            if not href or href.startswith("#"):
                continue
            hit = resolved.get(href)
            if hit is None:
                hit = resolved[href] = _resolves_to(url, href, here)
            if hit and words_in(_text(link)) <= 4:
                return True
    return False


def _resolves_to(url: str, href: str, here: str) -> bool:
    """Whether ``href``, resolved against ``url`` and cut of its fragment, is the loose
    URL ``here`` (``_plain``); not resolved when ``_may_resolve_to`` says it cannot be."""
    if not _may_resolve_to(href, here):
        return False
    try:
        target = urldefrag(urljoin(url, href))[0]
    except ValueError:
        return False
    return _plain(target) == here


def _may_resolve_to(href: str, here: str) -> bool:
    """False when ``href`` cannot resolve to the loose URL ``here``: resolving keeps the
    last word of a link's ``href`` (before its fragment), unless it has dot segments or is
    a scheme alone."""
    core = href.split("#", 1)[0].lower()
    if "/." in f"/{core}" or (":" in core and not core.split(":", 1)[1].strip("/?;")):
        return True  # dot segments, or a scheme alone ("https://" resolves to the page)
    words = WORD.findall(core[-100:])  # a piece of the last word is in here if it is
    return not words or words[-1] in here


def _plain(url: str) -> str:
    """A URL compared loosely: no scheme, no ``www.``, no trailing slash."""
    rest = url.split("://", 1)[-1].removeprefix("www.")
    return rest.rstrip("/").lower()


def main_block(paragraphs: list[tuple[Any, Any, int, bool]], h1: list[Any]) -> tuple[int, bool]:
    """(words, headed): the words of ``<p>`` children in the element that holds the most
    of them (an article's body), and whether the page's ``<h1>`` sits by it: inside
    it, or in the same container at most three levels up (not the page's body)."""
    sums: dict[Any, int] = {}
    for _, parent, words, _ in paragraphs:
        if parent is not None:
            sums[parent] = sums.get(parent, 0) + words
    best, block = 0, None
    for parent, words in sums.items():  # the first to hold the most
        if words > best:
            best, block = words, parent
    if block is None:
        return 0, False
    chain = [block, *block.iterancestors()]
    for heading in h1:
        around = {heading, *heading.iterancestors()}
        up = next((n for n, element in enumerate(chain) if element in around), None)
        if up is not None and up <= 3 and chain[up].tag not in ("body", "html"):
            return best, True
    return best, False


def paginated(tree: Any, root: Any, numbered: list[Any]) -> bool:
    """A ``rel=next`` link, or a list of numbered page links (1 2 3...)."""
    if REL_NEXT(tree):
        return True
    numbers: dict[Any, int] = {}  # numbered links under each ul, ol, nav or div
    for link in numbered if len(numbered) >= 3 else []:
        for parent in link.iterancestors():
            if parent.tag in PAGER_TAGS:
                numbers[parent] = numbers.get(parent, 0) + 1
            if parent is root:
                break
    return any(3 <= count <= 40 and len(parent) <= 60 for parent, count in numbers.items())


def page_links(tree: Any, url: str) -> tuple[list[str], list[str]]:
    """(links, feeds): the page's ``<a href>`` targets, absolute and without fragments,
    in page order and without repeats, and the feeds it announces
    (``<link rel="alternate">`` of a feed type). A target already absolute and plain
    (``PLAIN_URL``, half of the tune pages' links) is kept as written, not joined."""
    base = url
    for element in tree.iter("base"):
        if element.get("href"):
            base = urljoin(url, element.get("href").strip())
            break
    links: dict[str, None] = {}
    hrefs: set[str] = set()  # a page links to the same place many times: joined once
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href in hrefs or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        hrefs.add(href)
        if PLAIN_URL.fullmatch(href):
            links[href] = None  # as joined: the same string
        else:
            try:
                links[urldefrag(urljoin(base, href))[0]] = None
            except ValueError:  # a malformed URL (bad IPv6 literal...)
                continue
        if len(links) >= LINK_LIMIT:
            break
    feeds = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
            feeds.append(urljoin(base, link.get("href").strip()))
    return list(links), feeds
