"""The embedded demo news site (``sites.demo``), checked over real HTTP with urllib."""

from __future__ import annotations

import gzip
import json
import os
import re
import select
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import lxml.html
import pytest

from sites.demo.server import SiteServer
from sites.demo.site import (
    BROKEN,
    LANGUAGES,
    NON_ARTICLES,
    Page,
    boilerplate,
    expected_articles,
    related_titles,
)

ROOT = Path(__file__).resolve().parents[1]
OUTLET = "Kabar Nusantara"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, method: str = "GET") -> Response:
    request = urllib.request.Request(url, method=method)
    try:
        with _OPENER.open(request, timeout=10) as resp:
            return Response(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, err.headers, err.read())


@pytest.fixture(scope="module")
def site():
    with SiteServer() as server:
        yield server


@pytest.fixture(scope="module")
def manifest(site) -> list[dict]:
    return expected_articles(site.url)


@pytest.fixture(scope="module")
def pages(site, manifest) -> dict[str, Response]:
    return {a["url"]: fetch(a["url"]) for a in manifest}


def _doc(resp: Response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(resp.body)


def _json_ld(doc: lxml.html.HtmlElement) -> list[dict]:
    return [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]


# ----------------------------------------------------------------- manifest


def test_manifest_shape(manifest):
    assert len(manifest) == 48
    assert len({a["url"] for a in manifest}) == 48
    stories = {a["story"] for a in manifest}
    assert len(stories) == 8
    for lang in LANGUAGES:
        assert sum(a["language"] == lang for a in manifest) == 8
    assert all(a["is_original"] == (a["language"] == "id") for a in manifest)
    author_counts = {len(a["authors"]) for a in manifest}
    assert {1, 2, 3} <= author_counts
    assert any(a["modified_at"] is None for a in manifest)
    assert any(a["modified_at"] is not None for a in manifest)
    iso = re.compile(r"^2026-(0\d|10)-\d\dT\d\d:\d\d:00\+07:00$")
    for a in manifest:
        assert iso.match(a["published_at"]), a["published_at"]
        if a["modified_at"]:
            assert iso.match(a["modified_at"])
            assert a["modified_at"] > a["published_at"]
        assert 2 <= len(a["tags"]) <= 4
        assert 5 <= len(a["paragraphs"]) <= 7
        assert a["search_terms"]
    for slug in stories:
        versions = [a for a in manifest if a["story"] == slug]
        assert len({len(a["paragraphs"]) for a in versions}) == 1
        assert len({a["published_at"] for a in versions}) == 1


def test_search_terms_unique_to_their_story(manifest):
    titles = [a["title"].casefold() for a in manifest]
    for a in manifest:
        own = " ".join(a["paragraphs"])
        for term in a["search_terms"]:
            assert term in own, (a["url"], term)
            needle = term.casefold()
            assert not any(needle in t for t in titles), (term, "appears in a headline")
            for other in manifest:
                if other["story"] != a["story"]:
                    assert needle not in " ".join(other["paragraphs"]).casefold(), (
                        term,
                        other["url"],
                    )


def test_native_script_search_terms(manifest):
    scripts = {
        "zh": re.compile(r"^[\u4e00-\u9fff]{2,}$"),
        "ja": re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff]{2,}$"),
        "ar": re.compile(r"^[\u0600-\u06ff]{2,}$"),
    }
    for a in manifest:
        latin = [t for t in a["search_terms"] if re.fullmatch(r"[A-Za-z][A-Za-z ]+", t)]
        assert latin, a["url"]
        if a["language"] in scripts:
            assert any(scripts[a["language"]].match(t) for t in a["search_terms"]), a["url"]


def test_boilerplate_never_in_article_paragraphs(manifest):
    for lang in LANGUAGES:
        strings = [s.casefold() for s in boilerplate(lang)]
        for a in (a for a in manifest if a["language"] == lang):
            assert a["caption"] in boilerplate(lang)
            text = " ".join(a["paragraphs"]).casefold()
            for s in strings:
                assert s not in text, (a["url"], s)
            for title in related_titles(a["url"]):
                assert title.casefold() not in text
                assert title != a["title"]


# ------------------------------------------------------------- article pages


def test_article_pages_head_metadata(pages, manifest):
    for a in manifest:
        resp = pages[a["url"]]
        assert resp.status == 200, a["url"]
        assert resp.content_type == "text/html; charset=utf-8"
        assert resp.text.startswith("<!doctype html>")
        doc = _doc(resp)
        html_el = doc.getroottree().getroot()
        assert html_el.get("lang") == a["language"]
        assert html_el.get("dir") == ("rtl" if a["language"] == "ar" else None)
        assert doc.findtext(".//title") == f"{a['title']} | {OUTLET}"
        assert doc.xpath('string(//link[@rel="canonical"]/@href)') == a["url"]
        hreflang = {
            link.get("hreflang"): link.get("href")
            for link in doc.xpath('//link[@rel="alternate"][@hreflang]')
        }
        siblings = {b["language"]: b["url"] for b in manifest if b["story"] == a["story"]}
        assert hreflang == {**siblings, "x-default": siblings["id"]}
        meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.xpath("//meta")}
        assert meta["og:type"] == "article"
        assert meta["og:url"] == a["url"]
        assert meta["og:title"] == a["title"]
        assert meta["og:site_name"] == OUTLET
        assert meta["author"] == ", ".join(a["authors"])
        assert meta["article:published_time"] == a["published_at"]
        assert meta.get("article:modified_time") == a["modified_at"]
        assert meta["article:section"] == a["section"]
        assert len(doc.xpath('//meta[@property="og:locale:alternate"]')) == 5
        assert doc.xpath('//link[@rel="alternate"][@type="application/rss+xml"]')
        (ld,) = _json_ld(doc)
        assert ld["@type"] == "NewsArticle"
        assert ld["headline"] == a["title"]
        assert ld["datePublished"] == a["published_at"]
        assert ld.get("dateModified") == a["modified_at"]
        assert [p["name"] for p in ld["author"]] == a["authors"]
        assert ld["inLanguage"] == a["language"]
        assert ld["mainEntityOfPage"]["@id"] == a["url"]
        assert len(doc.xpath("//script")) >= 3  # JSON-LD, the stylesheet loader and the stub


def test_article_pages_body(pages, manifest):
    for a in manifest:
        doc = _doc(pages[a["url"]])
        (article,) = doc.xpath("//article")
        assert article.findtext(".//h1").strip() == a["title"]
        body = article.xpath('.//div[@class="article-body"]/p[not(@class)]')
        assert [p.text_content() for p in body] == a["paragraphs"]
        notes = article.xpath('.//p[@class="translation-note"]')
        assert len(notes) == (0 if a["is_original"] else 1)
        assert article.xpath("string(.//figcaption)") == a["caption"]
        assert article.xpath('string(.//time[@class="published"]/@datetime)') == a["published_at"]
        related = [x.text_content() for x in article.xpath('.//aside[@class="related-news"]//a')]
        assert related == related_titles(a["url"])
        page_text = doc.text_content()
        for s in boilerplate(a["language"]):
            if s == a["caption"] or s not in {b["caption"] for b in manifest}:
                assert s in page_text, (a["url"], s)
        assert len(doc.xpath('//nav[@class="main-nav"]//a')) >= 6
        assert len(doc.xpath('//nav[@class="lang-switcher"]//a')) == 6
        assert doc.xpath("//footer")


def test_home_pages_link_articles_and_non_articles(site, manifest):
    for lang in LANGUAGES:
        home = "/" if lang == "id" else f"/{lang}/"
        doc = _doc(fetch(site.url + home))
        links = {a.get("href") for a in doc.xpath("//a")}
        wanted = {a["url"] for a in manifest if a["language"] == lang}
        assert wanted <= links, lang
        assert {"/tentang", "/kontak"} <= links
    links = {a.get("href") for a in _doc(fetch(site.url + "/")).xpath("//a")}
    assert {site.url + p for p in BROKEN} <= links


def test_non_article_pages(site):
    assert len(NON_ARTICLES) >= 14
    for path in NON_ARTICLES:
        resp = fetch(site.url + path)
        assert resp.status == 200, path
        assert resp.content_type == "text/html; charset=utf-8"
        doc = _doc(resp)
        assert doc.xpath('string(//meta[@property="og:type"]/@content)') == "website"
        assert all(ld.get("@type") != "NewsArticle" for ld in _json_ld(doc)), path
        assert not doc.xpath("//article")
    about = _doc(fetch(site.url + "/tentang"))
    assert len(about.xpath("//main//p")) >= 3


def test_unknown_path_is_404(site):
    resp = fetch(site.url + "/berita/12345/tidak-ada")
    assert resp.status == 404
    assert resp.content_type.startswith("text/html")
    assert b"404" in resp.body


# ------------------------------------------------------------ feeds and maps


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def test_rss_feeds(site, manifest):
    for lang in LANGUAGES:
        path = "/rss.xml" if lang == "id" else f"/{lang}/rss.xml"
        resp = fetch(site.url + path)
        assert resp.status == 200
        assert resp.content_type.startswith("application/rss+xml")
        channel = ET.fromstring(resp.body).find("channel")
        items = channel.findall("item")
        by_url = {a["url"]: a for a in manifest if a["language"] == lang}
        feed_urls = [i.findtext("link") for i in items]
        assert set(by_url) <= set(feed_urls)
        extra = {u.removeprefix(site.url) for u in feed_urls} - {
            u.removeprefix(site.url) for u in by_url
        }
        assert extra == (set(BROKEN) if lang == "id" else set())
        for item in items:
            assert item.findtext("guid") == item.findtext("link")
            want = by_url.get(item.findtext("link"))
            if want:
                assert item.findtext("title") == want["title"]
                assert parsedate_to_datetime(item.findtext("pubDate")) == _when(
                    want["published_at"]
                )
                assert [c.text for c in item.findall("dc:creator", NS)] == want["authors"]
                assert item.findtext("description")


def test_atom_feed(site, manifest):
    resp = fetch(site.url + "/atom.xml")
    assert resp.content_type.startswith("application/atom+xml")
    entries = ET.fromstring(resp.body).findall("atom:entry", NS)
    english = {a["url"]: a for a in manifest if a["language"] == "en"}
    assert len(entries) == 8
    for entry in entries:
        want = english[entry.find("atom:link", NS).get("href")]
        assert entry.findtext("atom:title", namespaces=NS) == want["title"]
        assert entry.findtext("atom:published", namespaces=NS) == want["published_at"]
        assert [n.text for n in entry.findall("atom:author/atom:name", NS)] == want["authors"]


def test_robots_and_sitemaps(site, manifest):
    robots = fetch(site.url + "/robots.txt")
    assert robots.content_type.startswith("text/plain")
    assert "User-agent: *" in robots.text
    assert "Disallow: /admin/" in robots.text and "Disallow: /cari" in robots.text
    assert f"Sitemap: {site.url}/sitemap.xml" in robots.text

    index = ET.fromstring(fetch(site.url + "/sitemap.xml").body)
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert locs == [
        site.url + p
        for p in ("/sitemap-articles.xml.gz", "/sitemap-news.xml", "/sitemap-pages.xml")
    ]

    gz = fetch(locs[0])
    assert gz.content_type in ("application/gzip", "application/x-gzip")
    assert gz.headers.get("Content-Encoding") is None
    urlset = ET.fromstring(gzip.decompress(gz.body))
    urls = urlset.findall("sm:url", NS)
    assert sorted(u.findtext("sm:loc", namespaces=NS) for u in urls) == sorted(
        a["url"] for a in manifest
    )
    for url in urls:
        assert url.findtext("sm:lastmod", namespaces=NS)
        assert len(url.findall("xhtml:link", NS)) == 7

    news = ET.fromstring(fetch(locs[1]).body).findall("sm:url", NS)
    assert len(news) == 16
    by_url = {a["url"]: a for a in manifest}
    for url in news:
        want = by_url[url.findtext("sm:loc", namespaces=NS)]
        assert want["language"] in ("id", "en")
        assert url.findtext("news:news/news:title", namespaces=NS) == want["title"]
        assert (
            url.findtext("news:news/news:publication_date", namespaces=NS) == want["published_at"]
        )
        assert url.findtext("news:news/news:publication/news:name", namespaces=NS) == OUTLET
        assert (
            url.findtext("news:news/news:publication/news:language", namespaces=NS)
            == want["language"]
        )

    pages = ET.fromstring(fetch(locs[2]).body).findall("sm:url/sm:loc", NS)
    assert [p.text for p in pages] == [site.url + p for p in NON_ARTICLES]


def test_broken_urls(site):
    assert set(BROKEN.values()) == {"http_404", "http_500", "not_html", "too_big", "robots"}
    by_kind = {kind: site.url + path for path, kind in BROKEN.items()}
    assert fetch(by_kind["http_404"]).status == 404
    assert [fetch(by_kind["http_500"]).status for _ in range(2)] == [500, 500]
    pdf = fetch(by_kind["not_html"])
    assert (pdf.status, pdf.content_type) == (200, "application/pdf")
    assert pdf.body.startswith(b"%PDF-")
    big = fetch(by_kind["too_big"])
    assert (big.status, big.content_type) == (200, "text/html; charset=utf-8")
    assert 3 * 1024 * 1024 <= len(big.body) < 4 * 1024 * 1024
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(fetch(site.url + "/robots.txt").text.splitlines())
    assert not robots.can_fetch("*", by_kind["robots"])
    assert robots.can_fetch("*", site.url + "/")


# -------------------------------------------------------------------- server


def test_hits_head_query_and_callable_routes():
    def teapot(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(418)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def routes(base: str) -> dict:
        return {
            "/a": Page(body=base.encode()),
            "/q?page=2": Page(body=b"second"),
            "/q": Page(body=b"first"),
            "/teapot": teapot,
        }

    with SiteServer(routes) as srv:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", srv.url)
        assert fetch(srv.url + "/a").body == srv.url.encode()
        head = fetch(srv.url + "/a", method="HEAD")
        assert (head.status, head.body, head.headers["Content-Length"]) == (
            200,
            b"",
            str(len(srv.url)),
        )
        assert fetch(srv.url + "/q?page=2").body == b"second"
        assert fetch(srv.url + "/q?page=3").body == b"first"
        assert fetch(srv.url + "/teapot").status == 418
        assert fetch(srv.url + "/nope").status == 404
        assert srv.hits == {"/a": 2, "/q?page=2": 1, "/q?page=3": 1, "/teapot": 1, "/nope": 1}
        assert [r.method for r in srv.requests[:2]] == ["GET", "HEAD"]
        url = srv.url
    with pytest.raises(urllib.error.URLError):
        fetch(url + "/a")


def _read_line(proc: subprocess.Popen, timeout: float = 10) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "the demo server printed nothing"
    return proc.stdout.readline()


def test_cli_serves_and_writes_sources(tmp_path):
    sources = tmp_path / "conf" / "sources.toml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sites.demo", "--port", "0", "--write-sources", str(sources)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _read_line(proc)
        match = re.fullmatch(r"serving demo site at (http://127\.0\.0\.1:\d+)\n", line)
        assert match, line
        base = match[1]
        robots = fetch(base + "/robots.txt")
        assert robots.status == 200 and f"Sitemap: {base}/sitemap.xml" in robots.text
        (source,) = tomllib.loads(sources.read_text(encoding="utf-8"))["source"]
        assert source == {
            "name": "demo",
            "start_urls": [f"{base}/"],
            "feeds": [f"{base}/rss.xml"],
            "sitemaps": [f"{base}/sitemap.xml"],
            "allow_private": True,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.stderr.read() == ""


def test_cli_refuses_non_loopback_host():
    done = subprocess.run(
        [sys.executable, "-m", "sites.demo", "--host", "192.168.1.10"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2
    assert "127.0.0.0/8" in done.stderr
    assert done.stdout == ""
