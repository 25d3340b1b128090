"""Concurrent readers: sqlite-utils and Datasette read while a crawl writes, without errors."""

from __future__ import annotations

from pipelines.archive.schema import open_archive

from conftest import datasette_server, run_crawl
from readers import datasette_reader, sqlite_reader
from sites.demo.server import SiteServer
from sites.slow import build_slow, slow_sources


def test_readers_never_see_locks_or_half_batches(tmp_path):
    db = tmp_path / "news.db"
    open_archive(db).close()
    with SiteServer(lambda url: build_slow(url, 30, 0.05)) as site, datasette_server(db) as base:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow_sources(site.url), encoding="utf-8")
        readers = [sqlite_reader(db), datasette_reader(base, "news")]
        for reader in readers:
            reader.start()
        result = run_crawl(
            sources, db, "-s", "ARCHIVE_BATCH_SIZE=4", "-s", "ARCHIVE_BATCH_SECONDS=0.2"
        )
        for reader in readers:
            reader.stop()
    assert result.returncode == 0
    assert result.db.table("articles").count == 30
    for reader in readers:
        assert reader.reads > 20
        assert reader.errors == []
