"""A synthetic news site with heavy template boilerplate inside its article bodies.

The Harbour Gazette (fictional) puts its template where a page-level extractor
cannot tell it from the story: as ``<p>`` paragraphs inside the article body.
Every article carries a follow prompt, a newsletter call and a copyright line;
one of three rotating promotions; its section's banner (each section has one);
and, on some articles, an advertisement marker or a tip line. Real content that
legitimately repeats must survive: every first paragraph starts with the same
dateline, a correction notice appears on two articles, and a background
paragraph is reused verbatim by the four articles of a story series.

``build_site(base_url, count=ARTICLES)`` returns the routes (home page, sitemap,
RSS feed, articles) for ``SiteServer``; ``expected_articles(base_url, count)``
lists, per article, its real paragraphs and the template paragraphs on its page.
All text is generated here from the module's own word lists.
"""

from __future__ import annotations

import html
import json
import random
from typing import Any

from sites.demo.site import Page

ARTICLES = 60
OUTLET = "Harbour Gazette"
DATELINE = "PORT ALDER, Harbour Gazette —"
SECTIONS = ["council", "harbour", "schools", "weather"]
EVERY_PAGE = [
    "Follow the Harbour Gazette on our channels for the latest news from the coast.",
    "Subscribe to the Harbour Gazette morning briefing: the news of the day in five minutes, "
    "free in your inbox every weekday.",
    "All text and photos are copyright of the Harbour Gazette. Reproduction without written "
    "permission is prohibited.",
]
ROTATING = [
    "Support local reporting: become a Gazette member from two crowns a month.",
    "Listen to The Tide, our daily podcast, wherever you get your podcasts.",
    "Download the Gazette app for breaking news alerts from Port Alder.",
]
SECTION_BANNERS = {
    "council": "This story is part of our coverage of the Port Alder council elections.",
    "harbour": "Ships, tides and trade: more harbour news in our weekly Quayside digest.",
    "schools": "Parents can send questions about school changes to our education desk.",
    "weather": "Storm warnings for the coast are updated every hour on our weather page.",
}
ADVERT = "ADVERTISEMENT"  # every fifth article
TIP = "Have a tip about this story? Write to our newsroom, we protect our sources."  # every 8th
CORRECTION = (
    "Correction: an earlier version of this article gave the wrong date for the council vote, "
    "which takes place on a Thursday."
)
CORRECTED = (7, 31)
SERIES = (10, 22, 34, 46)  # the reservoir series
SERIES_BACKGROUND = (
    "The Alder reservoir dam, completed in 1978, holds the drinking water of about four hundred "
    "thousand people along the coast and has not been fully inspected since 2009."
)

PEOPLE = ["Mira Castell", "Tomas Eke", "Ines Varga", "Olu Brandt", "Petra Lind", "Sami Oduya"]
ROLES = ["a fisher", "a ferry captain", "a teacher", "a councillor", "a nurse", "a baker"]
PLACES = ["the north quay", "Lantern Street", "the old cannery", "Gull Point", "the market hall"]
TOPICS = {
    "council": ["the parking levy", "the new bus route", "the budget vote", "the harbour tax"],
    "harbour": ["the dredging work", "the container berth", "the fish auction", "the pilot boats"],
    "schools": ["the school merger", "the lunch programme", "the new timetable", "the exams"],
    "weather": ["the spring storm", "the flood barrier", "the heat warning", "the sea fog"],
}
OUTCOMES = [
    "change daily life in the town more than anyone expected",
    "cost more than the council had planned for this year",
    "be decided before the end of the month",
    "need the support of the neighbouring districts",
    "bring back jobs that left the coast a decade ago",
]
DETAILS = [
    "Figures from the port authority show {n} more visits than in the same week last year.",
    "Around {n} residents signed a petition that was handed in on {day}.",
    "The plan was first presented on {day} and has been revised {k} times since.",
    "Officials said about {n} households would be affected in the first phase.",
    "A public meeting on {day} drew {n} people, many of them standing at the back.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _article(index: int) -> dict[str, Any]:
    rng = random.Random(index * 7919)
    section = SECTIONS[index % len(SECTIONS)]
    topic = rng.choice(TOPICS[section])
    person, person2 = rng.sample(PEOPLE, 2)
    paragraphs = []
    for number in range(rng.randint(4, 6)):
        place = rng.choice(PLACES)
        sentences = [
            f"{person}, {rng.choice(ROLES)} from {place}, said {topic} would "
            f"{rng.choice(OUTCOMES)} (report {index}.{number}).",
            rng.choice(DETAILS).format(
                n=rng.randint(12, 4000), day=rng.choice(DAYS), k=rng.randint(2, 9)
            ),
            f"{person2} told the Gazette that the debate about {topic} at {place} was far "
            f"from over, and that {rng.randint(3, 60)} objections were still open.",
        ]
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = f"{DATELINE} {paragraphs[0]}"
    if index in SERIES:
        paragraphs.insert(1, SERIES_BACKGROUND)
    if index in CORRECTED:
        paragraphs.append(CORRECTION)
    title = f"{topic.capitalize()}: what {person} told the {section} desk (no. {index})"
    template = [*EVERY_PAGE, ROTATING[index % len(ROTATING)], SECTION_BANNERS[section]]
    if index % 5 == 0:
        template.append(ADVERT)
    if index % 8 == 0:
        template.append(TIP)
    day = 1 + index % 28
    return {
        "index": index,
        "path": f"/{section}/2026/03/{day:02d}/story-{index}",
        "title": title,
        "section": section,
        "authors": [person],
        "published_at": f"2026-03-{day:02d}T{6 + index % 12:02d}:30:00+01:00",
        "paragraphs": paragraphs,
        "template": template,
    }


def _body(article: dict[str, Any]) -> str:
    """Real paragraphs with the template interleaved where news sites put it."""
    real = [f"<p>{html.escape(p, quote=False)}</p>" for p in article["paragraphs"]]
    t = [f"<p>{html.escape(p, quote=False)}</p>" for p in article["template"]]
    follow, newsletter, copyright_line, rotating, banner, *extra = t
    middle = len(real) // 2
    return "\n".join(
        [banner, follow, *real[:middle], newsletter, *extra, *real[middle:], rotating]
        + [copyright_line]
    )


def render(base: str, article: dict[str, Any]) -> str:
    url = base + article["path"]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": article["published_at"],
        "author": [{"@type": "Person", "name": a} for a in article["authors"]],
        "publisher": {"@type": "Organization", "name": OUTLET},
        "articleSection": article["section"],
    }
    title = html.escape(article["title"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {OUTLET}</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article"><meta property="og:site_name" content="{OUTLET}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<header><a href="/">{OUTLET}</a><nav><a href="/">Home</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {html.escape(article["authors"][0])}</p>
<div class="article-body">
{_body(article)}
</div>
</article></main>
<footer><p>{OUTLET}, Quay Road 1, Port Alder</p></footer>
</body></html>
"""


def articles(count: int = ARTICLES) -> list[dict[str, Any]]:
    return [_article(index) for index in range(1, count + 1)]


def build_site(base_url: str, count: int = ARTICLES) -> dict[str, Page]:
    """Routes of the site with its first ``count`` articles."""
    base = base_url.rstrip("/")
    return news_routes(base, OUTLET, articles(count), "title", lambda a: render(base, a))


def news_routes(
    base: str, outlet: str, items: list[dict[str, Any]], title: str, page: Any
) -> dict[str, Page]:
    """A small news site's routes: a home page listing ``items`` (each with its ``path``
    and its ``title`` key), a sitemap, an RSS feed, and each item as ``page(item)``."""
    links = "\n".join(
        f'<li><a href="{base}{a["path"]}">{html.escape(a[title])}</a></li>' for a in items
    )
    routes: dict[str, Page] = {
        "/": Page(
            body=(
                f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                f'<title>{outlet}</title><meta property="og:type" content="website"></head>'
                f"<body><h1>{outlet}</h1><ul>{links}</ul></body></html>"
            ).encode()
        )
    }
    urls = "".join(f"<url><loc>{base}{a['path']}</loc></url>" for a in items)
    routes["/sitemap.xml"] = Page(
        headers={"Content-Type": "application/xml"},
        body=(
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode(),
    )
    feed_items = "".join(
        f"<item><title>{html.escape(a[title])}</title><link>{base}{a['path']}</link></item>"
        for a in items
    )
    routes["/rss.xml"] = Page(
        headers={"Content-Type": "application/rss+xml"},
        body=(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>'
            f"<link>{base}/</link>{feed_items}</channel></rss>"
        ).encode(),
    )
    for article in items:
        routes[article["path"]] = Page(body=page(article).encode())
    return routes


def expected_articles(base_url: str, count: int = ARTICLES) -> list[dict[str, Any]]:
    base = base_url.rstrip("/")
    return [{**a, "url": base + a["path"]} for a in articles(count)]
