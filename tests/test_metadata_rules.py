"""Date, author and paywall rules on crafted pages, through the real extraction."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pipelines.extract import pagedates, parse
from pipelines.extract.authors import clean_authors
from pipelines.extract.page import extract
from pipelines.extract.pagedates import url_date

FETCHED = "2026-11-28T12:00:00+00:00"
NOW = datetime.fromisoformat(FETCHED)
BODY = "\n".join(
    f"<p>The harbour board of Port Alder approved plan number {n} for the north quay on a "
    f"close vote, after residents asked for changes to the ferry timetable and the fees.</p>"
    for n in range(1, 6)
)


def page(head: str = "", body: str = BODY, ld: dict | None = None, before: str = "") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quay plan</title>'
        f'<meta property="og:type" content="article">{head}{script}</head><body>{before}'
        f"<article><h1>Quay plan approved</h1>{body}</article></body></html>"
    )


def run(html: str, url: str = "https://gazette.example/news/quay-plan") -> dict:
    article = extract(html, url, fetched_at=FETCHED)
    assert not article.get("skip_reason"), article
    return article


def dates(article: dict) -> tuple:
    return (
        article["published_at"],
        article["published_source"],
        article["modified_at"],
        article["modified_source"],
    )


# --------------------------------------------------------------------------- dates


def test_timezone_of_an_agreeing_source_completes_a_bare_date():
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04"}
    head = '<meta property="article:published_time" content="2026-03-04T08:15:00+07:00">'
    assert dates(run(page(head, ld=ld)))[:2] == ("2026-03-04T08:15:00+07:00", "meta")


def test_timezone_from_time_element_for_a_naive_json_ld_datetime():
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04T08:15:00"}
    body = '<time class="published" datetime="2026-03-04T08:15:00-05:00">4 March</time>' + BODY
    assert dates(run(page(body=body, ld=ld)))[:2] == ("2026-03-04T08:15:00-05:00", "time")


def test_a_disagreeing_source_does_not_override():
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04T08:15:00"}
    head = '<meta property="article:published_time" content="2026-03-05T09:00:00+07:00">'
    assert dates(run(page(head, ld=ld)))[:2] == ("2026-03-04T08:15:00", "json-ld")


def test_modified_only_page_gets_it_as_published_marked_modified():
    head = '<meta property="article:modified_time" content="2026-03-05T10:00:00+01:00">'
    body = "<p>Updated 5 March 2026</p>" + BODY
    assert dates(run(page(head, body=body))) == (
        "2026-03-05T10:00:00+01:00",
        "modified",
        "2026-03-05T10:00:00+01:00",
        "meta",
    )


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        # the date printed just before the label of the stated update: the publication
        ("<p>Reported by Ana Reyes 2 March 2026. Updated: 5 March 2026</p>", "2026-03-02"),
        ("<p>Filed 2 Mar 2026 | Last updated on 5 Mar 2026</p>", "2026-03-02"),
        # an update of another day, or no label between the dates: the update stands
        ("<p>Reported 2 March 2026. Updated: 4 March 2026</p>", "2026-03-05T10:00:00+01:00"),
        ("<p>Filed 2 March 2026, read 5 March 2026</p>", "2026-03-05T10:00:00+01:00"),
    ],
)
def test_a_modified_only_page_prints_its_publication_before_the_update(closing, expected):
    head = '<meta property="article:modified_time" content="2026-03-05T10:00:00+01:00">'
    found = dates(run(page(head, body=BODY + closing)))
    assert found[0] == expected
    assert found[1] == ("shown" if len(expected) == 10 else "modified")
    assert found[2:] == ("2026-03-05T10:00:00+01:00", "meta")


def test_a_modified_only_page_s_labelled_publication_is_its_published_date():
    head = '<meta property="article:modified_time" content="2026-03-05T10:00:00+01:00">'
    closing = "<p>Published 2 Mar 2026 | Last updated on 5 Mar 2026</p>"
    assert dates(run(page(head, body=BODY + closing))) == (
        "2026-03-02",
        "labelled",
        "2026-03-05T10:00:00+01:00",
        "meta",
    )


def test_a_url_date_gives_the_day_a_utc_clock_moved():
    head = '<meta property="article:published_time" content="2026-03-05T02:40:00+00:00">'
    article = run(page(head), "https://gazette.example/2026/03/04/quay-plan")
    assert dates(article)[:2] == ("2026-03-04", "url")


def test_the_same_moment_with_the_page_offset_beats_utc():
    head = '<meta property="article:published_time" content="2026-03-05T03:05:00Z">'
    body = '<time class="published" datetime="2026-03-04T19:05:00-08:00">4 March</time>' + BODY
    assert dates(run(page(head, body=body)))[:2] == ("2026-03-04T19:05:00-08:00", "time")


def test_the_day_the_page_prints_beats_a_utc_clock_that_moved_it():
    shown = '<p>By Ana Reyes, <time datetime="2026-03-05T02:40:00Z">March 4, 2026</time></p>'
    assert dates(run(page(body=shown + BODY)))[:2] == ("2026-03-04", "time")
    same = '<p>By Ana Reyes, <time datetime="2026-03-05T02:40:00Z">March 5, 2026</time></p>'
    assert dates(run(page(body=same + BODY)))[:2] == ("2026-03-05T02:40:00+00:00", "time")


def test_a_utc_clock_stays_when_the_other_day_is_out_of_any_zone():
    head = '<meta property="article:published_time" content="2026-03-05T15:00:00Z">'
    article = run(page(head), "https://gazette.example/2026/03/04/quay-plan")
    assert dates(article)[:2] == ("2026-03-05T15:00:00+00:00", "meta")


def test_update_time_element_is_modified_never_published():
    body = (
        '<div class="meta"><span class="updated">Updated <time datetime="2026-03-06T09:30:00Z">'
        "6 March</time></span></div>" + BODY
    )
    got = dates(run(page(body=body)))
    assert got[2:] == ("2026-03-06T09:30:00+00:00", "time")
    assert got[:2] == ("2026-03-06T09:30:00+00:00", "modified")  # the page's only date


def test_future_dates_in_scripts_and_json_ld_are_refused():
    ld = {"@type": "NewsArticle", "datePublished": "2031-01-01T00:00:00Z"}
    before = (
        '<script>var countdown = {"datePublished": "2030-05-01T00:00:00Z", '
        '"ends": "2029-12-31"};</script>'
    )
    head = '<meta property="article:published_time" content="2026-03-04T08:15:00+07:00">'
    assert dates(run(page(head, ld=ld, before=before)))[:2] == ("2026-03-04T08:15:00+07:00", "meta")
    only_future = page(ld=ld, before=before)
    assert run(only_future)["published_at"] is None


def test_date_in_the_url_when_the_page_states_none():
    article = run(page(), "https://gazette.example/2026/03/04/quay-plan")
    assert dates(article)[:2] == ("2026-03-04", "url")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2026/03/04/slug", "2026-03-04"),
        ("https://x.example/news/2026-3-4-slug", "2026-03-04"),
        ("https://x.example/20260304/slug", "2026-03-04"),
        ("https://x.example/2026/13/40/slug", None),
        ("https://x.example/story/123456789", None),
        ("https://x.example/a?d=2026/03/04", None),
    ],
)
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_time_elements_of_related_lists_are_ignored():
    before = (
        '<aside class="related"><ul><li><a href="/old">Old story</a>'
        '<time datetime="2024-01-02T10:00:00Z">2 Jan 2024</time></li></ul></aside>'
    )
    body = '<time datetime="2026-03-04T08:15:00+07:00">4 March</time>' + BODY
    assert dates(run(page(body=body, before=before)))[:2] == ("2026-03-04T08:15:00+07:00", "time")


def test_time_element_of_the_article_on_a_page_whose_classes_name_furniture():
    """The page's own classes ("this page has a sidebar") make no <time> furniture."""
    body = '<p class="byline">On <time>4 March 2026</time> in News</p>' + BODY
    head = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'
    html = page(head, body=body).replace("<body>", '<body class="single has-sidebar">')
    assert dates(run(html))[:2] == ("2026-03-04", "time")


def test_time_elements_of_a_sidebar_widget_are_still_ignored():
    before = (
        '<div class="widget widget_recent_entries"><a href="/old">Old story</a>'
        "<time>2 January 2026</time></div>"
    )
    head = '<meta property="article:published_time" content="2026-03-04T09:00:00+00:00">'
    assert dates(run(page(head, before=before)))[:2] == ("2026-03-04T09:00:00+00:00", "meta")


def test_a_date_wrapper_named_after_a_news_list_is_no_list():
    """A news module's detail page keeps its list's class names ("news-list-date") for
    the article's own date; a real list ("news-list-view") is still furniture."""
    head = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'
    own = (
        '<p><span class="news-list-date"><time itemprop="datePublished" datetime="2026-03-04">'
        "04.03.2026</time></span></p>"
    )
    assert dates(run(page(head, body=own + BODY)))[:2] == ("2026-03-04", "time")
    listed = (
        '<div class="news-list-view"><p><a href="/old">Old story</a>'
        '<time datetime="2026-01-02">02.01.2026</time></p></div>'
    )
    assert dates(run(page(head, body=BODY + listed)))[:2] == ("2026-03-19T09:00:00+00:00", "meta")


def test_a_layout_with_a_sidebar_is_no_sidebar():
    """ "lay-sidebar", "has-sidebar", "sidebar__main" name a layout that has a sidebar,
    and its main column: the article's <time> there counts."""
    head = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'
    for outer, inner in (("lay-sidebar", "sidebar__main"), ("with-sidebar", "column")):
        html = page(head).replace(
            "<article>",
            f'<div class="{outer}"><div class="{inner}"><p><time datetime="2026-03-04">'
            f"4 March 2026</time></p></div></div><article>",
        )
        assert dates(run(html))[:2] == ("2026-03-04", "time"), outer


def test_an_aside_of_the_article_holds_its_date_one_of_the_page_does_not():
    head = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'
    facts = (
        '<aside class="meta"><p class="meta-posted">Posted '
        '<time datetime="2026-03-04T10:00:00+01:00">4.3.2026, 10:00</time></p></aside>'
    )
    article = run(page(head, body=facts + BODY))
    assert dates(article)[:2] == ("2026-03-04T10:00:00+01:00", "time")
    html = page(head).replace("<article>", facts + "<article>")  # the page's sidebar
    assert dates(run(html))[:2] == ("2026-03-19T09:00:00+00:00", "meta")


def test_a_date_above_the_headline_beats_one_written_in_the_story():
    """A date far into the text after the headline is a date the story tells (an event);
    the one printed right above the headline dates the article."""
    above = "<p class='kicker'>Newsroom · 4 March 2026</p>"
    story = (
        "<p>The harbour board of Port Alder approved the plan for the north quay after a long "
        "debate, and residents who asked for changes to the ferry timetable will be heard "
        "again at a public session of the board, which meets in the town hall of Port Alder "
        "with the ferry operators and the fishermen's union "
        "from 9 May 2026 to discuss the fees.</p>"
    )
    assert dates(run(page(before=above, body=story + BODY)))[:2] == ("2026-03-04", "shown")


def test_a_byline_date_under_the_headline_beats_a_masthead_date_above_it():
    above = "<p class='masthead'>Friday, 27 November 2026</p>"
    byline = "<p>By the Gazette's harbour desk, with reporting from the quay · 4 March 2026</p>"
    assert dates(run(page(before=above, body=byline + BODY)))[:2] == ("2026-03-04", "shown")


def test_modified_before_published_is_dropped():
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-03-04T08:15:00+07:00",
        "dateModified": "2026-03-01T08:15:00+07:00",
    }
    assert dates(run(page(ld=ld))) == ("2026-03-04T08:15:00+07:00", "json-ld", None, None)


def test_modified_the_same_day_as_a_date_only_published_is_kept():
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04", "dateModified": "2026-03-04"}
    assert dates(run(page(ld=ld)))[2] == "2026-03-04"


def test_the_date_printed_under_the_headline_when_the_markup_states_none():
    nav = "<nav><p>Today: 27 November 2026</p></nav>"
    byline = "<p>By Ana Reyes · March 4, 2026 · 4 min read</p>"
    later = "<p>The quay was first built on 12 May 2001, and rebuilt in 2010.</p>"
    article = run(page(body=byline + BODY + later, before=nav))
    assert dates(article) == ("2026-03-04", "shown", None, None)


def test_a_date_printed_just_before_the_headline_counts_too():
    before = "<p class='kicker'>Harbour · 4 Maret 2026</p>"
    assert dates(run(page(before=before)))[:2] == ("2026-03-04", "shown")


def test_a_printed_update_is_a_modified_date_the_page_s_only_date():
    byline = "<p>By Ana Reyes. Last updated: Mar 5, 2026</p>"
    assert dates(run(page(body=byline + BODY))) == ("2026-03-05", "modified", "2026-03-05", "shown")


def test_the_printed_date_beats_a_later_stated_modified_date_only_as_published():
    head = '<meta property="article:modified_time" content="2026-03-09T10:00:00+01:00">'
    byline = "<p>By Ana Reyes, 4 March 2026</p>"
    article = run(page(head, body=byline + BODY))
    assert dates(article) == ("2026-03-04", "shown", "2026-03-09T10:00:00+01:00", "meta")


def test_a_stated_date_beats_the_printed_one():
    head = '<meta property="article:published_time" content="2026-03-02T08:00:00+01:00">'
    byline = "<p>By Ana Reyes, 4 March 2026</p>"
    assert dates(run(page(head, body=byline + BODY)))[:2] == ("2026-03-02T08:00:00+01:00", "meta")


def test_an_originally_published_note_gives_the_first_publication():
    head = '<meta property="article:published_time" content="2026-09-30T11:07:00+10:00">'
    note = (
        "<p class='disclaimer'>This story was originally published on <span>26 Sep 2019 at "
        "4:12pm</span> and has been updated since.</p>"
    )
    assert dates(run(page(head, body=BODY + note)))[:2] == ("2019-09-26T16:12:00", "original")


def test_an_originally_published_note_in_another_language():
    note = "<p>Ursprünglich veröffentlicht am 4. März 2026 in der Hafenzeitung.</p>"
    assert dates(run(page(body=BODY + note)))[:2] == ("2026-03-04", "original")


@pytest.mark.parametrize(
    "phrase",
    [
        "Originally\n      published",
        "FIRST PUBLISHED",
        "ursprünglich erschienen",
        "Publiée initialement",
        "paru pour la première fois",
        "publicado originalmente",
        "originalmente publicada",
        "pubblicato originariamente",
        "Awalnya diterbitkan",
        "pertama kali terbit",
    ],
)
def test_every_originally_published_phrase_passes_the_words_test(phrase):
    assert pagedates.ORIGINAL.search(" ".join(phrase.split()))
    assert pagedates.may_hold_original(f"text before. {phrase} on 4 march 2026.".lower())


def test_a_page_without_the_phrase_fails_the_words_test():
    text = "published by the harbour office. " + "the ferry left at dawn. " * 5 + "first light"
    assert not pagedates.may_hold_original(text)


def test_the_time_by_the_headline_beats_a_date_list_before_it():
    before = (
        "<div class='latest'><ul><li><time datetime='2026-11-20T12:00:00Z'>11/20/2026</time> "
        "Ferry timetable changes</li></ul></div>"
    )
    body = "<div class='meta'><time datetime='2026-03-04T12:00:00Z'>03/04/2026</time></div>"
    html = page(body=body + BODY, before=before)
    assert dates(run(html))[:2] == ("2026-03-04T12:00:00+00:00", "time")


def test_a_dated_list_of_other_stories_in_the_article_is_not_its_date():
    banner = "<div class='banner'><time datetime='2026-03-04 12:22'>04.03.2026</time></div>"
    more = (
        "<div class='weitere'><ul><li><time datetime='2026-02-10 11:05'>10.02.2026</time> "
        "Ferry fees</li><li><time datetime='2026-01-04 10:02'>04.01.2026</time> Pilots</li>"
        "</ul></div>"
    )
    html = page(body=BODY + more, before=banner)
    assert dates(run(html))[:2] == ("2026-03-04T12:22:00", "time")


def test_the_json_ld_web_page_dates_when_the_article_object_has_none():
    ld = {
        "@graph": [
            {"@type": "Article", "headline": "Quay plan approved"},
            {
                "@type": "WebPage",
                "datePublished": "2026-03-04T08:15:00+00:00",
                "dateModified": "2026-03-09T10:00:00+00:00",
            },
        ]
    }
    assert dates(run(page(ld=ld))) == (
        "2026-03-04T08:15:00+00:00",
        "json-ld",
        "2026-03-09T10:00:00+00:00",
        "json-ld",
    )


@pytest.mark.parametrize(
    ("modified", "byline", "expected"),
    [
        ("2026-11-20T16:02:46Z", "<p>By Ana Reyes, 14 May 2026</p>", ("2026-05-14", "shown")),
        # the stamp is a real update: published and modified differ
        ("2026-11-27T09:00:00Z", "<p>By Ana Reyes, 14 May 2026</p>", ("2026-11-20", "json-ld")),
        # a printed update is the one date the page shows: it beats the stamp too
        ("2026-11-20T16:02:46Z", "<p>Updated 14 May 2026</p>", ("2026-05-14", "shown")),
        ("2026-11-20T16:02:46Z", "<p>Updated 24 November 2026</p>", ("2026-11-24", "shown")),
        # a later printed date, not an update, leaves the stated one
        (
            "2026-11-20T16:02:46Z",
            "<p>By Ana Reyes, 24 November 2026</p>",
            ("2026-11-20", "json-ld"),
        ),
    ],
)
def test_an_older_printed_date_beats_a_json_ld_build_stamp(modified, byline, expected):
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-20T16:02:46Z",
        "dateModified": modified,
    }
    published, source = dates(run(page(body=byline + BODY, ld=ld)))[:2]
    assert (published[:10], source) == expected
    confirmed = run(page(body=byline + BODY, ld=ld), "https://gazette.example/2026/11/20/quay")
    assert dates(confirmed)[:2] == ("2026-11-20T16:02:46+00:00", "json-ld")  # the URL's day


def test_a_printed_update_leaves_a_json_ld_stamp_a_meta_tag_seconds_a_publication():
    """A meta tag states a publication: the page's markup is not only a build stamp,
    and the printed update is a modified date."""
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-20",
        "dateModified": "2026-11-20",
    }
    head = '<meta property="article:published_time" content="2024-02-11T10:00:00+00:00">'
    found = dates(run(page(head, body="<p>Updated 24 November 2026</p>" + BODY, ld=ld)))
    assert found[:2] == ("2026-11-20", "json-ld")


def test_a_printed_update_later_than_a_json_ld_stamp_is_published_and_modified():
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-06-17",
        "dateModified": "2026-06-17",
    }
    found = dates(run(page(body="<p>Updated Nov 18, 2026 · 12 min read</p>" + BODY, ld=ld)))
    assert found == ("2026-11-18", "shown", "2026-11-18", "shown")


def test_a_json_ld_stamp_the_article_s_time_element_prints_is_its_publication():
    """Published and modified within a day, but the article's ``<time>`` prints that day:
    an earlier date in the text (an event it reports) does not replace it."""
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-20T09:30:00+07:00",
        "dateModified": "2026-11-20T14:05:00+07:00",
    }
    byline = '<p>By Ana Reyes <time datetime="2026-11-20T09:30:00+07:00">20/11</time></p>'
    event = "<p>The barge left the quay on Monday (16 November 2026) with the first load.</p>"
    got = dates(run(page(body=byline + event + BODY, ld=ld)))[:2]
    assert got == ("2026-11-20T09:30:00+07:00", "json-ld")  # the same value: the markup's
    alone = dates(run(page(body="<p>By Ana Reyes</p>" + event + BODY, ld=ld)))[:2]
    assert alone == ("2026-11-16", "shown")  # without it, the stamp yields to the text


def test_a_json_ld_stamp_a_footer_s_time_element_prints_is_its_publication():
    """The post's footer, which the article's candidates skip, prints the stamp's day
    in a ``<time>``: no build stamp, so an event date in the text does not replace it."""
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2026-11-20T13:15:08+00:00",
        "dateModified": "2026-11-20T13:15:10+00:00",
    }
    event = "<p>The barge left the quay on Monday (16 November 2026) with the first load.</p>"
    footer = (
        "<footer><p>Posted on <time datetime='2026-11-20T14:15:08+01:00'>20/11/2026</time>"
        "</p></footer>"
    )
    html = page(body="<p>By Ana Reyes</p>" + event + BODY, ld=ld)
    assert dates(run(html))[:2] == ("2026-11-16", "shown")  # the stamp yields to the text
    html = html.replace("</article>", "</article>" + footer)
    assert dates(run(html))[:2] == ("2026-11-20T13:15:08+00:00", "json-ld")


def test_the_article_s_printed_time_element_beats_a_disagreeing_json_ld_date():
    ld = {"@type": "NewsArticle", "datePublished": "2024-04-05T00:00:00-04:00"}
    body = '<p>By Ana Reyes <time datetime="2026-03-04T09:00:08-05:00">March 4</time></p>'
    assert dates(run(page(body=body + BODY, ld=ld)))[:2] == ("2026-03-04T09:00:08-05:00", "time")
    agreeing = '<p>By Ana Reyes <time datetime="2024-04-05">5 April 2024</time></p>'
    got = dates(run(page(body=agreeing + BODY, ld=ld)))[:2]
    assert got == ("2024-04-05T00:00:00-04:00", "json-ld")  # the more precise of the two
    head = '<meta property="article:published_time" content="2026-03-05T15:00:00Z">'
    other = '<time class="published" datetime="2026-03-04T19:05:00-08:00">4 March</time>' + BODY
    assert dates(run(page(head, body=other)))[:2] == ("2026-03-04T19:05:00-08:00", "time")


@pytest.mark.parametrize(
    "byline",
    [
        '<p>By Ana Reyes. Updated on <time datetime="2026-03-09">9 March 2026</time></p>',
        '<p>By Ana Reyes <time class="pubdate" datetime="2026-03-09">Last updated: '
        "Mar 9, 2026</time></p>",
    ],
)
def test_a_time_element_printed_as_an_update_is_a_modified_date(byline):
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04T08:15:00+07:00"}
    assert dates(run(page(body=byline + BODY, ld=ld))) == (
        "2026-03-04T08:15:00+07:00",
        "json-ld",
        "2026-03-09",
        "time",
    )


def test_now_is_the_fetch_time():
    assert datetime.fromisoformat(FETCHED) == NOW.astimezone(UTC)


# --------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("By Ana Lima, Tom Reyes and Kofi Mensah", ["Ana Lima", "Tom Reyes", "Kofi Mensah"]),
        ("Oleh: Rina Wulandari dan Bagus Santoso", ["Rina Wulandari", "Bagus Santoso"]),
        ("Par Claire Martin et Julien Petit", ["Claire Martin", "Julien Petit"]),
        ("Von Anna Müller und Jonas Weber", ["Anna Müller", "Jonas Weber"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Mario Rossi e Luca Bianchi", ["Mario Rossi", "Luca Bianchi"]),
        ("作者：王伟、李娜", ["王伟", "李娜"]),
        ("佐藤花子、鈴木一郎", ["佐藤花子", "鈴木一郎"]),
        ("بقلم: أحمد علي، سارة حسن", ["أحمد علي", "سارة حسن"]),
        ("Jane Doe, Senior Correspondent", ["Jane Doe"]),
        ("By Jane Doe and Tom Reyes, Staff Writers", ["Jane Doe", "Tom Reyes"]),
        ("Reporter: Budi Santoso; Editor: Sari Dewi", ["Budi Santoso", "Sari Dewi"]),
        ("John Smith | Updated March 3, 2026 10:00", ["John Smith"]),
        ("By Jane Doe on 12 March 2026", ["Jane Doe"]),
        ("Sarah Connor, 2 hours ago", ["Sarah Connor"]),
        ("Ines Varga - 4 min read", ["Ines Varga"]),
        ("Jane Doe (Reuters)", ["Jane Doe"]),
        ("JANE DOE", ["Jane Doe"]),
        ("Maria de Souza", ["Maria de Souza"]),
        ("Harbour Gazette", []),
        ("Harbour Gazette Staff", []),
        ("Reuters", []),
        ("https://facebook.com/janedoe", []),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors([raw], "Harbour Gazette") == expected


def test_authors_from_the_byline_when_metadata_names_nobody():
    body = '<p class="byline">By Jane Doe and Tom Reyes, Staff Writers</p>' + BODY
    article = run(page(body=body))
    assert article["authors"] == ["Jane Doe", "Tom Reyes"]
    assert "Staff Writers" not in article["text"]


def test_json_ld_authors_win_and_are_cleaned():
    ld = {
        "@type": "NewsArticle",
        "author": [{"@type": "Person", "name": "By RINA WULANDARI"}, {"name": "Gazette"}],
        "publisher": {"@type": "Organization", "name": "Gazette"},
    }
    body = '<p class="byline">By Someone Else</p>' + BODY
    head = '<meta property="og:site_name" content="Gazette">'
    assert run(page(head, body=body, ld=ld))["authors"] == ["Rina Wulandari"]


@pytest.mark.parametrize(
    ("site", "kept"),
    [("Ana Reyes", True), ("Harbour Gazette", False), ("Alder Media Group", False), ("KFF", False)],
)
def test_a_site_named_after_its_author_keeps_the_author(site, kept):
    head = f'<meta property="og:site_name" content="{site}"><meta name="author" content="{site}">'
    assert run(page(head))["authors"] == ([site] if kept else [])


# --------------------------------------------------------------------------- paywall


@pytest.mark.parametrize(
    ("head", "ld_extra", "body_extra", "expected"),
    [
        ("", {"isAccessibleForFree": "False"}, "", 1),
        ("", {"isAccessibleForFree": False}, "", 1),
        ("", {"hasPart": {"isAccessibleForFree": False, "cssSelector": ".paid"}}, "", 1),
        ("", {"isAccessibleForFree": True}, '<div class="paywall"></div>', 0),
        ('<meta property="article:content_tier" content="locked">', {}, "", 1),
        (
            '<meta property="article:content_tier" content="free">',
            {},
            '<div id="paywall"></div>',
            0,
        ),
        ("", {}, '<div class="article-paywall offer"></div>', 1),
        ("", {}, '<div class="no-paywalls-here"></div>', 0),
        ("", {}, "", 0),
    ],
)
def test_paywalled(head, ld_extra, body_extra, expected):
    ld = {"@type": "NewsArticle", **ld_extra}
    assert run(page(head, body=BODY + body_extra, ld=ld))["paywalled"] == expected


def test_digits_of_other_scripts_are_not_a_date():
    from pipelines.extract.dates import normalise_date

    assert normalise_date("2020-08-29T10:46:06+০১:০০") is None


def test_the_text_around_the_headline_is_read_outwards_from_it():
    html = (
        "<html><head><title>Harbour News</title><script>var d='2020-01-01';</script></head>"
        "<body><nav>Home World 1 January 2021</nav><div class='crumbs'>Ports <b>/ Ferries</b>"
        "</div><article><div class='kicker'>Tuesday, 4 March 2026</div>"
        "<h1>Ferry <em>timetable</em> changes</h1><!-- a note --> tail"
        "<ul class='related-stories'><li>5 March 2026 Other story</li></ul>"
        "<p>By Ana Reyes</p><p>" + "The harbour office said. " * 40 + "</p></article>"
        "<footer>6 March 2026</footer></body></html>"
    )
    before, after = pagedates.text_around_headline(parse.page_tree(html))
    assert before == "Ports / Ferries Tuesday, 4 March 2026"
    assert after.startswith("Ferry timetable changes tail By Ana Reyes The harbour office said.")
    assert len(after) == pagedates.SHOWN_AFTER and "5 March" not in after


def test_a_headline_in_noscript_has_no_text_around_it():
    html = "<html><body><p>4 March 2026</p><noscript><h1>Ferry</h1></noscript></body></html>"
    assert pagedates.text_around_headline(parse.page_tree(html)) == ("", "")


@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        # published in JSON-LD alone, the headline shows only the update: the update
        ("", "<p>Updated March 4, 2026</p>", ("2026-03-04T09:30:00+00:00", "shown")),
        ("", "<p>Last updated: 04 Mar 2026</p>", ("2026-03-04T09:30:00+00:00", "shown")),
        # the update's day printed without a label is still the one date it shows
        (
            "",
            "<p>By Ana Reyes March 4, 2026 | 3 comments</p>",
            ("2026-03-04T09:30:00+00:00", "shown"),
        ),
        # the byline shows the publication, or another day: JSON-LD's
        (
            "",
            "<p>Published May 2, 2025 · Updated March 4, 2026</p>",
            ("2025-05-02T14:41:07+00:00", "json-ld"),
        ),
        ("", "<p>March 6, 2026</p>", ("2025-05-02T14:41:07+00:00", "json-ld")),
        # a meta tag states the publication too: it stands
        (
            '<meta property="article:published_time" content="2025-05-02T14:41:07+00:00">',
            "<p>Updated March 4, 2026</p>",
            ("2025-05-02T14:41:07+00:00", "json-ld"),
        ),
    ],
)
def test_an_update_the_headline_shows_beats_a_publication_only_json_ld_states(
    head, byline, expected
):
    ld = {
        "@type": "Article",
        "datePublished": "2025-05-02T14:41:07Z",
        "dateModified": "2026-03-04T09:30:00Z",
    }
    found = dates(run(page(head, body=byline + BODY, ld=ld)))
    assert found[:2] == expected
    assert found[2] == "2026-03-04T09:30:00+00:00"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # an update shown between the publication and the stated update: the page's date
        ("<p>By Ana Reyes · Updated February 10, 2026</p>", ("2026-02-10", "shown")),
        # one shown after the stated update, or before the publication: JSON-LD's stands
        ("<p>By Ana Reyes · Updated March 9, 2026</p>", ("2025-05-02T14:41:07+00:00", "json-ld")),
        ("<p>By Ana Reyes · Updated April 9, 2025</p>", ("2025-05-02T14:41:07+00:00", "json-ld")),
    ],
)
def test_an_update_the_headline_shows_on_another_day_than_the_stated_one(byline, expected):
    ld = {
        "@type": "Article",
        "datePublished": "2025-05-02T14:41:07Z",
        "dateModified": "2026-03-04T09:30:00Z",
    }
    found = dates(run(page(body=byline + BODY, ld=ld)))
    assert found == (*expected, "2026-03-04T09:30:00+00:00", "json-ld")


@pytest.mark.parametrize("typed", ["2025-05-02", "2025-05-02T00:00:00.000Z"])
def test_a_json_ld_publication_without_a_time_of_day_stands_against_a_shown_update(typed):
    """A day without a time (bare, or midnight to the second) is a date an editor set,
    not the CMS entry's creation: the update the headline shows is only a modified date."""
    ld = {"@type": "Article", "datePublished": typed, "dateModified": "2026-03-04T09:30:00Z"}
    found = dates(run(page(body="<p>Updated March 4, 2026</p>" + BODY, ld=ld)))
    assert (found[0][:10], found[1], found[2]) == (
        "2025-05-02",
        "json-ld",
        "2026-03-04T09:30:00+00:00",
    )


@pytest.mark.parametrize(
    ("meta_date", "expected"),
    [
        # republished: the meta tag, rewritten, is a later day than JSON-LD's first draft
        ("2026-03-04T08:00:00+01:00", ("2026-03-04T08:00:00+01:00", "meta")),
        # an older meta date does not beat JSON-LD's
        ("2024-01-10T08:00:00+01:00", ("2025-05-02T10:00:00+01:00", "json-ld")),
    ],
)
def test_a_later_meta_publication_beats_json_ld_s(meta_date, expected):
    ld = {"@type": "NewsArticle", "datePublished": "2025-05-02T10:00:00+01:00"}
    head = f'<meta property="article:published_time" content="{meta_date}">'
    assert dates(run(page(head, ld=ld)))[:2] == expected


def test_the_printed_time_still_beats_a_later_meta_publication():
    ld = {"@type": "NewsArticle", "datePublished": "2025-05-02T10:00:00+01:00"}
    head = '<meta property="article:published_time" content="2026-03-04T08:00:00+01:00">'
    body = '<time class="published" datetime="2025-05-02T10:00:00+01:00">2 May 2025</time>'
    assert dates(run(page(head, body=body + BODY, ld=ld)))[:2] == (
        "2025-05-02T10:00:00+01:00",
        "json-ld",
    )


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the headline prints the markup's day: two sources beat the <time> of the page
        ("<p>By Ana Reyes, 4 March 2026</p>", ("2026-03-04T08:00:00+01:00", "json-ld")),
        # nothing printed, or an update printed: the article's <time> stands
        ("<p>By Ana Reyes</p>", ("2026-02-20", "time")),
        ("<p>Updated 4 March 2026</p>", ("2026-02-20", "time")),
    ],
)
def test_a_stated_date_the_headline_prints_beats_a_disagreeing_time_element(byline, expected):
    ld = {"@type": "NewsArticle", "datePublished": "2026-03-04T08:00:00+01:00"}
    later = '<p>Filed with the board on <time datetime="2026-02-20">20 February</time>.</p>'
    assert dates(run(page(body=byline + BODY + later, ld=ld)))[:2] == expected


def test_a_day_first_reading_the_markup_and_the_headline_contradict_yields():
    """ "05/04/2026" in a Portuguese page's <time> reads 5 April; the markup and the
    date the headline prints say 4 May."""
    ld = {"@type": "NewsArticle", "datePublished": "2026-05-04T05:45:00-03:00"}
    body = "<p>Por Ana Reyes, 4 de maio de 2026</p><p><time>05/04/2026 08:43:31 am</time></p>"
    html = page(body=body + BODY, ld=ld).replace('lang="en"', 'lang="pt"')
    assert dates(run(html))[:2] == ("2026-05-04T05:45:00-03:00", "json-ld")


def test_htmldate_s_first_of_january_from_a_copyright_year_is_no_date():
    """htmldate reads "Copyright 2024" as 1 January 2024: a year, not the article's day."""
    footer = "<footer><p>Copyright 2024 Port Alder Gazette. All rights reserved.</p></footer>"
    html = page(body=BODY).replace("</article>", "</article>" + footer)
    assert dates(run(html)) == (None, None, None, None)
    head = '<meta property="article:modified_time" content="2026-03-05T10:00:00+01:00">'
    html = page(head, body=BODY).replace("</article>", "</article>" + footer)
    assert dates(run(html))[:2] == ("2026-03-05T10:00:00+01:00", "modified")


def test_the_date_by_a_later_h1_when_the_first_is_the_site_s_logo():
    """The first ``<h1>`` names the site, and its menu runs past the text read around
    a headline: the article's own ``<h1>`` prints the date."""
    menu = "".join(f"<li><a href='/s{n}'>Section number {n}</a></li>" for n in range(60))
    logo = f"<header><h1 class='logo'>Port Alder Gazette</h1><ul>{menu}</ul></header>"
    byline = "<p>By Ana Reyes · 4 March 2026</p>"
    assert dates(run(page(body=byline + BODY, before=logo))) == (
        "2026-03-04",
        "shown",
        None,
        None,
    )


def test_only_three_h1_are_read_for_a_printed_date():
    tree = parse.page_tree(
        "<html><body>"
        + "".join(f"<h1>Part {n}</h1><p>{'word ' * 130}</p>" for n in range(3))
        + "<h1>Part 4</h1><p>4 March 2026</p></body></html>"
    )
    assert pagedates.shown_dates(tree, NOW) == []


def test_a_labelled_publication_in_the_page_s_text_when_nothing_else_dates_it():
    """A footer names the change and the publication: the labelled one is the date,
    read before htmldate's search (which would take the first date it finds)."""
    footer = (
        "<footer><p>Letzte Änderung: 31.10.2025 - 14:49:39<br>Erschienen am: 01.11.2025"
        "<br>Lesungen: 61</p></footer>"
    )
    html = page(body=BODY).replace("</article>", "</article>" + footer)
    assert dates(run(html)) == ("2025-11-01", "labelled", None, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Veröffentlicht am 16.08.2019, Dauer: 1 Stunde", "2019-08-16"),
        ("Published: Monday, March 4, 2026", "2026-03-04"),
        ("Published | Oct 10, 2025", "2025-10-10"),
        ("Publié le 4 mars 2026 à 10h", "2026-03-04"),
        ("Diterbitkan pada 4 Maret 2026", "2026-03-04"),
        ("The plan was published. On 4 March 2026 the board met.", None),
        ("Posted by Ana Reyes on March 4, 2026", None),
        ("An unpublished 4 March 2026 draft", None),
        ("Published in the Gazette of 4 March 2026", None),
        ("Dieser Beitrag wurde am 4. März 2026 um 10:15 Uhr gepostet.", "2026-03-04T10:15:00"),
        ("Der Eintrag wurde am Mittwoch, 04.03.2026 gepostet", "2026-03-04"),
        ("Der Plan vom 4. März 2026 wird im Mai veröffentlicht.", None),
        ("Erstellt am Mittwoch 4. März 2026 von Ana", "2026-03-04"),
        ("Datum: 04.03.2026 | Autor: Ana Reyes", "2026-03-04"),
        ("Änderungsdatum: 04.03.2026", None),
        ("Post time: 04.03.2026 | Views: 12", "2026-03-04"),
        ("Publication date: March 4, 2026", "2026-03-04"),
        ("Date published: 4 March 2026", "2026-03-04"),
        ("Repost dates: 4 March 2026", None),
        ("Am 4. März 2026 hat der Rat getagt; der Plan wird später veröffentlicht.", None),
    ],
)
def test_labelled_date(text, expected):
    tree = parse.page_tree(f"<html><body><p>{text}</p></body></html>")
    assert pagedates.labelled_date(tree, NOW) == expected


@pytest.mark.parametrize(
    ("name", "byline", "expected"),
    [
        ("date", "<p>Stand: 4 March 2026, 18:00</p>", ("2026-03-04T18:00:00", "shown")),
        # a name that says it is the publication stands
        ("article:published_time", "<p>Stand: 4 March 2026, 18:00</p>", ("2026-03-09", "meta")),
        # a later printed date, or a printed update, leaves the generic one
        ("date", "<p>Stand: 12 March 2026</p>", ("2026-03-09", "meta")),
        ("date", "<p>Updated 4 March 2026</p>", ("2026-03-09", "meta")),
    ],
)
def test_a_generic_meta_date_yields_to_an_older_date_the_headline_prints(name, byline, expected):
    head = f'<meta name="{name}" content="2026-03-09">'
    assert dates(run(page(head, body=byline + BODY)))[:2] == expected
