"""Author rules: from JSON-LD, meta tags or a byline to a clean list of person names.

``clean_authors`` takes raw author strings and returns names: byline labels
("By", "Oleh", "Par", "Von", "作者："...) removed, multi-author bylines split
("A, B and C", "A dan B", "A et B", "A und B", "A y B", "A、B", "A، B"), dates,
times and "Updated ..." tails cut off, roles ("Staff Writer", "Reporter",
"Redaktur", "Correspondant"...) and agency or desk names (parenthesised or
alone) dropped, the site's own name refused, all-capitals names title-cased,
duplicates removed. ``byline_authors`` reads bylines from the page's markup
(``rel=author``, ``itemprop=author``, ``.byline``, ``.author``) for pages whose
JSON-LD and meta tags name nobody. Plain functions; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from typing import Any

LABELS = (
    r"by|written by|reported by|words by|story by|text by|from|oleh|penulis|reporter|"
    r"editor|author|autor|auteur|text|par|de|por|von|di|door|av|af|작성자|作者|記者|文|بقلم"
)
BYLINE_PREFIX = re.compile(rf"^\s*(?:{LABELS})\s*[:：]?\s+|^\s*(?:{LABELS})\s*[:：]\s*", re.I)
AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|/|\band\b|\bwith\b|\bdan\b|\bet\b|\bund\b|\by\b|\be\b|\ben\b|\bog\b|"
    r"\boch\b|、|，|،|\sو\s)\s*",
    re.I,
)
DATE_TAIL = re.compile(
    r"\s*(?:[-–—|·•]\s*)?(?:\b(?:updated|published|posted|last modified|diperbarui|"
    r"dipublikasikan|diterbitkan|mis à jour|publié|aktualisiert|veröffentlicht|actualizado|"
    r"publicado|更新|発行|on|am|le|pada)\b\s*[:：]?\s*)?(?:\d|\b(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec|januari|februari|maret|mei|juni|juli|agustus|oktober|desember|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|"
    r"sabtu|minggu)[a-z]*\b\.?\s*\d).*$",
    re.I,
)
UPDATE_TAIL = re.compile(
    r"\s*[-–—|·•]?\s*\b(?:updated|published|posted|diperbarui|mis à jour|aktualisiert)\b.*$", re.I
)
ROLES = (
    r"senior|chief|staff|special|foreign|political|business|contributing|guest|associate|"
    r"managing|deputy|executive|news|sports|science|"
    r"writer|reporter|correspondent|editor|columnist|photographer|photos?|video|journalist|"
    r"contributor|producer|analyst|wartawan|kontributor|redaktur|penulis|jurnalis|fotografer|"
    r"rédacteur|rédactrice|journaliste|correspondant|correspondante|envoyé|envoyée|spécial|"
    r"spéciale|korrespondent|korrespondentin|redakteur|redakteurin|autorin|periodista|"
    r"corresponsal|redactor|redactora|記者|特派員|编辑|记者|مراسل|محرر"
)
ROLE_ONLY = re.compile(rf"^(?:(?:{ROLES})s?\b\s*)+$", re.I)
ROLE_TAIL = re.compile(rf"\s*[-–—,:]?\s*(?:\b(?:{ROLES})s?\b\s*)+$", re.I)
NOT_PEOPLE = {
    "reuters",
    "afp",
    "ap",
    "associated press",
    "dpa",
    "antara",
    "bloomberg",
    "xinhua",
    "kyodo",
    "ansa",
    "efe",
    "staff",
    "admin",
    "administrator",
    "redaksi",
    "tim redaksi",
    "newsroom",
    "editorial",
    "editorial team",
    "editorial board",
    "news desk",
    "web desk",
    "agencies",
    "wires",
    "team",
    "la rédaction",
    "rédaction",
    "redaktion",
    "redacción",
}
BYLINE_XPATH = (
    "//*[@rel='author'] | //*[@itemprop='author'] | "
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')] | "
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')] | "
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' author-name ')]"
)


def _squash(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def clean_name(part: str, blocked: set[str]) -> str | None:
    """One name from one piece of a byline, or ``None`` when it is not a person's name."""
    part = BYLINE_PREFIX.sub("", part.strip())
    part = ROLE_TAIL.sub("", part).strip(" .-–—:()[]\"'«»“”")
    words = part.split()
    if (
        not part
        or len(part) > 60
        or len(words) > 5
        or ROLE_ONLY.match(part)
        or part.casefold() in NOT_PEOPLE
        or re.search(r"\d|@|https?:|www\.|\.com\b", part)
    ):
        return None
    squashed = _squash(part)
    if any(b and (squashed == b or (len(b) > 3 and b in squashed)) for b in blocked):
        return None
    if part.isupper() and len(part) > 3:
        part = part.title()
    return part


def clean_authors(raw: list[str], site_name: str | None = None) -> list[str]:
    """Split, strip and de-duplicate author strings; drop what is not a person's name."""
    blocked = {_squash(site_name or "")}
    cleaned: list[str] = []
    for value in raw:
        if not isinstance(value, str) or re.search(r"://|www\.", value):
            continue
        value = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", value)  # (Reuters), [AP]
        value = BYLINE_PREFIX.sub("", " ".join(value.split()))
        value = UPDATE_TAIL.sub("", DATE_TAIL.sub("", value))
        for part in AUTHOR_SPLIT.split(value):
            name = clean_name(part, blocked)
            if name and name.casefold() not in {c.casefold() for c in cleaned}:
                cleaned.append(name)
    return cleaned


def byline_authors(tree: Any) -> list[str]:
    """Raw author strings from the page's byline markup (the first element that has text)."""
    for element in tree.xpath(BYLINE_XPATH):
        names = element.xpath(".//*[@itemprop='name']")
        texts = [n.text_content() for n in names] or [element.text_content()]
        texts = [" ".join(t.split()) for t in texts if t and t.strip()]
        if texts and sum(len(t) for t in texts) < 200:
            return texts
    return []
