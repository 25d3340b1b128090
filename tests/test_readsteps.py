"""readability's steps without repeated work (``pipelines.extract.readsteps``): the same
summary as the library's ``Document`` on crafted pages and on many random pages written
here (every tag, class and text the steps read)."""

from __future__ import annotations

import copy
import random

import pytest
from lxml.html import Element, HtmlElement
from trafilatura.readability_lxml import Document as Library
from trafilatura.utils import load_html

from pipelines.extract import readability, readsteps

LONG = "The ferry crossed the bay twice that morning, and the harbour master logged each trip. "
PAGES = [
    # unlikely wrappers (class, id, upper case, a word that keeps it), nested, with tails
    f"<div class='Sidebar'>side<div id='menu'>in</div>tail</div>a<p>{LONG * 3}</p>b"
    f"<div class='comment article'><p>{LONG * 2}</p></div><div id='x' class='Footer'>f</div>c"
    f"<div class='post-body'><p>{LONG}</p><p>{LONG}, more, and more</p></div>",
    # misused divs, loose text, breaks, links, headers with a negative class or many links
    f"<div>{LONG}<br>{LONG}<span>s</span> tail text</div><div><a href='/'>only a link</a></div>"
    f"<div><a href='/'>link</a> and loose text</div><h2 class='widget'>Tools</h2>"
    f"<h3><a href='/'>{LONG}</a></h3><div class='content'><p>{LONG * 4}</p><h2>Kept</h2></div>",
    # tables, lists, forms, iframes, images, hidden inputs, embeds, an empty div kept
    f"<table class='main'><tr><td>{LONG * 2}</td><td>{LONG}</td></tr></table>"
    f"<ul><li><a href='/'>{LONG}</a></li><li>two</li></ul><form><input type='hidden'>"
    "<input></form><iframe src='https://www.youtube.com/embed/x'></iframe><iframe src='/ad'>"
    f"</iframe><div><img src='a'><img src='b'><img src='c'></div><div><embed src='e'></div>"
    f"<section><p>{LONG * 5}</p><div></div><p>{LONG * 9}</p></section>",
    # a div's loose text and tails wrapped in paragraphs
    f"<div>{LONG * 2}<p>{LONG * 3}</p>{LONG * 2}<div>{LONG}</div> tail</div>",
    # a box kept for its few links, measured trimmed
    f"<div class='content'><p>{LONG * 3}</p><p>{LONG * 3}</p><div class='x'><p>{LONG}</p>"
    f"<a href='/'>{' ' * 30}ferry timetable{' ' * 30}</a></div></div>",
    # no paragraph long enough: the body is the article
    "<div><span>short</span></div><p>tiny</p>",
]
TAGS = ["div", "p", "span", "a", "ul", "li", "table", "section", "article", "aside", "h2", "td"]
EXTRA = ["br", "img", "form", "input", "iframe", "embed", "header", "footer", "pre", "h1", "b"]
VALUES = [
    None,
    "",
    "x",
    "sidebar",
    "Sidebar-main",
    "comment",
    "comments article",
    "entry-content",
    "related",
    "ad-break",
    "HEADER",
    "post",
    "page-footer",
    "widget",
    "body",
    "Σidebar",
    "menu content",
]
WORDS = ["harbour", "ferry,", "pier", "a", "storm.", "council", "planks,", " ", "\n", "tide"]


def text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 1, 3, 12, 40, 90])))


def element(rng: random.Random, depth: int) -> HtmlElement:
    tag = rng.choice(TAGS + (EXTRA if depth > 1 else []))
    node = Element(tag)
    for name in ("class", "id"):
        value = rng.choice(VALUES)
        if value is not None:
            node.set(name, value)
    if tag == "iframe":
        node.set("src", rng.choice(["https://vimeo.com/1", "/frame"]))
    if tag == "input":
        node.set("type", rng.choice(["hidden", "text"]))
    node.text = text(rng)
    if depth < 5:
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            child = element(rng, depth + 1)
            child.tail = text(rng) if rng.random() < 0.4 else None
            node.append(child)
    return node


def random_page(seed: int) -> HtmlElement:
    rng = random.Random(seed)
    tree = load_html("<html><head><title>t</title></head><body></body></html>")
    body = tree.find("body")
    if rng.random() < 0.3:  # html and body are never dropped
        body.set(rng.choice(["class", "id"]), rng.choice(["sidebar", "menu"]))
    for _ in range(rng.choice([1, 3, 6])):
        body.append(element(rng, 0))
    return tree


def page(body: str) -> HtmlElement:
    return load_html(f"<html><head><title>t</title></head><body>{body}</body></html>")


def same_summary(tree: HtmlElement) -> str:
    theirs = Library(copy.deepcopy(tree), min_text_length=25).summary()
    mine = readsteps.Steps(copy.deepcopy(tree), min_text_length=25).summary()
    assert mine == theirs
    return mine


@pytest.mark.parametrize("body", PAGES)
def test_the_same_summary_on_crafted_pages(body: str) -> None:
    summary = same_summary(page(body))
    assert summary.startswith(("<div", "<body"))


def test_the_same_summary_on_random_pages() -> None:
    dropped = 0
    for seed in range(400):
        tree = random_page(seed)
        summary = same_summary(tree)
        dropped += len(summary) < len(readsteps.readability_lxml.tostring(tree))
    assert dropped > 100  # the pages exercise the removals


def test_the_same_summary_twice_in_a_process() -> None:
    """The remembered verdicts and weights give the next page the same answers."""
    for body in PAGES + PAGES[::-1]:
        same_summary(page(body))


def test_the_unlikely_verdict_is_the_librarys_on_the_joined_values() -> None:
    low = readsteps.REGEXES
    for klass in VALUES:
        for ident in VALUES:
            joined = " ".join(filter(None, (klass, ident))).lower()
            expected = (
                len(joined) >= 2
                and bool(low["unlikelyCandidatesRe"].search(joined))
                and not low["okMaybeItsACandidateRe"].search(joined)
            )
            assert readsteps.unlikely(klass, ident) == expected


def test_used_only_for_the_source_it_was_written_for() -> None:
    assert readsteps.document() is readsteps.Steps
    assert readsteps.document(written_for="0" * 12) is Library
    assert readability.READABILITY is readsteps.Steps
