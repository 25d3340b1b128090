"""Patterns searched from cheap leads (``pipelines.extract.leads``): the same matches as the
patterns' own ``finditer`` (spans and groups), on crafted and random text, for the date
patterns of ``dates.dates_in_text`` and the publication labels of ``pagedates``."""

from __future__ import annotations

import re

import pytest

from pipelines.extract import dates, leads, pagedates

from conftest import random_texts

# written, numeric, ISO and CJK dates, labels, near misses and matches that touch
TEXT = (
    "Posted on March 4, 2026 10:00 PM EST | updated 5 Mar. 2026. Published: 4. März 2026 "
    "veröffentlicht am 04.03.2026 um 10.15 Uhr, erschienen 4 de marzo de 2026; 2026年3月4日 "
    "04-Aug-2021 31.10.23 1.2.3.4 12/31/2025 4/3/2026 2025-12-01T10:00 x2025-12-01 "
    "SmithMarch 3, 2021 aVeryLongWordMarch 9, 2021 Sept.  2nd, 1999 Mai\t7 2020 "
    "3 to 5 March 2026 vom 9.1. - 10.2.2023 date published 1 May 2020 datum: 19.11.2021 "
    "publication date 2021 post time: 01-04-2024 reposted 4 May 2020 parue le 3 juin 2022 "
    "publicado 3 de junio de 2022 pubblicato il 3 giugno 2022 diterbitkan 3 Juni 2022 "
    "gepubliceerd op 3 juni 2022 erstellt am Dienstag 6. Mai 2014 _published 2020 "
    "March 4, 20261 4 MAY 2022 May 5th, 2020 ab 12 1999 4.5. 6.7.2026"
)
ALPHABET = "0123456789012345/.-, \n:aAyMmrchofst_éüPUBLISHED\t年月日"
TOKENS = [
    *"0123/.-, x",
    " ",
    " ",
    "May",
    "march",
    "Mär",
    "Sept",
    "de ",
    "st",
    "4th",
    " 2021",
    " 1999",
    "31",
    "12",
    "published",
    "posted",
    "post",
    "date",
    "datum",
    "re",
    "on ",
    "am ",
    ": ",
    "PM",
    "EST",
    "10:00",
    "10.",
    "23",
    "-0",
    " 31.10.23",
    "2025-12-01",
    " 4.3.2026",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [TEXT, TEXT.lower(), TEXT[1:], TEXT[::-1], *random_texts(ALPHABET, TOKENS, 1500, 11)]


def spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(match.span(), match.groups()) for match in matches]  # type: ignore[attr-defined]


LED = [(led, led.pattern) for led in dates.IN_TEXT if not isinstance(led, re.Pattern)]
LED.append((pagedates.PUBLISHED_LABEL, pagedates.PUBLISHED_LABEL.pattern))


@pytest.mark.parametrize("index", range(len(LED)))
def test_same_matches_as_the_pattern(index: int, texts: list[str]) -> None:
    led, pattern = LED[index]
    found = 0
    for text in texts:
        theirs = spans(pattern.finditer(text))
        assert spans(led.finditer(text)) == theirs, text
        found += len(theirs)
    assert found > 20  # the texts hold matches of each pattern


def test_a_wrong_lead_misses_matches() -> None:
    """The comparison can fail: a lead that not every match has loses those matches."""
    pattern = dates.IN_TEXT[1].pattern
    wrong = leads.NamedDay(pattern, r"\d{1,2}\s+\d{4}", name=10)  # no "4th", no comma
    text = "Published March 4th, 2026 and May 5, 2020"
    assert spans(wrong.finditer(text)) != spans(pattern.finditer(text))
    assert spans(leads.Led(pagedates.PUBLISHED_LABEL.pattern, "pub").finditer("posted 1")) == []


def test_findall_lists_what_findall_lists() -> None:
    pattern = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})")
    led = leads.Led(pattern, r"\d")
    text = "1.2 and 33.4 and 123.45.6"
    assert led.findall(text) == pattern.findall(text) == [("1", "2"), ("33", "4"), ("45", "6")]


def test_dates_in_text_reads_a_page_of_dates() -> None:
    now = dates.datetime(2026, 12, 1, tzinfo=dates.UTC)
    found = dates.dates_in_text(TEXT, now, "en")
    assert found[0] == (10, "2026-03-04T22:00:00-05:00")
    assert (TEXT.index("2026年"), "2026-03-04") in found
