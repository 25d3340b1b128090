"""Crawl throughput against the machine's limit and the tools users would pick instead.

    .venv/bin/python bench/throughput.py [--pages N] [--corpus DIR] [--only project]
    .venv/bin/python bench/throughput.py --memory 5000,50000

Serves N generated article pages (50-200 KB, six languages; ``--corpus DIR`` serves
the HTML files of DIR instead) from a fast loopback server (``bench/pages.py``) and
prints, side by side in one run:

- server alone: pages/s a keep-alive client gets from it (it must not be the limit);
- limit: the project's extraction alone over the same pages, all cores, no network, no DB;
- project: the real ``scrapy crawl news`` into a fresh archive (pages/s, CPU s/page,
  peak RSS of the crawl and its worker processes);
- naive: the same crawl with trafilatura inline in the item pipeline (EXTRACT_WORKERS=0);
- trafilatura CLI: ``trafilatura -i urls.txt --parallel W`` with SLEEP_TIME = 0;
- Scrapy alone: the same crawl with extraction and WARC capture off (its own work per
  page: download, response, spider, scheduler), and the ceiling that puts on
  project/limit with every core busy: limit CPU / (limit CPU + Scrapy's CPU) per page;
- the ratios project/limit, project/naive, project/CLI;
- where the project's CPU goes, per page: extraction, archive writer, WARC writer, the rest.

``--memory N,M`` instead crawls N, then M generated pages (written to disk first, in
parallel) and prints the peak RSS of each crawl and their ratio: memory must stay flat.

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

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]  # tests/sites

from pages import Site, fetch_all, generate, load_corpus  # noqa: E402

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
        archive.close()
    return result


LIMIT = "limit (extraction alone)"
FLOOR = "Scrapy alone (no extraction)"


def limit(site: Site, workers: int) -> dict[str, float]:
    """The project's extraction alone: all cores, no network, no database."""
    payloads = [
        {"body": body, "url": site.base + path, "encoding": "utf-8"} for path, body in site.bodies()
    ]
    with ProcessPoolExecutor(workers, initializer=warm_up) as pool:
        list(pool.map(abs, range(workers * 4)))  # start and warm the workers first
        start = time.monotonic()
        before = os.times()
        results = list(pool.map(extract_page, payloads, chunksize=4))
        wall = time.monotonic() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    articles = sum(1 for r in results if not r.get("skip_reason"))
    return {"wall": wall, "pages": len(payloads), "articles": articles, "cpu": cpu}


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
    parser.add_argument("--corpus", help="serve the HTML files of this directory instead")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--only", choices=["project"], help="run the project's crawl only")
    parser.add_argument(
        "--memory",
        metavar="N,M",
        help="peak RSS of the project's crawl at N and at M pages (pages written to disk)",
    )
    args = parser.parse_args()
    if args.memory:
        return memory([int(n) for n in args.memory.split(",")], args.workers)

    site = load_corpus(args.corpus) if args.corpus else generate(args.pages)
    size = sum(len(body) for _, body in site.bodies()) / max(1, len(site.pages))
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
                rows[LIMIT] = limit(site, args.workers)
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


def memory(sizes: list[int], workers: int) -> int:
    """The project's crawl at each size, one after the other: is peak RSS flat?"""
    rows: dict[str, dict[str, float]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp_name:
            tmp = Path(tmp_name)
            (tmp / "pages").mkdir()
            started = time.monotonic()
            site = generate(n, tmp / "pages")
            print(f"{n} pages written in {time.monotonic() - started:.0f} s", flush=True)
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
    for other in (LIMIT, "naive (inline extraction)", "trafilatura CLI"):
        if project and rate.get(other):
            print(f"project / {other:26} {project / rate[other]:.2f}")
    print_ceiling(rows)
    print_cpu_split(rows.get("project"))


def cpu_per_page(row: dict[str, float] | None) -> float:
    return row["cpu"] / row["pages"] if row and row.get("cpu") and row.get("pages") else 0.0


def print_ceiling(rows: dict[str, dict[str, float]]) -> None:
    """The best project / limit a crawl through Scrapy could reach with every core busy.

    With all cores busy, pages/s is cores / CPU s per page, so a crawl that did
    nothing but Scrapy's own work (the floor row) and the extraction would reach
    limit CPU / (limit CPU + floor CPU) of the limit.
    """
    extraction, floor = cpu_per_page(rows.get(LIMIT)), cpu_per_page(rows.get(FLOOR))
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


if __name__ == "__main__":
    sys.exit(main())
