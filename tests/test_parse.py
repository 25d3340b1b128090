"""The page's one parse (pipelines/extract/parse.py): lxml.html's classes, from a C lookup."""

from __future__ import annotations

import lxml.html
from trafilatura import utils as library_utils

from pipelines.extract import parse

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour ferry timetable changes</title>
<meta name="author" content="Rina Halim"></head><body>
<nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article><h1>Harbour ferry timetable changes</h1>
<p>The morning ferry to the outer islands leaves twenty minutes earlier from Monday, the
harbour office said, so that it meets the first train at the terminal.</p>
<form action="/subscribe"><label for="m">Mail</label><input id="m" name="m">
<select name="f"><option>daily</option></select><textarea name="t"></textarea></form>
<!-- an editor's note --><?render later?></article></body></html>"""


# trafilatura's parser options, with lxml.html's own element class lookup (a Python method)
PLAIN = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)


def classes(tree) -> list[tuple[str, str]]:
    return [(str(element.tag), type(element).__name__) for element in tree.iter()]


def test_page_tree_gives_every_node_lxml_htmls_class() -> None:
    tree = parse.page_tree(PAGE)
    plain = lxml.html.fromstring(PAGE, parser=PLAIN)
    assert classes(tree) == classes(plain)
    assert isinstance(tree.find(".//form"), lxml.html.FormElement)
    assert isinstance(tree.find(".//input"), lxml.html.InputElement)
    assert type(tree.find(".//p")) is lxml.html.HtmlElement
    copied = tree.__deepcopy__({})  # trafilatura's copies keep the parser's lookup
    assert classes(copied) == classes(tree)


def test_page_tree_reads_the_page_as_trafilatura_does() -> None:
    ours = parse.page_tree(PAGE)
    theirs = lxml.html.fromstring(PAGE, parser=PLAIN)
    assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
    assert library_utils.load_html("no markup here at all") is None
    assert parse.page_tree("no markup here at all") is None
