"""The archive's batch: one transaction that writes the items of a crawl, and their outcomes.

``write_batch(db, items, run_id, captures, learner, index, cluster)`` writes articles (new
versions, duplicates, translations; the search index by its triggers), captures, errors,
ledger rows (``known_urls``, ``pipelines.archive.frontier``) and WARC index rows
(``warc_records``), and assigns the batch's articles their near-duplicate cluster
(``pipelines.archive.dedupe.assign``, when ``cluster`` gives the threshold), in one
``atomic`` transaction and
returns each fetched item's outcome, one of ``OUTCOME_COUNTERS`` (what the run's
accounting adds up per source). ``ArchivePipeline`` (``crawler.pipelines.archive``)
and the distributed writer call it. Settings read: none. Stats: none (callers count
the outcomes it returns).
"""

from __future__ import annotations

import logging
from typing import Any

from pipelines.archive import dedupe, frontier, store, translations, warc
from pipelines.archive.schema import atomic
from pipelines.extract.dates import utc_now
from pipelines.extract.minhash import signature_without
from pipelines.items import ArticleItem, ErrorItem, FrontierItem

logger = logging.getLogger(__name__)
ALONE_ATTEMPTS = 3  # tries of an item written alone after its batch failed


# Per-source counter of each ledger outcome (``news/source/NAME/COUNTER``).
COUNTER = {"other": "skipped", "error": "failed"}
# What a fetched URL can come to: the run's accounting adds these up per source.
OUTCOME_COUNTERS = (
    "new",
    "updated",
    "unchanged",
    "not_modified",
    "duplicate",
    "listing",
    "feed",
    "sitemap",
    "skipped",
    "failed",
)


def write_batch(
    db: Any,
    items: list[Any],
    run_id: int | None,
    keep_captures: bool,
    learner: Any = None,
    index: list[dict[str, Any]] | None = None,
    cluster: float | None = None,
) -> list[tuple]:
    """Write a batch in one transaction; returns (source, counter) per item.

    The counter is the per-source name of the item's outcome (``OUTCOME_COUNTERS``),
    plus ``captures`` for each capture kept. ``learner`` (``pipelines.archive.learners``
    ``SiteLearners``: the site's name stripped from titles, site template removed from text)
    runs first.
    ``index``: WARC index rows (``pipelines.archive.warc``: the records of the batch's
    pages, and any others written since the last batch) indexed in the same transaction.
    ``cluster``: the near-duplicate threshold (``DEDUPE_THRESHOLD``) when clustering is on:
    the batch's signed articles are banded and clustered as they are written, so the
    crawl's close has only what is left (``dedupe.cluster``).
    """
    outcomes: list[tuple] = []
    for item in items:  # the WARC records the caller waited for: their index rows
        if isinstance(item, ArticleItem):
            item.page.warc = warc.record_row(item.page.warc)
    with atomic(db):
        warc.insert_index(db, index or [])
        for item in items:
            written, original = None, None
            if isinstance(item, ArticleItem):
                written, original = write_article(
                    db, item, run_id, keep_captures, learner, cluster is not None
                )
                if written[1]:
                    outcomes.append((item.page.source, "captures"))
                written = written[0]
            elif isinstance(item, ErrorItem):
                write_error(db, item, run_id)
            outcome = frontier.record(db, item, written, run_id, original)  # the ledger
            if outcome:
                outcomes.append((source_of(item), COUNTER.get(outcome, outcome)))
        if learner is not None:
            learner.finish(db, cluster is not None)
        if cluster is not None:
            dedupe.assign(db, cluster)
    return outcomes


def write_error(db: Any, item: ErrorItem, run_id: int | None) -> None:
    """One ``errors`` row: a page that failed or was skipped, with its reason."""
    store.save_error(
        db,
        {
            "run_id": run_id,
            "source": item.source,
            "url": item.url,
            "kind": item.kind,
            "reason": item.reason,
            "detail": item.detail[:2000],
            "http_status": item.http_status,
            "at": item.fetched_at or utc_now(),
        },
    )


def write_article(
    db: Any,
    item: ArticleItem,
    run_id: int | None,
    keep_captures: bool,
    learner: Any,
    sign: bool = False,
) -> tuple[tuple[str, bool], str | None]:
    """One article: ((outcome, capture kept), the archived article it duplicates).
    ``sign`` (clustering is on): a text the learners took lines out of gets its signature
    from the worker's (``minhash.signature_without``) when that can tell, so that
    ``dedupe.assign`` need not sign it whole."""
    page = item.page
    if learner is not None:
        text, given = item.article.get("text"), item.article.get("content_hash")
        learner.apply(db, item.article, page.source, page.fetched_at)
        if item.minhash_of and item.article.get("text") == text:  # the title alone changed:
            item.minhash_of = item.article["content_hash"]  # the worker's signature holds
        elif sign and item.minhash and item.minhash_of == given and text:
            blob = signature_without(item.minhash, text, item.article.get("text") or "")
            if blob is not None:
                item.minhash, item.minhash_of = blob, item.article["content_hash"]
    original = dedupe.exact_duplicate(db, item.article)  # same content, other URL
    dedupe.record_urls(db, item.article, page, original)
    if original:
        outcome = "duplicate"
    else:
        outcome = store.save_article(db, item.article, page.source, page.fetched_at)
        translations.record(db, item.article, page.source)
        if item.minhash and item.minhash_of == item.article["content_hash"]:
            dedupe.save_signature(db, item.article["id"], item.minhash_of, item.minhash)
    captured = keep_captures and store.save_capture(
        db,
        url=page.url,
        body=page.body,
        status=page.status,
        headers=page.headers,
        encoding=page.encoding,
        fetched_at=page.fetched_at,
        source=page.source,
        run_id=run_id,
        article_id=original or item.article["id"],
        warc=page.warc,
    )
    return (outcome, bool(captured)), original


def source_of(item: Any) -> str:
    page = getattr(item, "page", None)
    return page.source if page is not None else item.source


def requested_of(item: Any) -> str | None:
    """The URL the crawl requested for an item that settles a fetch, else None."""
    if isinstance(item, ArticleItem):
        return item.page.requested_url or item.page.url
    if isinstance(item, FrontierItem):
        return (item.requested_url or item.url) if item.outcome else None
    if isinstance(item, ErrorItem) and item.fetched:
        return item.requested_url or item.url
    return None


def save_sources(db: Any, configs: list[dict[str, Any]], now: str) -> None:
    with atomic(db):
        store.save_sources(db, configs, now)
