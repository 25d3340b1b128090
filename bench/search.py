"""Full-text indexes for every script: size and query time against the plain index.

    .venv/bin/python bench/search.py [--articles 3000] [--repeat 20]

Builds one archive of ``--articles`` articles (built from the demo site's six
languages: each article is paragraphs of same-language demo stories, shuffled
with a fixed seed), then four copies, each with one index:

- plain: the spine's ``articles_fts`` (unicode61, external content, no extra text);
- trigram: FTS5 ``trigram`` over the same text (external content); a word of
  fewer than three characters falls back to ``LIKE '%word%'`` on the table;
- bigram: ``articles_search`` as shipped until schema version 7 (a normalised copy of
  the text, CJK bigrams, Arabic marks removed, ``fts_query`` on the query; the archive's
  one index now indexes the same normalisation without storing the copy);
- unigram: the same with each CJK character a token and a word a phrase of them.

Prints each index's size (file growth over the bare archive, after VACUUM), its
build time, and per query the hits and the median time over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/sites

from pipelines.archive import search  # noqa: E402

from sites.demo.site import expected_articles  # noqa: E402

QUERIES = [
    ("en word", "harvest"),
    ("fr accented, typed without", "recolte"),
    ("id word", "petani"),
    ("zh 2 chars", "农民"),
    ("zh 4 chars", "地方政府"),
    ("ja 2 chars", "地震"),
    ("ja 3 chars", "県当局"),
    ("ar without diacritics", "المقاطعة"),
    ("ar with diacritics", "الْمُقَاطَعَةِ"),
]


def unigram_normalise(text: str | None) -> str:
    text = search.MARKS.sub("", text or "").translate(search.FOLD)
    return search.CJK_RUN.sub(lambda m: " " + " ".join(m.group(0)) + " ", text)


def unigram_query(word: str) -> str:
    return '"' + " ".join(unigram_normalise(word).split()) + '"'


def corpus(n: int) -> list[tuple[str, str]]:
    by_language: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    for article in expected_articles("http://127.0.0.1"):
        by_language.setdefault(article["language"], []).extend(article["paragraphs"])
        titles.setdefault(article["language"], []).append(article["title"])
    rng = random.Random(4)
    langs = sorted(by_language)
    rows = []
    for i in range(n):
        lang = langs[i % len(langs)]
        paragraphs = rng.sample(by_language[lang], k=min(6, len(by_language[lang])))
        # a quarter of the Arabic articles carry full diacritics on one word
        text = "\n".join(paragraphs)
        if lang == "ar" and i % 4 == 0:
            text = text.replace("المقاطعة", "الْمُقَاطَعَةِ")
        rows.append((rng.choice(titles[lang]), text))
    return rows


def bare_archive(path: Path, rows: list[tuple[str, str]]) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, text TEXT)")
    db.executemany(
        "INSERT INTO articles VALUES (?, ?, ?)", [(f"a{i}", t, x) for i, (t, x) in enumerate(rows)]
    )
    db.commit()
    db.execute("VACUUM")
    db.close()


def build(path: Path, variant: str) -> float:
    db = sqlite3.connect(path)
    start = time.perf_counter()
    if variant in ("plain", "trigram"):
        tokenizer = "unicode61 remove_diacritics 2" if variant == "plain" else "trigram"
        db.execute(
            f"CREATE VIRTUAL TABLE idx USING fts5(title, text, content=articles, "
            f"content_rowid=rowid, tokenize='{tokenizer}')"
        )
        db.execute("INSERT INTO idx (idx) VALUES ('rebuild')")
    else:
        normalise = search.normalise if variant == "bigram" else unigram_normalise
        db.execute(
            "CREATE VIRTUAL TABLE idx USING fts5(title, text, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        rows = db.execute("SELECT rowid, title, text FROM articles").fetchall()
        db.executemany(
            "INSERT INTO idx (rowid, title, text) VALUES (?, ?, ?)",
            [(r, normalise(t), normalise(x)) for r, t, x in rows],
        )
    db.commit()
    elapsed = time.perf_counter() - start
    db.execute("VACUUM")
    db.close()
    return elapsed


def query(db: sqlite3.Connection, variant: str, word: str) -> int:
    if variant == "trigram" and len(word) < 3:
        sql = "SELECT count(*) FROM articles WHERE title LIKE ?1 OR text LIKE ?1"
        return db.execute(sql, [f"%{word}%"]).fetchone()[0]
    q = {
        "plain": f'"{word}"',
        "trigram": f'"{word}"',
        "bigram": search.fts_query(word),
        "unigram": unigram_query(word),
    }[variant]
    return db.execute("SELECT count(*) FROM idx WHERE idx MATCH ?", [q]).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    variants = ["plain", "trigram", "bigram", "unigram"]
    rows = corpus(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.db"
        bare_archive(bare, rows)
        base_size = bare.stat().st_size
        megabytes = base_size / 1e6
        print(f"{len(rows)} articles, bare {megabytes:.2f} MB, SQLite {sqlite3.sqlite_version}")
        print(f"\n{'index':<9} {'size MB':>8} {'x plain':>8} {'build s':>8}")
        sizes, paths = {}, {}
        for variant in variants:
            path = Path(tmp) / f"{variant}.db"
            path.write_bytes(bare.read_bytes())
            seconds = build(path, variant)
            sizes[variant] = path.stat().st_size - base_size
            paths[variant] = path
            ratio = sizes[variant] / sizes["plain"]
            print(f"{variant:<9} {sizes[variant] / 1e6:>8.2f} {ratio:>8.2f} {seconds:>8.2f}")
        print(
            "\nhits / median ms per query (plain cannot split CJK; trigram uses LIKE below 3 chars)"
        )
        print(f"{'query':<28}" + "".join(f"{v:>18}" for v in variants))
        connections = {v: sqlite3.connect(paths[v]) for v in variants}
        for label, word in QUERIES:
            cells = []
            for variant in variants:
                db = connections[variant]
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    hits = query(db, variant, word)
                    times.append(time.perf_counter() - start)
                cells.append(f"{hits:>6} / {statistics.median(times) * 1000:>7.3f}")
            print(f"{label:<28}" + "".join(f"{c:>18}" for c in cells))


if __name__ == "__main__":
    main()
