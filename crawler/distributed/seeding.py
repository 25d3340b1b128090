"""Start a distributed run (seed it) and clear a finished run's keys.

``seed_run`` runs where the archive is: it records the run in ``crawl_runs`` and
the sources in ``sources``, plans the run's seeds from the sources and the
archive's frontier (``pipelines.archive.frontier``: feeds, sitemaps, start pages, robots.txt
when no robots.txt middleware reads it (``ROBOTSTXT_OBEY`` off), revisits that are
due and URLs an earlier run found but never fetched, with their
conditional-GET validators; the same ``crawler.discovery.seeds`` functions the
``news`` spider starts from) and marks the known articles that are not due as seen
in the shared duplicate filter, so no worker fetches them. Then it stores the run
(id, state ``active``, the sources file) and pushes the seeds, in one Redis
transaction. ``clear_run`` deletes the run's keys once the writer has finished it.
Settings read (passed by ``scrapy seed``; defaults in ``crawler/settings.py``): ``ARCHIVE_DB``,
``NEWS_REVISIT_AFTER``, ``NEWS_ROBOTS_SITEMAPS``, ``ROBOTSTXT_OBEY``, ``NEWS_CLOCK``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.discovery.seeds import articles_due, channels, robots_urls, validators
from crawler.distributed import codec, ledger
from crawler.distributed.dupefilter import fingerprint
from crawler.distributed.keys import Keys
from crawler.run import RunContext
from crawler.sources import Source
from pipelines.archive import frontier, runs, store
from pipelines.archive.schema import atomic, open_archive
from pipelines.extract.dates import utc_now
from pipelines.urls import canonicalize_url

CALLBACKS = {
    "feed": "parse_feed",
    "sitemap": "parse_sitemap",
    "start": "parse_start",
    "robots": "parse_robots",
}


class RunActive(RuntimeError):
    """Redis still holds a run (unfinished, or finished and not cleared)."""


@dataclass
class SeedReport:
    run_id: int
    seeds: int
    skipped: int  # known articles not due, marked seen


def seed(url: str, source: str, via: str, headers: dict[str, str] | None = None) -> dict:
    meta = {"source": source, "via": via, "hints": {}}
    callback = CALLBACKS.get(via, "parse_article")
    return {"url": canonicalize_url(url), "callback": callback, "meta": meta, "headers": headers}


def plan(
    sources: list[Source],
    known: dict[str, frontier.Known],
    now: datetime,
    steps: list,
    robots: bool = True,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The run's seeds, and the known article URLs not due (to mark as seen)."""
    seeds: list[dict[str, Any]] = []
    for source in sources:
        for via, url in channels(source):
            seeds.append(seed(url, source.name, via, validators(known, url, via)))
        if robots:  # only when no worker's robots.txt middleware reads it (see seed_run)
            seeds.extend(seed(url, source.name, "robots") for url in robots_urls(source))
    skip: list[str] = []
    names = {s.name for s in sources}
    for item, via in articles_due(known.values(), names, now, steps):
        if via is not None:
            seeds.append(seed(item.url, item.source, via, item.conditional_headers()))
        else:
            skip.append(item.url)
    return seeds, skip


def run_of(server: Any, keys: Keys) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in server.hgetall(keys.run).items()}


def seed_run(
    server: Any,
    keys: Keys,
    archive: str | Path,
    sources_path: str | Path,
    sources: list[Source],
    settings: Any,
) -> SeedReport:
    """Record and seed a new run; raises ``RunActive`` if Redis still holds one."""
    run = run_of(server, keys)
    if run:
        raise RunActive(
            f"run {run.get('id')} is {run.get('state')} in Redis (keys {keys.prefix}:*): "
            "wait for the writer to finish it, then run `scrapy clear`"
        )
    context = RunContext.from_settings(settings)  # the revisit steps and the clock
    steps, now = context.steps, context.now_at()
    names = [s.name for s in sources]
    # robots.txt is fetched once per host and worker by the robots.txt middleware, whose
    # robots_parsed signal gives the spider its Sitemap: lines; seeded only without it.
    robots = settings.getbool("NEWS_ROBOTS_SITEMAPS") and not settings.getbool("ROBOTSTXT_OBEY")
    started = frontier.iso(now)
    # one connection: it reads the frontier, then records the run, in one transaction
    with open_archive(archive) as db, atomic(db):
        seeds, skip = plan(sources, frontier.load(db, names), now, steps, robots)
        run_id = runs.start_run(db, names, utc_now())
        store.save_sources(db, [s.config() for s in sources], utc_now())
        for item in seeds:
            if item["meta"]["via"] != "robots":
                ledger.record(db, run_id, item, utc_now())
    with server.pipeline(transaction=True) as pipe:
        pipe.delete(*keys.all())
        pipe.hset(
            keys.run,
            mapping={
                "id": run_id,
                "state": "active",
                "started_at": started,
                "sources": json.dumps(names),
                "sources_toml": Path(sources_path).read_text(encoding="utf-8"),
                "rounds": 0,
            },
        )
        if skip:
            pipe.sadd(keys.dupefilter, *(fingerprint(url) for url in skip))
        if seeds:
            pipe.rpush(keys.seeds, *(codec.encode(s) for s in seeds))
        pipe.execute()
    return SeedReport(run_id, len(seeds), len(skip))


def clear_run(server: Any, keys: Keys, force: bool = False) -> dict[str, str]:
    """Delete the run's keys; unless ``force``, only a finished run with nothing unwritten."""
    run = run_of(server, keys)
    if not force:
        unwritten = server.llen(keys.items) + server.llen(keys.processing)
        if run and run.get("state") != "finished":
            raise RunActive(
                f"run {run.get('id')} is {run.get('state')}: not clearing it "
                "(--force clears it anyway; its unfinished work is then re-queued by the "
                "next run's seeds, from the archive's frontier)"
            )
        if unwritten:
            raise RunActive(f"{unwritten} messages are not written to the archive yet")
    server.delete(*keys.all())
    return run
