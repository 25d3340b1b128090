"""Where an article's text ends: a FAQ block, an author box or a "read this next" list
that a page puts after the article is cut when readability's text ends right before its
heading, and kept when the article holds it; readability's shorter text loses when it
skipped a passage inside the article. Each rule on crafted pages, through the real
extractors, and on texts."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from pipelines.extract import endings, opinion
from pipelines.extract.endings import is_end_heading
from pipelines.extract.page import extract

URL = "https://harbourgazette.example/news/quay-plan"
PARAGRAPHS = [
    f"The harbour board of Port Alder approved plan number {n} for the north quay on a close "
    "vote, after residents asked for changes to the ferry timetable and the mooring fees."
    for n in range(1, 7)
]
QUESTIONS = [
    ("When will the quay open?", "Next spring, once the inspectors sign off."),
    ("Who pays for the works?", "The port pays two thirds, the region the rest."),
    ("Will the fees change?", "Not until the works end."),
]
SAID = " The board said so at its meeting on Tuesday evening in the old customs hall."


def page(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta property="og:type" content="article"><title>Quay plan</title></head><body>'
        '<header><a class="logo" href="/">Harbour Gazette</a></header><main><article>'
        f"<h1>Quay plan approved</h1>{body}</article></main></body></html>"
    )


def accordion(heading: str) -> str:
    """A FAQ block in its own section, the way site builders render one."""
    panels = "".join(
        f'<div class="panel"><a href="#"><h3><span>{q}</span></h3></a>'
        f"<div><div><p>{a}{SAID}</p></div></div></div>"
        for q, a in QUESTIONS
    )
    return f'<section><div class="accordion"><h2>{heading}</h2>{panels}</div></section>'


STORY = "<section>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</section>"


@pytest.mark.parametrize(
    "line",
    [
        "FAQ",
        "Frequently Asked Questions (FAQs)",
        "FAQs about the north quay",
        "About the Author",
        "Über den Autor",
        "Tentang Penulis",
        "À propos de l'auteur",
        "Sobre el autor",
        "References",
        "Quellen:",
        "Referensi",
        "Disclaimer:",
        "Read This Next",
        "よくある質問",
        "常见问题",
        "الأسئلة الشائعة",
        "Часто задаваемые вопросы",
    ],
)
def test_headings_that_open_a_page_tail(line):
    assert is_end_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "How do the new berths change the ferry timetable?",
        "Sources close to the board said the vote was close. It passed anyway.",
        PARAGRAPHS[0],
        "The quay in numbers",
    ],
)
def test_article_lines_are_no_tail_headings(line):
    assert not is_end_heading(line)


def test_a_faq_block_after_the_article_is_cut_where_readability_ends():
    text = extract(page(STORY + accordion("FAQ")), URL)["text"]
    assert all(p in text for p in PARAGRAPHS)
    assert "FAQ" not in text and "When will the quay open?" not in text


def test_a_faq_block_inside_the_article_stays():
    faq = "<h2>FAQ</h2>" + "".join(f"<h3>{q}</h3><p>{a}{SAID}</p>" for q, a in QUESTIONS)
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + faq
    text = extract(page(body), URL)["text"]
    assert all(p in text for p in PARAGRAPHS) and "When will the quay open?" in text


def test_the_cut_needs_both_the_heading_and_readabilitys_end():
    first = "\n".join([*PARAGRAPHS, "FAQ", "When will the quay open?", QUESTIONS[0][1]])
    second = "\n".join(PARAGRAPHS)
    assert opinion.end_at_tail(first, None, second) == second
    # readability ends there, but what follows is no tail heading: the text stays
    plain = "\n".join([*PARAGRAPHS, "The quay in numbers", QUESTIONS[0][1]])
    assert opinion.end_at_tail(plain, None, second) == plain
    # the heading, but readability's text goes on past it: the text stays
    assert opinion.end_at_tail(first, None, first) == first
    # a cut that would keep under a fifth of the words is readability stopping early
    early = "\n".join([PARAGRAPHS[0], "References", *PARAGRAPHS[1:] * 3])
    assert opinion.end_at_tail(early, None, PARAGRAPHS[0]) == early


def test_a_related_box_inside_the_body_is_not_the_end():
    first = "\n".join(
        [*PARAGRAPHS[:3], "Related article", "Ferry fares rise in spring", *PARAGRAPHS[3:]]
    )
    second = "\n".join(PARAGRAPHS[:3])  # readability stopped at the box
    assert opinion.end_at_tail(first, None, second) == first


def test_a_shorter_second_text_that_skipped_a_list_inside_loses():
    items = [f"- Berth {n}: ready for ferries of up to {n * 40} metres" for n in range(1, 9)]
    first = "\n".join([*PARAGRAPHS[:3], *items, *PARAGRAPHS[3:]])
    assert opinion.gapped(first, "\n".join(PARAGRAPHS))
    # trimming the first pass's start or end only is what a second text is for
    assert not opinion.gapped(first, "\n".join([*PARAGRAPHS[:3], *items, *PARAGRAPHS[3:5]]))
    assert not opinion.gapped("\n".join([*PARAGRAPHS, *items]), "\n".join(PARAGRAPHS))
    # a longer second text is judged on its agreement, not here
    assert not opinion.gapped("\n".join(PARAGRAPHS), "\n".join([*PARAGRAPHS, *items]))


def test_soft_hyphens_do_not_split_a_second_texts_words():
    hyphenated = [
        p.replace("harbour", "har\u00adbour").replace("approved", "ap\u00adproved")
        for p in PARAGRAPHS
    ]
    body = "".join(f"<p>{p}</p>" for p in hyphenated)
    tree = load_html(page("<section>" + body + "</section>"))
    second = opinion.second_text(tree)
    assert "\u00ad" not in second and PARAGRAPHS[0] in second
    assert "\u00ad" not in opinion.judge_text(page(body))


class Unread:
    """A page tree that must not be read: copying it (readability's first step) fails."""

    def __deepcopy__(self, memo: dict) -> None:
        raise AssertionError("readability ran on a text without a tail heading")


def test_readability_does_not_run_for_a_text_without_a_tail_heading():
    text = "\n".join(["FAQ", *PARAGRAPHS])  # a heading first is the article's own title
    assert not opinion.has_end_heading(text)
    assert opinion.end_at_tail(text, Unread(), "") == text
    with pytest.raises(AssertionError):
        opinion.end_at_tail("\n".join([*PARAGRAPHS, "FAQ", QUESTIONS[0][1]]), Unread(), "")


def test_a_teaser_line_before_the_tail_heading_does_not_stop_the_cut():
    first = "\n".join([*PARAGRAPHS, "Read also: Ferry fares rise in spring", "FAQ", *QUESTIONS[0]])
    assert opinion.has_end_heading(first)
    assert opinion.end_at_tail(first, None, "\n".join(PARAGRAPHS)) == "\n".join(PARAGRAPHS)


def test_unseen_characters_are_dropped():
    assert opinion.unseen("Mit\u00adtel\u200bal\ufeffter") == "Mittelalter"
    assert opinion.unseen(PARAGRAPHS[0]) == PARAGRAPHS[0]


def test_cached_token_counts_are_not_changed_by_comparisons():
    first, second = "\n".join(PARAGRAPHS[:3]), "\n".join(PARAGRAPHS[2:])
    before = dict(opinion.tokens(first))
    score = opinion.word_f1(first, second)
    assert opinion.containment(first, second) < 1.0
    assert opinion.word_f1(first, second) == score and dict(opinion.tokens(first)) == before
    assert opinion.words(first) == sum(before.values())


PROMO = ["Plan your own harbour visit", "Book a guided tour", "Opening hours and prices"]


def test_the_text_ends_where_the_judge_and_readability_both_end():
    article = "\n".join(PARAGRAPHS)
    first = "\n".join([*PARAGRAPHS, *PROMO])
    assert opinion.end_where_both_end(first, None, article, article) == article
    # the later of the two ends is kept: readability went one paragraph further
    longer = "\n".join(PARAGRAPHS[:-1])
    assert opinion.end_where_both_end(first, None, longer, article) == article
    # one extractor going on to the text's end: the text stays
    assert opinion.end_where_both_end(first, None, article, first) == first
    assert opinion.end_where_both_end(first, None, first, article) == first
    # what follows is a paragraph of the article's length, or a list: the text stays
    long_line = " ".join(["The harbour board met again in the evening"] * 8)
    ended = first + "\n" + long_line
    assert opinion.end_where_both_end(ended, None, article, article) == ended
    items = "\n".join(f"- Berth {n} opens in May" for n in range(1, 4))
    listed = article + "\n" + items
    assert opinion.end_where_both_end(listed, None, article, article) == listed
    # both ending in the first half of the paragraphs is no end of the article
    early = "\n".join(PARAGRAPHS[:1])
    many = "\n".join([*PARAGRAPHS, *PROMO * 3])
    assert opinion.end_where_both_end(many, None, early, early) == many


def test_readability_runs_for_the_both_end_cut_only_when_the_judge_ends_early():
    article = "\n".join(PARAGRAPHS)
    assert opinion.end_where_both_end(article, Unread(), article, "") == article
    with pytest.raises(AssertionError):
        opinion.end_where_both_end("\n".join([article, *PROMO]), Unread(), article, "")


def test_the_text_ends_where_readabilitys_trimmed_copy_ends():
    article = "\n".join(PARAGRAPHS)
    first = "\n".join([*PARAGRAPHS, *PROMO])
    assert opinion.end_where_trimmed(first, lambda: article) == article
    # readability's text holding words the first pass lacks is no trimmed copy of it
    other = article + "\n" + "The ferry company will add two boats to the spring timetable."
    assert opinion.end_where_trimmed(first, lambda: other) == first
    # readability's text much shorter than the first pass: no cut
    assert opinion.end_where_trimmed(first, lambda: PARAGRAPHS[0]) == first
    # a line past its end longer than a promotion's: the article's, the text stays
    long_line = "The harbour board will meet again in the autumn to decide the mooring fees."
    ended = "\n".join([*PARAGRAPHS, PROMO[0], long_line + " " + long_line])
    assert opinion.end_where_trimmed(ended, lambda: article) == ended
    # a question answered past its end: a FAQ, which the page's text keeps
    asked = "\n".join([*PARAGRAPHS, *QUESTIONS[0], *QUESTIONS[1]])
    assert opinion.end_where_trimmed(asked, lambda: article) == asked


def test_a_machine_translation_notice_in_a_cut_tail_stays_for_the_notices_stage():
    # the short lines after the article's end go, a line saying the article was machine
    # translated stays at the text's edge, where notices.split_notices reads and flags it
    article = "\n".join(PARAGRAPHS)
    notice = "This article was machine translated."
    first = "\n".join([*PARAGRAPHS, PROMO[0], notice, PROMO[1]])
    assert opinion.end_where_trimmed(first, lambda: article) == article + "\n" + notice
    assert opinion.end_where_both_end(first, None, article, article) == article + "\n" + notice


def unread() -> str:
    raise AssertionError("readability ran for a text whose last line is long")


def test_readability_runs_for_the_trimmed_cut_only_after_a_short_last_line():
    long_line = " ".join(["The harbour board met again in the evening"] * 4)
    opinion.end_where_trimmed("\n".join([*PARAGRAPHS, long_line]), unread)
    with pytest.raises(AssertionError):
        opinion.end_where_trimmed("\n".join([*PARAGRAPHS, *PROMO]), unread)


@pytest.mark.parametrize(
    "tail",
    [
        ["Discover more from Harbour Gazette"],
        ["You'll also love..."],
        ["Related topics"],
        ["Tags", ""],
        ["Back to our harbour guide"],
        ["Mehr zum Thema"],
        ["Baca juga:"],
    ],
)
def test_a_heading_with_nothing_after_it_is_dropped(tail):
    article = "\n".join(PARAGRAPHS)
    assert endings.drop_dangling_headings("\n".join([article, *tail])) == article


def test_a_heading_followed_by_text_or_a_sentence_stays():
    text = "\n".join([*PARAGRAPHS, "Related topics", "Ferry fares rise in spring"])
    assert endings.drop_dangling_headings(text) == text
    closing = "\n".join([*PARAGRAPHS, "More from the board next week."])
    assert endings.drop_dangling_headings(closing) == closing
    assert endings.drop_dangling_headings("Related topics") == "Related topics"


def test_a_line_the_other_extractor_joined_with_its_neighbour_is_held():
    lines = [PARAGRAPHS[0], "| Quay | Berths |", "| North | 12 |", "Book a guided tour"]
    joined = PARAGRAPHS[0] + "\nQuay Berths North 12"  # one line for the whole table
    assert opinion.last_held(lines, joined) == 2
    assert opinion.last_held(lines, "Nothing alike") == -1
    # a word that only starts another word is not the line
    assert opinion.last_held(["Tour", "Quay"], "Tourism at the Quayside") == -1


def test_both_ends_share_one_readability_run(monkeypatch):
    # a tail heading that does not follow readability's end (no cut there), and short
    # lines after the judge's end: both cuts read readability's text, which better_text
    # runs once for the two
    article = "\n".join(PARAGRAPHS)
    first = "\n".join([*PARAGRAPHS, PROMO[0], "FAQ", *PROMO[1:]])
    runs = []

    def second_text(tree, summary=None):
        runs.append(tree)
        return article

    monkeypatch.setattr(opinion, "judge_text", lambda html: article)
    monkeypatch.setattr(opinion, "second_text", second_text)
    text, method = opinion.better_text(first, None, "<html></html>")
    assert (text, method) == (article, "trafilatura")
    assert len(runs) == 1
