"""Embedded demo news site (fictional outlet Kabar Nusantara) for crawler tests.

``build_site`` renders the pages, ``SiteServer`` serves them on loopback, and the
manifest helpers say what a crawl of the site should find.
"""

from sites.demo.server import SiteServer
from sites.demo.site import (
    BROKEN,
    LANGUAGES,
    NON_ARTICLES,
    Page,
    Route,
    boilerplate,
    build_site,
    expected_articles,
    related_titles,
)

__all__ = [
    "BROKEN",
    "LANGUAGES",
    "NON_ARTICLES",
    "Page",
    "Route",
    "SiteServer",
    "boilerplate",
    "build_site",
    "expected_articles",
    "related_titles",
]
