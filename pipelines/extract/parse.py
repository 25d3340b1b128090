"""The page's one parse: trafilatura's HTML parser, its element classes looked up in C.

``page_tree(html)`` is ``trafilatura.utils.load_html(html)`` (the same parser, the
same repairs and checks), after ``fast_lookup()`` has given trafilatura's parser an
element class lookup that lxml runs in C. lxml.html's own lookup
(``HtmlElementClassLookup``) is a Python method that lxml calls each time it wraps a
node in a Python object, millions of times a crawl (every ``iter``, ``xpath``,
``getparent``, ``deepcopy`` in trafilatura, readability and the project's rules):
about a tenth of an extraction's CPU on real pages. The C lookup gives every node the
same class (``HtmlElement``, and lxml.html's form classes by tag name, ``HtmlComment``,
``HtmlEntity``, ``HtmlProcessingInstruction``), so every result is the same. The
parser is trafilatura's module-level one: its copies of the tree (``deepcopy``) keep
it. It is set the first time a process parses a page, so a process that never
extracts (a benchmark's plain-trafilatura pool) keeps lxml's lookup.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html
from trafilatura import utils as library_utils

_set = False


def fast_lookup() -> None:
    """Give trafilatura's HTML parser lxml.html's element classes through a C lookup."""
    global _set
    if _set:
        return
    default = etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
    lookup = etree.ElementNamespaceClassLookup(default)
    # the tags lxml.html gives a class of their own (form, input, select, textarea, label)
    lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup()._element_classes)
    library_utils.HTML_PARSER.set_element_class_lookup(lookup)
    _set = True


def page_tree(html: str) -> Any:
    """The parsed page (``trafilatura.utils.load_html``), or ``None`` when it is no HTML."""
    fast_lookup()
    return library_utils.load_html(html)
