"""Decode a fetched page to text, whatever its charset declaration says.

Servers and pages often lie about their charset: a GBK, Shift_JIS or
windows-1256 page labelled UTF-8, a windows-1252 page with no label at all.
``decode_html(body, hint)`` trusts evidence in this order:

1. a byte-order mark;
2. the body being valid UTF-8 (a non-ASCII legacy page is almost never valid UTF-8);
3. a non-UTF-8 charset declared in the body (``<meta charset>``, ``http-equiv``)
   or given as ``hint`` (the HTTP header or Scrapy's inference), if the body
   decodes with it without error and is not better explained by a detector;
4. charset-normalizer's guess, steered by the page's ``lang`` attribute when it
   has one (GBK and Shift_JIS bytes are ambiguous without it);
5. windows-1252 with replacement characters (never fails).

Returns the text and the charset used. Plain functions; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HTML_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?\s*([A-Za-z]{2,3})""", re.I)
# Languages windows-1252 can write: a cp1252 label on a page in another language is a guess.
LATIN = {
    "en", "fr", "de", "es", "it", "pt", "nl", "id", "ms", "da", "sv", "no", "nb", "nn", "fi",
    "is", "ga", "ca", "eu", "gl", "af", "sw", "tl", "la", "sq", "et",
}  # fmt: skip
# Legacy charsets worth trying first for a page that says which language it is in.
BY_LANGUAGE = {
    "zh": ("gb18030", "big5"),
    "ja": ("cp932", "euc_jp"),
    "ko": ("euc_kr",),
    "ar": ("cp1256", "iso8859_6"),
    "fa": ("cp1256",),
    "ru": ("cp1251", "koi8_r"),
    "uk": ("cp1251", "koi8_u"),
    "el": ("cp1253", "iso8859_7"),
    "he": ("cp1255", "iso8859_8"),
    "th": ("cp874",),
    **{code: ("cp1252",) for code in LATIN},
    "tr": ("cp1254",),
    "vi": ("cp1258",),
}
TIE = 0.01  # chaos difference within which two detector guesses are equal
PREFIX = 4096  # declarations live near the top of the document


def normalise_charset(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    # WHATWG: these labels mean windows-1252 / GB18030 in browsers.
    label = {
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "ascii": "cp1252",
        "gb2312": "gb18030",
    }.get(label, label)
    if label in ("gbk", "x-gbk"):
        label = "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """Charsets declared by the Content-Type header and the page's meta tags, in order."""
    labels = re.findall(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    labels += [m.group(1).decode("ascii", "ignore") for m in META_CHARSET.finditer(body[:PREFIX])]
    names: list[str] = []
    for label in labels:
        name = normalise_charset(label)
        if name and name not in names:
            names.append(name)
    # A server's Latin-1/windows-1252 label is often its default, not a statement about
    # the page: a different charset the page itself declares goes first.
    if len(names) > 1 and names[0] == "cp1252":
        names.append(names.pop(0))
    return names


def strict(body: bytes, charset: str) -> str | None:
    try:
        return body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(body: bytes, lang: str | None) -> tuple[str, str] | None:
    for charset in BY_LANGUAGE.get(lang or "", ()):
        text = strict(body, charset)
        if text is not None:
            return text, codecs.lookup(charset).name
    from charset_normalizer import from_bytes

    matches = list(from_bytes(body))
    if not matches:
        return None
    # Single-byte code pages often tie (cp1250, cp1252, cp1257 read "é" alike): among
    # the least chaotic, prefer windows-1252, the web's default for unlabelled pages.
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + TIE]
    best = next((m for m in tied if normalise_charset(m.encoding) == "cp1252"), tied[0])
    charset = normalise_charset(best.encoding) or best.encoding
    text = strict(body, charset)
    return (text, charset) if text is not None else None


def decode_html(
    body: bytes, hint: str | None = None, content_type: str | None = None
) -> tuple[str, str]:
    """Text of an HTML body and the charset it was decoded with.

    ``content_type`` is the HTTP header (its charset is a declaration); ``hint`` is a
    weaker guess, e.g. Scrapy's inferred ``response.encoding``, used when nothing else is.
    """
    for bom, charset in BOMS:
        if body.startswith(bom):
            text = strict(body, charset)
            if text is not None:
                return text, codecs.lookup(charset).name
    if strict(body, "utf-8") is not None:
        return body.decode("utf-8"), "utf-8"
    lang_match = HTML_LANG.search(body[:PREFIX])
    lang = lang_match.group(1).decode("ascii").lower() if lang_match else None
    for charset in declared_charsets(body, content_type):
        if charset == "utf-8":
            continue  # the body is not UTF-8, whatever it says
        if charset == "cp1252" and lang not in (None, *LATIN):
            continue  # a Latin charset for a page in another script: a default, not a fact
        text = strict(body, charset)
        if text is not None:
            return text, charset
    detected = _detected(body, lang)
    if detected is not None:
        return detected
    charset = normalise_charset(hint)
    text = strict(body, charset) if charset else None
    if charset and text is not None:
        return text, charset
    return body.decode("cp1252", errors="replace"), "cp1252"
