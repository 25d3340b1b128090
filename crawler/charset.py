"""Find the charset a page body is really in, when its labels are wrong or missing.

``page_encoding(content_type, body)`` → a Python codec name that decodes ``body``
without error. Evidence, in order: a byte-order mark; the Content-Type charset
and the document's own ``<meta charset>`` (a label is only believed if the body
decodes under it, and a single-byte label from the server, which decodes any
bytes at all, gives way to a different ``<meta>`` label that also decodes);
then statistical detection (charset_normalizer); ``cp1252`` as the last resort
(decoded with replacement). So a Shift_JIS page served as UTF-8, a GBK page with
no label, or a windows-1256 page the server calls ISO-8859-1 are read right.
Settings read: none.
"""

from __future__ import annotations

import codecs

import charset_normalizer
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

FALLBACK = "cp1252"


def _codec(label: str | None) -> codecs.CodecInfo | None:
    if not label:
        return None
    try:
        return codecs.lookup(label)
    except LookupError:
        return None


def _decodes(body: bytes, codec: codecs.CodecInfo) -> bool:
    try:
        codec.decode(body)
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _single_byte(codec: codecs.CodecInfo) -> bool:
    """A codec that maps (nearly) every byte to a character: no evidence by decoding."""
    return _decodes(bytes(range(256)), codec) or codec.name in ("cp1252", "cp1250", "cp1256")


def page_encoding(content_type: str | bytes | None, body: bytes) -> str:
    """The codec that really decodes ``body`` (see the module docstring)."""
    bom, _ = read_bom(body)
    if bom:
        return bom
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    header = _codec(http_content_type_encoding(content_type or ""))
    meta = _codec(html_body_declared_encoding(body[:4096]))
    if header is not None and _decodes(body, header):
        overruled = (
            meta is not None
            and meta.name != header.name
            and _single_byte(header)
            and _decodes(body, meta)
        )
        if not overruled:
            return header.name
    if meta is not None and _decodes(body, meta):
        return meta.name
    best = charset_normalizer.from_bytes(body[:262144]).best()
    if (
        best is not None
        and best.encoding
        and _codec(best.encoding)
        and _decodes(body, _codec(best.encoding))
    ):
        return _codec(best.encoding).name
    return FALLBACK
