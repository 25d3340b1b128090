"""trafilatura's copy of the cleaned page for justext, made only when justext reads it.

``core._prepare_tree`` cleans a copy of the page (``tree_cleaning``) and copies the
cleaned tree before converting its tags: that second copy is the input of justext's
rescue in ``external.compare_extraction``, which runs only when trafilatura's text is
short or holds page furniture (about one page in twenty), and of the comment capture on
a forum thread (never with comments off, as the project extracts). ``install()`` puts a
``_prepare_tree`` in place of trafilatura's that returns a ``Backup`` instead: a promise of
that copy, cleaning a new copy of the page when read (``justext_rescue``, or ``copy``).
The page it copies is not changed meanwhile (every stage after the prunes reads a copy
of it) and ``tree_cleaning`` is deterministic, so justext reads the same tree; a copy
of the cleaned page is saved on the other pages. ``install`` does nothing unless
``_prepare_tree`` and ``compare_extraction`` (justext's caller) have the source this was
written for (``WRITTEN_FOR``, a hash of each): with another trafilatura, its own run.
Settings read: none. Stats: none.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from trafilatura import core, external
from trafilatura.settings import Extractor

from pipelines.extract.libxpaths import source_fingerprint

LIBRARY = (core._prepare_tree, external.justext_rescue)  # trafilatura's own
# the hash of the source each mirrored function was written for (trafilatura 2.3.1)
WRITTEN_FOR = (("_prepare_tree", "bfc95d6a60d5"), ("compare_extraction", "11bd9fcbacaa"))


def mirrored(written_for: tuple[tuple[str, str], ...] = WRITTEN_FOR) -> bool:
    """Whether trafilatura's functions are the ones this module was written for."""
    sources = {"_prepare_tree": LIBRARY[0], "compare_extraction": external.compare_extraction}
    return all(source_fingerprint(sources[name]) == digest for name, digest in written_for)


MIRRORED = mirrored()


class Backup:
    """``tree`` cleaned as ``_prepare_tree`` cleans it (``tree_cleaning``), made when read."""

    __slots__ = ("options", "tree")

    def __init__(self, tree: Any, options: Extractor) -> None:
        self.tree = tree
        self.options = options

    def build(self) -> Any:
        """A new cleaned copy of the page (each call its own)."""
        return core.tree_cleaning(copy(self.tree), self.options)

    def __copy__(self) -> Any:
        return self.build()

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self.build()


def prepare_tree(tree: Any, options: Extractor, url: str | None) -> tuple[Any, Backup]:
    """trafilatura's ``_prepare_tree``: the page cleaned and converted, and a ``Backup``
    of it cleaned only (instead of a copy made before the conversion)."""
    cleaned = core.tree_cleaning(copy(tree), options)
    return core.convert_tags(cleaned, options, url), Backup(tree, options)


def justext_rescue(tree: Any, options: Extractor) -> Any:
    """trafilatura's ``external.justext_rescue``, on the tree a ``Backup`` promises."""
    return LIBRARY[1](tree.build() if isinstance(tree, Backup) else tree, options)


def install() -> None:
    """Give trafilatura the copy-saving ``_prepare_tree`` and ``justext_rescue``, when it
    is the release this module was written for."""
    if not MIRRORED:
        return
    core._prepare_tree = prepare_tree
    external.justext_rescue = justext_rescue
