"""Teaser cards of other articles after an article (a label, a headline and an excerpt cut
off at one length with an ellipsis, or a "Read more..." label) are dropped from its text;
an article's or a forum thread's own trailing "..." stays. On a crafted page, through the
real extraction, and on texts."""

from __future__ import annotations

from articlepage import article_page

from pipelines.extract.cards import drop_teaser_cards
from pipelines.extract.page import extract

URL = "https://marlowtaxdesk.example/guides/quarterly-payments"
PARAGRAPHS = [
    f"Quarterly payment number {n} is due on the fifteenth day of the month after the "
    "quarter ends, and a late payment adds interest from the day it was due."
    for n in range(1, 7)
]
CARDS = [
    "Payroll",
    "Five payroll dates small employers forget",
    "Every winter the same three payroll dates slip past owners who are busy closing the"
    " year, and the penalties for each of them are...",
    "Bookkeeping",
    "When to move your books to the cloud",
    "A spreadsheet works until the second employee arrives; after that the cost of keeping"
    " two copies of every ledger in step grows...",
    "Deadlines",
    "What changes in the filing calendar next spring",
    "The filing calendar moves two deadlines next spring, and owners who file on paper will"
    " need to send their returns a week...",
]


def test_cards_after_the_article_are_dropped_and_the_cut_named():
    tail = "<h2>More from the desk</h2>" + "".join(f"<p>{line}</p>" for line in CARDS)
    html = article_page("Quarterly payments", PARAGRAPHS, tail)
    article = extract(html, URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[-1] in article["text"]
    assert "payroll dates" not in article["text"]
    assert "teaser_cards" in article["text_cuts"]  # news/extract/text_cut/teaser_cards


def test_runs_of_cards_go_wherever_they_are_after_the_first_third():
    text = "\n".join([*PARAGRAPHS[:5], *CARDS, *PARAGRAPHS[5:]])
    assert drop_teaser_cards(text) == "\n".join(PARAGRAPHS)
    more = ["Spring deadlines", "Mehr lesen...", "Payroll dates", "Read more…", "Cloud books"]
    text = "\n".join([*PARAGRAPHS, *more, "weiter..."])
    assert drop_teaser_cards(text) == "\n".join(PARAGRAPHS)


def test_a_writers_own_ellipses_and_early_cards_stay():
    thread = [
        "I tried again after the update and the message still came...",
        "user2041 10.03.24 09:12",
        "Same here, the setting is exactly as in your picture and it only works on the home"
        " network, not on mobile data, whatever I do with the phone...",
        "Did you restart it after changing the setting...",
    ]
    text = "\n".join([*PARAGRAPHS, *thread])
    assert drop_teaser_cards(text) == text  # excerpts of every length: no template's cut
    two = "\n".join([*PARAGRAPHS, *CARDS[:6]])
    assert drop_teaser_cards(two) == two  # two cards may be the article's own
    early = "\n".join([*CARDS, *PARAGRAPHS])
    assert drop_teaser_cards(early) == early  # in the first third: the article itself
