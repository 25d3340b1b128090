"""The cost of a rendered page against a plain one, on a real ``scrapy crawl news``.

    nice -n 10 .venv/bin/python bench/render.py [--plain 10,200] [--render 10,40]

The fixture site (tests/sites/gated.py) serves the same stories two ways on loopback:
as plain HTML pages, and as shells whose script fetches the story from a JSON endpoint
(crawled with ``render = true`` in headless Chromium). Each way is crawled twice, with
a small and a large number of stories, and the cost of one page is the slope between
the two (what one more page adds: the crawl's fixed start and end cancel out). Printed
per way: wall seconds and CPU seconds (the crawl and every process it started:
extraction workers, Playwright's driver, Chromium) of each crawl, the peak memory of
the whole process tree (proportional set size, sampled every 0.2 s, so memory shared
by Chromium's processes is counted once), and per page: wall and CPU milliseconds.
Figures, not a timed test; ratios are from one run, side by side. Nothing leaves the
machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0:1] = [str(ROOT), str(ROOT / "tests")]  # not bench/: its incremental.py is no package

from conftest import CRAWL_ENV, crawl_command  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402
from sites.gated import build_render, build_static, sources  # noqa: E402


def pss(pid: int) -> int:
    """Proportional set size of one process, in bytes (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += pss(current)
        stack.extend(children.get(current, []))
    return total


def crawl(render: bool, count: int) -> dict[str, float]:
    build = (
        (lambda url: build_render(url, None, count))
        if render
        else (lambda url: build_static(url, count))
    )
    with tempfile.TemporaryDirectory() as tmp, SiteServer(build) as site:
        path = Path(tmp) / "sources.toml"
        options = {"render": True} if render else {}
        path.write_text(sources("bench", site.url, allow_private=True, **options))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = crawl_command(path, Path(tmp) / "news.db", "-s", "LOG_LEVEL=WARNING")
        process = subprocess.Popen(
            command, cwd=ROOT, env=CRAWL_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        peak = [0]

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], tree_memory(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        log = process.communicate(timeout=900)[0].decode()
        wall = time.perf_counter() - start
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode != 0:
            raise SystemExit(log[-3000:])
        db = sqlite3.connect(Path(tmp) / "news.db")
        stored = db.execute("select count(*) from known_urls where url like '%/story/%'").fetchone()
        db.close()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak": peak[0] / 2**20, "pages": stored[0]}


def counts(text: str) -> tuple[int, int]:
    small, large = (int(n) for n in text.split(","))
    if not 0 < small < large:
        raise argparse.ArgumentTypeError("two story counts, the smaller first: 10,40")
    return small, large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plain", type=counts, default=(10, 200), help="stories, two crawls")
    parser.add_argument("--render", type=counts, default=(10, 40), help="stories, two crawls")
    args = parser.parse_args()
    print("per page = the slope between the two crawls of each way")
    print(f"{'way':<8}{'stories':>8}{'recorded':>9}{'wall s':>8}{'cpu s':>8}{'peak MiB':>10}")
    per_page = {}
    for way, (small, large) in (("plain", args.plain), ("render", args.render)):
        runs = {}
        for count in (small, large):
            runs[count] = figures = crawl(way == "render", count)
            print(
                f"{way:<8}{count:>8}{figures['pages']:>9}{figures['wall']:>8.1f}"
                f"{figures['cpu']:>8.1f}{figures['peak']:>10.0f}"
            )
        span = large - small
        per_page[way] = {
            k: (runs[large][k] - runs[small][k]) / span * 1000 for k in ("wall", "cpu")
        }
        per_page[way]["peak"] = runs[large]["peak"]
    for way, figures in per_page.items():
        print(f"{way}: per page {figures['wall']:.0f} ms wall, {figures['cpu']:.0f} ms CPU")
    plain, rendered = per_page["plain"], per_page["render"]
    ratios = [
        f"{rendered[k] / plain[k]:.0f}x {k}" if plain[k] > 0 else f"{k}: plain below resolution"
        for k in ("wall", "cpu")
    ]
    print(
        f"render / plain per page: {', '.join(ratios)}; peak memory "
        f"{rendered['peak']:.0f} MiB against {plain['peak']:.0f} MiB"
    )


if __name__ == "__main__":
    main()
