"""A regular expression's matches looked for only where a cheap pattern says one may start.

Python's regex engine skips quickly to the next possible start only when a pattern opens
with a literal or a class of characters; one that opens with a lookbehind (``(?<!\\d)``,
``\\b``) is tried in full at every character of the text, which costs milliseconds on a
page's 80 kB of text. ``Led`` finds ``pattern``'s matches from those of ``lead``, a
pattern that every match has ``shift`` characters after its start and that opens with a
literal or a class (a digit, the first letters of a label): from the first ``lead``
match at or after the position the search is at, ``pattern`` itself is matched at that
start, so the matches found, in order and without overlap, are the very ones of
``finditer`` (lookbehinds see the text before the start, as they do in ``finditer``).
``NamedDay`` does the same for a written date that opens with a month's name ("March 4,
2026"): its lead is the day and year, and the match is tried from the start of the word
before them. Used by ``datepatterns`` (htmldate's page search), ``dates.dates_in_text``
and the publication labels of ``pagedates``; ``test_leads`` checks each against its
pattern's ``finditer``. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

SPACE = re.compile(r"\s")


class Led:
    """``pattern``'s ``finditer`` and ``findall``, its matches tried only where ``lead``
    matches ``shift`` characters after their start (``lead`` must match there on every
    match of ``pattern``, and ``pattern`` must match no empty string)."""

    def __init__(self, pattern: re.Pattern[str], lead: str, shift: int = 0, flags: int = 0) -> None:
        self.pattern = pattern
        self.lead = re.compile(lead, flags)
        self.shift = shift

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        match, search, shift = self.pattern.match, self.lead.search, self.shift
        pos = 0
        while (lead := search(text, pos + shift)) is not None:
            start = lead.start() - shift
            whole = match(text, start)
            if whole is None:
                pos = start + 1
                continue
            yield whole
            pos = whole.end()

    def findall(self, text: str) -> list[Any]:
        return [found(self.pattern, match) for match in self.finditer(text)]


def found(pattern: re.Pattern[str], match: re.Match[str]) -> Any:
    """What ``findall`` lists for ``match``: its one group, its groups, or the whole."""
    if pattern.groups == 0:
        return match.group()
    if pattern.groups == 1:
        return match.group(1)
    return match.groups("")


class NamedDay:
    """``finditer`` of ``pattern``, a date that opens with a word of ``NAME`` letters or
    fewer (``[^\\W\\d_]{3,NAME}``), then an optional dot and white space, then what ``lead``
    matches on every match (the day and the year, led by a digit). Each ``lead`` match
    after white space is tried from each start that leaves such a word before that white
    space (and the dot), the leftmost first: no digit can sit between a match's start and
    its day, so the first match found is the leftmost."""

    def __init__(self, pattern: re.Pattern[str], lead: str, name: int) -> None:
        self.pattern = pattern
        self.lead = re.compile(lead, pattern.flags)
        self.name = name

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        match, search, space = self.pattern.match, self.lead.search, SPACE.match
        pos = scan = 0
        while (lead := search(text, scan)) is not None:
            day = lead.start()
            scan = day + 1
            end = day
            while end > pos and space(text, end - 1):
                end -= 1  # the white space before the day
            if end == day:
                continue
            if end > pos and text[end - 1] == ".":
                end -= 1
            for start in range(max(pos, end - self.name), end - 2):
                whole = match(text, start)
                if whole is not None:
                    yield whole
                    pos = scan = whole.end()
                    break
