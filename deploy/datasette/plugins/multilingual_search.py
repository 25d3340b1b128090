"""Datasette plugin: search every script through the ``articles_search`` index.

Registers the SQL functions ``search_query(q)`` (``pipelines.search.fts_query``:
the query's words normalised like the index, CJK split into bigrams, Arabic
harakat removed), used by the ``search_all`` canned query, and
``search_floor(index, q)`` (``pipelines.search.rank_floor``: where the ranking of
a very common word starts), used by both search queries; and rewrites the
``_search`` parameter of table pages whose full-text table is
``articles_search`` the same way, so the search box finds a two-character
Chinese word or an Arabic word typed with diacritics. Loaded with
``datasette --plugins-dir deploy/datasette/plugins``. Settings read: none.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from pipelines import search
from pipelines.search import fts_query

TABLES = ("/articles", "/articles.json", "/articles.csv")


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
                    query = [(k, fts_query(v) if k == "_search" else v) for k, v in query]
                    scope = {**scope, "query_string": urlencode(query).encode("utf-8")}
            await app(scope, receive, send)

        return rewrite_search

    return wrap
