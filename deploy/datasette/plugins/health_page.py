"""Datasette plugin: the crawl health page, ``/<db>/-/health`` for any archive.

From the archive's ``crawl_health`` canned query (``deploy/datasette/archive.yml``):
per source, its latest run and how many runs ago it last archived an article, a
silent source (its latest run archived nothing and found nothing unchanged or known) first
and marked; a chart of the last runs (pages fetched, archived, failed, skipped per
run); and per run and source the full table (fetched, archived, not modified,
skipped and failed by reason, empty text, no date, language mismatch), with links
to the query's CSV and JSON. Settings read: none.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

SERIES = (("fetched", "#8c959f"), ("archived", "#1a7f37"), ("skipped", "#9a6700"),
          ("failed", "#d1242f"))  # fmt: skip


def run_chart(rows: list[dict], runs: int = 20) -> dict:
    """Grouped bars per run (oldest left), one bar per measure in ``SERIES``."""
    per_run: dict[int, dict] = {}
    for r in rows:
        run = per_run.setdefault(r["run_id"], {"run_id": r["run_id"], **{s: 0 for s, _ in SERIES}})
        for name, _ in SERIES:
            run[name] += r[name] or 0
    order = sorted(per_run)[-runs:]
    top = max((per_run[k][s] for k in order for s, _ in SERIES), default=0) or 1
    width, height = 800, 160
    slot = width / max(len(order), 1)
    bar = min(slot * 0.8 / len(SERIES), 40)
    bars = []
    for i, run_id in enumerate(order):
        for j, (name, colour) in enumerate(SERIES):
            count = per_run[run_id][name]
            h = height * count / top
            bars.append({"x": round(i * slot + j * bar, 2), "y": round(height - h, 2),
                         "w": round(bar, 2), "h": round(max(h, 0.5), 2), "colour": colour,
                         "run": run_id, "series": name, "count": count})  # fmt: skip
    return {"bars": bars, "width": width, "height": height, "series": SERIES, "top": top,
            "runs": order}  # fmt: skip


def sources_summary(rows: list[dict]) -> list[dict]:
    """Per source: its latest run's row, and runs since it last archived an article."""
    by_source: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: -r["run_id"]):
        by_source.setdefault(r["source"], []).append(r)
    out = []
    for runs in by_source.values():
        since = next((i for i, r in enumerate(runs) if r["archived"]), None)
        out.append({**runs[0], "runs_since_archived": len(runs) if since is None else since})
    return sorted(out, key=lambda r: (-r["silent"], -r["runs_since_archived"], r["source"]))


async def health_view(datasette, request):
    name = request.url_vars["database"]
    spec = None
    if name in datasette.databases:  # an archive has the query (plugin archive_metadata)
        spec = await datasette.get_canned_query(name, "crawl_health", request.actor)
    if spec is None:
        raise NotFound(f"{name} is not a news archive served here")
    db = datasette.get_database(name)
    rows = [dict(r) for r in (await db.execute(spec["sql"])).rows]
    context = {
        "database": name,
        "rows": rows,
        "sources": sources_summary(rows),
        "chart": run_chart(rows),
        "query": datasette.urls.query(name, "crawl_health"),
    }
    return Response.html(await datasette.render_template("health.html", context, request=request))


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/health$", health_view)]
