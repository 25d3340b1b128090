"""Numeric dates the fast parser reads (not the dateparser fallback): a two-digit year
("31.10.23", day first, as the dotted form is in every language, only with two digits in
each part) and dots followed by a space ("4. 2. 2026"); through the real extraction on
pages written for this test."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pipelines.extract.dates import dates_in_text, written_date
from pipelines.extract.page import extract

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31.10.23", date(2023, 10, 31)),
        ("04.03.26", date(2026, 3, 4)),
        ("01.02.98", date(1998, 2, 1)),
        ("Von: Jana Berger | 31.10.23 14:05", datetime(2023, 10, 31, 14, 5)),
        ("3.1.15", None),  # one digit: a version number as often as a date
        ("1.10.23.4", None),  # a fourth part: no date
        ("31.13.23", None),  # no 13th month
        ("4. 2. 2026", date(2026, 2, 4)),
        ("Von Jana Berger 4. 2. 2026. Der Hafenrat", date(2026, 2, 4)),
        ("4 . 2 . 2026", None),  # a space before the dot: no date
    ],
)
def test_two_digit_years(raw, expected):
    assert written_date(raw) == expected


def test_two_digit_year_in_text_and_not_in_a_version():
    text = "Version 1.10.23 ist da. Von Jana Berger | 31.10.23"
    assert dates_in_text(text, NOW) == [(text.index("31.10.23"), "2023-10-31")]


def published_under_headline(byline: str, closing: str) -> tuple[str, str]:
    """The published date and its source of a German page that prints ``byline`` under
    its headline and ``closing`` (another date) in each paragraph after it."""
    body = "".join(
        f"<p>Der Hafenrat von Port Alder hat den Plan Nummer {n} für den Nordkai knapp "
        f"angenommen, nachdem Anwohner Änderungen verlangt hatten. {closing}</p>"
        for n in range(1, 6)
    )
    html = (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        "<title>Nordkai: Plan angenommen</title></head><body><article>"
        f"<h1>Nordkai: Plan angenommen</h1><p>{byline}</p>{body}</article></body></html>"
    )
    article = extract(html, "https://hafenblatt.example/nordkai", fetched_at=NOW.isoformat())
    return article["published_at"], article["published_source"]


def test_two_digit_year_printed_by_the_headline_dates_the_article():
    closing = "Am Montag (30. Oktober 2023) tagte der Rat."
    assert published_under_headline("Von: Jana Berger | 31.10.23", closing) == (
        "2023-10-31",
        "shown",
    )


def test_dots_and_spaces_printed_by_the_headline_date_the_article():
    closing = "Die Spiele finden am 4. und 5. März 2026 statt."
    assert published_under_headline("Von Hafenblatt 4. 2. 2026.", closing) == (
        "2026-02-04",
        "shown",
    )
