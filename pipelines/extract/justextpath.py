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
a regex each time) until a text node is added. ``install()`` hands trafilatura's
``external`` module that ``Maker``, only while justext's ``PathInfo``, ``ParagraphMaker``
and ``Paragraph`` have the source this was written for (``WRITTEN_FOR``, a hash of each);
else justext's runs.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from justext import core
from justext.paragraph import Paragraph
from trafilatura import external

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = core.ParagraphMaker  # justext's own
# the hash of each source this mirrors (justext 3.0.2)
WRITTEN_FOR = (
    (core.PathInfo, "4eea518bf7c9"),
    (core.ParagraphMaker, "20dba31fcd2b"),
    (Paragraph, "1c1d8705d5b1"),
)


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


class Maker(LIBRARY):
    """justext's ``ParagraphMaker`` on a ``Path``, its paragraphs ``Text`` (its first,
    empty paragraph is made on justext's own, empty ``PathInfo``: the same strings)."""

    def __init__(self) -> None:
        super().__init__()
        self.path = Path()

    def _start_new_pragraph(self) -> None:
        if self.paragraph and self.paragraph.contains_text():
            self.paragraphs.append(self.paragraph)
        self.paragraph = Text(self.path)


def mirrored(written_for: tuple[tuple[object, str], ...] = WRITTEN_FOR) -> bool:
    """Whether justext's classes are the ones this module was written for."""
    return all(source_fingerprint(source) == digest for source, digest in written_for)


def install() -> bool:
    """Give trafilatura's justext rescue the ``Maker``, when justext is the release this
    was written for; whether it did."""
    if external.ParagraphMaker is Maker:
        return True
    if external.ParagraphMaker is not LIBRARY or not mirrored():
        return False
    external.ParagraphMaker = Maker
    return True
