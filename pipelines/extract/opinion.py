"""A second opinion on the main text: readability's extraction, kept when a judge agrees.

trafilatura's text (the first pass) is compared with a second extractor's, the
readability algorithm that trafilatura ships (``trafilatura.readability_lxml``):
the summary trafilatura's own fallback run made of the page (its copy pruned of comments
and appended articles, ``pipelines.extract.readability``), else readability run on a
copy of the page's already parsed tree. Neither is the truth, so a third
extractor judges: resiliparse's main-content extraction (its own fast HTML parser,
a few milliseconds a page). The second text replaces the first only when it agrees
with the judge clearly better (word F1 higher by ``MARGIN``) and holds at least
``MIN_SHARE`` of the first text's words (a shorter one is a fragment the judge
happened to agree with: a teaser box, a caption); otherwise the first pass
stands. Agreement is WCXB's word F1 (multisets of lower-cased ``\\w+`` tokens).
The judge runs first: when the first pass already agrees with it at ``1 - MARGIN``
or more, no second text could win and readability's text is not read (about two pages
in three on WCXB; readability runs only when trafilatura's run kept no summary), which
bounds the cost. When readability does not win and the judge's
text is clearly longer than the first pass (``FULLER``), trafilatura runs again in
recall mode and its text wins when it is the first pass and more (``fuller_text``):
precision mode had dropped a list, a table or a section of the article; when it does not,
trafilatura's text of the page with the wrappers it discarded for a word in their class
unmasked (``pipelines.extract.unmasked``) is judged the same way. Recall mode
runs only when the judge's paragraphs that the first pass lacks, up to the first pass's
last paragraph, come to ``GAIN - 1`` of its words (``words_before_first_end``): what
the judge adds after that end would be cut from the recall text anyway. That skips
about two recall runs in five (107 of 786 WCXB article pages run it, 241 of 875 on the
trafilatura set; no recall win lost), the costliest part of the second opinion. A
judge's text under ``MIN_SHARE`` of the first pass's words is a fragment, and
readability's text says whether the first pass is short (``fullness_judge``). Either text is cut
after its last paragraph that the first pass holds too (``up_to_first_end``): what an
extractor adds past the end of the article is the page's tail (a comment thread, an
author box, "more from" lists, the footer), not a part precision mode dropped; what it
adds inside or before stays.
A readability text shorter than the first pass that lacks ``GAP`` of its words between
the paragraphs both hold does not win (``gapped``: a list or a link-rich passage inside
the article that readability and the judge both skip). The text that stands is cut
where readability's text ends when a heading that opens a page's tail follows there
(``end_at_tail``, ``pipelines.extract.endings``: "About the author", "FAQ",
"References"...); readability runs for that only when the text has such a heading.
It is cut too where the judge's and readability's texts both end before it, when only
short lines follow (``end_where_both_end``: sign-up prompts, "explore more" cards, an
address block; WCXB dev tune word F1 +0.0003 on its own, 8 pages up, none down, and 5
unwanted segments fewer on the trafilatura set's tune part, none found lost). A line is
held by the other text when its words come in a row there (``last_held``: a table row or
a paragraph the other extractor joined with the next is held too).
It is cut where readability's text ends when that text is a trimmed copy of it and only
short lines follow, with no question answered among them (``end_where_trimmed``: a
promotion, an address block; WCXB dev tune word F1 +0.0003, 11 pages up and 2 down, 4
unwanted segments fewer on the trafilatura set's tune part; readability's text is read on 106
of 150 WCXB tune pages instead of 71, 0.2 ms of CPU a page more: mostly trafilatura's summary).
Readability's and the judge's texts lose soft hyphens and zero-width spaces (``unseen``),
as trafilatura's do, so that their paragraphs match the first pass's.
Cost: a page's texts are tokenised once, for their lines' keys, their counts and their
words (``keys``, ``lowered``, ``tokens``, ``words`` and ``key_set`` are cached: the first
pass and the judge are compared several times; the counts are read from the keys),
``unseen`` uses ``str.replace``
(``str.translate`` took about a sixth of the second opinion), and teaser lines are dropped
only for a text with a tail heading. Together a quarter to a third cheaper than before,
the same texts (tune parts, side by side).
Measured with ``bench/extraction.py`` (ms per page included). Plain functions; no
Scrapy. Settings read: none.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache, partial
from itertools import pairwise
from typing import Any

from lxml import html as lxml_html

from pipelines.extract import readability
from pipelines.extract.endings import is_end_heading
from pipelines.extract.notices import drop_teasers, says_translated
from pipelines.extract.repeats import line_key, line_keys

MARGIN = 0.05  # tuned on the tune part of WCXB dev (0.05 and 0.1 swept)
MIN_SHARE = 0.2  # a second text under a fifth of the first's words never replaces it
FULLER = 1.1  # a judge's text this much longer than the first pass: trafilatura's recall mode runs
GAIN = 1.05  # the recall text wins when it is this much longer than the first pass...
CONTAINED = 0.8  # ...and holds this share of the first pass's words (it adds, it does not swap)
GAP = 0.1  # a shorter second text that lacks this share of the first's words inside loses
TAIL_WORDS = 60  # a longer line past both extractors' end is the article's (30, 60, 100 tried)
KEPT_SHARE = 0.5  # both ending in the first half of the paragraphs: no cut (0.3, 0.5, 0.7 tried)
INSIDE = 0.98  # readability's text this much inside the first pass: a trimmed copy of it...
TRIMMED = 0.7  # ...when it keeps this share of its words (0.5 and 0.7 tried)
LINE_WORDS = 25  # a longer line past readability's end alone is the article's (15 to 40 tried)
LIST_ITEM = re.compile(r"^\s*(?:[-•*▪·]|\d{1,3}[.)])\s")  # a list may be the article's
WORD = re.compile(r"\w+")
INVISIBLE = ("\u00ad", "\u200b", "\ufeff")  # soft hyphen, zero-width space, BOM
BLOCKS = {
    "p",
    "div",
    "br",
    "section",
    "article",
    "tr",
    "ul",
    "ol",
    "table",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "td",
    "th",
    "dd",
}


@lru_cache(maxsize=8)
def tokens(text: str) -> Counter[str]:
    """The multiset of the word tokens of ``text`` lower-cased (read only: it is cached,
    since a page's first pass and judge texts are compared several times): the tokens of
    the lower-cased text, read from its lines' keys (``lowered``)."""
    return Counter(lowered(text))


@lru_cache(maxsize=8)
def lowered(text: str) -> list[str]:
    """The word tokens of ``text.lower()``, in order (read only: cached), read from its
    lines' keys (``keys``: each line's tokens joined by a space; a token holds no space
    and no line break): the lines are tokenised once for both. They are ``text``'s tokens
    (``found``) lower-cased one by one but for a capital dotted I, which lowers to two
    characters, the second no word character (``words`` counts ``found`` then), and a
    capital sigma, which lowers by its context: no other character lowers to characters
    of another kind or to more than one (checked over all of Unicode)."""
    return " ".join(keys(text)).split()


@lru_cache(maxsize=16)
def keys(text: str) -> tuple[str, ...]:
    """``repeats.line_key`` of each of ``text``'s lines (read only: cached like ``tokens``,
    since the first pass's and the judge's lines are compared several times)."""
    return tuple(line_keys(text))


@lru_cache(maxsize=16)
def key_set(text: str) -> frozenset[str]:
    """The non-empty keys of ``text``'s lines (``keys``), cached."""
    return frozenset(keys(text)) - {""}


@lru_cache(maxsize=8)
def words(text: str) -> int:
    """How many word tokens ``text`` has (cached like ``tokens``): as many as its
    lower-cased text has (``lowered``) but with a capital dotted I (``found``)."""
    return len(found(text)) if "\u0130" in text else len(lowered(text))


def found(text: str) -> list[str]:
    """``text``'s word tokens, as written."""
    return WORD.findall(text)


def word_f1(first: str, second: str) -> float:
    """F1 of two texts over their multisets of lower-cased word tokens."""
    a, b = tokens(first), tokens(second)
    common = in_common(a, b)
    if not common:
        return 0.0
    precision, recall = common / len(lowered(first)), common / len(lowered(second))
    return 2 * precision * recall / (precision + recall)


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s word tokens (a multiset, lower-cased) that ``whole`` holds."""
    total = len(lowered(part))  # the count of its tokens
    return in_common(tokens(part), tokens(whole)) / total if total else 0.0


def in_common(a: Counter[str], b: Counter[str]) -> int:
    """How many tokens two multisets share: ``sum((a & b).values())``, counted over the
    words both hold only (a few times faster than building the intersection)."""
    both = a.keys() & b.keys()
    return sum(map(min, map(a.__getitem__, both), map(b.__getitem__, both)))


def fuller_text(first: str, judge: str, recall: Callable[[], str]) -> str | None:
    """trafilatura's recall-mode text when the first pass left part of the article out.

    The judge having clearly more words than the first pass (``FULLER``) is the sign; the
    recall text (``recall()``, run only then), cut where the first pass ends
    (``up_to_first_end``), wins when it is longer (``GAIN``) and holds most of the first
    pass (``CONTAINED``): the same article with the parts precision mode dropped (lists,
    tables, sections under their own wrapper), not the page's tail."""
    size = words(first)
    if words(judge) < FULLER * size:
        return None
    if words_before_first_end(judge, first) < (GAIN - 1) * size:
        return None  # what the judge adds is after the first pass's end: a tail, cut anyway
    text = up_to_first_end(recall().strip(), first)
    if words(text) >= GAIN * size and containment(first, text) >= CONTAINED:
        return text
    return None


def words_before_first_end(text: str, first: str) -> int:
    """Words of ``text``'s paragraphs that ``first`` lacks, up to its last paragraph that
    ``first`` holds too (all its words when it shares none): what a recall text, cut at the
    first pass's end (``up_to_first_end``), could add. Counted on the judge's text, it
    says before trafilatura runs again whether its recall text can win (``GAIN``)."""
    ends, found_keys = key_set(first), keys(text)
    last = max((i for i, key in enumerate(found_keys) if key in ends), default=len(found_keys) - 1)
    return sum(len(key.split()) for key in found_keys[: last + 1] if key not in ends)


def up_to_first_end(text: str, first: str) -> str:
    """``text`` up to its last paragraph that ``first`` holds too (all of it when it
    shares none): a second text's paragraphs after the first pass's end are the page's
    tail (comments, author box, related lists, footer)."""
    ends = key_set(first)
    last = max((i for i, key in enumerate(keys(text)) if key in ends), default=None)
    return text if last is None else "\n".join(text.split("\n")[: last + 1])


def block_text(root: Any) -> str:
    """The text of an HTML tree, one line per block element (changes the tree)."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in unseen(root.text_content()).split("\n"))
    return "\n".join(line for line in lines if line)


def unseen(text: str) -> str:
    """``text`` without the characters a reader never sees (soft hyphens, zero-width
    spaces), which trafilatura drops too: with them, "Mit\u00adtel\u00adal\u00adter" is three
    words and no paragraph of a second text matches the first pass's."""
    for character in INVISIBLE:  # str.replace: many times faster than str.translate
        text = text.replace(character, "")
    return text


def second_text(tree: Any, summary: str | None = None) -> str:
    """readability's main text of the page: of its ``summary`` when trafilatura's run of
    readability kept it (``pipelines.extract.readability``), else of a copy of the tree."""
    if summary is None:
        summary = readability.summary(copy.deepcopy(tree))
    try:
        return block_text(lxml_html.fromstring(summary)) if summary.strip() else ""
    except Exception:  # noqa: BLE001 - a second opinion that fails is no opinion
        return ""


def judge_text(html: str) -> str:
    """resiliparse's main-content text of the page."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    try:
        return unseen(
            extract_plain_text(
                HTMLTree.parse(html), main_content=True, list_bullets=False, alt_texts=False
            )
        )
    except Exception:  # noqa: BLE001
        return ""


def better_text(
    first: str,
    tree: Any,
    html: str,
    recall: Callable[[], str] | None = None,
    summary: str | None = None,
    unmasked: Callable[[], str] | None = None,
) -> tuple[str, str]:
    """(text, method): the second extractor's text when the judge prefers it clearly
    (``readability``), else trafilatura's recall-mode text when the judge says the first
    pass is short of the article (``trafilatura-recall``, ``fuller_text``), else the
    first pass (``trafilatura``). A second text ends where the first pass ends
    (``up_to_first_end``). A judge's text under ``MIN_SHARE`` of the first pass's words
    is a fragment (resiliparse took a teaser box or a caption for the page's content):
    readability's text, already run then, says whether the first pass is short instead
    (``fullness_judge``). trafilatura's text ends where readability's does when a tail's
    heading follows there (``end_at_tail``)."""
    if not first.strip():
        return first, "trafilatura"
    judge = judge_text(html)
    if not judge:
        return end_at_tail(first, tree, "", summary), "trafilatura"
    choice, second = readability_choice(first, tree, judge, summary)
    if choice is not None:
        return up_to_first_end(choice, first), "readability"
    resiliparse = judge
    judge = fullness_judge(first, judge, second)
    fuller = fuller_text(first, judge, recall) if recall is not None and judge else None
    text, method = (first, "trafilatura") if fuller is None else (fuller, "trafilatura-recall")
    if fuller is None and unmasked is not None and judge:  # wrappers trafilatura discarded
        fuller = fuller_text(first, judge, unmasked)
        text, method = (text, method) if fuller is None else (fuller, "trafilatura-unmasked")
    read = cache(partial(second_text, tree, summary))  # readability once for both ends
    text = end_at_tail(text, tree, second, summary, read)
    text = end_where_both_end(text, tree, resiliparse, second, summary, read)
    return end_where_trimmed(text, (lambda: second) if second else read), method


def last_held(text_lines: list[str], other: str) -> int:
    """Index of the last of ``text_lines`` whose words ``other`` holds too, in a row
    (-1 when none): a table row or a paragraph that the other extractor split or joined
    with its neighbour is held too."""
    held = " " + " ".join(keys(other)) + " "
    for index in range(len(text_lines) - 1, -1, -1):
        key = line_key(text_lines[index])
        if key and f" {key} " in held:
            return index
    return -1


def short_tail(lines: list[str], most: int = TAIL_WORDS) -> bool:
    """Whether ``lines`` (past the article's end) are a page's furniture rather than the
    article's: short (``most`` words or fewer each) and not all list items."""
    rest = [line for line in lines if line.strip()]
    if not rest or any(len(line.split()) > most for line in rest):
        return False
    return not all(LIST_ITEM.match(line) for line in rest)


def end_where_both_end(
    text: str,
    tree: Any,
    judge: str,
    second: str,
    summary: str | None = None,
    read: Callable[[], str] | None = None,
) -> str:
    """``text`` up to the later of the last paragraphs that the judge's and readability's
    texts hold, when both end before it does, what follows is short lines
    (``short_tail``: sign-up prompts, "explore more" cards, links to other posts, an
    address block) and the first ``KEPT_SHARE`` of the paragraphs stay. Either extractor
    alone ends early too often; both ending at one place, with only short lines after it,
    is the end of the article. Readability runs (``second`` empty) only when the judge
    ends before the text and the text's last line is short."""
    lines = text.split("\n")
    if not judge.strip() or len(lines[-1].split()) > TAIL_WORDS:
        return text
    end = last_held(lines, judge)
    if end < 0 or end >= len(lines) - 1:
        return text
    second = second or (read or partial(second_text, tree, summary))()
    other = last_held(lines, second) if second.strip() else -1
    end = max(end, other)
    if other < 0 or end < KEPT_SHARE * len(lines) or end >= len(lines) - 1:
        return text
    if not short_tail(lines[end + 1 :]):
        return text
    return ended(lines, end)


def end_where_trimmed(text: str, read: Callable[[], str]) -> str:
    """``text`` up to its last paragraph that readability's text (``read()``) holds, when
    that text is a trimmed copy of it (``INSIDE`` of its words in ``text``, ``TRIMMED`` of
    ``text``'s words or more) and what follows is short lines (``short_tail``, at most
    ``LINE_WORDS`` words each: a promotion's lines, an address block, "Contact us") with no
    question answered after it (a FAQ). The judge keeps such a tail as the page's text
    does; readability, which leaves it out and keeps nothing else out, says it is no part
    of the article. Readability runs only when the text's last line is that short."""
    lines = text.split("\n")
    if len(lines) < 2 or len(lines[-1].split()) > LINE_WORDS:
        return text
    second = read()
    if not second.strip() or words(second) < TRIMMED * words(text):
        return text
    if containment(second, text) < INSIDE:
        return text
    end = last_held(lines, second)
    if end < 0 or end >= len(lines) - 1 or not short_tail(lines[end + 1 :], LINE_WORDS):
        return text
    rest = [line.strip() for line in lines[end + 1 :] if line.strip()]
    if any(q.endswith(("?", "？")) and a.endswith(".") for q, a in pairwise(rest)):
        return text
    return ended(lines, end)


def ended(lines: list[str], end: int) -> str:
    """The text's lines up to ``end``, and of the short lines after it the ones that say the
    article was machine-translated (``notices.says_translated``): the text's notices stage
    reads those at its edge, to flag the article and keep the notice in ``notices``."""
    notices = [line for line in lines[end + 1 :] if says_translated(line)]
    return "\n".join(lines[: end + 1] + notices).rstrip()


def end_at_tail(
    text: str,
    tree: Any,
    second: str,
    summary: str | None = None,
    read: Callable[[], str] | None = None,
) -> str:
    """``text`` up to its last paragraph that readability's text (``second``, run here when
    empty: by ``read`` when given, which ``better_text`` runs once for both ends) holds
    too, when the paragraph after it is a heading that opens a page's tail
    (``endings.is_end_heading``: "About the author", "References", "FAQ", "Read this
    next"...) and what is kept is ``MIN_SHARE`` of the words or more. The heading says
    what follows is the page's, readability's end says the article stops there; either
    alone cuts articles short. Teaser lines are dropped first (``notices.drop_teasers``,
    which the text goes through anyway): a "Related article" box inside the body, where
    readability may stop, is not the end. Readability runs only for a text that has such
    a heading. The teaser lines go only once the text is known to have one: dropping
    lines adds no heading after the first line (``has_end_heading``)."""
    if not has_end_heading(text):
        return text
    trimmed = drop_teasers(text)
    lines = trimmed.split("\n")
    if not has_end_heading(trimmed):
        return text
    second = second or (read or partial(second_text, tree, summary))()
    cut = up_to_first_end(trimmed, second) if second.strip() else trimmed
    kept = cut.count("\n") + 1
    after = next((line for line in lines[kept:] if line.strip()), "")
    if not after or not is_end_heading(after):
        return text
    if words(cut) < MIN_SHARE * words(trimmed):
        return text
    return cut


def has_end_heading(text: str) -> bool:
    """Whether a paragraph after ``text``'s first is a heading that opens a page's tail."""
    return any(is_end_heading(line) for line in text.split("\n")[1:])


def fullness_judge(first: str, judge: str, second: str) -> str:
    """The text that says whether the first pass is short of the article: the judge's,
    unless it holds under ``MIN_SHARE`` of the first pass's words (a fragment), then
    readability's (``second``, empty when readability did not run)."""
    if words(judge) >= MIN_SHARE * words(first):
        return judge
    return second


def readability_choice(
    first: str, tree: Any, judge: str, summary: str | None = None
) -> tuple[str | None, str]:
    """(choice, second): readability's text as ``choice`` when it agrees with the judge
    clearly better than ``first`` (else ``None``), and readability's text (empty when
    it was not run)."""
    agreement = word_f1(first, judge)
    if agreement >= 1.0 - MARGIN:  # no second text could beat it: readability not read
        return None, ""
    second = second_text(tree, summary)
    if not second.strip() or second.split() == first.split():
        return None, second
    if words(second) < MIN_SHARE * words(first):
        return None, second  # a fragment (a teaser box, a caption), never the article
    if gapped(first, second):
        return None, second
    return (second if word_f1(second, judge) > agreement + MARGIN else None), second


def gapped(first: str, second: str) -> bool:
    """Whether ``second`` is shorter than ``first`` and lacks ``GAP`` of its words or more
    between the first and the last paragraph both hold: readability, and the judge with
    it, skip lists and link-rich passages inside an article, which trafilatura keeps; a
    text that only trims ``first``'s start or end is no such case."""
    size = words(first)
    if words(second) >= size:
        return False
    held, first_keys = key_set(second), keys(first)
    shared = [i for i, key in enumerate(first_keys) if key in held]
    if not shared:
        return False
    inside = first_keys[shared[0] : shared[-1] + 1]
    return sum(len(key.split()) for key in inside if key and key not in held) >= GAP * size
