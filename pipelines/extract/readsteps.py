"""readability's ``Document`` with less repeated work in its steps: the same summary.

trafilatura's readability (``trafilatura.readability_lxml.Document.summary``) runs on every
page (``pipelines.extract.readability``). Much of its CPU is lxml making a Python proxy
for an element (``HtmlElementClassLookup.lookup``, a Python call) each time a step lists
elements anew: ``remove_unlikely_candidates`` lists them all, and the steps after it list
the divs, the paragraphs and their parents, the links, again. ``Steps`` is the same class
with the same steps, doing each piece of work once:

- ``remove_unlikely_candidates`` keeps its list of the page's elements (``kept``) for the
  whole summary, so that lxml hands every later step the same proxies, and answers each
  (class, id) pair once (``unlikely``, the library's test, remembered across pages);
- ``transform_misused_divs_into_paragraphs`` makes its ``<p>`` wrappers with
  ``makeelement``, not by parsing ``"<p/>"`` (``fragment_fromstring``: a whole document
  parsed for each; inserted, the same element);
- ``score_paragraphs`` (and ``get_article`` after it, which moves whole subtrees and
  changes no element's text) reads each element's trimmed text length once (``length``):
  a link's text is measured once, not once per candidate above it; ``class_weight`` is
  remembered per (class, id) across pages;
- ``sanitize`` reads an element's text once for its commas, its length and its link
  density, and a link's length once: its elements go bottom-up (reversed document
  order), so every drop inside a link comes before an element above the link reads it.

``document()`` gives ``Steps`` only while the library's class has the source this was
written for (``WRITTEN_FOR``), else the library's ``Document``. The same summaries as the
library's on the tune pages' readability inputs, 0.74 of its CPU (side by side; 0.78
inside ``extract_page``).
Settings read: none. Stats: none.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from lxml.html import HtmlElement
from trafilatura import readability_lxml
from trafilatura.readability_lxml import (
    DIV_TO_P_PREFIXES,
    FRAME_TAGS,
    LIST_TAGS,
    LOGGER,
    REGEXES,
    TAG_SCORES,
    TEXT_CLEAN_ELEMS,
    Candidate,
)
from trafilatura.readability_lxml import Document as Library
from trafilatura.utils import trim

from pipelines.extract.libxpaths import source_fingerprint

WRITTEN_FOR = "05c6e9d17c88"  # the hash of the library class's source (trafilatura 2.3.1)
MEMO_SIZE = 50_000  # remembered (class, id) pairs, cleared when full
UNLIKELY = REGEXES["unlikelyCandidatesRe"]
MAYBE = REGEXES["okMaybeItsACandidateRe"]
NEGATIVE = REGEXES["negativeRe"]
POSITIVE = REGEXES["positiveRe"]
PAIRS: dict[tuple[str | None, str | None], bool] = {}  # (class, id) -> unlikely
WEIGHTS: dict[tuple[str | None, str | None], int] = {}  # (class, id) -> class weight


def unlikely(klass: str | None, ident: str | None) -> bool:
    """The library's verdict on an element with these values (its joined, lower-cased text
    matched by the unlikely pattern and not by the maybe-a-candidate one)."""
    attrs = " ".join(filter(None, (klass, ident)))
    if len(attrs) < 2:
        return False
    low = attrs.lower()
    return bool(UNLIKELY.search(low)) and not MAYBE.search(low)


def class_weight(elem: Any) -> int:
    """The library's ``class_weight``, remembered per (class, id)."""
    key = (elem.get("class"), elem.get("id"))
    found = WEIGHTS.get(key)
    if found is None:
        if len(WEIGHTS) >= MEMO_SIZE:
            WEIGHTS.clear()
        found = 0
        for attribute in filter(None, key):
            if NEGATIVE.search(attribute):
                found -= 25
            if POSITIVE.search(attribute):
                found += 25
        WEIGHTS[key] = found
    return found


class Steps(Library):
    """readability's ``Document``, its steps without repeated work (the same summary)."""

    __slots__ = ["kept", "lengths"]

    def __init__(self, doc: HtmlElement, min_text_length: int = 25) -> None:
        super().__init__(doc, min_text_length)
        self.lengths: dict[Any, int] | None = None  # element -> trimmed text length
        self.kept: list[Any] = []  # the page's elements, their Python proxies kept

    def length(self, elem: Any) -> int:
        """``text_length(elem)``, remembered while ``lengths`` is kept."""
        lengths = self.lengths
        if lengths is None:
            return len(trim(elem.text_content()))
        found = lengths.get(elem)
        if found is None:
            found = lengths[elem] = len(trim(elem.text_content()))
        return found

    def get_link_density(self, elem: HtmlElement) -> float:
        total_length = self.length(elem) or 1
        return sum(self.length(link) for link in elem.findall(".//a")) / total_length

    def class_weight(self, elem: HtmlElement) -> float:
        return class_weight(elem)

    def remove_unlikely_candidates(self) -> None:
        self.kept = elements = self.doc.findall(".//*")
        for elem in elements:
            key = (elem.get("class"), elem.get("id"))
            found = PAIRS.get(key)
            if found is None:
                if len(PAIRS) >= MEMO_SIZE:
                    PAIRS.clear()
                found = PAIRS[key] = unlikely(*key)
            if found and elem.tag not in FRAME_TAGS:
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        for elem in self.doc.findall(".//div"):
            if not any(
                str(e.tag).startswith(DIV_TO_P_PREFIXES) for e in elem.iterdescendants("*")
            ) and (elem.find(".//a") is None or elem.xpath("text()[normalize-space()]")):
                elem.tag = "p"
        make = self.doc.makeelement  # an empty <p>, as fragment_fromstring("<p/>") made it
        for elem in self.doc.findall(".//div"):
            if elem.text and elem.text.strip():
                p_elem = make("p")
                p_elem.text, elem.text = elem.text, None
                elem.insert(0, p_elem)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p_elem = make("p")
                    p_elem.text, child.tail = child.tail, None
                    elem.insert(pos + 1, p_elem)
                if child.tag == "br":
                    child.drop_tree()

    def score_paragraphs(self) -> dict[HtmlElement, Candidate]:
        self.lengths = lengths = {}
        candidates: dict[HtmlElement, Candidate] = {}
        for elem in self.doc.iter("p", "pre", "td"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            elem_text = trim(elem.text_content())
            elem_text_len = lengths[elem] = len(elem_text)
            if elem_text_len < self.min_text_length:
                continue
            for node in (parent_node, grand_parent_node):
                if node is not None and node not in candidates:
                    candidates[node] = Candidate(
                        class_weight(node) + TAG_SCORES.get(str(node.tag).lower(), 0), node
                    )
            score = 1 + len(elem_text.split(",")) + min((elem_text_len / 100), 3)
            candidates[parent_node].score += score
            if grand_parent_node is not None:
                candidates[grand_parent_node].score += score / 2
        for elem, candidate in candidates.items():
            candidate.score *= 1 - self.get_link_density(elem)
        return candidates

    def sanitize(self, node: HtmlElement, candidates: dict[HtmlElement, Candidate]) -> str:
        self.lengths = None  # the steps below change the tree
        for header in list(node.iter("h1", "h2", "h3", "h4", "h5", "h6")):
            if class_weight(header) < 0 or self.get_link_density(header) > 0.33:
                header.drop_tree()
        for elem in list(node.iter("form", "textarea")):
            elem.drop_tree()
        for elem in list(node.iter("iframe")):
            if "src" in elem.attrib and REGEXES["videoRe"].search(elem.attrib["src"]):
                elem.text = "VIDEO"
            else:
                elem.drop_tree()
        links: dict[Any, int] = {}  # bottom-up: nothing inside a link changes once it is read
        tags = ("table", "ul", "div", "aside", "header", "footer", "section")
        for elem in reversed(list(node.iter(*tags))):
            weight = class_weight(elem)
            score = candidates[elem].score if elem in candidates else 0
            if weight + score < 0:
                LOGGER.debug("Removed %s with score %6.3f and weight %-3s", elem.tag, score, weight)
                elem.drop_tree()
                continue
            text = elem.text_content()
            if text.count(",") >= 10:
                continue
            to_remove = True
            counts = Counter(e.tag for e in elem.iterdescendants(*TEXT_CLEAN_ELEMS))
            counts["li"] -= 100
            counts["input"] -= len(elem.findall('.//input[@type="hidden"]'))
            content_length = len(trim(text))
            link_length = 0
            for link in elem.findall(".//a"):
                found = links.get(link)
                if found is None:
                    found = links[link] = len(trim(link.text_content()))
                link_length += found
            link_density = link_length / (content_length or 1)
            if counts["p"] and counts["img"] > 1 + counts["p"] * 1.3:
                reason = f"too many images ({counts['img']})"
            elif counts["li"] > counts["p"] and elem.tag not in LIST_TAGS:
                reason = "more <li>s than <p>s"
            elif counts["input"] > (counts["p"] / 3):
                reason = "less than 3x <p>s than <input>s"
            elif content_length < self.min_text_length and counts["img"] == 0:
                reason = f"too short content length {content_length} without a single image"
            elif content_length < self.min_text_length and counts["img"] > 2:
                reason = f"too short content length {content_length} and too many images"
            elif link_density > (0.5 if weight >= 25 else 0.2):
                reason = f"too many links {link_density:.3f} for its weight {weight}"
            elif (counts["embed"] == 1 and content_length < 75) or counts["embed"] > 1:
                reason = "<embed>s with too short content length, or too many <embed>s"
            elif not content_length:
                reason = "no content"
                nearest = (
                    next((n for sib in sibs if (n := readability_lxml.text_length(sib))), 0)
                    for sibs in (elem.itersiblings(), elem.itersiblings(preceding=True))
                )
                to_remove = sum(nearest) <= 1000
            else:
                to_remove = False
            if to_remove:
                elem.drop_tree()
                LOGGER.debug(
                    "Removed %6.3f %s with weight %s cause it has %s.",
                    score,
                    elem.tag,
                    weight,
                    reason or "",
                )
        return readability_lxml.tostring(node, encoding=str, method="xml")


def document(written_for: str = WRITTEN_FOR) -> type[Library]:
    """``Steps`` while the library's ``Document`` is the one it was written for, else the
    library's own."""
    return Steps if source_fingerprint(Library) == written_for else Library
