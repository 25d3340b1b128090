"""``pipelines.extract.content.fetched_problem``: what is no page to extract, before parsing."""

from __future__ import annotations

import pytest

from pipelines.extract.content import fetched_problem

HTML = "text/html; charset=utf-8"


@pytest.mark.parametrize("body", [b"", b" ", b"\n\r\t", b" \x0b\x0c\n "])
def test_an_empty_or_blank_body_is_empty(body):
    assert fetched_problem(HTML, body) == ("empty_body", "200 with an empty body")


@pytest.mark.parametrize("body", [b"<p>x</p>", b"\n <html></html>\n", b"\xa0", b" \x85 "])
def test_a_body_with_anything_but_ascii_whitespace_is_a_page(body):
    # what bytes.strip() keeps (a non-breaking space byte, NEL) is not blank either
    assert fetched_problem(HTML, body) is None
    assert body.strip()


def test_not_html_and_binary_bodies():
    assert fetched_problem("application/pdf", b"%PDF-1.4") == ("not_html", "application/pdf")
    assert fetched_problem(HTML, b"%PDF-1.4 ...")[0] == "binary_body"
