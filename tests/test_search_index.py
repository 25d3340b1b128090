"""The one full-text index (``articles_search``, contentless, kept by triggers).

Real archive files: an archive with the two indexes of before schema version 7 (made
with their own statements, below) is migrated and every search that worked still finds
the same articles; updates and deletes through the archive's connection leave the index
exactly what a fresh build would be (term by term, through ``fts5vocab``); a change of
normalisation rebuilds it; a connection without ``search_normalise`` cannot write.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

import pytest
import yaml

from pipelines.archive import migrations, schema, search, store
from pipelines.archive.schema import open_archive

from conftest import ROOT

QUERIES = yaml.safe_load((ROOT / "deploy" / "datasette" / "archive.yml").read_text())["queries"]

# The full-text statements of schema version 5 (pipelines/archive/schema.py before issue 22).
LEGACY_STATEMENTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content=[articles], content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE VIRTUAL TABLE articles_search USING fts5(
        title, text, tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_search_ad AFTER DELETE ON articles BEGIN
        DELETE FROM articles_search WHERE rowid = old.rowid;
    END""",
    """CREATE TRIGGER articles_search_au AFTER UPDATE OF title, text ON articles
    WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
        DELETE FROM articles_search WHERE rowid = old.rowid;
    END""",
]

ARTICLES = {  # id: (language, title, text), written for this test
    "id1": ("id", "Banjir di Kampung Melayu", "Hujan deras semalam membuat sungai meluap. "
            "Warga mengungsi ke balai desa dan petugas membagikan makanan."),
    "id2": ("id", "Panen raya di Klaten", "Petani memanen padi lebih awal karena hujan. "
            "Harga beras di pasar turun minggu ini."),
    "en1": ("en", "Library reopens", "The old library reopened its doors after the flood, "
            "with new shelves and a reading room for children."),
    "fr1": ("fr", "Les élèves à la bibliothèque", "Les élèves de l'école visitent la "
            "bibliothèque municipale chaque jeudi matin."),
    "zh1": ("zh", "台风登陆", "台风今天上午登陆沿海地区，图书馆和学校停课一天。"),
    "ja1": ("ja", "地震の速報", "今朝、地震がありました。図書館の本が床に落ちました。"),
    "ar1": ("ar", "افتتاح المكتبة", "افْتُتِحَتِ الْمَكْتَبَةُ الْجَدِيدَةُ فِي وَسَطِ "
            "الْمَدِينَةِ أَمْسِ."),
}  # fmt: skip

SEARCHES = {  # query: the articles it finds (the same before and after the migration)
    "banjir": {"id1"},
    "hujan": {"id1", "id2"},
    '"sungai meluap"': {"id1"},
    "panen*": {"id2"},
    "title:library": {"en1"},
    "library": {"en1"},
    "eleves": {"fr1"},
    "bibliothèque": {"fr1"},
    "台风": {"zh1"},
    "图书馆": {"zh1"},
    "地震": {"ja1"},
    "図書館": {"ja1"},
    "المكتبة": {"ar1"},
    "الْمَكْتَبَةُ": {"ar1"},
}
PLAIN = [q for q in SEARCHES if q.isascii() or q == "bibliothèque"]  # what articles_fts found


def rows() -> list[dict]:
    return [
        {"id": key, "url": f"https://kabar.example/{key}", "source": "kabar"}
        | {"language": lang, "title": title, "text": text}
        for key, (lang, title, text) in ARTICLES.items()
    ]


def legacy_archive(path) -> None:
    """An archive at schema version 5 with both old indexes filled as the old code did."""
    db = open_archive(path)
    db.execute("DROP TABLE articles_search")
    for name in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER articles_search_{name}")
    db.execute("DROP TABLE search_index")
    for statement in LEGACY_STATEMENTS:
        db.execute(statement)
    db["articles"].insert_all(rows())
    for rowid, title, text in db.execute("SELECT rowid, title, text FROM articles").fetchall():
        db.execute(  # search.index_articles of schema version 5
            "INSERT INTO articles_search (rowid, title, text) VALUES (?, ?, ?)",
            [rowid, search.normalise(title), search.normalise(text)],
        )
    db.execute("PRAGMA user_version = 5")
    db.conn.commit()
    db.close()


def found(conn: sqlite3.Connection, index: str, match: str) -> set[str]:
    sql = f"SELECT a.id FROM {index} s JOIN articles a ON a.rowid = s.rowid WHERE {index} MATCH ?"
    return {row[0] for row in conn.execute(sql, [match])}


def canned(conn: sqlite3.Connection, name: str, q: str) -> list[tuple]:
    sql = QUERIES[name]["sql"]
    empty = dict.fromkeys(re.findall(r":(\w+)", sql), "")  # as Datasette fills them
    return conn.execute(sql, {**empty, "q": q}).fetchall()


def matches_a_fresh_build(db) -> bool:
    """Whether ``articles_search`` holds exactly what indexing ``articles`` afresh gives:
    every term, article, column and position (FTS5's own integrity-check cannot tell
    for a contentless index)."""
    db.execute(
        "CREATE VIRTUAL TABLE temp.fresh USING fts5(title, text, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        "INSERT INTO temp.fresh (rowid, title, text) "
        "SELECT rowid, search_normalise(title), search_normalise(text) FROM articles"
    )
    db.execute(
        "CREATE VIRTUAL TABLE temp.now_terms USING fts5vocab(main, articles_search, instance)"
    )
    db.execute("CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(temp, fresh, instance)")
    sql = "SELECT term, doc, col, offset FROM temp.{} ORDER BY 1, 2, 3, 4"
    same = (
        db.execute(sql.format("now_terms")).fetchall()
        == db.execute(sql.format("fresh_terms")).fetchall()
    )
    for name in ("now_terms", "fresh_terms", "fresh"):
        db.execute(f"DROP TABLE temp.{name}")
    db.execute("INSERT INTO articles_search (articles_search) VALUES ('integrity-check')")
    return same


def test_normalise_folds_arabic_letters_like_its_table():
    # every folded letter, alone, in a word, repeated, and with letters that stay as they are
    for letter, folded in search.FOLDS.items():
        text = f"{letter} ب{letter}ت {letter}{letter} كتب"
        assert search.normalise(text) == text.translate(search.FOLD)
        assert search.normalise(text) == text.replace(letter, folded)
    assert search.normalise("مكتبة أمس في القاهرة إلى") == "مكتبة امس في القاهرة الي"
    assert search.normalise("plain text, no folding") == "plain text, no folding"


def test_normalise_skips_only_the_steps_that_change_nothing():
    """The quick paths (ASCII, nothing to fold after NFKC) give what every step gives."""

    def every_step(text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        text = search.FOLDABLE.sub(search._fold, search.MARKS.sub("", text))
        return search.CJK_RUN.sub(lambda m: f" {search.bigrams(m.group(0))} ", text)

    texts = [
        "plain ascii, nothing to do",
        "café au lait — “quoted”",
        "ﬁnance ＡＢＣ ①",  # NFKC changes these
        "قَرَأَ الكِتَابَ إلى",
        "שָׁלוֹם עולם",
        "東京都の天気 and ソウル 서울",
        "mixed أ with 京",
        "\u0640tatweel\u0640",
    ]
    for text in texts:
        assert search.normalise(text) == every_step(text), text
    assert search.normalise("plain") == "plain"


def test_migration_keeps_every_search_that_worked(tmp_path):
    path = tmp_path / "news.db"
    legacy_archive(path)
    old = sqlite3.connect(path)
    search.register(old)
    before = {q: found(old, "articles_search", search.fts_query(q)) for q in SEARCHES}
    plain = {q: found(old, "articles_fts", q) for q in PLAIN}
    old.close()
    assert before == SEARCHES  # what the old every-script index found
    assert plain == {q: SEARCHES[q] for q in PLAIN}  # and the old plain one

    db = open_archive(path)
    assert migrations.user_version(db) == schema.SCHEMA_VERSION >= 7
    names = set(db.table_names())
    assert "articles_fts" not in names and "articles_fts_data" not in names
    assert "articles_search_content" not in names  # no copy of the texts any more
    triggers = {
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        if "search" in r[0] or "articles_a" in r[0]  # the full-text index's, old and new
    }
    assert triggers == {
        "articles_search_insert",
        "articles_search_update",
        "articles_search_delete",
    }
    after = {q: found(db.conn, "articles_search", search.fts_query(q)) for q in SEARCHES}
    assert after == SEARCHES
    for q, want in SEARCHES.items():  # both canned names, as Datasette runs them
        for name in ("search", "search_all"):
            hits = canned(db.conn, name, q)
            assert {row[0] for row in hits} == want, (name, q)
            if q not in ("banjir", "panen*"):  # in a title only
                assert all("[" in row[5] for row in hits), (q, hits)  # snippet, match marked
    snippet = canned(db.conn, "search", "الْمَكْتَبَةُ")[0][5]
    assert "[الْمَكْتَبَة]" in snippet  # highlighted in the article's own characters
    assert matches_a_fresh_build(db)
    db.close()
    assert migrations.upgrade(open_archive(path), tmp_path) == []  # once only


def test_updates_and_deletes_keep_the_index_exact(tmp_path):
    db = open_archive(tmp_path / "news.db")
    db["articles"].insert_all(rows())
    assert matches_a_fresh_build(db)
    article = {
        "id": "id1", "url": "https://kabar.example/id1", "title": "Banjir surut",
        "text": "Air sudah surut dan warga pulang ke rumah masing-masing.",
        "content_hash": "surut",
    }  # fmt: skip
    assert store.save_article(db, article, "kabar", "2026-01-02T00:00:00Z") == "updated"
    db.execute("UPDATE articles SET text = '台风过后，图书馆重新开放。' WHERE id = 'ja1'")
    db.execute("UPDATE articles SET language = 'ar' WHERE id = 'ar1'")  # not indexed
    db.execute("DELETE FROM articles WHERE id = 'fr1'")
    assert found(db.conn, "articles_search", search.fts_query("surut")) == {"id1"}
    assert found(db.conn, "articles_search", search.fts_query("mengungsi")) == set()
    assert found(db.conn, "articles_search", search.fts_query("台风")) == {"zh1", "ja1"}
    assert found(db.conn, "articles_search", search.fts_query("eleves")) == set()
    assert matches_a_fresh_build(db)
    # the check can fail: an entry deleted with values it was not indexed with
    db.execute(
        "INSERT INTO articles_search (articles_search, rowid, title, text) "
        "VALUES ('delete', (SELECT rowid FROM articles WHERE id = 'en1'), 'library', 'x')"
    )
    assert not matches_a_fresh_build(db)


def test_a_new_normalisation_rebuilds_the_index(tmp_path, monkeypatch):
    path = tmp_path / "news.db"
    db = open_archive(path)
    db["articles"].insert_all(rows())
    db.close()
    monkeypatch.setattr(search, "NORMALISATION", search.NORMALISATION + 1)
    monkeypatch.setattr(search, "normalise", lambda text: (text or "").replace("Banjir", "Bah"))
    db = open_archive(path)  # the triggers and the rebuild use the new normalisation
    assert db.execute("SELECT normalisation FROM search_index").fetchone()[0] == (
        search.NORMALISATION
    )
    assert found(db.conn, "articles_search", "bah") == {"id1"}
    assert found(db.conn, "articles_search", "banjir") == set()
    assert matches_a_fresh_build(db)
    assert not search.ensure_index(db)  # built with it now: no second rebuild


def test_a_connection_without_the_function_cannot_write(tmp_path):
    path = tmp_path / "news.db"
    open_archive(path).close()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.OperationalError, match="no such function: search_normalise"):
        conn.execute("INSERT INTO articles (id, url, source, text) VALUES ('x', 'u', 's', 't')")
    conn.execute("UPDATE articles SET version = 2")  # columns not indexed: no trigger
    conn.close()
