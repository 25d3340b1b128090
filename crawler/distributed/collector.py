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
by id anyway). Workers' ``queued`` messages fill the ledger (``ledger``).

When everything is quiet (no seeds, requests or items in Redis, every live worker
idle) for ``DISTRIBUTED_IDLE_GRACE`` seconds, the writer reconciles: requests that
were scheduled but never got an outcome (their worker died) are pushed again as
seeds that bypass the duplicate filter, up to ``DISTRIBUTED_MAX_ATTEMPTS`` times.
When nothing is left, the run goes ``finishing`` (workers close and send their
stats), then ``finished``: ``crawl_runs`` gets the counts, every stat and, per
worker, its report (``workers``), the frontier is rescheduled and near duplicates
clustered, as at the end of a single-machine crawl. Progress (counts and workers)
is written to ``crawl_runs`` every ``DISTRIBUTED_PROGRESS`` seconds meanwhile.
Settings read (the project's: defaults in ``crawler/settings.py``; the caller passes
``ARCHIVE_DB``'s path): ``ARCHIVE_CAPTURES``, ``BOILERPLATE_*``, ``DEDUPE_*``,
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
from crawler.pipelines.archive import boilerplate_learner
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
        self.worker_timeout = settings.getfloat("DISTRIBUTED_WORKER_TIMEOUT")
        self.grace = settings.getfloat("DISTRIBUTED_IDLE_GRACE")
        self.max_attempts = settings.getint("DISTRIBUTED_MAX_ATTEMPTS")
        self.progress_every = settings.getfloat("DISTRIBUTED_PROGRESS")
        self.learner = boilerplate_learner(settings)
        self._take = server.register_script(TAKE)
        self.stats: Counter[str] = Counter()
        self.reports: dict[str, dict[str, Any]] = {}  # worker -> its final message
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
        """Write one batch and acknowledge it; False if it was a replay already written."""
        digest = hashlib.sha1(b"\n".join(raw)).hexdigest()
        with atomic(self.db):
            seen = self.db.execute("SELECT 1 FROM redis_batches WHERE digest = ?", [digest])
            fresh = seen.fetchone() is None
            if fresh:
                self.apply([codec.decode(m) for m in raw])
                self.db.table("redis_batches").insert(
                    {
                        "digest": digest,
                        "run_id": self.run_id,
                        "messages": len(raw),
                        "committed_at": utc_now(),
                    }
                )
        self.server.delete(self.keys.processing)  # the acknowledgement
        self.stats["news/distributed/batches" if fresh else "news/distributed/replayed"] += 1
        return fresh

    def apply(self, messages: list[dict[str, Any]]) -> None:
        items: list[Any] = []
        done: set[str] = set()
        for message in messages:
            kind = message["t"]
            if kind == "queued":
                ledger.record(
                    self.db, self.run_id, message["seed"], message["at"], message["worker"]
                )
            elif kind == "worker":
                self.reports[message["worker"]] = message
            else:
                item = codec.message_item(message)
                items.append(item)
                done |= ledger.outcome_urls(item)
        outcomes = write_batch(self.db, items, self.run_id, self.keep_captures, self.learner)
        ledger.mark_done(self.db, self.run_id, done, utc_now())
        if self.learner is not None:
            for key, count in self.learner.drain().items():
                self.stats[f"news/boilerplate/{key}"] += count
        self.stats.update(runs.outcome_stats(outcomes))
        self.stats["news/archive/messages"] += len(messages)

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
        seeds, given_up = ledger.requeue(self.db, self.run_id, self.max_attempts)
        self.stats["news/distributed/lost"] += len(given_up)
        for url in given_up:
            logger.error("giving up on %s: scheduled %d times, never done", url, self.max_attempts)
        if seeds:
            self.stats["news/distributed/requeued"] += len(seeds)
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
        if not force and time.monotonic() - self.last_progress < self.progress_every:
            return
        self.last_progress = time.monotonic()
        with atomic(self.db):
            self.db.table("crawl_runs").update(
                self.run_id,
                {
                    "counts": json.dumps(runs.per_source_counts(self.stats), sort_keys=True),
                    "workers": json.dumps(self.worker_report(), sort_keys=True),
                },
            )

    def worker_report(self) -> dict[str, dict[str, Any]]:
        """Per worker: state (``closed``, or ``lost`` if it died), pages, items, stats."""
        report = {}
        for name, beat in self.workers().items():
            final = self.reports.get(name)
            state = beat["state"]
            if final is None and not beat["alive"]:
                state = "lost"
            entry = {k: beat.get(k) for k in ("host", "pid", "pages", "items", "queued", "seeds")}
            entry["state"] = state
            if final is not None:
                entry.update(reason=final.get("reason"), stats=final.get("stats", {}))
            report[name] = entry
        return report

    def finish(self) -> dict[str, Any]:
        """Close the run in ``crawl_runs``, as a single-machine crawl closes its own."""
        merged: Counter[str] = Counter(self.stats)
        for report in self.reports.values():
            merged.update(report.get("stats", {}))
        counts = runs.per_source_counts(merged)
        for name in json.loads(self.run.get("sources", "[]")):
            counts.setdefault(name, {})
        merged.update({f"news/distributed/ledger/{k}": v for k, v in self.ledger().items()})
        steps = RunContext.from_settings(self.settings).steps
        books = self.books(counts)
        now = utc_now()
        incremental = (self.run["started_at"], now, steps)
        workers = self.worker_report()
        runs.close_run(
            self.db, self.run_id, now, "finished", counts, dict(merged), books, incremental, workers
        )
        if self.settings.getbool("DEDUPE_ENABLED"):
            dedupe.cluster(self.db, self.settings.getfloat("DEDUPE_THRESHOLD"))
        self.server.hset(self.keys.run, "state", "finished")
        return dict(merged)

    def ledger(self) -> dict[str, int]:
        return ledger.counts(self.db, self.run_id)

    def books(self, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
        """Per source: the run's requests against the sum of outcomes the writer recorded.

        A worker's own ``fetched`` counter dies with it, so the run's ledger counts
        here: every request that got an outcome, plus those lost for good.
        """
        rows = self.db.execute(
            "SELECT source, state, count(*) FROM run_requests WHERE run_id = ? "
            "GROUP BY source, state",
            [self.run_id],
        ).fetchall()
        states: dict[str, Counter[str]] = {}
        for source, state, n in rows:
            states.setdefault(source, Counter())[state] = n
        result = {}
        for name, source_counts in counts.items():
            done = states.get(name, Counter())
            fetched = done["done"] + done["lost"]
            result[name] = runs.balance({**source_counts, "fetched": fetched})
            result[name]["unsettled"] = done["lost"]
            if result[name]["missing"]:
                logger.warning("accounting of %s does not balance: %s", name, result[name])
        return result

    def wait_for_run(self, timeout: float, poll: float = 0.2) -> bool:
        deadline = time.monotonic() + timeout
        while not (run := run_of(self.server, self.keys)):
            if timeout and time.monotonic() > deadline:
                return False
            time.sleep(poll)
        self.run = run
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
