"""Datasette plugin: the archive's metadata for every database that has an ``articles`` table.

``deploy/datasette/archive.yml`` holds what an archive looks like in Datasette (table
facets, descriptions, the search box's full-text index, the canned queries). Keyed
on a database name in ``metadata.yml`` it would only serve a file called ``news.db``;
this plugin gives it (``get_metadata``) to each database whose file has an
``articles`` table, so ``make serve DB=other.db`` keeps every page and query. An
archive with its own block in ``metadata.yml`` still wins (Datasette merges the
local metadata last). ``archives(datasette)`` lists the archive databases (the other
plugins use the same test). Settings read: none.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import yaml
from datasette import hookimpl

ARCHIVE = yaml.safe_load((Path(__file__).parents[1] / "archive.yml").read_text("utf-8"))
_known: set[str] = set()  # database paths found to have an articles table


def is_archive(db) -> bool:
    """Whether a Datasette ``Database`` is a news archive (has ``articles``)."""
    if db.is_memory or not db.path:
        return False
    if db.path in _known:
        return True
    try:
        conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "select 1 from sqlite_master where type = 'table' and name = 'articles'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    if found:
        _known.add(db.path)
    return bool(found)


def archives(datasette) -> list[str]:
    """The names of the databases served that are archives, in Datasette's order."""
    return [name for name, db in datasette.databases.items() if is_archive(db)]


@hookimpl
def get_metadata(datasette, key, database, table):
    return {"databases": {name: ARCHIVE for name in archives(datasette)}}
