"""What feed recovery costs, and what it recovers.

    .venv/bin/python bench/feeds.py [--items 200] [--repeat 50]

1. A well-formed feed of N items (RSS 2.0 and Atom), parsed side by side by
   ``crawler.discovery.documents.parse_document`` (lxml: the fast path; it must stay there), by
   the feedparser fallback alone (what a broken feed costs) and by ``feedparser.parse``
   as users call it; milliseconds per feed (best of ``--repeat``) and the ratios.
2. The broken feeds and sitemaps of tests/test_feed_recovery.py: for each, what
   strict lxml alone does and what ``parse_document`` yields (entries, how read).

Figures, not a timed test; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0:1] = [str(ROOT), str(ROOT / "tests")]  # not bench/: its incremental.py is no package

import feedparser  # noqa: E402

from crawler.discovery.documents import parse_document  # noqa: E402
from crawler.discovery.feeds import Feed, _feedparser_entry, recovered_items  # noqa: E402
from crawler.discovery.reading import Entry, FeedError, _entries, parse_xml  # noqa: E402


def rss(items: int) -> bytes:
    body = "".join(
        f"<item><title>Kabar nomor {n} dari desa &amp; kota</title>"
        f"<link>https://kabar.example/berita/{n}/kabar-nomor-{n}</link>"
        f"<pubDate>Wed, 04 Mar 2026 08:{n % 60:02d}:00 +0700</pubDate>"
        f"<dc:creator>Penulis {n % 7}</dc:creator>"
        f"<description>Ringkasan kabar nomor {n}, dua kalimat pendek. Satu lagi.</description>"
        "</item>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kabar</title>'
        f"<link>https://kabar.example/</link>{body}</channel></rss>"
    ).encode()


def atom(items: int) -> bytes:
    body = "".join(
        f'<entry><title>Story {n}</title><link rel="alternate" href="news/{n}/story-{n}"/>'
        f"<id>tag:kabar.example,2026:{n}</id><published>2026-03-04T08:15:00+07:00</published>"
        f"<updated>2026-03-05T10:00:00+07:00</updated><author><name>Ayu</name></author>"
        f"<summary>Summary of story {n}.</summary></entry>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:base="https://kabar.example/en/"><title>Kabar</title>{body}</feed>'
    ).encode()


def best(function, repeat: int) -> float:
    """CPU milliseconds of one call, the best of ``repeat`` (CPU time: the machine is shared)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times) * 1000


def fallback(body: bytes, base: str) -> list[Entry]:
    return _entries(recovered_items(body, base), _feedparser_entry, base)


def cost(items: int, repeat: int) -> None:
    print(f"Well-formed feed of {items} items: CPU ms per feed (best of {repeat})")
    print(f"{'feed':8} {'fast path':>10} {'fallback':>10} {'feedparser':>11} {'fallback/fast':>14}")
    for name, body in (("RSS 2.0", rss(items)), ("Atom", atom(items))):
        base = "https://kabar.example/feed.xml"
        document = parse_document(body, base)
        assert isinstance(document, Feed) and len(document) == items
        assert document.recovered == "", "a well-formed feed left the fast path"
        assert [e.url for e in fallback(body, base)] == [e.url for e in document]
        fast = best(lambda b=body, u=base: parse_document(b, u), repeat)
        slow = best(lambda b=body, u=base: fallback(b, u), repeat)
        plain = best(lambda b=body: feedparser.parse(io.BytesIO(b)), repeat)
        print(f"{name:8} {fast:10.2f} {slow:10.2f} {plain:11.2f} {slow / fast:13.1f}x")
    print("(fallback: feedparser with sanitising and relative-URI rewriting off, as used;")
    print(" feedparser: feedparser.parse with its defaults; the fast path never calls either)")


def how_read(document: object) -> str:
    for what in ("partial", "recovered"):
        if getattr(document, what, ""):
            return what
    return "fast"


def cases() -> None:
    from test_feed_recovery import FAST, FEEDS, SITEMAPS

    print()
    print(f"{'case':40} {'lxml alone':11} {'read as':10} {'entries':>8}")
    for kind, table in (("feed", {**FEEDS, **FAST}), ("sitemap", SITEMAPS)):
        for name, (body, expected, *_) in table.items():
            try:
                parse_xml(body)
                strict = "reads it"
            except FeedError:
                strict = "refuses it"
            try:
                document = parse_document(body, "https://kabar.example/x.xml")
            except FeedError as exc:
                print(f"{kind}: {name:34} {strict:11} FAILED     {exc}")
                continue
            got = len(document.entries if hasattr(document, "entries") else document)
            want = "" if expected is None else f"/{len(expected)}"
            print(f"{kind + ': ' + name:40} {strict:11} {how_read(document):10} {got:>5}{want}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    cost(args.items, args.repeat)
    cases()


if __name__ == "__main__":
    main()
