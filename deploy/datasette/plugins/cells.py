"""Datasette plugin: ids as links and JSON columns as readable lists, in every archive table.

The schema declares no foreign keys (adding them to existing tables means rebuilding
each one, hours and twice the disk on a large archive), so this plugin makes the
links Datasette would have made: ``article_id`` to the article's reading view,
``run_id`` to its crawl run, ``cluster_id`` and ``group_id`` to the articles and
language versions that share them. JSON columns (``authors``, ``credits``, ``tags``,
``notices``, ``sources``; ``counts``, ``stats``, ``cursor``, ``accounting``,
``hreflang``, ``headers``, ``config``, ``workers``, ``members``) are shown as
comma-separated lists or small tables instead of raw JSON (in HTML only: the JSON
and CSV outputs keep the stored values).
Settings read: none.
"""

from __future__ import annotations

import json
from html import escape

from datasette import hookimpl
from markupsafe import Markup

LINKS = {"article_id": "articles", "run_id": "crawl_runs"}
GROUPS = {"cluster_id": "articles", "group_id": "translations"}
LISTS = {"authors", "credits", "tags", "notices", "sources", "article_ids"}
OBJECTS = {"counts", "stats", "cursor", "accounting", "hreflang", "headers", "config",
           "workers", "members", "last_counts", "outcomes"}  # fmt: skip


def as_html(value, depth: int = 0) -> str:
    """A parsed JSON value as compact HTML: lists comma-separated, objects as tables."""
    if isinstance(value, dict):
        if not value:
            return "—"
        rows = "".join(
            f'<tr><th style="text-align:left;padding:0 .5em 0 0;font-weight:normal;'
            f'color:#57606a">{escape(str(k))}</th><td style="padding:0">'
            f"{as_html(v, depth + 1)}</td></tr>"
            for k, v in value.items()
        )
        return f'<table style="border:none;margin:0">{rows}</table>'
    if isinstance(value, list):
        if not value:
            return "—"
        if all(isinstance(v, (dict, list)) for v in value):
            return (
                "<ol style='margin:0;padding-left:1.2em'>"
                + "".join(f"<li>{as_html(v, depth + 1)}</li>" for v in value)
                + "</ol>"
            )
        return ", ".join(as_html(v, depth + 1) for v in value)
    if value is None:
        return "—"
    text = str(value)
    if text.startswith(("http://", "https://")):
        return f'<a href="{escape(text)}" rel="nofollow noreferrer">{escape(text)}</a>'
    return escape(text)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if value is None or value == "" or database is None:
        return None
    if column in LINKS and table != LINKS[column]:
        target = datasette.urls.row(database, LINKS[column], str(value))
        return Markup(f'<a href="{escape(target)}">{escape(str(value))}</a>')
    if column in GROUPS:
        target = datasette.urls.table(database, GROUPS[column]) + f"?{column}={value}"
        return Markup(f'<a href="{escape(target)}">{escape(str(value))}</a>')
    if column in LISTS | OBJECTS and isinstance(value, str) and value[:1] in "[{":
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return Markup(as_html(parsed))
    return None
