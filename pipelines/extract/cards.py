"""Drop the teaser cards of other articles that the extracted text carries after the article.

Below an article many sites show cards for their other pages: a category label, a
headline and the first words of the story, cut off by the template at a fixed length and
ended with an ellipsis ("For many business owners, 1099 season brings a familiar mix of
urgency and anxiety. No matter how organized your books may be,..."), or with a "Read
more..." label under each. trafilatura keeps them as paragraphs of the article, and the
links of the page do not give them away (the excerpt is no link's text, so
``pipelines.extract.linklists`` leaves them). ``drop_teaser_cards(text)`` removes, after
the first ``HEAD_SHARE`` of the text's paragraphs, every run of paragraphs that are each
a short label or headline (``LABEL_WORDS`` words or fewer, no sentence end), a cut-off
excerpt (``EXCERPT_WORDS`` words or fewer, ending with "..." or "…") or a "Read more..."
label (``MORE_WORDS`` words or fewer, ending with an ellipsis), when the run holds
``MIN_CARDS`` excerpts or "Read more..." labels or more, and its excerpts are cut at one
length (the longest has at most ``SAME_LENGTH`` times the words of the shortest): a
template's cut. A writer's own trailing "..." (a forum post, a quotation left hanging)
falls at any length, so a thread of such posts stays. The first paragraph, and so the
whole text, always stays.
Plain functions; no Scrapy. Settings read: none. Stats: none (``pipelines.extract.page``
names the cut, counted by the item pipeline).
"""

from __future__ import annotations

import re

HEAD_SHARE = 1 / 3  # cards come after the article: the first third is never examined
MIN_CARDS = 3  # fewer cut-off excerpts may be the article's own (2 and 3 tried on WCXB tune)
LABEL_WORDS = 15  # a headline or a category label between the excerpts
EXCERPT_WORDS = 60  # a longer paragraph ending with "..." is the article's
MORE_WORDS = 3  # "Read more...", "Mehr lesen...", "weiter..."
SAME_LENGTH = 1.25  # a template cuts its excerpts at one length (compared in words)
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*[\])]?\s*$")
SENTENCE_END = re.compile(r"[.!?:。！？：]\s*$")


def card_run(lines: list[str], start: int) -> tuple[int, list[int], int]:
    """From ``start``: the end of the run of card paragraphs, the word counts of its
    excerpts and its number of "Read more..." labels."""
    excerpts: list[int] = []
    more = 0
    index = start
    while index < len(lines):
        line = lines[index].strip()
        words = len(line.split())
        if words and ELLIPSIS.search(line) and words <= MORE_WORDS:
            more += 1
        elif words and ELLIPSIS.search(line) and words <= EXCERPT_WORDS:
            excerpts.append(words)
        elif not words or words > LABEL_WORDS or SENTENCE_END.search(line):
            break
        index += 1
    return index, excerpts, more


def is_card_run(excerpts: list[int], more: int) -> bool:
    """Whether a run's excerpts and labels make a list of teaser cards (see the module)."""
    if more >= MIN_CARDS:
        return True
    return len(excerpts) >= MIN_CARDS and max(excerpts) <= SAME_LENGTH * min(excerpts)


def drop_teaser_cards(text: str) -> str:
    """``text`` without the runs of teaser cards after its article (see the module)."""
    if "..." not in text and "…" not in text:
        return text
    lines = text.split("\n")
    dropped: set[int] = set()
    index = max(1, int(len(lines) * HEAD_SHARE))
    while index < len(lines):
        end, excerpts, more = card_run(lines, index)
        if end > index and is_card_run(excerpts, more):
            dropped.update(range(index, end))
        index = max(end, index + 1)  # runs are taken whole: linear in the paragraphs
    if not dropped:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)
