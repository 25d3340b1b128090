"""Text measures shared by extraction and the archive: word counts, normal form, hashes.

``word_count`` (each CJK character is a word; cached), ``normalise_text`` (NFC, whitespace
folded), ``content_hash`` (of title and normalised text: the archive's change
detector and exact-duplicate key) and ``cut_from_last`` (a text's closing furniture cut
from its first matching paragraph, what the edge cuts share). Settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@lru_cache(maxsize=4)
def word_count(text: str) -> int:
    """Words in ``text``; each CJK character counts as one. Cached: the extraction counts
    an article's text before and after its last cuts, most often the same text; a text
    without a CJK character (the most) is only split."""
    if CJK.search(text) is None:
        return len(text.split())
    cjk = len(CJK.findall(text))
    return cjk + len(CJK.sub(" ", text).split())


def normalise_text(text: str) -> str:
    """Text with whitespace folded, for hashing and change detection."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{title or ''}\n{normalise_text(text)}".encode()).hexdigest()[:32]


def cut_from_last(text: str, edge: int, matches: Callable[[str], bool]) -> str:
    """``text`` cut from the first of its last ``edge`` paragraphs (lines) that ``matches``,
    with what follows it; the first paragraph is never cut."""
    lines = text.split("\n")
    for index in range(max(1, len(lines) - edge), len(lines)):
        if matches(lines[index]):
            return "\n".join(lines[:index]).rstrip()
    return text
