"""Date rules: normalise page and feed dates to ISO 8601, keep timezones, refuse the future.

Plain functions, no Scrapy. Accepts ISO 8601 (with or without time and zone),
RFC 822 (RSS ``pubDate``) and bare dates. A datetime is kept with the offset
the page gives; one without an offset stays naive (no zone is invented). A
date later than the fetch time (plus a small skew) is refused.
Settings read: none.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

FUTURE_SKEW = timedelta(hours=26)  # a page's local date may run ahead of UTC
ISO_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.ASCII,  # \d of other scripts (e.g. Bengali digits) is not a date
)


def parse_date(value: str | None) -> datetime | date | None:
    """Parse a date or datetime string; ``None`` when it is not one."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
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
                zone = zone[:3] + ":" + zone[3:]
            parsed = datetime.fromisoformat(parsed.isoformat() + zone)
        return parsed
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed


def iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def normalise_date(value: str | None, now: datetime | None = None) -> str | None:
    """ISO 8601 form of ``value``, or ``None`` if unparseable or in the future of ``now``."""
    parsed = parse_date(value)
    if parsed is None:
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
