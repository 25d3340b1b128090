"""Datasette plugin: the articles listing's facets, counted on the rows the listing shows first.

Datasette's column facets count every row the listing matches: on an archive of a
million articles each facet reads a million index entries, and the articles table
page has six. Here the articles table's facets are ``bounded`` facets
(``BoundedFacet``, declared in ``deploy/datasette/archive.yml``; a ``_facet=COLUMN``
asked of the articles table becomes ``_facet_bounded=COLUMN``): the same counts, links
and toggles as Datasette's, counted among the first ``FACET_ROWS`` rows of the listing
in its own order (its filters, search and sort applied; ``published_at`` newest first
by default), and the facet says so (``_facet_results.html``). Work per page is bounded
whatever the archive's size; a listing of fewer rows is counted whole. Other tables
keep Datasette's facets. Loaded with ``datasette --plugins-dir deploy/datasette/plugins``.
Settings read: none. Stats: none (a web page).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

FACET_ROWS = 1000  # the listing's first rows that its facets count
TABLE = "articles"


class BoundedFacet(Facet):
    """A column facet over the listing's first ``FACET_ROWS`` rows, in its order."""

    type = "bounded"

    async def order(self) -> str:
        """The listing's ORDER BY, as Datasette's table page makes it: ``_sort`` or
        ``_sort_desc``, else the table's metadata (Datasette has refused a column that
        cannot sort before facets run), then the primary key."""
        args, meta = self.request.args, self.metadata or {}
        if args.get("_sort") or args.get("_sort_desc"):
            sort, sort_desc = args.get("_sort"), args.get("_sort_desc")
        else:
            sort, sort_desc = meta.get("sort"), meta.get("sort_desc")
        keys = await self.ds.get_database(self.database).primary_keys(self.table)
        order = [escape_sqlite(key) for key in keys or ["rowid"]]
        if sort_desc or sort:
            order.insert(0, escape_sqlite(sort_desc or sort) + (" desc" if sort_desc else ""))
        return "order by " + ", ".join(order)

    async def facet_results(self):
        """One query reads the facet columns of the listing's first ``FACET_ROWS`` rows;
        each facet is counted from them, shaped as Datasette's column facets."""
        hideable: dict[str, bool] = {}
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            hideable[column] = hideable.get(column, True) and config["source"] != "metadata"
        if not hideable:
            return [], []
        picked = ", ".join(escape_sqlite(column) for column in hideable)
        sql = f"select {picked} from ({self.sql}) {await self.order()} limit {FACET_ROWS}"
        try:
            rows = (await self.ds.execute(self.database, sql, self.params)).rows
        except QueryInterrupted:
            return [], list(hideable)
        size = self.get_facet_size()
        asked = self.get_querystring_pairs()
        results = []
        for column, can_hide in hideable.items():
            counts = Counter(row[column] for row in rows if row[column] is not None)
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            labels = await self.ds.expand_foreign_keys(
                self.database, self.table, column, [value for value, _ in ranked[:size]]
            )
            key = f"{column}__exact" if column.startswith("_") else column
            values = []
            for value, count in ranked[:size]:
                selected = (key, str(value)) in asked
                toggle = (path_with_removed_args if selected else path_with_added_args)(
                    self.request, {key: str(value) if selected else value}
                )
                values.append(
                    {
                        "value": value,
                        "label": labels.get((column, value), value),
                        "count": count,
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": can_hide,
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_bounded": column})
                    ),
                    "results": values,
                    "truncated": len(ranked) > size,
                    "rows_counted": len(rows),
                    "bounded": len(rows) >= FACET_ROWS,
                }
            )
        return results, []


@hookimpl
def register_facet_classes():
    return [BoundedFacet]


def bounded_query(query: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A listing's query string with each ``_facet=COLUMN`` as ``_facet_bounded=COLUMN``."""
    return [("_facet_bounded" if key == "_facet" else key, value) for key, value in query]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def bounded_facets(scope, receive, send):
            path = scope.get("path", "") if scope.get("type") == "http" else ""
            parts = path.strip("/").split("/")
            if len(parts) == 2 and parts[1] in (TABLE, TABLE + ".json"):
                query = parse_qsl(scope.get("query_string", b"").decode("utf-8"), True)
                if any(key == "_facet" for key, _ in query):
                    scope = {**scope, "query_string": urlencode(bounded_query(query)).encode()}
            await app(scope, receive, send)

        return bounded_facets

    return wrap
