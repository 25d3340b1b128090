"""Main text when trafilatura's first pass finds nothing or too little: ordered fallbacks.

``main_text`` takes the result of the first pass (trafilatura in precision mode,
run by ``pipelines.extract``) and, when its text is empty or too short, tries in
order: trafilatura in recall mode (``favor_recall``), the page's JSON-LD
``articleBody``, trafilatura without the project's prune expressions (``unpruned_text``:
an article whose broken markup leaves it inside a ``nav``, ``aside`` or ``footer`` is
pruned whole with them), readability's and then resiliparse's main text (the second opinion
and its judge, ``pipelines.extract.opinion``: other algorithms, which find articles
trafilatura misses whole), then trafilatura's ``baseline`` (every paragraph-like
block of the page). The first text with enough words wins; when none has, the
longest does (the caller then skips it as too short). It returns which path
produced the text, stored as ``extraction_method``: ``trafilatura``,
``trafilatura-recall``, ``json-ld``, ``trafilatura-unpruned``, ``readability``,
``resiliparse`` or ``baseline``.

"Too little" means fewer than ``min_words`` words, or, when the page's
``articleBody`` is itself long enough, fewer than ``BODY_SHARE`` of its words
(the first pass then missed part of the article). Plain functions; no Scrapy.
Settings read: none (``EXTRACT_MIN_WORDS`` is passed in by the caller).
"""

from __future__ import annotations

import copy
import html as html_lib
from collections.abc import Callable
from typing import Any

import trafilatura

from pipelines.extract import opinion, recall
from pipelines.extract.text import word_count

BODY_SHARE = 0.5  # first-pass text shorter than half the JSON-LD articleBody is "too little"


def _words(text: str | None) -> int:
    return word_count(text or "")


def body_text(article_body: str | None) -> str:
    """JSON-LD ``articleBody`` as text: entities decoded, one paragraph per line."""
    if not article_body:
        return ""
    text = html_lib.unescape(article_body).replace("\r\n", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def recall_text(
    tree: Any,
    url: str,
    prune_xpath: list[str],
    pruned: Any = None,
    summary: str | None = None,
) -> str:
    """trafilatura again, favouring recall (it copies the tree; ours is untouched); from
    ``pruned``, the tree the first pass pruned, when it kept it (``pipelines.extract.recall``,
    the same text), with readability's ``summary`` of it."""
    if pruned is not None:
        return recall.recall_text(pruned, url, summary)
    return recall.recall_extract(tree, url, prune_xpath)


def unpruned_text(tree: Any, url: str) -> str:
    """trafilatura with its defaults, without the project's prune expressions (on a copy of
    the tree): an unclosed ``nav`` or ``aside`` can hold the whole article, which those
    expressions remove before trafilatura looks (and readability's summary, made from the
    same pruned copy, lacks it too)."""
    return trafilatura.extract(tree, url=url, include_comments=False, include_tables=True) or ""


def baseline_text(tree: Any) -> str:
    """trafilatura's baseline: the page's paragraph-like blocks, nothing filtered (on a
    copy of the parsed tree, which it changes)."""
    _, text, _ = trafilatura.baseline(copy.deepcopy(tree))
    return text or ""


def too_little(text: str, min_words: int, body_words: int) -> bool:
    words = _words(text)
    if words < min_words:
        return True
    return body_words >= min_words and words < BODY_SHARE * body_words


def credit(text: str, method: str, body: str) -> tuple[str, str]:
    """trafilatura's own fallbacks read ``articleBody`` too: credit it, keep its paragraphs."""
    if body and " ".join(text.split()) == " ".join(body.split()):
        return body, "json-ld"
    return text, method


def main_text(
    first: str | None,
    tree: Any,
    url: str,
    article_body: str | None,
    min_words: int,
    prune_xpath: list[str],
    html: str = "",
    summary: str | None = None,
    pruned: Any = None,
) -> tuple[str, str]:
    """(text, method): the first pass's text unless it is too little, else a fallback's.
    ``summary``: readability's summary of the page, when trafilatura's run kept it;
    ``pruned``: the tree the first pass pruned, when it kept it (for recall mode)."""
    body = body_text(article_body)
    body_words = _words(body)
    first, method = credit(first or "", "trafilatura", body)
    if not too_little(first, min_words, body_words if method != "json-ld" else 0):
        return first, method
    tried = [(first, method)]
    steps: list[tuple[str, Callable[[], str]]] = [
        ("trafilatura-recall", lambda: recall_text(tree, url, prune_xpath, pruned, summary)),
        ("json-ld", lambda: body),
        ("trafilatura-unpruned", lambda: unpruned_text(tree, url) if prune_xpath else ""),
        ("readability", lambda: opinion.second_text(tree, summary)),
        ("resiliparse", lambda: opinion.judge_text(html) if html else ""),
        ("baseline", lambda: baseline_text(tree)),
    ]
    for method, run in steps:
        text, method = credit(run().strip(), method, body)
        if text and not too_little(text, min_words, body_words if method != "json-ld" else 0):
            return text, method
        tried.append((text, method))
    return max(tried, key=lambda pair: _words(pair[0]))
