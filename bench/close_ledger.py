"""The crawl's close, its other half: the run recorder's work on the ledger at archive scale.

    .venv/bin/python bench/close_ledger.py [--sizes 100000,1000000] [--new 1000] [--dir DIR]

``dedupe.cluster`` is one half of what a crawl's close does (``bench/dedupe_close.py``,
``bench/archive_scale.py``); the other is the run recorder's ``runs.close_run``: the
run's row, and each source's incremental state (``frontier.close_run``: the next visit of
the articles visited in the run, each source's known articles and next revisit). For
each size N it makes a ledger (``known_urls``) of N article URLs in six sources, as a
crawl leaves them, then a run that visits ``--new`` of them (recorded through
``frontier.mark``, as the archive pipeline records them) and measures ``runs.close_run``
in a fresh process: seconds, CPU seconds and peak RSS above the process's baseline.
Prints the ratio of the largest size to the smallest (target: within 1.2x). Figures,
not a timed test; the ledger of a million URLs takes about a minute to make.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from dedupe_close import in_child, options, peak_kb, ratios, sizes_and_dir  # noqa: E402

from pipelines.archive import frontier, runs  # noqa: E402
from pipelines.archive.schema import atomic, open_archive  # noqa: E402

SOURCES = ["kabar", "warta", "harian", "pos", "gazette", "courier"]
STARTED = "2026-06-01T00:00:00+00:00"  # the measured run; the ledger's visits are older


def build(path: Path, n: int) -> None:
    """A ledger of ``n`` article URLs, visited in the months before the measured run."""
    db = open_archive(path)
    with atomic(db):
        db.conn.executemany(
            "INSERT INTO sources (name, config, first_seen) VALUES (?, '{}', ?)",
            [(name, "2025-01-01T00:00:00+00:00") for name in SOURCES],
        )
        for start in range(0, n, 50_000):
            rows = []
            for i in range(start, min(n, start + 50_000)):
                day = f"2026-{1 + i % 5:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00"
                due = None if i % 3 else f"2026-{6 + i % 6:02d}-{1 + i % 28:02d}T00:00:00+00:00"
                rows.append(
                    (f"https://{SOURCES[i % 6]}.example/news/{i}", SOURCES[i % 6], day, day,
                     due, f"{i:016x}")
                )  # fmt: skip
            db.conn.executemany(
                "INSERT INTO known_urls (url, source, kind, state, first_seen, last_visit, "
                "visits, failures, next_visit, article_id, outcome, run_id) "
                "VALUES (?, ?, 'article', 'done', ?, ?, 1, 0, ?, ?, 'new', 1)",
                rows,
            )
    db.close()


def visit(path: Path, n: int, new: int, run_id: int) -> None:
    """A run that fetches ``new`` articles: a tenth new URLs, the rest revisits."""
    db = open_archive(path)
    rng = random.Random(run_id)
    at = "2026-06-01T00:10:00+00:00"
    with atomic(db):
        db.execute(
            "INSERT INTO crawl_runs (id, started_at, status) VALUES (?, ?, 'running')",
            [run_id, STARTED],
        )
        for k in range(new):
            i = n + run_id * new + k if k % 10 == 0 else rng.randrange(n)
            url, source = f"https://{SOURCES[i % 6]}.example/news/{i}", SOURCES[i % 6]
            frontier.mark(db, url, source, "article", "done", at, outcome="new", run_id=run_id)
    db.close()


def child(path: str, run_id: int) -> None:
    """Closes run ``run_id`` in this process and prints seconds, CPU and RSS as JSON."""
    baseline = peak_kb()
    db = open_archive(path)
    counts = {name: {"fetched": 1, "new": 1} for name in SOURCES}
    steps = frontier.parse_schedule("1h,6h,24h,3d")
    began, cpu = time.perf_counter(), time.process_time()
    finished = "2026-06-01T00:15:00+00:00"
    runs.close_run(db, run_id, finished, "finished", counts, {}, {}, (STARTED, finished, steps))
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    out = {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": (peak_kb() - baseline) / 1024}
    print(json.dumps(out))


def main() -> int:
    args = options(__doc__)
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    sizes, base = sizes_and_dir(args, "close-ledger-")
    print(f"{'ledger URLs':>12} {'close s':>8} {'CPU s':>6} {'RSS MB':>7}")
    results = {}
    for size in sizes:
        path = base / f"ledger-{size}.db"
        if not path.exists():
            build(path, size)
        run_id = 1 + open_archive(path).execute("SELECT count(*) FROM crawl_runs").fetchone()[0]
        visit(path, size, args.new, run_id + 1)
        results[size] = figures = in_child(__file__, str(path), str(run_id + 1))
        print(
            f"{size:>12} {figures['seconds']:>8.3f} {figures['cpu_seconds']:>6.3f} "
            f"{figures['rss_mb']:>7.1f}"
        )
    ratios("run recorder's close", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
