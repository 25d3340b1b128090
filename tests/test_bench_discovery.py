"""bench/discovery.py's own parts: its loopback sites and its reading of outcomes.

The sites serve a tiny corpus the test writes (tests/sites/corpus_fixture.py) at the
pages' original paths, query parameters in any order; ``outcomes`` reads one outcome
per URL from a real archive. The whole bench (with its crawl) runs in
tests/test_readme.py, on the same corpus.
"""

from __future__ import annotations

import html
import sys
import urllib.error
import urllib.request

import pytest

from pipelines.archive.schema import atomic, open_archive

from conftest import ROOT
from sites.corpus_fixture import write_corpora

sys.path.insert(0, str(ROOT / "bench"))

import discovery  # noqa: E402
from corpora import wcxb_pages  # noqa: E402


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture
def pages(tmp_path):
    _traf, wcxb = write_corpora(tmp_path)
    return list(wcxb_pages(wcxb))


def test_pages_with_one_url_go_to_different_sites(pages):
    sites = discovery.pack(pages, 1)
    assert len(sites) == 2 and sum(map(len, sites)) == len(pages)
    for site in sites:
        keys = [discovery.key_of(discovery.served_at(p)) for p in site]
        assert len(keys) == len(set(keys))
    root = next(p for p in pages if p.url == "https://gazette.example/")
    assert discovery.served_at(root) == "/"  # a site's root at its root: its URL is a signal
    assert discovery.key_of("/guides/./tides/") == "/guides/tides/"


def test_sites_serve_the_pages_at_their_paths_and_record_requests(pages):
    servers = discovery.start_sites("wcxb", discovery.pack(pages, 2), 2)
    try:
        assert {s.url.rsplit(":", 1)[1] for s in servers} == {servers[0].url.rsplit(":", 1)[1]}
        assert [s.url.split(":")[1] for s in servers] == ["//127.0.2.1", "//127.0.2.2"]
        served = 0
        for server in servers:
            status, home = fetch(server.url + discovery.HOME)
            assert status == 200
            for page in server.pages.values():
                assert f'href="{html.escape(discovery.served_at(page))}"'.encode() in home
                assert fetch(server.url_of(page)) == (200, page.body())
                served += 1
        assert served == len(pages)
        shop = next(s for s in servers if any("lantern" in p.url for p in s.pages.values()))
        lantern = next(p for p in shop.pages.values() if "lantern" in p.url)
        assert fetch(shop.url + "/lantern?colour=red&id=7") == (200, lantern.body())
        assert fetch(shop.url + "/lantern?id=8")[0] == 404
        assert shop.answered[-1] == (shop.url + "/lantern?id=8", 404)
        assert (shop.url + "/lantern?colour=red&id=7", 200) in shop.answered
    finally:
        for server in servers:
            server.stop()


def test_outcomes_before_the_ledger_read_one_outcome_per_url(tmp_path):
    """An archive of the schema without ``known_urls.outcome``: four tables are read."""
    db = open_archive(tmp_path / "news.db")
    base = "http://127.0.2.1:8000"
    with atomic(db):
        db["articles"].insert_all(
            [
                {"id": "a1", "url": f"{base}/a", "source": "s", "text": "words"},
                {"id": "a2", "url": f"{base}/b", "canonical_url": f"{base}/c", "source": "s"},
            ]
        )
        db["article_urls"].insert({"url": f"{base}/d", "article_id": "a1", "kind": "duplicate"})
        db["errors"].insert_all(
            [
                {"url": f"{base}/e", "kind": "skipped", "reason": "not_article"},
                {"url": f"{base}/f", "kind": "failed", "reason": "http_404"},
            ]
        )
        db["known_urls"].insert_all(
            [
                {"url": f"{base}/g", "kind": "page", "state": "done"},
                {"url": f"{base}/h", "kind": "article", "state": "done"},
                {"url": f"{base}/a", "kind": "page", "state": "done"},
            ]
        )
    found = discovery.table_outcomes(db, [f"{base}/{x}" for x in "abcdefghi"])
    got = {url.rsplit("/", 1)[1]: (o.kind, o.reason, o.article_id) for url, o in found.items()}
    assert got == {
        "a": ("article", "", "a1"),
        "b": ("article", "", "a2"),
        "c": ("article", "", "a2"),
        "d": ("duplicate", "", "a1"),
        "e": ("other", "not_article", None),
        "f": ("error", "http_404", None),
        "g": ("listing", "", None),
        "h": ("none", "known_urls article/done only", None),
        "i": ("none", "no row", None),
    }
    assert found[f"{base}/a"].records == 2  # archived and a done listing: two outcomes
    assert found[f"{base}/b"].records == 1


def test_outcomes_reads_the_ledger_when_the_archive_has_one(tmp_path):
    """An archive with ``known_urls.outcome`` (issue 14) is read from that column alone."""
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "ledger.db")
    base = "http://127.0.2.1:8000"
    rows = {
        "a": ("new", "", "a1"),
        "b": ("not_modified", "", "a2"),
        "c": ("duplicate", "", "a1"),
        "d": ("listing", "many links", None),
        "e": ("other", "product page", None),
        "f": ("error", "http_404", None),
        "g": ("feed", "", None),
        "h": (None, None, None),
    }
    db["known_urls"].insert_all(
        {"url": f"{base}/{x}", "outcome": o, "reason": r, "article_id": a}
        for x, (o, r, a) in rows.items()
    )
    db["errors"].insert({"url": f"{base}/a", "kind": "failed", "reason": "not read"})
    found = discovery.outcomes(db, [f"{base}/{x}" for x in "abcdefghi"])
    got = {url.rsplit("/", 1)[1]: (o.kind, o.reason, o.article_id) for url, o in found.items()}
    assert got == {
        "a": ("article", "", "a1"),
        "b": ("article", "", "a2"),
        "c": ("duplicate", "", "a1"),
        "d": ("listing", "many links", None),
        "e": ("other", "product page", None),
        "f": ("error", "http_404", None),
        "g": ("other", "feed", None),
        "h": ("none", "known_urls without an outcome", None),
        "i": ("none", "no row", None),
    }


def test_outcomes_match_urls_the_archive_recorded_in_another_encoding(tmp_path):
    """The ledger's URL and the bench's are compared in canonical form: percent-encoding
    in either case, an unreserved character escaped or not, query order."""
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "ledger.db")
    base = "http://127.0.2.1:8000"
    db["known_urls"].insert_all(
        [
            {"url": f"{base}/caf%c3%a9/x?b=2&a=1", "outcome": "new", "article_id": "a1"},
            {"url": f"{base}/%7Eeditor/a%2Cb", "outcome": "listing", "reason": "teasers"},
        ]
    )
    wanted = [
        discovery.same_url(f"{base}/café/x?a=1&b=2"),
        discovery.same_url(f"{base}/~editor/a,b"),
    ]
    found = discovery.outcomes(db, wanted)
    assert [found[url].kind for url in wanted] == ["article", "listing"]
