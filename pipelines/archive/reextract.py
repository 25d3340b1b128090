"""Re-extraction: rebuild archived articles from their stored captures, without the network.

``reextract(db, ...)`` takes each selected article's latest capture (its WARC
record, or a legacy in-SQLite body), runs ``pipelines.extract.page.page.extract_page`` on
it in worker processes (``pipelines.pool.WorkerPool``), and writes back what
changed: changed fields are updated in place; a changed title or text also
keeps the previous state in ``article_versions`` with ``cause = 'reextract'``
and bumps ``version``. The feed or sitemap hints come from the capture's WARC
``metadata`` record (else from the stored row). Running it twice changes
nothing the second time. ``fetch_count`` and ``last_fetched`` are left alone:
nothing was fetched. Settings read: none (``scrapy reextract`` passes them).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.archive import store, warc
from pipelines.archive.schema import atomic
from pipelines.extract import PRELOAD
from pipelines.extract.page import MIN_WORDS, extract_page, warm_up
from pipelines.pool import WorkerCrashed, WorkerPool, WorkerTimeout

COMPARED = tuple(f for f in store.ARTICLE_FIELDS if f not in ("id", "url"))
CHUNK = 200


@dataclass
class Report:
    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # extraction refused: reason -> n
    no_capture: int = 0
    fields: Counter = field(default_factory=Counter)  # field -> articles where it changed

    def lines(self) -> list[str]:
        out = [
            f"re-extracted {self.articles} articles: {self.changed} changed, "
            f"{self.unchanged} unchanged, {sum(self.skipped.values())} not articles any more "
            f"(kept as they were), {self.no_capture} without a capture"
        ]
        out += [f"  {name:<20} {n}" for name, n in sorted(self.fields.items())]
        out += [f"  skipped: {reason:<11} {n}" for reason, n in sorted(self.skipped.items())]
        return out


def selected(db: Any, source: str | None, since: str | None) -> list[dict[str, Any]]:
    """Articles to re-extract, each with its latest capture's id (None if it has none)."""
    where, params = [], []
    if source:
        where.append("a.source = ?")
        params.append(source)
    if since:
        where.append("a.last_fetched >= ?")
        params.append(since)
    sql = (
        "SELECT a.*, (SELECT c.id FROM captures c WHERE c.article_id = a.id "
        "ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1) AS capture_id FROM articles a"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY a.rowid"
    )
    return list(db.query(sql, params))


def stored_hints(db: Any, base: Path, capture: dict[str, Any], row: dict[str, Any]) -> dict:
    """What the feed or sitemap said when the page was found (from the WARC metadata record)."""
    record_id = capture.get("warc_record_id")
    meta = db.execute(
        "SELECT record_id FROM warc_records WHERE type = 'metadata' AND refers_to = ? "
        "ORDER BY id DESC LIMIT 1",
        [record_id],
    ).fetchone()
    if meta is not None:
        data = json.loads(warc.read_indexed(db, base, meta[0]).payload)
        return {**data.get("hints", {}), "via": data.get("via")}
    hints: dict[str, Any] = {"title": row["title"]}
    if row.get("published_source") in ("feed", "sitemap"):
        hints.update(published=row["published_at"], via=row["published_source"])
    return hints


def payload(db: Any, base: Path, row: dict[str, Any], min_words: int) -> dict[str, Any]:
    capture = db["captures"].get(row["capture_id"])
    return {
        "body": warc.capture_body(db, base, capture),
        "url": capture["url"],
        "encoding": capture["encoding"],
        "headers": json.loads(capture["headers"] or "{}"),
        "hints": stored_hints(db, base, capture, row),
        "fetched_at": capture["fetched_at"],
        "min_words": min_words,
    }


def same(field: str, new: Any, old: Any) -> bool:
    """Equal values; JSON columns are compared as data (key order is not a change)."""
    if field in store.JSON_FIELDS and isinstance(new, str) and isinstance(old, str):
        try:
            return json.loads(new) == json.loads(old)
        except ValueError:
            pass
    return new == old


def apply(db: Any, row: dict[str, Any], article: dict[str, Any]) -> list[str]:
    """Write a re-extracted article over its row; returns the fields that changed."""
    new = store.article_row(article, row["source"])
    new["id"], new["url"] = row["id"], row["url"]
    changed = [f for f in COMPARED if not same(f, new[f], row[f])]
    if not changed:
        return []
    update = {f: new[f] for f in changed}
    if "content_hash" in changed:
        update["version"] = store.record_version(
            db, row["id"], row, row["last_fetched"], new, "reextract"
        )
    db.table("articles").update(row["id"], update)
    return changed


async def _extract_all(
    db: Any, base: Path, pool: WorkerPool, rows: list[dict[str, Any]], min_words: int
) -> list[dict[str, Any]]:
    async def one(row: dict[str, Any]) -> dict[str, Any]:
        # Each page is read just before it goes to a worker, so reading overlaps extraction.
        try:
            return await pool.run(payload(db, base, row, min_words))
        except WorkerCrashed as exc:
            return {"skip_reason": "extract_crash", "skip_detail": str(exc)}
        except WorkerTimeout as exc:
            return {"skip_reason": "extract_timeout", "skip_detail": str(exc)}

    return await asyncio.gather(*(one(row) for row in rows))


async def _run(
    db: Any, rows: list[dict[str, Any]], pool: WorkerPool, min_words: int, learner: Any
) -> Report:
    base = warc.archive_base(db)
    report = Report()
    for start in range(0, len(rows), CHUNK):
        chunk = [r for r in rows[start : start + CHUNK] if r["capture_id"] is not None]
        report.no_capture += len(rows[start : start + CHUNK]) - len(chunk)
        articles = await _extract_all(db, base, pool, chunk, min_words)
        with atomic(db):
            for row, article in zip(chunk, articles, strict=True):
                report.articles += 1
                if article.get("skip_reason"):
                    report.skipped[article["skip_reason"]] += 1
                    continue
                if learner is not None:  # the site template, as when it was archived
                    learner.apply(db, article, row["source"], row["last_fetched"])
                changed = apply(db, row, article)
                report.fields.update(changed)
                report.changed += bool(changed)
                report.unchanged += not changed
            if learner is not None:
                learner.finish(db)
    return report


def reextract(
    db: Any,
    *,
    source: str | None = None,
    since: str | None = None,
    workers: int | None = None,
    min_words: int = MIN_WORDS,
    function: Callable[[dict[str, Any]], dict[str, Any]] | str = extract_page,
    timeout: float | None = None,
    learner: Any = None,
) -> Report:
    """Re-extract the selected articles in parallel and write what changed.

    ``learner`` (a ``pipelines.archive.boilerplate.BoilerplateLearner``) removes the site
    template from the new text as the archive pipeline does.
    """
    pool = WorkerPool(function, workers, initializer=warm_up, timeout=timeout, preload=PRELOAD)
    try:
        return asyncio.run(_run(db, selected(db, source, since), pool, min_words, learner))
    finally:
        pool.close()
