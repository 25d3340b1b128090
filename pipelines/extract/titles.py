"""Title rules: the headline a page shows, without the site's name, dates or entities.

``clean_title`` decodes HTML entities (twice-encoded ones too: ``&amp;#8217;``),
folds whitespace and removes what a ``<title>`` or ``og:title`` adds around the
headline: segments split off by a separator (``|``, `` - ``, `` – ``, `` — ``,
``•``, ``·``, ``::``, ``«``, ``»``) that name the site (``og:site_name``, the
publisher, the domain's name: "Golem.de", "DW"), a date ("28.04.2023"), or a
trailing section label of one or two words after ``|``. A segment is removed
only from either end, and never the last one left; a site-name segment after the
headline takes the tagline that follows it along ("Headline – Site – Our motto").
Site names match without their small words ("The Partnership for Student
Success" is ``partnershipstudentsuccess.org``). UTF-8 read as Latin-1
("Investorâ\x80\x99s") is repaired, a leading Markdown ``#`` and a trailing
ornament ("⋆", "★") dropped.

``choose_title`` picks among the page's headlines: the visible ``<h1>`` (outside
the page's header, navigation and footer; when there is none, one in a ``<header>``,
an article's own header, not a logo or site title) is preferred when it is a plausible
headline that shares words with the declared titles (JSON-LD ``headline``,
``og:title``, ``twitter:title``, ``<title>``), or when no title is declared; a
one-word headline beside a declared title of five words or more is a label
("Discord"), not the headline, and one of more than ``MAX_WORDS`` words is a teaser;
``<br>`` in a headline is a space, a leading "Title:" label goes, and a headline that
prints a declared title and then its byline ("... Posted on July 1, 2024 by ...")
is that title, and so is one that prints a kicker in an element of its own and then
that title ("<h1><span class=roofline>Harbour vote</span> Quay plan approved</h1>"); a
kicker whose class names it one ("dachzeile", "overline", ``KICKER_CLASS``) is no part
of the headline even when the declared titles print it too.
Else the first declared title, cleaned (``agreed``: a declared title of more than
``MAX_WORDS`` words is a description and goes last; one cut short, with an open bracket
or an ellipsis, gives way to a declared title that continues it).
Plain functions over an lxml tree; no Scrapy.
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
MAX_WORDS = 30  # a declared title longer than this beside a shorter one is a description
FURNITURE = {"header", "nav", "footer", "aside"}
FURNITURE_CLASS = re.compile(r"(?:^|[\s_-])(?:logo|site-?title|site-?name|brand|masthead)", re.I)
SMALL_WORDS = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "by", "de", "la", "le"}
MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")  # UTF-8 bytes read as Latin-1
LABEL = re.compile(r"^(?:title|titre|titel|título|judul)\s*:\s*", re.I)  # "Title:AlignMerge"
BYLINE_REST = re.compile(r"\W*(?:posted|published|updated|by|von|par|oleh|por|di)\b")
ORNAMENTS = "#⋆★☆✓✔•·|*~ "
KICKER_DEPTH = 3  # wrappers of a headline read down to its kicker
KICKER_GLUE = " :–—-|"  # between a kicker and its headline
KICKER_CLASS = re.compile(
    r"kicker|dachzeile|roofline|overline|topline|supertitle|eyebrow|topic", re.I
)  # the newsroom's names of the line above a headline


def unescape(value: str) -> str:
    """Entities decoded, twice-encoded ones too; spaces, tabs, newlines folded."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html_lib.unescape(value)
    return re.sub(r"[ \t\r\n\xa0]+", " ", repair(value)).strip()  # an ideographic space stays


def repair(value: str) -> str:
    """UTF-8 that was read as Latin-1 or cp1252 ("Investorâ\x80\x99s"), decoded again."""
    if not MOJIBAKE.search(value):
        return value
    for codec in ("latin-1", "cp1252"):
        try:
            return value.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return value


def trim(value: str) -> str:
    """A leading Markdown heading mark and trailing ornaments removed."""
    return value.lstrip("# ").rstrip(ORNAMENTS) if len(value.strip(ORNAMENTS)) > 2 else value


def squash(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def squash_name(value: str) -> set[str]:
    """A name squashed, with and without its small words ("The Harbour of Alder")."""
    words = [w for w in WORD.findall(value.casefold()) if w not in SMALL_WORDS]
    return {squash(value), "".join(words)}


def site_names(site_name: str | None, url: str, extra: list[str] | None = None) -> set[str]:
    """Squashed forms of the names a site goes by: its declared names and its domain."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    names = {s for n in [site_name or "", *(extra or [])] if n for s in squash_name(n)}
    if host:
        names.add(squash(host))  # "golem.de"
        label = host.split(".")[-2] if host.count(".") >= 1 else host
        names.add(squash(label))  # "golem"
    return {n for n in names if len(n) >= 2}


def is_site_segment(segment: str, names: set[str]) -> bool:
    if not squash(segment):
        return True
    if DATE_SEGMENT.match(segment.strip()):
        return True
    return any(
        squashed == n or (len(n) >= 4 and (n in squashed or squashed in n) and len(squashed) < 40)
        for squashed in squash_name(segment)
        if squashed
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
        site = [is_site_segment(part, names) for part in parts]
        first = site.index(False) if False in site else 0
        for i in range(first + 1, len(parts) - 1):  # "Headline – Site – tagline"
            if site[i] and not DATE_SEGMENT.match(parts[i].strip()):
                end = i
                break
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
    return trim(title)[:MAX_TITLE] or None


def _in_furniture(element: Any, furniture: set[str] = FURNITURE) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.tag in furniture or FURNITURE_CLASS.search(node.get("class") or ""):
            return True
    return False


def visible_headlines(tree: Any) -> list[str]:
    """Texts of the page's ``<h1>`` elements outside its header, navigation and footer;
    when there is none, those in a ``<header>`` (an article's own header) too."""
    for furniture in (FURNITURE, FURNITURE - {"header"}):
        found = []
        for element in tree.iter("h1"):
            if _in_furniture(element, furniture):
                continue
            text = unescape(
                " ".join(element.itertext())
                if element.find(".//br") is not None
                else element.text_content()
            )
            text = LABEL.sub("", without_kicker(element, text))
            if 3 <= len(text) <= MAX_TITLE and text not in found:
                found.append(text)
        if found:
            return found
    return []


def _words(value: str) -> set[str]:
    return {w for w in WORD.findall(value.casefold()) if len(w) > 1 or w.isdigit()}


def overlap(first: str, second: str) -> float:
    """Share of the shorter title's words that the other has."""
    a, b = _words(first), _words(second)
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _label_of(headline: str, title: str) -> bool:
    """A one-word headline beside a declared title of five words or more."""
    return len(_words(headline)) == 1 and len(_words(title)) >= 5


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


def cut_short(title: str) -> bool:
    """A title that ends mid-phrase: an open bracket never closed, or an ellipsis."""
    return (
        title.count("(") > title.count(")")
        or title.count("[") > title.count("]")
        or (title.endswith(("...", "…")))
    )


def agreed(titles: list[str]) -> list[str]:
    """The declared titles in order, but the first one replaced when it is no headline:
    a title of more than ``MAX_WORDS`` words beside a shorter one is a description
    (it goes last), and one cut short ("... Solutions (Including") gives way to a
    declared title that continues it."""
    short = [t for t in titles if len(WORD.findall(t)) <= MAX_WORDS]
    titles = short + [t for t in titles if t not in short]
    if titles and cut_short(titles[0]):
        stem = _fold(titles[0]).rstrip(".… ")
        longer = [t for t in titles[1:] if _fold(t).startswith(stem) and not cut_short(t)]
        if longer:
            return [longer[0], *titles]
    return titles


def choose_title(tree: Any, declared: list[Any], site_name: str | None, url: str) -> str | None:
    """The article's title: the visible headline or the first declared title, cleaned."""
    names = site_names(site_name, url)
    titles = agreed([t for t in (clean_title(v, names) for v in declared) if t])
    headlines = [clean_title(h, names) or h for h in visible_headlines(tree)]
    headlines = [h for h in headlines if not is_site_segment(h, names)]
    if not titles:
        return headlines[0] if len(headlines) == 1 else None
    headlines = [h for h in headlines if len(WORD.findall(h)) <= MAX_WORDS]  # a teaser
    if headlines:
        best = max(headlines, key=lambda h: max(overlap(h, t) for t in titles))
        if max(overlap(best, t) for t in titles) >= 0.5 and not _label_of(best, titles[0]):
            return _kicker_cut(_byline_cut(best, titles), titles, kickers(tree))
    return titles[0]


def kickers(tree: Any) -> list[str]:
    """The kickers printed inside the page's ``<h1>`` elements (``kicker_of``)."""
    found = [kicker_of(element) for element in tree.iter("h1")]
    return [text for k in found if k is not None and (text := unescape(k.text_content()))]


def kicker_of(headline: Any) -> Any:
    """The element that opens ``headline`` before any text of its own, when more follows:
    its kicker ("<h1><span class=roofline>Ernährung sichern</span> Schulze: ...</h1>";
    read within wrappers that hold nothing else), or ``None``."""
    element = headline
    for _ in range(KICKER_DEPTH):
        children = [c for c in element if isinstance(c.tag, str)]
        if (element.text or "").strip() or not children:
            return None
        if len(children) == 1 and not (children[0].tail or "").strip():
            element = children[0]  # a wrapper of the whole headline
            continue
        return children[0]
    return None


def without_kicker(headline: Any, text: str) -> str:
    """``text``, the headline's, without its kicker when the kicker's class names it one
    (``KICKER_CLASS``: "dachzeile", "overline", "supertitle"...)."""
    kicker = kicker_of(headline)
    if kicker is None or not KICKER_CLASS.search(kicker.get("class") or ""):
        return text
    printed = unescape(kicker.text_content())
    rest = text[len(printed) :].lstrip(KICKER_GLUE) if text.startswith(printed) else ""
    return rest or text


def _kicker_cut(headline: str, titles: list[str], printed: list[str]) -> str:
    """A headline that prints a kicker (``kickers``) and then a declared title: the
    declared title ("Forderungsausfälle vermeiden Eigentumsvorbehalt: Das sollten ...")."""
    folded = _fold(headline)
    glued = {_fold(k).strip(KICKER_GLUE) for k in printed} - {""}
    for title in titles:
        tail = _fold(title)
        if tail and folded.endswith(tail) and folded[: -len(tail)].strip(KICKER_GLUE) in glued:
            return title
    return headline


def _byline_cut(headline: str, titles: list[str]) -> str:
    """A headline that prints a declared title and then its byline ("... Posted on
    July 1, 2024 by ..."): the declared title."""
    folded = _fold(headline)
    for title in titles:
        if folded.startswith(_fold(title)) and BYLINE_REST.match(folded[len(_fold(title)) :]):
            return title
    return headline
