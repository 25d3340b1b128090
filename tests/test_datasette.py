"""Browse: a real Datasette process over a crawled archive, with the project's metadata."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections import Counter

import pytest
import yaml

from pipelines.archive.search import fts_query

from conftest import ROOT, datasette_server
from sites.demo.site import expected_articles

METADATA = ROOT / "deploy" / "datasette" / "metadata.yml"
PLUGINS = ROOT / "deploy" / "datasette" / "plugins"
ARCHIVE = ROOT / "deploy" / "datasette" / "archive.yml"


@pytest.fixture(scope="module")
def datasette(demo_crawl):
    args = ["--metadata", str(METADATA), "--plugins-dir", str(PLUGINS)]
    with datasette_server(demo_crawl.path, *args) as base:
        yield base


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_home_page_has_the_title(datasette):
    assert "News archive" in get_text(datasette + "/")


def test_articles_table_has_facets_on_source_and_language(datasette, demo_server):
    data = get_json(datasette + "/news/articles.json?_size=0")
    facets = data["facet_results"]
    assert {"source", "language"} <= set(facets)
    languages = {f["value"]: f["count"] for f in facets["language"]["results"]}
    expected = Counter(a["language"] for a in expected_articles(demo_server.url))
    assert languages == dict(expected)


def test_canned_search_query(datasette, demo_server):
    want = next(a for a in expected_articles(demo_server.url) if a["language"] == "en")
    term = want["search_terms"][0]
    query = urllib.parse.urlencode({"q": f'"{term}"', "_shape": "array"})
    rows = get_json(f"{datasette}/news/search.json?{query}")
    assert want["title"] in [r["title"] for r in rows]
    assert all("[" in r["snippet"] for r in rows)


def test_table_search_box_uses_the_fts_index(datasette, demo_server):
    want = next(a for a in expected_articles(demo_server.url) if a["language"] == "fr")
    term = want["search_terms"][0]
    query = urllib.parse.urlencode({"_search": term, "_shape": "array"})
    rows = get_json(f"{datasette}/news/articles.json?{query}")
    assert want["title"] in [r["title"] for r in rows]


def test_facets_on_declared_detected_and_machine_translated(datasette):
    data = get_json(datasette + "/news/articles.json?_size=0")
    facets = data["facet_results"]
    assert {"declared_language", "detected_language", "language_mismatch"} <= set(facets)
    flagged = {f["value"]: f["count"] for f in facets["machine_translated"]["results"]}
    assert flagged == {1: 40, 0: 8}


def test_search_in_every_script(datasette, demo_server):
    articles = expected_articles(demo_server.url)
    for lang in ("zh", "ja", "ar"):
        want = next(a for a in articles if a["language"] == lang)
        term = want["search_terms"][0]
        # the canned query, and the table's search box (rewritten by the plugin)
        query = urllib.parse.urlencode({"q": term, "_shape": "array"})
        rows = get_json(f"{datasette}/news/search_all.json?{query}")
        assert want["title"] in [r["title"] for r in rows], (lang, rows)
        query = urllib.parse.urlencode({"_search": term, "_shape": "array"})
        rows = get_json(f"{datasette}/news/articles.json?{query}")
        assert want["title"] in [r["title"] for r in rows], (lang, rows)
    zh = next(a for a in articles if a["language"] == "zh")
    two = next(w for w in ("农民", "政府", "居民", "印尼") if any(w in p for p in zh["paragraphs"]))
    query = urllib.parse.urlencode({"_search": two, "_shape": "array"})
    titles = [r["title"] for r in get_json(f"{datasette}/news/articles.json?{query}")]
    wanted = [a["title"] for a in articles if two in " ".join([a["title"], *a["paragraphs"]])]
    assert titles and set(titles) == set(wanted), (two, titles)


def test_story_versions_side_by_side(datasette, demo_server):
    want = next(a for a in expected_articles(demo_server.url) if a["language"] == "fr")
    article = get_json(f"{datasette}/news/articles.json?_shape=array&url={want['url']}")[0]
    query = urllib.parse.urlencode({"article_id": article["id"], "_shape": "array"})
    rows = get_json(f"{datasette}/news/story_versions.json?{query}")
    assert [r["language"] for r in rows][0] == "id" and rows[0]["is_original"] == 1
    assert sorted(r["language"] for r in rows) == sorted(["id", "en", "zh", "ja", "ar", "fr"])
    assert want["title"] in [r["title"] for r in rows]


def test_every_canned_query_runs(datasette):
    queries = yaml.safe_load(ARCHIVE.read_text())["queries"]
    for name in queries:
        params = urllib.parse.urlencode({"q": "banjir", "article_id": "", "_shape": "objects"})
        data = get_json(f"{datasette}/news/{name}.json?{params}")
        assert data["ok"] is True and "rows" in data, name


def test_search_matching_many_articles_has_no_facets(demo_crawl, demo_server, tmp_path):
    """Above ``facets_up_to`` matches the search page skips its facets (the plugin
    counts the matches first); below, and without a search, they are there."""
    metadata = yaml.safe_load(METADATA.read_text())
    metadata["plugins"] = {"multilingual_search": {"facets_up_to": 3}}
    (tmp_path / "metadata.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True))
    args = ["--metadata", str(tmp_path / "metadata.yml"), "--plugins-dir", str(PLUGINS)]
    count = "SELECT count(*) FROM articles_search WHERE articles_search MATCH ?"
    terms = [t for a in expected_articles(demo_server.url) for t in a["search_terms"]]
    rare = next(t for t in terms if demo_crawl.db.execute(count, [fts_query(t)]).fetchone()[0] <= 3)
    with datasette_server(demo_crawl.path, *args) as base:
        many = get_json(base + "/news/articles.json?_search=a*&_size=1")
        assert many["filtered_table_rows_count"] > 3 and many["facet_results"] == {}
        query = urllib.parse.urlencode({"_search": rare, "_size": 1})
        few = get_json(f"{base}/news/articles.json?{query}")
        assert 1 <= few["filtered_table_rows_count"] <= 3
        assert {"source", "language"} <= set(few["facet_results"])
        assert {"source", "language"} <= set(
            get_json(base + "/news/articles.json")["facet_results"]
        )
