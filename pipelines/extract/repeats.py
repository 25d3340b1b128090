"""Drop a block of paragraphs that the extracted text repeats.

Pages often carry the same content twice: a mobile and a desktop copy of the article,
a contact box in the sidebar and again in the footer, the whole post again under a
"print" wrapper. trafilatura keeps both copies, so every word counts twice. A run of
consecutive paragraphs that repeats an earlier run, line for line (compared by their
lower-cased words), is dropped when it is a block (``MIN_LINES`` paragraphs or more)
worth dropping (``MIN_WORDS`` words or more); a single repeated line, such as a
refrain or a pull quote, stays. Plain functions; no Scrapy. Settings read: none.
Stats: none.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
MIN_LINES = 2  # a repeated run of fewer paragraphs is left alone
MIN_WORDS = 30  # tuned on the tune part of WCXB dev (10, 30, 50, 100 swept)
STARTS = 8  # earlier copies of a line a run is compared from (the latest): bounds the cost


def line_key(line: str) -> str:
    return " ".join(WORD.findall(line.lower()))


def line_keys(text: str) -> list[str]:
    """``line_key`` of each of ``text``'s lines (``text.split("\n")``), the text lower-cased
    once: a line break is neither cased nor case-ignorable, so each line lowers as it does
    on its own (a final sigma's context ends there too)."""
    findall, join = WORD.findall, " ".join
    return [join(findall(line)) for line in text.lower().split("\n")]


def repeated_run(keys: list[str], at: int, earlier: list[int], dropped: set[int]) -> int:
    """Length of the longest run from ``at`` that repeats a run starting at one of
    ``earlier`` (and ends before ``at``, so a copy never overlaps its original)."""
    best = 0
    for start in earlier:
        length = 0
        while (
            at + length < len(keys)
            and start + length < at
            and at + length not in dropped
            and keys[start + length] == keys[at + length]
        ):
            length += 1
        best = max(best, length)
    return best


def drop_repeats(text: str) -> str:
    """``text`` without the later copies of its repeated blocks of paragraphs."""
    lines = text.split("\n")
    keys = line_keys(text)
    seen: dict[str, list[int]] = {}
    dropped: set[int] = set()
    index = 0
    while index < len(lines):
        key = keys[index]
        earlier = seen.get(key, [])[-STARTS:] if key else []
        length = repeated_run(keys, index, earlier, dropped) if earlier else 0
        run = range(index, index + length)
        filled = [i for i in run if keys[i]]
        if len(filled) >= MIN_LINES and sum(len(keys[i].split()) for i in run) >= MIN_WORDS:
            dropped.update(run)
            index += length
            continue
        if key:
            seen.setdefault(key, []).append(index)
        index += 1
    if not dropped:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)
