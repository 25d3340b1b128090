"""Text measures shared by extraction and the archive: word counts, normal form, hashes.

``word_count`` (each CJK character is a word), ``normalise_text`` (NFC, whitespace
folded) and ``content_hash`` (of title and normalised text: the archive's change
detector and exact-duplicate key). Settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in ``text``; each CJK character counts as one."""
    cjk = len(CJK.findall(text))
    return cjk + len(CJK.sub(" ", text).split())


def normalise_text(text: str) -> str:
    """Text with whitespace folded, for hashing and change detection."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{title or ''}\n{normalise_text(text)}".encode()).hexdigest()[:32]
