"""Recognise a consent wall: a page whose main text is a cookie or consent notice.

Sites that ask for cookie consent often answer an article URL with the consent
dialog instead of the article until a consent cookie is set; extraction then finds
the dialog's text, or nothing. ``consent_wall(text)`` returns the evidence (``"cookie
notice: cookies, accept ..."``) when ``text`` is such a notice, else ``None``. A
text is a notice when it is short (at most ``MAX_CHARS``), names cookies (``COOKIE``),
asks the reader to act on them (``ACTION``: accept, agree, consent, manage options), and
the paragraphs that say cookies or consent (``CONSENT``: an action word, or a privacy
word, ``TOPIC``) make up at least ``MIN_SHARE`` of it: an article that ends with a
cookie banner, a report about cookie law, or a data-protection statement that says
cookies are not used (privacy words, nothing asked) is not one. The wording covers
Indonesian/Malay, English, Chinese, Japanese, Arabic, French, German, Spanish, Portuguese,
Italian and Dutch.
``visible_text(tree)`` is a page's own text (no scripts, styles or templates), looked at
when extraction found too little main text, as on a page that is only a dialog.
The extraction (``pipelines.extract.page.extract``) calls it in one place; the page is
recorded as ``consent_wall``. Plain functions; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from typing import Any

MAX_CHARS = 2500  # a consent notice is short; a page longer than this is something else
MIN_SHARE = 0.5  # of the text's characters, in paragraphs that speak of cookies or consent
COOKIE = re.compile(
    "|".join(
        [
            # the Latin word, also inside Chinese and Japanese text (no word boundary there)
            r"cookie",
            r"\bkuki\b",  # Indonesian, Malay
            r"\btraceurs\b|\btémoins\b",  # French (France, Canada)
            r"クッキー",  # Japanese
            r"小型文本文件|缓存文件",  # Chinese
            r"ملفات تعريف الارتباط|ملفات الارتباط|الكوكيز|كوكيز",  # Arabic
        ]
    ),
    re.IGNORECASE,
)
# Words that ask the reader to act on the notice (accept, agree, consent, manage): a
# wall says one of them. ``TOPIC`` words only name privacy, which a page about data
# protection says as well.
ACTION = re.compile(
    "|".join(
        [
            # English
            r"\baccept(?: all)?\b|\bconsent\b|\bagree\b|\bprivacy settings\b"
            r"|\bmanage (?:options|preferences|settings)\b",
            # Indonesian/Malay
            r"\bsetuju\b|\bterima\b|\bpersetujuan\b|\bizinkan\b",
            # French
            r"\baccepte[rz]?\b|\bconsentement\b|\bparamétrer\b",
            # German
            r"\bakzeptieren\b|\bzustimmen\b|\beinwilligung\b",
            # Spanish, Portuguese, Italian, Dutch
            r"\baceptar\b|\bconsentimiento\b|\baceitar\b|\bconsentimento\b|\baccetta\b"
            r"|\bconsenso\b|\baccepteren\b|\btoestemming\b",
            # Chinese, Japanese
            r"同意|接受|許可",
            # Arabic
            r"موافق|قبول|أوافق|موافقتك",
        ]
    ),
    re.IGNORECASE,
)
TOPIC = re.compile(
    r"\bprivacy policy\b|\bpartners\b|\bprivasi\b|\bmitra kami\b|\bconfidentialité\b"
    r"|partenaires|\bdatenschutz\w*|\bpartner\b|隐私|隱私|プライバシー|الخصوصية",
    re.IGNORECASE,
)
CONSENT = re.compile(f"{ACTION.pattern}|{TOPIC.pattern}", re.IGNORECASE)
SKIPPED_TAGS = ("script", "style", "noscript", "template", "head")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def consent_wall(text: str) -> str | None:
    """The evidence that ``text`` is a cookie or consent notice, or ``None``."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS:
        return None
    cookie = sorted({m.group(0).lower() for m in COOKIE.finditer(text)})
    consent = sorted({m.group(0).lower() for m in CONSENT.finditer(text)})
    if not cookie or not ACTION.search(text):
        return None  # no cookie named, or nothing asked of the reader
    parts = paragraphs(text)
    speaking = sum(len(p) for p in parts if COOKIE.search(p) or CONSENT.search(p))
    share = speaking / max(1, sum(len(p) for p in parts))
    if share < MIN_SHARE:
        return None
    return f"cookie notice ({share:.0%} of the text): {', '.join(cookie + consent)[:200]}"


def visible_text(tree: Any) -> str:
    """The page's own text, one line per block, without scripts, styles or templates."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[str] = []
    for element in root.iter():
        if any(a.tag in SKIPPED_TAGS for a in element.iterancestors()):
            continue
        shown = isinstance(element.tag, str) and element.tag not in SKIPPED_TAGS
        for piece in (element.text if shown else None, element.tail):
            if piece and piece.strip() and (element is not root or piece is element.text):
                lines.append(piece.strip())
    return "\n".join(lines)
