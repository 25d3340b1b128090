"""Which dates a page states, and the rules that pick ``published_at`` and ``modified_at``.

Candidates, most trusted first: JSON-LD, ``<meta>``, ``<time>`` elements (their
``datetime``, or their text when they have none; and microdata ``itemprop`` dates)
of the article itself, the feed or news sitemap
that listed the page, and a date in the URL (``/2026/03/04/``, ``/20260304/``);
htmldate's guess from the whole page only when none of them gives a date. Rules:

- a candidate later than the fetch (beyond a day of clock skew) or unparseable
  is skipped: dates in scripts, countdowns and event listings never win;
- the first good candidate wins, but a later one that agrees with it and is more
  precise (adds the time, or the timezone of the same wall-clock time) is used
  instead, so a bare JSON-LD date becomes the meta tag's full datetime;
- ``<time>`` elements in navigation, asides, footers, teaser and related lists
  are ignored; one marked as an update (``itemprop=dateModified``, a class
  containing ``updat``/``modif``) is a modified date, never a published one;
- a page for which no candidate gives a date gets htmldate's search
  (``searched_date``: its quick search of the markup and URL, then its extensive
  one, which reads dates in the page's text too; run only then, on a copy of the
  tree, for its cost);
- a clock given in UTC (``Z``, ``+00:00``) may have moved the day the page
  shows: when a later candidate (not htmldate's guess) is the same moment with
  the page's own offset, or a bare date one day off that the moment has in some
  zone (UTC-12 to UTC+14), that candidate wins (``/2026/03/04/`` in the URL over
  ``2026-03-05T02:00:00Z``; the text of ``<time datetime="2026-02-24T04:13:00Z">``,
  "February 23, 2026", over its attribute);
- htmldate's guess is dropped when it is only the day of the modified date; a
  modified date earlier than the published one is dropped;
- a page that states only a modified date (after the extensive search) gets it
  as its published date too, with ``published_source`` ``modified``
  (``only_modified``): it is the one date the page shows.
Plain functions over an lxml tree; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pipelines.extract.dates import normalise_date, parse_date

URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=/|$|[-_.])"
    r"|/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$|[-_])"
)
DATE_PROPS = ("datepublished", "datemodified")
SKIP_ANCESTORS = {"nav", "aside", "footer"}
SKIP_CLASS = re.compile(r"related|teaser|comment|sidebar|widget|recommend|news-list|more-", re.I)
MODIFIED_CLASS = re.compile(r"updat|modif|edited|revis", re.I)
PUBLISHED_CLASS = re.compile(r"publish|pubdate|posted|created", re.I)
GUESSES = {"htmldate"}  # candidates that are guesses, never a page's own statement
LOCAL_SHIFTS = (timedelta(hours=-12), timedelta(hours=14))  # the widest UTC offsets


def url_date(url: str) -> str | None:
    """The date in an article URL's path, as ``YYYY-MM-DD``, if it holds a valid one."""
    match = URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    year, month, day = [g for g in match.groups() if g is not None]
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _classes(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _in_furniture(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in SKIP_ANCESTORS or SKIP_CLASS.search(_classes(ancestor)):
            return True
    return False


def time_candidates(tree: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(published, modified) candidates from ``<time>`` and microdata of the article."""
    published: list[tuple[str, str]] = []
    modified: list[list[tuple[str, str]]] = []  # per element: its attribute, its text
    unmarked: list[list[tuple[str, str]]] = []
    for element in tree.xpath("//time | //*[@itemprop][@datetime or @content]"):
        if element.tag == "meta" or _in_furniture(element):
            continue  # <meta itemprop> is read with the other meta tags
        value = (element.get("datetime") or element.get("content") or "").strip()
        if not value and element.tag == "time":  # <time>4 Maret 2026</time>
            value = " ".join(element.text_content().split())[:80]
        itemprop = (element.get("itemprop") or "").lower()
        if not value or (element.tag != "time" and itemprop not in DATE_PROPS):
            continue
        values = [("time", value)]
        shown = " ".join(element.text_content().split())[:80]
        if element.tag == "time" and shown and shown != value:  # the day it prints
            values.append(("time", shown))
        parent = element.getparent()
        around = _classes(element) + " " + (_classes(parent) if parent is not None else "")
        around += " " + (parent.get("itemprop") or "" if parent is not None else "")
        if itemprop == "datemodified" or MODIFIED_CLASS.search(around):
            modified.append(values)
        elif itemprop == "datepublished" or PUBLISHED_CLASS.search(around):
            published.extend(values)
        else:
            unmarked.append(values)
    return published + (unmarked or [[]])[0], (modified or [[]])[0]


def searched_date(tree: Any, now: datetime, url: str | None = None) -> str | None:
    """htmldate's date of the page (original date): its quick search (markup and URL),
    then its extensive one (the text), or ``None``. htmldate reads ``tree`` and prunes
    a copy of its own."""
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(
                tree,
                url=url,
                extensive_search=extensive,
                original_date=True,
                outputformat="%Y-%m-%d",
                max_date=now.strftime("%Y-%m-%d"),
            )
        except Exception:  # noqa: BLE001 - a date search that fails finds no date
            found = None
        if found:
            return found
    return None


def _moment(value: str) -> datetime:
    parsed = parse_date(value)
    if isinstance(parsed, datetime):
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    assert parsed is not None
    return datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC)


def _earlier(value: str, other: str) -> bool:
    if _detail(value) == 0 or _detail(other) == 0:
        return value[:10] < other[:10]
    return _moment(value) < _moment(other)


def _detail(value: str) -> int:
    """0 a date, 1 a naive datetime, 2 a datetime with its timezone."""
    parsed = parse_date(value)
    if not isinstance(parsed, datetime):
        return 0
    return 2 if parsed.tzinfo else 1


def _agrees(first: str, other: str) -> bool:
    """Same day, and same wall-clock time when both have one."""
    if first[:10] != other[:10]:
        return False
    return _detail(first) == 0 or _detail(other) == 0 or first[11:16] == other[11:16]


def pick(
    candidates: list[tuple[str, str | None]], now: datetime, language: str | None = None
) -> tuple[str | None, str | None]:
    """(value, source): the first good candidate, or a more precise one that agrees with it."""
    good = [
        (value, source)
        for source, raw in candidates
        if (value := normalise_date(raw, now, language)) is not None
    ]
    if not good:
        return None, None
    best = good[0]
    for value, source in good[1:]:
        if _agrees(best[0], value) and _detail(value) > _detail(best[0]):
            best = (value, source)
    if _is_utc(best[0]):  # a clock converted to UTC: the page's own day wins
        for value, source in good[1:]:
            if source not in GUESSES and _local_day_of(value, best[0]):
                return value, source
    return best


def _is_utc(value: str) -> bool:
    parsed = parse_date(value)
    return isinstance(parsed, datetime) and parsed.utcoffset() == timedelta(0)


def _local_day_of(value: str, utc_value: str) -> bool:
    """``value`` is the same moment in a local zone, or a day the UTC moment has in one."""
    if value[:10] == utc_value[:10]:
        return False
    instant = _moment(utc_value)
    if _detail(value) == 2:
        return _moment(value) == instant
    if _detail(value) == 1:
        return False
    return value[:10] in {(instant + shift).date().isoformat() for shift in LOCAL_SHIFTS}


def choose(
    published: list[tuple[str, str | None]],
    modified: list[tuple[str, str | None]],
    now: datetime,
    language: str | None = None,
) -> dict[str, Any]:
    """The article's date fields from its candidates (see the module's rules).

    ``language``, the page's declared language, reads written dates
    (``pipelines.extract.dates``)."""
    published_at, published_source = pick(published, now, language)
    modified_at, modified_source = pick(modified, now, language)
    if published_source == "htmldate" and modified_at and published_at == modified_at[:10]:
        published_at = published_source = None  # only the day of the update
    if published_at and modified_at and _earlier(modified_at, published_at):
        modified_at = modified_source = None
    return {
        "published_at": published_at,
        "published_source": published_source,
        "modified_at": modified_at,
        "modified_source": modified_source,
    }


def only_modified(found: dict[str, Any]) -> dict[str, Any]:
    """A page that states only when it was updated: that date is its published one too.

    ``published_source`` says ``modified``, so the archive can tell it apart."""
    if found["published_at"] is None and found["modified_at"] is not None:
        return found | {"published_at": found["modified_at"], "published_source": "modified"}
    return found
