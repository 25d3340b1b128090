"""Full-text search that works in every script: the ``articles_search`` index.

SQLite's ``unicode61`` tokenizer splits on spaces, so Chinese and Japanese text
(no spaces) becomes one token per sentence, and it keeps Arabic short vowels
(harakat), so ``مَكْتَبَة`` and ``مكتبة`` are different words. The archive's one
full-text index, ``articles_search`` (FTS5, unicode61 with Latin diacritics removed,
contentless: it keeps no copy of the text), indexes each article's title and text
as ``normalise`` makes them:

- Chinese, Japanese and Korean runs become overlapping character bigrams
  (``東京都`` → ``東京 京都``; a lone character stays a token), so a two-character
  word is one token and a longer one a phrase of bigrams;
- Arabic harakat, Quranic marks and tatweel are removed and alef variants folded
  (``أ إ آ ٱ`` → ``ا``, ``ى`` → ``ي``); Hebrew points are removed;
- accented Latin letters are folded by the tokenizer itself (``remove_diacritics 2``).

Queries go through ``fts_query(q)``, which applies the same normalisation to the
words of an FTS5 query and leaves its operators alone. Datasette gets it as the
SQL function ``search_query()`` and through the ``_search`` box, both from the
plugin in ``deploy/datasette/plugins``.

Ranking stays fast however common a word is: bm25 scores every match it is asked
to order, so the canned query (``search_all``, and ``search`` its old name, in
``deploy/datasette/archive.yml``) ranks only a word's ``RANK_WITHIN`` most recently
archived matches: ``rank_floor`` (SQL ``search_floor(index, q)``) finds the rowid
of the ``RANK_WITHIN``-th newest match by walking the index backwards, and the
query keeps ``rowid >= search_floor(...)``, a range FTS5 applies before ranking.
A word with fewer matches is ranked in full. ``register(conn)`` adds the SQL
functions to a connection (``open_archive``, the Datasette plugin, the benchmarks).

Snippets come from the article's own text (the index keeps none, and its terms are
normalised):
``snippet(text, q)`` (SQL ``search_snippet``; ``snippet_parts`` for HTML) finds the
query's terms (``query_terms``) in the original through ``fold``, the same
normalisation one character at a time, keeping where each folded character came from
(``folded``), so a CJK or Arabic match is highlighted in the article's characters.
``safe_query`` (SQL ``search_query``) makes a blank query match nothing instead of
failing, and ``explain_error`` turns SQLite's complaint about a query into words.
The index itself is here too: ``INDEX_STATEMENTS`` (the contentless FTS5 table and
the triggers on ``articles`` that keep it, calling ``normalise`` as the SQL function
``search_normalise``), which ``pipelines.archive.schema.ensure_schema`` applies through
``ensure_index`` (rebuilt by ``rebuild_index`` when ``NORMALISATION`` changes), and
``replace_legacy``, migration 7 (the two indexes of older archives replaced by this
one). Plain functions; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from typing import Any

CJK_CHARS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u31f0-\u31ff"
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
MARK_CHARS = r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0591-\u05c7"
MARKS = re.compile(f"[{MARK_CHARS}]")
FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}
# Any character ``normalise`` changes after NFKC: most texts have none, and one scan for
# them saves the three that would change nothing (same output).
CHANGED = re.compile(f"[{MARK_CHARS}{''.join(FOLDS)}{CJK_CHARS}]")
FOLD = str.maketrans(FOLDS)
# The same folding as a pattern: ``str.translate`` with a table looks up every character
# (0.45 ms an article on 263 real ones), this scan finds the few (0.02 ms); same output.
FOLDABLE = re.compile(f"[{''.join(FOLDS)}]")
QUERY_PART = re.compile(r'"[^"]*"\*?|[(),:^+]|[^\s(),:^+"]+')
SYNTAX = {"(", ")", ",", ":", "^", "+"}
OPERATORS = {"AND", "OR", "NOT"}
BAREWORD = re.compile(r"^[\w\u0080-\U0010ffff]+\*?$")
RANK_WITHIN = 5000  # a word's newest matches that bm25 ranks (all of them if fewer)
INDEXES = ("articles_search",)
NORMALISATION = 1  # bump when ``normalise`` changes: the archive's index is rebuilt


def bigrams(run: str) -> str:
    if len(run) < 2:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def _fold(match: re.Match[str]) -> str:
    return FOLDS[match.group(0)]


def normalise(text: str | None) -> str:
    """The searchable form of a text (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():  # NFKC keeps ASCII as it is, and none of it is changed below
        return text
    text = unicodedata.normalize("NFKC", text)
    if not CHANGED.search(text):
        return text
    text = FOLDABLE.sub(_fold, MARKS.sub("", text))
    return CJK_RUN.sub(lambda m: f" {bigrams(m.group(0))} ", text)


def _term(word: str) -> str:
    """One query word or phrase, normalised; CJK becomes a phrase of bigrams."""
    star = word.endswith("*")
    inner = word.rstrip("*").strip('"')
    flat = " ".join(normalise(inner).split())
    if not flat:
        return ""
    if BAREWORD.match(flat) and not CJK_RUN.search(flat) and not word.startswith('"'):
        return flat + ("*" if star else "")
    if CJK_RUN.fullmatch(inner) and len(inner) == 1:
        star = True  # a lone character: any bigram starting with it
    return '"' + flat.replace('"', '""') + '"' + ("*" if star else "")


def fts_query(query: str | None) -> str:
    """An FTS5 query for ``articles_search``: its words normalised like the index."""
    parts = []
    for part in QUERY_PART.findall(query or ""):
        if part in OPERATORS or part in SYNTAX or part == "NEAR":
            parts.append(part)
        else:
            parts.append(_term(part))
    return " ".join(p for p in parts if p)


# articles_search: the one full-text index, over the searchable form of each article's
# title and text (``normalise``: CJK bigrams, Arabic folded). Contentless
# (``content=''``): it stores no copy of the text; snippets are cut from ``articles.text``
# (``snippet``). The triggers keep it exact on every write path, through the SQL
# function ``search_normalise`` that ``open_archive`` registers (``register``): a
# contentless entry is deleted with the very values it was indexed with, so a connection
# that writes titles or texts without the function fails ("no such function") instead of
# corrupting the index. ``search_index`` records the normalisation the index was built
# with; when the code's differs, ``ensure_index`` rebuilds it.
INDEX_STATEMENTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_search USING fts5(
        title, text, content='', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_search (rowid, title, text)
        VALUES (new.rowid, search_normalise(new.title), search_normalise(new.text));
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, text)
        VALUES ('delete', old.rowid, search_normalise(old.title), search_normalise(old.text));
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_update AFTER UPDATE OF title, text ON articles
    WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, text)
        VALUES ('delete', old.rowid, search_normalise(old.title), search_normalise(old.text));
        INSERT INTO articles_search (rowid, title, text)
        VALUES (new.rowid, search_normalise(new.title), search_normalise(new.text));
    END""",
]
# What archives before schema version 7 had instead: a plain index (articles_fts, external
# content on articles) and articles_search holding a normalised copy. Migration 7 drops them.
LEGACY_INDEXES = {
    "trigger": ["articles_ai", "articles_ad", "articles_au", "articles_search_ad",
                "articles_search_au"],
    "table": ["articles_fts", "articles_search"],
}  # fmt: skip


def legacy(db: Any) -> bool:
    """Whether the archive still has the two full-text indexes of before version 7."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN ('articles_fts', 'articles_search')"
    ).fetchall()
    return any(name == "articles_fts" or "content=''" not in sql for name, sql in rows)


def ensure_index(db: Any) -> bool:
    """Create ``articles_search`` and its triggers if missing and rebuild it when it was
    built with another normalisation than ``NORMALISATION``; True if rebuilt.
    An archive with the old two indexes is left to migration 7."""
    if legacy(db):
        return False
    for statement in INDEX_STATEMENTS:
        db.execute(statement)
    row = db.execute("SELECT normalisation FROM search_index WHERE name = 'articles_search'")
    built = row.fetchone()
    if built and built[0] == NORMALISATION:
        return False
    rebuild_index(db)
    return True


def rebuild_index(db: Any) -> int:
    """Index every article afresh (``'delete-all'``, then one pass over ``articles``)."""
    db.execute("INSERT INTO articles_search (articles_search) VALUES ('delete-all')")
    done = db.execute(
        "INSERT INTO articles_search (rowid, title, text) "
        "SELECT rowid, search_normalise(title), search_normalise(text) FROM articles"
    ).rowcount
    db.execute(
        "INSERT OR REPLACE INTO search_index (name, normalisation) VALUES ('articles_search', ?)",
        [NORMALISATION],
    )
    return done


def replace_legacy(db: Any) -> int:
    """Drop the old two indexes and their triggers, build the one index; returns how
    many articles it indexed (migration 7)."""
    if legacy(db):
        for kind, names in LEGACY_INDEXES.items():
            for name in names:
                db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for statement in INDEX_STATEMENTS:
        db.execute(statement)
    return rebuild_index(db)


def rank_floor(
    conn: sqlite3.Connection, index: str, query: str | None, within: int = RANK_WITHIN
) -> int:
    """The rowid of the ``within``-th newest match of ``query`` in ``index``; 0 when
    it has fewer matches (or the query is not valid FTS5: its MATCH says why)."""
    if index not in INDEXES:
        raise ValueError(f"not a full-text index of the archive: {index!r}")
    if not query or within < 1:
        return 0
    sql = f"SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
    try:
        row = conn.execute(sql, [query, within - 1]).fetchone()
    except sqlite3.OperationalError:
        return 0
    return row[0] if row else 0


def register(conn: sqlite3.Connection) -> None:
    """SQL functions ``search_normalise(x)`` (``normalise``: what the index's triggers
    call, so every connection that writes articles needs it), ``search_query(q)``
    (``safe_query``), ``search_snippet(text, q)`` (``snippet``) and
    ``search_floor(index, q)`` (``rank_floor`` on this connection), as the canned
    queries use them."""
    conn.create_function("search_normalise", 1, normalise, deterministic=True)
    conn.create_function("search_query", 1, lambda q: safe_query(q), deterministic=True)
    conn.create_function("search_snippet", 2, snippet, deterministic=True)
    conn.create_function(
        "search_floor", 2, lambda index, q: rank_floor(conn, index, q), deterministic=True
    )


# Snippets from the article's own text. The index is contentless and its terms are
# normalised (bigrams, folded Arabic), so FTS5's ``snippet()`` cannot serve; ``snippet`` finds
# the query's terms in the original text through a character-by-character folding
# that remembers where each folded character came from, and cuts the window there.
LATIN_MARK = re.compile(r"[\u0300-\u036f]")
SNIPPET_WORDS = 32  # about this many words (or CJK characters / 2) around the first match
SNIPPET_CHUNK = 2000  # characters read at a time looking for the first match
SNIPPET_OVERLAP = 200  # so that a match across two chunks is found
SNIPPETS_KEPT = 64  # the last snippets cut, kept (a search page's 20 and its canned query's)


def fold(text: str) -> str:
    """A text as the index compares it: NFKC, marks dropped, folded, lower case."""
    flat = MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(FOLD).lower()
    return LATIN_MARK.sub("", unicodedata.normalize("NFD", flat))


_fold_char = functools.lru_cache(maxsize=65536)(fold)


def folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character its index in ``text``."""
    parts = [_fold_char(char) for char in text]
    origin = [i for i, part in enumerate(parts) for _ in part]
    return "".join(parts), origin


def query_terms(query: str | None) -> list[tuple[str, bool]]:
    """The words and phrases of an FTS5 query, folded: ``(term, prefix)`` pairs; operators,
    column names and syntax left out."""
    parts = QUERY_PART.findall(query or "")
    terms = []
    for i, part in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if part in OPERATORS or part in SYNTAX or part == "NEAR" or nxt == ":":
            continue
        prefix = part.endswith("*")
        inner = " ".join("".join(_fold_char(c) for c in part.rstrip("*").strip('"')).split())
        if inner:
            terms.append((inner, prefix))
    return terms


def _term_pattern(term: str, prefix: bool) -> str:
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    if CJK_RUN.search(term):
        return body  # no word boundaries in Chinese and Japanese
    return r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)")


def _spans(text: str, pattern: re.Pattern, offset: int = 0) -> list[tuple[int, int]]:
    """The matches of ``pattern`` (over folded text) in ``text``, as offsets into it
    plus ``offset``, in order, not overlapping."""
    flat = fold(text)
    found: list[tuple[int, int]] | None = None
    if len(flat) == len(text):  # the usual case, fast: offsets are the text's own
        found = [m.span() for m in pattern.finditer(flat) if m.end() > m.start()]
        if not all(fold(text[s:e]) == flat[s:e] for s, e in found):  # checked, else mapped
            found = None
    if found is None:
        flat, origin = folded(text)
        found = [
            (origin[m.start()], origin[m.end() - 1] + 1)
            for m in pattern.finditer(flat)
            if m.end() > m.start()
        ]
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1] - offset:
            spans.append((start + offset, end + offset))
    return spans


def _pattern(query: str | None) -> re.Pattern | None:
    terms = query_terms(query)
    return re.compile("|".join(_term_pattern(t, p) for t, p in terms)) if terms else None


def match_spans(text: str | None, query: str | None) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text``: ``(start, end)`` offsets into the
    original text, in order, not overlapping."""
    pattern = _pattern(query)
    return _spans(text, pattern) if text and pattern else []


def first_match(text: str, pattern: re.Pattern, chunk: int = SNIPPET_CHUNK) -> int | None:
    """Where the first match of ``pattern`` starts in ``text``, reading it a chunk at
    a time (a long article's first match is usually near its start)."""
    for start in range(0, len(text), chunk):
        found = _spans(text[start : start + chunk + SNIPPET_OVERLAP], pattern, start)
        if found:
            return found[0][0]
    return None


def snippet_parts(
    text: str | None, query: str | None, words: int = SNIPPET_WORDS
) -> list[tuple[str, bool]]:
    """A window of ``text`` around its first run of matches, as ``(piece, is_match)``
    pairs in the original characters, "…" marking a cut; the opening when nothing matches.
    The last few are kept (``SNIPPETS_KEPT``): the search page cuts the snippets its canned
    query has just cut in SQL (``search_snippet``)."""
    if not text:
        return []
    return list(_snippet_parts(text, query, words))


@functools.lru_cache(maxsize=SNIPPETS_KEPT)
def _snippet_parts(text: str, query: str | None, words: int) -> tuple[tuple[str, bool], ...]:
    text = " ".join(text.split())
    pattern = _pattern(query)
    anchor = (first_match(text, pattern) if pattern else None) or 0
    cjk = len(CJK_RUN.findall(text[anchor : anchor + 20]))
    # characters: a word of a Latin script with its space, or two CJK characters
    width = words * (3 if cjk else 7)
    start = max(0, anchor - width // 3)
    if start:
        space = text.rfind(" ", 0, start)  # start on a word, if the script has them
        start = space + 1 if anchor - space < width // 2 and space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < width // 4 else end
    spans = _spans(text[start:end], pattern, start) if pattern else []
    parts: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > at:
            parts.append((text[at:s], False))
        parts.append((text[s:e], True))
        at = e
    if at < end:
        parts.append((text[at:end], False))
    if end < len(text):
        parts.append(("…", False))
    return tuple(parts)


def snippet(text: str | None, query: str | None, before: str = "[", after: str = "]") -> str:
    """``snippet_parts`` as one string, matches between ``before`` and ``after`` (as FTS5's
    ``snippet()``, but in the article's own characters); SQL ``search_snippet(text, q)``."""
    return "".join(f"{before}{p}{after}" if hit else p for p, hit in snippet_parts(text, query))


def safe_query(query: str | None) -> str:
    """``fts_query``, or a query matching nothing when ``query`` has no words (so an
    empty search box is no syntax error); SQL ``search_query(q)``."""
    return fts_query(query) or '""'


def explain_error(message: str, query: str) -> str:
    """SQLite's complaint about a search, in words a reader can act on."""
    column = re.search(r"no such column: (\S+)", message)
    if column:
        return (
            f"“{column.group(1)}:” reads as a column name, and only title: and text: are "
            f'columns. To search for the words as typed, put them in double quotes: "{query}".'
        )
    near = re.search(r'syntax error near "(.*)"', message)
    if near:
        where = f"near “{near.group(1)}”" if near.group(1) else "at the end"
        return (
            f"The search could not be read {where}: AND, OR and NOT need a word on both "
            "sides, brackets and quotes must be closed, and a * ends a word. To search for "
            "the words as typed, put them in double quotes."
        )
    return (
        f"The search could not be run ({message}). "
        "Put the words in double quotes to search for them as typed."
    )
