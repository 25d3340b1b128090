"""trafilatura's run with the article's wrappers unmasked (``pipelines.extract.unmasked``)."""

from __future__ import annotations

import trafilatura
from trafilatura.utils import load_html

from pipelines.extract.page import PRUNE_XPATH, extract
from pipelines.extract.unmasked import content_wrappers, unmasked_text

URL = "https://garden.example/guides/greenhouse-heating"
OPENING = [
    f"Heating a small greenhouse through the winter, part {n}, costs less than most "
    "growers expect when the glass is sealed and the beds are mulched before the frost."
    for n in range(30)
]
SECTION = [
    f"Night {n}: a paraffin heater kept the benches two degrees above the frost line."
    for n in range(10)
]
MENU = "".join(f'<li><a href="/s/{n}">Section {n} of the garden site</a></li>' for n in range(30))


def page() -> str:
    # the second half of the guide sits in a wrapper whose layout class holds "sidebar",
    # one of the words for which trafilatura discards a block whole
    opening = "".join(f"<p>{line}</p>" for line in OPENING[:15])
    closing = "".join(f"<p>{line}</p>" for line in OPENING[15:])
    section = "".join(f"<p>{line}</p>" for line in SECTION)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Heating</title>'
        '<meta property="og:type" content="article"></head><body>'
        f'<div class="menu-main"><ul>{MENU}</ul></div>'
        f'<div class="entry-content"><h1>Heating</h1>{opening}<div class="layout page-has-sidebar">'
        f"<h2>Measuring the nights</h2>{section}</div>{closing}</div></body></html>"
    )


def test_trafilatura_alone_drops_the_wrapper():
    text = trafilatura.extract(page(), url=URL, favor_recall=True) or ""
    assert OPENING[2] in text and OPENING[20] in text
    assert SECTION[3] not in text


def test_unmasked_run_keeps_the_wrapper_not_the_menu():
    tree = load_html(page())
    text = unmasked_text(tree, URL, PRUNE_XPATH)
    assert SECTION[3] in text and OPENING[2] in text
    assert "Section 7 of the garden site" not in text
    # the tree is restored: the wrapper has its class again
    assert tree.xpath("//div[@class='layout page-has-sidebar']")


def test_no_wrapper_no_run():
    html = page().replace("page-has-sidebar", "page-wide")
    assert unmasked_text(load_html(html), URL, PRUNE_XPATH) == ""


def test_extract_takes_the_unmasked_text_when_the_judge_finds_more():
    article = extract(page(), URL)
    assert article["extraction_method"] == "trafilatura-unmasked"
    assert SECTION[3] in article["text"] and OPENING[0] in article["text"]


def test_no_run_when_the_wrapper_adds_nothing_to_the_first_pass():
    tree = load_html(page())
    first = "\n".join(OPENING + SECTION)  # the first pass already holds the wrapper's words
    assert unmasked_text(tree, URL, PRUNE_XPATH, first) == ""
    assert SECTION[3] in unmasked_text(tree, URL, PRUNE_XPATH, "\n".join(OPENING))


def test_blocks_inside_a_discarded_menu_are_not_unmasked():
    # a long text block inside the menu (a mega menu's blurb) goes with the menu
    blurb = " ".join(SECTION)
    html = page().replace("</ul></div>", f'</ul><div class="widget-blurb">{blurb}</div></div>', 1)
    tree = load_html(html)
    classes = [e.get("class") for e in content_wrappers(tree)]
    assert classes == ["layout page-has-sidebar"]  # not the blurb: trafilatura drops the menu
