"""htmldate's page-search patterns found from cheap anchors (``pipelines.extract.datepatterns``):
the same matches as htmldate's own patterns, on crafted and random text."""

from __future__ import annotations

import re

import pytest
from htmldate import core, extractors

from pipelines.extract import datepatterns

from conftest import random_texts

# dates of every form the patterns read, near misses, and runs where matches touch
TEXT = (
    "<p>Posted 2019-03-04 and 2019-03-05\n12/03/2021 a 3.4.21 b 03.04.21 c 4/5/99 x"
    " 20210304 x 2021.03 2021-13 x 03/2021 x 3-2021 x w3.org/1999/xhtml 2005 x1999x"
    " ©2020 Copyright 2011-2024 x 31.12.2023.1.1.2020 7/8/2022/9/10/2023 "
    "March 4, 2026 4. März 2026 the 21st of September, 2024 Septembre 4 2026 "
    "xMay 5, 2020 SmithMarch 3rd 2021 2 of may, 1999 31 Foo 2020 on 12 dec. 2030 "
    "aVeryLongWordThatIsNoMonthAtAllButRunsOnAndOnAndOnMarch 9, 2021 ok 2 MAY 2022 "
    "Wednesday 31st, 2021 x Sept\t2nd, 1999<"
)
NAMES = list(datepatterns.LEADS)
ALPHABET = "0123456789012345/.-, \n:aAyMmrchofst©Í_"
TOKENS = [
    *"0123/.-, x",
    " ",
    " ",
    "May",
    "march",
    "Mär",
    "Sept",
    "of ",
    "st",
    "4th",
    " 2021",
    " 1999",
    "31",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [TEXT, TEXT[1:], TEXT[::-1], *random_texts(ALPHABET, TOKENS, 1000, 7)]


@pytest.mark.parametrize("name", NAMES)
def test_same_findall_as_htmldate(name: str, texts: list[str]) -> None:
    pattern = datepatterns.LIBRARY[name]
    led = datepatterns.Led(pattern, *datepatterns.LEADS[name])
    for text in texts:
        assert led.findall(text) == pattern.findall(text), text


def test_the_crafted_text_is_found_by_each_pattern() -> None:
    for name in NAMES:
        assert datepatterns.LIBRARY[name].findall(TEXT), name


def test_same_written_dates_as_htmldate(texts: list[str]) -> None:
    """From every position of each text: the same match (span and groups)."""
    long = datepatterns.LIBRARY_LONG
    mine = datepatterns.YearEnded(long)
    found = 0
    for text in texts:
        for pos in range(len(text) + 1):
            theirs = long.search(text, pos)
            ours = mine.search(text, pos)
            assert (ours and (ours.span(), ours.groups())) == (
                theirs and (theirs.span(), theirs.groups())
            ), (text, pos)
            found += theirs is not None
    assert found > 2000


def test_install_puts_them_in_place_and_search_page_agrees() -> None:
    options = extractors.Extractor(
        True, core.datetime(2030, 12, 31), core.datetime(1995, 1, 1), True, "%Y-%m-%d"
    )
    pages = [TEXT, "<p>x 4 May 2021 y</p>", "<p>nothing here 2020</p>", "<b>3/4/21</b>"]
    before = [core.search_page(page, options) for page in pages]
    assert datepatterns.install()
    assert isinstance(core.SLASHES_PATTERN, datepatterns.Led)
    assert core.THREE_COMP_PATTERNS[1] is core.THREE_LOOSE_PATTERN
    assert isinstance(extractors.LONG_TEXT_PATTERN, datepatterns.YearEnded)
    assert datepatterns.install()  # again: nothing changes
    assert [core.search_page(page, options) for page in pages] == before
    assert before[1] == "2021-05-04"


def test_changed_patterns_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractors, "LONG_TEXT_PATTERN", re.compile("changed"))
    assert datepatterns.fingerprint() != datepatterns.WRITTEN_FOR
    assert not datepatterns.install()
