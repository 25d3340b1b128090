"""htmldate's quick then extensive search in one pass (``pipelines.extract.finddate``): the
same date as htmldate's two ``find_date`` calls, on crafted pages that each date at
another step, and the tree left as it was."""

from __future__ import annotations

import pytest
from htmldate import find_date
from lxml import html

from pipelines.extract import finddate

MAX = "2026-01-15"
PAGES = [  # (body, url): each dated (or not) at another of htmldate's steps
    ("<p>Nothing dated here at all.</p>", "https://example.org/news/story"),
    ("<p>Story</p>", "https://example.org/2021/03/04/story"),
    ('<meta name="date" content="2020-05-06"><p>Story</p>', None),
    ('<meta name="date" content="opublikowano: 7 kwietnia 2021"><p>x</p>', None),
    ('<script type="application/ld+json">{"datePublished": "2019-02-03"}</script>', None),
    ('<abbr class="published" title="2018-07-08">8 July</abbr>', None),
    ('<div class="date">Posted on 12 March 2017</div>', None),
    ('<span class="byline">opublikowano: 7 kwietnia 2021</span>', None),
    ("<time>2016-09-10</time><p>Story</p>", None),
    ("<p>Stamp 2015-04-05T10:11:12 in the text</p>", None),
    ("<p>Before<script>var x = 1;</script>2014-03-02 after</p><style>p{}</style>tail", None),
    ("<p>x<script>s</script></p><p>Updated 03.02.2013 by the desk</p>", None),
    ("<p>Das Fest am 5. Okotober 2003 feierte hier der Verein</p>", None),
    ("<div>opublikowano: 7 kwietnia 2021 w dziale</div>", None),
    ("<div>Copyright © 2012 Example</div><p>Text</p>", None),
    ("<div>Date 4 May 2011 in the prose, written late</div>", None),
    ("<p>On 2010/06/07 it rained</p>", None),
    ('<link rel="canonical" href="https://example.org/2009-08-09/a"><p>x</p>', None),
    ('<meta property="og:image" content="https://cdn.example.org/2008/01/02/a.jpg">', None),
]


def tree_of(body: str) -> html.HtmlElement:
    return html.fromstring(f"<html><head><title>T</title></head><body>{body}</body></html>")


def two_calls(tree: html.HtmlElement, url: str | None) -> str | None:
    options = {"url": url, "original_date": True, "outputformat": "%Y-%m-%d", "max_date": MAX}
    quick = find_date(tree, extensive_search=False, **options)
    return quick or find_date(tree, extensive_search=True, **options) or None


def test_written_for_this_htmldate() -> None:
    assert finddate.MIRRORED


@pytest.mark.parametrize(("body", "url"), PAGES)
def test_same_date_as_htmldates_two_calls(body: str, url: str | None) -> None:
    tree = tree_of(body)
    before = html.tostring(tree)
    assert (finddate.searched(tree, url, MAX) or None) == two_calls(tree, url)
    assert html.tostring(tree) == before


def test_the_pages_date_at_several_steps() -> None:
    found = [two_calls(tree_of(body), url) for body, url in PAGES]
    assert found[0] is None
    assert len({value for value in found if value}) > 10


def test_stripped_puts_scripts_and_tails_back() -> None:
    tree = tree_of(
        "<div>a<script>s1</script>b<!-- c --><style>y</style>d<p>e</p><script>z</script></div>"
        "<script>only</script>"
    )
    before = html.tostring(tree)
    with finddate.stripped(tree):
        assert " ".join(tree.itertext()) == "T ab d e"
    assert html.tostring(tree) == before
