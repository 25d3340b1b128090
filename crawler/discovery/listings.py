"""Link rules: which links of a page are worth fetching, and in which order.

Plain functions, no Scrapy. A news site's home page links to its sections,
which paginate (``?page=2``, ``/page/2``, ``rel=next``) and sometimes offer
calendars whose every day and month is a link (``/2026/03/04/``, ``?date=``);
an article whose permalink ends in a date after its slug
(``/why-tutoring-works/2025/11``) or sits under an archive path is not one.
What a fetched page *is* is decided by the page itself (``pipelines.extract.classify``);
a link's URL shape only orders the queue and bounds the crawl (``link_verdict``):
a link that looks like an article is fetched first, any other page link is
fetched too, calendar links and pagination past a page number never, and files,
logins, searches and feeds are not pages to read. Settings read: none (the
spider passes ``NEWS_SECTION_DEPTH``, ``NEWS_SECTION_PAGES``, ``NEWS_PAGINATION_MAX``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from pipelines.urls import NON_ARTICLE_EXTENSIONS, looks_like_article

# ``p`` is not among them: WordPress's ``?p=3289`` is a post, its pagination ``?paged=``.
PAGE_PARAMS = {"page", "paged", "pg", "halaman", "hal", "start", "offset"}
PAGE_PATH = re.compile(r"/(?:page|halaman|hal|p)/(\d+)/?$", re.IGNORECASE)
CALENDAR_PARAMS = {"date", "day", "month", "year", "tanggal", "tgl", "calendar", "cal", "from"}
# A calendar or archive page, and nothing after it but dates: /archive/, /arsip/2026/03/.
# An article filed under an archive path (/ideas/archive/2020/08/<slug>/<id>/) is not one.
CALENDAR_PAGE = re.compile(
    r"(?:^|/)(?:calendar|kalender|archives?|arsip|indeks)(?:/\d{1,4}){0,3}/?$", re.IGNORECASE
)
# A path that ends in a date (/2026/, /2026/03/, /2026/03/04/, /2026-03-04), and what
# comes before it: a day's archive of a section, unless that is an article's slug. A
# bare number ending a path is a year only from 1990 on: /browse/fitness-equipment/1915
# is an item's id, and news sites' year archives start with the web.
DATE_END = re.compile(
    r"(?:^|/)([^/]*)/(?:(?:19|20)\d\d(?:/[01]?\d(?:/[0-3]?\d)?|-[01]\d(?:-[0-3]\d)?)"
    r"|199\d|20\d\d)/?$"
)
SLUG_WORDS = 4  # a segment of four or more hyphenated words is an article's slug
NOT_LISTINGS = re.compile(
    r"/(?:login|logout|register|signup|account|subscribe|search|cari|cart|share|print|amp"
    r"|feed|rss|wp-admin|wp-json|cdn-cgi)(?:/|$)",
    re.IGNORECASE,
)


def page_number(url: str) -> int | None:
    """The page number a paginated listing URL asks for, if it asks for one."""
    parts = urlsplit(url)
    match = PAGE_PATH.search(parts.path)
    if match:
        return int(match[1])
    for key, value in parse_qsl(parts.query):
        if key.lower() in PAGE_PARAMS and value.isdigit():
            return int(value)
    return None


def is_calendar(url: str) -> bool:
    """A date archive or calendar link: each one leads to more of them (a crawl trap)."""
    parts = urlsplit(url)
    if any(key.lower() in CALENDAR_PARAMS for key, _ in parse_qsl(parts.query)):
        return True
    if CALENDAR_PAGE.search(parts.path):
        return True
    dated = DATE_END.search(parts.path)
    return dated is not None and len(re.split(r"[-_]", dated[1])) < SLUG_WORDS


def is_listing(url: str) -> bool:
    """Could this same-site, non-article link be a section or home page worth reading?"""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if NON_ARTICLE_EXTENSIONS.search(parts.path) or NOT_LISTINGS.search(parts.path):
        return False
    return not is_calendar(url)


def link_verdict(url: str, pattern: str | None, pagination_max: int) -> str:
    """What to do with a same-site link of a page.

    ``article`` (looks like one: fetch it first), ``page`` (fetch it: the page
    decides), ``trap`` (a calendar link shaped like an article: recorded once,
    never fetched), ``calendar``, ``not_page`` (a file, a login, a search, a feed)
    or ``pagination_limit``: not fetched. A source's ``article_pattern`` says which
    links are article-shaped, alone.
    """
    article = looks_like_article(url, pattern)
    calendar = is_calendar(url)
    if article and not calendar:
        return "article"
    if calendar:
        return "trap" if article else "calendar"
    if not is_listing(url):
        return "not_page"
    number = page_number(url)
    if number is not None and number > pagination_max:
        return "pagination_limit"
    return "page"
