r"""MinHash signatures of an article's text, for near-duplicate detection.

``signature_bytes(text)`` is computed by the extraction worker for every article
(``pipelines.extract.page.extract_page``), so the crawl process does not; the archive
keeps it (``minhashes``) and clusters on it (``pipelines.archive.dedupe``). Words are
lower-cased ``\w+`` tokens, each CJK character a word of its own, in shingles of
``SHINGLE`` words. Settings read: none. Stats: none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch pulls in SciPy: imported when first needed
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; signatures are stored as uint32
SHINGLE = 3
WORD = re.compile(r"\w+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def tokens(text: str) -> list[str]:
    """Lower-case words; each CJK character is a word of its own."""
    return WORD.findall(CJK.sub(lambda m: f" {m.group(0)} ", text.lower()))


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = tokens(text)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash


def signature_bytes(text: str) -> bytes:
    """The stored form of ``signature(text)`` (``minhashes.signature``)."""
    return signature(text).hashvalues.astype("<u4").tobytes()
