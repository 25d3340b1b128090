"""Replay in a real pywb: every article of a crawl opens as the page fetched, not as JSON.

pywb comes from PyPI into a virtualenv of its own (``pywb_server``); the test is skipped
only when the package registry cannot be reached.
"""

from __future__ import annotations

import shutil
import urllib.parse

import pytest

from pipelines.archive import warc
from pipelines.archive.export import export

from pywb_server import RegistryUnreachable, Wayback, pywb_bin


@pytest.fixture(scope="session")
def pywb():
    try:
        return pywb_bin()
    except RegistryUnreachable as exc:
        pytest.skip(f"pywb not installed: {exc}")


def latest_captures(db) -> list[dict]:
    """Each article's latest capture (the page a replay of its URL should show)."""
    return list(
        db.query(
            "SELECT c.* FROM articles a JOIN captures c ON c.id = (SELECT id FROM captures "
            "WHERE article_id = a.id ORDER BY fetched_at DESC, id DESC LIMIT 1) ORDER BY a.id"
        )
    )


def open_every_article(server: Wayback, collection: str, db, base) -> int:
    """Open each article's URL in the collection; returns how many came back as the page."""
    opened = 0
    captures = latest_captures(db)
    for capture in captures:
        body = warc.capture_body(db, base, capture)
        # id_: the newest capture of the URL as archived, no rewriting
        status, kind, got = server.get(f"/{collection}/id_/{capture['url']}")
        assert status == 200 and kind.startswith("text/html"), (capture["url"], status, kind)
        assert got == body, capture["url"]
        # the replay a reader sees: the page (rewritten), not the project's JSON
        status, kind, shown = server.get(f"/{collection}/mp_/{capture['url']}")
        assert status == 200 and kind.startswith("text/html"), (capture["url"], status, kind)
        assert not shown.lstrip().startswith(b"{")
        opened += 1
    return opened


def test_pywb_replays_every_article_as_its_page(pywb, demo_crawl, tmp_path):
    db, base = demo_crawl.db, demo_crawl.path.parent
    files = sorted((base / "warc").glob("*.warc.gz"))
    with Wayback(pywb, tmp_path / "pywb") as server:
        server.manager("init", "news")
        server.manager("add", "news", *map(str, files))
        total = db["articles"].count
        opened = open_every_article(server, "news", db, base)
        print(f"pywb replay: {opened}/{total} articles opened as their HTML page")
        assert opened == total == 48
        # the metadata record is still there, under a URN of its own, naming its response
        meta = next(db.query("SELECT * FROM warc_records WHERE type = 'metadata' LIMIT 1"))
        query = urllib.parse.quote(warc.metadata_uri(meta["url"]), safe="")
        status, _, lines = server.get(f"/news/cdx?url={query}&output=json")
        assert status == 200 and lines.count(b"\n") == 1, lines
        record = warc.read_record(base / meta["warc_file"], meta["warc_offset"])
        assert record.url == warc.metadata_uri(meta["url"])
        assert record.headers["WARC-Refers-To"] == meta["refers_to"]
        assert record.headers["WARC-Concurrent-To"] == meta["refers_to"]
        # the WACZ export replays the same way (pywb takes the package's own index)
        wacz = tmp_path / "news.wacz"
        with open(wacz, "wb") as out:
            assert export(db, "wacz", out) == total
        server.manager("init", "packaged")
        server.manager("add", "--unpack-wacz", "packaged", str(wacz))
        opened = open_every_article(server, "packaged", db, base)
        print(f"pywb replay of the WACZ export: {opened}/{total} articles")
        assert opened == total
    shutil.rmtree(tmp_path / "pywb")
