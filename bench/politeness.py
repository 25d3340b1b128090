"""Per-host politeness measured on a real ``scrapy crawl news``: requests in flight, gaps.

    .venv/bin/python bench/politeness.py [--pages 40] [--crawl-delay 1]

A loopback server (tests/test_politeness.py's ``Meter``) counts the requests in flight
per host and when each arrives; every article answers after 0.3 s. It prints:

1. the most requests in flight to the host with ``DOWNLOAD_DELAY = 0``, AutoThrottle
   off and ``CONCURRENT_REQUESTS_PER_DOMAIN = 2``, with the project's downloader
   (``crawler.downloader.PoliteDownloader``) and with Scrapy 2.19's own;
2. with a robots.txt ``Crawl-delay`` (and ``DOWNLOAD_DELAY = 0``, AutoThrottle from 0 s):
   the smallest and the median gap between two requests to the host.

Figures, not a timed test; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0:1] = [str(ROOT), str(ROOT / "tests")]  # not bench/: its incremental.py is no package

from test_politeness import Meter, feed, sources  # noqa: E402
from test_rekey import article  # noqa: E402

from conftest import run_crawl  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402
from sites.demo.site import Page  # noqa: E402


def crawl(pages: int, robots: str, seconds: float, *settings: str) -> Meter:
    meter = Meter()
    paths = [f"/berita/{n}/kabar-dari-desa-nomor-{n}" for n in range(1, pages + 1)]

    def site(base: str):
        routes = {
            p: meter.serve(article(f"Kabar dari desa nomor {p[8:10]}"), seconds) for p in paths
        }
        routes["/rss.xml"] = meter.serve(feed(base, paths))
        if robots:
            page = Page(headers={"Content-Type": "text/plain"}, body=robots.encode())
            routes["/robots.txt"] = meter.serve(page)
        return routes

    with tempfile.TemporaryDirectory() as tmp, SiteServer(site) as server:
        source = sources(Path(tmp) / "s.toml", server.url)
        result = run_crawl(source, Path(tmp) / "news.db", *settings, timeout=600)
        if result.returncode != 0:
            raise SystemExit(result.log[-3000:])
    return meter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--crawl-delay", type=float, default=1.0)
    args = parser.parse_args()
    bound = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false"]
    bound += ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "CONCURRENT_REQUESTS=32"]
    print(f"{args.pages} articles, 0.3 s each; DOWNLOAD_DELAY=0, CONCURRENT_REQUESTS_PER_DOMAIN=2")
    print(f"{'downloader':45} {'most in flight':>15}")
    for name in ("crawler.downloader.PoliteDownloader", "scrapy.core.downloader.Downloader"):
        meter = crawl(args.pages, "", 0.3, *bound, "-s", f"DOWNLOADER={name}")
        print(f"{name:45} {max(meter.most.values()):>15}")
    pages = 10
    robots = f"User-agent: *\nCrawl-delay: {args.crawl_delay:g}\n"
    meter = crawl(pages, robots, 0.0)  # the tests' FAST settings: no delay, AutoThrottle 0-1 s
    gaps = meter.gaps()[1:]  # after robots.txt
    print()
    print(
        f"Crawl-delay: {args.crawl_delay:g} ({pages} articles, DOWNLOAD_DELAY=0, AutoThrottle on)"
    )
    print(f"gaps between requests: min {min(gaps):.3f} s, median {statistics.median(gaps):.3f} s")


if __name__ == "__main__":
    main()
