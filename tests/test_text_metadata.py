"""Titles, authors and credits, written dates, JSON-LD repairs, teasers, notices, the second
opinion on the text: each rule on crafted pages, through the real extraction where it can."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from trafilatura.utils import load_html

from pipelines.archive.schema import open_archive
from pipelines.archive.store import save_article
from pipelines.extract import opinion
from pipelines.extract.authors import people_and_credits, text_credits
from pipelines.extract.dates import normalise_date, written_date
from pipelines.extract.htmlmeta import parse_json_ld
from pipelines.extract.language import decide
from pipelines.extract.notices import WORDING, drop_teasers, page_notices, squash
from pipelines.extract.page import extract, tidy_text
from pipelines.extract.titles import choose_title, clean_title, site_names

FETCHED = "2026-11-28T12:00:00+00:00"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
URL = "https://harbourgazette.example/news/quay-plan"
PARAGRAPHS = [
    f"The harbour board of Port Alder approved plan number {n} for the north quay on a close "
    "vote, after residents asked for changes to the ferry timetable and the mooring fees."
    for n in range(1, 6)
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def page(head: str = "", body: str = BODY, h1: str = "Quay plan approved", after: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta property="og:type" content="article">{head}</head><body>'
        '<header><a class="logo" href="/">Harbour Gazette</a></header>'
        f"<article><h1>{h1}</h1>{body}</article>{after}"
        "<footer>Harbour Gazette, 1 Quay Road</footer></body></html>"
    )


def run(html: str, url: str = URL) -> dict:
    article = extract(html, url, fetched_at=FETCHED)
    assert not article.get("skip_reason"), article
    return article


def ld_script(raw: str) -> str:
    return f'<script type="application/ld+json">{raw}</script>'


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Quay plan approved | Harbour Gazette", "Quay plan approved"),
        ("Quay plan approved - harbourgazette.example", "Quay plan approved"),
        ("Harbour Gazette – Quay plan approved", "Quay plan approved"),
        ("Quay plan approved | HG | 28.04.2026", "Quay plan approved"),
        ("Kai-Plan: Hafenamt stimmt zu &ndash; Neues aus Alder", "Kai-Plan: Hafenamt stimmt zu"),
        ("Hafen zerst&ouml;ren? Nein | Harbour Gazette", "Hafen zerstören? Nein"),
        ("Ferry fees &amp;#8211; what changes", "Ferry fees – what changes"),
        ("Ferry fees rise for a third year | Opinion", "Ferry fees rise for a third year"),
        ("Harbour Gazette", "Harbour Gazette"),  # never the last segment
        ("Plan A - Plan B", "Plan A - Plan B"),
        ("港の計画\u3000承認される", "港の計画\u3000承認される"),  # an ideographic space stays
        ("Quay\n  plan&nbsp;approved", "Quay plan approved"),
        ("Quay plan approved – Harbour Gazette – News you can moor", "Quay plan approved"),
        ("Harbour Gazette – HG – Quay plan approved", "Quay plan approved"),
        ("Quay plan approved | The Gazette of the Harbour", "Quay plan approved"),
        ("Alder\u00e2\u0080\u0099s quay plan approved", "Alder\u2019s quay plan approved"),
        ("## Quay plan approved \u22c6", "Quay plan approved"),
    ],
)  # fmt: skip
def test_declared_title_cleaned(raw, expected):
    names = site_names("Harbour Gazette", URL, ["HG"])
    names |= site_names("", "https://gazetteharbour.example/")
    if "Alder" in raw and "quay" not in raw:
        names |= site_names("Neues aus Alder", URL)
    assert clean_title(raw, names) == expected


def test_visible_headline_wins_over_a_different_og_title():
    head = (
        '<meta property="og:title" content="Board backs north quay plan | Harbour Gazette">'
        '<meta property="og:site_name" content="Harbour Gazette">'
        "<title>Board backs north quay plan | Harbour Gazette</title>"
    )
    article = run(page(head, h1="Harbour board backs the north quay plan"))
    assert article["title"] == "Harbour board backs the north quay plan"


def test_unrelated_h1_loses_to_the_declared_title():
    html = page(
        '<meta property="og:title" content="Board backs north quay plan">',
        h1="Weather warning for the coast",
    )
    assert run(html)["title"] == "Board backs north quay plan"


def test_headline_broken_by_br_reads_with_a_space():
    html = page(
        '<meta property="og:title" content="Quay plan approved at last">',
        h1="QUAY PLAN<br>APPROVED AT LAST",
    )
    assert run(html)["title"] == "QUAY PLAN APPROVED AT LAST"


def test_one_word_headline_is_a_label_beside_a_long_title():
    html = page(
        '<meta property="og:title" content="How the ferry board reached a quay plan">',
        h1="Ferry",
    )
    assert run(html)["title"] == "How the ferry board reached a quay plan"


def test_headline_inside_the_header_or_logo_is_not_the_title():
    tree = load_html(
        "<html><head><title>Board backs quay plan - Gazette</title></head><body>"
        '<header><h1 class="site-title">Harbour Gazette</h1></header>'
        f"<article>{BODY}</article></body></html>"
    )
    assert (
        choose_title(tree, [tree.findtext(".//title")], "Gazette", URL) == "Board backs quay plan"
    )


def test_description_in_the_headline_field_gives_way_to_the_og_title():
    summary = (
        "The harbour board met on Tuesday evening and, after a long debate about mooring fees, "
        "the ferry timetable and the views of residents along the north shore, approved a plan "
        "for the quay that had been discussed for years"
    )
    html = page(
        ld_script(json.dumps({"@type": "NewsArticle", "headline": summary}))
        + '<meta property="og:title" content="Quay plan approved after long debate">',
        h1="",
    )
    assert run(html)["title"] == "Quay plan approved after long debate"


def test_cut_short_headline_gives_way_to_the_title_that_continues_it():
    full = "Five ways the quay plan changes the ferry (and one that it does not)"
    html = page(
        ld_script(json.dumps({"@type": "NewsArticle", "headline": full[:45]}))
        + f'<meta property="og:title" content="{full}">',
        h1="",
    )
    assert run(html)["title"] == full


def test_headline_in_the_article_header_counts_when_no_other_is_shown():
    tree = load_html(
        "<html><head><title>Will the quay be ready by spring | Gazette</title></head><body>"
        '<div><header class="post-head"><div><h1>Will the quay be ready by spring?</h1>'
        f"</div></header><article>{BODY}</article></div></body></html>"
    )
    title = choose_title(tree, [tree.findtext(".//title")], "Gazette", URL)
    assert title == "Will the quay be ready by spring?"


def test_headline_that_runs_into_its_byline_is_cut_to_the_declared_title():
    html = page(
        '<meta property="og:title" content="Quay plan approved after long debate">',
        h1="Quay plan approved after long debate <span>Posted on May 2, 2026 by Ana Lind</span>",
    )
    assert run(html)["title"] == "Quay plan approved after long debate"


def test_long_teaser_in_the_h1_is_not_the_headline():
    teaser = (
        "Quay plan approved: read how the harbour board weighed every mooring fee, every change "
        "to the ferry timetable and every letter from the residents of the north shore before "
        "the vote on Tuesday"
    )
    html = page('<meta property="og:title" content="Quay plan approved">', h1=teaser)
    assert run(html)["title"] == "Quay plan approved"


def test_title_label_before_the_headline_is_dropped():
    html = page(
        '<meta property="og:title" content="Quay plan approved after long debate">',
        h1="<span>Title:</span>Quay plan approved after long debate",
    )
    assert run(html)["title"] == "Quay plan approved after long debate"


@pytest.mark.parametrize(
    "h1",
    [
        '<span class="roofline">Harbour vote</span> Quay plan approved after long debate',
        "<span>Harbour vote</span><span>: </span><span>Quay plan approved after long debate</span>",
        "<div><small>Harbour vote</small><br>Quay plan approved after long debate</div>",
    ],
)
def test_a_kicker_printed_in_the_headline_is_no_part_of_the_title(h1):
    """The ``<h1>`` opens with a kicker in an element of its own, then prints the declared
    title: the declared title."""
    html = page('<meta property="og:title" content="Quay plan approved after long debate">', h1=h1)
    assert run(html)["title"] == "Quay plan approved after long debate"


@pytest.mark.parametrize(
    ("kicker", "title"),
    [
        ('<span class="dachzeile">Harbour vote</span>', "Quay plan approved after long debate"),
        # a kicker of another name, which the declared title prints too: one headline
        (
            '<span class="primary">Harbour vote</span>',
            "Harbour vote Quay plan approved after long debate",
        ),
    ],
)
def test_a_kicker_named_so_is_no_part_of_the_title_the_markup_declares(kicker, title):
    declared = "Harbour vote Quay plan approved after long debate"
    html = page(
        f'<meta property="og:title" content="{declared}">',
        h1=f"{kicker} <span>Quay plan approved after long debate</span>",
    )
    assert run(html)["title"] == title


@pytest.mark.parametrize(
    ("first", "dropped"),
    [
        ("Quay plan approved", True),
        ("27.01.2026Quay plan approved", True),  # the headline printed with its kicker
        ("Harbour vote: Quay plan approved", True),
        ("The board of Port Alder said on Tuesday that the Quay plan approved", False),
        ("Quay plan approved by the board", False),
        ("Port news: Quay plan approved", False),  # no kicker the headline prints
    ],
)
def test_the_text_loses_a_first_line_that_prints_the_headline(first, dropped):
    story = "The board voted on Tuesday."
    expected = story if dropped else f"{first}\n{story}"
    kickers = ("27.01.2026", "Harbour vote")  # those its <h1> prints
    assert tidy_text(f"{first}\n{story}", "Quay plan approved", [], kickers) == expected


@pytest.mark.parametrize(
    "h1",
    [
        "Harbour vote: Quay plan approved after long debate",  # no element: one headline
        "Harbour vote <span>Quay plan approved after long debate</span>",  # text opens it
    ],
)
def test_a_headline_without_a_kicker_element_is_kept_whole(h1):
    html = page('<meta property="og:title" content="Quay plan approved after long debate">', h1=h1)
    assert run(html)["title"] == h1.replace("<span>", "").replace("</span>", "")


# --------------------------------------------------------------------------- authors, credits


@pytest.mark.parametrize(
    ("raw", "people", "credits"),
    [
        ("José Ortega y Gasset", ["José Ortega y Gasset"], []),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"], []),
        ("Von Anna Müller, dpa", ["Anna Müller"], ["dpa"]),
        ("Von dpa", [], ["dpa"]),
        ("dpa/AFP", [], ["dpa", "AFP"]),
        ("Jane Doe (Reuters)", ["Jane Doe"], ["Reuters"]),
        ("By Jane Doe and Tom Reyes, Associated Press", ["Jane Doe", "Tom Reyes"], ["AP"]),
        ("Jane Doe, Frankfurt", ["Jane Doe"], []),
        ("Dana Miles, MS, RD, FAND", ["Dana Miles"], []),
        ("Gena Carlo, Ph.D.", ["Gena Carlo"], []),
        ("Mira & Kata", ["Mira", "Kata"], []),
        ("Luke Kim December", ["Luke Kim"], []),
        ("Cara Magen Last", ["Cara Magen"], []),
        ("Theresa May", ["Theresa May"], []),
        ("Dan Davies dan Sari Dewi", ["Dan Davies", "Sari Dewi"], []),
        ("Mira &amp; Kata", ["Mira", "Kata"], []),
        ("Dec", [], []),
        ("The Author", [], []),
        # bylines of no person: a desk or a team is a credit, as written; the site's
        # own name (or another organisation's) only when the page names nobody else
        ("News Desk", [], ["News Desk"]),
        ("By the Harbour Gazette Team and Jane Doe", ["Jane Doe"], ["the Harbour Gazette Team"]),
        ("Community Editor", [], ["Community Editor"]),
        ("Harbour Gazette", [], ["Harbour Gazette"]),
        ("Quay News February", [], ["Quay News"]),  # a month, then a role word, cut
        ("admin", [], []),
    ],
)
def test_people_and_credits(raw, people, credits):
    assert people_and_credits([raw], "Harbour Gazette") == (people, credits)


def test_credits_in_datelines_and_credit_lines():
    assert text_credits("Berlin (dpa) - Der Hafen wird erweitert.\nMehr Text.") == ["dpa"]
    assert text_credits("Jakarta (ANTARA) - Pelabuhan diperluas.") == ["Antara"]
    assert text_credits("The quay opens.\n(AFP/Reuters)") == ["AFP", "Reuters"]
    assert text_credits("The quay opens in May (or June).") == []


def test_agency_only_byline_gives_a_credit_and_no_author():
    article = run(page(body='<p class="byline">Von dpa</p>' + BODY))
    assert article["authors"] == [] and article["credits"] == ["dpa"]


def test_json_ld_agency_author_is_a_credit():
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "author": [
                {"@type": "Person", "name": "Rina Wulandari"},
                {"@type": "Organization", "name": "Reuters"},
            ],
        }
    )
    article = run(page(ld_script(ld)))
    assert article["authors"] == ["Rina Wulandari"] and article["credits"] == ["Reuters"]


def test_credits_are_archived_as_json(tmp_path):
    article = run(page(body='<p class="byline">Von dpa</p>' + BODY))
    db = open_archive(tmp_path / "news.db")
    with db.atomic():
        save_article(db, article, "gazette", FETCHED)
    (row,) = db.query("select authors, credits from articles")
    assert json.loads(row["credits"]) == ["dpa"] and json.loads(row["authors"]) == []
    db.close()


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("March 4, 2026 10:00 PM EST", "en", "2026-03-04T22:00:00-05:00"),
        ("March 4, 2026 12:00 A. M.", "en", "2026-03-04T00:00:00"),  # spaced: midnight
        ("March 4, 2026 1:05 p. m.", "en", "2026-03-04T13:05:00"),
        ("Wed, 04 Mar 2026 10:00:00 GMT+0700", None, "2026-03-04T10:00:00+07:00"),
        ("2026-03-04 10:00 GMT+0700", None, "2026-03-04T10:00:00+07:00"),
        ("4 March 2026 10:00 UTC+7", "en", "2026-03-04T10:00:00+07:00"),
        ("Rabu, 4 Maret 2026 10:15 WIB", "id", "2026-03-04T10:15:00+07:00"),
        ("Rabu, 4 Maret 2026", "id", "2026-03-04"),
        ("4 mars 2026", "fr", "2026-03-04"),
        ("le 4 mars 2026 à 10h15", "fr", "2026-03-04T10:15:00"),
        ("4. März 2026, 10:00 Uhr", "de", "2026-03-04T10:00:00"),
        ("4 de marzo de 2026", "es", "2026-03-04"),
        ("2026年3月4日 10時00分", "ja", "2026-03-04T10:00:00"),
        ("2026年3月4日", "zh", "2026-03-04"),
        ("1772600000", None, "2026-03-04T04:53:20+00:00"),
        ("1772600000000", None, "2026-03-04T04:53:20+00:00"),
        ("04.03.2026", "de", "2026-03-04"),
        ("04.03.2026", "en", "2026-03-04"),  # dots are day first, in English too
        ("04.03.2026", None, "2026-03-04"),
        ("03/14/2026", "en", "2026-03-14"),
        ("14/03/2026", "en", "2026-03-14"),
        ("Mar 4th, 2026 at 10:00 am", "en", "2026-03-04T10:00:00"),
    ],
)
def test_written_dates(raw, language, expected):
    assert normalise_date(raw, NOW, language) == expected


@pytest.mark.parametrize("raw", ["yesterday", "3 days ago", "2026-13-01", "31 Februari 2026"])
def test_written_dates_refused(raw):
    assert normalise_date(raw, NOW, "id") is None


def test_ambiguous_numeric_date_on_an_english_page_is_not_guessed():
    assert normalise_date("02-12-2025", NOW, "en") is None
    assert normalise_date("02/12/2025", NOW, "en") is None
    assert normalise_date("02-12-2025", NOW, "fr") == "2025-12-02"


def test_dateparser_fallback_in_the_declared_language():
    assert written_date("4 марта 2026", "ru") is None  # the fast parser does not know it
    assert normalise_date("4 марта 2026", NOW, "ru") == "2026-03-04"
    assert normalise_date("4 مارس 2026", NOW, "ar") == "2026-03-04"
    assert normalise_date("quatre mars deux mille", NOW, "fr") is None  # no digit: not tried
    assert normalise_date("Mittwoch, den 4.3.2026", NOW, "de") == "2026-03-04"


def test_time_element_text_gives_the_date():
    body = '<time class="published">Rabu, 4 Maret 2026 10:15 WIB</time>' + BODY
    html = page(body=body).replace('lang="en"', 'lang="id"')
    assert run(html)["published_at"] == "2026-03-04T10:15:00+07:00"


# --------------------------------------------------------------------------- JSON-LD repairs


def test_json_ld_with_raw_newlines_tabs_wrappers_and_trailing_commas():
    raw = (
        '<!--\n{"@type": "NewsArticle", "headline": "Quay plan\n\tapproved",'
        ' "datePublished": "2026-03-04T08:15:00+07:00",'
        ' "author": [{"@type": "Person", "name": "Rina Wulandari"},],}\n-->'
    )
    article = run(page(ld_script(raw), h1="Harbour news"))
    assert article["published_at"] == "2026-03-04T08:15:00+07:00"
    assert article["authors"] == ["Rina Wulandari"]
    assert article["title"] == "Quay plan approved"


@pytest.mark.parametrize(
    "raw",
    [
        *('//<![CDATA[\n{"a": 1}\n//]]>', '/*<![CDATA[*/{"a": 1}/*]]>*/', '<![CDATA[{"a": 1}]]>'),
        *('<!--\n{"a": 1}\n-->', '{"a": 1}\n-->', '  \n{"a": 1}\n'),
    ],
)
def test_json_ld_cdata_wrappers(raw):
    assert parse_json_ld(raw) == {"a": 1}


def test_json_ld_without_a_wrapper_is_read_as_written():
    """A block without a wrapper's mark is not searched for one: a value that holds a
    wrapper's characters apart ("- ->", "]] >") stays as it is."""
    assert parse_json_ld('{"a": "- -> ]] > <!- -"}') == {"a": "- -> ]] > <!- -"}
    assert parse_json_ld('{"a": "x -->"}') == {"a": "x -->"}


def test_hopeless_json_ld_is_none():
    assert parse_json_ld('{"a": ') is None


# --------------------------------------------------------------------------- teasers, notices


@pytest.mark.parametrize(
    "teaser",
    [
        "Read also: Ferry fees rise for the third year",
        "Baca juga: Tarif feri naik lagi tahun ini",
        "Lire aussi : Les tarifs du ferry augmentent",
        "Lesen Sie auch: Fährpreise steigen erneut",
        "Lea también: Suben las tarifas del ferry",
        "Leia também: Tarifas do ferry sobem",
        "Leggi anche: Aumentano le tariffe del traghetto",
        "اقرأ أيضا: ارتفاع أسعار العبارات",
        "相关阅读：渡轮票价再次上涨",
        "関連記事：フェリー運賃が再び値上げ",
        "READ MORE | Ferry fees rise for the third year",
    ],
)
def test_read_also_lines_removed_inside_the_body(teaser):
    text = "\n".join([PARAGRAPHS[0], teaser, PARAGRAPHS[1]])
    assert drop_teasers(text) == "\n".join([PARAGRAPHS[0], PARAGRAPHS[1]])


def test_related_heading_and_its_headlines_removed():
    text = "\n".join(
        [*PARAGRAPHS[:2], "Nouvelles connexes", "Le port ferme", "Les ferries en grève"]
    )
    assert drop_teasers(text) == "\n".join(PARAGRAPHS[:2])


def test_a_read_more_label_under_every_card_is_a_link_label_not_a_related_heading():
    cards = ["Ferry tariffs", "Mooring rules", "Quay lighting"]
    text = "\n".join([PARAGRAPHS[0], *(line for card in cards for line in (card, "Read more"))])
    assert drop_teasers(text) == "\n".join([PARAGRAPHS[0], *cards])  # the cards stay
    once = "\n".join([PARAGRAPHS[0], "Read more", *cards])  # printed once: a heading
    assert drop_teasers(once) == PARAGRAPHS[0]


def test_a_related_heading_ending_in_an_exclamation_mark_and_its_headlines_removed():
    text = "\n".join([*PARAGRAPHS[:2], "Das könnte Sie auch interessieren!", "Fähre fällt aus"])
    assert drop_teasers(text) == "\n".join(PARAGRAPHS[:2])


@pytest.mark.parametrize(
    "label",
    [
        "Advertisement",
        "ANZEIGE",
        "Werbung",
        "Publicité",
        "Iklan",
        "- 3 min read",
        "6 minute read",
        "Lesezeit: 2 Minuten",
        "Join Our Newsletter",
        "Jetzt abonnieren",
        "Share this:",
        "Gefällt mir:",
        "Leave a comment",
        "Kommentar verfassen",
        "Tinggalkan komentar",
    ],
)
def test_furniture_labels_removed_inside_the_body(label):
    text = "\n".join([PARAGRAPHS[0], label, PARAGRAPHS[1]])
    assert drop_teasers(text) == "\n".join([PARAGRAPHS[0], PARAGRAPHS[1]])


def test_a_sentence_that_starts_with_a_furniture_word_is_kept():
    lines = [
        "Advertisement revenue at the harbour board fell by a third last year.",
        "Subscribe to the minutes, the board told residents who asked for the papers.",
        "3 min read is what the board's summary promises, but the report is longer.",
    ]
    assert drop_teasers("\n".join(lines)) == "\n".join(lines)


def test_a_sentence_that_mentions_reading_is_kept():
    line = "Read also the board's full report, which runs to ninety pages and was published."
    assert drop_teasers(line + "\n" + PARAGRAPHS[0]).startswith(line[:20])


def test_read_also_removed_through_the_extraction():
    body = BODY.replace("</p><p>", "</p><p>Baca juga: Tarif feri naik lagi</p><p>", 1)
    assert "Baca juga" not in run(page(body=body))["text"]


def test_machine_translation_disclaimer_after_the_body():
    after = "<div><p>This article was translated automatically by a machine.</p></div>"
    article = run(page(after=after))
    assert article["machine_translated"] is True
    assert article["notices"] == ["This article was translated automatically by a machine."]


def test_no_disclaimer_no_notice():
    article = run(page())
    assert article["machine_translated"] is False and article["notices"] == []


# --------------------------------------------------------------------------- language


def test_language_never_empty_when_there_is_text():
    assert decide("Hafen", None)["language"]
    assert decide("", None)["language"] is None


# --------------------------------------------------------------------------- second opinion


def test_word_f1():
    assert opinion.word_f1("The quay opens", "the QUAY opens") == 1.0
    assert opinion.word_f1("", "quay") == 0.0


def test_second_opinion_replaces_a_first_pass_the_judge_disagrees_with():
    html = page()
    tree = load_html(html)
    junk = "Subscribe to our newsletter\nMost read today\nWeather for the coast"
    text, method = opinion.better_text(junk, tree, html)
    assert method == "readability" and PARAGRAPHS[2] in text


def test_second_opinion_keeps_a_good_first_pass():
    html = page()
    text, method = opinion.better_text("\n".join(PARAGRAPHS), load_html(html), html)
    assert method == "trafilatura" and text == "\n".join(PARAGRAPHS)


def test_second_opinion_never_replaces_with_a_fragment():
    html = page(body=f"<p>{PARAGRAPHS[0]}</p>")
    tree = load_html(html)
    more = [p.replace("harbour board", f"ferry committee {n}") for n, p in enumerate(PARAGRAPHS)]
    first = "\n".join([PARAGRAPHS[0], *more, *more])  # eleven paragraphs against one
    assert opinion.word_f1(first, opinion.judge_text(html)) < 1 - opinion.MARGIN
    text, method = opinion.better_text(first, tree, html)
    assert method == "trafilatura" and text == first
    shorter = "\n".join([PARAGRAPHS[0], *more[:3]])  # four against one: the judge decides
    assert opinion.better_text(shorter, tree, html)[1] == "readability"


def test_notice_then_related_list_at_the_end():
    from pipelines.extract.notices import split_notices

    notice = "Les versions anglaise et française sont générées automatiquement par une IA."
    text = "\n".join(
        [*PARAGRAPHS[:3], notice, "Nouvelles connexes", "Le port ferme", "Grève des ferries"]
    )
    kept, found = split_notices(drop_teasers(text), "en")
    assert kept == "\n".join(PARAGRAPHS[:3]) and found == [notice]


def test_a_page_without_any_dated_markup_gets_the_extensive_date_search():
    from htmldate import find_date

    body = BODY + "<span>March 4, 2026</span>"  # far from the headline: not a printed date
    html = page(body=body)
    assert find_date(load_html(html), extensive_search=False, original_date=True) is None
    article = run(html)
    assert (article["published_at"], article["published_source"]) == ("2026-03-04", "htmldate")


def test_page_notices_outside_the_text() -> None:
    note = "This article was translated automatically by a machine."
    tree = load_html(page(after=f'<div class="note"><p>{note}</p></div>'))
    assert page_notices(tree, "\n".join(PARAGRAPHS)) == [note]
    assert page_notices(tree, "\n".join([*PARAGRAPHS, note])) == []  # the text holds it
    assert page_notices(load_html(page()), "\n".join(PARAGRAPHS)) == []  # no wording


def test_page_notices_whose_wording_ends_where_a_word_follows_on_the_page() -> None:
    # the block ends on "AI" and the next element's text runs on without a space: the
    # page's text does not hold WORDING (its word boundary fails there), the block does
    after = "<p><span>Text generated by AI</span>ds help our readers.</p>"
    tree = load_html(page(after=after))
    assert not WORDING.search(squash(tree.xpath("string(/)")))
    assert page_notices(tree, "\n".join(PARAGRAPHS)) == ["Text generated by AI"]


def test_markup_names_hold_every_class_and_id_value_lower_cased():
    from lxml import html as lxml_html

    from pipelines.extract.htmlmeta import markup_names

    tree = lxml_html.fromstring(
        '<html><head><meta id="Top-Meta"></head><body class="Site">'
        '<div id="Paywall-Box" class="story Premium-Lock"><p class="note">Quay</p></div>'
        "</body></html>"
    )
    names = markup_names(tree)
    assert sorted(names.split()) == sorted(
        ["top-meta", "site", "paywall-box", "story", "premium-lock", "note"]
    )
    assert markup_names(lxml_html.fromstring('<html><body class="Café"></body></html>')) is None
