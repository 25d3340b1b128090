"""trafilatura's tree cleaning walking only the tags a page holds (``pipelines.extract.cleaning``):
the same tree as trafilatura's own ``tree_cleaning`` leaves, on crafted pages (nested
elements of one cleaned tag, whose deletion stops lxml's walk early, included); with
another trafilatura, its own function stays."""

from __future__ import annotations

from copy import deepcopy

import pytest
from lxml import etree
from trafilatura import core, external, htmlprocessing
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from pipelines.extract import cleaning

from conftest import assert_installs_only_for_its_source

STORY = "<p>The ferry to the island runs twice a day in winter and hourly in summer.</p>"
PAGES = [
    f"<html><head><title>Ferry</title><script>var a = 1;</script></head><body>{STORY}"
    "<aside>Related <aside>inner box</aside> end</aside>tail one<aside>second box</aside>"
    "tail two<footer>Foot</footer></body></html>",
    f"<html><body><form id='main'>{STORY * 4}<input name='q'></form>"
    "<form>search <button>go</button></form><div><span></span></div></body></html>",
    f"<html><body><figure><table><tr><td>cell</td></tr></table></figure>{STORY}"
    "<table role='presentation'><tr><td>layout</td></tr></table><svg><use href='#a'/></svg>"
    "<noscript>enable scripts</noscript><div><b></b>text</div></body></html>",
    "<html><body><div><iframe src='x'></iframe><iframe src='y'></iframe></div>"
    "<math alttext='x^2'><mi>x</mi></math><nav>menu <nav>sub</nav></nav> after</body></html>",
    "<html><body><div>only <em>words</em> here</div></body></html>",
]


def options(focus: str, tables: bool = True, images: bool = False) -> Extractor:
    return Extractor(
        precision=focus == "precision", recall=focus == "recall", tables=tables, images=images
    )


@pytest.mark.parametrize("markup", PAGES)
@pytest.mark.parametrize("focus", ["balanced", "precision", "recall"])
@pytest.mark.parametrize("tables", [True, False])
def test_the_same_tree_as_trafilatura(markup: str, focus: str, tables: bool) -> None:
    tree = load_html(markup)
    for images in (False, True):
        chosen = options(focus, tables, images)
        theirs = cleaning.LIBRARY(deepcopy(tree), chosen)
        mine = cleaning.tree_cleaning(deepcopy(tree), chosen)
        assert etree.tostring(mine) == etree.tostring(theirs)


def test_a_nested_box_stops_the_walk_of_its_tag() -> None:
    """lxml's walk ends inside a deleted element that holds another of its tag: the
    second box stays, in trafilatura's cleaning and in this one."""
    tree = load_html(PAGES[0])
    for clean in (cleaning.LIBRARY, cleaning.tree_cleaning):
        cleaned = clean(deepcopy(tree), options("balanced"))
        assert "second box" in etree.tostring(cleaned, encoding=str)
        assert "inner box" not in etree.tostring(cleaned, encoding=str)


def test_only_the_tags_present_are_walked() -> None:
    tree = load_html(PAGES[0])
    assert cleaning.present(tree, ["nav", "aside", "script", "form"]) == ["aside", "script"]
    namespaced = etree.fromstring("<div xmlns:s='urn:x'><s:aside/><s:nav/><aside/></div>")
    assert cleaning.present(namespaced, ["nav", "aside"]) == ["aside"]  # as iter("nav") finds


def test_installed_only_for_the_source_it_was_written_for(monkeypatch) -> None:
    monkeypatch.setattr(external, "tree_cleaning", htmlprocessing.tree_cleaning)
    assert_installs_only_for_its_source(
        monkeypatch, cleaning, core, "tree_cleaning", cleaning.tree_cleaning
    )
    assert external.tree_cleaning is cleaning.tree_cleaning
