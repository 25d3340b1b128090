"""Broken feeds and sitemaps of the kinds real sites serve: each yields the entries it holds.

Every fixture is written here, with the entries it must yield and how it was read:
``fast`` (lxml, well-formed), ``recovered`` (a feed lxml refused, read by feedparser;
a sitemap read whole after a repair) or ``partial`` (a sitemap read up to its break).
"""

from __future__ import annotations

import gzip

import pytest

from crawler.discovery.documents import parse_document
from crawler.discovery.feeds import Feed
from crawler.discovery.reading import FeedError
from crawler.discovery.sitemaps import Sitemap

BASE = "https://kabar.example"
XML = b'<?xml version="1.0" encoding="utf-8"?>\n'
CHANNEL = (
    XML + b'<rss version="2.0"><channel><title>Kabar</title><link>https://kabar.example/</link>\n'
)
END = b"</channel></rss>\n"


def item(number: int, title: bytes = b"Berita", link: bytes | None = None) -> bytes:
    link = link or b"https://kabar.example/berita/%d/kabar-hari-ini" % number
    return b"<item><title>" + title + b"</title><link>" + link + b"</link></item>\n"


def url(number: int) -> str:
    return f"{BASE}/berita/{number}/kabar-hari-ini"


FEEDS = {
    "nbsp in a title": (
        CHANNEL + item(1, b"Harga&nbsp;cabai naik") + item(2) + END,
        [(url(1), "Harga\xa0cabai naik"), (url(2), "Berita")],
    ),
    "bare & in a link and a title": (
        CHANNEL
        + item(1, link=b"https://kabar.example/berita/1/x?a=1&b=2")
        + item(2, b"Tom & Jerry")
        + END,
        [(f"{BASE}/berita/1/x?a=1&b=2", "Berita"), (url(2), "Tom & Jerry")],
    ),
    "unescaped < in one title": (
        CHANNEL + item(1) + item(2, b"Harga < ongkos") + item(3) + END,
        [(url(1), "Berita"), (url(2), "Harga < ongkos"), (url(3), "Berita")],
    ),
    "PHP warning before <?xml": (
        b"<br />\n<b>Warning</b>:  Undefined variable $judul in <b>/srv/feed.php</b> on line "
        b"<b>12</b><br />\n" + CHANNEL + item(1) + item(2) + END,
        [(url(1), "Berita"), (url(2), "Berita")],
    ),
    "truncated download": (
        (CHANNEL + item(1) + item(2) + item(3) + END)[:-60],  # cut inside the third item
        [(url(1), "Berita"), (url(2), "Berita")],
    ),
    "Latin-1 body labelled UTF-8": (
        CHANNEL + item(1, "Kafe di Bandung: caf\u00e9 baru".encode("latin-1")) + item(2) + END,
        [(url(1), "Kafe di Bandung: caf\u00e9 baru"), (url(2), "Berita")],
    ),
    "control character": (
        CHANNEL + item(1, b"Jalan\x0bditutup") + item(2) + END,
        [(url(1), "Jalan\x0bditutup"), (url(2), "Berita")],
    ),
    "undeclared namespace prefix": (
        CHANNEL
        + b"<item><title>Foto</title><link>https://kabar.example/berita/1/kabar-hari-ini</link>"
        + b'<media:content url="https://kabar.example/foto.jpg"/></item>\n'
        + item(2)
        + END,
        [(url(1), "Foto"), (url(2), "Berita")],
    ),
}

# Read right by lxml itself: these stay on the fast path.
FAST = {
    "RSS 0.91 DOCTYPE with an HTML entity": (
        XML + b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel>'
        b"<title>Kabar</title>" + item(1, b"Caf&eacute; baru &amp; ramai") + END,
        [(url(1), "Caf\u00e9 baru & ramai")],
    ),
    "Atom xml:base on the feed and an entry": (
        XML + b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://kabar.example/en/">'
        b'<title>Kabar</title><entry xml:base="news/"><title>Flood</title>'
        b'<link rel="alternate" href="1/flood-recedes"/></entry>'
        b'<entry><title>Harvest</title><link href="/berita/2/panen"/></entry></feed>',
        [(f"{BASE}/en/news/1/flood-recedes", "Flood"), (f"{BASE}/berita/2/panen", "Harvest")],
    ),
    "one entry with an unreadable URL": (
        CHANNEL + item(1) + item(2, link=b"http://[broken/x") + item(3) + END,
        [(url(1), "Berita"), (url(3), "Berita")],
    ),
}


@pytest.mark.parametrize("name", FEEDS)
def test_broken_feed_is_recovered_whole(name):
    body, expected = FEEDS[name]
    feed = parse_document(body, f"{BASE}/rss.xml")
    assert isinstance(feed, Feed)
    assert [(e.url, e.title) for e in feed] == expected
    assert feed.recovered, "lxml should have refused it"


@pytest.mark.parametrize("name", FAST)
def test_feed_read_right_on_the_fast_path(name):
    body, expected = FAST[name]
    feed = parse_document(body, f"{BASE}/atom.xml")
    assert [(e.url, e.title) for e in feed] == expected
    assert feed.recovered == ""


def test_recovered_feed_keeps_dates_and_authors():
    body = (
        CHANNEL.replace(b"<rss ", b'<rss xmlns:dc="http://purl.org/dc/elements/1.1/" ')
        + b"<item><title>Harga&nbsp;naik</title><link>https://kabar.example/berita/1/x</link>"
        + b"<pubDate>Wed, 04 Mar 2026 08:15:00 +0700</pubDate><dc:creator>Budi</dc:creator></item>"
        + b"<item><title>Dua</title><guid>https://kabar.example/berita/2/guid</guid>"
        + b"<dc:date>2026-03-05T10:00:00+07:00</dc:date></item>"
        + END
    )
    one, two = parse_document(body, f"{BASE}/rss.xml")
    assert one.published == "Wed, 04 Mar 2026 08:15:00 +0700" and one.authors == ["Budi"]
    assert two.url == f"{BASE}/berita/2/guid" and two.published == "2026-03-05T10:00:00+07:00"


def test_recovered_atom_honours_xml_base():
    body = (
        XML + b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://kabar.example/en/">'
        b"<title>Kabar&nbsp;</title><entry><title>Flood</title><link href='news/1/flood'/>"
        b"<updated>2026-03-05T10:00:00+07:00</updated></entry></feed>"
    )
    (entry,) = parse_document(body, f"{BASE}/atom.xml")
    assert entry.url == f"{BASE}/en/news/1/flood" and entry.modified.startswith("2026-03-05")
    assert entry.published is None


@pytest.mark.parametrize(
    "body",
    [b"<rss><channel><item><title>no link", b"<html><body><p>Maintenance</p></body></html>"],
)
def test_bad_feed_only_when_both_parsers_fail(body):
    with pytest.raises(FeedError, match="feedparser recovered no entry"):
        parse_document(body, f"{BASE}/rss.xml")


URLSET = XML + b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def loc(number: int, raw: bytes | None = None) -> bytes:
    return b"<url><loc>" + (raw or url(number).encode()) + b"</loc></url>\n"


SITEMAPS = {
    # name: (body, expected URLs, "recovered" | "partial" | "")
    "plain-text sitemap": (
        f"{url(1)}\n{url(2)}\r\n\n   {url(3)}  \n".encode(),
        [url(1), url(2), url(3)],
        "",
    ),
    "plain-text sitemap, gzipped": (
        gzip.compress(f"{url(1)}\n{url(2)}\n".encode()),
        [url(1), url(2)],
        "",
    ),
    "bare & in a <loc>": (
        URLSET + loc(1, b"https://kabar.example/berita?id=1&page=2") + loc(2) + b"</urlset>",
        [f"{BASE}/berita?id=1&page=2", url(2)],
        "recovered",
    ),
    "HTML entity in a news title": (
        URLSET.replace(
            b"<urlset ", b'<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
        )
        + b"<url><loc>"
        + url(1).encode()
        + b"</loc><news:news><news:title>Harga&nbsp;naik"
        + b"</news:title></news:news></url>\n"
        + loc(2)
        + b"</urlset>",
        [url(1), url(2)],
        "recovered",
    ),
    "truncated inside an entry": (
        (URLSET + loc(1) + loc(2) + loc(3) + b"</urlset>\n")[:-30],
        [url(1), url(2)],
        "partial",
    ),
    "broken tag after two entries": (
        URLSET + loc(1) + loc(2) + b"<url><loc>https://kabar.example/x</lo></url>" + loc(4),
        [url(1), url(2)],
        "partial",
    ),
    "truncated gzip download": (
        gzip.compress(URLSET + b"".join(loc(n) for n in range(1, 200)) + b"</urlset>\n")[:-40],
        None,  # checked below: a prefix of the 199 entries
        "partial",
    ),
    "PHP warning before the sitemap index": (
        b"<b>Notice</b>: session started<br />\n"
        + XML
        + b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + b"<sitemap><loc>https://kabar.example/sitemap-1.xml</loc></sitemap></sitemapindex>",
        [f"{BASE}/sitemap-1.xml"],
        "recovered",
    ),
}


@pytest.mark.parametrize("name", SITEMAPS)
def test_broken_sitemap_yields_its_complete_entries(name):
    body, expected, how = SITEMAPS[name]
    sitemap = parse_document(body, f"{BASE}/sitemap.xml")
    assert isinstance(sitemap, Sitemap)
    urls = [e.url for e in sitemap.entries]
    if expected is None:
        assert 150 < len(urls) < 199 and urls == [url(n) for n in range(1, len(urls) + 1)]
    else:
        assert urls == expected
    assert bool(sitemap.recovered) is (how == "recovered")
    assert bool(sitemap.partial) is (how == "partial")
    if how == "partial":
        assert sitemap.partial.startswith(f"{len(urls)} complete entries read")


def test_text_that_is_no_sitemap_is_refused():
    with pytest.raises(FeedError, match="no XML, JSON or URL lines"):
        parse_document(b"Service temporarily unavailable\n", f"{BASE}/sitemap.txt")


def test_entities_are_refused_before_any_recovery():
    body = CHANNEL.replace(XML, XML + b'<!DOCTYPE rss [<!ENTITY a "x">]>') + item(1, b"&a;") + END
    with pytest.raises(FeedError, match="entities"):
        parse_document(body)
