"""A synthetic news site whose titles carry a site name it declares nowhere else.

The Alder Valley Evening Ledger (fictional) writes its name into every ``<title>``,
``og:title`` and JSON-LD ``headline``, after the headline on odd articles
("Headline | The Alder Valley Evening Ledger") and before it on even ones ("The Alder
Valley Evening Ledger - Headline"); the page has no ``<h1>`` and no ``og:site_name``, and
it is served from 127.0.0.1, so the extractor's fixed title rules cannot tell the name
from the headline. Headlines that legitimately repeat a segment must keep it: every
fifth article is an opinion piece ("Opinion | Headline"), and four articles of a running
story start with its kicker ("Ferry strike - Headline"). Where the site's name leads, the
column name or kicker follows it ("The Alder Valley Evening Ledger - Opinion | Headline"):
only the odd articles' titles start with one (3 with "Opinion", 2 with the kicker).

``build_site(base_url, count=ARTICLES)`` returns the routes (home page, sitemap, RSS
feed, articles) for ``SiteServer``; ``expected_articles(base_url, count)`` lists, per
article, its URL, the title as the page declares it (``raw_title``) and the title once
the site's name is stripped (``title``). All text is generated here from the module's
own word lists.
"""

from __future__ import annotations

import html
import json
import random
from typing import Any

from sites.demo.site import Page
from sites.demo.template_site import news_routes

ARTICLES = 30
OUTLET = "The Alder Valley Evening Ledger"
OPINION = "Opinion"  # every fifth article: a column name, part of those headlines
KICKER = "Ferry strike"  # a running story's kicker, on four articles
KICKED = (3, 8, 21, 26)

TOWNS = ["Millbrook", "Kestrel Ford", "Ashby Lock", "Fernwick", "Low Alder", "Quarry End"]
SUBJECTS = [
    "the river crossing",
    "the valley railway",
    "the county library",
    "the orchard cooperative",
    "the new clinic",
    "the flood defences",
]
VERBS = ["reopens after", "faces questions over", "wins support for", "delays its plan for"]
CAUSES = [
    "a winter of repairs",
    "rising costs",
    "a petition from residents",
    "a change of contractor",
]
SENTENCES = [
    "Residents of {town} gathered on {day} evening to hear how {subject} would change.",
    "The parish council said about {n} households had written in since the spring.",
    "A spokesperson for the district described the decision as {word} and overdue.",
    "Engineers expect the work around {town} to take {k} months if the weather holds.",
    "Shop owners on the high street said trade had fallen by {k} percent in the meantime.",
    "The next public meeting on {subject} takes place in the village hall on {day}.",
]
WORDS = ["careful", "sensible", "difficult", "welcome", "late", "costly"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _article(index: int) -> dict[str, Any]:
    rng = random.Random(index * 104729)
    town = TOWNS[index % len(TOWNS)]
    subject = SUBJECTS[(index // 2) % len(SUBJECTS)]
    headline = (
        f"{subject[4:].capitalize()} in {town} {rng.choice(VERBS)} {rng.choice(CAUSES)} "
        f"(report {index})"
    )
    if index in KICKED:
        headline = f"{KICKER} - {headline}"
    if index % 5 == 0:
        headline = f"{OPINION} | {headline}"
    declared = f"{headline} | {OUTLET}" if index % 2 else f"{OUTLET} - {headline}"
    paragraphs = []
    for number in range(5):
        chosen = rng.sample(SENTENCES, 3)
        paragraphs.append(
            " ".join(
                s.format(
                    town=town,
                    subject=subject,
                    day=rng.choice(DAYS),
                    n=rng.randint(20, 900),
                    k=rng.randint(2, 30),
                    word=rng.choice(WORDS),
                )
                for s in chosen
            )
            + f" (Paragraph {number + 1} of report {index}.)"
        )
    day = 1 + index % 27
    return {
        "index": index,
        "path": f"/valley/2026/04/{day:02d}/report-{index}",
        "title": headline,
        "raw_title": declared,
        "published_at": f"2026-04-{day:02d}T{7 + index % 10:02d}:15:00+01:00",
        "author": ["Hana Ortel", "Bram Tuck", "Ylva Marsh"][index % 3],
        "paragraphs": paragraphs,
    }


def render(base: str, article: dict[str, Any]) -> str:
    url = base + article["path"]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["raw_title"],
        "datePublished": article["published_at"],
        "author": [{"@type": "Person", "name": article["author"]}],
    }
    declared = html.escape(article["raw_title"])
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article["paragraphs"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{declared}</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article"><meta property="og:title" content="{declared}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<header><a href="/">Home</a> <a href="/valley/">Valley</a></header>
<main><article>
<p class="byline">By {html.escape(article["author"])}</p>
<div class="article-body">
{body}
</div>
</article></main>
<footer><p>Printed and published in Low Alder.</p></footer>
</body></html>
"""


def articles(count: int = ARTICLES) -> list[dict[str, Any]]:
    return [_article(index) for index in range(1, count + 1)]


def build_site(base_url: str, count: int = ARTICLES) -> dict[str, Page]:
    """Routes of the site with its first ``count`` articles."""
    base = base_url.rstrip("/")
    return news_routes(base, OUTLET, articles(count), "raw_title", lambda a: render(base, a))


def expected_articles(base_url: str, count: int = ARTICLES) -> list[dict[str, Any]]:
    base = base_url.rstrip("/")
    return [{**a, "url": base + a["path"]} for a in articles(count)]
