"""The date alone and the page's labels ("Table of contents", "Listen to this article")
that an article's text opens with are dropped; a date inside a sentence, and dated lines
further down, stay. On texts, and through the real extraction."""

from __future__ import annotations

import pytest

from pipelines.extract.openings import drop_opening_furniture
from pipelines.extract.page import extract

PARAGRAPHS = [
    "The tram line to the hospital will close for three weeks in May while crews replace "
    "the rails on the bridge, the city's transport office said on Monday.",
    "Buses will run every ten minutes instead, from the station forecourt to the hospital.",
    "Cyclists may use the bridge's east lane, which stays open during the works.",
]


@pytest.mark.parametrize(
    "line",
    [
        "March 4, 2026",
        "4th March 2026",
        "Updated on 04.03.2026 at 10:00 am",
        "Last updated: Mar 4, 2026",
        "- Published on: 2026-03-04",
        "Table of Contents",
        "Listen to this article in summarized format",
        "Skip to main content",
        "You are here:",
        "Inhaltsverzeichnis",
        "Daftar isi",
    ],
)
def test_a_date_or_a_label_before_the_article_is_dropped(line):
    assert drop_opening_furniture("\n".join([line, *PARAGRAPHS])) == "\n".join(PARAGRAPHS)


def test_dates_in_sentences_and_further_down_stay():
    dated = "On March 4, 2026 the tram line closed for three weeks."
    text = "\n".join([dated, *PARAGRAPHS])
    assert drop_opening_furniture(text) == text
    further = "\n".join([*PARAGRAPHS, "March 4, 2026", "Table of Contents"])
    assert drop_opening_furniture(further) == further
    assert drop_opening_furniture("March 4, 2026") == "March 4, 2026"  # never everything


def test_through_extraction_the_cut_is_named():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta property="og:type" content="article"><title>Tram</title></head><body><main>'
        f"<article><h1>Tram line closes</h1><p>Updated on 04.03.2026 at 10:00 am</p>{body}"
        "</article></main></body></html>"
    )
    article = extract(
        page, "https://citytram.example/news/tram", fetched_at="2026-03-05T10:00:00+00:00"
    )
    assert article["text"].startswith(PARAGRAPHS[0])
    assert article["text_cuts"] == ["opening"]  # counted as news/extract/text_cut/opening
