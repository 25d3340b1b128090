"""trafilatura's main-extraction expressions read from the attributes
(``pipelines.extract.discards``): the same elements as trafilatura's own, on crafted pages
(its category and tag searches, ``libxpaths.catstags``, are tested in ``test_libxpaths``)."""

from __future__ import annotations

import pytest
from lxml.etree import XPath
from test_libxpaths import tree_of
from trafilatura import xpaths

from pipelines.extract import discardkeys, discards, libxpaths, page

# blocks each expression looks for, near misses, and nested and sibling cases
BLOCKS = [
    '<div class="comments-title">Talk</div><div id="reply-7">Re: quay</div>',
    '<span style="display:none">hidden note</span><p style="visibility: hidden">x</p>',
    '<div class="x Hidden-row">Not hidden: capital H</div><div class="row hide">gone</div>',
    '<section aria-hidden="true">menu</section><section aria-hidden="false">kept</section>',
    '<div id="comments"><div class="comment-list"><ol class="commentary">notes</ol></div></div>',
    '<ul id="comment-12">One</ul><div class="commentary">An op-ed</div><div id="disqus_thread">',
    '</div><div class="infinite-scroll"><h1>Next story</h1></div><div id="mvp-post-add-box">x',
    '</div><aside class="elementor-share-buttons">Share</aside><p class="Teaser">Lead</p>',
    '<div id="teaser-3">Read on</div><span class="wp-caption-text">Photo: A. Rook</span>',
    '<article class="post"><div class="entry">First</div><div class="entry">Second</div>',
    '</article><div class="article-body"><div class="articleBody">Inner</div></div>',
    '<main role="article"><div class="FullText">Story</div><div class="story">Other</div>',
    '</main><section id="primary"><div id="Main-Content">Body</div></section>',
    '<div class="page-Content"><div class="content">c</div><div class="postarea">p</div></div>',
    '<div class="scrollbox"><p id="messages">Inbox</p><p class="akismet">a</p></div>',
    '<footer id="x"><div class="noprint notloaded">y</div></footer>',
    '<div class="sidebar-box">s</div><span id="cookie-note">c</span><p id="x" class="tags">t</p>',
    '<div role="Navigation">n</div><section class="ad-slot">a</section><p class="lead">l</p>',
]


def installed() -> list[tuple[object, XPath]]:
    """(narrowed, original) for each expression ``install`` replaced."""
    discards.install()
    pairs = []
    for name, supersets in discards.SUPERSETS.items():
        for index, _, _ in supersets:
            mine = getattr(xpaths, name)[index]
            pairs.append((mine, mine.original))
    return pairs


def test_every_expression_is_narrowed() -> None:
    """The fingerprints match the installed trafilatura: none falls back."""
    pairs = installed()
    assert len(pairs) == sum(len(s) for s in discards.SUPERSETS.values())
    assert all(
        isinstance(mine, discardkeys.Keyed)
        or (isinstance(mine, discards.Within) and mine.exact is not None)
        for mine, _ in pairs
    )


def test_install_twice_changes_nothing() -> None:
    before = [list(getattr(xpaths, name)) for name in discards.SUPERSETS]
    discards.install()
    assert before == [list(getattr(xpaths, name)) for name in discards.SUPERSETS]


@pytest.mark.parametrize("start", range(len(BLOCKS)))
def test_same_elements_as_trafilatura(start: int) -> None:
    tree = tree_of(BLOCKS[start:] + BLOCKS[:start])
    contexts = [tree, *tree.iter("div", "section", "main", "article", "body")]
    for mine, original in installed():
        for context in contexts:
            assert mine(context) == original(context), (original.path, context.attrib)


def test_the_expressions_find_something_here() -> None:
    """The fixture is not empty for any expression (the comparison tests something)."""
    tree = tree_of(BLOCKS)
    assert all(original(tree) for _, original in installed())


def test_first_child_form_keeps_each_first_sibling() -> None:
    """``.//*[P][1]``: the first passing child of each element, not only the first one."""
    posts = '<div class="post">a</div><div class="post">b</div>'
    tree = tree_of([posts + '<section><div class="entry">c</div></section>'])
    mine = xpaths.BODY_XPATH[0]
    assert [e.text for e in mine(tree)] == ["a", "c"] == [e.text for e in mine.original(tree)]


def test_a_changed_expression_runs_as_it_is() -> None:
    changed = XPath(".//*[re:test(@class, 'credit')]", namespaces=libxpaths.NAMESPACES)
    narrowed = discards.Within(changed, "(.//*/@class[contains(., 'x')])/parent::*", "0" * 12)
    tree = tree_of(['<span class="photo-credit">Ada Rook</span>'])
    assert narrowed.exact is None
    assert [e.text for e in narrowed(tree)] == ["Ada Rook"]


def test_an_unknown_shape_is_not_narrowed() -> None:
    other = XPath("//figure|.//cite")
    assert discards.exact_path(other, "(.//*/@class)/parent::*") is None
    for path in (".//*[@a]|.//b", "(.//*[@a])[1]|(.//main)[1]", ".//*[@a]/b", ".//*[@a][1]/b"):
        assert discards.exact_path(XPath(path), "(.//*/@class)/parent::*") is None, path
    assert discards.predicates_only("[re:test(@class, '^[Cc]om]x')][1]")
    assert (
        discards.Within(other, "(.//*/@class)/parent::*", libxpaths.fingerprint(other)).exact
        is None
    )


def test_memo_test_answers_as_lxml_does() -> None:
    tree = tree_of(['<div class="Article body">a</div><div id="x" class="ad-">b</div>'])
    for path in (
        ".//*[re:test(@class, 'article', 'i')]",
        ".//*[re:test(@id|@class, '^ad-')]",
        ".//*[re:test(@class, '^ad-')]",
        ".//*[re:test(@title, 'x')]",
    ):
        memo = XPath(discards.memoised(path), namespaces={"memo": discards.MEMO_NS})
        assert memo(tree) == XPath(path, namespaces=libxpaths.NAMESPACES)(tree), path
    assert discards.memoised(".//*[re:test(., 'x')]") == ".//*[re:test(., 'x')]"


def test_prune_share_expression_is_the_same() -> None:
    before = "//@class[contains(concat(' ', normalize-space(.), ' '), ' share ')]/parent::*"
    tree = tree_of(
        ['<div class="a share">s</div><div class="shares">t</div><p class="\tshare\n">u</p>']
    )
    assert XPath(page.PRUNE_XPATH[4])(tree) == XPath(before + page.SHORT)(tree)
    assert len(XPath(before)(tree)) == 2
