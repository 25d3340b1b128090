"""Per-source headers and cookies, crawled for real: a consent wall that lets the article
through only with the right cookie, and a site that answers 403 without a header."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from conftest import assert_books_balance, assert_clean_log, run_crawl
from sites.demo.server import SiteServer
from sites.gated import CONSENT_COOKIE, build_consent, build_header, sources


@pytest.fixture(scope="module")
def gated():
    with ExitStack() as stack:
        consent = stack.enter_context(SiteServer(build_consent))
        header = stack.enter_context(SiteServer(build_header))
        yield consent, header


def crawl(tmp_path, consent, header, with_options: bool):
    consent_options = {"cookies": dict([CONSENT_COOKIE])} if with_options else {}
    header_options = {"headers": {"Accept-Language": "id-ID,id;q=0.9"}} if with_options else {}
    path = tmp_path / "sources.toml"
    path.write_text(
        sources("walled", consent.url, allow_private=True, **consent_options)
        + sources("picky", header.url, allow_private=True, **header_options),
        encoding="utf-8",
    )
    consent.requests.clear()
    header.requests.clear()
    result = run_crawl(path, tmp_path / "news.db")
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    assert_books_balance(result.db, result.log)
    # no source renders: the browser's download handler is never loaded
    assert "scrapy-playwright" not in result.log and "playwright/" not in result.log
    return result


def errors(db, source: str) -> dict[str, str]:
    rows = db.query("select url, reason from errors where source = ?", [source])
    return {row["url"]: row["reason"] for row in rows}


def test_without_options_walls_and_403s_are_recorded(tmp_path, gated):
    consent, header = gated
    result = crawl(tmp_path, consent, header, with_options=False)
    db = result.db
    assert db["articles"].count == 0
    walled = errors(db, "walled")
    assert {walled[f"{consent.url}/berita/{n}"] for n in range(3)} == {"consent_wall"}
    picky = errors(db, "picky")
    assert picky[f"{header.url}/"] == "http_403"
    # no cookie went anywhere; the run summary names the source with consent walls
    assert not any("Cookie" in r.headers for r in consent.requests + header.requests)
    assert "walled: fetched" in result.log and "3 consent_wall" in result.log
    outcomes = dict(
        db.execute(
            "select reason, count(*) from errors where source = 'walled' group by reason"
        ).fetchall()
    )
    assert outcomes == {"consent_wall": 3}


def test_with_cookie_and_header_the_articles_come_through(tmp_path, gated):
    consent, header = gated
    result = crawl(tmp_path, consent, header, with_options=True)
    db = result.db
    by_source = dict(db.execute("select source, count(*) from articles group by source").fetchall())
    assert by_source == {"walled": 3, "picky": 3}
    assert not errors(db, "walled") and not errors(db, "picky")
    cookie = "=".join(CONSENT_COOKIE)
    # the cookie went to the walled site's requests only, the header to the picky site's
    pages = [r for r in consent.requests if r.path != "/robots.txt"]
    assert pages and all(r.headers.get("Cookie") == cookie for r in pages)
    assert not any("Cookie" in r.headers for r in header.requests)
    header_pages = [r for r in header.requests if r.path != "/robots.txt"]
    assert all(r.headers["Accept-Language"] == "id-ID,id;q=0.9" for r in header_pages)
    assert not any(r.headers.get("Accept-Language", "").startswith("id") for r in consent.requests)
    stats = db.execute("select stats from crawl_runs").fetchone()[0]
    assert '"news/fetch/cookies"' in stats and '"news/fetch/headers"' in stats
    config = db.execute("select config from sources where name = 'walled'").fetchone()[0]
    assert '"cookies": ["cookie_consent"]' in config and "accepted" not in config
