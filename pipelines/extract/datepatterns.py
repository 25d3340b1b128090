"""htmldate's text patterns of its page search, their matches looked for only where they can be.

htmldate's extensive search ends, when nothing in the markup dates the page, with
``search_page``: ``findall`` of eight patterns over the whole serialized page (each
``plausible_year_filter``), then ``regex_parse``'s search of written dates ("March 4,
2026", "4. März 2026"). Most of those patterns start with ``\\D`` (every character of a
page but its digits), and the written date with a lookbehind, so Python's regex engine
tries a whole match at nearly every character: 60 ms of CPU on a 130 kB page.

``leads.Led`` finds a pattern's matches from those of ``lead``, a pattern that every
match has, ``shift`` characters after its start, and that starts with a digit (the engine
skips to the next one): the very matches of ``findall`` (0.2 of the CPU).
``YearEnded`` searches the written date where its year is (every match ends with a space
and a year of 1990 to 2039, and holds no other): around the first such year, from the
start of the word that may run up to it, the pattern searched with the string's end at
that year's end is the one match a search of the whole string finds (1/50 of the CPU).

``install()`` puts them in htmldate's modules in place of its patterns, only while those
patterns and the functions that read them (with ``findall`` and ``search(string, pos)``
alone) have the text this was written for (``WRITTEN_FOR``, hashes); else htmldate's
run. Settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from htmldate import core, extractors, validators

from pipelines.extract.leads import Led
from pipelines.extract.libxpaths import source_fingerprint

YEAR_AFTER_SPACE = re.compile(r" (?:199[0-9]|20[0-3][0-9])")  # where each match ends
LETTER = re.compile(r"[^\W\d_]", re.I)  # a character of a word (a month's name)
BEFORE_WORD = 12  # characters before the year that are never its month's word: "\s31st, "
BEFORE_DAY = 8  # characters before the day's word in htmldate's day-first form: "31st of "


class YearEnded:
    """``pattern``'s ``search(string, pos)``, where ``pattern`` (htmldate's written date)
    ends every match with a space and a year and holds no other: the first match at or
    after ``pos`` is searched between the word that may run up to a year (reached back
    from ``BEFORE_WORD`` characters before the year, then ``BEFORE_DAY`` more) and the
    year's end."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        floor = pos
        for year in YEAR_AFTER_SPACE.finditer(text, pos):
            at = year.start()
            start = at - BEFORE_WORD
            while start > floor and LETTER.match(text, start - 1):
                start -= 1  # a month's word that started earlier: "Septembre 4, 2026"
            found = self.pattern.search(text, max(floor, start - BEFORE_DAY), year.end())
            if found is not None:
                return found
            floor = at + 1  # no match that starts by this year ends at a later one
        return None


D, M, Y = extractors.DAY_RE, extractors.MONTH_RE, extractors.YEAR_RE
LEADS = {  # htmldate's pattern: (what follows its leading ``\D``, led by a digit; shift)
    "THREE_LOOSE_PATTERN": (r"[0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2}\D", 1),
    "SELECT_YMD_PATTERN": (rf"[0-9][0-9]?[/.-]{M}[/.-][0-9]{{4}}\D", 1),
    "DATESTRINGS_PATTERN": (r"[12][09][0-9]{2}[01][0-9][0-3][0-9]\D", 1),
    "SLASHES_PATTERN": (
        r"[0-9](?:[0-9]?/[0-1]?[0-9]/[0129][0-9]|[0-9]\.[01][0-9]\.[0129][0-9])\D",
        1,
    ),
    "YYYYMM_PATTERN": (r"[12][0-9]{3}[/.-](?:1[0-2]|0[1-9])\D", 1),
    "MMYYYY_PATTERN": (r"[0-9][0-9]?[/.-][12][0-9]{3}\D", 1),
    "SIMPLE_PATTERN": (r"[12](?:99|0[0-3])[0-9]\D", 1),
}
LIBRARY = {name: getattr(core, name) for name in LEADS}  # htmldate's own patterns
LIBRARY_LONG = extractors.LONG_TEXT_PATTERN
READERS: tuple[Callable[..., Any], ...] = (
    core.search_page,
    core.search_pattern,
    core.search_normalized,
    validators.plausible_year_filter,
    extractors.regex_parse,
)  # the functions that read the patterns (findall, search(string, pos))
WRITTEN_FOR = "60901b624d3f"  # htmldate 1.11.0


def fingerprint() -> str:
    """A short hash of htmldate's patterns (text and flags) and of its readers' source."""
    patterns = [getattr(core, name) for name in LEADS] + [extractors.LONG_TEXT_PATTERN]
    parts = [f"{p.pattern}/{p.flags}" for p in patterns if isinstance(p, re.Pattern)]
    parts += [source_fingerprint(reader) or "" for reader in READERS]
    if len(parts) != len(LEADS) + 1 + len(READERS):
        return ""  # one is installed already, or is no pattern
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def install() -> bool:
    """Put ``Led`` and ``YearEnded`` patterns in htmldate's modules, when its patterns and
    their readers are the ones this was written for; whether they are there."""
    if isinstance(extractors.LONG_TEXT_PATTERN, YearEnded):
        return True
    if fingerprint() != WRITTEN_FOR:
        return False
    for name, (lead, shift) in LEADS.items():
        setattr(core, name, Led(LIBRARY[name], lead, shift))
    core.THREE_COMP_PATTERNS = (core.THREE_PATTERN, core.THREE_LOOSE_PATTERN)
    extractors.LONG_TEXT_PATTERN = YearEnded(LIBRARY_LONG)
    return True
