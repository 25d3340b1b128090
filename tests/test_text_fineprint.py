"""An affiliate disclosure, a sign-up form's terms and a photo credit or copyright line are
dropped from an article's text, anywhere, in several languages; the article's own
sentences about commissions, affiliates, sign-ups, photos or copyright stay. On a crafted
page, through the real extraction, and on texts."""

from __future__ import annotations

import pytest
from articlepage import article_page

from pipelines.extract.fineprint import drop_fine_print, is_fine_print
from pipelines.extract.page import extract

URL = "https://kettlebrookgear.example/reviews/camp-stoves"
PARAGRAPHS = [
    f"The camp stove we carried on trip number {n} boiled a litre of river water in four "
    "minutes, even in the wind that blew across the ridge every afternoon."
    for n in range(1, 7)
]
DISCLOSURE = (
    "This review contains affiliate links. If you buy through them, we may earn a small "
    "commission at no extra cost to you."
)


def test_a_disclosure_at_the_top_is_dropped_and_the_cut_named():
    html = article_page("Three camp stoves", PARAGRAPHS, "").replace(
        "<h1>Three camp stoves</h1>", f"<h1>Three camp stoves</h1><p>{DISCLOSURE}</p>"
    )
    article = extract(html, URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[0] in article["text"] and PARAGRAPHS[-1] in article["text"]
    assert "affiliate" not in article["text"]
    assert article["text_cuts"] == ["fine_print"]  # counted as news/extract/text_cut/fine_print


@pytest.mark.parametrize(
    "line",
    [
        DISCLOSURE,
        "Products are picked by our editors. Purchases made through our links may earn us a fee"
        " and a commission.",
        "As an Amazon Associate I earn from qualifying purchases.",
        "This post may contain affiliate links.",
        "Disclosure: when you click a retail link on this site, the shop may pay us compensation.",
        "By entering your email address you agree to our Terms of Use and Privacy Policy.",
        "By signing up, you agree to receive recurring text messages from Kettlebrook Deals.",
        "Terms of submitting this form: I agree that Kettlebrook may contact me by email.",
        "Die mit Sternchen markierten Links sind Affiliate-Links: kaufst du dort, erhalten wir"
        " eine kleine Provision.",
        "Cet article contient des liens d'affiliation : nous touchons une petite commission.",
        "Este artículo contiene enlaces de afiliados y recibimos una pequeña comisión.",
        "Photo: Ada Brook/Kettlebrook",
        "Image credit: © Ridgeline Pictures",
        "Featured image by Ada Brook.",
        "(Bild: Ada Brook)",
        "Fotos: Ada Brook, Tom Vale",
        "Crédit photo : Ada Brook / Kettlebrook",
        "© 2026 Kettlebrook Media. All rights reserved.",
        "| Copyright: Ada Brook |",
    ],
)
def test_fine_print(line):
    assert is_fine_print(line)


@pytest.mark.parametrize(
    "line",
    [
        "The European Commission said our farmers would have to buy new permits next year.",
        "Streamers earn a commission when viewers buy games through affiliate links.",
        "No affiliate links. No paid promotion. We bought every stove in this review.",
        "By signing up early, hikers got the best campsites on the ridge.",
        "The company's affiliate program pays partners who link to its shop, it said.",
        " ".join(["This post may contain affiliate links, and we explain them here."] * 9),
        "Copyright in a fragmented world",
        "Photographs of the ridge at dawn: we took forty of them before the stove boiled.",
        "Photo: " + " ".join(["the stove on the ridge"] * 4),
    ],
)
def test_article_sentences_are_no_fine_print(line):
    assert not is_fine_print(line)


def test_the_text_keeps_its_order_and_is_never_emptied():
    text = "\n".join([PARAGRAPHS[0], DISCLOSURE, PARAGRAPHS[1], DISCLOSURE])
    assert drop_fine_print(text) == "\n".join(PARAGRAPHS[:2])
    assert drop_fine_print(DISCLOSURE) == DISCLOSURE
    assert drop_fine_print("\n".join(PARAGRAPHS)) == "\n".join(PARAGRAPHS)


def test_placeholder_text_is_dropped_anywhere():
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. " * 12
    text = "\n".join([PARAGRAPHS[0], "Lorem Ipsum", filler, "- Lorem ipsum 2", PARAGRAPHS[1]])
    assert drop_fine_print(text) == "\n".join(PARAGRAPHS[:2])
    # the words alone, in the article's sentence, are no placeholder
    about = "Typesetters call the filler text lorem-free when a proof has none left in it."
    assert drop_fine_print("\n".join([PARAGRAPHS[0], about])) == "\n".join([PARAGRAPHS[0], about])
    assert drop_fine_print(filler) == filler
