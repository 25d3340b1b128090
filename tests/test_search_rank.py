"""Bounded ranking: the canned search queries stay fast on a very common word and
still rank it well (the best of its newest matches), a rare word fully ranked.

A real archive file (``open_archive``) of RANK_WITHIN + 300 short articles, the
canned queries' SQL read from ``deploy/datasette/archive.yml`` and run with the SQL
functions the Datasette plugin registers (``search.register``).
"""

from __future__ import annotations

import re
import sqlite3

import pytest
import yaml

from pipelines.archive import search
from pipelines.archive.schema import open_archive

from conftest import ROOT

ARCHIVE = yaml.safe_load((ROOT / "deploy" / "datasette" / "archive.yml").read_text())
QUERIES = ARCHIVE["queries"]
TOTAL = search.RANK_WITHIN + 300
FILLER = ["sungai", "jembatan", "pasar", "sekolah", "kantor", "jalan", "hujan", "kota", "desa"]


def text_of(i: int) -> str:
    """Article i: the common word ``padi`` 1-5 times among 5-40 filler words; the
    oldest article has it 30 times (the best match of all), article 2 the rare word,
    articles 10-39 the word ``jagung`` (old, fewer matches than the bound)."""
    hits = 30 if i == 1 else 1 + (i * 7) % 5
    words = ["padi"] * hits + [FILLER[(i + k) % len(FILLER)] for k in range(5 + (i * 13) % 36)]
    if i == 2:
        words.append("langka")
    if 10 <= i < 40:
        words += ["jagung"] * (1 + i % 4)
    if i % 3 == 0:
        words.append("mulai")  # in a third of the articles: found with FTS5 syntax below
    return " ".join(words)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("rank") / "news.db"
    db = open_archive(path)
    rows = [
        {"id": f"a{i:05d}", "url": f"https://kabar.example/{i}", "source": "kabar"}
        | {"title": f"Berita {i}", "text": text_of(i)}
        for i in range(1, TOTAL + 1)
    ]
    with db.atomic():
        db["articles"].insert_all(rows, batch_size=500)  # indexed by the triggers
    db.close()
    conn = sqlite3.connect(path)
    search.register(conn)
    yield conn
    conn.close()


def canned(conn: sqlite3.Connection, name: str, q: str, page: str = "") -> list[str]:
    sql = QUERIES[name]["sql"]
    empty = dict.fromkeys(re.findall(r":(\w+)", sql), "")  # as Datasette fills them
    rows = conn.execute(sql, {**empty, "q": q, "page": page}).fetchall()
    return [row[0] for row in rows]


def full_ranking(conn: sqlite3.Connection, index: str, match: str) -> list[tuple[str, int]]:
    """Every match ranked by bm25, best first, as (id, rowid): no bound."""
    sql = (
        f"SELECT articles.id, articles.rowid FROM {index} JOIN articles "
        f"ON articles.rowid = {index}.rowid WHERE {index} MATCH ? ORDER BY bm25({index})"
    )
    return conn.execute(sql, [match]).fetchall()


@pytest.mark.parametrize(
    "name,index", [("search", "articles_search"), ("search_all", "articles_search")]
)
def test_common_word_ranked_among_its_newest_matches(archive, name, index):
    ranked = full_ranking(archive, index, "padi")
    assert len(ranked) == TOTAL
    newest = TOTAL - search.RANK_WITHIN  # rowids above this are the bound's matches
    best_newest = [article for article, rowid in ranked if rowid > newest]
    assert canned(archive, name, "padi") == best_newest[:20]
    assert canned(archive, name, "padi", page="2") == best_newest[20:40]
    # the best match of all is older than the bound: documented, not found
    assert ranked[0][0] == "a00001" and "a00001" not in best_newest


@pytest.mark.parametrize(
    "name,index", [("search", "articles_search"), ("search_all", "articles_search")]
)
def test_rare_words_are_ranked_in_full(archive, name, index):
    assert canned(archive, name, "langka") == ["a00002"]
    ranked = [article for article, _ in full_ranking(archive, index, "jagung")]
    assert len(ranked) == 30
    assert canned(archive, name, "jagung") + canned(archive, name, "jagung", "2") == ranked
    both = canned(archive, name, "padi AND langka")  # FTS5 syntax narrows past the bound
    assert both == ["a00002"]


def test_rank_floor(archive):
    rowids = [r[0] for r in archive.execute("SELECT rowid FROM articles ORDER BY rowid")]
    index = "articles_search"
    assert search.rank_floor(archive, index, "padi") == rowids[-search.RANK_WITHIN]
    assert search.rank_floor(archive, index, "padi", within=1) == rowids[-1]
    assert search.rank_floor(archive, index, "mulai", within=10) == 3 * (TOTAL // 3 - 9)
    assert search.rank_floor(archive, index, "jagung") == 0  # fewer: all ranked
    assert search.rank_floor(archive, index, "") == 0
    for other in ("articles; DROP TABLE articles", "articles_fts"):  # articles_fts: gone
        with pytest.raises(ValueError, match="not a full-text index"):
            search.rank_floor(archive, other, "padi")


def test_a_bad_query_gets_the_fts5_error(archive):
    assert search.rank_floor(archive, "articles_search", "padi AND") == 0
    with pytest.raises(sqlite3.OperationalError, match="fts5: syntax error"):
        canned(archive, "search", "padi AND")


def test_descriptions_state_the_bound():
    for name in ("search", "search_all"):
        assert f"{search.RANK_WITHIN:,}" in QUERIES[name]["description"]
        assert "search_floor(" in QUERIES[name]["sql"]


def test_listing_facets_read_the_listing_in_order(archive):
    """The articles listing's facets (``bounded``: the first 1,000 rows of the listing,
    plugins/listing.py's SQL shape) read those rows through the index of the listing's
    order, filtered by a facet value or not, never sorting every row the filter keeps."""
    columns = [facet["bounded"] for facet in ARCHIVE["tables"]["articles"]["facets"]]
    for where in ("", "where source = 'kabar'", "where language = 'id'"):
        sql = (
            f"select {', '.join(columns)} from (select * from articles {where}) "
            "order by published_at desc, id limit 1000"
        )
        plan = " ".join(row[3] for row in archive.execute("EXPLAIN QUERY PLAN " + sql))
        assert re.search(r"INDEX idx_articles_\w*published_at", plan), (where, plan)
        assert "TEMP B-TREE FOR ORDER BY" not in plan, (where, plan)  # only its right part
