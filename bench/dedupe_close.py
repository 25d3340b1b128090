"""The crawl's close at archive scale: near-duplicate clustering after a run that adds articles.

    .venv/bin/python bench/dedupe_close.py [--sizes 100000,1000000] [--new 1000] [--dir DIR]

For each size N it builds a lean archive (``open_archive``'s schema, N articles in six
languages with a random MinHash signature each, as the extraction workers store them;
their texts are short, since the close reads only the texts of what it signs), bands it
once (the one-time cost of the first close after an upgrade), then writes ``--new``
articles through the crawl's write path (``write_batch``: real texts, a tenth of them
wire copies of each other, so clusters form) and measures, each in a fresh process so
that its peak RSS is its own:

- ``writes``: the run's articles through ``write_batch``, each batch banded and clustered
  as it is written (``dedupe.assign``), as the crawl writes them;
- ``incremental``: the close as a crawl runs it now (``dedupe.cluster``): it bands and
  clusters what the batches left (texts without a signature; none here);
- ``full pass``: what every close did before (LSH over every signature of the archive and
  connected components; signing the new texts and the writes left out, so it is a lower
  bound of that cost).

It prints seconds and peak RSS (MB above the process's baseline after imports; opening the
archive included) per size,
and the ratio of the largest size to the smallest (target: the incremental close within
1.2x). Figures, not a timed test; the build of a million articles takes minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pipelines.archive import dedupe  # noqa: E402
from pipelines.archive.schema import atomic, open_archive  # noqa: E402
from pipelines.extract.minhash import NUM_PERM, signature_bytes  # noqa: E402
from pipelines.extract.text import content_hash  # noqa: E402

LANGUAGES = ["id", "en", "zh", "ja", "ar", "fr"]


def build(path: Path, n: int) -> float:
    """N lean articles with random signatures, banded once; returns the banding seconds."""
    import numpy as np

    db = open_archive(path)
    rng = np.random.default_rng(5)
    with atomic(db):
        for start in range(0, n, 20_000):
            count = min(20_000, n - start)
            signatures = rng.integers(0, 2**32, size=(count, NUM_PERM), dtype=np.uint32)
            rows = []
            for offset in range(count):
                number = start + offset
                text = f"old article {number} " * 5
                rows.append(
                    (f"{number:016x}", f"https://s.example/{number}", "s", "Old",
                     text, LANGUAGES[number % 6], content_hash("Old", text))
                )  # fmt: skip
            db.conn.executemany(
                "INSERT INTO articles (id, url, source, title, text, language, content_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.conn.executemany(
                "UPDATE minhashes SET content_hash = ?, signature = ? WHERE article_id = ?",
                [
                    (row[6], signatures[offset].astype("<u4").tobytes(), row[0])
                    for offset, row in enumerate(rows)
                ],
            )
    began = time.perf_counter()
    dedupe.cluster(db)
    return time.perf_counter() - began


def add(path: Path, new: int) -> tuple[float, float]:
    """``new`` articles through the crawl's write path, a tenth of them wire copies, each
    with the signature the extraction worker computes, clustered as each batch is written
    (as the crawl does with ``DEDUPE_ENABLED``); returns the seconds and CPU seconds spent
    writing.
    Their texts depend on the archive's size, so that a second run over the same archive
    adds new articles, not exact duplicates of the first run's."""
    from test_dedupe import article, item

    from pipelines.archive.batch import write_batch

    from sites.demo.synthetic import edit, story

    db = open_archive(path)
    base = db["articles"].count
    rng = random.Random(9 + base)  # texts of their own on each run over the same archive
    items, originals = [], []
    for number in range(new):
        if originals and number % 10 == 0:
            title, text = rng.choice(originals)
            text = edit(text, 0.05, rng)
        else:
            title, text = story(rng, paragraphs=4)
            originals.append((title, text))
        data = article(base + number, title, text, site="n.example")
        items.append(item(data))
        items[-1].minhash = signature_bytes(text)  # signed by the extraction worker
        items[-1].minhash_of = data["content_hash"]
    began, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(items), 200):
        write_batch(db, items[start : start + 200], 1, False, None, None, dedupe.THRESHOLD)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    db.conn.close()
    return seconds, cpu


def peak_kb() -> int:
    """This process's peak RSS (``VmHWM``: unlike ``ru_maxrss``, not inherited from the
    parent that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(mode: str, path: str) -> None:
    """Runs one measure in this process and prints it as JSON."""
    import numpy  # noqa: F401  (imported before the baseline, as the crawl has it)

    baseline = peak_kb()
    db = open_archive(path)
    began, cpu = time.perf_counter(), time.process_time()
    if mode == "incremental":
        report = dedupe.cluster(db)
        detail = {
            "signed": report.signatures,
            "banded": report.banded,
            "examined": report.examined,
            "clustered": report.clustered,
        }
    else:
        items = db.execute(
            "SELECT a.id, a.language, m.signature FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id WHERE m.signature IS NOT NULL"
        ).fetchall()
        detail = {"pairs": len(dedupe.similar_pairs(items, dedupe.THRESHOLD))}
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    peak = peak_kb()
    print(
        json.dumps(
            {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": (peak - baseline) / 1024, **detail}
        )
    )


def measure(mode: str, path: Path) -> dict:
    return in_child(__file__, mode, str(path))


def in_child(script: str, *args: str) -> dict:
    """What ``script --child ARGS`` prints as JSON, run in a fresh process (so that its
    peak RSS is its own)."""
    out = subprocess.run(
        [sys.executable, script, "--child", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def options(doc: str) -> argparse.Namespace:
    """The options of a bench over archive sizes: --sizes, --new, --dir (and --child)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--dir", help="keep the archives here (default: a temporary dir)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    return parser.parse_args()


def sizes_and_dir(args: argparse.Namespace, prefix: str) -> tuple[list[int], Path]:
    base = Path(args.dir or tempfile.mkdtemp(prefix=prefix))
    base.mkdir(parents=True, exist_ok=True)
    return [int(size) for size in args.sizes.split(",")], base


def main() -> int:
    args = options(__doc__)
    if args.child:
        child(*args.child)
        return 0
    sizes, base = sizes_and_dir(args, "dedupe-close-")
    print(f"{'archive':>10} {'first close':>12} {'mode':>12} {'seconds':>8} {'RSS MB':>7}  detail")
    results = {}
    for size in sizes:
        path = base / f"close-{size}.db"
        banding = build(path, size)
        written, written_cpu = add(path, args.new)
        full = measure("full", path)  # reads only: the archive is unchanged for the next
        incremental = measure("incremental", path)
        results[size] = incremental
        for mode, figures in (("full pass", full), ("incremental", incremental)):
            detail = {
                k: v for k, v in figures.items() if k not in ("seconds", "cpu_seconds", "rss_mb")
            }
            print(
                f"{size:>10} {banding:>11.1f}s {mode:>12} {figures['seconds']:>8.2f} "
                f"{figures['rss_mb']:>7.1f}  {detail}"
            )
        print(f"{size:>10} {'':>12} {'writes':>12} {written:>8.2f}          (the run's "
              f"{args.new} through write_batch, clustered; {written_cpu:.2f} s CPU)")  # fmt: skip
        size_mb = path.stat().st_size / 2**20
        print(f"{size:>10} archive file {size_mb:.0f} MB (lean rows; lsh_bands included)")
    ratios("incremental close", results)
    return 0


def ratios(label: str, results: dict[int, dict]) -> None:
    """The largest size's time, CPU and peak RSS over the smallest's (one size: nothing)."""
    if len(results) < 2:
        return
    (small, a), (large, b) = sorted(results.items())[0], sorted(results.items())[-1]
    print(
        f"{label} at {large} / at {small}: time x{b['seconds'] / max(a['seconds'], 1e-3):.2f}, "
        f"CPU x{b['cpu_seconds'] / max(a['cpu_seconds'], 1e-3):.2f}, "
        f"RSS x{max(b['rss_mb'], 0.1) / max(a['rss_mb'], 0.1):.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
