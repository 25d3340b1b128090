"""The cost of a rendered page against a plain one, on a real ``scrapy crawl news``.

    nice -n 10 .venv/bin/python bench/render.py [--small 10] [--large 40]

The fixture site (tests/sites/gated.py) serves the same stories two ways on loopback:
as plain HTML pages, and as shells whose script fetches the story from a JSON endpoint
(crawled with ``render = true`` in headless Chromium). Each way is crawled twice, with
``--small`` and ``--large`` stories, and the cost of one page is the slope between the
two (what one more page adds: the crawl's fixed start and end cancel out). Printed per
way: wall seconds and CPU seconds (the crawl and every process it started: extraction
workers, Playwright's driver, Chromium) of each crawl, the peak memory of the whole
process tree (sampled), and per page: wall and CPU milliseconds. Figures, not a timed
test; ratios are from one run, side by side. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
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
                peak[0] = max(peak[0], tree_rss(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        log = process.communicate(timeout=900)[0].decode()
        wall = time.perf_counter() - start
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode != 0:
            raise SystemExit(log[-3000:])
        import sqlite3

        db = sqlite3.connect(Path(tmp) / "news.db")
        stored = db.execute("select count(*) from known_urls where url like '%/story/%'").fetchone()
        db.close()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak": peak[0] / 2**20, "pages": stored[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=40)
    args = parser.parse_args()
    span = args.large - args.small
    print(f"stories: {args.small} and {args.large}; per page = slope between the two crawls")
    print(f"{'way':<8}{'stories':>8}{'recorded':>9}{'wall s':>8}{'cpu s':>8}{'peak MiB':>10}")
    per_page = {}
    for render in (False, True):
        way = "render" if render else "plain"
        runs = {}
        for count in (args.small, args.large):
            runs[count] = figures = crawl(render, count)
            print(
                f"{way:<8}{count:>8}{figures['pages']:>9}{figures['wall']:>8.1f}"
                f"{figures['cpu']:>8.1f}{figures['peak']:>10.0f}"
            )
        small, large = runs[args.small], runs[args.large]
        per_page[way] = {k: (large[k] - small[k]) / span * 1000 for k in ("wall", "cpu")}
        per_page[way]["peak"] = large["peak"]
    for way, figures in per_page.items():
        print(f"{way}: per page {figures['wall']:.0f} ms wall, {figures['cpu']:.0f} ms CPU")
    plain, rendered = per_page["plain"], per_page["render"]
    print(
        f"render / plain: {rendered['wall'] / plain['wall']:.1f}x wall, "
        f"{rendered['cpu'] / plain['cpu']:.1f}x CPU per page; peak memory "
        f"{rendered['peak']:.0f} MiB against {plain['peak']:.0f} MiB"
    )


if __name__ == "__main__":
    main()
