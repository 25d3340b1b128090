"""The reading room through Datasette's own test client: every page and canned query.

A Datasette instance is built in-process (``datasette.app.Datasette`` with the
project's metadata, plugins and templates) over the demo crawl, and over a copy of
it under another file name with an edit and a silent run added, and read through
``datasette.utils.testing.TestClient``: the search page (empty, invalid, in every
script), the reading view, the slim articles table, links and readable JSON, the
crawl health page, the Atom feeds (parsed by feedparser) and publishing mode.
"""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import urlencode

import feedparser
import pytest
import yaml
from datasette.app import Datasette
from datasette.utils import tilde_encode
from datasette.utils.testing import TestClient as DatasetteClient

from pipelines.archive.search import snippet

from conftest import ROOT
from sites.demo.site import expected_articles

DEPLOY = ROOT / "deploy" / "datasette"
METADATA = yaml.safe_load((DEPLOY / "metadata.yml").read_text(encoding="utf-8"))
ARCHIVE = yaml.safe_load((DEPLOY / "archive.yml").read_text(encoding="utf-8"))
PUBLISH = {"default_allow_sql": False, "allow_download": False}


def client(path, metadata: dict | None = None, **settings) -> DatasetteClient:
    ds = Datasette(
        [str(path)],
        metadata=metadata or METADATA,
        plugins_dir=str(DEPLOY / "plugins"),
        template_dir=str(DEPLOY / "templates"),
        settings={"suggest_facets": False, **settings},
    )
    return DatasetteClient(ds)


@pytest.fixture(scope="module")
def news(demo_crawl):
    return client(demo_crawl.path)


@pytest.fixture(scope="module")
def other(demo_crawl, tmp_path_factory):
    """The demo archive as ``other.db``, with one edited article and a silent run."""
    path = tmp_path_factory.mktemp("other") / "other.db"
    with sqlite3.connect(demo_crawl.path) as source, sqlite3.connect(path) as target:
        source.backup(target)
    conn = sqlite3.connect(path)
    article_id, title, text = conn.execute(
        "select id, title, text from articles where language = 'en' order by id limit 1"
    ).fetchone()
    conn.execute(
        "insert into article_versions (article_id, version, fetched_at, title, text, "
        "content_hash, diff, cause) values (?, 1, '2026-01-01T00:00:00+00:00', ?, ?, 'x', ?, "
        "'edit')",
        [article_id, title, text, "--- before\n+++ after\n-Old opening\n+" + text[:40]],
    )
    conn.execute("update articles set version = 2 where id = ?", [article_id])
    conn.execute(
        "insert into crawl_runs (id, started_at, finished_at, status, sources, counts) "
        "values (99, '2026-12-31T00:00:00+00:00', '2026-12-31T00:01:00+00:00', 'finished', "
        "'[\"demo\"]', ?)",
        [json.dumps({"demo": {"fetched": 3, "failed": 3}})],
    )
    conn.commit()
    conn.close()
    return client(path), article_id


def want(demo_server, language: str) -> dict:
    return next(a for a in expected_articles(demo_server.url) if a["language"] == language)


def article_id(news, url: str) -> str:
    rows = news.get("/news/articles.json?" + urlencode({"url": url, "_shape": "array"})).json
    return rows[0]["id"]


def test_home_page_opens_with_the_search_box_and_lists_the_canned_queries(news):
    page = news.get("/")
    assert page.status == 200
    html = page.text
    assert html.index('class="search-form"') < html.index("Articles crawled by")
    assert 'action="/news/-/search"' in html
    for name, spec in ARCHIVE["queries"].items():
        assert f'href="/news/{name}"' in html and spec["title"] in html, name


def test_every_canned_query_answers_with_and_without_parameters(news, demo_server):
    article = article_id(news, want(demo_server, "fr")["url"])
    term = want(demo_server, "en")["search_terms"][0]
    given = {
        "q": term, "page": "1", "by": "source", "article_id": article, "source": "demo",
        "language": "en", "since": "2020-01-01", "until": "2030-12-31",
    }  # fmt: skip
    for name, spec in ARCHIVE["queries"].items():
        params = set(re.findall(r":(\w+)", spec["sql"]))
        for args in ({}, {p: given[p] for p in params}):
            page = news.get(f"/news/{name}?" + urlencode(args))
            assert page.status == 200, (name, args, page.text[-500:])
            data = news.get(f"/news/{name}.json?" + urlencode({**args, "_shape": "objects"}))
            assert data.status == 200 and data.json["ok"], (name, args)
            if args and name in ("search_all", "search", "attention", "top_sources"):
                assert data.json["rows"], (name, args)


def test_search_page_opens_clean_and_explains_errors(news):
    empty = news.get("/news/-/search")
    assert empty.status == 200 and 'class="hint"' in empty.text and 'role="alert"' not in empty.text
    column = news.get("/news/-/search?" + urlencode({"q": "foo:bar"}))
    assert column.status == 200 and "reads as a column name" in column.text
    dangling = news.get("/news/-/search?" + urlencode({"q": "banjir OR"}))
    assert dangling.status == 200 and "could not be read at the end" in dangling.text
    for name in ("search_all", "search"):
        assert news.get(f"/news/{name}").status == 200  # no fts5 syntax error before typing
        assert news.get(f"/news/{name}.json?q=").json["rows"] == []


@pytest.mark.parametrize("language", ["ja", "zh", "ar", "en"])
def test_search_finds_the_story_with_a_snippet_in_its_own_characters(news, demo_server, language):
    story = want(demo_server, language)
    term = story["search_terms"][0]
    page = news.get("/news/-/search?" + urlencode({"q": term}))
    assert page.status == 200 and story["title"] in page.text
    text = news.get(f"/news/articles/{article_id(news, story['url'])}.json?_shape=array").json
    marks = re.findall(r"<mark>(.*?)</mark>", page.text)
    assert marks and all(m in text[0]["text"] or m in page.text for m in marks)
    rows = news.get("/news/search_all.json?" + urlencode({"q": term, "_shape": "array"})).json
    row = next(r for r in rows if r["title"] == story["title"])
    assert "[" in row["snippet"]
    plain = row["snippet"].replace("[", "").replace("]", "").strip("…")
    assert plain in " ".join(text[0]["text"].split()), row["snippet"]  # never the bigrams


def test_snippet_maps_matches_back_to_the_original_text():
    assert snippet("東京都では大雨が続いた", "大雨") == "東京都では[大雨]が続いた"
    assert snippet("قالت المَكْتَبَة الوطنية", "المكتبة") == "قالت [المَكْتَبَة] الوطنية"
    assert snippet("Le café de la gare", "cafe") == "Le [café] de la gare"
    assert snippet("Petani panen padi", "petan* AND padi") == "[Petani] panen [padi]"
    assert snippet("Words and more words", '"and more"') == "Words [and more] words"
    assert snippet("No match here", "absent") == "No match here"
    long = "start " + "filler " * 200 + "needle end"
    cut = snippet(long, "needle")
    assert cut.startswith("…") and "[needle]" in cut and len(cut) < 300


def test_search_page_chart_csv_and_top_sources(news, demo_server):
    term = want(demo_server, "id")["search_terms"][0]
    page = news.get("/news/-/search?" + urlencode({"q": term, "by": "language"}))
    bars = re.findall(r'<rect class="bar"[^>]*data-series="(\w+)" data-count="(\d+)"', page.text)
    assert bars and sum(int(n) for _, n in bars) >= 1
    csv_link = re.search(r'href="(/news/attention\.csv\?[^"]+)"', page.text).group(1)
    csv = news.get(csv_link.replace("&amp;", "&"))
    assert csv.status == 200 and csv.text.startswith("day,series,articles")
    assert "Top sources" in page.text and ">demo</a>" in page.text
    only = news.get("/news/-/search?" + urlencode({"q": term, "by": "language", "language": "id"}))
    series = re.findall(r'<rect class="bar"[^>]*data-series="(\w+)"', only.text)
    assert series and set(series) == {"id"}
    assert set(re.findall(r"demo · (\w+) · ", only.text)) == {"id"}


def test_reading_view(news, demo_server):
    story = want(demo_server, "ar")
    page = news.get(f"/news/articles/{article_id(news, story['url'])}")
    html = page.text
    assert page.status == 200 and story["title"] in html
    text = html[html.index('class="article-text"') :]
    assert f"<p>{story['paragraphs'][0]}</p>" in text.replace("&#34;", '"')
    assert 'dir="rtl"' in html and "(UTC+07:00)" in html
    assert all(author in html for author in story["authors"])
    assert html.count('class="languages"') == 1 and html.count("/news/articles/") >= 6
    assert f'href="{story["url"]}"' in html and "Captures" in html
    assert '<details id="raw"' in html and "Raw row" in html


def test_reading_view_under_another_name_has_versions_and_diff(other):
    other_client, edited = other
    html = other_client.get(f"/other/articles/{edited}").text
    assert "Earlier versions" in html and "version 1 → 2 (edit)" in html
    assert "background:#ffebe9" in html  # the removed line, coloured


def test_any_archive_name_keeps_queries_search_and_pages(other, demo_server):
    other_client, _ = other
    story = want(demo_server, "ja")
    query = urlencode({"q": story["search_terms"][0], "_shape": "array"})
    rows = other_client.get(f"/other/search_all.json?{query}").json
    assert story["title"] in [r["title"] for r in rows]
    query = urlencode({"_search": story["search_terms"][0], "_shape": "array"})
    assert story["title"] in [
        r["title"] for r in other_client.get(f"/other/articles.json?{query}").json
    ]
    for path in ("/other/-/search", "/other/-/health", "/other/edits", "/other/crawl_health"):
        assert other_client.get(path).status == 200, path


def test_articles_table_is_slim_with_links_and_readable_json(news):
    html = news.get("/news/articles").text
    headers = re.findall(r'data-column="(\w+)"', html)
    assert "title" in headers and "text" not in headers and "removed_paragraphs" not in headers
    every = re.findall(r'data-column="(\w+)"', news.get("/news/articles?_allcols=1").text)
    assert {"text", "removed_paragraphs", "hreflang"} <= set(every)
    assert "text" in news.get("/news/articles.json?_shape=array&_size=1").json[0]
    assert "Rina Maharani" in html and '["' not in html.split("<table", 1)[1]
    captures = news.get("/news/captures").text
    assert re.search(r'<a href="/news/articles/[0-9a-f]{16}">', captures)
    runs = news.get("/news/crawl_runs").text.split("<table", 1)[1]
    assert '{"demo"' not in runs and "fetched" in runs


def test_crawl_health_page_marks_a_silent_source(news, other):
    page = news.get("/news/-/health")
    sources = page.text.split('id="sources"')[1].split("</table>")[0]
    assert page.status == 200 and "<td>demo</td>" in sources and "silent" not in sources
    assert re.search(r'<rect class="bar"[^>]*data-series="fetched" data-count="\d+"', page.text)
    other_client, _ = other
    html = other_client.get("/other/-/health").text
    sources = html.split('id="sources"')[1].split("</table>")[0]
    assert 'class="silent"' in sources and "demo — silent" in sources


def test_atom_feeds_parse(news, other, demo_server):
    term = want(demo_server, "en")["search_terms"][0]
    feed = feedparser.parse(news.get("/news/-/search.atom?" + urlencode({"q": term})).text)
    assert not feed.bozo and feed.entries, feed.get("bozo_exception")
    assert want(demo_server, "en")["title"] in [e.title for e in feed.entries]
    assert all(e.updated_parsed for e in feed.entries)
    blank = feedparser.parse(news.get("/news/-/search.atom").text)
    assert not blank.bozo and blank.entries == []
    empty = feedparser.parse(news.get("/news/-/edits.atom").text)
    assert not empty.bozo and empty.entries == []
    other_client, edited = other
    edits = feedparser.parse(other_client.get("/other/-/edits.atom").text)
    assert not edits.bozo and len(edits.entries) == 1 and edited in edits.entries[0].link
    bad = news.get("/news/-/search.atom?q=foo:bar")
    assert bad.status == 400 and "column name" in bad.text


def test_publishing_mode(demo_crawl):
    published = client(demo_crawl.path, **PUBLISH)
    assert published.get("/news.json?sql=select+1").status == 403
    assert published.get("/news.db").status == 403
    robots = published.get("/robots.txt")
    assert robots.status == 200 and "Disallow: /" in robots.text
    page = published.get("/news/-/search?q=banjir")
    assert page.status == 200 and page.headers["x-robots-tag"] == "noindex, nofollow"
    for name in ARCHIVE["queries"]:
        assert published.get(f"/news/{name}").status == 200, name


def test_reading_view_links_captures_to_a_replay_service_when_configured(demo_crawl):
    metadata = {
        **METADATA,
        "plugins": {"reading_room": {"replay_url": "http://127.0.0.1:9/w/{timestamp}/{url}"}},
    }
    replaying = client(demo_crawl.path, metadata)
    (found, url, fetched) = demo_crawl.db.execute(
        "select article_id, url, fetched_at from captures where article_id is not null limit 1"
    ).fetchone()
    html = replaying.get(f"/news/articles/{found}").text
    stamp = re.sub(r"\D", "", fetched)[:14]
    assert f'href="http://127.0.0.1:9/w/{stamp}/{url}">replay</a>' in html
    assert "replay</a>" not in client(demo_crawl.path).get(f"/news/articles/{found}").text


def test_every_table_page_and_a_row_of_each_answer(news, other):
    """Table pages of every table and a row page of each visible one, rendered through
    the cells plugin (links, JSON as lists), answer 200: in the demo archive, and in
    the copy with an edit."""
    for archive, name in ((news, "news"), (other[0], "other")):
        assert archive.get(f"/{name}").status == 200
        tables = archive.get(f"/{name}.json").json["tables"]
        for table in tables:
            page = archive.get(f"/{name}/{table['name']}")
            assert page.status == 200, (name, table["name"], page.text[-500:])
            rows = archive.get(f"/{name}/{table['name']}.json?_size=1&_shape=objects").json
            if rows.get("rows") and rows.get("primary_keys") and not table["hidden"]:
                pk = ",".join(
                    tilde_encode(str(rows["rows"][0][key])) for key in rows["primary_keys"]
                )
                row = archive.get(f"/{name}/{table['name']}/{pk}")
                assert row.status == 200, (name, table["name"], pk)
