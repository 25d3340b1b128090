"""Dates in an article's own ``<footer>`` (its meta line under the headline), and a
JSON-LD build stamp whose page shows only its update, through the real extraction."""

from __future__ import annotations

import json

from pipelines.extract.page import extract

FETCHED = "2026-11-28T12:00:00+00:00"
URL = "https://gazette.example/news/quay-plan"
BODY = "\n".join(
    f"<p>The harbour board of Port Alder approved plan number {n} for the north quay on a "
    f"close vote, after residents asked for changes to the ferry timetable and the fees.</p>"
    for n in range(1, 6)
)
EVENT = "<p>On Monday (16 November 2026) the barge left the quay with the first load.</p>"


def page(article: str, ld: dict | None = None, head: str = "", tag: str = "article") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quay plan</title>'
        f'<meta property="og:type" content="article">{head}{script}</head><body>'
        f"<{tag}>{article}</{tag}></body></html>"
    )


def published(html: str) -> tuple[str, str]:
    found = extract(html, URL, fetched_at=FETCHED)
    assert not found.get("skip_reason"), found
    return found["published_at"], found["published_source"]


def test_the_date_line_in_the_article_s_footer_is_read_by_the_headline():
    """A build stamp yields to an older date printed by the headline; the article's own
    ``<footer>`` under the ``<h1>`` prints the stamp's day, so the event the story tells
    does not replace it. The same ``<footer>`` outside an ``<article>`` is the page's."""
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-20T13:10:22Z",
        "dateModified": "2026-11-20T13:10:22Z",
    }
    header = (
        "<header><h1>Quay plan approved</h1><footer class='article-meta'>"
        "<p>20.11.2026 | 14:10</p><p>Harbour desk</p></footer></header>"
    )
    assert published(page(header + EVENT + BODY, ld)) == ("2026-11-20T13:10:22+00:00", "json-ld")
    assert published(page(header + EVENT + BODY, ld, tag="div")) == ("2026-11-16", "shown")


def test_a_time_element_in_the_article_s_footer_dates_it():
    head = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'
    line = (
        "<footer><p>Posted <time datetime='2026-03-04T10:00:00+01:00'>4 March</time></p></footer>"
    )
    article = "<h1>Quay plan approved</h1>" + line + BODY
    assert published(page(article, head=head)) == ("2026-03-04T10:00:00+01:00", "time")
    assert published(page(article, head=head, tag="div")) == ("2026-03-19T09:00:00+00:00", "meta")


def test_a_build_stamp_whose_headline_shows_only_the_update_is_published_then():
    """JSON-LD alone states the publication, within a day of its modified date and on a
    day no ``<time>`` prints (a build stamp); the headline shows the update's day only
    ("As of ..."): that is the day the page gives its readers. A meta tag that states
    the publication too keeps it."""
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-06T18:19+01:00",
        "dateModified": "2026-11-07T10:14+01:00",
    }
    article = "<h1>Quay plan approved</h1><p>As of 7 November 2026, 07:30</p>" + BODY
    assert published(page(article, ld)) == ("2026-11-07T10:14:00+01:00", "shown")
    head = '<meta property="article:published_time" content="2026-11-06T18:19:00+01:00">'
    assert published(page(article, ld, head)) == ("2026-11-06T18:19:00+01:00", "json-ld")


def test_a_date_that_ends_a_range_of_days_is_the_story_s_not_the_page_s():
    """The story's first line gives the days of a sale ("from 2.11. - 20.11.2026"):
    the date printed above the headline dates the page, and one that ends a range is
    never read, whatever words start it; a clock before a dash starts no range."""
    above = "<p>Back to the newsroom 06.11.2026</p>"
    story = "<p>Residents may buy shares from 2.11. - 20.11.2026 at the harbour office.</p>"
    html = page(above + "<h1>Quay plan approved</h1>" + story + BODY)
    assert published(html) == ("2026-11-06", "shown")
    for line, day in (
        ("The fair runs 3 to 5 March 2026.", "2026-11-06"),
        ("Die Messe läuft vom 9. bis 10. Februar 2026.", "2026-11-06"),
        ("Posted 10:27 - 20.11.2026", "2026-11-20"),
    ):
        html = page(above + "<h1>Quay plan approved</h1><p>" + line + "</p>" + BODY)
        assert published(html)[0] == day, line


def test_body_text_is_read_once_per_tree() -> None:
    """The page's text is kept for the last tree read (not the tree), and a new tree gets
    its own."""
    from lxml import html

    from pipelines.extract import pagedates

    first = html.fromstring("<html><body><p>Published:  4 March   2026</p></body></html>")
    second = html.fromstring("<html><body><p>Erschienen am 5. März 2026</p></body></html>")
    assert pagedates.body_text(first) == "Published:  4 March   2026"
    assert pagedates.body_text(first) is pagedates.body_text(first)
    assert pagedates.label_text(first) == "published: 4 march 2026"
    assert pagedates.label_text(second) == "erschienen am 5. märz 2026"
    assert pagedates.body_text(first) == "Published:  4 March   2026"
    kept = pagedates._READ[0]
    del first
    assert kept() is None  # the tree is not held: freed with its page
