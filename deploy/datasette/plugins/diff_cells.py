"""Datasette plugin: show `diff` columns (article_versions, the `edits` query) as coloured diffs.

Loaded with ``datasette serve --plugins-dir deploy/datasette/plugins`` (as
``make serve`` does). Lines added are green, lines removed red; everything is
HTML-escaped. Settings read: none.
"""

from __future__ import annotations

import html

from datasette import hookimpl
from markupsafe import Markup

STYLE = {"+": "background:#e6ffec", "-": "background:#ffebe9", "@": "color:#6e7781"}


@hookimpl
def render_cell(value, column):
    if column != "diff" or not isinstance(value, str) or not value:
        return None
    lines = []
    for line in value.splitlines():
        style = "" if line.startswith(("+++", "---")) else STYLE.get(line[:1], "")
        lines.append(f'<span style="{style}">{html.escape(line)}</span>')
    return Markup('<pre style="white-space:pre-wrap;margin:0">' + "\n".join(lines) + "</pre>")
