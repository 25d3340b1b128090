r"""MinHash signatures of an article's text, for near-duplicate detection.

``signature_bytes(text)`` is computed by the extraction worker for every article
(``pipelines.extract.page.extract_page``), so the crawl process does not; the archive
keeps it (``minhashes``) and clusters on it (``pipelines.archive.dedupe``). Words are
lower-cased ``\w+`` tokens, each CJK character a word of its own, in shingles of
``SHINGLE`` words. The signature is datasketch's ``MinHash`` (``signature``, scheme
``affine32``, seed 1), but ``signature_bytes`` computes its values with numpy alone,
the same steps (``hashes``): importing datasketch loads SciPy and redis, over half of
an extraction worker's start-up. ``hashes`` slices each shingle out of the encoded text
instead of joining its words, hashes repeated shingles again rather than building a set
(the least value is the same), reads the first 4 bytes of every SHA-1 digest at once
with numpy and permutes them into one array, added to in place: about half the CPU of
the plain steps, the same bytes. Settings read: none.
Stats: none.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from operator import methodcaller
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:  # datasketch pulls in SciPy: imported when first needed
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; signatures are stored as uint32
SHINGLE = 3
SPACE = ord(" ")
WORD = re.compile(r"\w+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def tokens(text: str) -> list[str]:
    """Lower-case words; each CJK character is a word of its own."""
    text = text.lower()
    if text.isascii() or CJK.search(text) is None:  # a search: half a substitution's cost
        return WORD.findall(text)
    return WORD.findall(CJK.sub(r" \g<0> ", text))


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


SEED = 1  # datasketch's default


@lru_cache(maxsize=1)
def permutations() -> tuple[numpy.ndarray, numpy.ndarray]:
    """The ``a`` (odd) and ``b`` of datasketch's ``affine32`` permutations, from its seed."""
    generator = numpy.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=numpy.uint32) * numpy.uint32(2)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=numpy.uint32)
    return a + numpy.uint32(1), b


def mix(values: numpy.ndarray) -> numpy.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes each hash."""
    values = values ^ (values >> numpy.uint32(16))
    values = values * numpy.uint32(0x85EBCA6B)
    values = values ^ (values >> numpy.uint32(13))
    values = values * numpy.uint32(0xC2B2AE35)
    return values ^ (values >> numpy.uint32(16))


def shingle_list(text: str, size: int = SHINGLE) -> list[bytes]:
    """``shingles(text)`` as a list in text order, repeats kept: each shingle is a slice
    of the encoded words, cut at their byte offsets. A word holds no space, nor does any
    character's UTF-8 hold its byte: the words start after the spaces of the encoded
    text, found at once with numpy (not from each word's length)."""
    words = tokens(text)
    if len(words) < size:
        return [" ".join(words).encode()] if words else []
    data = " ".join(words).encode()
    spaces = numpy.flatnonzero(numpy.frombuffer(data, dtype=numpy.uint8) == SPACE)
    starts = [0, *(spaces + 1).tolist(), len(data) + 1]  # each word's offset, and the end's
    return [data[start : end - 1] for start, end in zip(starts, starts[size:], strict=False)]


DIGEST = methodcaller("digest")


def hashes(text: str) -> numpy.ndarray:
    """``signature(text).hashvalues``: per permutation, the least ``a * mix(h) + b``
    (modulo 2**32) over the shingles' hashes ``h`` (the first 4 bytes of their SHA-1,
    little-endian)."""
    found = shingle_list(text)
    if not found:
        return numpy.full(NUM_PERM, 0xFFFFFFFF, dtype=numpy.uint32)
    return least(found)


def least(found: list[bytes]) -> numpy.ndarray:
    """Per permutation, the least permuted hash of these shingles (at least one)."""
    digests = b"".join(map(DIGEST, map(hashlib.sha1, found)))  # 20 bytes each
    values = numpy.frombuffer(digests, dtype="<u4")[::5].astype(numpy.uint32)
    a, b = permutations()
    permuted = mix(values).reshape(-1, 1) * a  # one array of shingles x permutations,
    permuted += b  # added to in place: a second one of that size costs its page faults
    return permuted.min(axis=0)


def signature_bytes(text: str) -> bytes:
    """The stored form of ``signature(text)`` (``minhashes.signature``)."""
    return hashes(text).astype("<u4").tobytes()


def kept_lines(old_text: str, new_text: str) -> list[bool] | None:
    """Which lines of ``old_text`` make ``new_text`` (lines only taken out, in order), or
    None when it is not so made."""
    new_lines = new_text.split("\n")
    kept, at = [], 0
    for line in old_text.split("\n"):
        match = at < len(new_lines) and new_lines[at] == line
        kept.append(match)
        at += match
    return kept if at == len(new_lines) else None


def signature_without(blob: bytes, old_text: str, new_text: str) -> bytes | None:
    """``signature_bytes(new_text)`` from ``blob`` (``old_text``'s signature) when
    ``new_text`` is ``old_text`` with whole lines taken out (the boilerplate step), hashing
    only the shingles that change (none when the lines taken out had no word); None when
    that cannot tell (then sign it whole).

    Words never span a line, so the new text's shingles are the old ones that touch no
    word taken out, and the new ones that join words either side of a gap. When every
    shingle taken out hashes above the old least value (per permutation), that value
    stays, and the new least is the lesser of it and the joining shingles' least.
    Only the lines taken out and those around them (``around``) are split into words: which
    shingles touch a word taken out, and which join a gap, is found with numpy over their
    words' kept marks (``changed``); only those shingles are built and hashed."""
    kept = kept_lines(old_text, new_text)
    if kept is None:
        return None
    lines = old_text.split("\n")
    found: dict[int, list[str]] = {}  # the words of the lines looked at, by line number

    def words_of(number: int) -> list[str]:
        if number not in found:
            found[number] = tokens(lines[number])
        return found[number]

    out = [number for number, keep in enumerate(kept) if not keep and words_of(number)]
    if not out:
        return blob  # the lines taken out had no word: the same shingles
    left = 0
    for number in (number for number, keep in enumerate(kept) if keep):
        left += len(words_of(number))
        if left >= SHINGLE:
            break
    if left < SHINGLE:
        return None  # a short text is one shingle: sign it whole
    gone: list[bytes] = []
    joined: list[bytes] = []
    for segment in around(out, kept, words_of):
        more_gone, more_joined = changed([words_of(n) for n in segment], [kept[n] for n in segment])
        gone += more_gone
        joined += more_joined
    old = numpy.frombuffer(blob, dtype="<u4").astype(numpy.uint32)
    if gone and (least(gone) <= old).any():
        return None  # a least value may have gone with its shingle
    new = numpy.minimum(old, least(joined)) if joined else old
    return new.astype("<u4").tobytes()


def around(
    out: list[int], kept: list[bool], words_of: Callable[[int], list[str]]
) -> list[list[int]]:
    """The runs of consecutive lines that hold every line taken out with words (``out``) and
    ``SHINGLE - 1`` kept words either side of it (or the text's edge): every shingle that
    touches a word taken out, or joins words across a gap, lies within one run."""
    needed = set(out)
    for number in out:
        for step in (-1, 1):
            have, at = 0, number + step
            while have < SHINGLE - 1 and 0 <= at < len(kept):
                needed.add(at)
                if kept[at]:
                    have += len(words_of(at))
                at += step
    runs: list[list[int]] = []
    for number in sorted(needed):
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def changed(line_words: list[list[str]], kept: list[bool]) -> tuple[list[bytes], list[bytes]]:
    """(the shingles that touch a word taken out, the new ones that join words across a
    gap) of these consecutive lines (their words, and whether each line is kept)."""
    words = [word for found in line_words for word in found]
    stays = numpy.repeat(numpy.array(kept, dtype=bool), [len(found) for found in line_words])
    left = numpy.flatnonzero(stays)  # the kept words, by old place
    whole = stays[: max(0, len(stays) - SHINGLE + 1)].copy()  # shingles all of kept words
    for offset in range(1, SHINGLE):
        whole &= stays[offset : len(stays) - SHINGLE + 1 + offset]
    gone = [" ".join(words[i : i + SHINGLE]).encode() for i in numpy.flatnonzero(~whole).tolist()]
    spans = left[SHINGLE - 1 :] - left[: max(0, len(left) - SHINGLE + 1)]  # a gap inside
    joined = [
        " ".join(words[i] for i in left[j : j + SHINGLE].tolist()).encode()
        for j in numpy.flatnonzero(spans != SHINGLE - 1).tolist()
    ]
    return gone, joined
