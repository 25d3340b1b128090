"""crawler/discovery/ in process: the seeds a run starts from, the since/until bounds,
the sitemap channel's own functions, and the package's import arrows.

Plain functions, no server: the crawls that exercise them end to end are in
tests/test_incremental.py, tests/test_feeds.py and tests/test_distributed.py.
"""

from __future__ import annotations

import ast
import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from protego import Protego

from crawler.discovery.bounds import BoundError, in_bounds, older_than, parse_bound
from crawler.discovery.documents import parse_document, parse_sitemap
from crawler.discovery.feeds import Feed, parse_feed
from crawler.discovery.reading import Entry, FeedError, inflate_partial
from crawler.discovery.seeds import (
    articles_due,
    channels,
    robots_urls,
    source_roots,
    undeclared_sitemaps,
    url_root,
    validators,
)
from crawler.discovery.sitemaps import (
    Sitemap,
    parse_text_sitemap,
    repair_xml,
    robots_sitemaps,
    sitemap_urls,
)
from crawler.sources import Source
from pipelines.archive.frontier import Known, parse_schedule

from conftest import ROOT

H = timedelta(hours=1)
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
SOURCE = Source(
    "kabar",
    start_urls=("https://kabar.example/", "https://kabar.example/daerah/"),
    feeds=("https://kabar.example/rss.xml", "http://cdn.kabar.example:8080/atom.xml"),
    sitemaps=("https://kabar.example/sitemap.xml",),
    hosts=frozenset({"kabar.example"}),
)


def known(url: str, state: str = "done", kind: str = "article", source: str = "kabar") -> Known:
    seen = (NOW - 2 * H).isoformat()
    return Known(url, source, kind, state, '"v1"', None, 0, None, seen, seen, None)


def test_channels_roots_and_robots_of_a_source():
    assert list(channels(SOURCE)) == [
        ("feed", "https://kabar.example/rss.xml"),
        ("feed", "http://cdn.kabar.example:8080/atom.xml"),
        ("sitemap", "https://kabar.example/sitemap.xml"),
        ("start", "https://kabar.example/"),
        ("start", "https://kabar.example/daerah/"),
    ]
    assert url_root("http://cdn.kabar.example:8080/a/b?c=1") == "http://cdn.kabar.example:8080"
    assert source_roots(SOURCE) == {"https://kabar.example", "http://cdn.kabar.example:8080"}
    assert robots_urls(SOURCE) == [
        "http://cdn.kabar.example:8080/robots.txt",
        "https://kabar.example/robots.txt",
    ]
    assert robots_urls(Source("empty")) == []


def test_validators_only_where_a_page_may_be_unchanged():
    feed = "https://kabar.example/rss.xml"
    frontier = {feed: known(feed, kind="feed")}
    assert validators(frontier, feed, "feed") == {"If-None-Match": '"v1"'}
    assert validators(frontier, feed, "revisit") == {"If-None-Match": '"v1"'}
    for via in ("start", "section", "robots"):  # listings are read whole every time
        assert validators(frontier, feed, via) == {}
    assert validators(frontier, "https://kabar.example/other.xml", "feed") == {}
    failed = "https://kabar.example/berita/2/gagal"
    assert validators({failed: known(failed, state="failed")}, failed, "resume") == {}


def test_articles_due_revisit_resume_or_not_due():
    steps = parse_schedule("1h,6h,24h,3d")
    items = [
        known("https://kabar.example/berita/1/lama"),  # archived 2h ago: the 1h revisit is due
        known("https://kabar.example/berita/2/antri", state="queued"),
        known("https://kabar.example/berita/3/gagal", state="failed"),
        known("https://kabar.example/rss.xml", kind="feed"),  # not an article: left out
        known("https://lain.example/berita/4/lain", source="lain"),  # another source
    ]
    due = [(item.url, via) for item, via in articles_due(items, {"kabar"}, NOW, steps)]
    assert due == [
        ("https://kabar.example/berita/1/lama", "revisit"),
        ("https://kabar.example/berita/2/antri", "resume"),
        ("https://kabar.example/berita/3/gagal", "resume"),
    ]
    early = NOW - H - H / 2  # half an hour after it was archived: nothing due
    (first, via), *_ = articles_due(items, {"kabar"}, early, steps)
    assert first.url.endswith("/1/lama") and via is None


def test_undeclared_same_site_sitemaps_of_a_robots_txt():
    urls = [
        "https://kabar.example/sitemap.xml?utm_source=x",  # declared (canonically the same)
        "https://kabar.example/news-sitemap.xml",
        "https://www.kabar.example/video.xml",  # same site
        "https://lain.example/sitemap.xml",  # another site's
    ]
    assert undeclared_sitemaps(SOURCE, urls) == [
        "https://kabar.example/news-sitemap.xml",
        "https://www.kabar.example/video.xml",
    ]


def test_since_and_until_bounds():
    since = parse_bound("2026-03-01")
    until = parse_bound("2026-03-05", end_of_day=True)
    assert since == datetime(2026, 3, 1, tzinfo=UTC)
    assert until == datetime(2026, 3, 6, tzinfo=UTC) - timedelta(microseconds=1)
    assert parse_bound(None) is None and parse_bound("") is None
    with pytest.raises(BoundError, match="is not a date"):
        parse_bound("last week")
    inside = Entry("https://kabar.example/a", published="2026-03-05T23:00:00+00:00")
    before = Entry("https://kabar.example/b", published="2026-02-28T23:59:00+00:00")
    after = Entry("https://kabar.example/c", modified="2026-03-06T00:00:00+00:00")
    undated = Entry("https://kabar.example/d")
    assert in_bounds(inside, since, until) and in_bounds(undated, since, until)
    assert not in_bounds(before, since, until) and not in_bounds(after, since, until)
    assert in_bounds(before, None, None) and in_bounds(after, since, None)
    index_entry = Entry("https://kabar.example/sitemap-2026-02.xml", modified="2026-02-28")
    assert older_than(index_entry, since) and not older_than(index_entry, None)
    assert not older_than(Entry("https://kabar.example/s.xml"), since)  # no lastmod


def test_sitemap_channel_functions():
    text = b"https://kabar.example/berita/1/satu\nnot a url\nhttps://kabar.example/berita/2/du"
    whole = parse_text_sitemap(text, "https://kabar.example/sitemap.txt")
    assert [e.url for e in whole.entries][-1].endswith("/2/du") and not whole.partial
    cut = parse_text_sitemap(text, "https://kabar.example/sitemap.txt", "gzip data truncated")
    assert [e.url for e in cut.entries] == ["https://kabar.example/berita/1/satu"]
    assert cut.partial == "1 URL lines read; gzip data truncated"
    with pytest.raises(FeedError, match="no XML, JSON or URL lines"):
        parse_text_sitemap(b"hello\n")
    repaired = repair_xml(b"Warning: x\n<?xml version='1.0'?><urlset>&nbsp;a & b</urlset>")
    assert repaired == b"<?xml version='1.0'?><urlset>&#160;a &amp; b</urlset>"
    robots = Protego.parse("Sitemap: /a.xml\nSitemap: /a.xml\nSitemap: https://x.org/b.xml\n")
    assert sitemap_urls(robots, "https://x.org/robots.txt") == [
        "https://x.org/a.xml",
        "https://x.org/b.xml",
    ]
    assert robots_sitemaps(b"User-agent: *\nDisallow: /\n") == []


def test_documents_read_either_channel():
    urlset = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://kabar.example/berita/1/satu</loc></url></urlset>"
    )
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><item>'
        b"<link>https://kabar.example/berita/2/dua</link></item></channel></rss>"
    )
    assert isinstance(parse_document(gzip.compress(urlset)), Sitemap)
    assert isinstance(parse_document(rss), Feed) and isinstance(parse_feed(rss), Feed)
    assert parse_sitemap(urlset).entries[0].url.endswith("/1/satu")
    with pytest.raises(FeedError, match="not a sitemap"):
        parse_sitemap(rss)
    assert inflate_partial(gzip.compress(rss)[:-8])[1].startswith("gzip data truncated")


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_discovery_imports_no_scrapy_spider_or_distributed_module():
    modules = sorted((ROOT / "crawler" / "discovery").glob("*.py"))
    assert {p.stem for p in modules} >= {"feeds", "sitemaps", "listings", "seeds", "bounds"}
    for path in modules:
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top not in ("scrapy", "twisted"), (path.name, name)
            assert not name.startswith(("crawler.spiders", "crawler.distributed")), (path, name)
    # and the seeding reaches discovery directly, not through the spider
    seeding = imports_of(ROOT / "crawler" / "distributed" / "seeding.py")
    assert "crawler.discovery.seeds" in seeding
    assert not any(name.startswith("crawler.spiders") for name in seeding)
