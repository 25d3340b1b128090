"""Re-key an archive after the canonical URL rules changed (data migration 4).

An article's id is ``article_id(canonical_url)``: when ``pipelines.urls.canonicalize_url``
changes (issue 15: w3lib's rules, IDNA hosts, dot segments, more trackers), the next
crawl would compute other ids and other frontier URLs, fetch known articles again as
new ones and leave the old rows behind. ``rekey(db)`` brings the stored ids and URLs
to the current rules, in the caller's transaction:

- ``articles``: ``canonical_url`` in the current form and ``id`` from it (an id that
  was not made from the article's URL is left alone). Two articles
  that the new rules make one (``?xtor=RSS-1`` and ``?xtor=RSS-2``) are merged into
  the first seen: the other's versions and its current text (when it differs) join the
  survivor's history in fetch order (``cause = 'merge'``, diffs recomputed), its
  captures, frontier rows and translations point to the survivor.
- Every table holding an article id follows: ``article_versions``, ``captures``,
  ``known_urls.article_id``, ``article_urls``, ``translations``, ``minhashes``,
  ``boilerplate.article_ids``, ``articles.cluster_id``. The full-text index
  (``articles_search``, and ``articles_fts`` too before schema version 7) is keyed by
  rowid, which does not change.
- Every column holding a canonical URL is re-canonicalised: ``known_urls.url`` (two
  rows that become one keep the latest visit, visits and failures added up),
  ``translations.url``, ``article_urls.url``, ``articles.hreflang``.

URLs kept as records of what was fetched (``articles.url``, ``captures.url``,
``errors.url``, ``warc_records.url``) are left as they are (``run_requests.url``
too: migration 6 folds that table into ``known_urls`` under the new rules).
A form the old rules lost information in (``%2F`` decoded to ``/``) cannot be undone;
the next crawl fetches the ``%2F`` URL, and if its text is the archived article's,
``pipelines.archive.dedupe`` records it as a duplicate of it rather than a new article.
Settings read: none.
"""

from __future__ import annotations

import json
from typing import Any

from pipelines.archive.versions import version_diff
from pipelines.urls import article_id, canonicalize_url


def recanonical(url: str | None) -> str | None:
    """``url`` in the current canonical form (unchanged if it cannot be parsed)."""
    if not url:
        return url
    try:
        return canonicalize_url(url)
    except ValueError:
        return url


def rekey(db: Any) -> int:
    """Bring ids and canonical URLs to the current rules; returns the rows changed."""
    changed = 0
    mapping = _article_ids(db)
    if mapping:
        changed += _rekey_articles(db, mapping)
    changed += _known_urls(db)
    changed += _translations(db)
    changed += _article_urls(db)
    db.execute("DROP TABLE IF EXISTS temp.rekey")
    return changed


def _article_ids(db: Any) -> dict[str, str]:
    """old id → new id, for the articles whose id changes (earliest first seen first)."""
    mapping = {}
    rows = db.execute(
        "SELECT id, canonical_url, url FROM articles ORDER BY first_seen, rowid"
    ).fetchall()
    for old, canonical, url in rows:
        if old not in (article_id(canonical or ""), article_id(url or "")):
            continue  # an id not made from its URL (imported, made by hand): left as it is
        new_canonical = recanonical(canonical or url)
        new = article_id(new_canonical)
        if canonical != new_canonical:
            db.execute("UPDATE articles SET canonical_url = ? WHERE id = ?", [new_canonical, old])
        if new != old:
            mapping[old] = new
    return mapping


def _rekey_articles(db: Any, mapping: dict[str, str]) -> int:
    ids = {row[0] for row in db.execute("SELECT id FROM articles")}
    # Survivors: the first article seen of each new id (an unchanged id survives as is).
    survivor: dict[str, str] = {new: new for new in ids if new not in mapping}
    order = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY first_seen, rowid")]
    for old in order:
        if old in mapping:
            survivor.setdefault(mapping[old], old)
    losers = {old: survivor[new] for old, new in mapping.items() if survivor[new] != old}
    for loser, kept in losers.items():
        _merge(db, loser, kept)
    # Surviving ids move in two steps, so that no new id meets an old one on the way.
    moving = {old: new for old, new in mapping.items() if old not in losers}
    for old in moving:
        db.execute("UPDATE articles SET id = ? WHERE id = ?", ["~" + old, old])
    for old, new in moving.items():
        db.execute("UPDATE articles SET id = ? WHERE id = ?", [new, "~" + old])
    # Every reference: losers were re-pointed to their survivor's old id by _merge.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS rekey (old TEXT PRIMARY KEY, new TEXT)")
    db.execute("DELETE FROM temp.rekey")
    db.conn.executemany("INSERT INTO temp.rekey VALUES (?, ?)", list(moving.items()))
    new_of = "(SELECT new FROM temp.rekey WHERE old = {0})"
    where = "{0} IN (SELECT old FROM temp.rekey)"
    for table, column in (
        ("article_versions", "article_id"),
        ("captures", "article_id"),
        ("known_urls", "article_id"),
        ("article_urls", "article_id"),
        ("translations", "article_id"),
        ("minhashes", "article_id"),
        ("articles", "cluster_id"),
    ):
        db.execute(
            f"UPDATE {table} SET {column} = {new_of.format(column)} WHERE {where.format(column)}"
        )
    final = {old: moving.get(kept, kept) for old, kept in losers.items()} | moving
    for source, fingerprint, ids_json in db.execute(
        "SELECT source, fingerprint, article_ids FROM boilerplate"
    ).fetchall():
        listed = json.loads(ids_json or "[]")
        remapped = list(dict.fromkeys(final.get(i, i) for i in listed))
        if remapped != listed:
            db.execute(
                "UPDATE boilerplate SET article_ids = ? WHERE source = ? AND fingerprint = ?",
                [json.dumps(remapped), source, fingerprint],
            )
    for row_id, hreflang in db.execute(
        "SELECT id, hreflang FROM articles WHERE hreflang IS NOT NULL"
    ).fetchall():
        links = json.loads(hreflang)
        if isinstance(links, dict):
            canonical = {lang: recanonical(url) for lang, url in links.items()}
            if canonical != links:
                db.execute(
                    "UPDATE articles SET hreflang = ? WHERE id = ?", [json.dumps(canonical), row_id]
                )
    return len(mapping)


def _merge(db: Any, loser: str, kept: str) -> None:
    """Fold the article ``loser`` into ``kept`` (both still under their old ids)."""
    columns = "title, text, content_hash, last_fetched, fetch_count, first_seen"
    lost = db.execute(f"SELECT {columns} FROM articles WHERE id = ?", [loser]).fetchone()
    main = db.execute(f"SELECT {columns} FROM articles WHERE id = ?", [kept]).fetchone()
    history = db.execute(
        "SELECT article_id, fetched_at, title, text, content_hash, cause FROM article_versions "
        "WHERE article_id IN (?, ?)",
        [loser, kept],
    ).fetchall()
    states = [
        (fetched, title, text, digest, cause) for _, fetched, title, text, digest, cause in history
    ]
    if lost[2] != main[2]:  # the loser's current text is not the survivor's
        states.append((lost[3], lost[0], lost[1], lost[2], "merge"))
    states.sort(key=lambda state: state[0] or "")
    db.execute("DELETE FROM article_versions WHERE article_id IN (?, ?)", [loser, kept])
    following = [*states[1:], (None, main[0], main[1], main[2], None)]
    for number, (state, after) in enumerate(zip(states, following, strict=True), start=1):
        fetched, title, text, digest, cause = state
        db.execute(
            "INSERT INTO article_versions (article_id, version, fetched_at, title, text, "
            "content_hash, diff, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [kept, number, fetched, title, text, digest,
             version_diff(title, text, after[1], after[2]),
             "merge" if cause is None else cause],
        )  # fmt: skip
    db.execute(
        "UPDATE articles SET version = ?, fetch_count = coalesce(fetch_count, 0) + ?, "
        "first_seen = min(coalesce(first_seen, ?), ?) WHERE id = ?",
        [len(states) + 1, lost[4] or 0, lost[5], lost[5], kept],
    )
    for table in ("captures", "known_urls", "article_urls", "translations"):
        db.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", [kept, loser])
    db.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", [kept, loser])
    db.execute("DELETE FROM minhashes WHERE article_id = ?", [loser])
    db.execute("DELETE FROM articles WHERE id = ?", [loser])


def _known_urls(db: Any) -> int:
    """Frontier URLs in the current form; two rows that become one are merged."""
    changed = 0
    rows = db.execute("SELECT url FROM known_urls ORDER BY rowid").fetchall()
    for (url,) in rows:
        new = recanonical(url)
        if new == url:
            continue
        changed += 1
        counts = "SELECT last_visit, visits, failures FROM known_urls WHERE url = ?"
        other = db.execute(counts, [new]).fetchone()
        if other is None:
            db.execute("UPDATE known_urls SET url = ? WHERE url = ?", [new, url])
            continue
        this = db.execute(counts, [url]).fetchone()
        later, earlier = (url, new) if (this[0] or "") > (other[0] or "") else (new, url)
        db.execute("DELETE FROM known_urls WHERE url = ?", [earlier])  # the later visit stays
        db.execute(
            "UPDATE known_urls SET url = ?, visits = ?, failures = ? WHERE url = ?",
            [new, (this[1] or 0) + (other[1] or 0), (this[2] or 0) + (other[2] or 0), later],
        )
    return changed


def _translations(db: Any) -> int:
    """Translation URLs in the current form, and the ids they will have."""
    changed = 0
    for row_id, url, current in db.execute(
        "SELECT id, url, article_id FROM translations WHERE url IS NOT NULL AND url != '' "
        "ORDER BY id"
    ).fetchall():
        new = recanonical(url)
        if new == url and current == article_id(new):
            continue
        changed += 1
        if db.execute(
            "SELECT 1 FROM translations WHERE url = ? AND id != ?", [new, row_id]
        ).fetchone():
            db.execute("DELETE FROM translations WHERE id = ?", [row_id])  # the group has it
            continue
        db.execute(
            "UPDATE translations SET url = ?, article_id = ? WHERE id = ?",
            [new, article_id(new), row_id],
        )
    return changed


def _article_urls(db: Any) -> int:
    """Other URLs of articles in the current form; one that is now its article's is dropped."""
    changed = 0
    for url, owner in db.execute("SELECT url, article_id FROM article_urls").fetchall():
        new = recanonical(url)
        own = db.execute("SELECT canonical_url FROM articles WHERE id = ?", [owner]).fetchone()
        if own and own[0] == new and new != url:
            db.execute("DELETE FROM article_urls WHERE url = ?", [url])
            changed += 1
        elif new != url:
            changed += 1
            if db.execute("SELECT 1 FROM article_urls WHERE url = ?", [new]).fetchone():
                db.execute("DELETE FROM article_urls WHERE url = ?", [url])
            else:
                db.execute("UPDATE article_urls SET url = ? WHERE url = ?", [new, url])
    return changed
