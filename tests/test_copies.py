"""trafilatura's cleaned copy for justext is made only when justext reads it
(``pipelines.extract.copies``): the same tree, the same texts. Crafted pages."""

from __future__ import annotations

import copy

import pytest
import trafilatura
from lxml import etree
from trafilatura import core, external
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from pipelines.extract import copies
from pipelines.extract.page import PRUNE_XPATH

URL = "https://riverside-post.example/news/bridge"
SENTENCE = (
    "The riverside council closed the old stone bridge number {n} for repairs this week, and "
    "the ferry will carry cyclists across the water until the work ends in the spring."
)


def page(paragraphs: int, extra: str = "") -> str:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(paragraphs))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridge</title>'
        '</head><body><nav><a href="/">Riverside Post</a></nav>'
        f"<article><h1>The bridge closes</h1>{body}{extra}</article>"
        "<footer>Riverside Post, 9 Quay Street</footer></body></html>"
    )


PAGES = [
    page(6),  # enough text: justext never runs
    page(1),  # short: justext's rescue runs in the comparison
    page(3, '<figure><img src="/b.jpg"><figcaption>The bridge at dawn.</figcaption></figure>'),
    page(0, "<div><span>Only a line about the bridge.</span></div>"),
]


def texts(**options: object) -> list[str | None]:
    return [
        trafilatura.extract(load_html(html), url=URL, prune_xpath=PRUNE_XPATH, **options)
        for html in PAGES
    ]


@pytest.fixture
def library():
    """Run with trafilatura's own ``_prepare_tree`` and ``justext_rescue``, then ours again."""
    core._prepare_tree, external.justext_rescue = copies.LIBRARY
    yield
    copies.install()


def test_the_texts_are_trafilaturas_own(library):
    modes = ({}, {"favor_recall": True}, {"favor_precision": True}, {"include_comments": False})
    own = [texts(**mode) for mode in modes]
    copies.install()
    assert [texts(**mode) for mode in modes] == own


def test_the_backup_is_built_only_when_justext_reads_it(monkeypatch):
    copies.install()
    built = []
    monkeypatch.setattr(
        copies.Backup,
        "build",
        lambda self: built.append(1) or copies.LIBRARY[0](self.tree, self.options)[1],
    )
    trafilatura.extract(load_html(PAGES[0]), url=URL, prune_xpath=PRUNE_XPATH)
    assert built == []
    trafilatura.extract(load_html(PAGES[1]), url=URL, prune_xpath=PRUNE_XPATH)
    assert built


def test_a_backup_read_is_the_tree_trafilatura_would_have_copied():
    options = Extractor(url=URL)
    for html in PAGES:
        tree = load_html(html)
        before = etree.tostring(tree)
        cleaned, backup = copies.prepare_tree(tree, options, URL)
        own_cleaned, own_backup = copies.LIBRARY[0](tree, options, URL)
        assert etree.tostring(cleaned) == etree.tostring(own_cleaned)
        assert etree.tostring(copy.copy(backup)) == etree.tostring(own_backup)
        assert etree.tostring(copy.deepcopy(backup)) == etree.tostring(own_backup)
        assert etree.tostring(tree) == before


def test_another_trafilatura_keeps_its_own_prepare_tree(monkeypatch):
    assert copies.mirrored()  # the release the module was written for
    monkeypatch.setattr(core, "_prepare_tree", copies.LIBRARY[0])
    monkeypatch.setattr(copies, "MIRRORED", copies.mirrored((("_prepare_tree", "0" * 12),)))
    copies.install()
    assert core._prepare_tree is copies.LIBRARY[0]
