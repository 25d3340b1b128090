"""Rendering in a real headless Chromium: a page whose text a script inserts from a JSON
endpoint is archived with that text; what was fetched and what was rendered are both in
the WARC files; every request the browser makes passes the address guard, and nothing
reaches the refused host (127.0.0.2, known to the crawl as evil.test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.archive import warc

from conftest import assert_books_balance, assert_clean_log, run_crawl
from sites.demo.server import SiteServer
from sites.gated import build_render, forbidden_site, sources

SITE, EVIL = "render.test", "evil.test"
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("render")
    with SiteServer(forbidden_site, host="127.0.0.2") as forbidden:
        evil = forbidden.url.replace("127.0.0.2", EVIL)
        with SiteServer(
            lambda url: build_render(url.replace("127.0.0.1", SITE), evil, stalled=True)
        ) as site:
            base = site.url.replace("127.0.0.1", SITE)
            path = tmp / "sources.toml"
            # no allow_private: the guard is on; only 127.0.0.1 is let through
            cookies = {"cookie_consent": "accepted"}  # set in the browser for the site's host
            path.write_text(
                sources("scripted", base, render=True, cookies=cookies), encoding="utf-8"
            )
            pins = {SITE: "127.0.0.1", EVIL: "127.0.0.2"}
            result = run_crawl(
                path,
                tmp / "news.db",
                "-s", f"DNS_PINS={json.dumps(pins)}",
                "-s", "GUARD_ALLOW_NETWORKS=127.0.0.1/32",
                "-s", "NEWS_RENDER_TIMEOUT=4",
            )  # fmt: skip
            site.hits["requests"] = site.requests  # type: ignore[assignment]
            yield result, base, evil, dict(site.hits), dict(forbidden.hits)


def test_script_built_pages_are_archived_with_their_text(rendered):
    result, base, _evil, hits, _ = rendered
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    assert_books_balance(result.db, result.log)
    articles = {row["url"]: row for row in result.db.query("select url, title, text from articles")}
    assert set(articles) == {f"{base}/story/{n}" for n in range(3)}
    for n in range(3):
        article = articles[f"{base}/story/{n}"]
        assert f"Story number {n}." in article["text"]
        assert article["title"].endswith(f"({n})")
        assert "Loading" not in article["text"]
        assert hits[f"/api/story/{n}.json"] >= 1  # the browser ran the page's script
    # the source's cookie went with the page and with the script's own requests
    asked = [r for r in hits["requests"] if r.path.startswith(("/story/", "/api/story/"))]
    assert asked and all("cookie_consent=accepted" in r.headers.get("Cookie", "") for r in asked)
    stats = json.loads(result.db.execute("select stats from crawl_runs").fetchone()[0])
    assert stats["news/render/pages"] >= 3  # the start page and the stories
    assert stats.get("news/render/no_document", 0) == 0
    assert stats["playwright/browser_count"] == 1


def test_a_page_that_never_finishes_rendering_is_recorded(rendered):
    result, base, *_ = rendered
    row = result.db.execute(
        "select reason, detail from errors where url = ?", [f"{base}/stalled"]
    ).fetchone()
    assert row is not None and row[0] == "render_timeout", row
    assert "4000" in row[1]  # NEWS_RENDER_TIMEOUT, in the browser's milliseconds


def test_fetched_and_rendered_are_both_recorded(rendered):
    result, base, *_ = rendered
    db = result.db
    base_dir = warc.archive_base(db)
    url = f"{base}/story/1"
    conversion = db.execute(
        "select record_id, refers_to from warc_records where type = 'conversion' and url = ?",
        [url],
    ).fetchone()
    assert conversion is not None
    rendered_html = warc.read_indexed(db, base_dir, conversion[0]).payload.decode()
    assert "Story number 1." in rendered_html
    fetched = warc.read_indexed(db, base_dir, conversion[1])
    assert fetched.type == "response" and fetched.status == 200
    assert b"Loading" in fetched.payload and b"Story number" not in fetched.payload
    # the archive's capture of the page is the rendered HTML (re-extraction reads it)
    capture = db.execute(
        "select c.warc_record_id from captures c join articles a on a.id = c.article_id "
        "where a.url = ?",
        [url],
    ).fetchone()
    assert capture[0] == conversion[0]


def test_the_browser_requests_pass_the_guard(rendered):
    result, base, evil, _hits, forbidden_hits = rendered
    assert forbidden_hits == {}  # nothing reached the refused host
    rows = {
        row["url"]: row
        for row in result.db.query(
            "select url, reason, detail from errors where source = ?", ["scripted"]
        )
    }
    socket = "ws" + evil.removeprefix("http") + "/live"
    for url in (f"{evil}/pixel.gif", f"{evil}/track.json", socket):
        row = rows[url]
        assert row["reason"] == "private_address"
        assert f"asked by the rendered page {base}/story/0" in row["detail"]
    stats = json.loads(result.db.execute("select stats from crawl_runs").fetchone()[0])
    assert stats["news/render/refused"] == 3
    # /hop redirects there: interception does not see the hop, the guard proxy does
    assert stats["news/render/proxy_refused"] == 1
    assert stats["news/guard/refused/private_address"] == 4  # 3 intercepted, 1 at the proxy
