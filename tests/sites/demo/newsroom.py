"""A generated news site that changes between crawls, for incremental-crawl tests and benchmarks.

``Newsroom(count, now)`` holds ``count`` articles published one every
``spacing`` before ``now`` (newest last); ``add(n)`` publishes new ones and
``edit(ids)`` rewrites some (a new paragraph, a new ``dateModified``). Its
``routes`` (for ``SiteServer``) render the current state on every request:
home page (feed autodiscovery links, sections, a calendar), section pages with
endless pagination, RSS 2.0, RSS 1.0, Atom and JSON feeds of the newest
articles, a robots.txt with a ``Sitemap:`` line, a sitemap index of monthly
sitemaps (``lastmod`` = their newest change) plus a Google News sitemap, and
article pages with an AMP variant. Every response has an ``ETag`` and
``Last-Modified``, and a conditional request for an unchanged one gets a 304.
The prose is generated from the project's own sentence templates.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

TOWNS = ("Lembah Hijau", "Tanjung Biru", "Kota Arang", "Pasir Putih", "Bukit Damar", "Muara")
SUBJECTS = (
    "the ferry service", "the night market", "the rice harvest", "the river dam",
    "the school library", "the bus terminal", "the fishing cooperative", "the clinic",
)  # fmt: skip
VERBS = (
    "reopened", "expanded", "was inspected", "received new funding", "was delayed",
    "changed its schedule", "was praised by residents", "held a public hearing",
)  # fmt: skip
DETAILS = (
    "Officials said the work would take {n} weeks and cost less than last year.",
    "About {n} residents attended the meeting, which ran late into the evening.",
    "A spokesperson promised a written report within {n} days.",
    "Traders reported that sales rose by {n} percent during the first week.",
    "Teachers asked for {n} more volunteers to help on weekends.",
    "The regional office published the figures on its notice board at {n} o'clock.",
    "Farmers expect the next shipment in {n} days if the weather holds.",
    "Engineers counted {n} cracks that need repair before the rainy season.",
)
SECTIONS = ("region", "economy", "culture")
PER_PAGE = 10
FEED_SIZE = 30


@dataclass
class Story:
    id: int
    published: datetime
    modified: datetime
    edits: int = 0

    @property
    def path(self) -> str:
        return f"/news/{self.id}/{slugify(self.title)}"

    @property
    def section(self) -> str:
        return SECTIONS[self.id % len(SECTIONS)]

    @property
    def title(self) -> str:
        rng = random.Random(self.id)
        return f"{rng.choice(SUBJECTS).capitalize()} in {rng.choice(TOWNS)} {rng.choice(VERBS)}"

    def paragraphs(self) -> list[str]:
        rng = random.Random(self.id * 7919)
        town = rng.choice(TOWNS)
        out = [f"{self.title} on {self.published:%A}, report number {self.id} from {town}."]
        for i in range(5):
            detail = rng.choice(DETAILS).format(n=rng.randint(2, 90))
            subject = rng.choice(SUBJECTS)
            out.append(
                f"In {rng.choice(TOWNS)}, {subject} {rng.choice(VERBS)} as part of plan {i + 1}. "
                f"{detail} Story {self.id} continues with local voices and numbers."
            )
        for edit in range(self.edits):
            out.append(
                f"Update {edit + 1}: the office corrected the figures for story {self.id}; "
                f"the earlier total was wrong by {edit + 3} units, a clerk explained."
            )
        return out


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class Newsroom:
    """The state of the generated site; thread-safe enough for one writer (the test)."""

    def __init__(
        self, count: int, now: datetime | None = None, spacing: timedelta = timedelta(hours=2)
    ) -> None:
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self.lock = threading.Lock()
        self.stories: dict[int, Story] = {}
        for i in range(1, count + 1):
            when = self.now - spacing * (count - i) - timedelta(minutes=5)
            self.stories[i] = Story(i, when, when)

    def add(self, n: int, at: datetime | None = None) -> list[Story]:
        """Publish ``n`` new articles at ``at`` (default: the site's ``now``)."""
        with self.lock:
            start = max(self.stories) + 1
            when = at or self.now
            for i in range(start, start + n):
                self.stories[i] = Story(i, when, when)
            return [self.stories[i] for i in range(start, start + n)]

    def edit(self, ids: list[int], at: datetime | None = None) -> None:
        with self.lock:
            for i in ids:
                story = self.stories[i]
                story.edits += 1
                story.modified = at or self.now

    def newest(self, n: int | None = None) -> list[Story]:
        stories = sorted(self.stories.values(), key=lambda s: (s.published, s.id), reverse=True)
        return stories[:n] if n else stories

    def by_path(self, path: str) -> tuple[Story, bool] | None:
        """The story at an article path, and whether it is the AMP variant."""
        parts = path.strip("/").split("/")
        if len(parts) < 3 or parts[0] != "news" or not parts[1].isdigit():
            return None
        story = self.stories.get(int(parts[1]))
        if story is None or f"/{'/'.join(parts[:3])}" != story.path:
            return None
        if len(parts) == 3:
            return story, False
        return (story, True) if parts[3:] == ["amp"] else None

    # ------------------------------------------------------------------ rendering

    def article(self, base: str, story: Story, amp: bool) -> str:
        url = base + story.path
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "datePublished": story.published.isoformat(),
            "dateModified": story.modified.isoformat(),
            "author": {"@type": "Person", "name": f"Reporter {story.id % 17 + 1}"},
        }
        body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs())
        amp_link = "" if amp else f'<link rel="amphtml" href="{url}/amp">'
        return (
            f'<!doctype html><html lang="en"{" amp" if amp else ""}><head><meta charset="utf-8">'
            f"<title>{escape(story.title)}</title>"
            f'<link rel="canonical" href="{url}">{amp_link}'
            f'<script type="application/ld+json">{json.dumps(data)}</script></head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>{escape(story.title)}</h1>'
            f"{body}</article><footer>The Valley Courier</footer></body></html>"
        )

    def listing(self, stories: list[Story], title: str, extra: str = "") -> str:
        items = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in stories)
        sections = "".join(f'<a href="/section/{name}">{name}</a> ' for name in SECTIONS)
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            '<link rel="alternate" type="application/feed+json" href="/feed.json">'
            f"</head><body><nav>{sections}</nav><h1>{title}</h1><ul>{items}</ul>{extra}"
            "</body></html>"
        )

    def home(self) -> str:
        day = self.now.date()
        calendar = "".join(
            f'<a href="/archive/{d:%Y/%m/%d}/">{d:%d}</a> '
            for d in (day - timedelta(days=i) for i in range(7))
        )
        top = self.newest(1)[0]  # its AMP and print variants are the same article
        variants = (
            f'<a href="{top.path}/amp">AMP</a> <a href="{top.path}?print=1&utm_source=x">print</a>'
        )
        extra = f"<aside>{calendar}</aside>{variants}"
        return self.listing(self.newest(20), "The Valley Courier", extra)

    def section(self, name: str, page: int) -> str:
        stories = [s for s in self.newest() if s.section == name]
        chunk = stories[(page - 1) * PER_PAGE : page * PER_PAGE]
        # Endless pagination on purpose: the crawler must stop at NEWS_PAGINATION_MAX.
        more = f'<a rel="next" href="/section/{name}?page={page + 1}">next</a>'
        return self.listing(chunk, f"Section {name}, page {page}", more)

    def rss(self, base: str) -> str:
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>{base}{s.path}</link>"
            f"<pubDate>{format_datetime(s.published)}</pubDate></item>"
            for s in self.newest(FEED_SIZE)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>The Valley Courier</title><link>{base}/</link>{items}</channel></rss>"
        )

    def rdf(self, base: str) -> str:
        items = "".join(
            f'<item rdf:about="{base}{s.path}"><title>{escape(s.title)}</title>'
            f"<link>{base}{s.path}</link><dc:date>{s.published.isoformat()}</dc:date></item>"
            for s in self.newest(FEED_SIZE)
        )
        return (
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>The Valley Courier</title></channel>{items}</rdf:RDF>"
        )

    def atom(self, base: str) -> str:
        entries = "".join(
            f'<entry><title>{escape(s.title)}</title><link href="{base}{s.path}"/>'
            f"<id>{base}{s.path}</id><published>{s.published.isoformat()}</published>"
            f"<updated>{s.modified.isoformat()}</updated></entry>"
            for s in self.newest(FEED_SIZE)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>The Valley Courier</title><id>{base}/</id>{entries}</feed>"
        )

    def json_feed(self, base: str) -> str:
        items = [
            {
                "id": str(s.id),
                "url": base + s.path,
                "title": s.title,
                "date_published": s.published.isoformat(),
            }
            for s in self.newest(FEED_SIZE)
        ]
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "The Valley Courier"}
        return json.dumps({**feed, "items": items})

    def months(self) -> dict[str, list[Story]]:
        months: dict[str, list[Story]] = {}
        for story in self.stories.values():
            months.setdefault(f"{story.published:%Y-%m}", []).append(story)
        return months

    def sitemap_index(self, base: str) -> str:
        rows = [
            f"<sitemap><loc>{base}/sitemap-{month}.xml</loc>"
            f"<lastmod>{max(s.modified for s in stories).isoformat()}</lastmod></sitemap>"
            for month, stories in sorted(self.months().items())
        ]
        rows.append(f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{''.join(rows)}</sitemapindex>"
        )

    def sitemap(self, base: str, stories: list[Story], news: bool) -> str:
        rows = []
        for s in sorted(stories, key=lambda s: s.id):
            extra = (
                "<news:news><news:publication><news:name>The Valley Courier</news:name>"
                "<news:language>en</news:language></news:publication>"
                f"<news:publication_date>{s.published.isoformat()}</news:publication_date>"
                f"<news:title>{escape(s.title)}</news:title></news:news>"
                if news
                else f"<lastmod>{s.modified.isoformat()}</lastmod>"
            )
            rows.append(f"<url><loc>{base}{s.path}</loc>{extra}</url>")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{''.join(rows)}</urlset>"
        )

    def render(self, base: str, target: str) -> tuple[str, str, datetime] | None:
        """(content type, body, last change) of a request target, or None for a 404."""
        parts = urlsplit(target)
        path, query = parts.path, dict(parse_qsl(parts.query))
        with self.lock:
            newest = max((s.modified for s in self.stories.values()), default=self.now)
            html = "text/html; charset=utf-8"
            xml = "application/xml; charset=utf-8"
            if path == "/":
                return html, self.home(), newest
            if path.startswith("/section/") and path[9:] in SECTIONS:
                page = int(query.get("page", "1")) if query.get("page", "1").isdigit() else 1
                return html, self.section(path[9:], max(page, 1)), newest
            if path == "/robots.txt":
                text = f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap-index.xml\n"
                return "text/plain", text, self.now
            feeds = {"/rss.xml": self.rss, "/rdf.xml": self.rdf, "/atom.xml": self.atom}
            if path in feeds:
                return xml, feeds[path](base), newest
            if path == "/feed.json":
                return "application/feed+json", self.json_feed(base), newest
            if path == "/sitemap-index.xml":
                return xml, self.sitemap_index(base), newest
            if path == "/sitemap-news.xml":
                recent = [s for s in self.stories.values() if s.published > self.now - timedelta(2)]
                return xml, self.sitemap(base, recent, news=True), newest
            if path.startswith("/sitemap-") and path[9:-4] in self.months():
                stories = self.months()[path[9:-4]]
                return (
                    xml,
                    self.sitemap(base, stories, news=False),
                    max(s.modified for s in stories),
                )
            found = self.by_path(path)
            if found:
                story, amp = found
                return html, self.article(base, story, amp), story.modified
        return None

    def routes(self, base: str, extra: dict | None = None) -> dict:
        """A routes mapping for ``SiteServer`` that renders every request afresh.

        ``extra`` routes (path → ``Page``) are served as they are, before the site's.
        """
        return _Routes(self, base.rstrip("/"), extra or {})


class _Routes(dict):
    def __init__(self, room: Newsroom, base: str, extra: dict) -> None:
        super().__init__(extra)
        self.room, self.base = room, base

    def get(self, target: str, default: object = None) -> object:
        if target in self:
            return self[target]
        return lambda handler: serve(self.room, self.base, handler)


def serve(room: Newsroom, base: str, handler: BaseHTTPRequestHandler) -> None:
    """Answer one request, with validators and 304 for a matching conditional request."""
    found = room.render(base, handler.path)
    if found is None:
        body = b"<!doctype html><title>404</title><p>Not found</p>"
        handler.send_response(404)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return
    content_type, text, changed = found
    body = text.encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    last_modified = format_datetime(changed.astimezone(UTC), usegmt=True)
    if not_modified(handler, etag, changed):
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.end_headers()
        return
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("ETag", etag)
    handler.send_header("Last-Modified", last_modified)
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def not_modified(handler: BaseHTTPRequestHandler, etag: str, changed: datetime) -> bool:
    match = handler.headers.get("If-None-Match")
    if match is not None:
        return etag in [m.strip() for m in match.split(",")]
    since = handler.headers.get("If-Modified-Since")
    if since:
        try:
            return changed.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
