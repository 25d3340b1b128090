"""Datasette plugin: the reading room's search page, its chart, CSV and Atom feed.

``/<db>/-/search`` (any database with an ``articles`` table) is one search box over
every script (``articles_search``): an empty query shows the form and a hint, a
query SQLite cannot read is explained in words (``search.explain_error``), and a
query shows the attention over time (matching articles per day, one series or one
per source or language, as an SVG bar chart with a CSV link), the top sources and
the matching stories, 20 a page, with snippets cut from each article's own text
(``search.snippet_parts``: CJK and Arabic highlighted in the original characters).
Its work is bounded at any archive size: the matches are counted up to
``COUNT_UP_TO`` ("10,000+"), and a word with more than ``search.RANK_WITHIN`` matches
is ranked, charted and counted by source among its ``RANK_WITHIN`` most recently
archived ones, which the page says.
The SQL is the archive's canned queries (``search_all``, ``attention``,
``top_sources`` in ``deploy/datasette/archive.yml``), so page, CSV and JSON agree.
``/<db>/-/search.atom?q=`` is the newest matches as an Atom feed, ``/<db>/-/edits.atom``
the newest edits with their diffs. The home page gets the search box first and each
archive's canned queries (``extra_template_vars`` for ``index.html``).
Settings read: none. Stats: none (a web page).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from html import escape
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import NotFound, Response

from pipelines.archive import search

FILTERS = ("source", "language", "since", "until")
COUNT_UP_TO = 10_000
FEED_ENTRIES = 50
HINT = [
    ("banjir", "one word (accents and Arabic diacritics optional)"),
    ('"gunung api"', "a phrase"),
    ("petan*", "words starting with petan"),
    ("panen AND petani", "both words; OR for either, NOT to exclude"),
    ("東京", "Chinese or Japanese words of two characters or more"),
]
PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da", "#57606a"]


async def archive(datasette, request):
    """The requested database, when it is an archive; else 404."""
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name!r}") from None
    if not await db.table_exists("articles"):
        raise NotFound(f"{name} is not a news archive (no articles table)")
    return name, db


async def canned(datasette, db, name: str, query: str, request, **params):
    """Rows of the archive's canned query ``query`` with ``params`` (missing ones empty)."""
    spec = await datasette.get_canned_query(name, query, request.actor)
    values = {p: "" for p in ("q", "page", "by", *FILTERS)} | params
    return [dict(r) for r in (await db.execute(spec["sql"], values)).rows]


async def count_matches(db, q: str) -> int:
    sql = (
        "select count(*) from (select 1 from articles_search "
        "where articles_search match :m limit :n)"
    )
    return (await db.execute(sql, {"m": search.safe_query(q), "n": COUNT_UP_TO + 1})).first()[0]


def bucket(day: dt.date, unit: str) -> dt.date:
    """The first day of the day's week (Monday) or month; the day itself for days."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def chart(rows: list[dict], slots: int = 120) -> dict:
    """Bars for an SVG chart: one slot per day from the first to the last (per week or
    month when that would make more than ``slots``), stacked by series."""
    if not rows:
        return {"bars": [], "series": [], "slots": 0}
    days = sorted(dt.date.fromisoformat(r["day"][:10]) for r in rows)
    span = (days[-1] - days[0]).days + 1
    unit = "day" if span <= slots else "week" if span <= slots * 7 else "month"
    counts: dict[tuple[dt.date, str], int] = {}
    for r in rows:
        key = (bucket(dt.date.fromisoformat(r["day"][:10]), unit), r["series"])
        counts[key] = counts.get(key, 0) + r["articles"]
    first, last = bucket(days[0], unit), bucket(days[-1], unit)
    step = {"day": 1, "week": 7}.get(unit)
    n = ((last - first).days // step + 1) if step else (
        (last.year - first.year) * 12 + last.month - first.month + 1)  # fmt: skip
    totals: dict[str, int] = {}
    for (_, series), count in counts.items():
        totals[series] = totals.get(series, 0) + count
    names = sorted(totals, key=lambda name: (-totals[name], name))
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    height_of: dict[dt.date, int] = {}
    for (start, _), count in counts.items():
        height_of[start] = height_of.get(start, 0) + count
    top = max(height_of.values())
    width, height = 800, 160
    slot = width / n
    bars, stack = [], {}
    for (start, series), count in sorted(
        counts.items(), key=lambda kv: (kv[0][0], names.index(kv[0][1]))
    ):
        index = ((start - first).days // step) if step else (
            (start.year - first.year) * 12 + start.month - first.month)  # fmt: skip
        below = stack.get(start, 0)
        stack[start] = below + count
        bars.append(
            {
                "x": round(index * slot + max(slot * 0.9 - 40, 0) / 2, 2),
                "y": round(height - height * (below + count) / top, 2),
                "w": round(min(max(slot * 0.9, 2), 40), 2),
                "h": round(max(height * count / top, 0.5), 2),
                "day": start.isoformat(),
                "series": series,
                "count": count,
                "colour": colour[series],
            }
        )
    return {
        "bars": bars,
        "series": [(name, colour[name]) for name in names],
        "unit": unit,
        "slots": n,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "top": top,
        "width": width,
        "height": height,
    }


def marked(parts: list[tuple[str, bool]]) -> str:
    return "".join(f"<mark>{escape(p)}</mark>" if hit else escape(p) for p, hit in parts)


async def search_view(datasette, request):
    name, db = await archive(datasette, request)
    args = {k: request.args.get(k, "").strip() for k in ("q", "by", "page", *FILTERS)}
    q = args["q"]
    page = max(int(args["page"]) if args["page"].isdigit() else 1, 1)
    context = {
        "database": name,
        "args": args,
        "hint": HINT,
        "error": None,
        "results": [],
        "page": page,
    }
    if q:
        filters = {k: args[k] for k in FILTERS}
        by = args["by"] if args["by"] in ("source", "language") else ""
        try:  # independent reads, side by side on Datasette's SQL threads
            total, rows, attention, sources = await asyncio.gather(
                count_matches(db, q),
                canned(datasette, db, name, "search_all", request, q=q, page=str(page), **filters),
                canned(datasette, db, name, "attention", request, q=q, by=by, **filters),
                canned(datasette, db, name, "top_sources", request, q=q, **filters),
            )
        except QueryInterrupted:  # Datasette's sql_time_limit_ms: said in words, not a 500
            context["error"] = (
                "The search took longer than this server allows. Narrow it with more words "
                "(AND), a source, a language or dates, or try again."
            )
        except sqlite3.Error as error:
            context["error"] = search.explain_error(str(error), q)
        else:
            texts = await db.execute(
                "select id, text, authors from articles where id in ({})".format(
                    ", ".join("?" * len(rows))
                ),
                [r["id"] for r in rows],
            )
            text = {r["id"]: r["text"] for r in texts.rows}
            for r in rows:
                r["snippet_html"] = marked(search.snippet_parts(text.get(r["id"]), q))
                r["link"] = datasette.urls.row(name, "articles", r["id"])
            plain = {"q": q, **{k: v for k, v in filters.items() if v}}
            context.update(
                total=total,
                more=total > COUNT_UP_TO,
                within=search.RANK_WITHIN if total > search.RANK_WITHIN else None,
                results=rows,
                chart=chart(attention),
                by=by,
                sources=sources,
                csv_attention=datasette.urls.database(name)
                + "/attention.csv?"
                + urlencode({"q": q, "by": by, **filters, "_size": "max"}),
                csv_results=datasette.urls.database(name)
                + "/search_all.csv?"
                + urlencode({**plain, "page": page, **dict.fromkeys(FILTERS, "") | filters}),
                feed=datasette.urls.database(name) + "/-/search.atom?" + urlencode({"q": q}),
                next_page="?" + urlencode({**plain, "by": by, "page": page + 1})
                if len(rows) == 20
                else None,
                by_links={
                    b: "?" + urlencode({**plain, "by": b}) for b in ("", "source", "language")
                },
            )
    return Response.html(await datasette.render_template("search.html", context, request=request))


def atom_time(value: str | None) -> str:
    """An RFC 3339 time for Atom; a date with no timezone is taken as UTC."""
    if not value:
        return "1970-01-01T00:00:00Z"
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return "1970-01-01T00:00:00Z"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat()


def atom(title: str, self_url: str, entries: list[dict]) -> str:
    """An Atom 1.0 document; each entry: id, title, link, updated, summary, authors, content."""
    updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(self_url)}</id>",
        f'<link rel="self" href="{escape(self_url)}"/>',
        f"<updated>{updated}</updated>",
        "<author><name>newsarchive</name></author>",
    ]
    for e in entries:
        out.append("<entry>")
        out.append(f"<id>{escape(e['id'])}</id>")
        out.append(f"<title>{escape(e['title'] or '(no title)')}</title>")
        out.append(f'<link href="{escape(e["link"])}"/>')
        out.append(f"<updated>{e['updated']}</updated>")
        for author in e.get("authors") or []:
            out.append(f"<author><name>{escape(author)}</name></author>")
        if e.get("summary"):
            out.append(f"<summary>{escape(e['summary'])}</summary>")
        if e.get("content"):
            out.append(f'<content type="html">{escape(e["content"])}</content>')
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def atom_response(body: str) -> Response:
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def search_feed(datasette, request):
    import json

    name, db = await archive(datasette, request)
    q = request.args.get("q", "").strip()
    rows = []
    if q:
        try:
            rows = (
                await db.execute(
                    "select a.id, a.title, a.url, a.published_at, a.first_seen, a.authors, "
                    "a.text from articles_search s join articles a on a.rowid = s.rowid "
                    "where articles_search match :m order by s.rowid desc limit :n",
                    {"m": search.safe_query(q), "n": FEED_ENTRIES},
                )
            ).rows
        except sqlite3.Error as error:
            return Response.text(search.explain_error(str(error), q), status=400)
    base = datasette.absolute_url(request, datasette.urls.database(name))
    entries = [
        {
            "id": base + "/articles/" + r["id"],
            "title": r["title"],
            "link": r["url"],
            "updated": atom_time(r["published_at"] or r["first_seen"]),
            "authors": json.loads(r["authors"] or "[]"),
            "summary": search.snippet(r["text"], q, "", ""),
        }
        for r in rows
    ]
    self_url = datasette.absolute_url(request, request.full_path)
    return atom_response(atom(f"News archive: {q or 'search'}", self_url, entries))


async def edits_feed(datasette, request):
    name, db = await archive(datasette, request)
    rows = (
        await db.execute(
            "select v.id, v.article_id, v.version, v.cause, v.diff, a.title, a.url, "
            "coalesce(n.fetched_at, a.last_fetched) as changed_at "
            "from article_versions v join articles a on a.id = v.article_id "
            "left join article_versions n on n.article_id = v.article_id "
            "and n.version = v.version + 1 order by v.id desc limit :n",
            {"n": FEED_ENTRIES},
        )
    ).rows
    base = datasette.absolute_url(request, datasette.urls.database(name))
    entries = [
        {
            "id": f"{base}/article_versions/{r['id']}",
            "title": f"{r['title']} (version {r['version']} → {r['version'] + 1}, {r['cause']})",
            "link": f"{base}/articles/{r['article_id']}",
            "updated": atom_time(r["changed_at"]),
            "content": f'<p><a href="{escape(r["url"])}">{escape(r["url"])}</a></p>'
            f"<pre>{escape(r['diff'] or '')}</pre>",
        }
        for r in rows
    ]
    self_url = datasette.absolute_url(request, request.full_path)
    return atom_response(atom("News archive: edited articles", self_url, entries))


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/-/search$", search_view),
        (r"^/(?P<database>[^/]+)/-/search\.atom$", search_feed),
        (r"^/(?P<database>[^/]+)/-/edits\.atom$", edits_feed),
    ]


@hookimpl
def extra_template_vars(view_name, datasette, request):
    if view_name != "index":
        return None

    async def archives():
        found = []
        for name, db in datasette.databases.items():
            if db.is_memory or not await db.table_exists("articles"):
                continue
            queries = await datasette.get_canned_queries(name, request.actor if request else None)
            found.append(
                {
                    "name": name,
                    "search": datasette.urls.database(name) + "/-/search",
                    "health": datasette.urls.database(name) + "/-/health",
                    "queries": [(q, spec.get("title") or q) for q, spec in queries.items()],
                }
            )
        return {"archives": found}

    return archives
