"""A plain news site whose article pages answer slowly, for crash and concurrency tests.

``build_slow(base, count, delay)``: a home page and an RSS feed listing ``count``
articles (``/story/N``), each page answered after ``delay`` seconds. Texts reuse
the hostile site's paragraphs, numbered so every page is a distinct article.
``copies`` more pages (``/reprint/N``) answer exactly what ``/story/N`` does: one of
each pair is archived, the other recorded as its duplicate.
"""

from __future__ import annotations

from sites.demo.site import Route
from sites.hostile import PARAGRAPHS, article_html, delayed, page, rss

STORIES = [value for key, value in PARAGRAPHS.items() if key != "script"]


def story_path(n: int) -> str:
    return f"/story/{n}"


def build_slow(base: str, count: int = 40, delay: float = 0.2, copies: int = 0) -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for n in range(count):
        title, text = STORIES[n % len(STORIES)]
        body = article_html(f"{title}, report {n}", f"{text} This is report number {n}.")
        routes[story_path(n)] = delayed(delay, page(body))
        if n < copies:
            routes[f"/reprint/{n}"] = delayed(delay, page(body))
    urls = [f"{base}{story_path(n)}" for n in range(count)]
    urls += [f"{base}/reprint/{n}" for n in range(copies)]
    routes["/rss.xml"] = page(rss(base, urls), "application/rss+xml")
    routes["/robots.txt"] = page("User-agent: *\nAllow: /\n", "text/plain")
    return routes


def slow_sources(base: str) -> str:
    return (
        f'[[source]]\nname = "slow"\nfeeds = ["{base}/rss.xml"]\n'
        'allow_private = true\narticle_pattern = "/story/"\n'
    )
