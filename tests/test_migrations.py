"""Schema migrations: a spine-made archive (bodies in SQLite) opens and upgrades without loss."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from test_warc import warcio_check

from crawler.distributed import ledger
from pipelines.archive import migrations, store, warc
from pipelines.archive.boilerplate import BoilerplateLearner
from pipelines.archive.reextract import reextract
from pipelines.archive.schema import SCHEMA_VERSION, open_archive
from pipelines.extract.page import extract

from sites.demo.site import build_site, expected_articles

SPINE_SCHEMA = Path(__file__).parent / "fixtures" / "spine_schema.sql"
BASE = "https://kabar.example"


def spine_archive(path: Path) -> dict[str, bytes]:
    """An archive as the spine wrote it: its schema, articles, a version, zlib captures."""
    conn = sqlite3.connect(path)
    conn.executescript(SPINE_SCHEMA.read_text())
    site = build_site(BASE)
    spine_columns = {column[1] for column in conn.execute("PRAGMA table_info(articles)")}
    bodies = {}
    for want in [a for a in expected_articles(BASE) if a["language"] in ("id", "en")][:6]:
        url = want["url"]
        body = site[url.removeprefix(BASE)].body
        article = extract(body, url, encoding="utf-8", fetched_at="2026-03-04T02:00:00+00:00")
        row = {**store.article_row(article, "kabar"), "first_seen": "2026-03-04T02:00:00+00:00"}
        row = {k: v for k, v in row.items() if k in spine_columns}  # the spine's columns only
        row.update(last_fetched=row["first_seen"], fetch_count=1, version=1)
        conn.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        conn.execute(
            "INSERT INTO captures (url, article_id, source, run_id, fetched_at, status, headers, "
            "encoding, body, body_size, digest) "
            "VALUES (?, ?, 'kabar', 1, ?, 200, ?, 'utf-8', ?, ?, ?)",
            [url, article["id"], "2026-03-04T02:00:00+00:00",
             json.dumps({"content-type": "text/html; charset=utf-8"}), zlib.compress(body, 6),
             len(body), hashlib.sha256(body).hexdigest()],
        )  # fmt: skip
        bodies[url] = body
    first = conn.execute("SELECT id, title, text FROM articles LIMIT 1").fetchone()
    conn.execute(
        "INSERT INTO article_versions (article_id, version, fetched_at, title, text, content_hash) "
        "VALUES (?, 1, '2026-03-01T00:00:00+00:00', ?, ?, 'old')",
        [first[0], "Judul lama", first[2].replace("\n", " tambahan\n", 1)],
    )
    conn.execute("UPDATE articles SET version = 2 WHERE id = ?", [first[0]])
    conn.commit()
    conn.close()
    return bodies


def test_spine_archive_upgrades_without_loss(tmp_path):
    path = tmp_path / "news.db"
    bodies = spine_archive(path)
    before = sqlite3.connect(path).execute("SELECT * FROM articles ORDER BY id").fetchall()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION
    captures = list(db["captures"].rows)
    assert len(captures) == 6 and all(c["body"] is None and c["warc_record_id"] for c in captures)
    for capture in captures:
        assert warc.capture_body(db, tmp_path, capture) == bodies[capture["url"]]
    files = list((tmp_path / "warc").glob("migrated-*.warc.gz"))
    assert len(files) == 1
    warcio_check(*files)
    assert db["warc_records"].count == 6
    (version,) = db["article_versions"].rows
    assert version["cause"] == "edit" and "-# Judul lama" in version["diff"]
    assert "tambahan" in version["diff"]
    columns = len(before[0])
    after = [row[:columns] for row in db.execute("SELECT * FROM articles ORDER BY id").fetchall()]
    assert after == before  # the articles themselves are untouched
    db.close()
    db = open_archive(path)  # again: nothing left to migrate, nothing rewritten
    assert list((tmp_path / "warc").glob("*.warc.gz")) == files
    # The moved bodies are the ones extraction needs: re-extraction gives the same text.
    report = reextract(db, learner=BoilerplateLearner(), workers=0)
    assert report.articles == 6, report.lines()
    # Only columns the spine did not have may be filled in; the text is the same.
    assert not {"title", "text", "content_hash"} & set(report.fields), report.lines()


def test_a_failed_migration_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "news.db"
    spine_archive(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE captures SET digest = 'corrupt' WHERE id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(ValueError, match="does not match its digest"):
        open_archive(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM captures WHERE body IS NOT NULL").fetchone()[0] == 6


def test_outcome_ledger_migration_points_duplicates_at_the_archived_article(tmp_path):
    path = tmp_path / "old.db"
    db = open_archive(path)
    db.execute(
        "INSERT INTO articles (id, url, source, title, text) "
        "VALUES ('kept', 'https://k/a', 'kabar', 't', 'x')"
    )
    db.execute(
        "INSERT INTO article_urls (url, article_id, source, kind, first_seen) "
        "VALUES ('https://k/copy', 'kept', 'kabar', 'duplicate', '2026-03-04')"
    )
    rows = [
        ("https://k/copy", "article", "done", "own-id-of-the-copy"),  # the old bug
        ("https://k/a", "article", "done", "kept"),
        ("https://k/kanal/ekonomi", "page", "done", None),
    ]
    for url, kind, state, article_id in rows:
        db.execute(
            "INSERT INTO known_urls (url, source, kind, state, article_id) "
            "VALUES (?, 'kabar', ?, ?, ?)",
            [url, kind, state, article_id],
        )
    db.execute("PRAGMA user_version = 3")
    db.conn.commit()
    db.close()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION
    known = {r["url"]: r for r in db["known_urls"].rows}
    assert known["https://k/copy"]["article_id"] == "kept"
    assert known["https://k/a"]["article_id"] == "kept"
    assert known["https://k/kanal/ekonomi"]["kind"] == "listing"


def test_distributed_ledger_folds_into_known_urls(tmp_path):
    """Migration 6: ``run_requests`` becomes ``known_urls``' requests in flight, then goes."""
    path = tmp_path / "old.db"
    db = open_archive(path)
    db.execute(
        "CREATE TABLE run_requests (run_id INTEGER, url TEXT, source TEXT, via TEXT, seed TEXT, "
        "state TEXT, worker TEXT, queued_at TEXT, done_at TEXT, attempts INTEGER, "
        "PRIMARY KEY (run_id, url))"
    )
    db.execute(
        "INSERT INTO known_urls (url, source, kind, state, outcome, run_id) "
        "VALUES ('https://k/done', 'kabar', 'article', 'done', 'new', 2)"
    )

    def seed(url: str, callback: str = "parse_article") -> str:
        return json.dumps({"url": url, "callback": callback, "meta": {"source": "kabar"}})

    requests = [
        (1, "https://k/old", "done", 1),  # an earlier run: noted, nothing to replay
        (2, "https://k/done", "done", 1),
        (2, "https://k/rss.xml", "queued", 1),  # the run was cut short: still to replay
        (2, "https://k/taken", "queued", 2),
        (2, "https://k/lost", "lost", 3),
    ]
    for run_id, url, state, attempts in requests:
        callback = "parse_feed" if url.endswith(".xml") else "parse_article"
        db.execute(
            "INSERT INTO run_requests (run_id, url, source, via, seed, state, worker, "
            "queued_at, attempts) VALUES (?, ?, 'kabar', 'link', ?, ?, 'w1', '2026-03-04', ?)",
            [run_id, url, seed(url, callback), state, attempts],
        )
    db.execute("PRAGMA user_version = 5")
    db.conn.commit()
    db.close()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION
    assert "run_requests" not in db.table_names()
    known = {r["url"]: r for r in db["known_urls"].rows}
    assert {url: known[url]["requested_run"] for url in known} == {
        "https://k/old": 1,
        "https://k/done": 2,
        "https://k/rss.xml": 2,
        "https://k/taken": 2,
        "https://k/lost": 2,
    }
    assert (
        known["https://k/done"]["request"] is None and known["https://k/done"]["outcome"] == "new"
    )
    assert known["https://k/old"]["request"] is None and known["https://k/old"]["state"] == "queued"
    assert json.loads(known["https://k/taken"]["request"])["url"] == "https://k/taken"
    assert known["https://k/taken"]["attempts"] == 2
    assert known["https://k/rss.xml"]["kind"] == "feed"
    lost = known["https://k/lost"]
    assert (lost["outcome"], lost["reason"], lost["state"], lost["run_id"]) == (
        "error",
        "worker_lost",
        "failed",
        2,
    )
    assert [r["url"] for r in ledger.pending(db, 2)] == ["https://k/rss.xml", "https://k/taken"]
    assert ledger.counts(db, 2) == {"settled": 2, "in_flight": 2}


def test_the_warc_location_moves_out_of_captures_without_loss(tmp_path):
    """Migration 8: ``captures`` as version 7 wrote it (a copy of its record's location)
    keeps only the reference; a capture whose index row a crash lost gets one from its
    record, a body kept in SQLite stays, and ``capture_locations`` answers as before."""
    path = tmp_path / "old.db"
    db = open_archive(path)
    for column in migrations.LOCATION:  # captures as schema version 7 had it
        db.execute(
            f"ALTER TABLE captures ADD COLUMN {column} {'TEXT' if 'file' in column else 'INTEGER'}"
        )
    db.execute("DROP VIEW capture_locations")
    store_ = warc.WarcWriterStore(tmp_path / "warc", tmp_path)
    bodies = {
        f"{BASE}/berita/{n}": f"<html><p>Berita nomor {n}</p></html>".encode() for n in (1, 2)
    }
    rows = {
        url: store_.write_exchange(warc.stored_exchange(url, 200, None, body, None))[0]
        for url, body in bodies.items()
    }
    store_.close()
    indexed = rows[f"{BASE}/berita/1"]  # the other one's index row was lost
    warc.index_rows(db, [indexed], "kabar", 1)
    for url, body in bodies.items():
        row = rows[url]
        store.save_capture(
            db,
            url=url,
            body=body,
            status=200,
            headers={},
            encoding="utf-8",
            fetched_at=row["fetched_at"],
            source="kabar",
            run_id=1,
            warc=row,
        )
        db.execute(
            "UPDATE captures SET warc_file = ?, warc_offset = ?, warc_length = ? WHERE url = ?",
            [row["warc_file"], row["warc_offset"], row["warc_length"], url],
        )
    legacy = b"<html><p>Disimpan di SQLite</p></html>"
    store.save_capture(
        db,
        url=f"{BASE}/berita/3",
        body=legacy,
        status=200,
        headers={},
        encoding="utf-8",
        fetched_at="2026-03-04",
        source="kabar",
        run_id=1,
    )
    before = db.execute(
        "SELECT id, url, warc_file, warc_offset, warc_length, warc_record_id FROM captures "
        "ORDER BY id"
    ).fetchall()
    db.execute("PRAGMA user_version = 7")
    db.conn.commit()
    db.close()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION
    assert not set(migrations.LOCATION) & set(db["captures"].columns_dict)
    after = db.execute(
        "SELECT id, url, warc_file, warc_offset, warc_length, warc_record_id "
        "FROM capture_locations ORDER BY id"
    ).fetchall()
    assert after == before and after[2][2:] == (None, None, None, None)
    lost = next(db.query("select * from warc_records where url = ?", [f"{BASE}/berita/2"]))
    assert lost["record_id"] == rows[f"{BASE}/berita/2"]["record_id"]
    assert (
        lost["type"] == "response" and lost["payload_digest"] == rows[lost["url"]]["payload_digest"]
    )
    for capture in db.query("select * from captures"):
        want = bodies.get(capture["url"], legacy)
        assert warc.capture_body(db, tmp_path, capture) == want
    assert migrations.upgrade(db, tmp_path) == []  # once


def test_the_band_index_loses_its_index_by_item(tmp_path):
    # an archive of schema 8 (lsh_bands indexed by item, a trigger deleting by item) opens at
    # 9 with neither, the same bands, and a deleted signature's bands still go
    import random

    from test_dedupe import article, band_rows, expected_bands, signed

    from pipelines.archive import dedupe
    from pipelines.archive.batch import write_batch

    from sites.demo.synthetic import story

    path = tmp_path / "news.db"
    db = open_archive(path)
    rng = random.Random(4)
    write_batch(db, [signed(article(n, *story(rng))) for n in range(6)], 1, True)
    dedupe.cluster(db)
    with db.conn:
        db.execute("DROP TRIGGER minhashes_retire_ad")
        db.execute("DROP TRIGGER minhashes_retire_au")
        db.execute("DROP TABLE lsh_retired")
        db.execute("CREATE INDEX lsh_bands_item ON lsh_bands (item)")
        db.execute(
            "CREATE TRIGGER minhashes_bands_ad AFTER DELETE ON minhashes BEGIN "
            "DELETE FROM lsh_bands WHERE item = old.rowid; END"
        )
        db.execute("PRAGMA user_version = 8")
    before = band_rows(db)
    db.close()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "lsh_bands_item" not in names and "minhashes_bands_ad" not in names
    assert {"lsh_retired", "minhashes_retire_ad"} <= names
    assert band_rows(db) == before == expected_bands(db) and len(before) == 6 * 37
    with db.conn:
        db.execute("DELETE FROM articles WHERE id = ?", [article(0, "", "")["id"]])
    dedupe.cluster(db)
    assert band_rows(db) == expected_bands(db) and len(band_rows(db)) == 5 * 37


def test_title_affixes_are_counted_from_the_archived_titles(tmp_path):
    # an archive of schema 9 (no raw_title, no title_affixes) opens at 10 with every
    # source's title affixes counted and no title changed; the next article that carries
    # the site's name teaches it and cleans the titles archived before
    from pipelines.archive.titles import TitleLearner

    site = "The Alder Valley Evening Ledger"
    path = tmp_path / "news.db"
    db = open_archive(path)

    def entry(n: int, source: str = "ledger") -> dict:
        title = f"Story {n} | {site}" if n % 2 else f"{site} - Story {n}"
        return {"id": f"{n:016x}", "url": f"https://ledger.example/{n}", "title": title,
                "text": f"Text {n}.", "content_hash": f"{n}"}  # fmt: skip

    with db.conn:
        for n in range(1, 8):
            store.save_article(db, entry(n), "ledger", "2026-12-01T00:00:00+00:00")
        store.save_article(db, entry(20), "other", "2026-12-01T00:00:00+00:00")
        db.execute("DROP TABLE title_affixes")
        db.execute("ALTER TABLE articles DROP COLUMN raw_title")
        db.execute("PRAGMA user_version = 9")
    before = [tuple(r) for r in db.execute("SELECT id, title, content_hash FROM articles")]
    db.close()
    db = open_archive(path)
    assert migrations.user_version(db) == SCHEMA_VERSION == 10
    assert [tuple(r) for r in db.execute("SELECT id, title, content_hash FROM articles")] == before
    counts = db.execute(
        "SELECT source, affix, articles, learned FROM title_affixes "
        "WHERE articles > 1 OR fingerprint = '' ORDER BY source, affix"
    ).fetchall()
    assert counts == [("ledger", None, 7, 0), ("ledger", site, 7, 0), ("other", None, 1, 0)]
    learner = TitleLearner()
    new = entry(8)
    with db.atomic():
        learner.apply(db, new, "ledger", "2026-12-02T00:00:00+00:00")
        store.save_article(db, new, "ledger", "2026-12-02T00:00:00+00:00")
        learner.finish(db)
    titles = dict(db.execute("SELECT id, title FROM articles WHERE source = 'ledger'").fetchall())
    assert titles == {f"{n:016x}": f"Story {n}" for n in range(1, 9)}
    assert learner.drain() == {"learned": 1, "recleaned": 7, "stripped": 1, "affixes": 1}
    assert db.execute("SELECT title FROM articles WHERE source = 'other'").fetchone() == (
        f"{site} - Story 20",
    )
