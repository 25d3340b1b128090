"""trafilatura's recall mode from the tree its first pass pruned (``pipelines.extract.recall``)
gives ``trafilatura.extract``'s text, and justext's stop words built once
(``pipelines.extract.stoplist``) classify as trafilatura's own. Crafted pages."""

from __future__ import annotations

import copy
import json

import trafilatura
from justext import core as justext
from justext.utils import get_stoplist, get_stoplists
from lxml import etree
from trafilatura import external
from trafilatura.utils import load_html

from pipelines.extract import fallbacks, readability, recall, stoplist
from pipelines.extract.page import PRUNE_XPATH, main_document
from pipelines.extract.stoplist import LIBRARY, define_stoplist

URL = "https://hillside-weekly.example/news/orchard"
SENTENCE = (
    "The hillside orchard cooperative picked {n} crates of late apples this week, and the "
    "growers said the cold nights had made the fruit sweeter than in any recent autumn."
)


def page(paragraphs: int, extra: str = "", head: str = "") -> str:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(paragraphs))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{head}'
        "<title>Orchard</title></head><body>"
        '<nav><a href="/">Hillside Weekly</a> <a href="/news">News</a></nav>'
        f"<div class='story'><h1>A sweet autumn</h1>{body}"
        "<ul><li>Crates picked: many</li><li>Growers: twelve</li><li>Rain: little</li></ul>"
        f"</div>{extra}"
        '<div id="comments" class="comments"><p>A reader liked the apples a lot.</p></div>'
        "<footer>Hillside Weekly, 2 Mill Road</footer></body></html>"
    )


def teaser_page() -> str:
    """A teaser on the page, the article in its JSON-LD: the baseline rescue's case."""
    body = " ".join(SENTENCE.format(n=n) for n in range(4))
    ld = json.dumps({"@type": "NewsArticle", "articleBody": body})
    return (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        "<body><p>Subscribe to read the orchard story.</p></body></html>"
    )


def library_recall(tree: etree._Element) -> str:
    return (
        trafilatura.extract(
            tree,
            url=URL,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            prune_xpath=PRUNE_XPATH,
        )
        or ""
    )


def test_recall_from_the_pruned_tree_is_trafilaturas_recall_text():
    # a short page (readability runs in recall mode), a long one (it is bypassed),
    # one with little text, and a teaser (the baseline rescue finds the JSON-LD article)
    pages = (page(3), page(30), page(0, "<div><span>Only a line.</span></div>"), teaser_page())
    for html in pages:
        tree = load_html(html)
        before = etree.tostring(tree)
        _, summary, pruned = main_document(tree, URL)
        assert pruned is not None
        kept = etree.tostring(pruned)
        text = recall.recall_text(pruned, URL, summary)
        assert text == library_recall(tree)
        assert text == recall.recall_text(pruned, URL, None)  # readability run again: the same
        assert etree.tostring(pruned) == kept and etree.tostring(tree) == before


def test_the_kept_tree_is_pruned_like_the_first_pass():
    tree = load_html(page(5))
    _, _, pruned = main_document(tree, URL)
    assert "A reader liked" not in pruned.text_content()  # comments pruned
    assert "A reader liked" in tree.text_content()  # the page's own tree untouched


def test_a_forum_thread_keeps_no_tree_and_recall_runs_as_before():
    ld = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    tree = load_html(page(4, head=ld))
    _, summary, pruned = main_document(tree, URL)
    assert pruned is None
    text = fallbacks.recall_text(tree, URL, PRUNE_XPATH, pruned, summary)
    assert text == library_recall(tree)


def test_only_the_first_run_in_the_block_is_kept():
    tree = load_html(page(4))
    with recall.kept() as found:
        trafilatura.bare_extraction(copy.deepcopy(tree), include_comments=False)
        trafilatura.bare_extraction(load_html(page(2)), include_comments=False)
    assert len(found) == 1 and "crates" in found[0].text_content()
    with recall.kept() as found:
        trafilatura.bare_extraction(copy.deepcopy(tree))  # comments on: pruned otherwise
    assert found == [None]


def test_recall_reuses_the_first_passs_readability_summary(monkeypatch):
    tree = load_html(page(3))  # short: recall mode's comparison runs readability
    _, summary, pruned = main_document(tree, URL)
    runs = []
    monkeypatch.setattr(readability, "summary", lambda t: runs.append(t) or summary)
    recall.recall_text(pruned, URL, summary)
    assert runs == []
    recall.recall_text(pruned, URL, None)
    assert len(runs) == 1


def escalating_page() -> str:
    """A short story among many links: trafilatura's first pass escalates to recall mode."""
    links = "".join(
        f'<li><a href="/n/{n}">Other orchard story number {n} from the valley</a></li>'
        for n in range(80)
    )
    return (
        f"<html><body><div class='story'><h1>A sweet autumn</h1><p>{SENTENCE.format(n=9)}</p>"
        f"</div><div class='menu'><ul>{links}</ul></div><div><ul>{links}</ul></div></body></html>"
    )


def test_the_escalation_reuses_the_first_comparisons_summary(monkeypatch):
    runs, retries, copies = [], [], []
    made = readability.summary
    monkeypatch.setattr(readability, "summary", lambda t: runs.append(1) or made(t))
    retry, compared = recall.RETRY, recall.compared
    monkeypatch.setattr(recall, "RETRY", lambda *args: retries.append(1) or retry(*args))
    monkeypatch.setattr(recall, "copy", lambda tree: copies.append(1) or copy.copy(tree))

    def counted(*args, **kwargs):
        retries.append(kwargs)
        return compared(*args, **kwargs)

    monkeypatch.setattr(recall, "compared", counted)
    tree = load_html(escalating_page())
    document, _, _ = main_document(tree, URL)
    # readability ran for the first comparison only; the retry made no copy for it
    assert retries == [{"known": True}] and runs == [1] and copies == []
    plain = trafilatura.bare_extraction(
        load_html(escalating_page()),
        url=URL,
        include_comments=False,
        prune_xpath=PRUNE_XPATH,
    )
    assert retries == [{"known": True}, 1] and runs == [1, 1, 1]  # outside the blocks: twice
    assert document.text == plain.text and "cold nights" in document.text


def test_a_known_summary_replaces_readabilitys_run():
    tree = load_html(page(4))
    with readability.known("<div><p>Known summary text.</p></div>"):
        found = external.try_readability(copy.deepcopy(tree))
    assert found.text_content() == "Known summary text."
    assert "crates" in external.try_readability(copy.deepcopy(tree)).text_content()


def test_the_stop_words_are_justexts_union_lower_cased_and_cached():
    stoplist.warm_up()
    words = external.JT_STOPLIST
    assert isinstance(words, frozenset)
    union = {w.lower() for language in get_stoplists() for w in get_stoplist(language)}
    assert words == union
    assert LIBRARY(words) == words and define_stoplist(words) is words
    assert justext.define_stoplist is define_stoplist
    paragraphs = page(6, "<div><p>Copyright and a list of links to other pages.</p></div>")
    body = external.try_justext(load_html(paragraphs), URL, None)
    assert [p.text for p in body] and all("crates" in p.text for p in body)


def test_another_trafilatura_keeps_its_own_sequence(monkeypatch):
    from trafilatura import core

    assert recall.mirrored()  # the release the module was written for
    monkeypatch.setattr(core, "trafilatura_sequence", recall.LIBRARY)
    monkeypatch.setattr(recall, "MIRRORED", recall.mirrored({"bare_extraction": "0" * 12}))
    recall.install()
    assert core.trafilatura_sequence is recall.LIBRARY
    story = "<p>The quay was quiet all winter long.</p>" * 12
    html = f"<html><body><article>{story}</article></body></html>"
    _, _, pruned = main_document(load_html(html), "https://example.org/a")
    assert pruned is None  # nothing kept: the recall run is trafilatura.extract
