"""Numeric dates the fast parser reads (not the dateparser fallback): a two-digit year
("31.10.23", day first, as the dotted form is in every language, only with two digits in
each part), dots followed by a space ("4. 2. 2026"), and an English page's "3/4/2025" in
the order its region or its American spelling names (``pagedates.date_language``); through
the real extraction on pages written for this test."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pipelines.extract import pagedates, parse
from pipelines.extract.dates import DAY_FIRST, MONTH_FIRST, dates_in_text, parse_date, written_date
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


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("3/4/2025", "en", None),  # either order: not read
        ("3/4/2025", MONTH_FIRST, date(2025, 3, 4)),
        ("3/4/2025", DAY_FIRST, date(2025, 4, 3)),
        ("03-04-2025 10:30", DAY_FIRST, datetime(2025, 4, 3, 10, 30)),
        ("4/13/2025", DAY_FIRST, date(2025, 4, 13)),  # no 13th month: month first anyway
        ("13/4/2025", MONTH_FIRST, date(2025, 4, 13)),
        ("03.04.2025", MONTH_FIRST, date(2025, 4, 3)),  # dots: day first in every tag
        ("3/4/2025", "fr", date(2025, 4, 3)),
    ],
)
def test_english_numeric_dates_read_in_the_order_the_tag_names(raw, language, expected):
    assert parse_date(raw, language) == expected


def tree_of(body: str) -> object:
    return parse.page_tree(f"<html><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("declared", "tags", "url", "body", "expected"),
    [
        ("en", [], "https://news.example.com/a", "<p>3/4/2025</p>", "en"),
        ("en", ["en-US"], "https://news.example.com/a", "<p>3/4/2025</p>", MONTH_FIRST),
        ("en", [None, "en_GB"], "https://news.example.com/a", "<p>3/4/2025</p>", DAY_FIRST),
        ("en", ["en"], "https://news.example.co.uk/a", "<p>3/4/2025</p>", DAY_FIRST),
        ("en", ["en-US"], "https://news.example.com.au/a", "<p>3/4/2025</p>", DAY_FIRST),
        ("en", [], "https://parks.example.gov/a", "<p>3/4/2025</p>", MONTH_FIRST),
        # the page's own dates speak first: 25/03/2024 is day first
        ("en", ["en-US"], "https://a.example/b", "<p>3/4/2025</p> <p>25/03/2024</p>", DAY_FIRST),
        ("en", [], "https://a.example/b", "<p>3/4/2025</p> <p>03-25-2024</p>", MONTH_FIRST),
        # both places: the page's dates say nothing, its tag speaks
        ("en", ["en-GB"], "https://a.example/b", "<p>25/03/2024 03/25/2024</p>", DAY_FIRST),
        ("de", ["en-US"], "https://a.example/b", "<p>3/4/2025</p>", "de"),
    ],
)
def test_date_language_from_the_page_its_host_and_its_tags(declared, tags, url, body, expected):
    assert pagedates.date_language(declared, tags, url, tree_of(body)) == expected


def dated_page(lang: str, url: str) -> str | None:
    """The published date of an English page tagged ``lang`` at ``url`` whose only date
    is a numeric one after "Post time:", under its story."""
    body = "".join(
        f"<p>The harbour board of Port Alder approved plan number {n} for the north quay "
        "after residents asked for changes to the loading hours and the lorry route.</p>"
        for n in range(1, 6)
    )
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        "<title>North quay plan approved</title></head><body><article>"
        f"<h1>North quay plan approved</h1>{body}<div>Post time: 01-04-2024</div>"
        "</article></body></html>"
    )
    return extract(html, url, fetched_at=NOW.isoformat())["published_at"]


def test_post_time_read_in_the_order_of_the_page_region():
    assert dated_page("en-US", "https://quay.example/plan") == "2024-01-04"
    assert dated_page("en-GB", "https://quay.example/plan") == "2024-04-01"
    assert dated_page("en", "https://quay.example.co.uk/plan") == "2024-04-01"
    assert dated_page("en", "https://quay.example/plan") != "2024-01-04"


def test_numeric_dates_of_a_text():
    text = "on 25/03/2024, v1.3/4/2025, 03-25-2024, 123/4/2024, 2/4/20245 and 12/1/1999"
    assert list(pagedates.numeric_dates(text)) == [("25", "03"), ("03", "25"), ("12", "1")]


AMERICAN_TEXT = "<p>The theater center organized a color festival; our favorite flavors won.</p>"
BRITISH_TEXT = "<p>The theatre centre organised a colour festival; our favourite flavours won.</p>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (AMERICAN_TEXT + "<p>3/4/2025</p>", MONTH_FIRST),
        (BRITISH_TEXT + "<p>3/4/2025</p>", "en"),
        (AMERICAN_TEXT + BRITISH_TEXT + "<p>3/4/2025</p>", "en"),  # not twice the British
        ("<p>The theater organized it.</p><p>3/4/2025</p>", "en"),  # two are too few
        (AMERICAN_TEXT + "<p>3/4/2025, 02-12-2025</p>", "en"),  # hyphens: another convention
        # words in scripts and styles are no spelling of the page's
        ("<style>.center{color:red}</style><script>var colors, favorites;</script>"
         "<p>3/4/2025</p>", "en"),
    ],
)  # fmt: skip
def test_date_language_from_american_spelling(body, expected):
    assert pagedates.date_language("en", [], "https://quay.example/plan", tree_of(body)) == (
        expected
    )


def test_american_spelling_comes_after_the_region():
    body = AMERICAN_TEXT + "<p>3/4/2025</p>"
    assert pagedates.date_language("en", ["en-GB"], "https://a.example/b", tree_of(body)) == (
        DAY_FIRST
    )


def printed_by_headline(story: str) -> str | None:
    """The published date of an English page (no region anywhere) whose byline under the
    headline prints "3/4/2025", with ``story`` as its text."""
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Color festival</title></head><body><article>"
        f"<h1>Color festival</h1><p>By Dana Reyes 3/4/2025</p>{story * 4}"
        "</article></body></html>"
    )
    return extract(html, "https://quay.example/festival", fetched_at=NOW.isoformat())[
        "published_at"
    ]


def test_a_page_spelled_american_reads_its_slashes_month_first():
    assert printed_by_headline(AMERICAN_TEXT) == "2025-03-04"
    assert printed_by_headline(BRITISH_TEXT) != "2025-03-04"
