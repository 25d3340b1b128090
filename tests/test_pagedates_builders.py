"""Dates printed in the blocks of a page builder: Elementor names every block of the
article ``elementor-widget-...``, which is no sidebar widget; through the real
extraction on pages written for this test."""

from __future__ import annotations

from pipelines.extract.page import extract

FETCHED = "2026-11-28T12:00:00+00:00"
BODY = "".join(
    f"<p>The harbour board of Port Alder approved plan number {n} for the north quay on a "
    "close vote, after residents asked for changes to the ferry timetable and the fees.</p>"
    for n in range(1, 6)
)
META = '<meta property="article:published_time" content="2026-03-19T09:00:00+00:00">'


def published(body: str) -> tuple[str, str]:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quay plan</title>'
        f'<meta property="og:type" content="article">{META}</head><body>'
        f"<article><h1>Quay plan approved</h1>{body}{BODY}</article></body></html>"
    )
    article = extract(html, "https://gazette.example/news/quay-plan", fetched_at=FETCHED)
    return article["published_at"], article["published_source"]


def test_time_in_an_elementor_block_dates_the_article():
    block = (
        '<div class="elementor-element elementor-widget elementor-widget-post-info">'
        '<div class="elementor-widget-container"><span>On</span><time>4 Mar 2026</time>'
        "</div></div>"
    )
    assert published(block) == ("2026-03-04", "time")


def test_time_in_a_sidebar_widget_inside_a_builder_block_is_still_furniture():
    block = (
        '<div class="elementor-widget-container"><div class="widget widget_recent_entries">'
        '<a href="/old">Old story</a><time>4 Mar 2026</time></div></div>'
    )
    assert published(block) == ("2026-03-19T09:00:00+00:00", "meta")
