"""End to end: the real ``scrapy crawl news`` over the demo site on 127.0.0.1, into SQLite."""

from __future__ import annotations

import json
import subprocess
import sys

from pipelines.archive.search import fts_query
from pipelines.urls import canonicalize_url

from conftest import ROOT, assert_books_balance, assert_clean_log, run_crawl, write_sources
from sites.demo.site import BROKEN, boilerplate, expected_articles, related_titles
from sites.demo.stories import DISCLAIMER, TRANSLATIONS


def articles_by_url(db) -> dict[str, dict]:
    return {row["canonical_url"]: row for row in db["articles"].rows}


def test_crawl_succeeds_cleanly(demo_crawl):
    assert demo_crawl.returncode == 0, demo_crawl.log[-3000:]
    assert_clean_log(demo_crawl.log)


def test_every_story_language_archived_once(demo_crawl, demo_server):
    expected = expected_articles(demo_server.url)
    rows = articles_by_url(demo_crawl.db)
    assert len(expected) >= 48
    assert sorted(rows) == sorted(canonicalize_url(a["url"]) for a in expected)
    assert demo_crawl.db["articles"].count == len(expected)


def test_metadata_and_language_tags(demo_crawl, demo_server):
    rows = articles_by_url(demo_crawl.db)
    for want in expected_articles(demo_server.url):
        row = rows[canonicalize_url(want["url"])]
        label = want["url"]
        assert row["title"] == want["title"], label
        assert row["published_at"] == want["published_at"], label
        assert row["published_source"] == "json-ld", label
        assert row["modified_at"] == want["modified_at"], label
        assert json.loads(row["authors"]) == want["authors"], label
        assert row["language"] == want["language"], label
        assert row["declared_language"] == want["language"], label
        assert row["detected_language"] == want["language"], label
        assert row["language_confidence"] > 0.5, label
        assert row["source"] == "demo"
        assert set(json.loads(row["hreflang"])) >= {"id", "en", "zh", "ja", "ar", "fr"}


def test_text_is_the_article_and_nothing_else(demo_crawl, demo_server):
    rows = articles_by_url(demo_crawl.db)
    for want in expected_articles(demo_server.url):
        text = rows[canonicalize_url(want["url"])]["text"]
        for paragraph in want["paragraphs"]:
            assert paragraph in text, (want["url"], paragraph)
        furniture = boilerplate(want["language"]) + related_titles(want["url"])
        furniture.append(want["caption"])
        for string in furniture:
            assert string not in text, (want["url"], string)


def test_machine_translation_notice_moved_to_notices(demo_crawl, demo_server):
    rows = articles_by_url(demo_crawl.db)
    flagged = 0
    for want in expected_articles(demo_server.url):
        row = rows[canonicalize_url(want["url"])]
        translated = want["language"] in TRANSLATIONS
        assert DISCLAIMER not in row["text"], want["url"]
        assert json.loads(row["notices"]) == ([DISCLAIMER] if translated else []), want["url"]
        assert row["machine_translated"] == int(translated), want["url"]
        flagged += row["machine_translated"]
    assert flagged == 40


def test_one_translation_group_per_story_original_marked(demo_crawl, demo_server):
    rows = list(demo_crawl.db.query("select * from translations"))
    expected = expected_articles(demo_server.url)
    assert len(rows) == len(expected)
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["group_id"], []).append(row)
    by_url = {row["url"]: row for row in rows}
    ids = {r["canonical_url"]: r["id"] for r in articles_by_url(demo_crawl.db).values()}
    for want in expected:
        row = by_url[canonicalize_url(want["url"])]
        story = {canonicalize_url(a["url"]) for a in expected if a["story"] == want["story"]}
        assert {r["url"] for r in groups[row["group_id"]]} == story
        assert row["language"] == want["language"]
        assert row["article_id"] == ids[row["url"]]
        assert row["is_original"] == int(want["is_original"]), want["url"]
        if want["is_original"]:
            assert row["original_by"] == "x-default"
    assert len(groups) == len({a["story"] for a in expected})


def test_planted_broken_urls_are_error_rows(demo_crawl, demo_server):
    rows = list(demo_crawl.db.query("select url, reason, kind from errors where kind = 'failed'"))
    found = {r["url"].removeprefix(demo_server.url): r["reason"] for r in rows}
    for path, kind in BROKEN.items():
        assert found.get(path) == kind, (path, found)
    assert len(rows) == len(BROKEN), rows  # each broken URL exactly once


def test_non_articles_are_skipped_with_a_reason(demo_crawl):
    skipped = list(demo_crawl.db.query("select url, reason from errors where kind = 'skipped'"))
    assert skipped, "the sitemap lists non-article pages: they must be recorded as skipped"
    assert {r["reason"] for r in skipped} <= {"not_article", "too_short", "empty_text"}


def test_run_is_recorded_with_counts(demo_crawl, demo_server):
    (run,) = demo_crawl.db["crawl_runs"].rows
    assert run["status"] == "finished" and run["finished_at"] >= run["started_at"]
    counts = json.loads(run["counts"])["demo"]
    assert counts["new"] == len(expected_articles(demo_server.url))
    assert counts["failed"] == len(BROKEN)
    assert counts["fetched"] >= counts["new"]
    stats = json.loads(run["stats"])
    assert stats["news/archive/new"] == counts["new"]
    assert stats["news/extract/article"] == counts["new"]
    assert_books_balance(demo_crawl.db, demo_crawl.log)  # fetched = the sum of outcomes
    books = json.loads(run["accounting"])["demo"]
    assert books["fetched"] == counts["fetched"] == books["recorded"]


def test_each_article_fetched_once(demo_crawl, demo_server):
    for want in expected_articles(demo_server.url):
        path = want["url"].removeprefix(demo_server.url)
        assert demo_crawl.hits.get(path) == 1, (path, demo_crawl.hits.get(path))


def test_full_text_search_finds_story_words(demo_crawl, demo_server):
    sql = (
        "select articles.canonical_url from {index} join articles "
        "on articles.rowid = {index}.rowid where {index} match ?"
    )
    for want in expected_articles(demo_server.url):
        term = want["search_terms"][0]
        every = sql.format(index="articles_search")
        urls = [row[0] for row in demo_crawl.db.execute(every, [fts_query(term)]).fetchall()]
        assert canonicalize_url(want["url"]) in urls, (term, urls)


def test_second_crawl_adds_no_duplicates(demo_crawl, demo_server, tmp_path):
    before = demo_crawl.db["articles"].count
    sources = write_sources(tmp_path / "sources.toml", demo_server.url)
    again = run_crawl(sources, demo_crawl.path)
    assert again.returncode == 0, again.log[-3000:]
    assert_clean_log(again.log)
    assert again.db["articles"].count == before
    runs = list(again.db.query("select counts from crawl_runs order by id"))
    assert len(runs) == 2
    counts = json.loads(runs[1]["counts"])["demo"]
    # Incremental: every article is known and none is due for a revisit (the demo
    # stories are older than the revisit schedule), so none is fetched again: what is
    # fetched is the feeds, sitemaps and listings (how new articles are found).
    assert not any(counts.get(k) for k in ("new", "updated", "unchanged", "duplicate"))
    assert counts["fetched"] > 0 and counts.get("listing", 0) > 0
    assert_books_balance(again.db, again.log)
    assert counts["known"] >= before
    assert again.db.execute("select max(version) from articles").fetchone()[0] == 1


def test_bad_sources_file_refused_before_any_request(demo_server, tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text(
        f'[[source]]\nname = "demo"\nfeeds = ["{demo_server.url}/rss.xml"]\n'
        "allow_private = true\nfollow = true\n",
        encoding="utf-8",
    )
    demo_server.hits.clear()
    result = run_crawl(bad, tmp_path / "never.db")
    assert result.returncode == 2
    assert f"{bad}: source 'demo': key 'follow': unknown key" in result.log
    assert "Traceback" not in result.log
    assert sum(demo_server.hits.values()) == 0
    assert result.db is None  # no archive was even created


def test_bare_crawl_names_the_example_file_and_refuses_it(tmp_path):
    """``scrapy crawl news`` with no sources file given: the default is the example file
    of real news sites, named and refused before anything starts; named, it is read."""
    db = tmp_path / "never.db"
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"ARCHIVE_DB={db}"]
    bare = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bare.returncode == 2, bare.stderr[-3000:]
    assert f"{ROOT / 'sources.toml'}: this is the example sources file" in bare.stderr
    assert "-a sources=sources.toml" in bare.stderr and "Traceback" not in bare.stderr
    assert not db.exists()
    # Named (with a source it does not hold, so nothing is crawled): read, and said so.
    named = subprocess.run(
        [*command, "-a", "sources=sources.toml", "-a", "source=nosuch"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert named.returncode == 2
    assert f"sources file: {ROOT / 'sources.toml'} (-a sources=)" in named.stderr
    assert "no source named 'nosuch'" in named.stderr and not db.exists()


def test_language_alternates_are_followed(demo_server, tmp_path):
    """From the Indonesian home page alone, hreflang links reach every language version."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "demo"\nstart_urls = ["{demo_server.url}/"]\nallow_private = true\n',
        encoding="utf-8",
    )
    alone = ["NEWS_ROBOTS_SITEMAPS=false", "NEWS_FEED_AUTODISCOVERY=false", "NEWS_SECTION_DEPTH=0"]
    result = run_crawl(sources, tmp_path / "news.db", *(a for s in alone for a in ("-s", s)))
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    rows = articles_by_url(result.db)
    assert sorted(rows) == sorted(
        canonicalize_url(a["url"]) for a in expected_articles(demo_server.url)
    )
    stats = json.loads(next(result.db.query("select stats from crawl_runs"))["stats"])
    assert stats["news/discover/hreflang"] == 40


def test_crawler_identifies_itself(demo_crawl, demo_server):
    paths = {a["url"].removeprefix(demo_server.url) for a in expected_articles(demo_server.url)}
    agents = {r.headers.get("User-Agent") for r in demo_server.requests if r.path in paths}
    assert agents and all(a and a.startswith("newsarchive/") for a in agents), agents
