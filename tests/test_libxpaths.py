"""trafilatura's author search read from the attributes (``pipelines.extract.libxpaths``):
the same elements and the same author as trafilatura's own expressions, on crafted pages."""

from __future__ import annotations

import pytest
from lxml.etree import XPath
from trafilatura import metadata, xpaths
from trafilatura.utils import load_html

from pipelines.extract import libxpaths
from pipelines.extract.library import LibraryMetadata

PROSE = "<p>The ferry to Port Alder runs twice a day from the north quay this winter.</p>"


def page(body: str) -> object:
    return load_html(f"<html><head><title>Quay</title></head><body>{body}{PROSE * 3}</body></html>")


def tree_of(blocks: list[str]) -> object:
    """A page of ``blocks`` and some prose (``test_discards``, ``test_discardkeys``)."""
    return page("".join(blocks))


# each byline form one of trafilatura's expressions looks for, and near misses
BYLINES = [
    '<a rel="author" href="/staff/mara">Mara Quint</a>',
    '<span class="author">Tobin Reyes</span>',
    '<div class="c-authorName__x">Ilse Marrow</div>',
    '<p class="post-author-name">Odile Fenn</p>',
    "<address><rel>me</rel>Jon Abel</address>",
    "<author>Priya Lund</author>",
    '<h4 class="byl">By Esme Hart</h4>',
    '<span id="zuozhe-box">Li Wen</span>',
    '<span itemprop="author">Ravi Osei</span>',
    '<section data-component="StoryByline">Nadia Brook</section>',
    '<em class="WriterCard">Colm Ferris</em>',
    '<b id="Author-7">Una Stead</b>',
    '<div class="comments"><span class="author">A Commenter</span></div>'
    '<span class="byline">Hana Ode</span>',
    '<figure><span class="author">Photo Credit</span></figure><p class="author">Ana Vale</p>',
    '<div class="sidebar-x"><a rel="author">Side Name</a></div><div class="writer">Ben Kay</div>',
    '<div class="authorised">Not a byline at all here</div>',
    '<span class="authors">Kit Lowe and Ros Hale</span>',
    "<p>No byline on this page.</p>",
]


@pytest.mark.parametrize("byline", BYLINES)
def test_author_is_trafilaturas(byline: str) -> None:
    tree = page(f"<header>{byline}</header>")
    assert libxpaths.author(tree) == metadata.extract_author(tree)


@pytest.mark.parametrize("byline", BYLINES)
def test_narrowed_expressions_find_the_same_elements(byline: str) -> None:
    tree = page(f"<main><div class='quote-box'>{byline}</div>{byline}</main>")
    for mine, theirs in [
        *zip(libxpaths.AUTHOR_XPATHS, xpaths.AUTHOR_XPATHS, strict=True),
        *zip(libxpaths.AUTHOR_DISCARD_XPATHS, xpaths.AUTHOR_DISCARD_XPATHS, strict=True),
    ]:
        assert mine(tree) == theirs(tree)


def test_every_expression_is_narrowed() -> None:
    """The fingerprints match the installed trafilatura's expressions: none falls back."""
    narrowed = [*libxpaths.AUTHOR_XPATHS, libxpaths.AUTHOR_DISCARD_XPATHS[0]]
    assert all(expression.exact is not None for expression in narrowed)


def test_a_changed_expression_runs_as_it_is() -> None:
    changed = XPath("//*[re:test(@class, 'credit')]", namespaces=libxpaths.NAMESPACES)
    narrowed = libxpaths.Narrowed(changed, "//@class[contains(., 'author')]/parent::*", "0" * 12)
    tree = page('<span class="photo-credit">Ada Rook</span>')
    assert narrowed.exact is None
    assert [e.text for e in narrowed(tree)] == ["Ada Rook"]


def test_relative_expression_leaves_out_its_context() -> None:
    tree = page('<div class="comments" id="top"><div class="comments">Old thread</div></div>')
    context = tree.find(".//div[@id='top']")
    narrowed = libxpaths.AUTHOR_DISCARD_XPATHS[0]
    assert narrowed(context) == xpaths.AUTHOR_DISCARD_XPATHS[0](context)
    assert context not in narrowed(context)


def test_library_metadata_reads_the_byline() -> None:
    tree = page('<span class="byline">By Hana Ode</span>')
    assert LibraryMetadata(tree, "https://harbour.example/a").author == "Hana Ode"


def test_a_page_without_candidates_has_no_author() -> None:
    tree = page('<div class="masthead"><span class="credit">Desk</span></div>')
    assert not libxpaths.CANDIDATES(tree)
    assert libxpaths.author(tree) is None and metadata.extract_author(tree) is None


def test_a_rel_element_is_a_candidate_whatever_its_text() -> None:
    # pruning the <time> inside joins "m" and "e": trafilatura's ``rel='me'`` then holds
    tree = page("<address><rel>m<time>now</time>e</rel>Jon Abel Smith</address>")
    assert libxpaths.CANDIDATES(tree)
    assert libxpaths.author(tree) == metadata.extract_author(tree)


# category and tag links trafilatura's searches keep, near misses, and the <meta> fallback
CATSTAGS_PAGES = [
    '<div class="entry-meta"><a href="/category/harbour/">Harbour</a></div>',
    '<div class="tags"><a href="/tags/ferries/">Ferries</a><a href="/tag/winter/">Winter</a></div>',
    '<div class="entry-meta"><a href="/topics/harbour/">Harbour</a></div>',
    '<div class="tags"><a href="/tagged">Ferries</a></div>',
    '<p class="postmeta"><a href="/Category/Harbour/">Harbour</a></p>',
    '<div class="entry-meta"><a href="/category/ferries/">Ferries</a></div>',
    '<div class="tags"><a href="/tag/winter/">Winter</a><a href="/tags/quay">Quay</a></div>',
    '<div class="entry-meta"><a href="/categorical/">Not one</a><a href="/tagline">x</a></div>',
    '<p class="postmeta"><a href="/about">About</a></p>',
    "",
]
SECTION = '<meta property="article:section" content="Harbour">'
SUBJECT = '<meta name="subject" content="Sea">'


@pytest.mark.parametrize("body", CATSTAGS_PAGES)
@pytest.mark.parametrize("meta", ["", SECTION, SECTION + SUBJECT])
def test_catstags_are_trafilaturas(body: str, meta: str) -> None:
    from pipelines.extract.libxpaths import CATSTAGS_SOURCE, CATSTAGS_WRITTEN_FOR, catstags

    assert CATSTAGS_SOURCE == CATSTAGS_WRITTEN_FOR  # else the library runs: no test
    html = f"<html><head><title>Quay</title>{meta}</head><body>{body}{PROSE * 3}</body></html>"
    tree = load_html(html)
    for kind in ("category", "tag"):
        assert catstags(kind, tree) == metadata.extract_catstags(kind, tree), kind
    if meta:
        assert catstags("category", tree)  # from the links, or else from the <meta>


def test_catstags_skip_the_links_only_without_one_that_fits() -> None:
    tree = load_html(f"<html><body>{CATSTAGS_PAGES[-2]}{PROSE}</body></html>")
    assert not libxpaths.LINKED["category"](tree) and not libxpaths.LINKED["tag"](tree)
    assert libxpaths.LINKED["category"](
        load_html(f"<html><body>{CATSTAGS_PAGES[-5]}</body></html>")
    )


def test_catstags_fingerprint_matches_and_a_changed_source_runs_trafilatura(monkeypatch) -> None:
    assert libxpaths.CATSTAGS_SOURCE == libxpaths.CATSTAGS_WRITTEN_FOR
    calls = []
    monkeypatch.setattr(
        metadata, "extract_catstags", lambda kind, tree: calls.append(kind) or ["x"]
    )
    tree = load_html(f"<html><body>{PROSE}</body></html>")
    assert libxpaths.catstags("tag", tree) == [] and not calls  # skipped: no link fits
    assert libxpaths.catstags("tag", tree, written_for="0" * 12) == ["x"] and calls == ["tag"]


@pytest.mark.parametrize("byline", BYLINES)
def test_candidates_are_read_from_the_values_as_the_supersets_find_them(byline: str) -> None:
    tree = page(f"<header>{byline}</header>")
    assert libxpaths.CANDIDATES.values is not None  # read from the values, not the XPath
    assert libxpaths.CANDIDATES(tree) == bool(libxpaths.CANDIDATES.path(tree))


def test_a_literal_in_another_attribute_makes_no_candidate() -> None:
    tree = page('<a href="/author/kit" title="byline">Kit Lowe</a>')
    assert not libxpaths.CANDIDATES(tree) and not libxpaths.CANDIDATES.path(tree)


def test_a_literal_of_another_attribute_makes_no_candidate() -> None:
    # "byline" is a class's literal, no id's: the page has no candidate
    tree = page('<div id="byline" itemprop="writer">Kit Lowe</div>')
    assert not libxpaths.CANDIDATES(tree) and not libxpaths.CANDIDATES.path(tree)
    assert libxpaths.CANDIDATES(page('<div class="byline">Kit Lowe</div>'))


def test_candidates_of_another_kind_of_path_run_its_xpath() -> None:
    candidates = libxpaths.Candidates("//*[starts-with(@class, 'by')]")
    assert candidates.values is None
    assert candidates(page('<span class="by-kit">Kit Lowe</span>'))
    assert not candidates(page('<span class="kit-by">Kit Lowe</span>'))


@pytest.mark.parametrize("byline", BYLINES)
def test_supersets_reduced_to_the_values_read_find_the_same_elements(byline: str) -> None:
    """Each expression given the attributes' values ``CANDIDATES`` read finds the elements
    it finds without them: on the page, and on a pruned copy (whose values are fewer)."""
    tree = page(f"<main><div class='quote-box'>{byline}</div>{byline}</main>")
    values: dict[str, str] = {}
    libxpaths.CANDIDATES(tree, values)
    assert "class" in values
    pruned = tree_of([f"<section>{byline}</section>"])
    for expression in [*libxpaths.AUTHOR_XPATHS, libxpaths.AUTHOR_DISCARD_XPATHS[0]]:
        assert expression.given(values)(tree) == expression(tree)
        assert expression(pruned, values) == expression(pruned)


def test_reduced_keeps_only_the_tests_of_literals_the_values_hold() -> None:
    path = "(//@class[.='byl' or contains(., 'author')] | .//@id[.='x'] | //@rel[.='me'])/parent::*"
    values = {"class": "story\0post-author-name", "id": "main"}
    assert libxpaths.reduced(path, values) == (
        "(//@class[contains(., 'author')] | /.. | //@rel[.='me'])/parent::*"
    )
    tree = page('<span class="post-author-name">Odile Fenn</span><i rel="me">x</i>')
    assert XPath(libxpaths.reduced(path, values))(tree) == XPath(path)(tree)
