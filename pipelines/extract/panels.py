"""Unfold the article's collapsed panels (accordions, FAQ answers) before extraction.

Many pages print part of the article in panels that the reader opens with a click: the
steps of a guide, the answers of a FAQ, an accordion of sections. The page hides them
until then (``style="display: none"``, the ``hidden`` attribute, ``aria-hidden``, a
"hidden" class), and trafilatura discards every hidden block: the article loses them
(on WCXB dev's tune part a guide lost three quarters of its words, FAQ blocks their
answers). ``unfold(tree)`` takes the hiding off the blocks that are such panels: hidden,
named a panel by their class, id or role (``PANEL``: accordion, collapse, FAQ, answer,
tab panel, region), ``MIN_WORDS`` words or more with under ``MAX_LINKED`` of their text in
links, and neither they nor an ancestor page furniture (``FURNITURE``: a menu, the
header or footer, a banner, a modal or cookie dialog, a search box; or a ``nav``,
``header``, ``footer``, ``aside``, ``form`` or ``dialog`` element). The tree is changed
in place (the extraction reads it next); the blocks unfolded are returned.
Plain functions; no Scrapy. Settings read: none. Stats: none here (the item pipeline counts
an article's panels as ``news/extract/panels_shown``).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

MIN_WORDS = 15  # a shorter hidden block is a label, a tooltip, a button's text
MAX_LINKED = 0.3  # a hidden block with more of its text in links is a menu
# the elements hidden one of four ways, read from their attributes
HIDDEN_XPATH = (
    "(//@style[contains(translate(., ' ', ''), 'display:none')] | //@hidden"
    " | //@aria-hidden[. = 'true'] | //@class[contains(., 'hid')])/parent::*"
)
# the test of ``HIDDEN_XPATH`` on one element, and the elements with a role, in order
HIDDEN_SELF = etree.XPath(
    "boolean(self::*[@style[contains(translate(., ' ', ''), 'display:none')] or @hidden"
    " or @aria-hidden[. = 'true'] or @class[contains(., 'hid')]])"
)
ROLED = etree.XPath("//@role/parent::*")
HIDDEN_CLASS = re.compile(r"hidden|^hide$|-hide$|^hide-", re.IGNORECASE)  # a class name that hides
SHOWN_CLASS = re.compile(
    r"overflow|visually|^sr-", re.IGNORECASE
)  # "overflow-hidden" hides nothing
PANEL = re.compile(r"accordion|collaps|faq|answer|tab-?panel|tab-pane|tab-content|region", re.I)
# ``PANEL``'s words ("tab-pane" is in "tab-panel"): in a lower-cased ASCII text they are
# found where ``PANEL`` matches, without its scan of every character (a page's names)
PANEL_WORDS = ("accordion", "collaps", "faq", "answer", "tabpanel", "tab-pane", "tab-content")
PANEL_WORDS += ("region",)
FURNITURE = re.compile(
    r"footer|header|\bnav|menu|banner|modal|cookie|consent|sidebar|popup|dialog|search|drawer"
    r"|overlay|mega",
    re.IGNORECASE,
)
FURNITURE_TAGS = {"nav", "header", "footer", "aside", "form", "dialog"}


def names(element: Any) -> str:
    """An element's class, id and role, one string."""
    return " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))


def hiding(name: str) -> bool:
    """Whether a class name hides its element ("hidden", "is-hidden", "faq__answer--hidden",
    "hide"), not only its overflow ("overflow-hidden") or for screens ("visually-hidden")."""
    return bool(HIDDEN_CLASS.search(name)) and not SHOWN_CLASS.search(name)


def hidden(element: Any) -> bool:
    """Whether ``element`` itself is hidden (its style, attributes or class)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        "display:none" in style
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or any(map(hiding, (element.get("class") or "").split()))
    )


def is_panel(element: Any) -> bool:
    """Whether a hidden ``element`` is a panel of the article (see the module)."""
    label = names(element)
    if not PANEL.search(label) or FURNITURE.search(label):
        return False
    for ancestor in element.iterancestors():
        if ancestor.tag in FURNITURE_TAGS or FURNITURE.search(names(ancestor)):
            return False
    text = " ".join(element.text_content().split())
    if len(text.split()) < MIN_WORDS:
        return False
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked < MAX_LINKED * len(text)


def show(element: Any) -> None:
    """Take ``element``'s hiding off: its style's ``display: none``, its ``hidden`` and
    ``aria-hidden`` attributes, the hiding words of its class."""
    style = element.get("style")
    if style is not None:
        element.set("style", re.sub(r"display\s*:\s*none\s*;?", "", style, flags=re.I))
    for attribute in ("hidden", "aria-hidden"):
        element.attrib.pop(attribute, None)
    classes = element.get("class")
    if classes is not None:
        element.set("class", " ".join(c for c in classes.split() if not hiding(c)))


def unfold(tree: Any, names: str | None = None) -> list[Any]:
    """Show the article's hidden panels in ``tree`` (changed in place); the panels.
    ``names``: the page's class and id values, lower-cased (``htmlmeta.markup_names``):
    when none is named a panel (``PANEL``: two pages in three), a panel is named so by its
    role, and only the elements with a role are read (``ROLED``, then ``HIDDEN_SELF``:
    a scan of one attribute, not of four)."""
    if tree is None:
        return []
    if names is not None and not any(word in names for word in PANEL_WORDS):
        found = [e for e in ROLED(tree) if PANEL.search(e.get("role")) and HIDDEN_SELF(e)]
    else:
        found = tree.xpath(HIDDEN_XPATH)
    panels = [e for e in found if hidden(e) and is_panel(e)]
    for element in panels:
        show(element)
    return panels
