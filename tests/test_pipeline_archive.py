"""The archive's write path on a real SQLite file: upserts, versions, captures, errors, FTS."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from pipelines.archive import store
from pipelines.archive.batch import write_batch
from pipelines.archive.schema import TABLES, open_archive
from pipelines.extract.text import content_hash
from pipelines.items import ArticleItem, ErrorItem, PageItem

from conftest import project_crawler, run_archive_pipeline


def article(text: str = "Petani di Wonotirto memanen padi lebih awal.", **extra) -> dict:
    base = {
        "id": "a1b2c3d4e5f60718",
        "url": "https://k.example/berita/1/panen",
        "canonical_url": "https://k.example/berita/1/panen",
        "title": "Panen raya di Wonotirto",
        "authors": ["Budi Santoso"],
        "published_at": "2026-03-04T08:15:00+07:00",
        "language": "id",
        "declared_language": "id",
        "detected_language": "id",
        "language_confidence": 0.99,
        "language_mismatch": False,
        "hreflang": {"en": "https://k.example/en/news/1/harvest"},
        "tags": ["pertanian"],
        "text": text,
        "word_count": len(text.split()),
    }
    base.update(extra)
    base["content_hash"] = content_hash(base["title"], base["text"])
    return base


def page(body: bytes = b"<html>one</html>", fetched_at: str = "2026-03-04T02:00:00+00:00"):
    return PageItem(
        url="https://k.example/berita/1/panen",
        requested_url="https://k.example/berita/1/panen",
        source="kabar",
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},
        body=body,
        encoding="utf-8",
        fetched_at=fetched_at,
        via="feed",
    )


def test_new_unchanged_updated_and_versions(tmp_path):
    db = open_archive(tmp_path / "a.db")
    first = write_batch(db, [ArticleItem(article(), page())], run_id=1, keep_captures=True)
    assert ("kabar", "new") in first and ("kabar", "captures") in first
    same = write_batch(
        db,
        [ArticleItem(article(text="Petani di  Wonotirto\nmemanen padi lebih awal."), page())],
        run_id=2,
        keep_captures=True,
    )  # whitespace-only change: not a new version; same body: no second capture
    assert same == [("kabar", "unchanged")]
    edited = article(text="Petani di Wonotirto memanen padi dua minggu lebih awal.")
    later = page(b"<html>two</html>", "2026-03-05T02:00:00+00:00")
    assert ("kabar", "updated") in write_batch(db, [ArticleItem(edited, later)], 3, True)
    row = db["articles"].get("a1b2c3d4e5f60718")
    assert row["version"] == 2 and row["fetch_count"] == 3
    assert row["first_seen"] == "2026-03-04T02:00:00+00:00"
    assert row["last_fetched"] == "2026-03-05T02:00:00+00:00"
    assert json.loads(row["authors"]) == ["Budi Santoso"]
    assert json.loads(row["hreflang"]) == {"en": "https://k.example/en/news/1/harvest"}
    (old,) = db["article_versions"].rows
    assert old["version"] == 1 and "padi lebih awal" in old["text"]
    assert db["articles"].count == 1 and db["captures"].count == 2
    capture_id = next(db.query("select id from captures order by id desc"))["id"]
    assert store.read_capture(db, capture_id) == b"<html>two</html>"


def test_full_text_search_follows_updates(tmp_path):
    db = open_archive(tmp_path / "a.db")
    write_batch(db, [ArticleItem(article(), page())], 1, False)

    def hits(word: str) -> int:
        sql = "select count(*) from articles_search where articles_search match ?"
        return db.execute(sql, [word]).fetchone()[0]

    assert hits("Wonotirto") == 1 and hits("memanen") == 1
    write_batch(db, [ArticleItem(article(text="Nelayan Wonotirto melaut lagi."), page())], 2, False)
    assert hits("memanen") == 0 and hits("nelayan") == 1
    db.execute("INSERT INTO articles_search (articles_search) VALUES ('integrity-check')")


def test_errors_are_rows(tmp_path):
    db = open_archive(tmp_path / "a.db")
    items = [
        ErrorItem("https://k.example/x", "kabar", "http_404", "HTTP 404", 404),
        ErrorItem(
            "https://k.example/about", "kabar", "not_article", "website", 200, kind="skipped"
        ),
    ]
    assert write_batch(db, items, 7, True) == [("kabar", "failed"), ("kabar", "skipped")]
    rows = list(db.query("select run_id, reason, kind, http_status from errors order by id"))
    assert rows == [
        {"run_id": 7, "reason": "http_404", "kind": "failed", "http_status": 404},
        {"run_id": 7, "reason": "not_article", "kind": "skipped", "http_status": 200},
    ]


def test_a_failing_batch_writes_nothing(tmp_path):
    db = open_archive(tmp_path / "a.db")
    bad = article()
    bad["id"] = None  # NOT NULL primary key violated in the middle of the batch
    good = ErrorItem("https://k.example/x", "kabar", "http_404")
    with pytest.raises(sqlite3.IntegrityError):
        write_batch(db, [good, ArticleItem(bad, page())], 1, False)
    assert db["errors"].count == 0


def test_schema_is_idempotent_and_upgrades_old_archives(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["articles"].insert({"id": "x", "url": "https://k.example/1", "title": "Old"}, pk="id")
    old.close()
    db = open_archive(path)
    db.close()
    db = open_archive(path)  # twice: nothing changes, nothing fails
    assert set(TABLES) <= set(db.table_names())
    assert set(TABLES["articles"]["columns"]) <= set(db["articles"].columns_dict)
    assert db["articles"].get("x")["title"] == "Old"
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_atomic_waits_for_another_writer_instead_of_failing(tmp_path):
    # WAL: a transaction that reads, then writes after another connection committed,
    # fails at once with "database is locked" (busy timeout or not). atomic() takes
    # the write lock as it begins, so the other writer waits for it instead.
    import threading

    from pipelines.archive.schema import atomic

    path = tmp_path / "a.db"
    first = open_archive(path)

    def other_writer(done: threading.Event) -> None:
        second = open_archive(path)  # busy timeout 30 s
        with atomic(second):
            second.execute("INSERT INTO errors (url, reason) VALUES ('https://k.example/b', 'b')")
        second.close()
        done.set()

    def read_then_write(transaction) -> None:
        done = threading.Event()
        with transaction(first):
            first.execute("SELECT count(*) FROM errors").fetchone()  # a read snapshot
            thread = threading.Thread(target=other_writer, args=(done,))
            thread.start()
            done.wait(0.5)  # the other writer commits meanwhile, unless it has to wait
            first.execute("INSERT INTO errors (url, reason) VALUES ('https://k.example/a', 'a')")
        thread.join()

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        read_then_write(lambda db: db.atomic())  # sqlite-utils' deferred BEGIN
    read_then_write(atomic)
    assert sorted(r["reason"] for r in first["errors"].rows) == ["a", "b", "b"]


def test_a_bad_item_costs_only_itself(tmp_path):
    # A batch that fails is written item by item: the good items are archived, the bad
    # one becomes an archive_error row, and the stats say so.
    db_path = tmp_path / "a.db"
    crawler = project_crawler(ARCHIVE_DB=str(db_path), ARCHIVE_BATCH_SIZE=10)
    crawler.stats.open_spider()
    bad = article()
    bad["id"] = None  # NOT NULL primary key violated
    items = [
        ErrorItem("https://k.example/x", "kabar", "http_404"),
        ArticleItem(bad, page()),
        ArticleItem(article(), page()),
    ]

    run_archive_pipeline(crawler, items)
    db = sqlite_utils.Database(db_path)
    assert [r["id"] for r in db["articles"].rows] == ["a1b2c3d4e5f60718"]
    reasons = {r["reason"]: r for r in db["errors"].rows}
    assert set(reasons) == {"http_404", "archive_error"}
    assert "IntegrityError" in reasons["archive_error"]["detail"]
    assert reasons["archive_error"]["url"] == "https://k.example/berita/1/panen"
    stats = crawler.stats.get_stats()
    assert stats["news/archive/batch_failed"] == 1 and stats["news/archive/item_failed"] == 1
    assert stats["news/archive/new"] == 1
