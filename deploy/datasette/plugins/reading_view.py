"""Datasette plugin: an article's row page is its reading view.

For the ``articles`` table of any archive, ``extra_template_vars`` gives the row page
(``templates/row.html``) the article as a person reads it: title, byline (authors
and agency credits), source, dates with their timezone, language, the text as
paragraphs at a readable width, the original URL and other URLs, its language
versions (``translations``), its earlier versions with their diffs
(``article_versions``), its captures (with a replay link when
``plugins: reading_room: replay_url`` is set) and its near-duplicate cluster. The
raw row stays on the page, one click away (a ``<details>`` the template opens with
``#raw``). Settings read: ``plugins: reading_room: replay_url`` in the metadata.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from datasette import hookimpl
from datasette.utils import tilde_decode

RTL = {"ar", "he", "fa", "ur", "ps", "yi"}


def when(value: str | None) -> dict | None:
    """An ISO time as a reader sees it: date, time and the timezone it was given in."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return {"iso": value, "text": value, "zone": ""}
    if parsed.tzinfo is None:
        zone = "no timezone given" if "T" in value else ""
    else:
        offset = parsed.utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = (
            "UTC" if minutes == 0 else f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        )
    text = parsed.strftime("%-d %B %Y") + (parsed.strftime(", %H:%M") if "T" in value else "")
    return {"iso": value, "text": text, "zone": zone}


def json_list(value: str | None) -> list:
    try:
        parsed = json.loads(value or "[]")
    except ValueError:
        return [value]
    return parsed if isinstance(parsed, list) else [parsed]


def replay(template: str | None, capture: dict) -> str | None:
    if not template or not capture.get("fetched_at"):
        return None
    stamp = re.sub(r"\D", "", capture["fetched_at"])[:14]
    return template.replace("{timestamp}", stamp).replace("{url}", capture["url"])


async def article_context(datasette, name: str, article_id: str) -> dict:
    db = datasette.get_database(name)
    one = await db.execute("select * from articles where id = ?", [article_id])
    row = one.first()
    if row is None:
        return {}
    article = dict(row)

    async def rows(sql: str, params: list) -> list[dict]:
        return [dict(r) for r in (await db.execute(sql, params)).rows]

    config = datasette.plugin_config("reading_room") or {}
    captures = await rows(
        "select id, url, fetched_at, status, warc_file, warc_record_id, run_id "
        "from capture_locations where article_id = ? order by fetched_at desc limit 50",
        [article_id],
    )
    for capture in captures:
        capture["replay"] = replay(config.get("replay_url"), capture)
    cluster = []
    if article.get("cluster_id"):
        cluster = await rows(
            "select id, title, source, language, cluster_similarity from articles "
            "where cluster_id = ? and id != ? order by cluster_similarity desc limit 50",
            [article["cluster_id"], article_id],
        )
    return {
        "article": article,
        "paragraphs": [p for p in (article.get("text") or "").split("\n") if p.strip()],
        "authors": json_list(article.get("authors")),
        "credits": json_list(article.get("credits")),
        "tags": json_list(article.get("tags")),
        "published": when(article.get("published_at")),
        "modified": when(article.get("modified_at")),
        "first_seen": when(article.get("first_seen")),
        "last_fetched": when(article.get("last_fetched")),
        "rtl": (article.get("language") or "") in RTL,
        "versions": await rows(
            "select id, version, fetched_at, cause, title, diff from article_versions "
            "where article_id = ? order by version desc",
            [article_id],
        ),
        "captures": captures,
        "languages": await rows(
            "select t.language, t.is_original, t.original_by, t.url, t.article_id, "
            "a.title, a.machine_translated from translations t "
            "left join articles a on a.id = t.article_id where t.group_id in "
            "(select group_id from translations where article_id = ?) "
            "order by t.is_original desc, t.language",
            [article_id],
        ),
        "other_urls": await rows(
            "select url, kind, first_seen from article_urls where article_id = ?", [article_id]
        ),
        "cluster": cluster,
    }


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "articles" or request is None:
        return None

    async def reading():
        pks = request.url_vars.get("pks", "")
        if "," in pks or not await datasette.get_database(database).table_exists("articles"):
            return {}
        return {"reading": await article_context(datasette, database, tilde_decode(pks))}

    return reading
