"""Translation groups: link the language versions of one story, and mark the original.

The page's side is ``pipelines.extract.alternates``. ``record(db, article, source)``:
one ``translations`` row per version (URL) of a story, crawled or not yet (its
``article_id`` is the id it will have once crawled). Versions reached through
overlapping alternate sets share one ``group_id``; groups that turn out to be one story
are merged. A language announced by og:locale:alternate without a URL is a placeholder
row (``url`` empty) until a version in that language is linked. The original is marked
by, in order: what a page says (``translationOfWork``, ``workTranslation``), the
``x-default`` alternate, being the only version without a machine-translation notice,
the site's main language (its most common one in the archive). The main language moves
as a crawl archives more of a site, so a group marked by it early could end up marked
differently in two crawls of the same pages: ``settle(db)``, called when a run closes
(``pipelines.archive.runs.close_run``), marks such groups again with each site's main
language counted then, so the final marks depend on the archive only, not on the order
the pages were written in. Plain functions; no Scrapy. Settings read: none. Stats: none
(``settle`` returns how many groups it marked again)."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlite_utils

from pipelines.archive import sql
from pipelines.extract.language import primary_tag
from pipelines.urls import article_id, canonicalize_url


def members(article: dict[str, Any]) -> tuple[dict[str, tuple[str | None, str | None]], set]:
    """URL -> (language, hreflang tag) of every version, and the x-default URLs."""
    own = article["canonical_url"]
    found: dict[str, tuple[str | None, str | None]] = {own: (article.get("language"), None)}
    x_default: set[str] = set()
    for tag, href in (article.get("hreflang") or {}).items():
        try:
            url = canonicalize_url(href)
        except ValueError:
            continue
        if tag == "x-default":
            x_default.add(url)
        elif url == own:
            found[own] = (article.get("language"), tag)
        else:
            found.setdefault(url, (primary_tag(tag), tag))
    return found, x_default


def group_id_for(urls: list[str]) -> str:
    return hashlib.sha256(min(urls).encode()).hexdigest()[:16]


def record(db: sqlite_utils.Database, article: dict[str, Any], source: str) -> str | None:
    """Record an article's translation group (call inside the batch transaction)."""
    versions, x_default = members(article)
    languages = {lang for lang, _ in versions.values()}
    placeholders = set(article.get("locale_alternates") or []) - languages
    if len(versions) < 2 and not placeholders:
        return None  # a story in one language
    group = merged_group(db, sorted(versions))
    own = article["canonical_url"]
    declared = {article.get("translation_of")} | (
        {own} if article.get("has_translations") else set()
    )
    for url, (lang, tag) in versions.items():
        row = {
            "group_id": group,
            "article_id": article["id"] if url == own else article_id(url),
            "source": source,
            "language": lang,
            "hreflang": tag,
            "url": url,
        }
        save_version(db, row, own, url in x_default, url in declared)
    keep_placeholders(db, group, source, placeholders)
    mark_original(db, group, source)
    return group


def merged_group(db: sqlite_utils.Database, urls: list[str]) -> str:
    """The group of these versions: the first one any of them is in (groups that turn
    out to be one story are merged into it), else a new one."""
    marks = ",".join("?" * len(urls))
    groups = [
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT group_id FROM translations WHERE url IN ({marks}) ORDER BY group_id",
            urls,
        )
    ]
    group = groups[0] if groups else group_id_for(urls)
    if len(groups) > 1:  # two groups were one story
        others = groups[1:]
        in_others = ",".join("?" * len(others))
        db.execute(
            f"UPDATE translations SET group_id = ? WHERE group_id IN ({in_others})",
            [group, *others],
        )
    return group


def save_version(
    db: sqlite_utils.Database, row: dict[str, Any], own: str, x_default: bool, declared: bool
) -> None:
    """Insert or update one version's row; what was once said of it (x-default, declared
    original) stays said."""
    url = row["url"]
    existing = db.execute(
        "SELECT id, x_default, declared_original FROM translations WHERE url = ?", [url]
    ).fetchone()
    row["x_default"] = int(x_default or bool(existing and existing[1]))
    row["declared_original"] = int(declared or bool(existing and existing[2]))
    if existing is None:
        sql.insert(db, "translations", row)
    elif url == own:  # the page itself knows its language and id best
        sql.update(db, "translations", "id", existing[0], row)
    else:
        sql.update(
            db,
            "translations",
            "id",
            existing[0],
            {k: row[k] for k in ("group_id", "x_default", "declared_original")},
        )


def keep_placeholders(
    db: sqlite_utils.Database, group: str, source: str, placeholders: set[str]
) -> None:
    """A row (no URL) for each announced language the group lacks; dropped once a
    version in that language is linked."""
    present = {
        r[0] for r in db.execute("SELECT language FROM translations WHERE group_id = ?", [group])
    }
    for lang in placeholders - present:
        sql.insert(
            db,
            "translations",
            {"group_id": group, "source": source, "language": lang, "hreflang": lang},
        )
    db.execute(
        "DELETE FROM translations WHERE group_id = ? AND url IS NULL AND language IN "
        "(SELECT language FROM translations WHERE group_id = ? AND url IS NOT NULL)",
        [group, group],
    )


_MAIN_LANGUAGE: dict[tuple[int, str], tuple[str | None, int, int]] = {}
MAIN_LANGUAGE_REFRESH = 500  # at most this many look-ups between two counts


def main_language(db: sqlite_utils.Database, source: str) -> str | None:
    """The language most of a source's articles are in.

    Counting scans the source's articles, so it is redone after 1, 2, 4, 8 ... look-ups
    (at most every ``MAIN_LANGUAGE_REFRESH``), not on every call.
    """
    key = (id(db.conn), source)
    language, uses, next_count = _MAIN_LANGUAGE.get(key, (None, 0, 0))
    if uses >= next_count:
        row = db.execute(
            "SELECT language FROM articles WHERE source = ? AND language IS NOT NULL "
            "GROUP BY language ORDER BY count(*) DESC, language LIMIT 1",
            [source],
        ).fetchone()
        language = row[0] if row else None
        next_count = uses + min(max(uses, 1), MAIN_LANGUAGE_REFRESH)
    _MAIN_LANGUAGE[key] = (language, uses + 1, next_count)
    return language


def main_languages(db: sqlite_utils.Database) -> dict[str, str]:
    """Each source with a translation group -> its most common article language now (ties
    to the first language in alphabetical order, as ``main_language``)."""
    rows = db.execute(
        "SELECT source, language, count(*) AS n FROM articles "
        "WHERE language IS NOT NULL AND source IN (SELECT DISTINCT source FROM translations) "
        "GROUP BY source, language ORDER BY source, n DESC, language"
    ).fetchall()
    mains: dict[str, str] = {}
    for source, language, _ in rows:
        mains.setdefault(source, language)
    return mains


def settle(db: sqlite_utils.Database) -> int:
    """Mark again, with each source's main language counted now, the groups whose original
    was chosen by an older count (the original's language is no longer the main one) or
    left unchosen though one version is now in the main language (call inside a
    transaction, at the end of a run). Returns how many groups were marked again."""
    mains = main_languages(db)
    # two scans of the table for every source at once (not one per source): originals
    # chosen by a language that is no longer the main one, and unchosen groups with a
    # version in it
    chosen = db.execute(
        "SELECT group_id, source, language FROM translations "
        "WHERE is_original = 1 AND original_by = 'main-language'"
    ).fetchall()
    unchosen = db.execute(
        "SELECT group_id, source, language FROM translations WHERE group_id NOT IN "
        "(SELECT group_id FROM translations WHERE is_original = 1)"
    ).fetchall()
    groups = {(g, s) for g, s, language in chosen if s in mains and language != mains[s]}
    groups.update((g, s) for g, s, language in unchosen if s in mains and language == mains[s])
    for group, source in sorted(groups):
        mark_original(db, group, source, mains.get(source))
    forget_main_languages(db)
    return len(groups)


def forget_main_languages(db: sqlite_utils.Database) -> None:
    """Drop the counts ``main_language`` keeps for this archive: the next run counts anew."""
    for key in [key for key in _MAIN_LANGUAGE if key[0] == id(db.conn)]:
        del _MAIN_LANGUAGE[key]


def mark_original(
    db: sqlite_utils.Database, group: str, source: str, main: str | None = None
) -> None:
    """Set ``is_original`` and ``original_by`` on the rows of one group (``main``: the
    source's main language, else ``main_language`` counts it)."""
    rows = list(
        db.query(
            "SELECT t.id, t.url, t.language, t.x_default, t.declared_original, "
            "a.machine_translated FROM translations t "
            "LEFT JOIN articles a ON a.id = t.article_id "
            "WHERE t.group_id = ? AND t.url IS NOT NULL",
            [group],
        )
    )
    chosen, reason = None, None
    for name, pick in (
        ("page", [r for r in rows if r["declared_original"]]),
        ("x-default", [r for r in rows if r["x_default"]]),
        ("not-machine-translated", _only_human(rows)),
    ):
        if len(pick) == 1:
            chosen, reason = pick[0]["id"], name
            break
    if chosen is None:
        main = main or main_language(db, source)
        pick = [r for r in rows if main and r["language"] == main]
        if len(pick) == 1:
            chosen, reason = pick[0]["id"], "main-language"
    db.execute(
        "UPDATE translations SET is_original = (id IS ?), "
        "original_by = CASE WHEN id IS ? THEN ? END WHERE group_id = ?",
        [chosen, chosen, reason, group],
    )


def _only_human(rows: list[dict]) -> list[dict]:
    """The crawled versions without a machine-translation notice, if the others have one."""
    crawled = [r for r in rows if r["machine_translated"] is not None]
    human = [r for r in crawled if not r["machine_translated"]]
    return human if len(human) < len(crawled) else []
