"""Two of trafilatura's expressions answered per distinct set of attribute values
(``pipelines.extract.discardkeys``): the same elements, in the same order, as
trafilatura's own expressions, on crafted pages; a changed expression stays as it was."""

from __future__ import annotations

import pytest
from lxml.etree import XPath
from test_libxpaths import tree_of
from trafilatura import xpaths

from pipelines.extract import discardkeys, discards
from pipelines.extract.libxpaths import NAMESPACES

# blocks the expression drops, near misses (other tags, other attributes, case), and the
# id/class order its re:test(@id|@class, 'cookie') depends on
BLOCKS = [
    '<div class="site-menu">m</div><span id="share-box">s</span><p class="Menu">kept</p>',
    '<section role="Navigation">n</section><div role="main">kept</div><a class="menu">a</a>',
    '<div data-component="MostPopularStoriesList">p</div><div data-component="Story">k</div>',
    '<div data-lp-replacement-content="">r</div><p data-lp-replacement-content="x">r</p>',
    '<div class="cookie-note" id="top">c</div><div id="top" class="cookie-note">kept</div>',
    '<div id="cookie-box" class="x">c</div><div class="x" id="cookie-box">kept</div>',
    '<div id="ad-slot">a</div><div class="ad-slot">a</div><div class="lead ad-x">a</div>',
    '<div class="row"><div class="col"><span class="byline">by</span></div></div>',
    '<div class="elated-links"><p class="content">c</p></div><div id="related">r</div>',
    '<item class="widget">w</item><list class="sidebar-list">l</list>',
    '<article class="nav">k</article><div class="Widget">kept</div>',
    '<div id="main" class="story"><p>plain</p></div><section>no attributes</section>',
]


# frames of an article BODY_XPATH[2] looks for (the first), and near misses before them
FRAMES = [
    '<div class="article-text">no</div><span class="story">no</span><div class="Text">no</div>',
    '<section class="FULLTEXT-wrap">f</section><div id="primary-col">p</div>',
    '<main role="article">m</main><div class="article lead">a</div><div id="story">s</div>',
    '<article class="single-post x">sp</article><div class="cell">c</div>',
]


# frames BODY_XPATH[0] looks for (each element's first), nested, side by side, near misses
BODIES = [
    '<div class="post"><div class="entry">e</div><div class="post">second</div></div>',
    '<section id="articleContent">a</section><span class="post-body">span</span>',
    '<main itemprop="articleBody"><p class="post-text">p</p><div class="Post-text">no</div>'
    '<div class="ArticleContent">c</div><div id="article-body">b</div></main>',
    '<article class="entry x">no</article><div id="body-text">t</div><div>plain</div>',
]


# the raw tree's prunes: appended articles (a heading kept unless the box's own class),
# and comment containers (a list only by its own class or id)
RAW = [
    '<div class="infinite-scroll"><h1>Next story</h1><p>kept with its heading</p></div>',
    '<section id="infinitescroll"><p>gone</p></section><aside class="mvp-post-add-box">'
    "<h1>Boxed</h1><p>gone too</p></aside><span class='infinite-scroll'>span kept</span>",
    '<div id="comments"><p>c</p></div><ul class="comment-list"><li>l</li></ul>'
    '<ol id="disqus_thread"><li>kept</li></ol><section class="post-comments">s</section>',
    '<div class="Commentary">kept</div><div id="comment-form">f</div><p class="comments">p</p>',
]
RAW_PRUNES = [
    xpaths.RAW_TREE_PRUNE_XPATH,
    xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH,
]


@pytest.mark.parametrize("start", range(len(RAW)))
def test_the_same_raw_prunes_as_trafilatura(start: int) -> None:
    discards.install()
    tree = tree_of(RAW[start:] + RAW[:start] + BLOCKS)
    for expressions in RAW_PRUNES:
        mine = expressions[0]
        assert isinstance(mine, discardkeys.Keyed)
        for context in [tree, *tree.iter("div", "body", "section", "ul")]:
            assert mine(context) == mine.original(context), context.attrib
    raw = [e.text or e[0].text for e in xpaths.RAW_TREE_PRUNE_XPATH[0](tree)]
    assert sorted(raw) == ["Boxed", "gone"]
    comments = [e.text or e[0].text for e in xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH[0](tree)]
    assert sorted(comments) == ["c", "f", "l", "s"]


def test_installed_with_trafilaturas_expressions() -> None:
    discards.install()
    for mine in (xpaths.OVERALL_DISCARD_XPATH[0], xpaths.BODY_XPATH[0], xpaths.BODY_XPATH[2]):
        assert isinstance(mine, discardkeys.Keyed)
        assert isinstance(mine.original, XPath)


def test_install_twice_changes_nothing() -> None:
    discards.install()
    before = [list(xpaths.OVERALL_DISCARD_XPATH), list(xpaths.BODY_XPATH)]
    discards.install()
    discardkeys.install()
    assert before == [list(xpaths.OVERALL_DISCARD_XPATH), list(xpaths.BODY_XPATH)]


@pytest.mark.parametrize("start", range(len(FRAMES)))
def test_the_same_first_frame_as_trafilatura(start: int) -> None:
    discards.install()
    mine = xpaths.BODY_XPATH[2]
    tree = tree_of(FRAMES[start:] + FRAMES[:start] + BLOCKS)
    for context in [tree, *tree.iter("div", "body", "section", "main")]:
        assert mine(context) == mine.original(context), context.attrib
    assert len(mine(tree)) == 1 and mine(tree)[0].text != "no"
    assert mine(tree_of(FRAMES[:1])) == [] == mine.original(tree_of(FRAMES[:1]))


@pytest.mark.parametrize("start", range(len(BODIES)))
def test_the_same_first_children_as_trafilatura(start: int) -> None:
    discards.install()
    mine = xpaths.BODY_XPATH[0]
    tree = tree_of(BODIES[start:] + BODIES[:start] + FRAMES)
    for context in [tree, *tree.iter("div", "body", "section", "main")]:
        assert mine(context) == mine.original(context), context.attrib
    found = [e.text for e in mine(tree)]  # the first under each parent: one of the page's
    assert {"e", "c"} <= set(found) and "second" not in found and "b" not in found
    assert not {"no", "span", "p", "plain"} & set(found) and len(found) == 3


def test_a_whole_document_is_read_by_the_expression() -> None:
    discards.install()
    document = tree_of(BODIES + BLOCKS).getroottree()
    for mine in (xpaths.OVERALL_DISCARD_XPATH[0], xpaths.BODY_XPATH[0], xpaths.BODY_XPATH[2]):
        assert mine(document) == mine.original(document) != []


@pytest.mark.parametrize("start", range(len(BLOCKS)))
def test_same_elements_as_trafilatura(start: int) -> None:
    discards.install()
    mine = xpaths.OVERALL_DISCARD_XPATH[0]
    tree = tree_of(BLOCKS[start:] + BLOCKS[:start])
    for context in [tree, *tree.iter("div", "body", "section")]:
        assert mine(context) == mine.original(context), context.attrib
        assert mine(context) == mine.original(context)  # the remembered answers too


def test_the_fixture_finds_and_misses() -> None:
    """Each kind of block is found, and the near misses are not."""
    discards.install()
    found = xpaths.OVERALL_DISCARD_XPATH[0](tree_of(BLOCKS))
    texts = [e.text for e in found]
    assert {"m", "s", "n", "p", "r", "c", "a", "by", "w", "l"} <= set(texts)
    assert "kept" not in texts and "k" not in texts and "no attributes" not in texts


def test_the_first_of_id_and_class_is_tested() -> None:
    """``re:test(@id|@class, 'cookie')`` reads the attribute written first."""
    discards.install()
    mine = xpaths.OVERALL_DISCARD_XPATH[0]
    tree = tree_of(BLOCKS[4:6])
    assert [e.text for e in mine(tree)] == ["c", "c"] == [e.text for e in mine.original(tree)]


def test_a_changed_expression_stays_as_it_was() -> None:
    changed = XPath(".//*[self::div][re:test(@class, 'menu')]", namespaces=NAMESPACES)
    assert discardkeys.keyed(changed, "OVERALL_DISCARD_XPATH") is None
    within = discards.Within(changed, "(.//*/@class)/parent::*", "0" * 12)
    assert discardkeys.keyed(within, "OVERALL_DISCARD_XPATH") is None


def test_a_regex_that_matches_nothing_is_refused() -> None:
    """An empty value must fail every test (elements without the attributes are not read)."""
    path = "re:test(@id, 'a|') or re:test(@class, 'b')"
    assert discardkeys.regexes(path, "@id", "@class") is None
    assert discardkeys.regexes(path, "@class") is not None
    assert discardkeys.regexes(path, "@role") is None
    assert discardkeys.regexes("re:test(@class, 'x')", "@class,i") is None
    (flagged,) = discardkeys.regexes("re:test(@class, 'x', 'i')", "@class,i")
    assert flagged.search("X")
