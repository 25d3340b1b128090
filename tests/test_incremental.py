"""Incremental crawling: discovery formats, known URLs, conditional GET, revisits, since=, lock.

The end-to-end tests crawl ``Newsroom`` (tests/sites/demo/newsroom.py), a generated
site on 127.0.0.1 whose articles are added and edited between runs and which
answers conditional requests with 304.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from crawler import lock
from crawler.discovery.documents import parse_document
from crawler.discovery.listings import is_calendar, page_number
from crawler.discovery.reading import FeedError
from crawler.discovery.sitemaps import robots_sitemaps
from pipelines.archive.frontier import Known, age_base, next_visit, parse_schedule
from pipelines.archive.runs import OUTCOMES
from pipelines.urls import canonicalize_url

from conftest import assert_books_balance, assert_clean_log, run_crawl
from sites.demo.newsroom import Newsroom
from sites.demo.server import SiteServer
from sites.demo.site import Page

H = timedelta(hours=1)


def test_schedule_and_due():
    steps = parse_schedule("1h,6h,24h,3d")
    assert steps == [H, 6 * H, 24 * H, 72 * H]
    assert parse_schedule("") == [] and parse_schedule("never") == []
    with pytest.raises(ValueError, match="bad revisit step"):
        parse_schedule("1h,soon")
    base = datetime(2026, 3, 1, tzinfo=UTC)
    assert next_visit(base, base + H / 2, steps) == base + H
    assert next_visit(base, base + 7 * H, steps) == base + 24 * H
    assert next_visit(base, base + 80 * H, steps) is None
    # An article published long before it was first seen is not revisited.
    old = Known("u", "s", "article", "done", '"e"', None, 0, None,
                "2026-03-10T00:00:00+00:00", "2026-03-10T00:00:00+00:00", "2026-01-01")  # fmt: skip
    assert not old.is_due(datetime(2026, 3, 20, tzinfo=UTC), steps)
    # A publication stated only to the month (monthdates) dates the article too.
    assert age_base("2026-03-10T00:00:00+00:00", "2015-11") == datetime(2015, 11, 1, tzinfo=UTC)
    month = Known("u", "s", "article", "done", '"e"', None, 0, None,
                  "2026-03-10T00:00:00+00:00", "2026-03-10T00:00:00+00:00", "2015-11")  # fmt: skip
    assert not month.is_due(datetime(2026, 3, 10, 1, 1, tzinfo=UTC), steps)
    fresh = Known("u", "s", "article", "done", '"e"', None, 0, None,
                  "2026-03-10T00:00:00+00:00", "2026-03-10T00:00:00+00:00", None)  # fmt: skip
    assert fresh.is_due(datetime(2026, 3, 10, 1, 1, tzinfo=UTC), steps)
    assert fresh.conditional_headers() == {"If-None-Match": '"e"'}


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("https://x.org/news/1/a-b/amp", "https://x.org/news/1/a-b"),
        ("https://x.org/amp/news/1/a-b", "https://x.org/news/1/a-b"),
        ("https://x.org/2026/03/a-b/amp/", "https://x.org/2026/03/a-b/"),
        ("https://x.org/news/a-b.amp.html", "https://x.org/news/a-b.html"),
        ("https://x.org/a?amp=1&id=2&utm_campaign=z", "https://x.org/a?id=2"),
        ("https://x.org/a?outputType=amp", "https://x.org/a"),
        ("https://x.org/a/print?fbclid=1", "https://x.org/a"),
        ("https://x.org/a?print=1", "https://x.org/a"),
        ("https://x.org/a?view=print", "https://x.org/a"),
        ("https://x.org/a?view=full", "https://x.org/a?view=full"),
        ("https://x.org/example/ampersand", "https://x.org/example/ampersand"),
    ],
)
def test_amp_and_print_variants(raw, canonical):
    assert canonicalize_url(raw) == canonical


def test_listing_rules():
    assert is_calendar("https://x.org/archive/2026/03/04/")
    assert is_calendar("https://x.org/2026/03/") and is_calendar(
        "https://x.org/news?date=2026-03-04"
    )
    assert not is_calendar("https://x.org/2026/03/04/a-long-story-slug")
    assert page_number("https://x.org/section/a?page=7") == 7
    assert page_number("https://x.org/section/a/page/3/") == 3
    assert page_number("https://x.org/section/a") is None


def test_every_feed_format_and_robots():
    room = Newsroom(5)
    base = "http://127.0.0.1:1"
    for render in (room.rss, room.rdf, room.atom, room.json_feed):
        entries = parse_document(render(base).encode(), base)
        assert [e.url for e in entries] == [base + s.path for s in room.newest()], render
        assert all(e.published for e in entries)
    json_feed = parse_document(room.json_feed(base).encode(), base)
    assert json_feed[0].title == room.newest(1)[0].title
    text = b"User-agent: *\nDisallow: /x\nSitemap: /a.xml\nsitemap:https://x.org/b.xml\n"
    assert robots_sitemaps(text, "https://x.org/robots.txt") == [
        "https://x.org/a.xml",
        "https://x.org/b.xml",
    ]


BAD = {
    "truncated": b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>http://',
    "encoding": b'<?xml version="1.0" encoding="x-no-such-charset"?><rss><channel/></rss>',
    "entities": (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><link>&x;</link></item></channel></rss>"
    ),
    "json": b'{"version": "https://jsonfeed.org/version/1.1", "items": ',
    "not_a_feed": b"<html><body>hello</body></html>",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_documents_are_refused(name):
    with pytest.raises(FeedError):
        parse_document(BAD[name], "http://127.0.0.1/")


def sources_file(path, url, *, start=True, feeds=("/atom.xml",), sitemaps=()):
    lines = ["[[source]]", 'name = "room"', "allow_private = true"]
    if start:
        lines.append(f'start_urls = ["{url}/"]')
    lines.append("feeds = [" + ", ".join(f'"{url}{f}"' for f in feeds) + "]")
    lines.append("sitemaps = [" + ", ".join(f'"{url}{s}"' for s in sitemaps) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts_of(db, run=-1):
    rows = list(db.query("select counts from crawl_runs order by id"))
    return json.loads(rows[run]["counts"])["room"]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """40 articles crawled; then 2 new ones, 2 edits; crawled again 2 hours later."""
    tmp = tmp_path_factory.mktemp("incremental")
    room = Newsroom(40)
    bad = {f"/bad-{name}.xml": Page(body=body) for name, body in BAD.items()}
    with SiteServer(lambda base: room.routes(base, bad)) as server:
        feeds = ("/atom.xml", *bad)
        sources = sources_file(tmp / "sources.toml", server.url, feeds=feeds)
        first = run_crawl(sources, tmp / "news.db", "-s", "NEWS_PROGRESS_INTERVAL=1")
        first.hits = dict(server.hits)
        first.articles = first.db["articles"].count  # the file is shared with run 2
        server.hits.clear()
        server.requests.clear()
        added = room.add(2)
        room.edit([40, 35])  # 40 is due for its 1 h revisit; 35 (10 h old) is not
        later = (room.now + 2 * H).isoformat()
        second = run_crawl(sources, tmp / "news.db", "-s", f"NEWS_CLOCK={later}")
        second.hits = dict(server.hits)
        second.requests = list(server.requests)
    return room, first, second, added


def test_first_run_discovers_everything(two_runs):
    room, first, _, _ = two_runs
    assert first.returncode == 0, first.log[-3000:]
    assert_clean_log(first.log)
    assert first.articles == 40
    assert "progress: " in first.log and "articles archived" in first.log
    counts = counts_of(first.db, 0)
    assert counts["new"] == 40  # every article page fetched once, and nothing else archived
    assert counts["fetched"] == sum(counts.get(k, 0) for k in OUTCOMES)
    assert_books_balance(first.db, first.log)
    # Calendar links are never followed; pagination stops at NEWS_PAGINATION_MAX (3).
    assert not [p for p in first.hits if p.startswith("/archive/")]
    assert "/section/region?page=3" in first.hits and "/section/region?page=4" not in first.hits
    # AMP and print variants of the top story resolve to the article, fetched once.
    top = room.stories[40].path  # the newest at run 1
    assert first.hits[top] == 1 and f"{top}/amp" not in first.hits
    # Feeds found by autodiscovery, sitemaps from robots.txt.
    assert "/feed.json" in first.hits and "/sitemap-index.xml" in first.hits
    states = dict(first.db.execute("select state, count(*) from known_urls group by 1").fetchall())
    assert states["done"] >= 40


def test_malformed_feeds_become_error_rows(two_runs):
    _, first, _, _ = two_runs
    errors = first.db.execute(
        "select url, detail from errors where reason = 'bad_feed' and run_id = 1"
    ).fetchall()
    assert {url.rsplit("/", 1)[1] for url, _ in errors} == {f"bad-{n}.xml" for n in BAD}
    assert any("entities" in detail for _, detail in errors)


def test_second_run_fetches_only_new_and_due(two_runs):
    room, first, second, added = two_runs
    assert second.returncode == 0, second.log[-3000:]
    assert_clean_log(second.log)
    counts = counts_of(second.db)
    assert counts["new"] == 2 and counts["known"] >= 30
    article_hits = {p for p in second.hits if p.startswith("/news/")}
    steps = parse_schedule("1h,6h,24h,3d")
    due = {  # a schedule step fell between run 1 and run 2 (40: 1 h, 38: 6 h, 29: 24 h...)
        s.path
        for i, s in room.stories.items()
        if i <= 40 and any(room.now < s.published + step <= room.now + 2 * H for step in steps)
    }
    assert {room.stories[40].path, room.stories[38].path} <= due
    assert article_hits == {s.path for s in added} | due
    # Conditional GET: the revisit of the unchanged 38 and unchanged sitemaps got 304s.
    assert counts["not_modified"] >= 2
    conditional = [r for r in second.requests if "If-None-Match" in r.headers]
    assert any(r.path == "/atom.xml" for r in conditional)
    assert any(r.path == room.stories[38].path for r in conditional)


def test_revisit_catches_edit_and_keeps_both_versions(two_runs):
    room, _, second, _ = two_runs
    counts = counts_of(second.db)
    assert counts["updated"] == 1
    row = next(second.db["articles"].rows_where("url like ?", ["%/news/40/%"]))
    assert row["version"] == 2 and "Update 1:" in row["text"]
    old = list(second.db["article_versions"].rows_where("article_id = ?", [row["id"]]))
    assert len(old) == 1 and old[0]["version"] == 1 and "Update 1:" not in old[0]["text"]
    # 35 was edited too but is not due yet: the schedule will catch it later.
    row35 = next(second.db["articles"].rows_where("url like ?", ["%/news/35/%"]))
    assert row35["version"] == 1
    known = second.db.execute(
        "select next_visit from known_urls where url like ?", ["%/news/35/%"]
    ).fetchone()[0]
    assert known is not None


def test_since_bounds_discovery(tmp_path):
    room = Newsroom(30, spacing=timedelta(days=1))
    since = (room.now - timedelta(days=9)).date().isoformat()
    with SiteServer(room.routes) as server:
        sources = sources_file(
            tmp_path / "s.toml", server.url, start=False, feeds=(), sitemaps=("/sitemap-index.xml",)
        )
        result = run_crawl(sources, tmp_path / "news.db", "-a", f"since={since}")
    assert result.returncode == 0, result.log[-3000:]
    published = [r["published_at"][:10] for r in result.db["articles"].rows]
    expected = [s for s in room.stories.values() if s.published.date().isoformat() >= since]
    assert len(published) == len(expected) and min(published) >= since
    stats = json.loads(result.db.execute("select stats from crawl_runs").fetchone()[0])
    assert stats["news/discover/out_of_range"] > 0


def test_bad_since_is_refused(tmp_path):
    sources = sources_file(tmp_path / "s.toml", "http://127.0.0.1:9")
    result = run_crawl(sources, tmp_path / "news.db", "-a", "since=last tuesday")
    assert result.returncode == 2 and "is not a date" in result.log
    assert result.db is None


def test_second_crawl_on_same_archive_is_refused(tmp_path):
    sources = sources_file(tmp_path / "s.toml", "http://127.0.0.1:9")
    held = lock.acquire(tmp_path / "news.db")
    try:
        result = run_crawl(sources, tmp_path / "news.db")
    finally:
        held.close()
    assert result.returncode == 3
    assert "another crawl is already running on" in result.log and "pid " in result.log
    assert result.db is None
