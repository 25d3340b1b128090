"""Date rules: ISO 8601 out, timezones kept, the future refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.extract import dates
from pipelines.extract.dates import dates_in_text, normalise_date

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-04T08:15:00+07:00", "2026-03-04T08:15:00+07:00"),
        ("2026-03-04T08:15:00.123+0700", "2026-03-04T08:15:00+07:00"),
        ("2026-03-04T01:15:00Z", "2026-03-04T01:15:00+00:00"),
        ("2026-03-04 08:15", "2026-03-04T08:15:00"),
        ("2026-03-04", "2026-03-04"),
        ("Wed, 04 Mar 2026 08:15:00 +0700", "2026-03-04T08:15:00+07:00"),
        ("Wed, 04 Mar 2026 01:15:00 GMT", "2026-03-04T01:15:00+00:00"),
        ("2026-11-29T08:00:00+07:00", "2026-11-29T08:00:00+07:00"),  # local tomorrow is fine
        ("2026-03-04T08:15:00.270+01", "2026-03-04T08:15:00+01:00"),  # an offset in hours
        ("2026-03-04T4:10:00", "2026-03-04T04:10:00"),  # a one-digit hour
    ],
)
def test_normalised(raw, expected):
    assert normalise_date(raw, NOW) == expected


@pytest.mark.parametrize(
    "raw",
    [None, "", "yesterday", "2026-13-01", "2027-01-05T00:00:00+00:00", "2026-12-25", "1970-01-01"],
)
def test_refused(raw):
    assert normalise_date(raw, NOW) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("By Ana · March 4, 2026 · 4 min", "en", ["2026-03-04"]),
        (
            "Rabu, 4 Maret 2026 10:15 WIB dan 5 Maret 2026",
            "id",
            ["2026-03-04T10:15:00+07:00", "2026-03-05"],
        ),
        ("Mis à jour le 04.03.2026", "fr", ["2026-03-04"]),
        ("posted 04/03/2026, revised 2026-03-06", "en", ["2026-03-06"]),  # 04/03 could be either
        ("event on 25 December 2026, story of 1 May 1985", "en", []),  # future, and before 1990
        ("page 12, 2025 edition", "en", []),  # no month
        ("Por Ana Ruiz el 04-ago-2021 5:11:10", "es", ["2021-08-04T05:11:10"]),
        ("filed 4-Mar-2026 by the desk", "en", ["2026-03-04"]),
        # short month names: French, Spanish and Portuguese, Italian, Indonesian, German
        ("Publié le 4 déc. 2025, modifié le 9 fév. 2026", "fr", ["2025-12-04", "2026-02-09"]),
        ("Publicado el 12 abr 2024", "es", ["2024-04-12"]),
        (
            "5 gen 2024 · 11 mag 2024 · 1 giu 2024 · 22 lug 2024 · 3 ott 2024",
            "it",
            ["2024-01-05", "2024-05-11", "2024-06-01", "2024-07-22", "2024-10-03"],
        ),
        ("Selasa, 17 Agt 2021", "id", ["2021-08-17"]),
        ("Stand: 4. Mär. 2026", "de", ["2026-03-04"]),
        # a word after a date is no zone: "April" starts the next date, "in" is a word
        ("May 21, 2025 April 24, 2025 by Ana", "en", ["2025-05-21", "2025-04-24"]),
        ("June 2, 2025 10:30 in Oslo, June 3, 2025", "en", ["2025-06-02T10:30:00", "2025-06-03"]),
        ("June 2, 2025 10:30 CEST", "en", ["2025-06-02T10:30:00+02:00"]),
    ],
)
def test_dates_in_text(text, language, expected):
    assert [value for _, value in dates_in_text(text, NOW, language)] == expected


def test_parse_date_remembers_each_string() -> None:
    """A string parsed again is read from the memo (the same value), and values that are
    no strings are never looked up."""
    first = dates.parse_date("4 March 2026 10:00", "en")
    hits = dates.parsed.cache_info().hits
    assert dates.parse_date("4 March 2026 10:00", "en") == first == datetime(2026, 3, 4, 10, 0)
    assert dates.parsed.cache_info().hits == hits + 1
    assert dates.parse_date(["2026-03-04"]) is None  # type: ignore[arg-type]
