"""The classifier's page measures (``pipelines.extract.features``) on pages the tests write:
each count of the one walk checked against the page it reads."""

from __future__ import annotations

import gc
import random
import re

from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from pipelines.extract import features

URL = "https://harbour.example/2026/05/ferry-timetable-changes"
PAGE = """<html><head><title>Ferry timetable changes | Harbour Post</title>
<script>var hidden = "words in a script do not count";</script></head><body>
<header><nav><a href="/">Home</a> <a href="/ferries/">Ferries</a></nav></header>
<h1>Ferry timetable changes for the summer</h1>
<div class="story"><p>The harbour board moved the first crossing to six in the morning,
and added a late boat on Fridays for the <!-- a note --> market traders.</p>
<p>Tickets cost €4,50 for adults.<noscript>Enable scripts to see the map</noscript></p>
<p><a href="/more">Read more</a></p></div>
<ul><li class="teaser"><a href="/a">Night boat returns to the island after long winter</a></li>
<li class="teaser"><a href="/b">Pier lights repaired before the regatta this weekend</a></li>
<li class="teaser"><a href="/c">Harbour master retires after thirty years at the quay</a></li>
<li class="teaser"><a href="/d">New ticket machines arrive at the ferry terminal gates</a></li>
</ul><div class="pager"><a href="?p=1">1</a><a href="?p=2">2</a><a href="?p=3">3</a></div>
<p>東京の港 news</p><time>2026-05-01</time></body></html>"""


def measured(html: str = PAGE, url: str = URL) -> features.Features:
    return features.page_features(load_html(html), {}, url)


def test_visible_words_skip_scripts_and_noscript_but_keep_text_after_a_comment():
    found = measured()
    tree = load_html(PAGE)
    shown = tree.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    )
    assert found.page_words == features.words_in(" ".join(shown))
    assert "Enable" not in " ".join(shown)  # the check reads what it means to
    assert found.page_words > 80
    assert measured(PAGE.replace("market traders", "")).page_words == found.page_words - 2


def test_cjk_characters_count_one_word_each():
    assert features.words_in("東京の港 news") == 5
    walked = measured("<html><body><p>東京の港 news, ferry</p></body></html>")
    assert walked.page_words == 6


def test_links_teasers_read_more_and_a_numbered_pager():
    found = measured()
    assert found.links == 10
    assert found.teaser_links == 4
    assert found.read_more == 1
    assert found.pagination  # the pager's class, and three numbered links
    numbered = measured(PAGE.replace('class="pager"', ""))
    assert numbered.pagination


def test_repeated_blocks_paragraphs_headings_and_prices():
    found = measured()
    assert found.repeated_blocks == 4
    assert found.repeated_words == sum(
        features.words_in(t)
        for t in (
            "Night boat returns to the island after long winter",
            "Pier lights repaired before the regatta this weekend",
            "Harbour master retires after thirty years at the quay",
            "New ticket machines arrive at the ferry terminal gates",
        )
    )
    assert found.headings == 1 and found.heading == "Ferry timetable changes for the summer"
    assert found.block_headed is False  # the <h1> sits in the body, not by the story
    assert found.block_words > 25 and found.long_paragraphs == 0
    assert found.prices == 1 and not found.cart
    assert found.times == 1
    assert found.menu_item is False
    home = measured(url="https://harbour.example/ferries/")
    assert home.menu_item is True
    bare = PAGE.replace('<a href="/">Home</a>', '<a href="https://#">Home</a>')
    assert measured(bare).menu_item is True  # a scheme alone resolves to the page itself


def test_a_menu_link_to_the_page_counts_by_any_of_its_copies():
    """Each href is resolved once: a link to the page counts when one of its copies has a
    short text, in a menu that is no breadcrumb."""
    url = "https://harbour.example/ferries/"

    def menu(*links: str, label: str = "") -> bool:
        html = f"<html><body><nav aria-label='{label}'>{''.join(links)}</nav>"
        return features.menu_item(load_html(f"{html}<p>Quay</p></body></html>"), url)

    long = '<a href="/ferries">All the ferries of the harbour and the bay</a>'
    assert not menu(long, '<a href="/buses">Buses</a>', '<a href="#top">Ferries</a>')
    assert menu(long, '<a href=" /ferries/#x ">Ferries</a>')
    assert menu('<a href="https://www.harbour.example/ferries">Ferries</a>', long)
    assert not menu(long, '<a href="/ferries">Ferries</a>', label="Breadcrumb")
    assert not menu('<a href="http://[::1/ferries">Ferries</a>')  # not an address


def test_add_to_cart_is_found_in_any_case():
    found = measured(PAGE.replace("Tickets cost", "ADD TO BASKET: tickets cost"))
    assert found.cart


def test_a_next_link_is_pagination():
    page = "<html><head>{}</head><body><p>One ferry a day this winter.</p>{}</body></html>"
    assert measured(page.format('<link rel="next" href="/p/2">', "")).pagination
    assert measured(page.format("", '<a rel="next" href="/p/2">Older</a>')).pagination
    for near in ('<a rel="nofollow next" href="/p/2">x</a>', '<span rel="next">x</span>'):
        assert not measured(page.format("", near)).pagination
    assert not measured(page.format('<link rel="prev" href="/p/0">', "")).pagination


def test_class_marks_are_the_three_searches_with_or_without_the_word_filter():
    """``class_marks`` skips the three searches for an ASCII class and id without one of
    ``MARK_WORDS``: every name the searches match, in any case, still gets its marks."""
    names = [
        *("post", "message", "reply", "answer", "thread", "topic", "comment"),
        *("author", "username", "user-name", "poster", "postauthor", "userinfo"),
        *("user-info", "member", "avatar", "paginat", "pager", "page-numbers", "pagenav"),
        *("page-nav", "sidebar", "entry-content", "PAGİNATION", "ſtory", "ıd"),
    ]
    for name in names:
        for classes, ident in ((name, ""), (f"x {name.upper()}_body", ""), ("", name.title())):
            marks = f"{classes} {ident}"
            expected = (
                bool(features.POST_CLASS.search(marks)),
                bool(features.AUTHOR_CLASS.search(classes)),
                bool(features.PAGER_CLASS.search(marks)),
            )
            assert features.class_marks(classes, ident) == expected, (classes, ident)
    assert features.class_marks("PAGİNATION", "") == (False, False, True)  # not ASCII
    assert features.class_marks("post-body", "") == (True, False, False)


def test_marks_of_sums_class_marks_over_every_element_with_repeats():
    """``marks_of`` judges each distinct (class, id) once and counts it as often as the
    page holds it: the sums of ``class_marks`` over the elements, non-ASCII names too."""
    pairs = [
        *[("post-body", "")] * 3,
        ("comment", "c1"),
        *[("user-info avatar", "")] * 2,
        ("", "PAGİNATION"),
        *[("story wide", "")] * 5,
        ("ſtory", ""),
    ]
    post = sum(features.class_marks(c, i)[0] for c, i in pairs)
    author = sum(features.class_marks(c, i)[1] for c, i in pairs)
    assert features.marks_of(pairs) == (post, author, True) == (4, 2, True)
    assert features.marks_of([("story", "main")] * 4) == (0, 0, False)


def test_a_link_s_run_of_text_nodes_is_its_itertext():
    """Each link's run of the walk's text nodes, joined, is ``" ".join(link.itertext())``:
    comments, processing instructions, children and hidden text inside it too."""
    html = (
        '<html><body><p>Quay <a href="/x">x<!-- c -->y<?pi z?>w<b>q<!--d-->r</b>s</a> t</p>'
        "<a href='/2'><script>v</script>2</a><a href='/3'></a><a>Weiter<i>lesen</i></a>"
        "<a>mehr</a></body></html>"
    )
    walk = features._Walk(lxml_html.fromstring(html).find(".//body"))
    assert len(walk.anchors) == 5
    for link, start, end in walk.anchors:
        assert " ".join(walk.texts[start:end]) == " ".join(link.itertext())
    assert walk.links()[3] == 1


def iterwalk_texts(root) -> tuple[list[str], list[int]]:
    """The text nodes ``etree.iterwalk(root, events=("start", "end", "comment"))`` brings,
    in order, and the indices of those inside a script, style, noscript or template."""
    texts, hidden, open_hidden = [], [], 0
    for event, node in etree.iterwalk(root, events=("start", "end", "comment")):
        if event == "start":
            open_hidden += node.tag in features.HIDDEN_TAGS
            text = node.text
        elif event == "end":
            open_hidden -= node.tag in features.HIDDEN_TAGS
            text = node.tail if node is not root else None
        else:
            text = node.tail
        if text:
            hidden += [len(texts)] if open_hidden else []
            texts.append(text)
    return texts, hidden


def test_the_walk_meets_the_text_nodes_iterwalk_gives():
    """The recursive walk's text nodes (and hidden ones) are those of ``iterwalk``'s events:
    a comment brings its tail, a processing instruction nothing, an entity its text and
    tail, the root's tail is left out."""
    html = (
        "<html><body>Quay<div>a<!-- c -->b<script>v<!--s-->w</script>x<p>Ferry<b>boat</b>"
        "<noscript>n<i>m</i>o</noscript>late</p>y</div>tail</body></html>"
    )
    body = lxml_html.fromstring(html).find(".//body")
    paragraph = body.find(".//p")
    instruction = etree.ProcessingInstruction("pi", "z")
    instruction.tail = "after the instruction"
    paragraph.insert(1, instruction)
    entity = etree.Entity("amp")
    entity.tail = "after the entity"
    paragraph.insert(0, entity)
    body.find(".//script").append(etree.Comment("hidden comment"))
    body.find(".//script")[-1].tail = "hidden tail"
    body.tail = "the root's tail"
    walk = features._Walk(body)
    texts, hidden = iterwalk_texts(body)
    assert walk.texts == texts and walk.hidden == hidden
    assert "after the entity" in texts and "after the instruction" not in texts
    assert "hidden tail" in texts and "the root's tail" not in texts
    assert features._Walk(body.find(".//div")).texts == iterwalk_texts(body.find(".//div"))[0]


def test_the_walk_reads_the_itemtypes_the_xpath_finds():
    """The walk's ``itemtypes`` are ``.//@itemtype`` of its root: the root's own, empty
    values, in document order; none of ``<head>``."""
    html = (
        "<html itemtype='https://schema.org/WebPage'><head><meta itemtype='x'></head>"
        "<body itemtype='https://schema.org/Blog'><div itemtype=''><!-- c -->"
        "<article itemtype='http://schema.org/NewsArticle/'><p itemtype='Person'>Kit</p>"
        "</article></div><span itemtype='Place'>Quay</span></body></html>"
    )
    body = lxml_html.fromstring(html).find(".//body")
    walk = features._Walk(body)
    assert walk.itemtypes == body.xpath(".//@itemtype") and len(walk.itemtypes) == 5
    found = features.page_features(body.getroottree().getroot())
    assert found.microdata_types == ["", "blog", "newsarticle", "person", "place"]
    assert found.microdata_articles == 1


def test_counter_prefix_counts_each_text_s_words_as_words_in():
    """``_Counter.prefix``: the running totals of ``words_in`` over the texts (words never
    run across two texts), and the shown texts' sum; a text holding a NUL too."""
    texts = [
        *("Harbour", "board", " met_on 12 ", "", "  ", "东京タワー는 좋다 ok", "x"),
        *("word\x00word", "Überfahrt—Fähre", "a", "b\ud800c", "", "end."),
    ]
    for cut in range(len(texts) + 1):
        piece = texts[cut:]
        shown = [n % 3 != 1 for n in range(len(piece))]
        total, words = features._Counter.prefix(piece, shown)
        counts = [features.words_in(text) for text in piece]
        assert total == [sum(counts[:n]) for n in range(len(piece) + 1)], cut
        assert words == sum(c for c, seen in zip(counts, shown, strict=True) if seen)


def test_shown_at_places_every_run_of_text_nodes_in_the_shown_text():
    """``shown_at`` gives where each text node's shown text starts: every run of nodes
    reads in the page's shown text as its shown nodes joined by spaces."""
    walk = features._Walk(load_html(PAGE).find(".//body"))
    text, at = walk.shown_at()
    assert text == " ".join(t for t, seen in zip(walk.texts, walk.shown, strict=True) if seen)
    for start in range(len(walk.texts) + 1):
        for end in range(start, len(walk.texts) + 1):
            pieces = [
                t for t, s in zip(walk.texts[start:end], walk.shown[start:end], strict=True) if s
            ]
            assert (text[at[start] : at[end] - 1] if at[start] < at[end] else "") == " ".join(
                pieces
            )


def test_priced_blocks_count_tiles_with_a_shown_price_only():
    """A grid of linked tiles with a price each is priced; a price in a tile's script is
    not shown, so that tile does not count."""
    tile = '<div class="tile"><a href="/p{0}">Lamp {0}</a> <span>$1{0}.00</span></div>'
    hidden = '<div class="tile"><a href="/h">Lamp</a><script>var p = "$99";</script></div>'
    body = "".join(tile.format(n) for n in range(6)) + hidden * 3
    walk = features._Walk(load_html(f"<html><body><main>{body}</main></body></html>"))
    assert walk.priced_blocks() == 6


def test_says_cart_is_the_cart_search_around_its_words():
    """``says_cart`` searches only around ``CART_WORDS``: the answer of ``CART.search``
    over the whole text, wherever the phrase sits and whatever its case."""
    filler = "The harbour shop lists its winter coats here. " * 40
    phrases = [
        *("Add to Cart", "ADD TO BAG", "in den Warenkorb", "Ajouter au panier", "buy now"),
        *("Añadir al carrito", "tambahkan ke keranjang", "Jetzt kaufen", "カートに入れる"),
        *("加入购物车", "AdD tO bAsKeT", "jetzt \u212aaufen"),  # a Kelvin sign: lower() is k
    ]
    near = ["add to wishlist", "kaufen Sie", "panier vide", "buy", "Add tocart", "Warenkorb"]
    for phrase in phrases + near:
        for text in (phrase, f"{filler}{phrase}", f"{phrase}. {filler}", f"{filler}{phrase}x"):
            assert features.says_cart(text) == bool(features.CART.search(text)), text
    for phrase in phrases:
        assert features.says_cart(f"{filler}add to wishlist. {filler}{phrase} {filler}")
    assert not any(features.says_cart(f"{filler}{text}") for text in near)
    assert features.says_cart("buy no\u017f") is False  # "ſ": the whole text is searched
    assert features.says_cart("Add To Cart \u0130") is True


def test_lower_keeps_the_letters_cart_matches_but_for_the_case_folds():
    """Every character ``CART``'s letters match (``re.IGNORECASE``) lower-cases to that
    letter, one character, but for ``CASE_FOLDS``: ``says_cart``'s premise."""
    letters = sorted({letter for letter in features.CART.pattern if letter.isalpha()})
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for char in re.findall(re.escape(letter), everything, re.IGNORECASE):
            if char not in features.CASE_FOLDS:
                assert char.lower() == letter, (letter, char)
    longest = re._parser.parse(features.CART.pattern, features.CART.flags).getwidth()[1]
    assert longest == len("tambahkan ke keranjang") < features.CART_REACH


def test_prices_in_counts_as_the_price_regex_does():
    """``prices_in`` is ``len(PRICE.findall(text))``: texts of a currency's signs and codes,
    digits, dots, commas, spaces and the letters the regex folds, in every mix."""
    rng = random.Random(19)
    pieces = ["$", "€", "£", "eur", "EUR", "usd", "uſd", "Rp", "rp", "gbp", "ı", "İ"]
    pieces += ["5", "12", ".", ",", " ", "\n", "x", "e", "corp", "Europe", "-"]
    texts = ["Tickets cost 4,50 eur.", "corp. 5", "5,.,.,eur", "Rp.5", "USD. 5", "no price"]
    texts += ["".join(rng.choices(pieces, k=rng.randint(0, 12))) for _ in range(20000)]
    for text in texts:
        assert features.prices_in(text) == len(features.PRICE.findall(text)), repr(text)
    assert features.prices_in("Tickets cost 4,50 eur. Was $ 7.") == 2


def test_the_walk_leaves_no_cycle_for_the_collector():
    """The recursive walk frees all it made by reference counts: a worker's young-object
    collections (``page.GC_YOUNG``) stay rare."""
    body = load_html(PAGE).find(".//body")
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds stays in gc.garbage
    try:
        for _ in range(5):
            features._Walk(body)
        gc.collect()
        # the walk's own objects only: other tests' threads may leave garbage meanwhile
        left = [o for o in gc.garbage if getattr(o, "__module__", None) == features.__name__]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
