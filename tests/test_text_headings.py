"""A section heading or a list the extracted text lacks is put back between the two paragraphs it
separates on the page; a heading before or after the article, a teaser's title, a link, a
"Related" label, one next to a short caption, a list of links or buttons stay out."""

from __future__ import annotations

from pipelines.extract.headings import restore_headings
from pipelines.extract.parse import page_tree

FIRST = "The valley's orchards opened their gates on Saturday for the yearly picking weekend."
SECOND = "Families came from the towns downriver and filled the carts before noon on both days."
THIRD = "Growers said the dry spring had made the apples smaller but sweeter than last year."
TEXT = "\n".join([FIRST, SECOND, THIRD])


def page(body: str) -> object:
    return page_tree(f"<html><body>{body}</body></html>")


def test_a_dropped_heading_between_two_paragraphs_comes_back() -> None:
    tree = page(
        f"<h1>Picking weekend</h1><p>{FIRST}</p><h2><strong>Crowds from downriver</strong></h2>"
        f"<p>{SECOND}</p><p>&nbsp;</p><h3>A sweeter harvest</h3><p>{THIRD}</p>"
        "<h2>More from the valley</h2><p>Subscribe to our weekly letter for more.</p>"
    )
    assert restore_headings(TEXT, tree).split("\n") == [
        FIRST,
        "Crowds from downriver",
        SECOND,
        "A sweeter harvest",
        THIRD,
    ]


def test_a_heading_the_text_has_is_not_doubled() -> None:
    text = "\n".join([FIRST, "Crowds from downriver", SECOND])
    tree = page(f"<p>{FIRST}</p><h2>Crowds from downriver</h2><p>{SECOND}</p>")
    assert restore_headings(text, tree) == text


def test_headings_outside_the_run_of_extracted_paragraphs_stay_out() -> None:
    tree = page(
        f"<h2>Weekend guide</h2><p>{FIRST}</p><h2>Sidebar</h2>"
        "<p>A paragraph of the sidebar that the extractor rightly left out of the text.</p>"
        f"<p>{SECOND}</p><p>{THIRD}</p><h2>Comments</h2>"
    )
    assert restore_headings(TEXT, tree) == TEXT


def test_teaser_titles_links_labels_and_captions_are_no_section_headings() -> None:
    tree = page(
        f"<p>{FIRST}</p><div class='box'><h3>Orchards in the news</h3></div>"
        f"<p>{SECOND}</p><a href='/other'><h3>Another story</h3><span>x</span></a>"
        f"<p>{THIRD}</p>"
    )
    assert restore_headings(TEXT, tree) == TEXT
    tree = page(f"<p>{FIRST}</p><h2>Related stories</h2><p>{SECOND}</p>")
    assert restore_headings("\n".join([FIRST, SECOND]), tree) == "\n".join([FIRST, SECOND])
    tree = page(f"<p>{FIRST}</p><p>Photo: A. Grower</p><h2>The carts</h2><p>{SECOND}</p>")
    assert (
        restore_headings("\n".join([FIRST, "Photo: A. Grower", SECOND]), tree).count("The carts")
        == 0
    )


def test_a_page_without_a_tree_or_text_keeps_its_text() -> None:
    assert restore_headings(TEXT, None) == TEXT
    assert restore_headings("", page("<h2>x</h2>")) == ""


def test_a_dropped_list_between_two_paragraphs_comes_back() -> None:
    tree = page(
        f"<p>{FIRST}</p><h2>What to bring</h2><ul><li>A basket or a sturdy bag</li>"
        f"<li><p>Boots for the wet grass</p></li></ul><p>{SECOND}</p><p>{THIRD}</p>"
    )
    assert restore_headings(TEXT, tree).split("\n") == [
        FIRST,
        "What to bring",
        "- A basket or a sturdy bag",
        "- Boots for the wet grass",
        SECOND,
        THIRD,
    ]


def test_a_list_of_links_or_buttons_stays_out() -> None:
    links = "".join(f"<li><a href='/story/{n}'>Another orchard story {n}</a></li>" for n in "ab")
    buttons = "<li>Share</li><li><button>Print</button></li>"
    for items in (links, buttons):
        tree = page(f"<p>{FIRST}</p><ul>{items}</ul><p>{SECOND}</p><p>{THIRD}</p>")
        assert restore_headings(TEXT, tree) == TEXT


def test_a_heading_after_a_list_the_text_has_comes_back() -> None:
    text = "\n".join([FIRST, "- A basket or a sturdy bag", SECOND])
    tree = page(
        f"<p>{FIRST}</p><ol><li>A basket or a sturdy bag</li></ol>"
        f"<h2>On the day</h2><p>{SECOND}</p>"
    )
    assert restore_headings(text, tree).split("\n") == [
        FIRST,
        "- A basket or a sturdy bag",
        "On the day",
        SECOND,
    ]


def test_a_dropped_quotation_comes_back_but_not_an_embed_or_a_pull_quote() -> None:
    quote = "We had never seen so many families at once, one of the growers said."
    tree = page(
        f"<p>{FIRST}</p><figure><blockquote><p>{quote}</p></blockquote></figure>"
        f"<p>{SECOND}</p><blockquote class='twitter-tweet'>A post about apples today</blockquote>"
        f"<p>{THIRD}</p>"
    )
    assert restore_headings(TEXT, tree).split("\n") == [FIRST, quote, SECOND, THIRD]
    pull = "filled the carts before noon"
    tree = page(f"<p>{FIRST}</p><blockquote>{pull}</blockquote><p>{SECOND}</p>")
    assert restore_headings("\n".join([FIRST, SECOND]), tree) == "\n".join([FIRST, SECOND])


def test_the_classifier_walk_is_read_when_it_holds_every_block() -> None:
    # extract passes the classifier's walk of the body: the same result as a walk of the
    # tree, lists, quotations (and what is inside them) and comments included
    from pipelines.extract.features import page_features
    from pipelines.extract.headings import page_walk

    body = (
        f"<p>{FIRST}</p><!-- a note --><h2>Crowds <em>from</em> downriver</h2><p>{SECOND}</p>"
        "<ul><li>Apples picked by hand today</li><li>Pears sold <b>at the gate</b> too</li>"
        f"<li><p>Plums kept for the jam makers</p></li></ul><p>{THIRD}</p>"
    )
    tree = page(body)
    walks: list = []
    page_features(tree, {}, "", walks)
    assert page_walk(tree, walks[0]) is walks[0]
    text = "\n".join([FIRST, SECOND, THIRD])
    restored = restore_headings(text, tree, walks[0])
    assert restored == restore_headings(text, tree)
    assert restored.split("\n") == [
        FIRST,
        "Crowds from downriver",
        SECOND,
        "- Apples picked by hand today",
        "- Pears sold at the gate too",
        "- Plums kept for the jam makers",
        THIRD,
    ]
    # a block outside the walk's body: the whole document is walked again
    tree = page_tree(f"<html><head><title>t</title></head><body>{body}</body></html>")
    head_block = tree.makeelement("p")
    head_block.text = "A paragraph in the head."
    tree.find("head").append(head_block)
    walks = []
    page_features(tree, {}, "", walks)
    assert page_walk(tree, walks[0]) is not walks[0]
    assert restore_headings(text, tree, walks[0]) == restore_headings(text, tree)


def test_a_text_has_a_word_when_its_lower_cased_form_has_one():
    # list_items tests an item with WORD.search, not with words() (which lower-cases):
    # the same answer when no character lower-cases to a non-word one, or back
    import sys

    from pipelines.extract import headings

    for code in range(sys.maxunicode + 1):
        character = chr(code)
        assert bool(headings.WORD.search(character)) == bool(headings.words(character)), code
    assert headings.list_items(["  Step one ", "—", "", "İstanbul"]) == ["Step one", "İstanbul"]
