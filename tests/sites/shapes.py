"""A small news site whose URLs lie about what their pages are.

The Riverside Chronicle puts articles at URLs that look like sections
(``/classificacao-regional/``, ``/news/7.html``, ``/news/news_view.html?idx=8576``),
sections at URLs that look like articles (a long dated slug), declares
``og:type`` ``website`` on an article, titles one article "Missing hiker not found
after three days" and another "Flight 404 lands safely", and also serves what a
crawl must not archive: a shop page, a real "page not found" answered with 200, and
no robots.txt at all (a 404). Its sitemap lists two of the linked articles again
and one that nothing links to. ``ARTICLES`` maps each article path to its title;
``LISTINGS`` and ``OTHERS`` say what the other pages are.
"""

from __future__ import annotations

import html
import json

from sites.demo.site import Page, Route

SITE = "Riverside Chronicle"
PARAGRAPHS = [
    "The river authority opened the eastern lock on Tuesday after nine weeks of repairs, "
    "and the first barges carrying gravel and timber passed through before noon while a "
    "small crowd of retired lock keepers watched from the footbridge above the gates.",
    "Engineers replaced both pairs of oak gates, relined the chamber walls with new stone "
    "from the quarry at Holm Ridge and fitted sensors that report the water level to the "
    "control room every thirty seconds, so that the keepers no longer walk the towpath.",
    "Skippers had waited at the moorings below the weir since the end of the summer, and "
    "several said the closure had cost them a season of work; the authority promised a "
    "reduced toll for the rest of the year to make up for part of the lost trade.",
    "The council will discuss on Thursday whether the western lock, which is older and in "
    "worse condition, should be closed for the same work next spring, or whether the "
    "money should instead go to dredging the channel where it silts up near the mill.",
    "Residents of the lock cottages asked for the footpath along the chamber to reopen "
    "as soon as possible, since it is the shortest way from the village to the station, "
    "and the authority said the path would be open again by the end of the month.",
]
ARTICLES: dict[str, str] = {
    "/classificacao-regional/": "Regional rowing league table changes after the final race",
    "/news/world-europe-50473792": "Ferry operators agree on a winter timetable",
    "/news/news_view.html?idx=8576": "Eastern lock reopens after nine weeks of repairs",
    "/news/7.html": "Market hall roof to be replaced before the festival",
    "/news/12.html": "Library extends its opening hours on weekdays",
    "/news/missing-hiker": "Missing hiker not found after three days",
    "/news/flight-404": "Flight 404 lands safely after a bird strike",
    "/p/ferry-timetable": "New ferry timetable adds an early crossing",
    "/p/bridge-repairs": "Bridge repairs close the north road for a week",
    "/news/harbour-dredging-begins-after-long-delay": "Harbour dredging begins after a delay",
    "/news/sitemap-only-story": "Allotment society celebrates its centenary",
}
# Pages that are lists of other pages: the home page and two sections, one of them at
# a URL shaped like an article.
LISTINGS = {
    "/": "home",
    "/2026/03/latest-stories-from-the-riverside-desk-today": "section at an article URL",
    "/topics/harbour": "section",
}
OTHERS = {  # fetched, not archived: path -> the reason recorded
    "/shop/riverside-mug": "not_article",
    "/news/old-story": "soft_404",
}
WEBSITE_TYPED = "/news/world-europe-50473792"  # an article that declares og:type website
SITEMAP_ONLY = "/news/sitemap-only-story"


def article_page(path: str, title: str, number: int) -> str:
    """One article: a headline over five paragraphs, in the site's template."""
    og_type = "website" if path == WEBSITE_TYPED else "article"
    structured = ""
    if number % 2 == 0:  # half of them carry JSON-LD, half nothing but the page
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"2026-03-{number + 1:02d}T08:00:00+00:00",
        }
        structured = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    paragraphs = PARAGRAPHS[number % 5 :] + PARAGRAPHS[: number % 5]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><title>{html.escape(title)} | {SITE}</title>'
        f'<meta property="og:type" content="{og_type}">{structured}</head><body>'
        f'<header><a href="/">{SITE}</a> <a href="/topics/harbour">Harbour</a></header>'
        f"<main><article><h1>{html.escape(title)}</h1>{body}</article></main>"
        f"<footer>{SITE}, 4 Quay Street</footer></body></html>"
    )


def listing_page(title: str, paths: list[str]) -> str:
    """A list of teasers: each a linked headline and a one-line summary."""
    teasers = "".join(
        f'<li class="teaser"><h3><a href="{html.escape(p)}">{html.escape(ARTICLES[p])}</a></h3>'
        f"<span>Read the full report from our river desk.</span></li>"
        for p in paths
    )
    return (
        f'<!doctype html><html lang="en"><head><title>{html.escape(title)} | {SITE}</title>'
        f'<meta property="og:type" content="website"></head><body>'
        f'<header><a href="/">{SITE}</a></header><main><h1>{html.escape(title)}</h1>'
        f"<ul>{teasers}</ul></main><footer>{SITE}</footer></body></html>"
    )


def shop_page() -> str:
    product = {"@context": "https://schema.org", "@type": "Product", "name": "Riverside mug"}
    return (
        f"<!doctype html><html lang='en'><head><title>Riverside mug | {SITE} shop</title>"
        f"<script type='application/ld+json'>{json.dumps(product)}</script></head><body>"
        "<h1>Riverside mug</h1><p>Stoneware mug with the lock gates printed in blue on "
        "both sides, made by a potter in the village and glazed by hand. It holds a large "
        "cup of tea, survives the dishwasher and the microwave, and comes in a box with a "
        "short history of the locks and the families who kept them for two centuries.</p>"
        "<p>Price: $14.00</p><p>In stock: ships within two days.</p>"
        "<button>Add to cart</button></body></html>"
    )


def not_found_page() -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Page not found | {SITE}</title></head>"
        "<body><h1>Page not found</h1><p>The story you are looking for has moved.</p>"
        "<a href='/'>Back to the front page</a></body></html>"
    )


def sitemap(base: str) -> str:
    urls = ["/news/7.html", "/news/12.html", SITEMAP_ONLY]
    entries = "".join(f"<url><loc>{html.escape(base + u)}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )


def build_shapes(base: str) -> dict[str, Route]:
    """The site's routes (``sites.demo.server.SiteServer`` serves them)."""
    routes: dict[str, Route] = {}
    for number, (path, title) in enumerate(ARTICLES.items()):
        routes[path] = Page(body=article_page(path, title, number).encode())
    linked = [p for p in ARTICLES if p not in (SITEMAP_ONLY, "/p/ferry-timetable")]
    linked = [p for p in linked if p not in ("/p/bridge-repairs",)]
    home = listing_page("Front page", linked[:7])
    extra = (
        '<p><a href="/2026/03/latest-stories-from-the-riverside-desk-today">More stories</a> '
        '<a href="/topics/harbour">Harbour</a> <a href="/shop/riverside-mug">Shop</a> '
        '<a href="/news/old-story">An old story</a></p>'
    )
    routes["/"] = Page(body=home.replace("</main>", extra + "</main>").encode())
    routes["/2026/03/latest-stories-from-the-riverside-desk-today"] = Page(
        body=listing_page("Latest stories", ["/p/ferry-timetable", "/p/bridge-repairs"]).encode()
    )
    routes["/topics/harbour"] = Page(
        body=listing_page("Harbour", ["/news/harbour-dredging-begins-after-long-delay"]).encode()
    )
    routes["/shop/riverside-mug"] = Page(body=shop_page().encode())
    routes["/news/old-story"] = Page(body=not_found_page().encode())
    routes["/sitemap.xml"] = Page(
        headers={"Content-Type": "application/xml"}, body=sitemap(base).encode()
    )
    return routes


def sources_toml(base: str) -> str:
    return (
        f'[[source]]\nname = "riverside"\nstart_urls = ["{base}/"]\n'
        f'sitemaps = ["{base}/sitemap.xml"]\nallow_private = true\n'
    )
