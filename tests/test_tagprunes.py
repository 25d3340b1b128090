"""The project's tag prunes found in one walk (``pipelines.extract.tagprunes``): the same
tree as trafilatura's ``prune_unwanted_nodes`` leaves, on crafted pages."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.etree import XPath
from trafilatura import core
from trafilatura.utils import load_html

from pipelines.extract import tagprunes
from pipelines.extract.page import PRUNE_XPATH

from conftest import assert_installs_only_for_its_source

LONG = "The ferry crossed the bay twice that morning, and the harbour master logged each trip. "
ARTICLE = "".join(f"<p>{LONG * 2}</p>" for _ in range(3))
PAGES = [
    # an aside that wraps the article stays; one inside a figcaption goes with it
    f"<aside><h1>Title</h1>{ARTICLE}</aside><figure><figcaption>Cap <aside>in</aside></figcaption>"
    "</figure><nav><a href='/'>Home</a></nav><footer>Foot <nav>inner</nav></footer>",
    # nested blocks of one tag, and a figcaption whose text made a paragraph long: the
    # aside is tested once the figcaption is gone
    f"<nav><nav>inner</nav>outer</nav><aside><p>{LONG}<figcaption>{LONG}</figcaption></p>"
    f"<p>{LONG * 2}</p><p>{LONG * 2}</p></aside><footer>{ARTICLE}</footer>",
    # tails kept in place, blocks side by side
    "<div>a<aside>x</aside>b<nav>y</nav>c<footer>z</footer>d<figcaption>w</figcaption>e</div>",
    "<div><p>nothing to prune here</p></div>",
]


def page(body: str) -> etree._Element:
    return load_html(f"<html><head><title>t</title></head><body>{body}</body></html>")


@pytest.mark.parametrize("body", PAGES)
@pytest.mark.parametrize("cut", [len(PRUNE_XPATH), 4, 2])
def test_the_same_tree_as_trafilatura(body: str, cut: int) -> None:
    expressions = PRUNE_XPATH[:cut]
    theirs, mine = page(body), page(body)
    tagprunes.LIBRARY(theirs, [XPath(x) for x in expressions])
    assert tagprunes.prune_nodes(mine, [XPath(x) for x in expressions]) is mine
    assert etree.tostring(mine) == etree.tostring(theirs)


def test_the_fixture_prunes() -> None:
    for body in PAGES[:3]:
        tree = page(body)
        before = etree.tostring(tree)
        tagprunes.prune_nodes(tree, [XPath(x) for x in PRUNE_XPATH])
        assert etree.tostring(tree) != before
    tree = page(PAGES[0])
    tagprunes.prune_nodes(tree, [XPath(x) for x in PRUNE_XPATH])
    assert tree.find(".//aside") is not None and tree.find(".//footer") is None
    tree = page(PAGES[1])
    assert tree.find(".//p/figcaption") is not None
    tagprunes.prune_nodes(tree, [XPath(x) for x in PRUNE_XPATH])
    assert tree.find(".//aside") is None and tree.find(".//footer") is not None


def test_the_leading_tag_prunes_are_read() -> None:
    found = tagprunes.leading([XPath(x) for x in PRUNE_XPATH])
    assert [tag for tag, _ in found] == ["figcaption", "aside", "nav", "footer"]
    assert found[0][1] is None and all(test is not None for _, test in found[1:])
    assert tagprunes.leading([XPath("//aside[1]"), XPath("//nav")]) == []
    assert tagprunes.leading([XPath(".//aside"), XPath("//nav")]) == []


def test_installed_only_for_the_source_it_was_written_for(monkeypatch) -> None:
    assert_installs_only_for_its_source(
        monkeypatch, tagprunes, core, "prune_unwanted_nodes", tagprunes.prune_nodes
    )
