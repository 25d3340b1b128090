"""justext's paragraph maker with its path strings built once per element
(``pipelines.extract.justextpath``): the same paragraphs as justext's own, on a crafted page."""

from __future__ import annotations

from xml.sax.handler import ContentHandler

import lxml.sax
from justext import core
from lxml import etree
from trafilatura import external
from trafilatura.utils import load_html

from pipelines.extract import justextpath

PAGE = (
    "<html><body><div class='wrap'><h1>Harbour news</h1>"
    "<div><p>The ferry <a href='/f'>timetable</a> changes in <b>May</b>.</p>"
    "<p>Second paragraph<br>after a break<br><br>and a new one.</p></div>"
    "<ul><li>One</li><li><span>Two</span> items</li></ul>"
    "<table><tr><td>Cell a</td><td>Cell b</td></tr></table>"
    "<div><div><div><p>Deep text</p></div></div></div>"
    "</div><!-- a note --><p>Closing words of the page.</p></body></html>"
)


def paragraphs(maker: type) -> list[tuple[object, ...]]:
    found = maker.make_paragraphs(load_html(PAGE))
    return [
        (p.dom_path, p.xpath, p.text_nodes, p.chars_count_in_links, p.tags_count) for p in found
    ]


def test_same_paragraphs_as_justexts() -> None:
    mine, theirs = paragraphs(justextpath.Maker), paragraphs(justextpath.LIBRARY)
    assert mine == theirs
    assert ("html.body.div.div.div.div.p", "/html[1]/body[1]/div[1]/div[2]/div[1]/div[1]/p[1]") in {
        p[:2] for p in mine
    }
    assert len(mine) > 8


def test_the_path_strings_follow_each_element() -> None:
    path, plain = justextpath.Path(), core.PathInfo()
    assert (path.dom, path.xpath) == (plain.dom, plain.xpath) == ("", "/")
    for step in ("html", "body", "div", "-div", "div", "p", "-p", "p", "-p", "-div", "ul"):
        for each in (path, plain):
            each.pop() if step.startswith("-") else each.append(step)
        assert (path.dom, path.xpath) == (plain.dom, plain.xpath), step


def test_install_hands_trafilatura_the_maker() -> None:
    assert justextpath.install()
    assert external.ParagraphMaker is justextpath.Maker
    assert justextpath.install()  # again: nothing changes
    assert not justextpath.mirrored(((core.PathInfo, "0" * 12),))


def test_a_paragraphs_kept_text_follows_its_text_nodes() -> None:
    text = justextpath.Text(core.PathInfo())
    assert text.text == "" and len(text) == 0
    text.append_text("  Harbour \n\n news ")
    assert text.text == "Harbour\nnews"
    text.append_text("today")
    assert text.text == "Harbour\nnews today" == core.Paragraph.text.fget(text)
    assert text.words_count == 3


def test_same_classification_as_justexts() -> None:
    """The whole rescue (paragraphs, their classes and texts) as with justext's maker."""
    found = []
    for maker in (justextpath.LIBRARY, justextpath.Maker):
        paragraphs = maker.make_paragraphs(load_html(PAGE))
        core.classify_paragraphs(paragraphs, frozenset({"the", "in", "of", "a"}), 10, 20)
        core.revise_paragraph_classification(paragraphs, 20)
        found.append([(p.class_type, p.text, len(p), p.links_density()) for p in paragraphs])
    assert found[0] == found[1]
    assert {"good", "bad"} <= {p[0] for p in found[0]}


class Recorder(ContentHandler):
    """The events a maker reads: element names, texts and tails, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []

    def startDocument(self) -> None:
        self.events.append(("start-document", None))

    def endDocument(self) -> None:
        self.events.append(("end-document", None))

    def startElementNS(self, name: object, qname: object, attrs: object) -> None:
        self.events.append(("start", name))

    def endElementNS(self, name: object, qname: object) -> None:
        self.events.append(("end", name))

    def characters(self, content: str) -> None:
        self.events.append(("text", content))

    def processingInstruction(self, target: str, data: str) -> None:
        self.events.append(("pi", (target, data)))


def test_the_same_events_as_lxml_sax() -> None:
    tree = load_html(PAGE)
    tree.find(".//h1").append(etree.ProcessingInstruction("note", "inside"))
    tree.find(".//td").append(etree.Element("{urn:x}mark"))
    tree.find(".//td")[-1].tail = "after the mark"
    document = etree.fromstring("<?first a?><root>text<!-- c -->tail<b>bold</b></root>")
    document.addnext(etree.ProcessingInstruction("last", "b"))
    for root in (tree, document, document.getroottree()):
        mine, theirs = Recorder(), Recorder()
        lxml.sax.saxify(root, theirs)
        justextpath.produce(root, mine)
        assert mine.events == theirs.events and len(mine.events) > 10


def test_written_for_one_lxml_release() -> None:
    assert justextpath.mirrored()
    assert not justextpath.mirrored(lxml_version=(0, 0, 0, 0))
