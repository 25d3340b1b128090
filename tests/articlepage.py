"""A crafted article page for the text rules' tests: paragraphs in an ``<article>``, then
whatever the test puts after them."""

from __future__ import annotations


def article_page(title: str, paragraphs: list[str], tail: str = "", head: str = "") -> str:
    """An English article page: ``head`` in its ``<head>``, ``title`` as its headline,
    ``paragraphs`` one ``<p>`` each, then ``tail`` (raw HTML)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta property="og:type" content="article"><title>{title}</title>{head}</head><body>'
        '<header><a href="/">Home</a></header>'
        f"<main><article><h1>{title}</h1>{body}{tail}</article></main></body></html>"
    )
