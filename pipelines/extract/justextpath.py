"""justext's paragraph maker: its path strings built once per element, each paragraph's text once.

trafilatura's justext rescues (``external.try_justext``: in ``compare_extraction`` on a short
or unclean text, and beside the recall escalation) turn the page into paragraphs with
justext's ``ParagraphMaker``, which starts a new ``Paragraph`` at each opening and closing
tag of a block, most of them left without text and thrown away; each one reads its
``PathInfo``'s ``dom`` and ``xpath`` strings, rebuilt from the whole path of open elements
(about half of the maker's CPU). ``Path`` keeps each depth's two strings, built once as
its element opens from its parent's: the same strings (``"/" + "/".join("tag[n]")``,
``".".join(tags)``), so the same paragraphs (0.67 of the maker's CPU on tune pages). Its
paragraphs are ``Text``, which keeps the text justext reads again for each measure (the
maker's test for an empty one, then length, words, stop words, link density: a join and
a regex each time) until a text node is added. ``Maker.make_paragraphs`` feeds the maker
the events ``lxml.sax.saxify`` makes (``saxify``: the same events in the same order, the
elements' names, texts and tails) without building the attribute maps and qualified
names of each element, which the maker does not read (lxml.sax's producer spends most of
its time on them): 0.83 of ``try_justext``'s CPU on 500 tune pages alternated (0.45
against 0.55 ms a page). ``install()`` hands trafilatura's ``external`` module that ``Maker``,
only while justext's ``PathInfo``, ``ParagraphMaker`` and ``Paragraph`` have the source
this was written for (``WRITTEN_FOR``, a hash of each) and lxml is the release whose
``ElementTreeProducer`` it mirrors (``LXML_WRITTEN_FOR``: compiled, it has no source to
hash); else justext's runs.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from typing import Any

from justext import core
from justext.paragraph import Paragraph
from lxml.etree import LXML_VERSION, Comment, ProcessingInstruction
from trafilatura import external

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = core.ParagraphMaker  # justext's own
# the hash of each source this mirrors (justext 3.0.2)
WRITTEN_FOR = (
    (core.PathInfo, "4eea518bf7c9"),
    (core.ParagraphMaker, "20dba31fcd2b"),
    (Paragraph, "1c1d8705d5b1"),
)
# lxml's producer of those events is compiled (no source to hash): the release it was read in
LXML_WRITTEN_FOR = (6, 2, 1, 0)


class Path(core.PathInfo):
    """justext's ``PathInfo`` that keeps the ``dom`` and ``xpath`` strings of each depth."""

    def __init__(self) -> None:
        super().__init__()
        self._doms = [""]
        self._xpaths = [""]

    @property
    def dom(self) -> str:
        return self._doms[-1]

    @property
    def xpath(self) -> str:
        return self._xpaths[-1] or "/"

    def append(self, tag_name: str) -> Path:
        super().append(tag_name)
        tag, order, _ = self._elements[-1]
        self._doms.append(f"{self._doms[-1]}.{tag}" if len(self._elements) > 1 else tag)
        self._xpaths.append("%s/%s[%d]" % (self._xpaths[-1], tag, order))  # noqa: UP031 - justext's
        return self

    def pop(self) -> Path:
        super().pop()
        self._doms.pop()
        self._xpaths.pop()
        return self


class Text(Paragraph):
    """justext's ``Paragraph`` that keeps its text until a text node is added (justext reads
    it again for each measure: length, words, stop words, link density)."""

    def __init__(self, path: core.PathInfo) -> None:
        super().__init__(path)
        self._kept: tuple[int, str] = (-1, "")

    @property
    def text(self) -> str:
        count, text = self._kept
        if count != len(self.text_nodes):
            text = Paragraph.text.fget(self)
            self._kept = (len(self.text_nodes), text)
        return text


def ns_tag(tag: str) -> tuple[str | None, str]:
    """(namespace, local name) of a tag, as lxml.sax's ``_getNsTag`` splits it."""
    if tag[0] == "{" and "}" in tag:
        namespace, name = tag[1:].split("}", 1)
        return namespace, name
    return None, tag


def saxify(element: Any, handler: Any) -> None:
    """``lxml.sax.saxify(element, handler)``'s events for the element and its subtree
    (``ElementTreeProducer._recursive_saxify``), without the attributes and the qualified
    name (``None``) of ``startElementNS`` and ``endElementNS``."""
    tag = element.tag
    if tag is Comment or tag is ProcessingInstruction:
        if tag is ProcessingInstruction:
            handler.processingInstruction(element.target, element.text)
        if element.tail:
            handler.characters(element.tail)
        return
    name = ns_tag(tag)
    handler.startElementNS(name, None, None)
    if element.text:
        handler.characters(element.text)
    for child in element:
        saxify(child, handler)
    handler.endElementNS(name, None)
    if element.tail:
        handler.characters(element.tail)


def produce(root: Any, handler: Any) -> None:
    """The events of ``lxml.sax.saxify(root, handler)`` (``ElementTreeProducer.saxify``:
    the document's, and the processing instructions beside the root element), from
    ``saxify``."""
    element = root.getroot() if hasattr(root, "getroot") else root
    handler.startDocument()
    before = []
    sibling = element.getprevious()
    while getattr(sibling, "tag", None) is ProcessingInstruction:
        before.append(sibling)
        sibling = sibling.getprevious()
    for sibling in before[::-1]:
        saxify(sibling, handler)
    saxify(element, handler)
    sibling = element.getnext()
    while getattr(sibling, "tag", None) is ProcessingInstruction:
        saxify(sibling, handler)
        sibling = sibling.getnext()
    handler.endDocument()


class Maker(LIBRARY):
    """justext's ``ParagraphMaker`` on a ``Path``, its paragraphs ``Text`` (its first,
    empty paragraph is made on justext's own, empty ``PathInfo``: the same strings)."""

    def __init__(self) -> None:
        super().__init__()
        self.path = Path()

    @classmethod
    def make_paragraphs(cls, root: Any) -> list[Paragraph]:
        """justext's ``make_paragraphs``, the events from ``produce``."""
        handler = cls()
        produce(root, handler)
        return handler.paragraphs

    def _start_new_pragraph(self) -> None:
        if self.paragraph and self.paragraph.contains_text():
            self.paragraphs.append(self.paragraph)
        self.paragraph = Text(self.path)


def mirrored(
    written_for: tuple[tuple[object, str], ...] = WRITTEN_FOR,
    lxml_version: tuple[int, ...] = LXML_WRITTEN_FOR,
) -> bool:
    """Whether justext's classes (and lxml) are the ones this module was written for."""
    same = all(source_fingerprint(source) == digest for source, digest in written_for)
    return same and lxml_version == LXML_VERSION


def install() -> bool:
    """Give trafilatura's justext rescue the ``Maker``, when justext is the release this
    was written for; whether it did."""
    if external.ParagraphMaker is Maker:
        return True
    if external.ParagraphMaker is not LIBRARY or not mirrored():
        return False
    external.ParagraphMaker = Maker
    return True
