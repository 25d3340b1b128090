"""Datasette plugin: search every script through the ``articles_search`` index.

Registers the SQL functions of ``pipelines.archive.search.register``: ``search_query(q)``
(``safe_query``: the query's words normalised like the index, CJK split into bigrams,
Arabic harakat removed; a blank query matches nothing instead of failing),
``search_normalise(x)`` (what the index's triggers call; Datasette only reads, but a
write through it, such as a writable canned query, would need it), ``search_snippet(text, q)``
(``snippet``: a snippet cut from the article's own text) and ``search_floor(index, q)``
(``rank_floor``: where the ranking of a very common word starts), used by the canned
queries of ``deploy/datasette/archive.yml``; and rewrites the
``_search`` parameter of table pages whose full-text table is
``articles_search`` the same way, so the search box finds a two-character
Chinese word or an Arabic word typed with diacritics.

A search that matches more than ``facets_up_to`` articles (default 50,000) is
shown without facets (``_nofacet``): Datasette would count each facet over every
match and, on a large archive, give up at ``facet_time_limit_ms`` after seconds
spent; the matches are counted first from the index, stopping at the limit.
Loaded with ``datasette --plugins-dir deploy/datasette/plugins``. Settings read:
``plugins: multilingual_search: facets_up_to`` in the metadata.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted

from pipelines.archive import search

TABLES = ("/articles", "/articles.json", "/articles.csv")
FACETS_UP_TO = 50_000  # matches; above, the search page has no facets


@hookimpl
def prepare_connection(conn):
    search.register(conn)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def rewrite_search(scope, receive, send):
            if scope.get("type") == "http" and scope.get("path", "").endswith(TABLES):
                query = parse_qsl(scope.get("query_string", b"").decode("utf-8"), True)
                if any(key == "_search" for key, _ in query):
                    query = [(k, search.fts_query(v) if k == "_search" else v) for k, v in query]
                    if await too_many_for_facets(datasette, scope["path"], dict(query)):
                        query.append(("_nofacet", "1"))
                    scope = {**scope, "query_string": urlencode(query).encode("utf-8")}
            await app(scope, receive, send)

        return rewrite_search

    return wrap


async def too_many_for_facets(datasette, path: str, query: dict[str, str]) -> bool:
    """Whether the table search ``query`` matches more than ``facets_up_to`` articles."""
    limit = int(
        (datasette.plugin_config("multilingual_search") or {}).get("facets_up_to", FACETS_UP_TO)
    )
    try:
        db = datasette.get_database(path.strip("/").split("/")[0])
        sql = (
            "select count(*) from (select 1 from articles_search "
            "where articles_search match :q limit :n)"
        )
        rows = await db.execute(sql, {"q": query["_search"], "n": limit + 1})
    except (KeyError, sqlite3.Error, QueryInterrupted):  # Datasette's own page says why
        return False
    return rows.first()[0] > limit
