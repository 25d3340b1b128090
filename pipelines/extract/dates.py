"""Date rules: normalise page and feed dates to ISO 8601, keep timezones, refuse the future.

Plain functions, no Scrapy. The fast parser accepts ISO 8601 (with or without
time and zone; a one-digit hour and an offset in hours, "+01", too), RFC 822 (RSS
``pubDate``), bare dates, epoch seconds or
milliseconds, and written dates in the project's languages: "March 4, 2026 10:00
PM EST", "Rabu, 4 Maret 2026 10:00 WIB", "4 mars 2026", "4. März 2026", "4 de
marzo de 2026", "04-Aug-2021", "2026年3月4日 10時00分", "04.03.2026" and "4. 3. 2026" (day first),
"04.03.26" (dots, two digits each: a two-digit year). Zones: numeric
offsets (``+0700``, ``GMT+0700``, ``UTC+7``) and the common abbreviations of
``ZONES`` (EST, PDT, CET, WIB, JST...). When the fast parser fails, a bounded
fallback asks ``dateparser`` (absolute dates only, never "yesterday"; strings of
at most ``FALLBACK_MAX_CHARS``; the declared language, and a fixed day/month
order: month first only for English, so ``04.03.2026`` is 4 March; on an English
page a numeric date with slashes or hyphens whose day and month could be swapped,
"02-12-2025", is not guessed, since English pages write both orders, unless the page's
tag names its order: "en-US" month first, "en-GB" day first (``english_order``,
``pagedates.date_language`` gives the tag from the page's own dates, its region or its
American spelling); one with dots is
day first in every language). A datetime is
kept with the offset the page gives; one without an offset stays naive (no zone
is invented). A date later than the fetch time (plus a small skew) is refused.
Settings read: none.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from pipelines.extract.leads import Led, NamedDay

FUTURE_SKEW = timedelta(hours=26)  # a page's local date may run ahead of UTC
ISO_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$",  # "T4:10:00", "+01" as well
    re.ASCII,  # \d of other scripts (e.g. Bengali digits) is not a date
)
ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


FALLBACK_MAX_CHARS = 60
CENTURY_PIVOT = 70  # a two-digit year below it is in the 2000s ("31.10.23"), else the 1900s
ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "IST": 330, "CET": 60, "CEST": 120,
    "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600, "WIB": 420, "WITA": 480, "WIT": 540,
    "ICT": 420, "SGT": 480, "MYT": 480, "PHT": 480, "HKT": 480, "AWST": 480, "JST": 540,
    "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "PKT": 300,
}  # fmt: skip
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan januari janvier janv januar jän enero ene janeiro gennaio gen",
            "february feb februari février févr fév fevrier februar febrero febr fevereiro fev "
            "febbraio",
            "march mar maret mars märz maerz mär mrz marzo março marco",
            "april apr avril abril abr aprile",
            "may mei mai mayo maio maggio mag",
            "june jun juni juin junio junho giugno giu",
            "july jul juli juillet juil julio julho luglio lug",
            "august aug agustus agu agt ags août aout agosto ago",
            "september sep sept septembre septiembre setiembre setembro set settembre",
            "october oct oktober okt octobre octubre outubro out ottobre ott",
            "november nov nopember novembre noviembre novembro",
            "december dec desember des décembre déc decembre dezember dez diciembre dic dezembro "
            "dicembre",
        ],
        start=1,
    )
    for name in names.split()
}
CLOCK = (
    r"(?:\D{0,12}?(\d{1,2})[:.h時](\d{2})(?:[:.](\d{2}))?\s*(?:分)?\s*"
    r"(am|pm|a\.\s?m\.|p\.\s?m\.)?)?\s*"
    r"(?:\(?((?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    + "|".join(sorted(ZONES, key=len, reverse=True))
    + r")\b\)?)?"
)  # a zone is one of ``ZONES``, a whole word: "May 21, 2025 April 24" holds two dates
WRITTEN = [
    # day month year: 4 Maret 2026, 4. März 2026, 4 de marzo de 2026, 04-ago-2021
    re.compile(
        r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er)?(?:\.?\s+(?:de\s+)?|-)([^\W\d_]{3,10})"
        r"(?:\.?,?\s+(?:de\s+)?|-)(\d{4})" + CLOCK,
        re.I,
    ),
    # month day year: March 4, 2026
    re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + CLOCK, re.I),
]
CJK_DATE = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?" + CLOCK, re.I)
NUMERIC = re.compile(  # "04.03.2026", "4/3/2026", "4. 3. 2026" (a space after the dots)
    r"(?<!\d)(\d{1,2})(?:\.\s?|[/-])(\d{1,2})(?:\.\s?|[/-])(\d{4})(?!\d)" + CLOCK, re.I
)
SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{2})(?![\d.])" + CLOCK, re.I)
EPOCH = re.compile(r"^\d{9,10}(?:\d{3})?(?:\.\d+)?$")


def _zone(text: str | None) -> timezone | None:
    """A timezone from an offset ("+0700", "GMT+7", "UTC+05:30") or an abbreviation."""
    if not text:
        return None
    text = text.replace(" ", "").upper()
    match = re.match(r"^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$", text)
    if match:
        sign, hours, minutes = match.groups()
        if len(hours) == 1 and minutes is None or int(hours) <= 14:
            delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
            return timezone(-delta if sign == "-" else delta)
        return None
    if text in ZONES:
        return timezone(timedelta(minutes=ZONES[text]))
    return None


def _build(
    year: str, month: int, day: str, clock: tuple[str | None, ...]
) -> datetime | date | None:
    hour, minute, second, half, zone_text = clock
    try:
        if hour is None:
            return date(int(year), month, int(day))
        hours = int(hour)
        if half:
            if hours > 12:
                return None
            hours = hours % 12 + (12 if half.lower().startswith("p") else 0)
        moment = datetime(int(year), month, int(day), hours, int(minute), int(second or 0))
    except ValueError:
        return None
    zone = _zone(zone_text)
    if zone_text and zone is None and zone_text.upper() not in {"AM", "PM"}:
        zone_text = None  # a word after the time that is no zone: ignored
    return moment.replace(tzinfo=zone) if zone else moment


AMBIGUOUS = date.min  # a numeric date whose day and month cannot be told apart
MONTH_FIRST, DAY_FIRST = "en-US", "en-GB"  # English tags that name a numeric date's order


def english_order(language: str | None) -> str | None:
    """For an English tag, "en" (numeric dates of either order: ambiguous, not read),
    ``MONTH_FIRST`` or ``DAY_FIRST``; ``None`` for any other language."""
    if language in (MONTH_FIRST, DAY_FIRST):
        return language
    return "en" if language == "en" else None


def primary(language: str | None) -> str | None:
    """The language without its region: "en-US" is "en"."""
    return "en" if language in (MONTH_FIRST, DAY_FIRST) else language


def written_date(value: str, language: str | None = None) -> datetime | date | None:
    """A date written out (see the module); ``None`` when the text holds none."""
    match = CJK_DATE.search(value)
    if match:
        year, month, day, *clock = match.groups()
        return _build(year, int(month), day, tuple(clock))
    for number, pattern in enumerate(WRITTEN):
        for match in pattern.finditer(value):
            groups = match.groups()
            if number == 0:
                day, name, year = groups[:3]
            else:
                name, day, year = groups[:3]
            month = MONTHS.get(name.casefold().rstrip("."))
            if month:
                return _build(year, month, day, tuple(groups[3:]))
    match = NUMERIC.search(value)
    if match:
        first, second, year, *clock = match.groups()
        order = english_order(language)
        either = order is not None and match.group(0)[len(first)] != "."  # dots: day first
        if either and order == DAY_FIRST and int(second) <= 12:
            return _build(year, int(second), first, tuple(clock))
        swappable = int(first) <= 12 and int(second) <= 12 and int(first) != int(second)
        if either and order == "en" and swappable:
            return AMBIGUOUS  # English pages write both 03/04 and 04-03: no guess
        day, month = (second, first) if either and int(first) <= 12 else (first, second)
        return _build(year, int(month), day, tuple(clock))
    match = SHORT_YEAR.search(value)  # "31.10.23": dots, day first, two digits each
    if match:
        day, month, year, *clock = match.groups()
        century = "20" if int(year) < CENTURY_PIVOT else "19"
        return _build(century + year, int(month), day, tuple(clock))
    return None


@lru_cache(maxsize=32)
def _dateparser_settings(language: str | None) -> dict:
    return {
        "DATE_ORDER": "MDY" if english_order(language) in ("en", MONTH_FIRST) else "DMY",
        "PARSERS": ["timestamp", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def fallback_date(value: str, language: str | None = None) -> datetime | date | None:
    """``dateparser`` on a short string with a digit, in the declared language."""
    if len(value) > FALLBACK_MAX_CHARS or not re.search(r"\d", value) or ISO_PREFIX.match(value):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - it comes with trafilatura (htmldate)
        return None
    try:
        parsed = dateparser.parse(
            value,
            languages=[primary(language)] if language else None,
            settings=dict(_dateparser_settings(language)),
        )
    except Exception:  # noqa: BLE001 - its language data may reject a string
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None and parsed.time() == datetime.min.time():
        return parsed.date()
    return parsed


def parse_date(value: str | None, language: str | None = None) -> datetime | date | None:
    """Parse a date or datetime string; ``None`` when it is not one.

    ``language`` (the page's declared language) orders day and month in numeric
    dates and guides the ``dateparser`` fallback. Remembered per string and language
    (``parsed``): the date rules read the same few strings again and again (``pick``,
    ``stamped``, ``_moment``...), and a ``dateparser`` fallback costs milliseconds."""
    if not value or not isinstance(value, str):
        return None
    return parsed(value, language)


@lru_cache(maxsize=4096)
def parsed(value: str, language: str | None) -> datetime | date | None:
    """``parse_date`` of a non-empty string (its results are immutable: kept)."""
    value = " ".join(value.split())
    if EPOCH.match(value):
        seconds = float(value) / (1000 if len(value.split(".")[0]) > 10 else 1)
        return datetime.fromtimestamp(seconds, UTC)
    match = ISO_RE.match(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            if hour is None:
                return date(int(year), int(month), int(day))
            parsed = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            return None
        if zone:
            zone = "+00:00" if zone == "Z" else zone
            if ":" not in zone:
                zone = zone[:3] + ":" + (zone[3:] or "00")
            parsed = datetime.fromisoformat(parsed.isoformat() + zone)
        return parsed
    if ISO_PREFIX.match(value) and not re.search(r"[^\d\s:.+TZ-]", value):
        return None  # ISO-shaped but not a date ("2026-13-01")
    written = written_date(value, language)
    if written is AMBIGUOUS:
        return None
    if written is not None:
        return written
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    return fallback_date(value, language)


ISO_IN_TEXT = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
# the same patterns, each but CJK's (led by its digits) searched from a cheap lead
# (``leads``): a whole page's text in a fifth of the CPU
IN_TEXT = [
    Led(WRITTEN[0], r"\d", flags=WRITTEN[0].flags),
    NamedDay(WRITTEN[1], r"\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", name=10),
    CJK_DATE,
    Led(NUMERIC, r"\d\d?(?:\.\s?|[/-])\d", flags=NUMERIC.flags),
    Led(SHORT_YEAR, r"\d\d\.\d\d\.\d\d", flags=SHORT_YEAR.flags),
    Led(ISO_IN_TEXT, r"\d{4}-\d\d-\d\d", flags=ISO_IN_TEXT.flags),
]


def dates_in_text(
    text: str, now: datetime | None = None, language: str | None = None
) -> list[tuple[int, str]]:
    """Every date written in ``text`` that ``normalise_date`` accepts, as (position, ISO
    form), in reading order: written dates ("March 4, 2026", "4 Maret 2026"), CJK
    dates, numeric ones (day first; on English pages only when the order is certain)
    and ISO dates; never the ``dateparser`` fallback."""
    found: dict[int, str] = {}
    for pattern in IN_TEXT:
        for match in pattern.finditer(text):
            raw = match.group(0)
            parsed = parse_date(raw) if raw[:1].isdigit() and raw[4:5] == "-" else None
            value = _checked(parsed or written_date(raw, language), now)
            if value is not None and match.start() not in found:
                found[match.start()] = value
    return sorted(found.items())


def iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def normalise_date(
    value: str | None, now: datetime | None = None, language: str | None = None
) -> str | None:
    """ISO 8601 form of ``value``, or ``None`` if unparseable or in the future of ``now``."""
    return _checked(parse_date(value, language), now)


def _checked(parsed: datetime | date | None, now: datetime | None) -> str | None:
    """ISO form of a parsed date, or ``None`` when it is later than ``now`` or before 1990."""
    if parsed is None or parsed is AMBIGUOUS:
        return None
    now = now or datetime.now(UTC)
    if isinstance(parsed, datetime):
        aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if aware > now + FUTURE_SKEW:
            return None
    elif parsed > (now + FUTURE_SKEW).date():
        return None
    if parsed.year < 1990:
        return None
    return iso(parsed)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
