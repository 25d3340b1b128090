"""Datasette plugin: the archive's metadata for every database that has an ``articles`` table.

``deploy/datasette/archive.yml`` holds what an archive looks like in Datasette (table
facets, descriptions, the search box's full-text index, the canned queries). Keyed
on a database name in ``metadata.yml`` it would only serve a file called ``news.db``;
this plugin gives it (``get_metadata``) to each database whose file has an
``articles`` table, so ``make serve DB=other.db`` keeps every page and query. An
archive with its own block in ``metadata.yml`` still wins (Datasette merges the
local metadata last). ``archives(datasette)`` lists the archive databases.

The articles table page shows a few columns (``SLIM``) unless the address picks
its own (``_col``, ``_nocol``) or asks for all of them (``_allcols=1``); its JSON and
CSV keep every column. Settings read: none.
"""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import yaml
from datasette import hookimpl

ARCHIVE = yaml.safe_load((Path(__file__).parents[1] / "archive.yml").read_text("utf-8"))
SLIM = ("title", "source", "language", "published_at", "authors", "word_count", "url")
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
    # a copy each time: Datasette merges other metadata into what it is given
    return {"databases": {name: copy.deepcopy(ARCHIVE) for name in archives(datasette)}}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def slim_articles(scope, receive, send):
            path = scope.get("path", "") if scope.get("type") == "http" else ""
            parts = path.strip("/").split("/")
            if len(parts) == 2 and parts[1] == "articles":
                query = parse_qsl(scope.get("query_string", b"").decode("utf-8"), True)
                keys = {key for key, _ in query}
                db = datasette.databases.get(parts[0])
                if not keys & {"_col", "_nocol", "_allcols"} and db and is_archive(db):
                    query += [("_col", column) for column in SLIM]
                    scope = {**scope, "query_string": urlencode(query).encode("utf-8")}
            await app(scope, receive, send)

        return slim_articles

    return wrap
