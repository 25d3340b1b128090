"""readability's reading of a page, run once: trafilatura's fallback run serves the second opinion.

trafilatura runs readability (``trafilatura.readability_lxml``) on every page it extracts
without ``fast``: its ``compare_extraction`` weighs readability's text against its own,
on its copy of the page pruned of comments and appended articles. The second opinion
(``pipelines.extract.opinion``) and the fallbacks (``pipelines.extract.fallbacks``) need
readability's text of the same page. ``install()`` puts ``try_readability`` in place of
trafilatura's (the same work, the same result), which also keeps the summary of the
first run inside a ``kept()`` block (``pipelines.extract.firstvalue``), so that
readability runs once a page instead of twice. Inside a ``known(summary)`` block it
gives that summary instead of running: trafilatura's recall run on the tree its first
pass pruned (``pipelines.extract.recall``) hands readability the same tree again. Plain
functions; no Scrapy. readability runs as ``pipelines.extract.readsteps.Steps`` (the same
summary, less repeated work) while the library's class is the one that was written for.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml.html import HtmlElement
from trafilatura import external
from trafilatura.utils import fromstring_bytes

from pipelines.extract.firstvalue import FirstValue
from pipelines.extract.readsteps import document

_known: str | None = None  # inside a ``known`` block: the summary of the tree readability gets
LIBRARY = external.try_readability  # trafilatura's own, which ``install`` replaces
READABILITY = document()  # readability's ``Document``, its steps without repeated work


def summary(htmlinput: Any) -> str:
    """readability's summary of a parsed page ("" when it fails); changes the tree."""
    try:
        return READABILITY(htmlinput, min_text_length=25).summary()
    except Exception:  # noqa: BLE001 - a reading that fails is no reading
        return ""


def try_readability(htmlinput: Any) -> HtmlElement:
    """trafilatura's ``external.try_readability``, keeping the summary in a ``kept()`` block
    (and giving the one already made of the same tree in a ``known()`` block)."""
    found = summary(htmlinput) if _known is None else _known
    KEPT.offer(found)
    tree = fromstring_bytes(found) if found else None
    return tree if tree is not None else HtmlElement()


def install() -> None:
    """Give trafilatura the summary-keeping ``try_readability`` (once a process)."""
    external.try_readability = try_readability


KEPT = FirstValue(install)  # readability's summary of the first run inside a block
kept = KEPT.block


@contextmanager
def known(found: str | None) -> Iterator[None]:
    """A block where readability's summary of the tree trafilatura hands it is ``found``
    (already made of that same tree); ``None``: readability runs."""
    global _known
    install()
    _known = found
    try:
        yield
    finally:
        _known = None
