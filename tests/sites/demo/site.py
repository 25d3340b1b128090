"""Pages, feeds and sitemaps of the demo news site, plus a manifest for tests.

``build_site(base_url)`` renders every route of the fictional outlet Kabar
Nusantara (see ``sites.demo.stories``) into a dict mapping a request path to a
``Page`` (or to a callable that writes its own response). The manifest helpers
(``expected_articles``, ``boilerplate``, ``related_titles``, ``NON_ARTICLES``,
``BROKEN``) describe what a crawler and extractor should find there.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape as xml_escape

from sites.demo.stories import (
    ABOUT_PARAGRAPHS,
    CONTACT_LINES,
    DISCLAIMER,
    LANGUAGE_NAMES,
    LANGUAGES,
    OG_LOCALES,
    OUTLET,
    SECTIONS,
    SOCIAL_LABELS,
    STORIES,
    STORIES_BY_ID,
    TRANSLATIONS,
    UI,
    Story,
    Version,
)

__all__ = [
    "BROKEN",
    "LANGUAGES",
    "NON_ARTICLES",
    "Page",
    "Route",
    "article_path",
    "boilerplate",
    "build_site",
    "expected_articles",
    "related_titles",
]

HTML_TYPE = "text/html; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"


@dataclass
class Page:
    """A canned HTTP response."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML_TYPE})
    body: bytes = b""


Handler = Callable[[BaseHTTPRequestHandler], None]
Route = Page | Handler

# Planted problem URLs (linked from the Indonesian home page and listed in the
# Indonesian RSS feed) -> the kind of failure a crawler should record.
BROKEN: dict[str, str] = {
    "/berita/9001/halaman-hilang": "http_404",
    "/berita/9002/server-rusak": "http_500",
    "/berita/9003/laporan-tahunan.pdf": "not_html",
    "/berita/9004/galeri-raksasa": "too_big",
    "/admin/berita/9005/draft": "robots",
}
_BROKEN_TITLES: dict[str, str] = {
    "/berita/9001/halaman-hilang": "Berita yang sudah dihapus",
    "/berita/9002/server-rusak": "Laporan khusus: gangguan server",
    "/berita/9003/laporan-tahunan.pdf": "Laporan Tahunan Kabar Nusantara 2025 (PDF)",
    "/berita/9004/galeri-raksasa": "Galeri foto: 30 ribu gambar Nusantara",
    "/admin/berita/9005/draft": "Draf redaksi (internal)",
}
_BROKEN_DATE = "2026-01-15T12:00:00+07:00"
TOO_BIG_BYTES = 3 * 1024 * 1024


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a tag or section name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def article_path(story: Story, lang: str) -> str:
    """Path of one language version of a story."""
    if lang == "id":
        return f"/berita/{story.id}/{story.slug}"
    return f"/{lang}/news/{story.id}/{story.slug}"


def home_path(lang: str) -> str:
    return "/" if lang == "id" else f"/{lang}/"


def feed_path(lang: str) -> str:
    return "/rss.xml" if lang == "id" else f"/{lang}/rss.xml"


def tag_path(tag: str) -> str:
    return f"/tag/{slugify(tag)}"


def _all_tags() -> list[str]:
    tags: list[str] = []
    for story in STORIES:
        tags.extend(t for t in story.tags if t not in tags)
    return tags


NON_ARTICLES: list[str] = [
    *(home_path(lang) for lang in LANGUAGES),
    *(f"/kanal/{slug}" for slug in SECTIONS),
    *(tag_path(tag) for tag in _all_tags()),
    "/tentang",
    "/kontak",
]

_ARTICLE_RE = re.compile(r"^/(?:berita|(?P<lang>[a-z]{2})/news)/(?P<id>\d+)/(?P<slug>[^/]+)$")


def _newest_first(stories: tuple[Story, ...] | list[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: s.published, reverse=True)


def _related(story: Story, stories: tuple[Story, ...] = STORIES) -> list[Story]:
    index = stories.index(story)
    return [stories[(index + step) % len(stories)] for step in (1, 2, 3)]


def _lead(version: Version) -> str:
    first = version.paragraphs[0]
    match = re.match(r"(.+?(?:。|[.!?](?=\s|$)))", first)
    return match.group(1) if match else first


def _display_date(iso: str, lang: str) -> str:
    d = datetime.fromisoformat(iso)
    month = UI[lang].months[d.month - 1] if UI[lang].months else ""
    if lang == "id":
        return f"{d.day} {month} {d.year}, {d:%H.%M} WIB"
    if lang == "en":
        return f"{d.day} {month} {d.year}, {d:%H:%M} WIB"
    if lang == "fr":
        return f"{d.day} {month} {d.year} à {d:%H}h{d:%M} (WIB)"
    if lang == "ar":
        return f"{d.day} {month} {d.year}، {d:%H:%M}"
    return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}"


def _names(authors: tuple[str, ...], lang: str) -> str:
    if lang in ("zh", "ja"):
        return "、".join(authors)
    if lang == "ar":
        return "، ".join(authors)
    if lang in ("en", "fr") and len(authors) > 1:
        word = " and " if lang == "en" else " et "
        return ", ".join(authors[:-1]) + word + authors[-1]
    return ", ".join(authors)


def _byline(authors: tuple[str, ...], lang: str) -> str:
    label = UI[lang].byline
    sep = "" if label.endswith("：") else " "
    return f"{label}{sep}{_names(authors, lang)}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_page(text: str, status: int = 200) -> Page:
    return Page(status=status, headers={"Content-Type": HTML_TYPE}, body=text.encode("utf-8"))


def _typed(body: str | bytes, content_type: str) -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page(headers={"Content-Type": content_type}, body=data)


# --------------------------------------------------------------------------- HTML


def _header(lang: str, switcher: dict[str, str]) -> str:
    ui = UI[lang]
    home = home_path(lang)
    sections = "\n".join(
        f'        <li><a href="/kanal/{slug}">{_e(names[lang])}</a></li>'
        for slug, names in SECTIONS.items()
    )
    current = {code: ' aria-current="true"' if code == lang else "" for code in switcher}
    langs = "\n".join(
        f'        <li><a href="{_e(url)}" hreflang="{code}" lang="{code}"{current[code]}>'
        f"{_e(LANGUAGE_NAMES[code])}</a></li>"
        for code, url in switcher.items()
    )
    return f"""<header class="site-header">
  <div class="brand">
    <a class="logo" href="{home}" rel="home">{OUTLET}</a>
    <span class="tagline">{_e(ui.tagline)}</span>
  </div>
  <form class="search" action="/cari" method="get" role="search">
    <input type="search" name="q" aria-label="search">
  </form>
  <nav class="main-nav" aria-label="menu">
    <ul>
        <li><a href="{home}">{_e(ui.home)}</a></li>
{sections}
        <li><a href="/tentang">{_e(ui.about)}</a></li>
        <li><a href="/kontak">{_e(ui.contact)}</a></li>
    </ul>
  </nav>
  <nav class="lang-switcher" aria-label="language">
    <ul>
{langs}
    </ul>
  </nav>
</header>"""


def _footer(lang: str) -> str:
    ui = UI[lang]
    return f"""<footer class="site-footer">
  <nav class="footer-nav">
    <ul>
      <li><a href="/tentang">{_e(ui.about)}</a></li>
      <li><a href="/kontak">{_e(ui.contact)}</a></li>
      <li><a href="{feed_path(lang)}">RSS</a></li>
      <li><a href="/sitemap.xml">Sitemap</a></li>
    </ul>
  </nav>
  <p class="copyright">{_e(ui.copyright)}</p>
  <p class="address">{_e(ui.address)}</p>
</footer>"""


def _document(
    *, lang: str, title: str, head: str, body_class: str, main: str, switcher: dict[str, str]
) -> str:
    dir_attr = ' dir="rtl"' if lang == "ar" else ""
    return f"""<!doctype html>
<html lang="{lang}"{dir_attr}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
{head}
<link rel="stylesheet" href="/static/kn.css">
<script src="/static/kn.js" defer></script>
</head>
<body class="{body_class} lang-{lang}">
{_header(lang, switcher)}
<main id="content" class="container">
{main}
</main>
{_footer(lang)}
<script>window.knq = window.knq || []; window.knq.push(["pageview", location.pathname]);</script>
</body>
</html>
"""


def _alternate_links(urls: dict[str, str]) -> str:
    lines = [
        f'<link rel="alternate" hreflang="{code}" href="{_e(url)}">' for code, url in urls.items()
    ]
    lines.append(f'<link rel="alternate" hreflang="x-default" href="{_e(urls["id"])}">')
    return "\n".join(lines)


def _feed_links(base: str, lang: str) -> str:
    feeds = [("rss", "RSS", feed_path(lang))]
    if lang == "en":
        feeds.append(("atom", "Atom", "/atom.xml"))
    return "\n".join(
        f'<link rel="alternate" type="application/{kind}+xml"'
        f' title="{OUTLET} {name}" href="{base}{path}">'
        for kind, name, path in feeds
    )


def _json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _article_urls(base: str, story: Story) -> dict[str, str]:
    return {lang: base + article_path(story, lang) for lang in LANGUAGES}


def _image_url(base: str, story: Story) -> str:
    return f"{base}/foto/{story.id}.svg"


def render_article(base: str, story: Story, lang: str, stories: tuple[Story, ...] = STORIES) -> str:
    """Full HTML of one language version of a story."""
    version = story.versions[lang]
    urls = _article_urls(base, story)
    return _document(
        lang=lang,
        title=f"{version.title} | {OUTLET}",
        head="\n".join(_article_head(base, story, lang, urls[lang], urls)),
        body_class="page-article",
        main=_article_main(base, story, lang, urls[lang], stories),
        switcher=urls,
    )


def _article_ld(base: str, story: Story, lang: str, url: str) -> dict[str, Any]:
    """The story's schema.org NewsArticle."""
    version = story.versions[lang]
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title,
        "description": _lead(version),
        "datePublished": story.published,
    }
    if story.modified:
        ld["dateModified"] = story.modified
    ld.update(
        {
            "author": [{"@type": "Person", "name": name} for name in story.authors],
            "publisher": {
                "@type": "Organization",
                "name": OUTLET,
                "logo": {"@type": "ImageObject", "url": f"{base}/static/logo.svg"},
            },
            "inLanguage": lang,
            "articleSection": SECTIONS[story.section][lang],
            "keywords": ", ".join(story.tags),
            "image": _image_url(base, story),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        }
    )
    return ld


def _article_head(base: str, story: Story, lang: str, url: str, urls: dict[str, str]) -> list[str]:
    """The article's <head> tags: description, canonical, alternates, OpenGraph, JSON-LD."""
    version = story.versions[lang]
    section = SECTIONS[story.section][lang]
    description = _lead(version)
    image = _image_url(base, story)
    meta = [
        f'<meta name="description" content="{_e(description)}">',
        f'<meta name="author" content="{_e(", ".join(story.authors))}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<link rel="canonical" href="{_e(url)}">',
        _alternate_links(urls),
        _feed_links(base, lang),
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_e(version.title)}">',
        f'<meta property="og:description" content="{_e(description)}">',
        f'<meta property="og:url" content="{_e(url)}">',
        f'<meta property="og:image" content="{_e(image)}">',
        f'<meta property="og:site_name" content="{OUTLET}">',
        f'<meta property="og:locale" content="{OG_LOCALES[lang]}">',
        *(
            f'<meta property="og:locale:alternate" content="{OG_LOCALES[o]}">'
            for o in LANGUAGES
            if o != lang
        ),
        f'<meta property="article:published_time" content="{story.published}">',
    ]
    if story.modified:
        meta.append(f'<meta property="article:modified_time" content="{story.modified}">')
    meta.append(f'<meta property="article:section" content="{_e(section)}">')
    meta.extend(f'<meta property="article:tag" content="{_e(tag)}">' for tag in story.tags)
    meta.append('<meta name="twitter:card" content="summary_large_image">')
    meta.append(_json_ld(_article_ld(base, story, lang, url)))
    return meta


def _share_buttons(url: str, title: str) -> str:
    q_url, q_title = quote(url, safe=""), quote(title, safe="")
    share_hrefs = (
        f"https://www.facebook.com/sharer/sharer.php?u={q_url}",
        f"https://x.com/intent/post?url={q_url}&text={q_title}",
        f"https://wa.me/?text={q_title}%20{q_url}",
        f"https://t.me/share/url?url={q_url}&text={q_title}",
    )
    return "\n".join(
        f'      <a class="share-btn share-{slugify(label.split()[0])}" href="{_e(href)}"'
        f' rel="nofollow noopener" target="_blank">{_e(label)}</a>'
        for label, href in zip(SOCIAL_LABELS, share_hrefs, strict=True)
    )


def _article_main(
    base: str, story: Story, lang: str, url: str, stories: tuple[Story, ...] = STORIES
) -> str:
    """The article's <main>: breadcrumb, header, photo, share buttons, body, related, tags."""
    version = story.versions[lang]
    ui = UI[lang]
    section = SECTIONS[story.section][lang]
    image = _image_url(base, story)
    share = _share_buttons(url, version.title)
    paragraphs = "\n".join(f"      <p>{_e(p)}</p>" for p in version.paragraphs)
    if lang != "id":
        paragraphs += f'\n      <p class="translation-note"><em>{_e(DISCLAIMER)}</em></p>'
    updated = ""
    if story.modified:
        updated = (
            f' <span class="updated">{_e(ui.updated)} <time datetime="{story.modified}">'
            f"{_e(_display_date(story.modified, lang))}</time></span>"
        )
    related = "\n".join(
        f'        <li><a href="{_e(base + article_path(other, lang))}">'
        f"{_e(other.versions[lang].title)}</a></li>"
        for other in _related(story, stories)
    )
    tags = "\n".join(
        f'        <li><a href="{tag_path(tag)}" rel="tag">{_e(tag)}</a></li>' for tag in story.tags
    )
    published = _display_date(story.published, lang)
    main = f"""<nav class="breadcrumb"><a href="{home_path(lang)}">{_e(ui.home)}</a> ›
  <a href="/kanal/{story.section}">{_e(section)}</a></nav>
<article class="article" id="article-{story.id}">
  <header class="article-header">
    <span class="kicker">{_e(section)}</span>
    <h1 class="article-title">{_e(version.title)}</h1>
    <div class="article-meta">
      <span class="byline">{_e(_byline(story.authors, lang))}</span>
      <time class="published" datetime="{story.published}">{_e(published)}</time>{updated}
    </div>
  </header>
  <figure class="article-photo">
    <img src="{_e(image)}" alt="{_e(version.title)}" width="800" height="450">
    <figcaption>{_e(version.caption)}</figcaption>
  </figure>
  <div class="share">
      <span class="share-label">{_e(ui.share)}</span>
{share}
  </div>
  <div class="article-body">
{paragraphs}
  </div>
  <aside class="related-news">
    <h2>{_e(ui.related)}</h2>
    <ul>
{related}
    </ul>
  </aside>
  <div class="article-tags">
    <span class="tags-label">{_e(ui.tags)}</span>
    <ul>
{tags}
    </ul>
  </div>
</article>"""
    return main


def _page_head(
    base: str,
    *,
    path: str,
    title: str,
    description: str,
    lang: str,
    alternates: dict[str, str] | None,
) -> str:
    url = base + path
    lines = [
        f'<meta name="description" content="{_e(description)}">',
        f'<link rel="canonical" href="{_e(url)}">',
    ]
    if alternates:
        lines.append(_alternate_links(alternates))
    lines += [
        _feed_links(base, lang),
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{_e(title)}">',
        f'<meta property="og:url" content="{_e(url)}">',
        f'<meta property="og:site_name" content="{OUTLET}">',
        f'<meta property="og:locale" content="{OG_LOCALES[lang]}">',
    ]
    return "\n".join(lines)


def _story_list(base: str, stories: list[Story], lang: str) -> str:
    items = []
    for story in stories:
        version = story.versions[lang]
        items.append(
            f"""    <li class="news-item">
      <a class="news-link" href="{_e(base + article_path(story, lang))}">{_e(version.title)}</a>
      <span class="kicker">{_e(SECTIONS[story.section][lang])}</span>
      <time datetime="{story.published}">{_e(_display_date(story.published, lang))}</time>
      <p class="teaser">{_e(_lead(version))}</p>
    </li>"""
        )
    return '<ul class="news-list">\n' + "\n".join(items) + "\n</ul>"


def _home_switcher(base: str) -> dict[str, str]:
    return {lang: base + home_path(lang) for lang in LANGUAGES}


def render_home(base: str, lang: str, stories: tuple[Story, ...] = STORIES) -> str:
    ui = UI[lang]
    path = home_path(lang)
    head = _page_head(
        base,
        path=path,
        title=f"{OUTLET} – {ui.tagline}",
        description=ui.tagline,
        lang=lang,
        alternates=_home_switcher(base),
    )
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": OUTLET,
        "url": base + path,
        "inLanguage": lang,
    }
    head += "\n" + _json_ld(website)
    main = f"""<section class="headlines">
  <h1 class="page-title">{OUTLET}</h1>
  <h2>{_e(ui.latest)}</h2>
{_story_list(base, _newest_first(STORIES), lang)}
</section>"""
    if lang == "id":
        extra = "\n".join(
            f'    <li><a href="{_e(base + p)}">{_e(_BROKEN_TITLES[p])}</a></li>' for p in BROKEN
        )
        main += f"""
<section class="archive-links">
  <h2>Arsip &amp; Dokumen</h2>
  <ul>
{extra}
  </ul>
</section>"""
    return _document(
        lang=lang,
        title=f"{OUTLET} – {ui.tagline}",
        head=head,
        body_class="page-home",
        main=main,
        switcher=_home_switcher(base),
    )


def _render_listing(base: str, path: str, heading: str, stories: list[Story]) -> str:
    story_list = _story_list(base, _newest_first(stories), "id")
    return _render_section_page(base, path, heading, story_list, "listing")


def _render_static(base: str, path: str, heading: str, body: str) -> str:
    return _render_section_page(base, path, heading, body, "static")


def _render_section_page(base: str, path: str, heading: str, inner: str, kind: str) -> str:
    """An Indonesian non-article page: a heading and its content (a listing or text)."""
    head = _page_head(
        base,
        path=path,
        title=f"{heading} | {OUTLET}",
        description=f"{heading} – {OUTLET}",
        lang="id",
        alternates=None,
    )
    main = f"""<section class="{kind}-page">
  <h1 class="page-title">{_e(heading)}</h1>
{inner}
</section>"""
    return _document(
        lang="id",
        title=f"{heading} | {OUTLET}",
        head=head,
        body_class=f"page-{kind}",
        main=main,
        switcher=_home_switcher(base),
    )


def _render_gallery(base: str) -> str:
    """A legitimate-looking but huge (> 3 MiB) HTML page."""
    head = _page_head(
        base,
        path="/berita/9004/galeri-raksasa",
        title="Galeri foto",
        description="Galeri foto",
        lang="id",
        alternates=None,
    )
    item = (
        '<figure class="gallery-item">'
        '<img src="/foto/galeri/{n}.jpg" alt="Foto {n}" width="320" height="200">'
        "<figcaption>Foto nomor {n} dari arsip galeri Kabar Nusantara, "
        "dokumentasi kegiatan warga di berbagai daerah.</figcaption></figure>"
    )
    parts: list[str] = []
    size, n = 0, 0
    while size < TOO_BIG_BYTES:
        n += 1
        chunk = item.format(n=n)
        parts.append(chunk)
        size += len(chunk) + 1
    main = (
        '<section class="gallery">\n<h1 class="page-title">Galeri foto</h1>\n'
        + "\n".join(parts)
        + "\n</section>"
    )
    return _document(
        lang="id",
        title="Galeri foto | Kabar Nusantara",
        head=head,
        body_class="page-gallery",
        main=main,
        switcher=_home_switcher(base),
    )


_FAKE_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)

_CSS = """body{font-family:Georgia,serif;margin:0;color:#222}
.site-header,.site-footer{background:#0b3d5c;color:#fff;padding:1rem}
.site-header a,.site-footer a{color:#fff}
.main-nav ul,.lang-switcher ul,.footer-nav ul,.article-tags ul{list-style:none;display:flex}
.container{max-width:760px;margin:auto;padding:1rem}
.share{display:flex;gap:.5rem;margin:1rem 0}
.translation-note{font-size:.85rem;color:#666}
.related-news{border-top:2px solid #0b3d5c;margin-top:2rem}
[dir=rtl] .main-nav ul{flex-direction:row-reverse}
"""

_JS = "window.knq=window.knq||[];document.documentElement.classList.add('js');\n"


def _svg(story: Story) -> str:
    title = xml_escape(story.versions["id"].title)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450">'
        '<rect width="800" height="450" fill="#2a6f97"/>'
        f'<text x="24" y="420" fill="#fff" font-size="20">{title}</text></svg>'
    )


# -------------------------------------------------------------------- feeds, maps


def _rfc822(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso))


def render_rss(base: str, lang: str, stories: tuple[Story, ...] = STORIES) -> str:
    ui = UI[lang]
    items = []
    for story in _newest_first(stories):
        version = story.versions[lang]
        url = base + article_path(story, lang)
        creators = "".join(f"<dc:creator>{xml_escape(a)}</dc:creator>" for a in story.authors)
        items.append(
            f"<item><title>{xml_escape(version.title)}</title><link>{url}</link>"
            f'<guid isPermaLink="true">{url}</guid><pubDate>{_rfc822(story.published)}</pubDate>'
            f"<description>{xml_escape(_lead(version))}</description>{creators}"
            f"<category>{xml_escape(SECTIONS[story.section][lang])}</category></item>"
        )
    if lang == "id":
        for path, title in _BROKEN_TITLES.items():
            url = base + path
            items.append(
                f"<item><title>{xml_escape(title)}</title><link>{url}</link>"
                f'<guid isPermaLink="true">{url}</guid><pubDate>{_rfc822(_BROKEN_DATE)}</pubDate>'
                f"<description>{xml_escape(title)}</description><dc:creator>Redaksi</dc:creator></item>"
            )
    newest = _newest_first(stories)[0]
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{OUTLET} ({LANGUAGE_NAMES[lang]})</title>
<link>{base}{home_path(lang)}</link>
<description>{xml_escape(ui.tagline)}</description>
<language>{lang}</language>
<lastBuildDate>{_rfc822(newest.modified or newest.published)}</lastBuildDate>
<atom:link href="{base}{feed_path(lang)}" rel="self" type="application/rss+xml"/>
{body}
</channel>
</rss>
"""


def render_atom(base: str, stories: tuple[Story, ...] = STORIES) -> str:
    entries = []
    for story in _newest_first(stories):
        version = story.versions["en"]
        url = base + article_path(story, "en")
        authors = "".join(f"<author><name>{xml_escape(a)}</name></author>" for a in story.authors)
        entries.append(
            f"<entry><id>{url}</id><title>{xml_escape(version.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{url}"/>'
            f"<published>{story.published}</published>"
            f"<updated>{story.modified or story.published}</updated>"
            f"{authors}<summary>{xml_escape(_lead(version))}</summary></entry>"
        )
    newest = _newest_first(stories)[0]
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>{base}/en/</id>
<title>{OUTLET} (English)</title>
<subtitle>{xml_escape(UI["en"].tagline)}</subtitle>
<updated>{newest.modified or newest.published}</updated>
<link rel="self" type="application/atom+xml" href="{base}/atom.xml"/>
<link rel="alternate" type="text/html" href="{base}/en/"/>
{body}
</feed>
"""


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_sitemap_index(base: str, stories: tuple[Story, ...] = STORIES) -> str:
    newest = _newest_first(stories)[0]
    lastmod = newest.modified or newest.published
    maps = ("/sitemap-articles.xml.gz", "/sitemap-news.xml", "/sitemap-pages.xml")
    body = "\n".join(
        f"<sitemap><loc>{base}{m}</loc><lastmod>{lastmod}</lastmod></sitemap>" for m in maps
    )
    return f'{_XML_DECL}<sitemapindex xmlns="{_SITEMAP_NS}">\n{body}\n</sitemapindex>\n'


def render_sitemap_articles(base: str, stories: tuple[Story, ...] = STORIES) -> str:
    urls = []
    for story in stories:
        alternates = _article_urls(base, story)
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{c}" href="{u}"/>'
            for c, u in alternates.items()
        )
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{alternates["id"]}"/>'
        for lang in LANGUAGES:
            urls.append(
                f"<url><loc>{alternates[lang]}</loc>"
                f"<lastmod>{story.modified or story.published}</lastmod>{links}</url>"
            )
    return _urlset(urls, 'xmlns:xhtml="http://www.w3.org/1999/xhtml"')


def render_sitemap_news(base: str, stories: tuple[Story, ...] = STORIES) -> str:
    urls = []
    for lang in ("id", "en"):
        for story in stories:
            urls.append(
                f"<url><loc>{base}{article_path(story, lang)}</loc><news:news><news:publication>"
                f"<news:name>{OUTLET}</news:name><news:language>{lang}</news:language></news:publication>"
                f"<news:publication_date>{story.published}</news:publication_date>"
                f"<news:title>{xml_escape(story.versions[lang].title)}</news:title></news:news></url>"
            )
    return _urlset(urls, 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def render_sitemap_pages(base: str) -> str:
    return _urlset(
        f"<url><loc>{base}{p}</loc><changefreq>daily</changefreq></url>" for p in NON_ARTICLES
    )


def _urlset(urls: Iterable[str], namespaces: str = "") -> str:
    """A sitemap urlset document around ``<url>`` elements."""
    body = "\n".join(urls)
    extra = f" {namespaces}" if namespaces else ""
    return f'{_XML_DECL}<urlset xmlns="{_SITEMAP_NS}"{extra}>\n{body}\n</urlset>\n'


def render_robots(base: str) -> str:
    return f"User-agent: *\nDisallow: /admin/\nDisallow: /cari\n\nSitemap: {base}/sitemap.xml\n"


# -------------------------------------------------------------------------- site


def build_site(base_url: str, stories: tuple[Story, ...] = STORIES) -> dict[str, Route]:
    """Every route of the demo site, with absolute links built on ``base_url``."""
    base = base_url.rstrip("/")
    routes: dict[str, Route] = {}
    for story in stories:
        for lang in LANGUAGES:
            routes[article_path(story, lang)] = _html_page(
                render_article(base, story, lang, stories)
            )
        routes[f"/foto/{story.id}.svg"] = _typed(_svg(story), "image/svg+xml")
    for lang in LANGUAGES:
        routes[home_path(lang)] = _html_page(render_home(base, lang, stories))
        routes[feed_path(lang)] = _typed(
            render_rss(base, lang, stories), "application/rss+xml; charset=utf-8"
        )
    for slug, names in SECTIONS.items():
        in_section = [s for s in stories if s.section == slug]
        routes[f"/kanal/{slug}"] = _html_page(
            _render_listing(base, f"/kanal/{slug}", names["id"], in_section)
        )
    for tag in _all_tags():
        tagged = [s for s in stories if tag in s.tags]
        routes[tag_path(tag)] = _html_page(
            _render_listing(base, tag_path(tag), f"Tag: {tag}", tagged)
        )
    about = "\n".join(f"  <p>{_e(p)}</p>" for p in ABOUT_PARAGRAPHS)
    routes["/tentang"] = _html_page(_render_static(base, "/tentang", UI["id"].about, about))
    contact = (
        "  <address>\n"
        + "<br>\n".join(f"    {_e(line)}" for line in CONTACT_LINES)
        + "\n  </address>"
    )
    routes["/kontak"] = _html_page(_render_static(base, "/kontak", UI["id"].contact, contact))

    routes["/atom.xml"] = _typed(render_atom(base, stories), "application/atom+xml; charset=utf-8")
    routes["/robots.txt"] = _typed(render_robots(base), "text/plain; charset=utf-8")
    routes["/sitemap.xml"] = _typed(render_sitemap_index(base, stories), XML_TYPE)
    routes["/sitemap-articles.xml.gz"] = _typed(
        gzip.compress(render_sitemap_articles(base, stories).encode("utf-8"), mtime=0),
        "application/x-gzip",
    )
    routes["/sitemap-news.xml"] = _typed(render_sitemap_news(base, stories), XML_TYPE)
    routes["/sitemap-pages.xml"] = _typed(render_sitemap_pages(base), XML_TYPE)
    routes["/static/kn.css"] = _typed(_CSS, "text/css; charset=utf-8")
    routes["/static/kn.js"] = _typed(_JS, "application/javascript; charset=utf-8")

    # Planted problems; /berita/9001/halaman-hilang is simply absent (-> 404).
    routes["/berita/9002/server-rusak"] = _html_page(
        "<!doctype html><html><head><title>500 Internal Server Error</title></head>"
        "<body><h1>Internal Server Error</h1></body></html>",
        status=500,
    )
    routes["/berita/9003/laporan-tahunan.pdf"] = _typed(_FAKE_PDF, "application/pdf")
    routes["/berita/9004/galeri-raksasa"] = _html_page(_render_gallery(base))
    routes["/admin/berita/9005/draft"] = _html_page(
        _render_static(
            base,
            "/admin/berita/9005/draft",
            "Draf redaksi",
            "  <p>Draf internal, jangan diterbitkan.</p>",
        )
    )
    return routes


# ---------------------------------------------------------------------- manifest


def expected_articles(base_url: str) -> list[dict[str, Any]]:
    """One dict per article page (8 stories x 6 languages) describing its content."""
    base = base_url.rstrip("/")
    articles = []
    for story in STORIES:
        for lang in LANGUAGES:
            version = story.versions[lang]
            terms = ([version.native_term] if version.native_term else []) + list(story.terms)
            articles.append(
                {
                    "url": base + article_path(story, lang),
                    "story": story.slug,
                    "story_id": story.id,
                    "language": lang,
                    "is_original": lang == "id",
                    "title": version.title,
                    "authors": list(story.authors),
                    "published_at": story.published,
                    "modified_at": story.modified,
                    "section": SECTIONS[story.section][lang],
                    "tags": list(story.tags),
                    "search_terms": terms,
                    "paragraphs": list(version.paragraphs),
                    "caption": version.caption,
                }
            )
    return articles


def boilerplate(language: str) -> list[str]:
    """Strings of the page chrome that must never show up in extracted article text."""
    ui = UI[language]
    strings = [
        ui.share,
        *SOCIAL_LABELS,
        ui.related,
        ui.tags,
        ui.copyright,
        ui.address,
        ui.tagline,
        ui.home,
        ui.about,
        ui.contact,
        *LANGUAGE_NAMES.values(),
        *(story.versions[language].caption for story in STORIES),
    ]
    if language in TRANSLATIONS:
        strings.append(DISCLAIMER)
    return strings


def related_titles(url: str) -> list[str]:
    """Headlines listed in the related-news block of the article at ``url``."""
    match = _ARTICLE_RE.match(urlsplit(url).path)
    if not match or int(match["id"]) not in STORIES_BY_ID:
        raise KeyError(f"not an article URL of the demo site: {url}")
    lang = match["lang"] or "id"
    story = STORIES_BY_ID[int(match["id"])]
    return [other.versions[lang].title for other in _related(story)]
