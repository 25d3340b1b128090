"""Site names in titles learned per source: the learner's rules, then real crawls of a site
that writes its name into every title."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipelines.archive.batch import write_batch
from pipelines.archive.boilerplate import BoilerplateLearner, fingerprint
from pipelines.archive.learners import SiteLearners
from pipelines.archive.schema import open_archive
from pipelines.archive.store import save_article
from pipelines.archive.titles import TitleLearner, affixes, strip_title
from pipelines.extract.text import content_hash
from pipelines.items import ArticleItem, PageItem

from conftest import (
    ROOT,
    SCRAPY_STRICT,
    assert_books_balance,
    assert_clean_log,
    run_crawl,
    write_sources,
)
from sites.demo import titled_site
from sites.demo.server import SiteServer

NOW = "2026-12-06T12:00:00+00:00"
SITE = "Harbour Courier Online Edition"


def test_affixes_are_the_ends_of_a_title_cut_at_a_separator():
    assert affixes(f"Dam opens | {SITE}") == {fingerprint(p): p for p in ("Dam opens", SITE)}
    assert affixes(f"{SITE} – Ferry strike - Day three").keys() == {
        fingerprint(SITE),
        fingerprint("Day three"),
    }
    assert affixes("Dam opens on time") == {}  # one segment: no affix
    assert affixes("Dam opens: a report") == {}  # a colon is no separator


def test_stripping_keeps_one_segment_and_what_is_not_learned():
    learned = {fingerprint(SITE), fingerprint("Evening edition")}
    assert strip_title(f"Dam opens | {SITE}", learned) == ("Dam opens", 1)
    assert strip_title(f"{SITE} - Dam opens - day three", learned) == ("Dam opens - day three", 1)
    assert strip_title(f"Dam opens | {SITE} | Evening edition", learned) == ("Dam opens", 2)
    assert strip_title(f"Opinion | Dam opens | {SITE}", learned) == ("Opinion | Dam opens", 1)
    assert strip_title(SITE, learned) == (SITE, 0)  # the affix is the whole title
    # every segment learned: the first stays (trailing ones go first)
    assert strip_title(f"{SITE} | Evening edition", learned) == (SITE, 1)
    assert strip_title(f"Dam opens | {SITE.upper()}", learned) == ("Dam opens", 1)  # folded


def article(number: int, title: str) -> dict:
    return {
        "id": f"{number:016x}",
        "url": f"https://courier.example/a/{number}",
        "canonical_url": f"https://courier.example/a/{number}",
        "title": title,
        "text": f"Story text {number}.",
        "content_hash": content_hash(title, f"Story text {number}."),
    }


def learn(db, learner, articles, source="courier"):
    outcomes = []
    for item in articles:
        with db.atomic():
            learner.apply(db, item, source, NOW)
            outcomes.append(save_article(db, item, source, NOW))
            learner.finish(db)
    return outcomes


def titles(db) -> dict[int, tuple[str, str | None]]:
    rows = db.query("select id, title, raw_title from articles")
    return {int(r["id"], 16): (r["title"], r["raw_title"]) for r in rows}


def declared(n: int) -> str:
    """The courier's titles: its name on every one (after or before the headline), a
    column name starting every third."""
    headline = f"Harbour story number {n}"
    if n % 3 == 0:
        return f"Opinion | {headline} | {SITE}"
    return f"{headline} | {SITE}" if n % 2 else f"{SITE} - {headline}"


def test_threshold_cold_start_and_a_column_name_kept(tmp_path):
    """The site's name, on every title, is learned on the 5th article and stripped from all
    12 (the first 4 cleaned in the transaction that learned it); "Opinion", on 4 of 12,
    is a part of those headlines and stays."""
    db = open_archive(tmp_path / "news.db")
    learner = TitleLearner(min_articles=5, min_share=0.5)
    outcomes = learn(db, learner, [article(n, declared(n)) for n in range(1, 13)])
    assert outcomes == ["new"] * 12
    for n, (title, raw) in titles(db).items():
        want = f"Harbour story number {n}"
        assert title == (f"Opinion | {want}" if n % 3 == 0 else want), n
        assert raw == declared(n)
        row = db["articles"].get(f"{n:016x}")
        assert row["content_hash"] == content_hash(title, f"Story text {n}.")
    rows = db.execute("select affix, articles, learned from title_affixes where learned = 1")
    assert rows.fetchall() == [(SITE, 12, 1)]
    assert db.execute(
        "select articles, learned from title_affixes where affix = 'Opinion'"
    ).fetchone() == (4, 0)
    assert db.execute("select articles from title_affixes where fingerprint = ''").fetchone() == (
        12,
    )
    assert learner.drain() == {"learned": 1, "recleaned": 4, "stripped": 8, "affixes": 8}


def test_refetch_counts_once_and_cleaning_is_not_an_edit(tmp_path):
    db = open_archive(tmp_path / "news.db")
    learner = TitleLearner(min_articles=3, min_share=0.5)
    learn(db, learner, [article(n, declared(n)) for n in (1, 2)])
    assert learn(db, learner, [article(1, declared(1))]) == ["unchanged"]  # re-fetched
    site = "select articles from title_affixes where affix = ?"
    assert db.execute(site, [SITE]).fetchone() == (2,)
    assert learn(db, learner, [article(4, declared(4))]) == ["new"]  # learned: 1, 2 cleaned
    assert learn(db, learner, [article(2, declared(2))]) == ["unchanged"]
    assert titles(db)[2] == ("Harbour story number 2", declared(2))
    assert db.execute("select max(version) from articles").fetchone() == (1,)
    assert db["article_versions"].count == 0
    # the page changes its headline: an edit, counted as such (the old affix goes)
    edited = f"Harbour story number 2, updated | {SITE}"
    assert learn(db, learner, [article(2, edited)]) == ["updated"]
    assert titles(db)[2] == ("Harbour story number 2, updated", edited)
    assert db.execute(site, ["Harbour story number 2, updated"]).fetchone() == (1,)
    assert db.execute(site, ["Harbour story number 2"]).fetchone() == (0,)
    assert db.execute(site, [SITE]).fetchone() == (3,)


def test_a_title_that_is_the_site_name_alone_is_kept(tmp_path):
    db = open_archive(tmp_path / "news.db")
    learner = TitleLearner(min_articles=2, min_share=0.5)
    learn(db, learner, [article(n, f"Story {n} | {SITE}") for n in (1, 2, 3)])
    learner.drain()
    learn(db, learner, [article(4, SITE), article(5, f"{SITE} | {SITE}")])
    assert titles(db)[4] == (SITE, None)  # no separator: no affix
    assert titles(db)[5] == (SITE, f"{SITE} | {SITE}")  # only affixes: the first stays
    assert learner.drain() == {"whole": 1, "stripped": 1, "affixes": 1}


def test_rebuild_decides_again_and_restores(tmp_path):
    db = open_archive(tmp_path / "news.db")
    loose = TitleLearner(min_articles=4, min_share=0.25)  # "Opinion" (4 of 12) qualifies
    learn(db, loose, [article(n, declared(n)) for n in range(1, 13)])
    assert titles(db)[3] == ("Harbour story number 3", declared(3))
    result = TitleLearner(min_articles=5, min_share=0.5).rebuild(db, "courier", NOW)
    assert result == {"articles": 12, "learned": 1, "changed": 4}  # Opinion comes back
    assert titles(db)[3] == ("Opinion | Harbour story number 3", declared(3))
    result = TitleLearner(min_articles=20).rebuild(db, "courier", NOW)  # nothing qualifies
    assert result == {"articles": 12, "learned": 0, "changed": 12}
    assert all(title == declared(n) and raw is None for n, (title, raw) in titles(db).items())


def test_sources_are_learned_apart(tmp_path):
    db = open_archive(tmp_path / "news.db")
    learner = TitleLearner(min_articles=3, min_share=0.5)
    learn(db, learner, [article(n, f"Story {n} | {SITE}") for n in (1, 2, 3)], "courier")
    learn(db, learner, [article(n, f"Story {n} | {SITE}") for n in (4, 5)], "gazette")
    assert titles(db)[1][0] == "Story 1" and titles(db)[4][0] == f"Story 4 | {SITE}"


def page_item(entry: dict, signature: bytes) -> ArticleItem:
    page = PageItem(
        url=entry["url"], requested_url=entry["url"], source="courier", status=200,
        headers={}, body=b"", encoding="utf-8", fetched_at=NOW, via="feed",
    )  # fmt: skip
    return ArticleItem(
        article=entry, page=page, minhash=signature, minhash_of=entry["content_hash"]
    )


def test_the_batch_runs_titles_then_boilerplate_and_keeps_the_worker_signature(tmp_path):
    db = open_archive(tmp_path / "news.db")
    learners = SiteLearners([TitleLearner(3), BoilerplateLearner(3)])
    promo = "Subscribe to the Courier for the morning briefing."
    items = []
    for n in range(1, 5):
        entry = article(n, f"Story {n} | {SITE}")
        entry["text"] = f"Story text {n}.\n{promo}"
        entry["content_hash"] = content_hash(entry["title"], entry["text"])
        items.append(page_item(entry, bytes([n]) * 16))
    write_batch(db, items[:2], None, False, learners)
    write_batch(db, items[2:], None, False, learners)
    for n in range(1, 5):
        row = db["articles"].get(f"{n:016x}")
        assert (row["title"], row["text"]) == (f"Story {n}", f"Story text {n}.")
        assert row["content_hash"] == content_hash(f"Story {n}", f"Story text {n}.")
    drained = learners.drain()
    assert drained["news/titles/learned"] == 1 and drained["news/boilerplate/learned"] == 1
    assert drained["news/titles/stripped"] == 2 and drained["news/titles/recleaned"] == 2
    # a title stripped, the text left alone: the worker's signature is kept
    entry = article(9, f"Story 9 | {SITE}")
    write_batch(db, [page_item(entry, b"\x09" * 16)], None, False, learners)
    signature = db.execute(
        "select m.signature, m.content_hash = a.content_hash from minhashes m "
        "join articles a on a.id = m.article_id where a.id = ?",
        [entry["id"]],
    ).fetchone()
    assert signature == (b"\x09" * 16, 1)


@pytest.fixture(scope="module")
def titled_server():
    with SiteServer(titled_site.build_site) as server:
        yield server


def assert_titles(db, base_url, stripped=True, opinion=False):
    rows = {r["url"]: r for r in db.query("select url, title, raw_title from articles")}
    expected = titled_site.expected_articles(base_url)
    assert len(rows) == len(expected)
    for want in expected:
        row = rows[want["url"]]
        title = want["title"]
        if opinion:
            title = title.removeprefix(f"{titled_site.OPINION} | ")
        if stripped:
            assert (row["title"], row["raw_title"]) == (title, want["raw_title"]), want["url"]
        else:
            assert (row["title"], row["raw_title"]) == (want["raw_title"], None), want["url"]


def test_crawl_learns_the_site_name_in_titles(titled_server, tmp_path):
    sources = write_sources(tmp_path / "s.toml", titled_server.url, name="ledger")
    result = run_crawl(sources, tmp_path / "news.db")
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    assert_books_balance(result.db, result.log)
    assert_titles(result.db, titled_server.url)
    stats = json.loads(next(result.db.query("select stats from crawl_runs"))["stats"])
    articles = titled_site.ARTICLES
    assert stats["news/archive/new"] == articles
    assert stats["news/titles/learned"] == 1  # the site's name; not "Opinion", nor the kicker
    assert stats["news/titles/recleaned"] == 4  # the cold start: the 4 before it was learned
    assert stats["news/titles/stripped"] == stats["news/titles/affixes"] == articles - 4
    learned = result.db.execute("select affix, articles from title_affixes where learned = 1")
    assert learned.fetchall() == [(titled_site.OUTLET, articles)]
    kept = "select articles, learned from title_affixes where affix = ?"
    # counted where they start a title: on the odd articles (the site's name leads the others)
    assert result.db.execute(kept, [titled_site.OPINION]).fetchone() == (3, 0)
    assert result.db.execute(kept, [titled_site.KICKER]).fetchone() == (2, 0)


def titles_command(db_path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRAPY_STRICT, "titles", "--db", str(db_path), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_scrapy_titles_cleans_an_archive_crawled_without_the_step(titled_server, tmp_path):
    sources = write_sources(tmp_path / "s.toml", titled_server.url, name="ledger")
    result = run_crawl(sources, tmp_path / "news.db", "-s", "TITLES_ENABLED=false")
    assert result.returncode == 0, result.log[-3000:]
    assert_books_balance(result.db, result.log)
    assert_titles(result.db, titled_server.url, stripped=False)
    stats = json.loads(next(result.db.query("select stats from crawl_runs"))["stats"])
    assert not [key for key in stats if key.startswith("news/titles/")]
    articles = titled_site.ARTICLES
    loose = ("--min-articles", "3", "--min-share", "0.1")  # "Opinion" starts 3 titles
    out = titles_command(result.path, *loose, "--dry-run")
    assert f"ledger: {articles} articles, 2 site affixes" in out, out
    assert "dry run: nothing changed" in out
    assert_titles(result.db, titled_server.url, stripped=False)
    out = titles_command(result.path, *loose, "--show", "3")
    assert f"{articles} titles changed" in out, out
    assert f"{articles:>8}  site  {titled_site.OUTLET}" in out, out
    assert f"{3:>8}  site  {titled_site.OPINION}" in out, out
    assert f"{2:>8}  kept  {titled_site.KICKER}" in out, out
    assert_titles(result.db, titled_server.url, opinion=True)
    out = titles_command(result.path, "--source", "ledger")  # the defaults: Opinion stays
    assert f"ledger: {articles} articles, 1 site affixes" in out, out
    assert f"{articles // 5} titles changed" in out, out
    assert_titles(result.db, titled_server.url)
