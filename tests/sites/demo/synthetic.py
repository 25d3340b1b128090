"""Synthetic news articles for tests and benchmarks: stories, edited copies, a site serving them.

Text is generated from the project's own word lists with a seeded random
generator, so every run sees the same corpus. ``story(rng)`` writes an article
(title and paragraphs) on one of a few topics, so unrelated stories still share
vocabulary like real wire copy does; ``edit(text, rate, rng)`` substitutes,
deletes or inserts that fraction of words, the way a republisher retouches a
wire story; ``synthetic_site(n)`` returns a ``SiteServer`` routes factory with
``n`` article pages and a sitemap listing them. Settings read: none.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable

from sites.demo.site import HTML_TYPE, XML_TYPE, Page, Route

TOPICS = {
    "harvest": "farmers rice harvest paddy irrigation fields drought rain fertiliser cooperative "
    "village granary yield season tractor seedlings terraces market prices",
    "port": "harbour ships containers cranes dock workers cargo shipping tides ferry pier "
    "customs fishermen boats fuel storm schedule lighthouse",
    "school": "teachers pupils classrooms exams curriculum headmaster library textbooks "
    "scholarship parents uniforms lessons district enrolment playground",
    "health": "clinic nurses patients vaccine doctors hospital beds medicine outbreak fever "
    "ambulance pharmacy midwife screening ward",
    "transit": "railway trains commuters station tickets platform buses timetable bridge "
    "tunnel passengers fares signal depot carriages",
}
COMMON = [
    "the",
    "a",
    "of",
    "in",
    "on",
    "to",
    "and",
    "with",
    "for",
    "from",
    "by",
    "at",
    "as",
    "after",
    "before",
    "during",
    "while",
    "since",
    "said",
    "says",
    "told",
    "officials",
    "residents",
    "local",
    "regional",
    "provincial",
    "new",
    "old",
    "many",
    "several",
    "week",
    "month",
    "year",
    "morning",
    "evening",
    "last",
    "next",
    "first",
    "second",
    "announced",
    "reported",
    "expected",
    "according",
    "plan",
    "plans",
    "programme",
    "budget",
    "council",
    "mayor",
    "governor",
    "minister",
    "agency",
    "people",
    "families",
    "workers",
    "community",
    "government",
    "public",
    "early",
    "late",
    "more",
    "less",
]
PLACES = [
    "Wonotirto",
    "Sukamaju",
    "Karanganyar",
    "Tanjungsari",
    "Bojonegoro",
    "Lembah",
    "Hijau",
    "Pantai",
    "Timur",
]
NAMES = ["Budi", "Siti", "Agus", "Dewi", "Rahmat", "Lestari", "Hendra", "Wulan", "Yusuf", "Intan"]


def _sentence(rng: random.Random, topic: list[str]) -> str:
    words = []
    for _ in range(rng.randint(10, 22)):
        pick = rng.random()
        if pick < 0.45:
            words.append(rng.choice(topic))
        elif pick < 0.93:
            words.append(rng.choice(COMMON))
        elif pick < 0.97:
            words.append(rng.choice(PLACES))
        else:
            words.append(str(rng.randint(2, 990)))
    words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
    return " ".join(words).capitalize() + "."


def story(rng: random.Random, paragraphs: int = 6) -> tuple[str, str]:
    """A (title, text) pair: ``paragraphs`` paragraphs of 2 to 4 sentences, one per line."""
    topic = TOPICS[rng.choice(sorted(TOPICS))].split()
    title = " ".join(rng.choice(topic) for _ in range(4)).capitalize() + f" in {rng.choice(PLACES)}"
    text = "\n".join(
        " ".join(_sentence(rng, topic) for _ in range(rng.randint(2, 4))) for _ in range(paragraphs)
    )
    return title, text


def edit(text: str, rate: float, rng: random.Random) -> str:
    """``text`` with about ``rate`` of its words substituted, deleted or inserted."""
    vocabulary = COMMON + " ".join(TOPICS.values()).split()
    out_lines = []
    for line in text.splitlines():
        out: list[str] = []
        for word in line.split():
            if rng.random() >= rate:
                out.append(word)
                continue
            action = rng.random()
            if action < 0.5:
                out.append(rng.choice(vocabulary))
            elif action < 0.75:
                continue
            else:
                out += [word, rng.choice(vocabulary)]
        out_lines.append(" ".join(out))
    return "\n".join(out_lines)


def article_html(base: str, path: str, title: str, text: str, published: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines())
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<link rel="canonical" href="{base}{path}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>"
        f"{paragraphs}</article><footer>Synthetic Daily, all rights reserved.</footer>"
        "</body></html>"
    ).encode()


def synthetic_site(count: int, seed: int = 6) -> Callable[[str], dict[str, Route]]:
    """Routes factory for ``SiteServer``: ``count`` article pages and ``/sitemap.xml``."""

    def build(base: str) -> dict[str, Route]:
        rng = random.Random(seed)
        routes: dict[str, Route] = {
            "/robots.txt": Page(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\n")
        }
        urls = []
        for number in range(1, count + 1):
            title, text = story(rng)
            path = f"/news/{number}/story-{number}"
            published = f"2026-0{1 + number % 9}-{1 + number % 28:02d}T08:00:00+00:00"
            routes[path] = Page(body=article_html(base, path, title, text, published))
            urls.append(f"<url><loc>{base}{path}</loc></url>")
        sitemap = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(urls)
            + "</urlset>"
        )
        routes["/sitemap.xml"] = Page(headers={"Content-Type": XML_TYPE}, body=sitemap.encode())
        routes["/"] = Page(headers={"Content-Type": HTML_TYPE}, body=b"<html><body></body></html>")
        return routes

    return build
