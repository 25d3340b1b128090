"""Exports (JSONL, CSV, WARC) through the real ``scrapy export`` command; JSONL round trip."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from test_warc import warcio_check, warcio_index

from pipelines.archive.export import export
from pipelines.archive.search import fts_query

from conftest import ROOT, SCRAPY_STRICT


def scrapy(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", SCRAPY_STRICT, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, input=stdin, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return done


def test_jsonl_export_imports_into_an_equal_archive(demo_crawl, tmp_path):
    db = f"ARCHIVE_DB={demo_crawl.path}"
    exported = scrapy("export", "--format", "jsonl", "-s", db).stdout
    records = [json.loads(line) for line in exported.splitlines()]
    assert len(records) == 48 and all(isinstance(r["authors"], list) for r in records)
    (tmp_path / "export.jsonl").write_bytes(exported)
    restored = tmp_path / "restored.db"
    done = scrapy("import", str(tmp_path / "export.jsonl"), "-s", f"ARCHIVE_DB={restored}")
    assert b"48 articles" in done.stdout
    assert scrapy("export", "-s", f"ARCHIVE_DB={restored}").stdout == exported
    import sqlite_utils

    original = list(demo_crawl.db.query("select * from articles order by id"))
    assert list(sqlite_utils.Database(restored).query("select * from articles order by id")) == (
        original
    )
    hits = sqlite_utils.Database(restored).execute(
        "select count(*) from articles_search where articles_search match ?",
        [fts_query('"' + records[0]["title"].replace('"', "") + '"')],
    )
    assert hits.fetchone()[0] >= 1  # the search index follows the import


def test_a_bad_import_line_writes_nothing(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "url": "https://k.example/1", "source": "k"}\nnot json\n')
    command = [sys.executable, "-c", SCRAPY_STRICT, "import", str(bad),
               "-s", f"ARCHIVE_DB={tmp_path / 'news.db'}"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "line 2" in done.stderr
    import sqlite_utils

    assert sqlite_utils.Database(tmp_path / "news.db")["articles"].count == 0


def test_importing_a_missing_file_creates_no_archive(tmp_path):
    db = tmp_path / "news.db"
    command = [sys.executable, "-c", SCRAPY_STRICT, "import", str(tmp_path / "absent.jsonl"),
               "-s", f"ARCHIVE_DB={db}"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-3000:]
    assert f"error: {tmp_path / 'absent.jsonl'}: No such file" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # no news.db, no WAL, no warc/


def test_csv_and_warc_exports_with_filters(demo_crawl, tmp_path):
    out = io.BytesIO()
    assert export(demo_crawl.db, "csv", out, language="en") == 8
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert len(rows) == 8 and {r["language"] for r in rows} == {"en"}
    assert export(demo_crawl.db, "csv", io.BytesIO(), since="2999-01-01") == 0
    path = tmp_path / "fr.warc.gz"
    with open(path, "wb") as handle:
        assert export(demo_crawl.db, "warc", handle, language="fr", source="demo") == 16
    warcio_check(path)
    types = [entry["warc-type"] for entry in warcio_index(path)]
    assert types.count("response") == 8 and types.count("metadata") == 8


def test_warc_export_of_bodies_kept_in_sqlite(tmp_path):
    from test_pipeline_archive import article, page

    from pipelines.archive.batch import write_batch
    from pipelines.archive.schema import open_archive
    from pipelines.items import ArticleItem

    db = open_archive(tmp_path / "news.db")
    body = b"<!doctype html><html><body><p>Panen raya di Wonotirto.</p></body></html>"
    write_batch(db, [ArticleItem(article(), page(body))], 1, True)  # WARC off: body in SQLite
    path = tmp_path / "legacy.warc.gz"
    with open(path, "wb") as handle:
        assert export(db, "warc", handle) == 1
    warcio_check(path)
    from pipelines.archive.warc import read_record

    record = read_record(path, 0)
    assert record.type == "response" and record.payload == body
    assert record.date == "2026-03-04T02:00:00Z"


def test_wacz_export_is_a_valid_package_of_every_article(demo_crawl, tmp_path):
    import hashlib
    import zipfile

    from pipelines.archive.warc import read_record

    path = tmp_path / "news.wacz"
    done = scrapy(
        "export", "--format", "wacz", "-o", str(path), "-s", f"ARCHIVE_DB={demo_crawl.path}"
    )
    assert b"exported 48 articles as wacz" in done.stderr
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        assert all(i.compress_type == zipfile.ZIP_STORED for i in package.infolist())
        package.extractall(tmp_path / "wacz")
    root = tmp_path / "wacz"
    assert names == {
        "archive/data.warc.gz",
        "indexes/index.cdx",
        "pages/pages.jsonl",
        "datapackage.json",
        "datapackage-digest.json",
    }
    described = json.loads((root / "datapackage.json").read_text())
    assert described["wacz_version"] == "1.1.1" and described["profile"] == "data-package"
    assert {r["path"] for r in described["resources"]} == names - {
        "datapackage.json",
        "datapackage-digest.json",
    }
    for entry in described["resources"]:
        data = (root / entry["path"]).read_bytes()
        assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    digest = json.loads((root / "datapackage-digest.json").read_text())
    assert (
        digest["hash"]
        == "sha256:" + hashlib.sha256((root / "datapackage.json").read_bytes()).hexdigest()
    )
    warc = root / "archive" / "data.warc.gz"
    warcio_check(warc)
    # pages: every article, at its latest capture's URL and WARC time
    header, *pages = [json.loads(line) for line in (root / "pages/pages.jsonl").open()]
    assert header["format"] == "json-pages-1.0"
    articles = {r["id"]: r for r in demo_crawl.db.query("select id, title from articles")}
    assert len(pages) == 48 and {p["id"] for p in pages} == set(articles)
    assert all(p["title"] == articles[p["id"]]["title"] and p["ts"].endswith("Z") for p in pages)
    # the index: sorted CDXJ, one line per response record, each pointing at it
    lines = (root / "indexes/index.cdx").read_text().splitlines()
    assert lines == sorted(lines) and len(lines) == 48
    indexed = set()
    for line in lines:
        urlkey, timestamp, fields = line.split(" ", 2)
        entry = json.loads(fields)
        assert entry["filename"] == "data.warc.gz"
        record = read_record(warc, int(entry["offset"]), int(entry["length"]))
        assert record.type == "response" and record.url == entry["url"]
        assert record.date.replace("-", "").replace(":", "").replace("T", "")[:14] == timestamp
        assert entry["mime"] == "text/html" and entry["status"] == "200"
        indexed.add((entry["url"], record.date))
    assert {(p["url"], p["ts"]) for p in pages} <= indexed
    types = [entry["warc-type"] for entry in warcio_index(warc)]
    assert types.count("response") == 48 and types.count("metadata") == 48


def test_importing_a_missing_file_makes_no_archive(tmp_path):
    command = [sys.executable, "-c", SCRAPY_STRICT, "import", str(tmp_path / "nosuch.jsonl"),
               "-s", f"ARCHIVE_DB={tmp_path / 'news.db'}"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "nosuch.jsonl" in done.stderr
    assert not (tmp_path / "news.db").exists()
