"""Crawl throughput against the machine's limit and the tools users would pick instead.

    .venv/bin/python bench/throughput.py [--pages N] [--only project]
    .venv/bin/python bench/throughput.py --corpus DIR [--corpus DIR2] [--copies K] [--limit N]
    .venv/bin/python bench/throughput.py --memory 5000,50000 [--page-kb 0]
    .venv/bin/python bench/throughput.py --corpus DIR --limit N --only extraction

Serves N generated article pages (50-200 KB, six languages; ``--corpus DIR`` serves
the real HTML files of DIR instead, plain or gzipped, such as the untarred corpora
/tmp/corpus/tests and /tmp/wcxb/dev: each file ``--copies`` times, each copy's
paragraphs made unique so that no duplicate or boilerplate step skips work) from a
fast loopback server (``bench/pages.py``) and prints, side by side in one run:

- server alone: pages/s a keep-alive client gets from it (it must not be the limit);
- limit: plain trafilatura, ``bare_extraction(with_metadata=True)`` + py3langid, over
  the same pages, all cores, no network, no DB: what the extraction library alone does;
- project extraction alone: ``extract_page`` over the same pages the same way, with
  its CPU split by stage (parse, page metadata, classifier, trafilatura's text...);
- project: the real ``scrapy crawl news`` into a fresh archive (pages/s, CPU s/page,
  peak RSS of the crawl and its worker processes);
- naive: the same crawl with trafilatura inline in the item pipeline (EXTRACT_WORKERS=0);
- trafilatura CLI: ``trafilatura -i urls.txt --parallel W`` with SLEEP_TIME = 0;
- Scrapy alone: the same crawl with extraction and WARC capture off (its own work per
  page: download, response, spider, scheduler), and the ceiling that puts on
  project/limit with every core busy: limit CPU / (limit CPU + Scrapy's CPU) per page;
- the ratios project/limit, project/naive, project/CLI;
- the crawl's peak of responses held waiting for extraction (``news/extract/pending_max``,
  ``news/backpressure/held_max``) against ``EXTRACT_MAX_PENDING``;
- where the project's CPU goes, per page: extraction, archive writer, WARC writer, the rest.

``--only extraction`` prints the limit and the project's extraction alone, with its
stage split, and nothing else (no server, no crawl): the quick way to compare stage
costs side by side in one run. ``--only project`` runs the project's crawl only.

``--memory N,M`` instead crawls N, then M generated pages (written to disk first, in
parallel) and prints the peak RSS of each crawl and their ratio: memory must stay flat.
``--page-kb LO-HI`` sets the generated pages' size (default 50-200 KB); ``--page-kb 0``
serves the bare article pages (11-23 KB, 15 on average, still unique articles in six languages),
which makes a 50,000-page memory run much shorter (35 min on the loaded 2-core machine):
the crawl's state grows with the number of pages, not with their size.

The crawls discover the pages through the site's sitemap, obey its robots.txt and
run with politeness off (our own server): no AutoThrottle, no DOWNLOAD_DELAY, 32
concurrent requests per domain. Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]  # tests/sites

from pages import PAGE_KB, Site, fetch_all, generate, load_corpus  # noqa: E402

from pipelines.extract import page as page_module  # noqa: E402
from pipelines.extract.page import extract_page, warm_up  # noqa: E402
from pipelines.pool import default_workers  # noqa: E402

BIN = Path(sys.executable).parent
UNTHROTTLED = [
    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
    "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "-s", "LOG_LEVEL=WARNING",
]  # fmt: skip


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command; wall time, CPU time of it and its children, peak RSS of its tree."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, tree_rss(process.pid))

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    poller.join()
    if process.returncode:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
    return {
        "wall": time.monotonic() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": peak,
        "status": process.returncode,
    }


def crawl(site: Site, tmp: Path, name: str, *settings: str) -> dict[str, float]:
    sources = tmp / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "bench"\nsitemaps = ["{site.base}/sitemap.xml"]\n'
        "allow_private = true\narticle_pattern = '.'\n"
    )
    db = tmp / f"{name}.db"
    command = [
        str(BIN / "scrapy"), "crawl", "news", "-a", f"sources={sources}",
        "-s", f"ARCHIVE_DB={db}", *UNTHROTTLED, *settings,
    ]  # fmt: skip
    result = run_measured(command, ROOT)
    if db.exists():
        import sqlite_utils

        archive = sqlite_utils.Database(db)
        result["articles"] = archive["articles"].count
        result["errors"] = archive["errors"].count
        # a page whose text equals an archived article's is recorded as its duplicate URL
        duplicates = "SELECT count(*) FROM article_urls WHERE kind = 'duplicate'"
        result["duplicates"] = archive.execute(duplicates).fetchone()[0]
        result["pages"] = result["articles"] + result["errors"] + result["duplicates"]
        row = archive.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
        stats = json.loads(row[0] or "{}") if row else {}
        for part in ("extract", "archive", "warc"):  # CPU seconds of each stage
            result[f"cpu_{part}"] = stats.get(f"news/{part}/cpu_seconds") or 0.0
        # every page through extraction, listings and other pages included
        seen = sum(stats.get(f"news/page/{kind}", 0) for kind in ("article", "listing", "other"))
        result["pages"] = max(result["pages"], seen)
        for key in ("news/extract/pending_max", "news/backpressure/held_max"):
            result[key] = stats.get(key, 0)
        archive.close()
    return result


LIMIT = "limit (trafilatura+langid)"
ALONE = "project extraction alone"
FLOOR = "Scrapy alone (no extraction)"
# The project's extraction stages, timed in the bench's workers: (label, module, name).
STAGES = [
    ("decode + parse", page_module, "decode"),
    ("decode + parse", page_module.parse, "page_tree"),
    ("page metadata (htmlmeta)", page_module.htmlmeta, "page_metadata"),
    ("classifier features", page_module.classify, "page_features"),
    ("notices, alternates", page_module.notices, "marked_texts"),
    ("notices, alternates", page_module, "language_versions"),
    # trafilatura's text, its fallback readability run included (the second opinion reads
    # that run's summary, pipelines.extract.readability)
    ("trafilatura text (+readability)", page_module, "main_document"),
    ("fallbacks", page_module.fallbacks, "main_text"),
    ("title, authors (+library)", page_module, "page_title"),
    ("title, authors (+library)", page_module, "page_authors"),
    ("second opinion", page_module.opinion, "better_text"),
    ("dates (+htmldate)", page_module, "page_dates"),
    ("language, notices", page_module, "clean_text"),
    ("near-duplicate signature", page_module.minhash, "signature_bytes"),
]
_spent: dict[str, float] = {}


def _timed(label: str, function: Any) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _spent[label] = _spent.get(label, 0.0) + time.process_time() - start

    return timed


def time_stages() -> None:
    """Worker initializer: each stage of the project's extraction counts its CPU time."""
    warm_up()
    for label, module, name in STAGES:
        setattr(module, name, _timed(label, getattr(module, name)))


def staged_extract(payload: dict[str, Any]) -> tuple[bool, float, dict[str, float]]:
    """(article?, CPU s, CPU s per stage) of ``extract_page`` on one page."""
    _spent.clear()
    start = time.process_time()
    article = extract_page(payload)
    return not article.get("skip_reason"), time.process_time() - start, dict(_spent)


def plain_extract(payload: dict[str, Any]) -> tuple[bool, float, dict[str, float]]:
    """What the extraction library alone does with a page: text, metadata, language."""
    import py3langid
    import trafilatura

    start = time.process_time()
    document = trafilatura.bare_extraction(
        payload["body"], url=payload["url"], with_metadata=True, include_comments=False
    )
    text = (document.text if document else "") or ""
    if text:
        py3langid.classify(text)
    return bool(text), time.process_time() - start, {}


def plain_warm_up() -> None:
    import py3langid

    py3langid.classify("a few words to load the model")


def in_pool(site: Site, workers: int, function: Any, initializer: Any) -> dict[str, Any]:
    """``function`` over every page in a pool of ``workers``: no network, no database."""
    payloads = [
        {"body": body, "url": site.base + path, "encoding": "utf-8"} for path, body in site.bodies()
    ]
    with ProcessPoolExecutor(workers, initializer=initializer) as pool:
        list(pool.map(abs, range(workers * 4)))  # start and warm the workers first
        start = time.monotonic()
        before = os.times()
        results = list(pool.map(function, payloads, chunksize=4))
        wall = time.monotonic() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    stages: dict[str, float] = {}
    for _, _, spent in results:
        for label, seconds in spent.items():
            stages[label] = stages.get(label, 0.0) + seconds
    return {
        "wall": wall,
        "pages": len(payloads),
        "articles": sum(1 for article, _, _ in results if article),
        "cpu": cpu,
        "worker_cpu": sum(seconds for _, seconds, _ in results),
        "stages": stages,
    }


def trafilatura_cli(site: Site, tmp: Path, workers: int) -> dict[str, float]:
    urls = tmp / "urls.txt"
    urls.write_text("\n".join(site.urls) + "\n")
    config = tmp / "trafilatura.cfg"
    default = Path(__import__("trafilatura").__file__).parent / "settings.cfg"
    text = default.read_text().replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0")
    config.write_text(text.replace("SSRF_PROTECTION = on", "SSRF_PROTECTION = off"))
    out = tmp / "cli-out"
    command = [
        str(BIN / "trafilatura"), "-i", str(urls), "--parallel", str(workers),
        "--config-file", str(config), "-o", str(out), "--with-metadata",
    ]  # fmt: skip
    result = run_measured(command, tmp)
    result["pages"] = len(site.urls)
    # the CLI spreads its output over numbered subdirectories past 1,000 files
    result["articles"] = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument(
        "--corpus",
        action="append",
        help="serve the real HTML files (plain or .gz) of this directory instead (repeatable)",
    )
    parser.add_argument("--copies", type=int, default=1, help="copies of each corpus page")
    parser.add_argument("--limit", type=int, help="the first N pages of each corpus")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument(
        "--only",
        choices=["project", "extraction"],
        help="the project's crawl only, or the limit and the project's extraction only",
    )
    parser.add_argument(
        "--memory",
        metavar="N,M",
        help="peak RSS of the project's crawl at N and at M pages (pages written to disk)",
    )
    parser.add_argument(
        "--page-kb",
        default="50-200",
        metavar="LO-HI",
        help="size of the generated pages in KB; 0: the bare article pages, 11-23 KB",
    )
    args = parser.parse_args()
    low, _, high = args.page_kb.partition("-")
    kb = (int(low), int(high or low))
    if args.memory:
        return memory([int(n) for n in args.memory.split(",")], args.workers, kb)

    site = (
        load_corpus(args.corpus, args.copies, args.limit)
        if args.corpus
        else generate(args.pages, kb=kb)
    )
    size = sum(len(body) for _, body in site.bodies()) / max(1, len(site.pages))
    if args.only == "extraction":
        print(f"{len(site.pages)} pages, {size / 1024:.0f} KB on average, {args.workers} workers, "
              f"{os.cpu_count()} cores, no network")  # fmt: skip
        rows = {
            LIMIT: in_pool(site, args.workers, plain_extract, plain_warm_up),
            ALONE: in_pool(site, args.workers, staged_extract, time_stages),
        }
        print_table(rows)
        return 0
    site.start(1)
    print(f"{len(site.pages)} pages, {size / 1024:.0f} KB on average, {args.workers} workers, "
          f"{os.cpu_count()} cores, served by {site.base}")  # fmt: skip
    rows: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp_name:
            tmp = Path(tmp_name)
            if not args.only:
                start = time.monotonic()
                asyncio.run(fetch_all(site.urls))
                rows["server alone"] = {"wall": time.monotonic() - start, "pages": len(site.pages)}
                rows[LIMIT] = in_pool(site, args.workers, plain_extract, plain_warm_up)
                rows[ALONE] = in_pool(site, args.workers, staged_extract, time_stages)
            rows["project"] = crawl(site, tmp, "project", "-s", f"EXTRACT_WORKERS={args.workers}")
            if not args.only:
                rows[FLOOR] = crawl(
                    site, tmp, "floor", "-s", "EXTRACT_ENABLED=False", "-s", "WARC_ENABLED=False"
                )
                rows[FLOOR]["pages"] = len(site.urls)  # fetched, parsed, nothing extracted
                rows["naive (inline extraction)"] = crawl(
                    site, tmp, "naive", "-s", "EXTRACT_WORKERS=0"
                )
                rows["trafilatura CLI"] = trafilatura_cli(site, tmp, args.workers)
    finally:
        site.stop()
    print_table(rows)
    return 0


def memory(sizes: list[int], workers: int, kb: tuple[int, int] = PAGE_KB) -> int:
    """The project's crawl at each size, one after the other: is peak RSS flat?"""
    rows: dict[str, dict[str, float]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp_name:
            tmp = Path(tmp_name)
            (tmp / "pages").mkdir()
            started = time.monotonic()
            site = generate(n, tmp / "pages", kb)
            size = sum(path.stat().st_size for path in (tmp / "pages").iterdir()) / max(n, 1)
            print(f"{n} pages ({size / 1024:.1f} KB on average) written in "
                  f"{time.monotonic() - started:.0f} s", flush=True)  # fmt: skip
            site.start(1)
            try:
                rows[f"project, {n} pages"] = crawl(
                    site, tmp, "project", "-s", f"EXTRACT_WORKERS={workers}"
                )
            finally:
                site.stop()
            row = rows[f"project, {n} pages"]
            print(f"  {row.get('pages', 0)} pages in {row['wall']:.0f} s, "
                  f"peak RSS {row['rss'] / 2**20:.0f} MB", flush=True)  # fmt: skip
    print_table(rows)
    peaks = [row["rss"] for row in rows.values()]
    if len(peaks) > 1 and peaks[0]:
        print(f"\npeak RSS at {sizes[-1]} pages / at {sizes[0]} pages: {peaks[-1] / peaks[0]:.2f}")
    return 0


def print_table(rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{'':28} {'pages':>6} {'articles':>8} {'wall s':>7} {'pages/s':>8} "
          f"{'CPU s/page':>10} {'peak RSS MB':>11}")  # fmt: skip
    rate = {}
    for name, row in rows.items():
        pages = row.get("pages") or 0
        rate[name] = pages / row["wall"] if row["wall"] else 0.0
        cpu = f"{row['cpu'] / pages:.4f}" if row.get("cpu") and pages else "-"
        rss = f"{row['rss'] / 2**20:.0f}" if row.get("rss") else "-"
        articles = row.get("articles", "-")
        print(f"{name:28} {pages:>6} {articles:>8} {row['wall']:>7.1f} {rate[name]:>8.1f} "
              f"{cpu:>10} {rss:>11}")  # fmt: skip
    project = rate.get("project")
    for other in (LIMIT, ALONE, "naive (inline extraction)", "trafilatura CLI"):
        if project and rate.get(other):
            print(f"project / {other:26} {project / rate[other]:.2f}")
    if rate.get(ALONE) and rate.get(LIMIT):
        cpu = rows[LIMIT]["worker_cpu"] / max(rows[ALONE]["worker_cpu"], 1e-9)
        print(f"extraction alone / limit: {rate[ALONE] / rate[LIMIT]:.2f} (pages/s), "
              f"{cpu:.2f} (limit CPU / extraction CPU, per page in the workers)")  # fmt: skip
    print_ceiling(rows)
    print_cpu_split(rows.get("project"))
    print_stages(rows.get(ALONE), rows.get(LIMIT))
    print_held(rows.get("project"))


def cpu_per_page(row: dict[str, float] | None) -> float:
    return row["cpu"] / row["pages"] if row and row.get("cpu") and row.get("pages") else 0.0


def print_ceiling(rows: dict[str, dict[str, float]]) -> None:
    """The best project / limit a crawl through Scrapy could reach with every core busy.

    With all cores busy, pages/s is cores / CPU s per page, so a crawl that did
    nothing but Scrapy's own work (the floor row) and the extraction would reach
    limit CPU / (limit CPU + floor CPU) of the limit.
    """
    extraction, floor = cpu_per_page(rows.get(ALONE)), cpu_per_page(rows.get(FLOOR))
    if extraction and floor:
        ceiling = extraction / (extraction + floor)
        print(f"ceiling of project / limit (Scrapy's own CPU) {ceiling:.2f}")


def print_cpu_split(row: dict[str, float] | None) -> None:
    """Where the project's CPU goes, per page (from the run's ``*/cpu_seconds`` stats)."""
    if not row or not row.get("pages") or not row.get("cpu"):
        return
    pages = row["pages"]
    parts = {
        "extraction (worker processes)": row.get("cpu_extract", 0.0),
        "archive writer thread": row.get("cpu_archive", 0.0),
        "WARC writer thread": row.get("cpu_warc", 0.0),
    }
    parts["the rest: Scrapy, IPC, start-up"] = row["cpu"] - sum(parts.values())
    print("\nproject CPU s/page by stage:")
    for name, seconds in parts.items():
        print(f"  {name:32} {seconds / pages:.4f}  ({seconds / row['cpu']:.0%})")


def print_stages(alone: dict[str, Any] | None, plain: dict[str, Any] | None) -> None:
    """Where the project's extraction spends its CPU, per page, next to the library's."""
    if not alone or not alone.get("pages"):
        return
    pages = alone["pages"]
    total = alone["worker_cpu"]
    print(f"\nproject extraction CPU ms/page by stage (in the workers, {pages} pages):")
    for label, seconds in sorted(alone["stages"].items(), key=lambda item: -item[1]):
        print(f"  {label:32} {seconds / pages * 1000:7.1f}  ({seconds / total:.0%})")
    rest = total - sum(alone["stages"].values())
    print(f"  {'the rest (classify, tidy...)':32} {rest / pages * 1000:7.1f}  ({rest / total:.0%})")
    print(f"  {'total':32} {total / pages * 1000:7.1f}")
    if plain and plain.get("pages"):
        library = plain["worker_cpu"] / plain["pages"] * 1000
        print(f"  {'limit: trafilatura + py3langid':32} {library:7.1f}")


def print_held(row: dict[str, Any] | None) -> None:
    """The crawl's peak of responses held waiting for (or in) extraction."""
    if row and row.get("news/extract/pending_max"):
        print(f"\nresponses held at most: {row['news/backpressure/held_max']} from download "
              f"to extraction, {row['news/extract/pending_max']} in extraction "
              f"(EXTRACT_MAX_PENDING: 8 per worker by default)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
