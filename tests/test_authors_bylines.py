"""Bylines: labels in several languages, byline markup whose label and name are separate
elements, and the byline printed under the headline without any byline markup; through
the real extraction on pages written for these tests."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from pipelines.extract.authors import byline_elements, people_and_credits, spaced_text, text_byline
from pipelines.extract.page import extract

URL = "https://harbourgazette.example/news/quay-plan"
FETCHED = "2026-11-28T12:00:00+00:00"
BODY = "".join(
    f"<p>The harbour board of Port Alder approved plan number {n} for the north quay on a "
    "close vote, after residents asked for changes to the ferry timetable and the fees.</p>"
    for n in range(1, 6)
)


def page(under_headline: str, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta property="og:type" content="article"><title>Quay plan approved</title></head>'
        '<body><header><a class="logo" href="/">Harbour Gazette</a></header>'
        f"<article><h1>Quay plan approved</h1>{under_headline}{BODY}</article>"
        "<footer>Harbour Gazette, 1 Quay Road</footer></body></html>"
    )


def authors_of(html: str) -> tuple[list[str], list[str]]:
    article = extract(html, URL, fetched_at=FETCHED)
    assert not article.get("skip_reason"), article
    return article["authors"], article["credits"]


@pytest.mark.parametrize(
    ("raw", "people", "credits"),
    [
        ("Geschrieben von Jana Berger", ["Jana Berger"], []),
        ("Veröffentlicht von Jana Berger", ["Jana Berger"], []),
        ("Zeige alle Beiträge von Jana Berger", ["Jana Berger"], []),
        ("Publié par Lucie Martin", ["Lucie Martin"], []),
        ("Escrito por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"], []),
        ("Ditulis oleh Sari Dewi", ["Sari Dewi"], []),
        ("View all posts by Ana Lind", ["Ana Lind"], []),
        ("Posted by Ana Lind at 18:52", ["Ana Lind"], []),
        ("Interview: Ana Lind", ["Ana Lind"], []),
        ("Read more about The Quayside Team", [], ["The Quayside Team"]),
        ("Agencia EFE", [], ["EFE"]),
        # a role after the name with no comma between, and the links of an author box
        ("Tom Reyes Senior Autos Reporter", ["Tom Reyes"], []),
        ("Ana Lind Tech Reporter", ["Ana Lind"], []),
        ("Ana Lind Former Harbour Consultant", ["Ana Lind"], []),
        ("Jana Berger Geschäftsführerin", ["Jana Berger"], []),
        ("Jana Berger Alle Artikel", ["Jana Berger"], []),
        ("Jana Berger Kategorien: Hafen", ["Jana Berger"], []),
        ("Ana Lind Shares", ["Ana Lind"], []),
        ("Mary Ann Reyes", ["Mary Ann Reyes"], []),  # three words, none a role
        # a weekday after "on", the publication a reporter writes for, soft hyphens
        ("Posted by Ana Lind on Tuesday, March 3, 2026", ["Ana Lind"], []),
        ("Von Jana Berger am Dienstag, 3. März 2026", ["Jana Berger"], []),
        ("Joe Friday", ["Joe Friday"], []),
        ("Von Jana Berger Fr, 18. Oktober 2026", ["Jana Berger"], []),  # a weekday's short form
        ("Von Jana Berger, Freitag, 3. April 2026", ["Jana Berger"], []),
        ("Ana Di, Tom Do", ["Ana Di", "Tom Do"], []),
        ("Ana Lind and Tom Reyes for The Harbour Gazette", ["Ana Lind", "Tom Reyes"], []),
        ("Jana Berger für die Hafenzeitung", ["Jana Berger"], []),
        ("Jana Ber\u00adger", ["Jana Berger"], []),
        # the page's controls, a label alone, a template's placeholder, a month: no one
        ("Name", [], []),
        ("No Author", [], []),
        ("Written By", [], []),
        ("page.head.extra.author", [], []),
        ("Dezember", [], []),
        ("Anonymous", ["Anonymous"], []),  # a pen name the page states
        # "Stand" (as of) before a date, or left when the date was cut
        ("Jana Berger Stand: 04.03.2026", ["Jana Berger"], []),
        ("Jana Berger Stand", ["Jana Berger"], []),
        # a profile's link, its text written twice (a user's name: a credit)
        ("Zum Profil von harbourfan harbourfan", [], ["harbourfan"]),
        ("Profile of Ana Lind", ["Ana Lind"], []),
        ("Ana Lind Ana Lind", ["Ana Lind"], []),
        ("Aye Aye", ["Aye Aye"], []),  # one capitalised word twice: a name
    ],
)
def test_byline_labels(raw, people, credits):
    assert people_and_credits([raw], "Harbour Gazette") == (people, credits)


@pytest.mark.parametrize(
    ("raw", "people"),
    [
        # a title after the name: what is left once its role is cut names a field
        (["Ana Lind, Harbour and Digital Security Expert"], ["Ana Lind"]),
        (["Ana Lind, Staff Writer and Tom Reyes Senior Reporter"], ["Ana Lind", "Tom Reyes"]),
        # a word alone after a full name, in the next value: her beat, section or rank
        (["Tom Reyes Writer", "Hardware"], ["Tom Reyes"]),
        (["Jana Berger", "Wirtschaft"], ["Jana Berger"]),
        (["Ana Lind", "Head", "Harbour Affairs"], ["Ana Lind", "Harbour Affairs"]),
        # or the employer after a title that named nobody
        (["Tom Reyes", " Senior Consultant", " Brightwater", " On May 2"], ["Tom Reyes"]),
        # else a one-name author of her own, as after "and" (not after a comma: a place)
        (["Tom Reyes", "Marisol"], ["Tom Reyes", "Marisol"]),
        (["Tom Reyes and Marisol"], ["Tom Reyes", "Marisol"]),
        (["Tom Reyes, Frankfurt"], ["Tom Reyes"]),
        # a rank that is also a surname cuts only before the role it ranks
        (["Tom Reyes Head Gardener"], ["Tom Reyes"]),
        (["Ana Lind Lead Designer"], ["Ana Lind"]),
        (["Edith Head"], ["Edith Head"]),
        (["Tom Reyes and Edith Head"], ["Tom Reyes", "Edith Head"]),
        # a social profile's address read as words is nobody's name; a blog's is kept
        (["Www Facebook Com"], []),
        (["www instagram com harbourgazette"], []),
        (["www harbourwalks com"], ["www harbourwalks com"]),
        (["Ana Lind", "Tom Reyes"], ["Ana Lind", "Tom Reyes"]),
        (["This post was written by Ana Lind"], ["Ana Lind"]),
        # a label after the date of an update, the name up to its line's next separator
        (["Updated March 4, 2026 Written by Ana Lind Content Coordinator"], ["Ana Lind"]),
        (["4. März 2026 · by Jana Berger · in Hafen"], ["Jana Berger"]),
        (["Contributors: Ana Lind"], ["Ana Lind"]),
        (["Harbour Growth Marketing"], ["Harbour Growth Marketing"]),
    ],
)
def test_titles_after_a_name_are_no_authors(raw, people):
    assert people_and_credits(raw, "Harbour Gazette")[0] == people


def test_byline_markup_reads_label_and_name_as_separate_words():
    tree = load_html(
        '<html><body><div class="author"><span>Geschrieben von</span><a href="/a/jb">Jana '
        "Berger</a></div></body></html>"
    )
    element = tree.xpath("//div")[0]
    assert spaced_text(element) == "Geschrieben von Jana Berger"
    html = page(
        '<div class="author"><span>Geschrieben von</span><a href="/a">Jana Berger</a></div>'
    )
    assert authors_of(html)[0] == ["Jana Berger"]


def test_byline_markup_with_a_time_after_the_name():
    html = page('<span class="author">Posted by <a rel="author">Ana Lind</a> at 18:52</span>')
    assert authors_of(html)[0] == ["Ana Lind"]


@pytest.mark.parametrize(
    ("under_headline", "lang", "people"),
    [
        ("<p>By Ana Lind</p>", "en", ["Ana Lind"]),
        ("<div><p>Written by</p><p>Ana Lind</p></div>", "en", ["Ana Lind"]),
        ("<p>Von Jana Berger und Tom Reyes</p>", "de", ["Jana Berger", "Tom Reyes"]),
        ("<p>Par Lucie Martin, le 4 mars 2026</p>", "fr", ["Lucie Martin"]),
        ("<p>Text: Jana Berger</p>", "de", ["Jana Berger"]),
        # the label after a date or a separator in the same line
        ("<p>Posted on May 2, 2026 by Ana Lind</p>", "en", ["Ana Lind"]),
        ("<p>Ein Artikel von Jana Berger | 27.01.2026 - 12:45</p>", "de", ["Jana Berger"]),
        ("<p>06.11.2026 13:30 von Jana Berger</p>", "de", ["Jana Berger"]),
        ("<p>Quay | By Ana Lind | May 2, 2026</p>", "en", ["Ana Lind"]),
    ],
)
def test_byline_printed_under_the_headline(under_headline, lang, people):
    assert authors_of(page(under_headline, lang))[0] == people


@pytest.mark.parametrize(
    "under_headline",
    [
        "<p>Text Link</p>",  # a placeholder, not "Text: <name>"
        "<p>From the archive</p>",
        "<p>Von Montag an gilt am Nordkai eine neue Liegegebühr für alle Boote der Fähre.</p>",
        "<p>by the harbour</p>",  # no capitalised name
        "<p>In 2026 by Law the quay must be widened, the board found.</p>",  # a sentence
    ],
)
def test_lines_that_are_no_byline(under_headline):
    tree = load_html(page(under_headline))
    assert text_byline(tree) is None


def test_the_byline_of_a_reviewer_is_not_the_author():
    html = page(
        "<div><span>Medically reviewed</span> <span>by</span> <a>Tom Reyes, RD</a> — "
        "<span>Written by</span> <a>Ana Lind</a></div>"
    )
    assert text_byline(load_html(html)) == "Ana Lind"


def declared(author: str, under_headline: str) -> str:
    head = f'<meta name="author" content="{author}">'
    return page(under_headline).replace("</head>", head + "</head>")


def test_printed_byline_beats_another_declared_author():
    """The meta tag names the account that posted the page; the page prints its writer."""
    html = declared("Stef Keegan", "<p><em>By Ana Lind, MS, RD</em></p>")
    assert authors_of(html)[0] == ["Ana Lind"]


def test_printed_byline_that_names_the_declared_author_keeps_the_declared_list():
    html = declared("Ana Lind, Tom Reyes", "<p>By Ana Lind</p>")
    assert authors_of(html)[0] == ["Ana Lind", "Tom Reyes"]


def test_declared_author_stays_without_a_printed_byline():
    assert authors_of(declared("Ana Lind", "<p>Quay news</p>"))[0] == ["Ana Lind"]


def test_text_byline_only_near_the_headline():
    far = BODY * 3 + "<p>By Ana Lind</p>"
    assert text_byline(load_html(page(far))) is None


def previewed(label: str, data: str, under_headline: str = "") -> str:
    head = (
        f'<meta name="twitter:label1" content="{label}">'
        f'<meta name="twitter:data1" content="{data}">'
    )
    return page(under_headline).replace("</head>", head + "</head>")


def test_the_author_a_link_preview_names_when_nothing_else_does():
    assert authors_of(previewed("Written by", "Ana Lind"))[0] == ["Ana Lind"]
    assert authors_of(previewed("Verfasst von", "Jana Berger"))[0] == ["Jana Berger"]
    assert authors_of(previewed("Est. reading time", "4 minutes"))[0] == []
    # a byline the page prints comes first
    assert authors_of(previewed("Written by", "Ana Lind", "<p>By Tom Reyes</p>"))[0] == [
        "Tom Reyes"
    ]


def above(line: str) -> str:
    return page("").replace("<h1>", line + "<h1>")


@pytest.mark.parametrize(
    "line",
    [
        "<div><span>Published May 2, 2026</span> <span>by Ana Lind</span></div>",
        "<p>By: <a>Ana Lind</a></p>",
    ],
)
def test_a_byline_printed_just_above_the_headline(line):
    assert authors_of(above(line))[0] == ["Ana Lind"]


def test_a_byline_above_the_headline_only_just_above_it():
    far = "<p>By Ana Lind</p><p>" + "Harbour news of the week, " * 8 + "</p>"
    assert text_byline(load_html(above(far))) is None


@pytest.mark.parametrize("line", ["<p>Browse by Course or Type</p>", "<p>By Ana or Tom</p>"])
def test_choices_are_no_byline(line):
    assert text_byline(load_html(above(line))) is None
    assert text_byline(load_html(page(line))) is None


def test_byline_elements_match_whole_class_names_in_document_order() -> None:
    page = load_html(
        "<html><body><p class='authors'>Not a byline class</p>"
        "<span class='meta\tbyline '>First</span><a rel='author'>Second</a>"
        "<div class='post author-name' itemprop='author'>Third</div>"
        "<p class='author\xa0box'>A no-break space joins the word</p>"
        "<p class='co-author'>Nor a part of a name</p></body></html>"
    )
    assert [e.text for e in byline_elements(page)] == ["First", "Second", "Third"]
