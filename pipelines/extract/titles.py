"""Title rules: the headline a page shows, without the site's name, dates or entities.

``clean_title`` decodes HTML entities (twice-encoded ones too: ``&amp;#8217;``),
folds whitespace and removes what a ``<title>`` or ``og:title`` adds around the
headline: segments split off by a separator (``|``, `` - ``, `` – ``, `` — ``,
``•``, ``·``, ``::``, ``«``, ``»``) that name the site (``og:site_name``, the
publisher, the domain's name: "Golem.de", "DW"), a date ("28.04.2023"), or a
trailing section label of one or two words after ``|``. A segment is removed
only from either end, and never the last one left.

``choose_title`` picks among the page's headlines: the visible ``<h1>`` (outside
the page's header, navigation and footer) is preferred when it is a plausible
headline that shares words with the declared titles (JSON-LD ``headline``,
``og:title``, ``twitter:title``, ``<title>``), or when no title is declared; else
the first declared title, cleaned. Plain functions over an lxml tree; no Scrapy.
Settings read: none.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urlsplit

SEPARATORS = re.compile(r"\s+(?:\||-|–|—|•|·|::|«|»|/|~)\s+|\s*\|\s*")
DATE_SEGMENT = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.? \w+\.? \d{4}|\w+\.? \d{1,2},? \d{4}|\d{4})$"
)
WORD = re.compile(r"\w+")
MAX_TITLE = 300
FURNITURE = {"header", "nav", "footer", "aside"}
FURNITURE_CLASS = re.compile(r"(?:^|[\s_-])(?:logo|site-?title|site-?name|brand|masthead)", re.I)


def unescape(value: str) -> str:
    """Entities decoded, twice-encoded ones too; spaces, tabs, newlines folded."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html_lib.unescape(value)
    return re.sub(r"[ \t\r\n\xa0]+", " ", value).strip()  # an ideographic space stays


def squash(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def site_names(site_name: str | None, url: str, extra: list[str] | None = None) -> set[str]:
    """Squashed forms of the names a site goes by: its declared names and its domain."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    names = {squash(n) for n in [site_name or "", *(extra or [])] if n}
    if host:
        names.add(squash(host))  # "golem.de"
        label = host.split(".")[-2] if host.count(".") >= 1 else host
        names.add(squash(label))  # "golem"
    return {n for n in names if len(n) >= 2}


def is_site_segment(segment: str, names: set[str]) -> bool:
    squashed = squash(segment)
    if not squashed:
        return True
    if DATE_SEGMENT.match(segment.strip()):
        return True
    return any(
        squashed == n or (len(n) >= 4 and (n in squashed or squashed in n) and len(squashed) < 40)
        for n in names
    )


def _label(segment: str, rest: list[str]) -> bool:
    """A short segment after ``|`` (a section or tag line) beside a longer headline."""
    return len(WORD.findall(segment)) <= 3 and sum(len(WORD.findall(p)) for p in rest) >= 4


def clean_title(value: Any, names: set[str] | None = None) -> str | None:
    """A declared title as the headline: entities decoded, site name and dates removed."""
    if not isinstance(value, str):
        return None
    title = unescape(value)
    if not title:
        return None
    names = names or set()
    parts = SEPARATORS.split(title)
    seps = SEPARATORS.findall(title)
    if len(parts) > 1:
        start, end = 0, len(parts)
        while end - start > 1 and (
            is_site_segment(parts[end - 1], names)
            or (seps[end - 2].strip() == "|" and _label(parts[end - 1], parts[start : end - 1]))
        ):
            end -= 1
        while end - start > 1 and is_site_segment(parts[start], names):
            start += 1
        if (start, end) != (0, len(parts)):
            kept = [parts[start]]
            for i in range(start + 1, end):
                kept.append(seps[i - 1] + parts[i])
            title = "".join(kept).strip()
    return title[:MAX_TITLE] or None


def _in_furniture(element: Any) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.tag in FURNITURE or FURNITURE_CLASS.search(node.get("class") or ""):
            return True
    return False


def visible_headlines(tree: Any) -> list[str]:
    """Texts of the page's ``<h1>`` elements outside its header, navigation and footer."""
    found = []
    for element in tree.iter("h1"):
        if _in_furniture(element):
            continue
        text = unescape(element.text_content())
        if 3 <= len(text) <= MAX_TITLE and text not in found:
            found.append(text)
    return found


def _words(value: str) -> set[str]:
    return {w for w in WORD.findall(value.casefold()) if len(w) > 1 or w.isdigit()}


def overlap(first: str, second: str) -> float:
    """Share of the shorter title's words that the other has."""
    a, b = _words(first), _words(second)
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def choose_title(tree: Any, declared: list[Any], site_name: str | None, url: str) -> str | None:
    """The article's title: the visible headline or the first declared title, cleaned."""
    names = site_names(site_name, url)
    titles = [t for t in (clean_title(v, names) for v in declared) if t]
    headlines = [clean_title(h, names) or h for h in visible_headlines(tree)]
    headlines = [h for h in headlines if not is_site_segment(h, names)]
    if not titles:
        return headlines[0] if len(headlines) == 1 else None
    if headlines:
        best = max(headlines, key=lambda h: max(overlap(h, t) for t in titles))
        if max(overlap(best, t) for t in titles) >= 0.5:
            return best
    return titles[0]
