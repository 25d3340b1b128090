"""The writer's biography an article's text ends with is cut; the article's own mention
of its writer, a signature and a biography before the last paragraphs stay. On a crafted
page, through the real extraction, and on texts."""

from __future__ import annotations

from articlepage import article_page

from pipelines.extract.bios import drop_author_bio, drop_author_box
from pipelines.extract.page import extract

URL = "https://portalderpost.example/news/ferry-timetable"
PARAGRAPHS = [
    f"The ferry company of Port Alder will run crossing number {n} an hour earlier from "
    "March, after commuters asked for a connection to the first train to the city."
    for n in range(1, 7)
]
BIO = (
    "Mara Quill is a transport reporter at the Port Alder Post. She has covered the "
    "harbour, its ferries and its fishing fleet since 2019."
)


def page(tail: str) -> str:
    head = '<meta name="author" content="Mara Quill">'
    return article_page("Earlier ferries from March", PARAGRAPHS, tail, head)


def test_the_writers_biography_after_the_article_is_cut():
    article = extract(page(f"<p>{BIO}</p>"), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert article["authors"] == ["Mara Quill"]
    assert PARAGRAPHS[-1] in article["text"]
    assert "transport reporter" not in article["text"]
    assert article["text_cuts"] == ["author_bio"]  # counted as news/extract/text_cut/author_bio


def test_the_articles_own_last_paragraphs_stay():
    article = extract(page(""), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[-1] in article["text"]
    assert article["text_cuts"] == []


def test_a_possessive_a_signature_or_an_earlier_mention_is_no_biography():
    text = "\n".join(PARAGRAPHS[:3])
    for last in [
        "Mara Quill's survey of commuters found most want earlier boats on weekdays.",
        "Mara Quill, Port Alder",
        "Mara Quill, a ferry captain from the north quay, said the new times suit her crew.",
        "Jo is the first to board the boat each morning at six, with the cannery staff.",
    ]:
        assert drop_author_bio(f"{text}\n{last}", ["Mara Quill", "Jo Quill"]) == f"{text}\n{last}"
    early = "\n".join([PARAGRAPHS[0], BIO, *PARAGRAPHS[1:5]])
    assert drop_author_bio(early, ["Mara Quill"]) == early  # not among the last paragraphs
    assert drop_author_bio(f"{text}\n{BIO}", ["Mara Quill"]) == text
    assert (
        drop_author_bio(f"{text}\nMara is a transport reporter at the Post.", ["Mara Quill"])
        == text
    )
    assert drop_author_bio(f"{text}\n{BIO}", ["Quill"]) == f"{text}\n{BIO}"  # no full name
    alder = "Port Alder commuters will find the new timetable at the harbour office."
    assert drop_author_bio(f"{text}\n{alder}", ["Port Alder Post"]) == f"{text}\n{alder}"
    assert drop_author_bio(BIO, ["Mara Quill"]) == BIO  # never the first paragraph


ROLE = "Transport reporter. With ten years on the harbour beat, she writes about ferries."


def test_the_authors_pattern_is_made_only_for_a_line_with_a_verb(monkeypatch):
    """``drop_author_bio`` compiles the authors' pattern only when one of the last lines is
    long enough and holds a biography's verb: the same cuts, in any case."""
    from pipelines.extract import bios

    text = "\n".join(PARAGRAPHS[:3])
    shouted = "MARA QUILL HAS COVERED the harbour and its ferries since 2019."
    assert drop_author_bio(f"{text}\n{shouted}", ["Mara Quill"]) == text
    made = []
    monkeypatch.setattr(bios, "bio_opening", lambda authors: made.append(authors))
    assert drop_author_bio(f"{text}\nMara Quill at the quay, 2019.", ["Mara Quill"]) != text
    assert made == []  # no verb in the last lines: no pattern made


def test_an_author_box_after_the_article_is_cut():
    tail = f"<h3>Mara Quill</h3><p>{ROLE}</p>"
    article = extract(page(tail), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[-1] in article["text"]
    assert "harbour beat" not in article["text"]
    assert article["text_cuts"] == ["author_box"]  # counted as news/extract/text_cut/author_box


def test_the_boxs_name_line_or_heading_starts_the_cut():
    text = "\n".join(PARAGRAPHS[:4])
    for box in [
        ["Mara Quill", ROLE],
        ["Mara QuillAuthor", "Transport reporter", ROLE],
        ["About Mara Quill", ROLE],
        ["About the author", ROLE],
        ["Written by Tom Vale", "March 2, 2026", "Harbour dues rise again"],
        ["Über die Autorin:", ROLE],
    ]:
        assert drop_author_box("\n".join([text, *box]), ["Mara Quill"]) == text, box


def test_a_signature_a_mention_or_an_early_name_is_no_box():
    text = "\n".join(PARAGRAPHS[:4])
    for tail in [
        ["Mara Quill"],  # a signature at the very end
        ["Mara Quill said the boats will be full by April.", ROLE],
        ["Written by hand, the old timetable was hard to read.", ROLE],
    ]:
        kept = "\n".join([text, *tail])
        assert drop_author_box(kept, ["Mara Quill"]) == kept, tail
    early = "\n".join([PARAGRAPHS[0], "Mara Quill", *PARAGRAPHS[1:6], PARAGRAPHS[0]])
    assert drop_author_box(early, ["Mara Quill"]) == early  # not among the last paragraphs
    assert drop_author_box(f"Mara Quill\n{ROLE}", ["Mara Quill"]) == f"Mara Quill\n{ROLE}"
    assert drop_author_box(f"{text}\nQuill\n{ROLE}", ["Quill"]) == f"{text}\nQuill\n{ROLE}"
