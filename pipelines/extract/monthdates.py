"""A publication the page states only to the month ("November 2015"), kept to the month.

A page that prints no day of its publication but a month and a year ("Pulse! November
2015" by the headline, "Publication Date November 2003" in its facts) gets that month as
its published date, written to the month as ISO 8601 allows ("2015-11"), when nothing
better dates it: no candidate at all, only the modified date (``only_modified``'s copy), or
htmldate's guess (a day from anywhere in the page). A day within the month is kept: it
agrees, and is more precise. The month is the first one printed by the headline (read as
``pagedates.shown_dates`` reads days: from the end of the ``<h1>``'s own text up to
``IN_STORY`` characters after it, else within ``ABOVE`` before it; not labelled as an
update), else one written right after a publication label, no word between ("Published:
June 2022", not the prose of "published in April 2020"). A month with a day before it
("29th August, 2023", "4 de mayo 2022"), in a range ("November and December 2025",
"Januar – Mai 2020"), after the fetch's month or before 1990 is no such month. Its source
is ``shown`` or ``labelled``. Plain functions over an lxml tree; no Scrapy. Settings read:
none.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import islice
from typing import Any

from pipelines.extract import pagedates
from pipelines.extract.dates import MONTHS

MONTH_YEAR = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,10})\.?,?\s+((?:19|20)\d\d)(?!\d)")
DAY_BEFORE = re.compile(
    r"(?:\d(?:st|nd|rd|th|er)?\.?,?\s*(?:de\s+)?|[-–—]\s*|\b(?:and|und|et|y|to|bis)\s+)$", re.I
)  # "29th August, 2023", "4 de mayo 2022", "Januar – Mai 2020", "November and December 2025"
GUESSED = {None, "modified", "htmldate"}  # published sources a stated month comes before
NOT_MONTHS = {"out", "set", "gen", "mag", "des"}  # short names that are English words too


def months_in(text: str, now: datetime) -> list[tuple[int, str]]:
    """(position, "YYYY-MM") of each month and year ``text`` writes without a day."""
    found = []
    for match in MONTH_YEAR.finditer(text):
        name = match.group(1).casefold()
        month = MONTHS.get(name) if name not in NOT_MONTHS else None
        value = f"{match.group(2)}-{month:02d}" if month else None
        if value is None or DAY_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if "1990-01" <= value <= f"{now.year}-{now.month:02d}":
            found.append((match.start(), value))
    return found


def printed_month(tree: Any, now: datetime) -> str | None:
    """The first month and year (no day) printed by the headline, not as an update."""
    for headline in islice(pagedates.headlines(tree), pagedates.HEADLINES):
        before, after = pagedates.text_around_headline(tree, headline)
        own = len(" ".join(headline.text_content().split()))
        for position, value in months_in(after, now):
            if own < position <= own + pagedates.IN_STORY and not updated(after, position):
                return value
        for position, value in reversed(months_in(before, now)):
            if len(before) - position <= pagedates.ABOVE and not updated(before, position):
                return value
    return None


def updated(text: str, position: int) -> bool:
    return bool(pagedates.UPDATE_LABEL.search(text[max(0, position - 30) : position]))


def labelled_month(tree: Any, now: datetime) -> str | None:
    """The first month and year written right after a publication label."""
    text = pagedates.label_text(tree)
    for label in pagedates.PUBLISHED_LABEL.finditer(text):
        window = text[label.end() : label.end() + pagedates.LABEL_REACH]
        found = months_in(window, now)
        if found and found[0][0] == 0:
            return found[0][1]
    return None


def month_only(tree: Any, found: dict[str, Any], now: datetime) -> dict[str, Any]:
    """``found`` (the date fields) with the month the page states as its published date,
    when nothing better dates it (see the module)."""
    if found["published_source"] not in GUESSED:
        return found
    month, source = printed_month(tree, now), "shown"
    if month is None:
        month, source = labelled_month(tree, now), "labelled"
    if month is None or (found["published_at"] or "").startswith(month):
        return found  # a day within the month agrees, and is more precise
    return found | {"published_at": month, "published_source": source}
