"""A publication the page states only to the month ("March 2019"): kept to the month as
the published date when nothing better dates the page (``pipelines.extract.monthdates``);
through the real extraction on pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.extract.monthdates import months_in
from pipelines.extract.page import extract

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
STORY = "".join(
    f"<p>The ferry board of Port Alder approved route number {n} across the bay after "
    "islanders asked for an earlier crossing and a larger car deck on the winter boat.</p>"
    for n in range(1, 6)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Features · March 2019 The ferry", [(11, "2019-03")]),
        ("Publication Date November 2003", [(17, "2003-11")]),
        ("Sept. 2021", [(0, "2021-09")]),
        ("novembre 2015", [(0, "2015-11")]),
        ("29th August, 2023", []),  # a day before it: a full date
        ("4 de mayo 2022", []),
        ("Ferries in November and December 2025", []),  # a range of months
        ("Januar – Mai 2020", []),
        ("December 2031", []),  # after the fetch
        ("June 1985", []),  # before 1990
        ("sold out 2019", []),  # "out" (outubro) is an English word too
    ],
)
def test_months_without_a_day(text, expected):
    assert months_in(text, NOW) == expected


def dated(head: str, byline: str, facts: str = "") -> tuple[str | None, str | None, str | None]:
    """(published_at, published_source, modified_at) of an English page with ``head`` in
    its ``<head>``, ``byline`` under its headline and ``facts`` after its story."""
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Winter ferry route</title>{head}</head><body><article>"
        f"<h1>Winter ferry route</h1><p>{byline}</p>{STORY}{facts}</article></body></html>"
    )
    article = extract(html, "https://ferry.example/route", fetched_at=NOW.isoformat())
    return article["published_at"], article["published_source"], article["modified_at"]


MODIFIED = '<meta property="article:modified_time" content="2025-09-17T17:00:45+00:00">'


def test_month_printed_by_the_headline_is_the_publication():
    assert dated("", "Harbour news · March 2019") == ("2019-03", "shown", None)


def test_month_after_a_publication_label_comes_before_the_modified_date():
    facts = "<p>Publication Date: June 2004</p><p>Author: Dana Reyes</p>"
    assert dated(MODIFIED, "By Dana Reyes", facts) == (
        "2004-06",
        "labelled",
        "2025-09-17T17:00:45+00:00",
    )


def test_stated_dates_and_updates_are_no_months_of_publication():
    published = '<meta property="article:published_time" content="2019-03-12T09:00:00+00:00">'
    assert dated(published, "Harbour news · June 2018")[:2] == (
        "2019-03-12T09:00:00+00:00",
        "meta",
    )
    assert dated(MODIFIED, "Last updated: June 2022")[1] == "modified"  # an update's month
    prose = "<p>This guide was first published in April 2020 by the board.</p>"
    assert dated(MODIFIED, "By Dana Reyes", prose)[1] == "modified"  # prose, not a label
