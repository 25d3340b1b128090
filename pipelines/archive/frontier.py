"""The incremental frontier: which URLs a source has, what was done with them, when to revisit.

Plain functions over the archive's ``known_urls`` table (no Scrapy), so a later
or resumed run knows what it may skip. One row per canonical URL: its source,
its ``kind`` (``article``, ``listing``, ``other``: what the page turned out to be;
``feed``, ``sitemap``), its ``state``
(``queued`` = discovered but not fetched yet, ``done``, ``failed`` = retried by
the next ``RETRY_FAILED`` runs, ``skipped`` = not an article, ``gone`` = a
permanent failure such as a 404), the validators of its last response (``etag``,
``last_modified``, for conditional GET), ``first_seen``, ``last_visit``,
``visits``, ``failures`` and ``next_visit`` (ISO time, or NULL for never).

It is also the crawl's one ledger of outcomes: every URL a run fetched gets the
``outcome`` of its last fetch (``new``, ``updated``, ``unchanged``,
``not_modified``, ``duplicate``, ``listing``, ``feed``, ``sitemap``, ``other``
for a page that is not an article, ``error``), its ``reason`` and the ``run_id``
that recorded it; resume, incremental runs and the accounting of each run read it.
A distributed run also keeps its requests in flight here (``schedule``, ``settle``):
``request`` holds the JSON a worker needs to make a scheduled request again, from
the moment it is scheduled until its URL gets an outcome (or is given up), with
``requested_run`` (the run that scheduled it) and ``attempts``; there is no other
record of what is done.

Revisit schedule: an article is refetched (conditionally) when each step of the
schedule (``"1h,6h,24h,3d"`` by default: ``parse_schedule``) has elapsed since
its age base, the earlier of its publication date and first sighting, then never.
An article published long before it was first seen is therefore not revisited
at all. Settings read: none (the spider passes ``NEWS_REVISIT_AFTER``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipelines.archive import sql
from pipelines.extract.dates import parse_date
from pipelines.items import ArticleItem, ErrorItem, FrontierItem

DEFAULT_SCHEDULE = "1h,6h,24h,3d"
RETRY_FAILED = 3  # a URL that failed is retried by this many later runs, then dropped
# Failures that another try will not fix: the URL is marked ``gone`` and not retried.
PERMANENT = {
    "http_404",
    "http_410",
    "soft_404",
    "not_html",
    "too_big",
    "robots",
    "private_address",
    "offsite",
}
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
STEP_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")


class ScheduleError(ValueError):
    """A revisit schedule that cannot be read."""


def parse_schedule(text: str) -> list[timedelta]:
    """``"1h,6h,24h,3d"`` → sorted steps. An empty string (or ``never``) means no revisits."""
    if not text or text.strip().lower() in ("never", "none", "0"):
        return []
    steps = []
    for part in text.split(","):
        match = STEP_RE.match(part)
        if not match:
            raise ScheduleError(f"bad revisit step {part.strip()!r} (use e.g. 30m, 1h, 3d)")
        steps.append(timedelta(seconds=float(match[1]) * UNITS[match[2]]))
    return sorted(steps)


MONTH = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])")  # a publication stated to the month


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 822 time (a date is its midnight, a month its first day's:
    ``pipelines.extract.monthdates``; naive is UTC), or None."""
    month = MONTH.fullmatch(value or "")
    if month:
        return datetime(int(month[1]), int(month[2]), 1, tzinfo=UTC)
    moment = parse_date(value)
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def age_base(first_seen: str, published: str | None) -> datetime:
    """The start of an article's age: its publication, unless it was seen earlier."""
    seen = parse_time(first_seen) or datetime.now(UTC)
    born = parse_time(published)
    return min(seen, born) if born else seen


def next_visit(base: datetime, last_visit: datetime, steps: list[timedelta]) -> datetime | None:
    """The first schedule point after ``last_visit``, or None when the schedule is over."""
    for step in steps:
        if base + step > last_visit:
            return base + step
    return None


@dataclass
class Known:
    """What the frontier knows of a URL when a run starts."""

    url: str
    source: str
    kind: str
    state: str
    etag: str | None
    last_modified: str | None
    failures: int
    lastmod: str | None
    first_seen: str | None
    last_visit: str | None
    published: str | None

    def next_visit(self, steps: list[timedelta]) -> datetime | None:
        last = parse_time(self.last_visit)
        if last is None:
            return None
        return next_visit(age_base(self.first_seen or self.last_visit, self.published), last, steps)

    def is_due(self, now: datetime, steps: list[timedelta]) -> bool:
        """Should this known URL be requested in a run at ``now``?"""
        if self.state == "queued":
            return True
        if self.state == "failed":
            return self.failures < RETRY_FAILED
        if self.state != "done" or self.kind != "article":
            return False
        when = self.next_visit(steps)
        return when is not None and when <= now

    def conditional_headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` from the stored validators."""
        if self.state != "done":
            return {}
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


COLUMNS = (
    "url, source, kind, state, etag, last_modified, coalesce(failures, 0), lastmod, "
    "first_seen, last_visit, published"
)


def load(db: Any, sources: list[str]) -> dict[str, Known]:
    """Every known URL of these sources, read from ``db`` (any connection: it only reads)."""
    if not sources:
        return {}
    marks = ",".join("?" * len(sources))
    rows = db.execute(
        f"SELECT {COLUMNS} FROM known_urls WHERE source IN ({marks})", sources
    ).fetchall()
    return {row[0]: Known(*row) for row in rows}


def mark(db: Any, url: str, source: str, kind: str, state: str, at: str, **fields: Any) -> None:
    """Record what happened to a URL (the caller wraps a batch in ``db.atomic()``).

    ``queued`` records a discovery and never downgrades a known URL; ``done``
    counts a visit and keeps the validators given; ``failed``/``skipped``/``gone``
    count a visit; an unknown URL gets ``first_seen``. ``fields`` may carry the
    outcome ledger's ``outcome``, ``reason`` and ``run_id``.
    """
    row = db.execute(
        "SELECT first_seen, visits, failures, published FROM known_urls WHERE url = ?", [url]
    ).fetchone()
    fields = {k: v for k, v in fields.items() if v is not None}
    if row is None:
        sql.insert(
            db,
            "known_urls",
            {
                "url": url,
                "source": source,
                "kind": kind,
                "state": state,
                "first_seen": at,
                "visits": 0 if state == "queued" else 1,
                "failures": int(state == "failed"),
                **({} if state == "queued" else {"last_visit": at}),
                **fields,
            },
        )
        return
    if state == "queued":
        return
    _, visits, failures, _ = row
    values = {
        "kind": kind,
        "state": state,
        "last_visit": at,
        "visits": (visits or 0) + 1,
        "failures": (failures or 0) + 1 if state == "failed" else 0,
        **fields,
    }
    sql.update(db, "known_urls", "url", url, values)


def outcome_of(item: Any, written: str | None = None) -> str | None:
    """The ledger outcome of an item the archive writes; None when nothing was fetched.

    ``written`` is what the archive made of an article (``new``, ``updated``,
    ``unchanged`` or ``duplicate``).
    """
    if isinstance(item, ArticleItem):
        return written
    if isinstance(item, FrontierItem):
        return item.outcome
    if isinstance(item, ErrorItem) and item.fetched:
        return "other" if item.kind == "skipped" else "error"
    return None


def record(
    db: Any,
    item: Any,
    written: str | None = None,
    run_id: int | None = None,
    article_id: str | None = None,
) -> str | None:
    """Update ``known_urls`` for an item the archive pipeline writes; returns its outcome.

    ``article_id`` is the archived article a duplicate points at (its own id otherwise).
    """
    outcome = outcome_of(item, written)
    ledger = {"outcome": outcome, "run_id": run_id if outcome else None}
    if isinstance(item, FrontierItem):
        mark(
            db,
            item.requested_url or item.url,
            item.source,
            item.kind,
            item.state,
            item.at,
            last_status=item.status,
            etag=item.etag,
            last_modified=item.last_modified,
            published=item.published,
            lastmod=item.lastmod,
            reason=item.reason if outcome else None,
            **ledger,
        )
    elif isinstance(item, ArticleItem):
        page, article = item.page, item.article
        validators = {
            "etag": page.headers.get("etag"),
            "last_modified": page.headers.get("last-modified"),
        }
        urls = dict.fromkeys([page.requested_url, page.url, article.get("canonical_url")])
        for url in filter(None, urls):
            mark(
                db,
                url,
                page.source,
                "article",
                "done",
                page.fetched_at,
                last_status=page.status,
                article_id=article_id or article["id"],
                published=article.get("published_at"),
                reason=article.get("kind_reason"),
                **ledger,
                **(validators if url == page.requested_url else {}),
            )
    elif isinstance(item, ErrorItem):
        if not item.fetched:
            return None
        state = "gone" if item.reason in PERMANENT else item.kind
        mark(
            db,
            item.requested_url or item.url,
            item.source,
            item.url_kind,
            state,
            item.fetched_at or iso(datetime.now(UTC)),
            last_status=item.http_status,
            reason=item.reason,
            **ledger,
        )
    return outcome


# What a scheduled URL is taken for until its page says otherwise, by the request's callback.
KIND_OF_CALLBACK = {"parse_feed": "feed", "parse_sitemap": "sitemap", "parse_start": "listing"}


def schedule(db: Any, run_id: int, request: dict[str, Any], at: str, attempts: int = 1) -> None:
    """A distributed run scheduled this request: keep it for replay until it is settled.

    A URL already scheduled in this run keeps its ``attempts``; in another run it
    starts at ``attempts``. A new URL gets a ``queued`` row (the caller holds the
    transaction).
    """
    url = request["url"]
    known = db.execute("SELECT requested_run FROM known_urls WHERE url = ?", [url]).fetchone()
    values: dict[str, Any] = {"request": request, "requested_run": run_id}
    if known is None:
        source = request.get("meta", {}).get("source", "")
        kind = KIND_OF_CALLBACK.get(request.get("callback", ""), "article")
        mark(db, url, source, kind, "queued", at, **values, attempts=attempts)
    elif known[0] == run_id:
        sql.update(db, "known_urls", "url", url, values)
    else:
        sql.update(db, "known_urls", "url", url, {**values, "attempts": attempts})


def settle(db: Any, urls: set[str]) -> int:
    """These URLs got an outcome (or may not be fetched): nothing to replay; returns how many."""
    settled = 0
    for url in urls:
        settled += db.execute(
            "UPDATE known_urls SET request = NULL WHERE url = ? AND request IS NOT NULL", [url]
        ).rowcount
    return settled


def reschedule(db: Any, sources: list[str], since: str, steps: list[timedelta]) -> int:
    """Fill ``next_visit`` of the articles visited since ``since`` (for browsing the state)."""
    marks = ",".join("?" * len(sources))
    rows = db.execute(
        f"SELECT {COLUMNS} FROM known_urls WHERE source IN ({marks}) AND kind = 'article' "
        "AND last_visit >= ?",
        [*sources, since],
    ).fetchall()
    for row in rows:
        known = Known(*row)
        when = known.next_visit(steps) if known.state == "done" else None
        db.execute(
            "UPDATE known_urls SET next_visit = ? WHERE url = ?",
            [iso(when) if when else None, known.url],
        )
    return len(rows)


def close_run(
    db: Any,
    run_id: int,
    started: str,
    finished: str,
    counts: dict[str, dict[str, int]],
    steps: list[timedelta],
) -> None:
    """At the end of a run: fill ``next_visit`` and each source's ``cursor``."""
    for name, source_counts in counts.items():
        reschedule(db, [name], started, steps)
        row = db.execute("SELECT cursor FROM sources WHERE name = ?", [name]).fetchone()
        if row is None:
            continue
        cursor = json.loads(row[0] or "{}")
        (known,) = db.execute(
            "SELECT count(*) FROM known_urls WHERE source = ? AND kind = 'article'", [name]
        ).fetchone()
        (due,) = db.execute(
            "SELECT min(next_visit) FROM known_urls WHERE source = ? AND state = 'done'", [name]
        ).fetchone()
        archived = sum(source_counts.get(k, 0) for k in ("new", "updated", "unchanged"))
        cursor.update(
            last_run=run_id,
            last_run_started=started,
            last_run_finished=finished,
            last_counts=source_counts,
            known_articles=known,
            next_revisit=due,
        )
        if archived:
            cursor["last_run_with_articles"] = run_id
        db.execute("UPDATE sources SET cursor = ? WHERE name = ?", [json.dumps(cursor), name])
