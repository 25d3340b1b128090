"""An appeal to the reader that an article's text ends with (a newsletter prompt, a plea
for donations, a form) is cut, in several languages; the article's own sentences about
newsletters or donations, and a long paragraph, stay. On a crafted page, through the real
extraction, and on texts."""

from __future__ import annotations

import pytest
from articlepage import article_page

from pipelines.extract.appeals import drop_closing_appeal, is_appeal, is_call_to_action
from pipelines.extract.page import extract

URL = "https://millbrookcourier.example/news/library-hours"
PARAGRAPHS = [
    f"Millbrook's library will stay open until nine on weekday {n}, the council decided, "
    "after students asked for a quiet place to work in the evenings before exams."
    for n in range(1, 7)
]
PROMPT = "Get the Courier's morning briefing delivered straight to your inbox."


def page(tail: str) -> str:
    return article_page("Library open later", PARAGRAPHS, tail)


def test_a_newsletter_prompt_after_the_article_is_cut():
    article = extract(page(f"<p>{PROMPT}</p>"), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[-1] in article["text"]
    assert "morning briefing" not in article["text"]
    assert article["text_cuts"] == ["appeal"]  # counted as news/extract/text_cut/appeal


@pytest.mark.parametrize(
    "line",
    [
        PROMPT,
        "Sign up for our weekly newsletter",
        "Would you like to receive push notifications about new stories?",
        "Enjoyed this story? We need your help to keep reporting.",
        "Support independent journalism: become a member today.",
        "Fill out the form below to send us a tip.",
        "Jetzt den Newsletter abonnieren und nichts verpassen",
        "Abonnez-vous à notre newsletter pour recevoir nos articles",
        "Suscríbete a nuestro boletín semanal",
        "Iscriviti alla nostra newsletter",
        "Schrijf je in voor onze nieuwsbrief",
        "Berlangganan newsletter kami",
    ],
)
def test_appeals(line):
    assert is_appeal(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will publish the new hours in its newsletter next month.",
        "Residents donated books to the library after the flood last spring.",
        "Students said they would sign the petition before the vote on Friday.",
        " ".join(["The library's newsletter, delivered to your inbox, was the idea of a"] * 6),
    ],
)
def test_article_sentences_are_no_appeals(line):
    assert not is_appeal(line)


def test_the_cut_takes_what_follows_and_never_the_first_paragraph():
    text = "\n".join([*PARAGRAPHS[:3], PROMPT, "Millbrook Courier, 12 High Street"])
    assert drop_closing_appeal(text) == "\n".join(PARAGRAPHS[:3])
    early = "\n".join([PARAGRAPHS[0], PROMPT, *PARAGRAPHS[1:5]])
    assert drop_closing_appeal(early) == early  # not among the last paragraphs
    assert drop_closing_appeal(PROMPT) == PROMPT


@pytest.mark.parametrize(
    "line",
    [
        "Book a demo",
        "Get started today",
        "Contact us today!",
        "Request a free quote",
        "Need more help?",
        "Not sure which plan suits you?",
        "Follow me on Instagram for more weekend bakes from my kitchen.",
        "Jetzt anmelden",
        "Folgen Sie uns auf Instagram",
        "Contactez-nous",
        "Síguenos en redes sociales",
        "Entre em contato",
        "Contattaci",
        "Neem contact op",
        "Hubungi kami",
    ],
)
def test_calls_to_action(line):
    assert is_call_to_action(line)
    assert is_appeal(line)


@pytest.mark.parametrize(
    "line",
    [
        # a company's closing paragraph about its services: a sentence, not a button
        "Ready to get started? Contact us today and our librarians will help you find the "
        "study room, the printer and the archive that suit your project best.",
        "Residents can request a quote from the council for the new shelves.",
        "Not sure? The council was not either, until the students came.",
        "Sign up now: https://millbrookcourier.example/join",
        "The mayor said she would follow the students on Instagram after the vote.",
    ],
)
def test_article_sentences_are_no_calls_to_action(line):
    assert not is_call_to_action(line)


def test_a_closing_call_to_action_is_cut_with_what_follows():
    text = "\n".join([*PARAGRAPHS[:4], "Need more help?", "Book a study room", "Get started"])
    assert drop_closing_appeal(text) == "\n".join(PARAGRAPHS[:4])


def test_an_appeal_fourth_from_the_end_is_cut():
    tail = ["Need more help?", "Library opening hours", "Millbrook Courier, 12 High Street"]
    text = "\n".join([*PARAGRAPHS[:4], PROMPT, *tail])
    assert drop_closing_appeal(text) == "\n".join(PARAGRAPHS[:4])
