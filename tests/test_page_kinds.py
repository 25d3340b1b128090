"""The page decides what it is: a crawl of a site whose URLs lie about their pages
archives every article, records listings and other pages with their reasons, and gives
every fetched URL exactly one outcome in the ledger (``known_urls``)."""

from __future__ import annotations

import json
import shutil

import pytest

from pipelines.urls import canonicalize_url

from conftest import assert_books_balance, assert_clean_log, run_crawl
from sites.demo.server import SiteServer
from sites.shapes import (
    ARTICLES,
    LISTINGS,
    OTHERS,
    SITEMAP_ONLY,
    WEBSITE_TYPED,
    build_shapes,
    sources_toml,
)


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shapes")
    with SiteServer(build_shapes) as site:
        sources = tmp / "sources.toml"
        sources.write_text(sources_toml(site.url), encoding="utf-8")
        first = run_crawl(sources, tmp / "news.db")
        first_hits = dict(site.hits)
        site.hits.clear()
        shutil.copy(tmp / "news.db", tmp / "again.db")  # the first run's archive stays as it was
        second = run_crawl(sources, tmp / "again.db")
        yield site, first, first_hits, second, dict(site.hits)


def ledger(db, run_id: int) -> dict[str, tuple[str, str]]:
    rows = db.execute(
        "select url, outcome, reason from known_urls where run_id = ?", [run_id]
    ).fetchall()
    return {url: (outcome, reason) for url, outcome, reason in rows}


def test_every_article_is_archived_whatever_its_url(shapes):
    site, first, _, _, _ = shapes
    assert first.returncode == 0, first.log[-3000:]
    assert_clean_log(first.log)
    archived = {row["url"] for row in first.db["articles"].rows}
    assert archived == {canonicalize_url(site.url + path) for path in ARTICLES}
    titles = {row["url"]: row["title"] for row in first.db["articles"].rows}
    assert (
        titles[canonicalize_url(site.url + "/news/missing-hiker")]
        == ARTICLES["/news/missing-hiker"]
    )
    assert canonicalize_url(site.url + SITEMAP_ONLY) in archived  # the sitemap alone knew it


def test_listings_and_other_pages_are_recorded_with_their_reason(shapes):
    site, first, _, _, _ = shapes
    outcomes = ledger(first.db, 1)
    for path in LISTINGS:
        outcome, reason = outcomes[canonicalize_url(site.url + path)]
        assert outcome == "listing", (path, reason)
    shop = outcomes[canonicalize_url(site.url + "/shop/riverside-mug")]
    assert shop[0] == "other" and shop[1] == OTHERS["/shop/riverside-mug"]
    gone = outcomes[canonicalize_url(site.url + "/news/old-story")]
    assert gone == ("error", "soft_404")
    errors = dict(first.db.execute("select url, reason from errors").fetchall())
    assert errors == {
        canonicalize_url(site.url + "/shop/riverside-mug"): "not_article",
        canonicalize_url(site.url + "/news/old-story"): "soft_404",
    }  # no row for the missing robots.txt
    website = first.db.execute(
        "select reason from known_urls where url = ?", [canonicalize_url(site.url + WEBSITE_TYPED)]
    ).fetchone()[0]
    assert website.startswith("score +")  # og:type website weighed, and outweighed


def test_every_fetched_url_has_exactly_one_outcome(shapes):
    site, first, hits, _, _ = shapes
    fetched = {canonicalize_url(site.url + p) for p in hits if p != "/robots.txt"}
    outcomes = ledger(first.db, 1)
    assert fetched <= set(outcomes), fetched - set(outcomes)
    assert all(outcome for outcome, _ in outcomes.values())
    assert all(count == 1 for path, count in hits.items() if path != "/robots.txt"), hits
    (run,) = first.db.query("select counts, accounting from crawl_runs where id = 1")
    books = json.loads(run["accounting"])["riverside"]
    assert books["fetched"] == len(fetched) == books["recorded"]
    assert books["outcomes"] == {
        "new": len(ARTICLES),
        "listing": len(LISTINGS),
        "sitemap": 1,
        "skipped": 1,
        "failed": 1,
    }
    assert_books_balance(first.db, first.log)
    line = f"riverside: fetched {len(fetched)} = {len(ARTICLES)} new + {len(LISTINGS)} listing"
    assert line in first.log


def test_second_run_reads_listings_again_and_skips_known_articles(shapes):
    site, _, _, second, hits = shapes
    assert second.returncode == 0, second.log[-3000:]
    assert_books_balance(second.db, second.log)
    assert {p for p in hits if p in ARTICLES} == set()  # no revisit is due yet
    assert "/" in hits and "/topics/harbour" in hits  # listings are how new articles appear
    assert "/shop/riverside-mug" not in hits and "/news/old-story" not in hits
    assert second.db["articles"].count == len(ARTICLES)
