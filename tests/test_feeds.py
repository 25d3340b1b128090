"""Feeds and sitemaps: every format the spine reads, and the XML it refuses."""

from __future__ import annotations

import gzip

import pytest

from crawler.discovery.documents import parse_document, parse_sitemap
from crawler.discovery.feeds import parse_feed
from crawler.discovery.reading import FeedError, inflate
from crawler.discovery.sitemaps import Sitemap

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>K</title>
<item><title>Panen raya</title><link>https://k.example/berita/1/panen</link>
<pubDate>Wed, 04 Mar 2026 08:15:00 +0700</pubDate><dc:creator>Budi</dc:creator></item>
<item><title>No link</title><guid isPermaLink="false">x-1</guid></item>
<item><title>Guid link</title><guid>https://k.example/berita/2/guid</guid></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>K</title></channel>
<item rdf:about="https://k.example/a/1"><title>One</title><link>https://k.example/a/1</link>
<dc:date>2026-03-04T08:15:00+07:00</dc:date></item></rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>K</title>
<entry><title>Flood</title><link rel="alternate" href="/en/news/1/flood"/>
<published>2026-03-04T08:15:00+07:00</published><updated>2026-03-05T10:00:00+07:00</updated>
<author><name>Ayu</name></author></entry></feed>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://k.example/sitemap-news.xml</loc></sitemap>
<sitemap><loc>https://k.example/sitemap-a.xml.gz</loc><lastmod>2026-03-01</lastmod></sitemap>
</sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
 xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>https://k.example/berita/1/panen</loc>
<xhtml:link rel="alternate" hreflang="en" href="https://k.example/en/news/1/panen"/>
<xhtml:link rel="alternate" hreflang="x-default" href="https://k.example/berita/1/panen"/>
<news:news><news:publication><news:name>Kabar</news:name><news:language>id</news:language>
</news:publication><news:publication_date>2026-03-04T08:15:00+07:00</news:publication_date>
<news:title>Panen raya</news:title></news:news></url></urlset>"""


def test_rss2():
    entries = parse_feed(RSS, "https://k.example/rss.xml")
    assert [e.url for e in entries] == [
        "https://k.example/berita/1/panen",
        "https://k.example/berita/2/guid",
    ]
    assert entries[0].published == "Wed, 04 Mar 2026 08:15:00 +0700"
    assert entries[0].authors == ["Budi"] and entries[0].title == "Panen raya"


def test_rss1_and_atom():
    (one,) = parse_feed(RSS1)
    assert one.url == "https://k.example/a/1" and one.published.startswith("2026-03-04")
    (flood,) = parse_feed(ATOM, "https://k.example/atom.xml")
    assert flood.url == "https://k.example/en/news/1/flood"
    assert flood.modified == "2026-03-05T10:00:00+07:00" and flood.authors == ["Ayu"]


def test_sitemap_index_and_gzip():
    index = parse_sitemap(INDEX)
    assert index.kind == "index" and len(index.entries) == 2
    zipped = parse_sitemap(gzip.compress(NEWS))
    assert zipped.kind == "urlset" and zipped.entries[0].url == "https://k.example/berita/1/panen"


def test_google_news_fields_and_hreflang():
    (entry,) = parse_sitemap(NEWS).entries
    assert entry.title == "Panen raya"
    assert entry.published == "2026-03-04T08:15:00+07:00"
    assert entry.language == "id"
    assert entry.alternates == {
        "en": "https://k.example/en/news/1/panen",
        "x-default": "https://k.example/berita/1/panen",
    }


def test_parse_document_tells_feed_from_sitemap():
    assert isinstance(parse_document(NEWS), Sitemap)
    assert isinstance(parse_document(RSS), list)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"<rss><channel><item>", "malformed"),
        (b"<html><body>hi</body></html>", "not a feed"),
        (b"\x1f\x8b\x08\x00garbage", "bad gzip"),
    ],
)
def test_bad_documents(body, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(body)


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>&x;</title><link>https://k.example/1</link></item>"
        "</channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="entities"):
        parse_feed(xxe)


def test_billion_laughs_refused():
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
            for i in range(9)
        )
        + b"]><rss><channel><title>&j;</title></channel></rss>"
    )
    with pytest.raises(FeedError, match="entities"):  # refused before any expansion
        parse_feed(lol)


def test_gzip_bomb_is_bounded():
    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024))
    with pytest.raises(FeedError, match="inflates beyond"):
        inflate(bomb, limit=1024 * 1024)
