"""A crawl of a hostile site: it ends by itself, archives every good article, records
every bad URL once with its reason, logs no unhandled error, reaches no forbidden
address, and gives the same archive when run twice."""

from __future__ import annotations

import json

from conftest import assert_clean_log
from sites.hostile import GOOD
from sites.servers import expected_errors

VOLATILE = {"first_seen", "last_fetched", "rowid"}


def test_crawl_ends_cleanly(hostile):
    _, first, second, _, _ = hostile
    for result in (first, second):
        assert result.returncode == 0, result.log[-3000:]
        assert_clean_log(result.log)
        (status, stats) = result.db.execute("select status, stats from crawl_runs").fetchone()
        assert status == "finished"
        assert json.loads(stats)["memusage/max"] < 1024 * 1024 * 1024


def test_every_good_article_is_archived(hostile):
    sites, first, _, _, _ = hostile
    rows = {r["url"]: r for r in first.db.table("articles").rows}
    assert set(rows) == {f"{sites.base}{path}" for path in GOOD}
    for path, (title, phrase) in GOOD.items():
        row = rows[f"{sites.base}{path}"]
        assert row["title"] == title
        assert phrase in row["text"], (path, row["text"][:200])
    assert {rows[f"{sites.base}/news/{c}"]["language"] for c in ("shift_jis", "gbk")} == {
        "ja",
        "zh",
    }


def test_every_bad_url_has_one_error_row_with_its_reason(hostile):
    sites, first, _, _, _ = hostile
    rows = list(first.db.execute("select url, reason from errors"))
    assert len(rows) == len({url for url, _ in rows}), "a URL recorded twice"
    assert dict(rows) == expected_errors(sites)


def test_forbidden_host_is_never_reached(hostile):
    _, _, _, _, forbidden_hits = hostile
    assert forbidden_hits == {}


def test_traps_and_duplicates_are_fetched_once(hostile):
    _, _, _, hits, _ = hostile
    assert [p for p in hits if p.startswith("/calendar/")] == []  # the trap is never entered
    assert hits["/news/ferry"] == hits["/news/library"] == hits["/news/market"] == 1
    assert hits["/news/flaky"] == 3 and hits["/news/ratelimited"] == 2  # retried until good
    assert "/news/chain/11" not in hits and "/evil.dtd" not in hits


def test_same_crawl_twice_gives_the_same_archive(hostile):
    _, first, second, _, _ = hostile

    def content(db):
        articles = sorted(
            json.dumps({k: v for k, v in row.items() if k not in VOLATILE}, sort_keys=True)
            for row in db.table("articles").rows
        )
        errors = sorted(db.execute("select url, kind, reason, http_status from errors"))
        return articles, errors

    assert content(first.db) == content(second.db)
