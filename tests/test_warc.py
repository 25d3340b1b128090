"""WARC captures: records written, rotated, read back by offset, validated by warcio; crawls."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlite_utils

from pipelines.archive import warc

from conftest import (
    assert_clean_log,
    project_crawler,
    run_archive_pipeline,
    run_crawl,
    write_sources,
)
from sites.demo.site import BROKEN

WARCIO = str(Path(sys.executable).with_name("warcio"))


def exchange(url: str, body: bytes, when: str = "2026-03-04T02:00:00+00:00") -> warc.Exchange:
    return warc.Exchange(
        url=url,
        method="GET",
        request_headers=[("User-Agent", "newsarchive-test"), ("Accept", "text/html")],
        status=200,
        response_headers=[("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"')],
        body=body,
        fetched_at=when,
    )


def warcio_check(*paths: Path) -> None:
    done = subprocess.run([WARCIO, "check", *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def warcio_index(path: Path) -> list[dict]:
    done = subprocess.run([WARCIO, "index", str(path)], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_records_read_back_by_offset_rotate_and_validate(tmp_path):
    store = warc.WarcWriterStore(tmp_path / "warc", tmp_path, max_size=3000)
    bodies = {
        f"https://k.example/berita/{n}": f"<html>{'kata ' * 300}{n}</html>".encode()
        for n in range(6)
    }
    rows = []
    for url, body in bodies.items():
        rows += store.write_exchange(exchange(url, body))
    meta = store.write_metadata(
        "https://k.example/berita/0", {"article": {"title": "Panen"}}, rows[0]["record_id"],
        "2026-03-04T02:00:01+00:00",
    )  # fmt: skip
    first = rows[0]
    again = store.write_exchange(
        exchange(first["url"], bodies[first["url"]], "2026-03-05T02:00:00+00:00"), first
    )
    store.close()
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) > 1 and all(f.stat().st_size < 3000 + 2000 for f in files)  # rotated
    warcio_check(*files)
    for row in rows:
        record = warc.read_record(
            tmp_path / row["warc_file"], row["warc_offset"], row["warc_length"]
        )
        assert record.type == row["type"] and record.url == row["url"]
        if row["type"] == "response":
            assert record.payload == bodies[row["url"]] and record.status == 200
            assert ("ETag", '"v1"') in record.http_headers
            assert row["payload_digest"] == warc.payload_digest(record.payload)
        else:
            assert record.headers["WARC-Concurrent-To"] == row["refers_to"]
    record = warc.read_record(tmp_path / meta["warc_file"], meta["warc_offset"])
    assert json.loads(record.payload) == {"article": {"title": "Panen"}}
    # not a capture of the page for replay tools: a target of its own, linked to the response
    assert record.url == "urn:newsarchive:article:https://k.example/berita/0" != meta["url"]
    assert record.headers["WARC-Refers-To"] == rows[0]["record_id"] == meta["refers_to"]
    assert record.headers["WARC-Concurrent-To"] == rows[0]["record_id"]
    revisit = again[0]
    assert revisit["type"] == "revisit" and revisit["refers_to"] == first["record_id"]
    stored = warc.read_record(tmp_path / revisit["warc_file"], revisit["warc_offset"])
    assert stored.payload == b"" and stored.headers["WARC-Refers-To-Target-URI"] == first["url"]
    index = [entry for f in files for entry in warcio_index(f)]
    types = [entry["warc-type"] for entry in index]
    assert types.count("response") == 6 and types.count("revisit") == 1
    assert types.count("request") == 7 and types.count("metadata") == 1


def test_a_digest_given_is_written_as_warcio_would_compute_it(tmp_path, monkeypatch):
    # the same records, byte for byte, whether the caller gives the body's digest or not
    body = f"<html>{'berita hari ini ' * 200}</html>".encode()
    written = []
    for digest in (None, warc.payload_digest(body)):
        ids = iter(range(1, 100))  # the same record ids in both files
        monkeypatch.setattr(warc.WARCWriter, "_make_warc_id", lambda *a, ids=ids: f"<{next(ids)}>")
        store = warc.WarcWriterStore(tmp_path / str(digest is None), tmp_path)
        rows = store.write_exchange(exchange("https://k.example/a", body), digest=digest)
        rows += store.write_exchange(exchange("https://k.example/b", body))  # not carried over
        store.close()
        records = [warc.read_record(tmp_path / r["warc_file"], r["warc_offset"]) for r in rows]
        written.append([r.headers for r in records])
        assert rows[0]["payload_digest"] == rows[2]["payload_digest"] == warc.payload_digest(body)
    assert written[0] == written[1] and list(written[0][0]) == list(written[1][0])  # in order
    # the digest given is the one written: the body is not hashed a second time
    store = warc.WarcWriterStore(tmp_path / "given", tmp_path)
    (row, _) = store.write_exchange(exchange("https://k.example/c", body), digest="sha1:GIVEN")
    store.close()
    assert row["payload_digest"] == "sha1:GIVEN"


def test_each_gzip_level_writes_the_same_records_in_members_of_their_own(tmp_path, monkeypatch):
    # levels 1-3 are ISA-L's deflate, 4-9 zlib's: the records' bytes are the same, each
    # record is one gzip member that plain zlib reads
    import zlib

    from isal import isal_zlib

    body = f"<html>{'berita hari ini, kabar terkini ' * 400}</html>".encode()
    records, sizes = [], {}
    for level in (1, 2, 3, 6):
        ids = iter(range(1, 100))
        monkeypatch.setattr(warc.WARCWriter, "_make_warc_id", lambda *a, ids=ids: f"<{next(ids)}>")
        store = warc.WarcWriterStore(tmp_path / str(level), tmp_path, level=level)
        rows = store.write_exchange(exchange("https://k.example/a", body))
        store.close()
        path = tmp_path / rows[0]["warc_file"]
        data = path.read_bytes()
        member = data[rows[0]["warc_offset"] : rows[0]["warc_offset"] + rows[0]["warc_length"]]
        inflate = zlib.decompressobj(zlib.MAX_WBITS + 16)
        records.append(inflate.decompress(member))
        assert inflate.eof and not inflate.unused_data  # exactly one member
        assert warc.read_record(path, rows[0]["warc_offset"]).payload == body
        warcio_check(path)
        sizes[level] = rows[0]["warc_length"]
        library = isal_zlib if level <= 3 else zlib
        assert type(warc.compressor(level)) is type(library.compressobj())
    assert records.count(records[0]) == 4
    assert warc.GZIP_LEVEL == 2 and sizes[6] < sizes[1]


def test_a_record_makes_only_the_compressor_of_its_level(tmp_path, monkeypatch):
    # warcio's wrapper would make a level-9 zlib compressor for each record (allocating it
    # costs more than compressing a page at level 2); the writer makes only its own
    import zlib

    made = []
    real = zlib.compressobj
    monkeypatch.setattr(zlib, "compressobj", lambda *a: made.append(a) or real(*a))
    body = b"<html>kabar terkini</html>"
    for level, zlibs in ((2, 0), (6, 3)):  # ISA-L's level, then zlib's: warcinfo + 2
        made.clear()
        store = warc.WarcWriterStore(tmp_path / str(level), tmp_path, level=level)
        rows = store.write_exchange(exchange("https://k.example/a", body))
        store.close()
        assert (
            warc.read_record(tmp_path / rows[0]["warc_file"], rows[0]["warc_offset"]).payload
            == body
        )
        assert len(made) == zlibs and all(args[0] == level for args in made)


def capture_bodies(db: sqlite_utils.Database, base: Path) -> dict[str, bytes]:
    return {c["url"]: warc.capture_body(db, base, c) for c in db["captures"].rows}


def test_a_crawl_captures_every_response_and_revisits_unchanged_ones(
    demo_crawl, demo_server, tmp_path
):
    db, base = demo_crawl.db, demo_crawl.path.parent
    first_run = "where run_id = (select min(run_id) from warc_records)"  # others may recrawl it
    kinds = {
        r["type"]: r["n"]
        for r in db.query(f"select type, count(*) n from warc_records {first_run} group by 1")
    }
    assert kinds["metadata"] == 48 and kinds["request"] == kinds["response"] + kinds.get(
        "revisit", 0
    )
    fetched = {r["url"].split("/", 3)[3] for r in db.query("select url from warc_records")}
    assert {"robots.txt", "rss.xml", "sitemap.xml"} <= fetched  # not only articles
    assert BROKEN and any(u.startswith("berita/9001") for u in fetched)  # error pages too
    captures = list(db.query("select * from capture_locations"))  # the location: warc_records'
    assert len(captures) == 48 and all(c["body"] is None and c["warc_file"] for c in captures)
    for url, body in capture_bodies(db, base).items():
        digest = db.execute("select digest from captures where url = ?", [url]).fetchone()[0]
        assert hashlib.sha256(body).hexdigest() == digest
    files = sorted((base / "warc").glob("*.warc.gz"))
    warcio_check(*files)
    # Crawl again into a copy: unchanged payloads become revisit records, not second copies.
    copy = tmp_path / "copy"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns("*.toml"))
    forget = sqlite_utils.Database(copy / "news.db")
    forget.execute("DELETE FROM known_urls")  # the frontier would skip known articles
    forget.conn.commit()
    forget.close()
    sources = write_sources(tmp_path / "sources.toml", demo_server.url)
    again = run_crawl(sources, copy / "news.db")
    assert again.returncode == 0, again.log[-3000:]
    assert_clean_log(again.log)
    run = next(again.db.query("select max(run_id) r from warc_records"))["r"]
    types = {
        r["type"]: r["n"]
        for r in again.db.query(
            "select type, count(*) n from warc_records where run_id = ? group by 1", [run]
        )
    }
    assert "response" not in types or types["response"] <= 2, types  # only dynamic pages
    assert types["revisit"] >= 48 + 3
    assert again.db["captures"].count == 48  # no second copy of any article page
    new_files = sorted(
        set((copy / "warc").glob("*.warc.gz")) - {copy / "warc" / f.name for f in files}
    )
    assert sum(f.stat().st_size for f in new_files) < sum(f.stat().st_size for f in files) / 2
    warcio_check(*new_files)


def test_index_rows_wait_for_a_busy_archive_and_are_not_lost(tmp_path):
    from scrapy.http import HtmlResponse, Request

    from crawler.middlewares.warc import WarcCaptureMiddleware
    from crawler.run import RunContext

    crawler = project_crawler(ARCHIVE_DB=str(tmp_path / "news.db"))
    crawler.stats.open_spider()
    middleware = WarcCaptureMiddleware.from_crawler(crawler)
    recorder = middleware.recorder
    request = Request("https://k.example/berita/1", meta={"source": "kabar"})
    response = HtmlResponse(request.url, body=b"<html>panen</html>", request=request)
    middleware.process_response(request, response)

    def on_writer_thread(function):  # what the recorder does runs on its thread
        return recorder.thread.submit(function).result()

    # the index is written through the crawl's one archive writer (``crawler.run``)
    RunContext.of(crawler).writer().run(lambda db: db.execute("PRAGMA busy_timeout = 0"))
    other = sqlite3.connect(tmp_path / "news.db")
    other.execute("BEGIN IMMEDIATE")  # another writer holds the archive
    assert on_writer_thread(recorder.flush) is False and len(recorder.pending) == 2
    assert crawler.stats.get_value("news/warc/index_retry") == 1
    other.rollback()
    recorder.close()
    rows = list(sqlite_utils.Database(tmp_path / "news.db")["warc_records"].rows)
    assert [r["type"] for r in rows] == ["response", "request"]
    assert (
        rows[0]["source"] == "kabar"
        and request.meta["warc"].get()["record_id"] == rows[0]["record_id"]
    )


def archive_a_captured_page(tmp_path: Path, *articles: dict) -> tuple[Any, list[list[str]]]:
    """robots.txt and a page captured by the WARC middleware, the page's articles through
    the archive pipeline; returns the recorder and the writer's transactions (statements)."""

    from scrapy.http import HtmlResponse, Request, TextResponse
    from test_pipeline_archive import page

    from crawler.middlewares.warc import WarcCaptureMiddleware
    from crawler.run import RunContext
    from pipelines.items import ArticleItem

    crawler = project_crawler(ARCHIVE_DB=str(tmp_path / "news.db"), ARCHIVE_BATCH_SIZE=10)
    crawler.stats.open_spider()
    middleware = WarcCaptureMiddleware.from_crawler(crawler)
    statements: list[str] = []
    RunContext.of(crawler).writer().run(lambda db: db.conn.set_trace_callback(statements.append))
    robots = Request("https://k.example/robots.txt", meta={"source": "kabar"})
    middleware.process_response(robots, TextResponse(robots.url, body=b"User-agent: *\n"))
    body = b"<html><p>Petani di Wonotirto memanen padi lebih awal.</p></html>"
    request = Request("https://k.example/berita/1/panen", meta={"source": "kabar"})
    middleware.process_response(request, HtmlResponse(request.url, body=body, request=request))
    items = [ArticleItem(found, page(body)) for found in articles]
    for item in items:
        item.page.warc = request.meta["warc"]

    run_archive_pipeline(crawler, items)
    transactions, current = [], None
    for statement in statements:
        if statement.startswith("BEGIN"):
            current = []
        elif statement.startswith(("COMMIT", "ROLLBACK")) and current is not None:
            transactions.append(current + [statement])
            current = None
        elif current is not None:
            current.append(statement)
    return middleware.recorder, transactions


def test_a_batch_indexes_its_pages_records_in_its_own_transaction(tmp_path):
    """The WARC index rows of a batch's pages, and of the records no item stands for
    (robots.txt here), are written in the batch's transaction: one ``BEGIN IMMEDIATE``
    with the capture and the article, none of their own."""
    from test_pipeline_archive import article

    recorder, transactions = archive_a_captured_page(tmp_path, article())
    indexing = [t for t in transactions if any("INTO warc_records" in s for s in t)]
    assert len(indexing) == 1 and any("INTO captures" in s for s in indexing[0])
    assert sum("INTO warc_records" in s for s in indexing[0]) == 4  # robots and page, 2 each
    assert recorder.pending == []
    recorder.close()  # nothing left for the end-of-crawl flush
    db = sqlite_utils.Database(tmp_path / "news.db")
    assert db["warc_records"].count == 4
    (capture,) = db["captures"].rows
    (response,) = db.query(
        "select * from warc_records where type = 'response' and url like '%panen'"
    )
    assert capture["warc_record_id"] == response["record_id"] and response["source"] == "kabar"


def test_a_failed_batch_still_indexes_its_records(tmp_path):
    """A batch that fails (a bad item) rolls its index rows back with it; they are written
    on their own before the items are written one by one, so none is lost."""
    from test_pipeline_archive import article

    bad = article()
    bad["id"] = None  # NOT NULL primary key violated
    recorder, transactions = archive_a_captured_page(tmp_path, bad, article())
    indexing = [t for t in transactions if any("INTO warc_records" in s for s in t)]
    assert [t[-1].startswith("ROLLBACK") for t in indexing] == [True, False]
    assert recorder.pending == []
    recorder.close()
    db = sqlite_utils.Database(tmp_path / "news.db")
    assert db["warc_records"].count == 4 and db["captures"].count == 1
    assert {r["reason"] for r in db["errors"].rows} == {"archive_error"}


def test_a_pending_record_written_already_is_read_without_the_loop(monkeypatch):
    # a done future: no hop from a thread to the event loop (asyncio.wrap_future) to read it
    import asyncio
    from concurrent.futures import Future

    from pipelines.archive.warc import PendingRecord

    done, cancelled, later = Future(), Future(), Future()
    done.set_result({"record_id": "a"})
    cancelled.cancel()

    def no_hop(future: Any) -> Any:
        raise AssertionError("went through the event loop")

    async def read() -> list[Any]:
        monkeypatch.setattr(asyncio, "wrap_future", no_hop)
        rows = [await PendingRecord(done).wait(), await PendingRecord(cancelled).wait()]
        monkeypatch.undo()
        waiting = asyncio.ensure_future(PendingRecord(later).wait())
        await asyncio.sleep(0)
        later.set_result({"record_id": "b"})  # as the writer thread would, later
        return [*rows, await waiting]

    assert asyncio.run(read()) == [{"record_id": "a"}, None, {"record_id": "b"}]
