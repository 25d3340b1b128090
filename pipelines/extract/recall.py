"""trafilatura's recall mode on the tree its first pass already pruned: the same text, less work.

The second opinion and the fallbacks run trafilatura again in recall mode
(``fallbacks.recall_text``, about one page in five). ``trafilatura.extract`` would copy
the page's tree and prune it exactly as the first pass did: the project's
``prune_xpath``, the raw-tree prune and, comments off on a page that is no forum thread,
the comment containers and lists (``core.trafilatura_sequence``: the same expressions
whatever the mode). Inside a ``kept()`` block, the first run of trafilatura keeps that
pruned tree (its own copy, which nothing changes once pruned: every later stage copies
it), and ``recall_text`` runs recall mode's part of ``trafilatura_sequence`` on it:
cleaning and conversion, the main extractor, the comparison with readability and justext,
the baseline rescue, then ``bare_extraction``'s size checks and ``extract``'s text.
readability reads the same tree there, so its summary from the first pass is reused
(``readability.known``) instead of run again. A forum thread (recall mode keeps its
comment containers) or comments on: nothing is kept and ``extract`` runs as before.
``tests/test_recall.py`` checks the text is ``trafilatura.extract``'s. The first pass's own
recall escalation (``core._recall_retry``, on a short text that covers little of the page)
hands readability that same pruned tree again: inside both ``kept()`` blocks (this one's
and ``readability``'s) its summary from the first comparison is given (``recall_retry``)
instead of made again. It mirrors
trafilatura's code of one release: ``install`` does nothing unless the functions it
mirrors have the source it was written for (``WRITTEN_FOR``, a hash of each), so with
another trafilatura the recall run is ``trafilatura.extract`` as before.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from copy import copy
from typing import Any

import trafilatura
from lxml.etree import Element, strip_tags
from trafilatura import core
from trafilatura.settings import Document, Extractor

from pipelines.extract import readability
from pipelines.extract.firstvalue import FirstValue
from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = core.trafilatura_sequence  # trafilatura's own, which ``install`` wraps
RETRY = core._recall_retry  # trafilatura's own escalation retry, which ``install`` wraps
# the functions ``sequence`` and ``recall_text`` mirror, and the hash of the source each
# was written for (trafilatura 2.3.1)
WRITTEN_FOR = {
    "trafilatura_sequence": "0dc10fc96543",
    "bare_extraction": "256616fcd1f1",
    "_internal_extraction": "09120c47d93c",
    "compare_extraction": "11bd9fcbacaa",
    "_recall_retry": "f7a613d7d2e8",
    "_extract_and_compare": "040360116096",
}


def mirrored(written_for: dict[str, str] = WRITTEN_FOR) -> bool:
    """Whether trafilatura's functions are the ones this module mirrors."""
    sources = {"trafilatura_sequence": LIBRARY, "_recall_retry": RETRY}
    return all(
        source_fingerprint(sources.get(name) or getattr(core, name)) == digest
        for name, digest in written_for.items()
    )


MIRRORED = mirrored()


def trafilatura_sequence(tree: Any, options: Extractor, url: str | None = None) -> Any:
    """trafilatura's ``trafilatura_sequence``, keeping the tree it prunes in a ``kept()`` block."""
    if KEPT.wanted():
        reusable = not options.comments and not core._forum_thread_page(tree)
        KEPT.offer(tree if reusable else None)
    return LIBRARY(tree, options, url)


def recall_retry(esc_tree: Any, options: Extractor, url: str | None) -> tuple[Any, str]:
    """trafilatura's ``_recall_retry``; on the tree a ``kept()`` block holds (the first pass's,
    pruned, which nothing changed since; its comparison read a copy of it, as the retry's
    does, neither in precision mode), with readability's summary the block of
    ``readability.kept()`` holds: the one made of that tree, given instead of made again
    (``compared``: the page then handed to the comparison without its copy)."""
    pruned, summaries = KEPT.found, readability.KEPT.found
    if pruned and summaries and esc_tree is pruned[0] and options.focus != "precision":
        with readability.known(summaries[0]):
            return compared(esc_tree, options, url, known=True)
    return RETRY(esc_tree, options, url)


def install() -> None:
    """Give trafilatura the tree-keeping ``trafilatura_sequence`` and the summary-reusing
    ``_recall_retry`` (once a process), when trafilatura is the release this module mirrors."""
    if MIRRORED:
        core.trafilatura_sequence = trafilatura_sequence
        core._recall_retry = recall_retry


# the tree the first run inside a block pruned (None: a recall run would prune it otherwise)
KEPT = FirstValue(install)
kept = KEPT.block


def options_for(url: str) -> Extractor:
    """The options ``trafilatura.extract`` makes of the project's recall call."""
    return Extractor(output_format="txt", recall=True, comments=False, tables=True, url=url)


def recall_extract(tree: Any, url: str, prune_xpath: list[str]) -> str:
    """trafilatura's recall-mode text of ``tree``, pruned by ``prune_xpath`` (trafilatura
    works on its own copy): the run ``recall_text`` stands for when the first pass kept no
    pruned tree, and the run ``pipelines.extract.unmasked`` makes on a changed tree."""
    return (
        trafilatura.extract(
            tree,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            prune_xpath=prune_xpath,
        )
        or ""
    )


def recall_text(pruned: Any, url: str, summary: str | None) -> str:
    """``trafilatura.extract(tree, url=url, favor_recall=True, include_comments=False,
    include_tables=True, prune_xpath=...)`` from the tree the first pass pruned
    (``pruned``, left unchanged) and readability's ``summary`` of it ("" when
    trafilatura discards the page)."""
    options = options_for(url)
    try:
        with readability.known(summary):
            body, text = sequence(pruned, options, url, summary is not None)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return ""
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:  # no comments
            return ""
    except (TypeError, ValueError):
        return ""
    document = Document()
    document.raw_text, document.commentsbody, document.body = text, Element("body"), body
    return core.determine_returnstring(document, options) or ""


def compared(tree: Any, options: Extractor, url: str | None, known: bool) -> tuple[Any, str]:
    """``core._extract_and_compare`` on the tree ``core._prepare_tree`` makes of ``tree`` (as
    ``core._recall_retry`` runs it), outside precision mode. The comparison's copy of the
    page is readability's input alone (``external.compare_extraction`` outside precision
    mode): with its summary ``known``, the page itself is handed over, which nothing then
    reads (no copy made)."""
    cleaned, backup = core._prepare_tree(tree, options, url)
    body, text = core.extract_content(cleaned, options)
    if options.fast:
        return body, text
    return core.compare_extraction(backup, tree if known else copy(tree), body, text, options)


def sequence(tree: Any, options: Extractor, url: str | None, known: bool) -> tuple[Any, str]:
    """``core.trafilatura_sequence`` in recall mode, comments off, on a page that is no
    forum thread, after its prunes: no comment capture, no precision prune, no escalation
    (``compared``, then the baseline rescue)."""
    body, text = compared(tree, options, url, known)
    if len(text) < options.min_extracted_size:  # the baseline rescue (recall is no precision)
        b_body, b_text, b_len = core.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    return body, text
