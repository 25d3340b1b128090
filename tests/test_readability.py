"""readability runs once a page: trafilatura's own fallback run keeps its summary for the
second opinion (``pipelines.extract.readability``). On crafted pages, real extractors."""

from __future__ import annotations

import copy

import trafilatura
from lxml.etree import XPath
from trafilatura import external
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.utils import load_html
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH
from trafilatura.xpaths import REMOVE_COMMENTS_AND_LISTS_XPATH as COMMENTS_AND_LISTS

from pipelines.extract import opinion, readability
from pipelines.extract.page import PRUNE_XPATH, main_document

URL = "https://lakeside-courier.example/news/ferry-pier"
PARAGRAPHS = [
    f"The lakeside council voted on repair number {n} for the old ferry pier after a winter "
    "storm loosened its planks, and the work should finish before the summer timetable starts."
    for n in range(1, 7)
]
CAPTION = "The old ferry pier seen from the harbour wall on a calm morning last week."
COMMENTS = [f"Reader {n} wrote that the pier had needed new planks for many years." for n in (1, 2)]


def page() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    comments = "".join(f"<p>{c}</p>" for c in COMMENTS)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry pier</title>'
        '</head><body><nav><a href="/">Lakeside Courier</a> <a href="/news">News</a></nav>'
        f"<article><h1>Ferry pier to be repaired</h1>{body}"
        f'<figure><img src="/pier.jpg"><figcaption>{CAPTION}</figcaption></figure>'
        f'<div id="comments" class="comments">{comments}</div></article>'
        "<footer>Lakeside Courier, 4 Shore Lane</footer></body></html>"
    )


def test_the_main_pass_keeps_the_summary_of_trafilaturas_readability_run():
    tree = load_html(page())
    document, summary, _ = main_document(tree, URL)
    assert all(p in document.text for p in PARAGRAPHS)
    assert summary is not None
    second = opinion.second_text(tree, summary)
    assert [p for p in PARAGRAPHS if p in second] == PARAGRAPHS
    # trafilatura ran readability on its copy, pruned of captions and comments
    assert CAPTION not in second and not any(c in second for c in COMMENTS)
    assert external.try_readability is readability.try_readability


def test_the_kept_summary_is_readabilitys_own_on_trafilaturas_input():
    tree = load_html(page())
    pruned = copy.deepcopy(tree)  # what trafilatura hands readability: the page pruned
    for rules in ([XPath(x) for x in PRUNE_XPATH], RAW_TREE_PRUNE_XPATH, COMMENTS_AND_LISTS):
        pruned = prune_unwanted_nodes(pruned, rules)
    _, summary, _ = main_document(tree, URL)
    assert summary == readability.summary(pruned)
    assert CAPTION in readability.summary(copy.deepcopy(tree))
    assert CAPTION not in summary  # the page as trafilatura pruned it


def test_only_the_first_run_inside_the_block_is_kept_and_none_outside():
    tree = load_html(page())
    readability.install()
    external.try_readability(copy.deepcopy(tree))  # outside a block: nothing kept, no error
    with readability.kept() as summaries:
        first = external.try_readability(copy.deepcopy(tree))
        external.try_readability(load_html("<html><body><p>Another page.</p></body></html>"))
    assert len(summaries) == 1 and "ferry pier" in summaries[0]
    assert first.text_content().strip()


def test_trafilaturas_text_is_the_same_with_the_summary_kept():
    html = page()
    with readability.kept():
        kept = trafilatura.extract(html, url=URL, prune_xpath=PRUNE_XPATH)
    external.try_readability = readability.LIBRARY
    try:
        plain = trafilatura.extract(html, url=URL, prune_xpath=PRUNE_XPATH)
    finally:
        readability.install()
    assert kept == plain


def test_no_summary_reads_the_tree_itself():
    tree = load_html(page())
    assert opinion.second_text(tree) == opinion.second_text(tree, None)
    assert opinion.second_text(tree, "") == ""
