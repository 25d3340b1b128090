"""Extraction fallbacks: recall mode, JSON-LD articleBody, baseline, and their provenance."""

from __future__ import annotations

import json

from trafilatura.utils import load_html

from pipelines.extract import fallbacks
from pipelines.extract.fallbacks import body_text, main_text, recall_text
from pipelines.extract.page import EXTRACTOR_VERSION, PRUNE_XPATH, extract

SENTENCE = (
    "The ferry company of Port Alder said its two oldest boats would be replaced by electric "
    "ones before the winter timetable starts in the harbour."
)
STORY = [f"{SENTENCE} Paragraph {n} adds the cost, the crews and the routes." for n in range(6)]


def page(main: str, ld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferries</title>'
        f'<meta property="og:type" content="article">{script}</head>'
        f"<body><main>{main}</main></body></html>"
    )


PARAGRAPHS = "".join(f"<p>{p}</p>" for p in STORY)


def test_first_pass_is_kept_when_it_has_enough():
    article = extract(page(PARAGRAPHS), "https://gazette.example/news/ferries")
    assert article["extraction_method"] == "trafilatura"
    assert article["extractor_version"] == EXTRACTOR_VERSION
    assert EXTRACTOR_VERSION.startswith("trafilatura ")


def test_recall_mode_when_the_first_pass_found_nothing():
    html = page(PARAGRAPHS)
    text, method = main_text("", load_html(html), "https://x.example/a", None, 40, [])
    assert method == "trafilatura-recall"
    assert STORY[3] in text


def test_json_ld_article_body_when_the_page_shows_a_teaser():
    teaser = "<p>Subscribe to read: the ferry company will replace its boats.</p>"
    ld = {
        "@type": "NewsArticle",
        "headline": "Ferries",
        "articleBody": "\n\n".join(STORY).replace("electric", "electric &amp; quiet"),
        "isAccessibleForFree": False,
    }
    article = extract(page(teaser, ld), "https://gazette.example/news/ferries")
    assert article["extraction_method"] == "json-ld"
    assert article["text"].split("\n")[0].startswith(STORY[0][:40].replace("electric", "elec"))
    assert "electric & quiet" in article["text"]
    assert len(article["text"].split("\n")) == len(STORY)
    assert article["paywalled"] == 1


def test_json_ld_when_the_first_pass_has_under_half_of_the_article_body():
    shown = "".join(f"<p>{p}</p>" for p in STORY[:2])
    long_body = "\n".join(STORY * 3)
    article = extract(
        page(shown, {"@type": "NewsArticle", "articleBody": long_body}), "https://g.example/n/1"
    )
    assert article["extraction_method"] == "json-ld"


def test_readability_before_the_baseline_when_trafilatura_finds_nothing(monkeypatch):
    html = page(PARAGRAPHS)
    # Pruning <main> leaves trafilatura nothing in either mode (its unpruned run made to
    # find nothing too); readability (another algorithm, on the unpruned tree) comes before
    # the baseline, which would find it too.
    monkeypatch.setattr(fallbacks, "unpruned_text", lambda tree, url: "")
    text, method = main_text("", load_html(html), "https://x.example/a", None, 40, ["//main"])
    assert method == "readability"
    assert STORY[5] in text


def test_the_longest_attempt_when_all_are_too_short():
    html = page("<p>Short note about ferries in the harbour today.</p>")
    text, method = main_text(None, load_html(html), "https://x.example/a", None, 40, PRUNE_XPATH)
    assert text and method in ("trafilatura-recall", "baseline")
    skipped = extract(html, "https://x.example/a")
    assert skipped["skip_reason"] == "too_short"


def test_body_text_decodes_entities_and_folds_blank_lines():
    assert body_text("One &amp; two.\r\n\r\n  Three   four. \n") == "One & two.\nThree four."
    assert body_text(None) == ""


def test_article_inside_an_unclosed_nav_comes_from_an_unpruned_run():
    # the menu's <nav> is never closed: the parser puts the whole story inside it, and the
    # project's prune expressions (a nav without long paragraphs) remove it with the menu
    lines = [
        f"Harbour crews at Port Alder tested the electric ferry number {n} on the night "
        "route, and the council counted its costs."
        for n in range(8)
    ]
    story = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferries</title>'
        '</head><body><nav class="navbar"><a href="/">Home</a> <a href="/news">News</a>'
        f'<div class="story"><h1>Ferries</h1>{story}</div></body></html>'
    )
    url = "https://gazette.example/news/ferries"
    assert lines[5] not in recall_text(load_html(html), url, PRUNE_XPATH)  # pruned with the nav
    text, method = main_text("", load_html(html), url, None, 40, PRUNE_XPATH, html)
    assert method == "trafilatura-unpruned"
    assert all(line in text for line in lines)
