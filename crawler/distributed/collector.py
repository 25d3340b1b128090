"""The archive writer of a distributed run: drains the workers' items from Redis into SQLite.

``Collector`` is the one process that opens the archive. It takes messages in
batches of ``DISTRIBUTED_WRITER_BATCH`` with the reliable-queue pattern: one Lua
script moves them from ``PREFIX:items`` to ``PREFIX:items:processing`` (like LMOVE,
a batch at a time), the batch is committed in one ``db.atomic()`` transaction through
the single-machine crawl's own ``pipelines.archive.batch.write_batch``, with the batch's
digest in ``redis_batches``, and only then is the processing list deleted (the
acknowledgement). A writer killed before the commit finds the batch in the
processing list and writes it; killed between commit and acknowledgement, it finds
the digest and only acknowledges, so nothing is written twice (articles are keyed
by id anyway). Workers' ``queued`` messages keep each request in its ``known_urls``
row until its outcome settles it (``crawler.distributed.ledger``). The run's counters
and the workers' final reports are saved in ``crawl_runs`` in each batch's
transaction, and a writer started again on a running run reads them back
(``restore``): the counts match the archive after any number of writer restarts.

When everything is quiet (no seeds, requests or items in Redis, every live worker
idle) for ``DISTRIBUTED_IDLE_GRACE`` seconds, the writer reconciles: requests that
were scheduled but never got an outcome (their worker died) are pushed again as
seeds that bypass the duplicate filter, up to ``DISTRIBUTED_MAX_ATTEMPTS`` times,
then recorded as errors (``worker_lost``).
When nothing is left, the run goes ``finishing`` (workers close and send their
stats), then ``finished``: ``crawl_runs`` gets the counts, every stat and, per
worker, its report (``workers``), the frontier is rescheduled and near duplicates
clustered, as at the end of a single-machine crawl; a worker that died is reported
``lost`` with the stats its last heartbeat carried. Each worker's state is written to
``crawl_runs`` every ``DISTRIBUTED_PROGRESS`` seconds meanwhile.
Settings read (the project's: defaults in ``crawler/settings.py``; the caller passes
``ARCHIVE_DB``'s path): ``ARCHIVE_CAPTURES``, ``TITLES_*``, ``BOILERPLATE_*``, ``DEDUPE_*``,
``NEWS_REVISIT_AFTER``, ``DISTRIBUTED_WRITER_BATCH``, ``DISTRIBUTED_WORKER_TIMEOUT``,
``DISTRIBUTED_IDLE_GRACE``, ``DISTRIBUTED_MAX_ATTEMPTS``, ``DISTRIBUTED_PROGRESS``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any

from crawler.distributed import codec, ledger
from crawler.distributed.keys import Keys
from crawler.distributed.seeding import run_of
from crawler.pipelines.archive import dedupe_threshold, site_learner
from crawler.run import RunContext
from pipelines.archive import dedupe, runs
from pipelines.archive.batch import write_batch
from pipelines.archive.schema import atomic, open_archive
from pipelines.extract.dates import utc_now

logger = logging.getLogger(__name__)
ACTIVITY = ("pages", "items", "queued", "seeds")  # heartbeat counters: a worker did something
# KEYS: items, processing. ARGV: batch size. Moves up to that many messages, oldest first.
TAKE = """
local batch = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
for i = 1, #batch, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(batch, i, math.min(i + 999, #batch)))
end
if #batch > 0 then redis.call('LTRIM', KEYS[1], #batch, -1) end
return batch
"""


class Collector:
    def __init__(self, server: Any, keys: Keys, path: str | Path, settings: Any) -> None:
        self.server = server
        self.keys = keys
        self.settings = settings
        self.db = open_archive(path)
        self.batch_size = settings.getint("DISTRIBUTED_WRITER_BATCH")
        self.keep_captures = settings.getbool("ARCHIVE_CAPTURES")
        self.cluster = dedupe_threshold(settings)
        self.worker_timeout = settings.getfloat("DISTRIBUTED_WORKER_TIMEOUT")
        self.grace = settings.getfloat("DISTRIBUTED_IDLE_GRACE")
        self.max_attempts = settings.getint("DISTRIBUTED_MAX_ATTEMPTS")
        self.progress_every = settings.getfloat("DISTRIBUTED_PROGRESS")
        self.learner = site_learner(settings)
        self._take = server.register_script(TAKE)
        self.stats: Counter[str] = Counter()
        self.reports: dict[str, dict[str, Any]] = {}  # worker -> its final message
        self.counts: dict[str, dict[str, int]] = {}  # per source, once the run is closed
        self.run: dict[str, str] = {}
        self.quiet_since: float | None = None  # wall clock, as workers' heartbeats
        self.quiet_counters: dict[str, tuple] = {}
        self.last_progress = 0.0

    @property
    def run_id(self) -> int:
        return int(self.run["id"])

    # ------------------------------------------------------------- the queue

    def take(self) -> list[bytes]:
        """A batch: the one a crashed writer left in processing, else the oldest messages."""
        held = self.server.lrange(self.keys.processing, 0, -1)
        if held:
            return held
        return self._take(keys=[self.keys.items, self.keys.processing], args=[self.batch_size])

    def commit(self, raw: list[bytes]) -> bool:
        """Write one batch and acknowledge it; False if it was a replay already written.

        The batch's counters and worker reports are saved in ``crawl_runs`` in the same
        transaction, so a writer started again carries on from exactly what is archived.
        """
        digest = hashlib.sha1(b"\n".join(raw)).hexdigest()
        stats: Counter[str] = Counter()
        reports: dict[str, dict[str, Any]] = {}
        with atomic(self.db):
            seen = self.db.execute("SELECT 1 FROM redis_batches WHERE digest = ?", [digest])
            fresh = seen.fetchone() is None
            if fresh:
                stats, reports = self.apply([codec.decode(m) for m in raw])
                stats["news/distributed/batches"] += 1
                self.db.table("redis_batches").insert(
                    {
                        "digest": digest,
                        "run_id": self.run_id,
                        "messages": len(raw),
                        "committed_at": utc_now(),
                    }
                )
                self.save(stats, reports)
        self.server.delete(self.keys.processing)  # the acknowledgement
        self.stats.update(stats)
        self.reports.update(reports)
        if not fresh:
            self.stats["news/distributed/replayed"] += 1
        return fresh

    def apply(
        self, messages: list[dict[str, Any]]
    ) -> tuple[Counter[str], dict[str, dict[str, Any]]]:
        """Write a batch's messages; returns the counters it adds and the workers' reports."""
        items: list[Any] = []
        reports: dict[str, dict[str, Any]] = {}
        for message in messages:
            kind = message["t"]
            if kind == "queued":
                ledger.record(self.db, self.run_id, message["seed"], message["at"])
            elif kind == "worker":
                reports[message["worker"]] = self.entry(message, message)
            else:
                items.append(codec.message_item(message))
        stats = self.write(items)
        stats["news/archive/messages"] += len(messages)
        return stats, reports

    def write(self, items: list[Any]) -> Counter[str]:
        """Archive items, settle their requests; returns the counters they add."""
        outcomes = write_batch(
            self.db, items, self.run_id, self.keep_captures, self.learner, None, self.cluster
        )
        ledger.settle(self.db, set().union(*map(ledger.outcome_urls, items)))
        stats = runs.outcome_stats(outcomes)
        if self.learner is not None:
            for key, count in self.learner.drain().items():
                stats[key] += count
        return stats

    def save(self, stats: Counter[str], reports: dict[str, dict[str, Any]]) -> None:
        """The run's counters (these added) and final worker reports, in ``crawl_runs``
        (inside the caller's transaction)."""
        row = self.db.execute("SELECT workers FROM crawl_runs WHERE id = ?", [self.run_id])
        workers = json.loads((row.fetchone() or [None])[0] or "{}")
        merged = Counter(self.stats)
        merged.update(stats)
        values = {
            "stats": json.dumps(dict(merged), sort_keys=True),
            "counts": json.dumps(runs.per_source_counts(merged), sort_keys=True),
            "workers": json.dumps({**workers, **reports}, sort_keys=True),
        }
        self.db.table("crawl_runs").update(self.run_id, values)

    def restore(self) -> None:
        """Counters and worker reports an earlier writer of this run saved (``save``)."""
        row = self.db.execute(
            "SELECT status, stats, workers FROM crawl_runs WHERE id = ?", [self.run_id]
        ).fetchone()
        if row is None or row[0] != "running":
            return
        self.stats = Counter(json.loads(row[1] or "{}"))
        workers = json.loads(row[2] or "{}")
        self.reports = {name: entry for name, entry in workers.items() if "reason" in entry}
        if self.stats:
            logger.info("run %d: carrying on from %d saved batches", self.run_id,
                        self.stats["news/distributed/batches"])  # fmt: skip

    # -------------------------------------------------------------- the run

    def workers(self) -> dict[str, dict[str, Any]]:
        """Each worker's last heartbeat, with ``alive`` (closed or silent workers are not)."""
        now = time.time()
        found = {}
        for name, data in self.server.hgetall(self.keys.workers).items():
            beat = json.loads(data)
            if beat.get("run") not in (None, self.run_id):
                continue
            beat["alive"] = beat["state"] != "closed" and now - beat["at"] < self.worker_timeout
            found[name.decode()] = beat
        return found

    def quiet(self) -> dict[str, tuple] | None:
        """Each live worker's activity when nothing is queued or in flight anywhere.

        None while Redis holds seeds, requests or items, a live worker is busy, or no
        worker has taken part yet.
        """
        keys = self.keys
        with self.server.pipeline(transaction=False) as pipe:
            pipe.llen(keys.seeds).zcard(keys.requests).llen(keys.items).llen(keys.processing)
            if any(pipe.execute()):
                return None
        workers = self.workers()
        live = {name: beat for name, beat in workers.items() if beat["alive"]}
        if not workers or any(beat["state"] != "idle" for beat in live.values()):
            return None
        return {name: (beat["at"], *(beat.get(k) for k in ACTIVITY)) for name, beat in live.items()}

    def settle(self) -> str:
        """When quiet long enough: re-queue lost requests, or start finishing the run.

        Quiet means: nothing in Redis, every live worker idle with the same activity
        counters since the quiet began, and each of them has said so again after
        ``DISTRIBUTED_IDLE_GRACE`` seconds (a worker whose reactor is stalled sends no
        heartbeat, so its last "idle" is not taken for granted).
        """
        snapshot = self.quiet()
        now = time.time()
        counters = {name: state[1:] for name, state in (snapshot or {}).items()}
        if snapshot is None or self.quiet_since is None or counters != self.quiet_counters:
            self.quiet_since = now if snapshot is not None else None
            self.quiet_counters = counters
            return "active"
        settled = self.quiet_since + self.grace
        if now < settled or any(state[0] < settled for state in snapshot.values()):
            return "active"
        self.quiet_since = None
        stats: Counter[str] = Counter()
        with atomic(self.db):
            seeds, given_up = ledger.requeue(self.db, self.run_id, self.max_attempts)
            if given_up:
                stats = self.write(given_up)
                stats["news/distributed/lost"] += len(given_up)
            stats["news/distributed/requeued"] += len(seeds)
            self.save(stats, {})
        self.stats.update(stats)
        for item in given_up:
            logger.error("giving up on %s: %s", item.url, item.detail)
        if seeds:
            logger.warning("re-queueing %d requests that got no outcome (dead worker)", len(seeds))
            with self.server.pipeline(transaction=True) as pipe:
                pipe.rpush(self.keys.seeds, *(codec.encode(s) for s in seeds))
                pipe.hincrby(self.keys.run, "rounds", 1)
                pipe.execute()
            return "active"
        self.server.hset(self.keys.run, "state", "finishing")
        return "finishing"

    def closed(self) -> bool:
        """Every worker has closed (or died), and their last messages are written."""
        if self.server.llen(self.keys.items) or self.server.llen(self.keys.processing):
            return False
        return not any(w["alive"] for w in self.workers().values())

    def progress(self, force: bool = False) -> None:
        """Each worker's state in ``crawl_runs`` (the counters are saved with each batch)."""
        if not force and time.monotonic() - self.last_progress < self.progress_every:
            return
        self.last_progress = time.monotonic()
        with atomic(self.db):
            workers = json.dumps(self.worker_report(), sort_keys=True)
            self.db.table("crawl_runs").update(self.run_id, {"workers": workers})

    @staticmethod
    def entry(beat: dict[str, Any], final: dict[str, Any] | None) -> dict[str, Any]:
        """A worker's line in ``crawl_runs.workers``: its final report, else its last
        heartbeat (state ``lost`` when it died, with the stats it had sent by then)."""
        entry = {k: beat.get(k) for k in ("host", "pid", "pages", "items", "queued", "seeds")}
        if final is not None:
            return {**entry, "state": "closed", "reason": final.get("reason"),
                    "stats": final.get("stats", {})}  # fmt: skip
        state = beat["state"] if beat.get("alive", True) else "lost"
        return {**entry, "state": state, "stats": beat.get("stats", {})}

    def worker_report(self) -> dict[str, dict[str, Any]]:
        """Per worker: state (``closed``, or ``lost`` if it died), pages, items, stats."""
        report = dict(self.reports)
        for name, beat in self.workers().items():
            final = self.reports.get(name)
            report[name] = final if final is not None else self.entry(beat, None)
        return report

    def finish(self) -> dict[str, Any]:
        """Close the run in ``crawl_runs``, as a single-machine crawl closes its own.

        Every stat: the writer's saved counters, and each worker's (a dead worker's as
        its last heartbeat left them). ``fetched`` per source is the ledger's (a
        worker's own counter dies with it). A run an earlier writer closed before it
        died is only marked finished in Redis.
        """
        row = self.db.execute(
            "SELECT status, stats FROM crawl_runs WHERE id = ?", [self.run_id]
        ).fetchone()
        if row is not None and row[0] == "finished":
            self.server.hset(self.keys.run, "state", "finished")
            return json.loads(row[1] or "{}")
        workers = self.worker_report()
        merged: Counter[str] = Counter(self.stats)
        for report in workers.values():
            merged.update(report.get("stats", {}))
        counts = runs.per_source_counts(merged)
        for name in json.loads(self.run.get("sources", "[]")):
            counts.setdefault(name, {})
        merged.update({f"news/distributed/ledger/{k}": v for k, v in self.ledger().items()})
        steps = RunContext.from_settings(self.settings).steps
        books = self.books(counts)
        for name, book in books.items():
            counts[name]["fetched"] = book["fetched"]
            merged[f"news/source/{name}/fetched"] = book["fetched"]
        now = utc_now()
        incremental = (self.run["started_at"], now, steps)
        runs.close_run(
            self.db, self.run_id, now, "finished", counts, dict(merged), books, incremental, workers
        )
        self.counts = counts
        if self.settings.getbool("DEDUPE_ENABLED"):
            dedupe.cluster(self.db, self.settings.getfloat("DEDUPE_THRESHOLD"))
        self.server.hset(self.keys.run, "state", "finished")
        return dict(merged)

    def ledger(self) -> dict[str, int]:
        return ledger.counts(self.db, self.run_id)

    def books(self, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
        """Per source: the run's fetched URLs in the ledger against the sum of outcomes the
        writer counted; ``unsettled`` are the requests still without an outcome (each
        named in a WARNING)."""
        ledger_counts = ledger.fetched(self.db, self.run_id)
        for url in ledger.in_flight(self.db, self.run_id):
            logger.warning("no outcome recorded for a scheduled URL: %s", url)
        result = {}
        for name, source_counts in counts.items():
            rows = ledger_counts.get(name, Counter())
            result[name] = runs.balance({**source_counts, "fetched": rows["fetched"]})
            result[name]["unsettled"] = rows["in_flight"]
            if result[name]["missing"] or rows["in_flight"]:
                logger.warning("accounting of %s does not balance: %s", name, result[name])
        return result

    def wait_for_run(self, timeout: float, poll: float = 0.2) -> bool:
        deadline = time.monotonic() + timeout
        while not (run := run_of(self.server, self.keys)):
            if timeout and time.monotonic() > deadline:
                return False
            time.sleep(poll)
        self.run = run
        self.restore()
        return True

    def serve(self, stop: Any = lambda: False, poll: float = 0.2) -> str:
        """Drain and settle the current run until it is finished (or ``stop()`` says so)."""
        while not stop():
            raw = self.take()
            if raw:
                self.commit(raw)
                self.progress()
                continue
            state = run_of(self.server, self.keys).get("state", "gone")
            if state == "active":
                state = self.settle()
            if state == "finishing" and self.closed():
                self.finish()
                return "finished"
            if state in ("finished", "gone"):
                return state
            self.progress()
            time.sleep(poll)
        self.progress(force=True)
        return "stopped"

    def close(self) -> None:
        self.db.close()
