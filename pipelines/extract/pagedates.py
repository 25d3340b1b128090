"""Which dates a page states, and the rules that pick ``published_at`` and ``modified_at``.

Candidates, most trusted first: the date a note says the article was originally
published on ("This article was originally published on 26 Sep 2019", ``original_date``);
``<time>`` elements (their ``datetime``, or their text when they have none; and
microdata ``itemprop`` dates) of the article itself (of unmarked ones, not one in a
list of dated items when another is left, and the one nearest the headline in the
page's structure),
JSON-LD, ``<meta>``, the feed or news sitemap
that listed the page, and a date in the URL (``/2026/03/04/``, ``/20260304/``);
when none of them gives a date, the date printed by the headline (``shown_date``:
the first written date in the text from the start of the page's ``<h1>``, else the
last one just before it, and when that ``<h1>`` prints none (a site's logo, a section's
name), the same of the next ones, up to ``HEADLINES``; one labelled "Updated ..." is a
modified date; one that ends a range of days, "vom 9.1. - 10.2.2023", is an event's and
not read); when there is none either, a date the page's text writes right after a
publication label ("Veröffentlicht am 16.08.2019", "Published: March 4, 2026", or
before a German one: "wurde am 19. Mai 2010 veröffentlicht", ``labelled_date``), and
htmldate's guess from the whole page only without one. Rules:

- a candidate later than the fetch (beyond a day of clock skew) or unparseable
  is skipped: dates in scripts, countdowns and event listings never win;
- the first good candidate wins, but a later one that agrees with it and is more
  precise (adds the time, or the timezone of the same wall-clock time) is used
  instead, so a bare JSON-LD date becomes the meta tag's full datetime;
- ``<time>`` elements in navigation, asides, footers, teaser and related lists
  and sidebar widgets are ignored (not in a page builder's blocks, which Elementor
  names ``elementor-widget-...``, nor in an ``<aside>`` or ``<footer>`` within the
  ``<article>``, its box of facts or its meta line, a layout that has a sidebar,
  "lay-sidebar", "sidebar__main", or a news module's "news-list-date" on its detail
  page); one marked as an update
  (``itemprop=dateModified``, a class containing ``updat``/``modif``, or printed
  after or starting with "Updated", "Last modified"...) is a modified date, never a
  published one; the others come first: the date the article prints beats a JSON-LD
  or meta date that disagrees (one that agrees and is more precise still completes
  it, and one that states the same value is named as its source);
- a page for which no candidate gives a date gets its labelled publication, else
  htmldate's search
  (``searched_date``: its quick search of the markup and URL, then its extensive
  one, which reads dates in the page's text too; run only then, on a copy of the
  tree, for its cost);
- a clock given in UTC (``Z``, ``+00:00``) may have moved the day the page
  shows: when a later candidate (not htmldate's guess) is the same moment with
  the page's own offset, or a bare date one day off that the moment has in some
  zone (UTC-12 to UTC+14), that candidate wins (``/2026/03/04/`` in the URL over
  ``2026-03-05T02:00:00Z``; the text of ``<time datetime="2026-02-24T04:13:00Z">``,
  "February 23, 2026", over its attribute);
- htmldate's guess is dropped when it is only the day of the modified date, or
  1 January (``year_only``: what it gives for a year alone, "© 2026"); a
  modified date earlier than the published one is dropped;
- a JSON-LD published date within a day of its modified date, whose day neither the
  URL nor any ``<time>`` of the page (its footer's too) gives, is a build stamp
  (``stamped``): an earlier date printed by the headline, not labelled as an update,
  wins (source ``shown``); so does an update it prints on another day when no meta
  tag states a publication (``over_stamp``: the one date the page shows);
- a published date only a generic ``<meta name="date">`` states (it says the page has
  a date, not which: often the day it was built) yields to an earlier date the
  headline prints, not labelled as an update (as a build stamp does, ``over_stamp``);
- a meta published date more than a day later than JSON-LD's comes before it
  (``republished``: publishers rewrite the meta tag when they republish);
- a published date that only JSON-LD states (``hidden_publication``; a build stamp's
  too, when no older date is printed), on a page whose
  markup states a modified date on another day and whose headline shows only that day
  ("Updated March 4, 2026", or "March 4, 2026"), or an update after the publication
  and before the stated one (``shown_update``): that date is the published one, with
  source ``shown``, unless the JSON-LD date has no time of day (``typed``: an editor's);
- a published date JSON-LD or a meta tag states on another day than the chosen one,
  when the headline prints that day (not as an update), wins (``seconded``): the
  markup and the text agree against a ``<time>`` of another part of the page, a
  "05/04/2022" read day first, or a clock in another zone than the printed one;
- a page that states only a modified date (after the extensive search) gets the
  date its text prints just before the label of that update ("December 3, 2025.
  Updated: December 7, 2025", ``before_update``) as its published date, else the
  modified date too, with ``published_source`` ``modified``
  (``only_modified``): it is the one date the page shows.
Plain functions over an lxml tree; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import chain, islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from pipelines.extract import datepatterns, finddate, regexcache
from pipelines.extract.dates import (
    DAY_FIRST,
    MONTH_FIRST,
    dates_in_text,
    normalise_date,
    parse_date,
)
from pipelines.extract.leads import Led

URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=/|$|[-_.])"
    r"|/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$|[-_])"
)
DATE_PROPS = ("datepublished", "datemodified")
SKIP_ANCESTORS = {"nav", "aside", "footer"}
ARTICLE_PARTS = {"aside", "footer"}  # within an <article>: its own, not the page's furniture
PAGE_TAGS = {"body", "html"}
SKIP_CLASS = re.compile(
    r"related|teaser|comment|(?<!lay-)(?<!has-)(?<!with-)(?<!no-)sidebar(?!__main|-layout)"
    r"|(?<!elementor-)widget|recommend|news-list(?!-date)|more-",
    re.I,
)  # page builders (Elementor) call every block of the article a widget: not furniture; a
# layout that has a sidebar and its main column, and a news module's date wrapper on its
# detail page ("news-list-date") are no furniture either
MODIFIED_CLASS = re.compile(r"updat|modif|edited|revis", re.I)
PUBLISHED_CLASS = re.compile(r"publish|pubdate|posted|created", re.I)
CONFIRMS = ("json-ld", "meta")  # markup that, stating the same date, is credited with it
GUESSES = {"htmldate", "shown", "labelled"}  # candidates read from the text, not stated in markup
UNSEEN = {"script", "style", "noscript", "template", "head", "title"}
UPDATE_WORDS = r"(?:updat|modif|revis|edited|aktualisiert|actualiz|mis à jour|diperbarui)"
UPDATE_LABEL = re.compile(UPDATE_WORDS + r"\w*\W{0,3}(?:on\W*)?$", re.I)  # "Updated on" before
UPDATE_FIRST = re.compile(r"\W*(?:last\s+|page\s+)?" + UPDATE_WORDS, re.I)  # "Last updated: ..."
SKIP_AROUND = re.compile(r"related|teaser|comment|sidebar|recommend|news-list", re.I)
ORIGINAL = re.compile(
    r"(?:originally|first)\s+published|ursprünglich\s+(?:veröffentlicht|erschienen)"
    r"|(?:publié|paru)e?\s+(?:initialement|à l'origine|pour la première fois)"
    r"|publicad[oa]\s+originalmente|originalmente\s+publicad[oa]"
    r"|pubblicat[oa]\s+originariamente|(?:awalnya|pertama\s+kali)\s+(?:diterbitkan|terbit)",
    re.I,
)  # "This article was originally published on 26 Sep 2019"
ORIGINAL_NODES = etree.XPath(
    "//body//text()[contains(translate(., 'PUBLIÉ', 'publié'), 'publi')"
    " or contains(., 'ffentlicht') or contains(., 'rschienen') or contains(., 'paru')"
    " or contains(., 'terbit')]"
)
# (anchor words, partner words): every ``ORIGINAL`` phrase holds an anchor with a partner
# next to it; looked up in the page's lower-cased text before any node is searched
ORIGINAL_WORDS = (
    (("published",), ("originally", "first")),
    (("ursprünglich",), ("veröffentlicht", "erschienen")),
    (("publié", "paru"), ("initialement", "l'origine", "première fois")),
    (("publicad",), ("originalmente",)),
    (("pubblicat",), ("originariamente",)),
    (("terbit",), ("awalnya", "pertama")),
)
ORIGINAL_REACH = 80  # characters either side of an anchor where its partner is looked for
BODY_TEXT = etree.XPath("string(/html/body)")
_READ: list[Any] = [lambda: None, "", None]  # the last tree read (weakly), its body's text,
# that text's label form
ORIGINAL_AFTER = 80  # characters after the phrase where its date is written
SHOWN_BEFORE, SHOWN_AFTER = 150, 600  # characters of text around the headline
LOCAL_SHIFTS = (timedelta(hours=-12), timedelta(hours=14))  # the widest UTC offsets
DAY = timedelta(days=1)
BEFORE_UPDATE = 60  # characters from a date to the update label that follows it
PUBLISHED_LABEL = Led(
    re.compile(
        r"(?<![^\W\d])(?:(?:post|publish(?:ed)?|publication)\s+(?:time|date)|date\s+(?:published|posted)"
        r"|published|posted|veröffentlicht|erschienen|erstellt|datum|publiée?|parue?"
        r"|publicad[oa]|pubblicat[oa]|diterbitkan|gepubliceerd)"
        r"(?:\s+(?:on|am|le|el|en|il|op|pada))?[\s:|·–—-]{0,4}"
    ),
    r"p(?:ost|ub[lb]|aru)|dat[eu]|veröffentlicht|ers[ct]|diterbitkan|gepubliceerd",
)  # "Veröffentlicht am 16.08.2019", "Published on March 4, 2026", "Publié le 4 mars 2026",
# "Erstellt am Dienstag 6. Mai 2014", "Datum: 19.11.2021" (never "Änderungsdatum"), "Post
# time: 01-04-2024", "Publication date: ...", "Date published: ..."; matched
# in lower-cased text (without re.I: 3 times faster), from the first letters of a label
# (``leads.Led``: 4 times faster again)
LAST_WORDS = ("veröffentlicht", "gepostet", "publiziert", "erschienen")
PUBLISHED_LAST = re.compile(r"(?<![^\W\d])(?:" + "|".join(LAST_WORDS) + r")(?![^\W\d])")
# German puts the label last: "Dieser Beitrag wurde am 19. Mai 2010 veröffentlicht"
ON_DAY = re.compile(r"(?<![^\W\d])am\s+(?:[^\W\d_]+,?\s+)?$")  # "am Mittwoch, "
LABEL_GAP = re.compile(r"[\s:|·,–—-]*(?:[^\W\d_]+[\s,]*)?")  # a weekday: "Posted: Monday, "
LABEL_REACH = 40  # characters after a publication label where its date is written
IN_STORY = 250  # characters after the headline's own from which a date is in its story
ABOVE = 120  # characters before the headline where the date printed above it is read
HEADLINES = 3  # the ``<h1>`` elements whose surroundings are read for a printed date
# a year after a slash, and after a hyphen, found first: 6 times faster than the whole
# date's pattern, and each of the two, led by its one character, 6 times faster again
# than one led by the class of both
YEAR_AFTER = (re.compile(r"/(?:19|20)\d\d(?!\d)"), re.compile(r"-(?:19|20)\d\d(?!\d)"))
DAY_MONTH = re.compile(r"(?<![\d.])(\d{1,2})[/-](\d{1,2})$")
MONTH_FIRST_REGIONS = {"us", "ph", "gov", "mil"}  # regions and hosts' suffixes
DAY_FIRST_REGIONS = {
    "uk", "gb", "au", "nz", "ie", "in", "za", "sg", "my", "pk", "ng", "ke", "hk", "lk",
    "bd", "gh", "ug", "tz", "jm", "mt", "cy", "zw", "zm", "bw", "mu", "fj", "tt",
}  # fmt: skip
AMERICAN = re.compile(
    r"(?<![^\W\d])(?:colors?|favorites?|centers?|behaviors?|neighbors?|flavors?|humor"
    r"|theaters?|jewelry|aluminum|fiber|traveled|traveling"
    r"|(?:organi|reali|recogni|customi|optimi|minimi|prioriti|utili|apologi|emphasi)z\w*"
    r"|analyz\w*)(?![^\W\d])"
)  # spellings only American English writes ("color", "organize", "theater")
BRITISH = re.compile(
    r"(?<![^\W\d])(?:colours?|favourites?|centres?|behaviours?|neighbours?|flavours?|humour"
    r"|theatres?|jeweller(?:y|s)|aluminium|fibre|travelled|travelling"
    r"|(?:organi|reali|recogni|customi|optimi|minimi|prioriti|utili|apologi|emphasi)s(?:e|ed|es"
    r"|ing|ation|ations)|analys(?:e|ed|es|ing))(?![^\W\d])"
)  # and their British forms
SPELLED_AMERICAN = 3  # American spellings (more than twice the British ones) that are a cue
HYPHENATED = re.compile(r"(?<![\d.])\d{1,2}-\d{1,2}-(?:19|20)\d\d")  # "02-12-2025"
SLASHED = re.compile(r"/\d{1,2}/(?:19|20)\d\d")  # "3/4/2025" ("/" first: a fast search)
SEEN_TEXT = etree.XPath(
    "/html/body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)
# "vom 9.1. - ", "3 to ", "9. bis ": a day (not a clock's minutes) that starts a range
RANGE_END = re.compile(r"(?<![:\d])\d{1,2}\.?(?:\d{1,2}\.)?\s*(?:[-–—]|bis|to|until)\s*$", re.I)


def date_language(declared: str | None, tags: list[str | None], url: str, tree: Any) -> str | None:
    """The tag the page's dates are read in: for an English page, ``MONTH_FIRST`` or
    ``DAY_FIRST`` when a cue names the order of its numeric dates ("4/11/2023"), else
    ``declared``. Cues, first that speaks: the page's own numeric dates with slashes or
    hyphens, when those with a part above 12 all put it in the same place ("25/03/2024":
    day first); the country of the URL's host (``.co.uk``, ``.com.au``, ``.in``: day first;
    ``.us``, ``.gov``: month first); the region of the page's language tags ("en-US",
    "en_GB"), in ``tags``' order; last, American spelling (``spelled_american``: month
    first)."""
    if declared != "en":
        return declared
    text = body_text(tree)
    firsts = {int(a) > 12 for a, b in numeric_dates(text) if int(a) > 12 or int(b) > 12}
    if len(firsts) == 1:
        return DAY_FIRST if firsts.pop() else MONTH_FIRST
    suffix = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
    regions = [suffix] + [
        tag.replace("_", "-").split("-")[1].lower()
        for tag in tags
        if tag and re.fullmatch(r"\s*en[-_][A-Za-z]{2}\s*", tag)
    ]
    for region in regions:
        if region in MONTH_FIRST_REGIONS:
            return MONTH_FIRST
        if region in DAY_FIRST_REGIONS:
            return DAY_FIRST
    if SLASHED.search(text) and spelled_american(tree):  # the spelling only read then: 10 ms
        return MONTH_FIRST
    return declared


def body_text(tree: Any) -> str:
    """The text of the page's ``<body>``, read once for the last tree asked: a page's date
    rules read it up to five times (``date_language``, ``original_date``, ``labelled_date``,
    ``monthdates.labelled_month``, ``before_update``), and none changes the tree. The tree
    is held by a weak reference: a page's tree is freed as before."""
    if _READ[0]() is not tree:
        _READ[:] = [weakref.ref(tree), BODY_TEXT(tree), None]
    return _READ[1]


def label_text(tree: Any) -> str:
    """``body_text`` with its whitespace collapsed, lower-cased: where publication labels
    are looked for (``labelled_date``, ``monthdates.labelled_month``), made once per tree."""
    text = body_text(tree)
    if _READ[2] is None:
        _READ[2] = " ".join(text.split()).lower()
    return _READ[2]


def spelled_american(tree: Any) -> bool:
    """The page's text spells American English ("color", "organize", "theater": at least
    ``SPELLED_AMERICAN`` such words, more than twice its British ones) and writes no
    numeric date with hyphens ("02-12-2025": a form whose order the spelling does not
    tell, an American blog's was day first): its dates with slashes, "3/4/2025", are
    month first."""
    text = " ".join(SEEN_TEXT(tree))
    if HYPHENATED.search(text):
        return False
    text = text.lower()
    american = len(AMERICAN.findall(text))
    return american >= SPELLED_AMERICAN and american > 2 * len(BRITISH.findall(text))


def numeric_dates(text: str) -> Iterator[tuple[str, str]]:
    """The first two parts of each numeric date with slashes or hyphens in ``text``
    ("25/03/2024": "25", "03"), a four-digit year of 1900 to 2099 last."""
    years = chain.from_iterable(pattern.finditer(text) for pattern in YEAR_AFTER)
    for year in sorted(years, key=lambda match: match.start()):  # (no two overlap)
        if parts := DAY_MONTH.search(text, max(0, year.start() - 5), year.start()):
            yield parts.group(1), parts.group(2)


def url_date(url: str) -> str | None:
    """The date in an article URL's path, as ``YYYY-MM-DD``, if it holds a valid one."""
    match = URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    year, month, day = [g for g in match.groups() if g is not None]
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _classes(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _in_furniture(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in PAGE_TAGS:
            break  # their classes describe the page ("has-sidebar"), not a part of it
        if ancestor.tag in SKIP_ANCESTORS and not _article_part(ancestor):
            return True
        if SKIP_CLASS.search(_classes(ancestor)):
            return True
    return False


def _article_part(element: Any) -> bool:
    """``element`` is an ``<aside>`` or a ``<footer>`` within an ``<article>``: the
    article's own box of facts or its meta line under the headline (its date, its
    author), not the page's sidebar or footer."""
    return element.tag in ARTICLE_PARTS and any(a.tag == "article" for a in element.iterancestors())


def label_before(element: Any, size: int = 30) -> str:
    """The last ``size`` characters of text printed before ``element`` in its parent
    (or its grandparent, when the parent holds nothing before it): "Updated on"."""
    for _ in range(2):
        parent = element.getparent()
        if parent is None:
            return ""
        text = parent.text or ""
        for sibling in parent:
            if sibling is element:
                break
            if isinstance(sibling.tag, str) and sibling.tag not in UNSEEN:
                text += sibling.text_content()
            text += sibling.tail or ""
        if text.strip():
            return " ".join(text.split())[-size:]
        element = parent
    return ""


def time_candidates(tree: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(published, modified) candidates from ``<time>`` and microdata of the article."""
    published: list[tuple[str, str]] = []
    modified: list[list[tuple[str, str]]] = []  # per element: its attribute, its text
    unmarked: list[tuple[Any, list[tuple[str, str]]]] = []  # (element, its values)
    for element in tree.xpath("//time | //@itemprop/parent::*[@datetime or @content]"):
        if element.tag == "meta" or _in_furniture(element):
            continue  # <meta itemprop> is read with the other meta tags
        value = (element.get("datetime") or element.get("content") or "").strip()
        if not value and element.tag == "time":  # <time>4 Maret 2026</time>
            value = " ".join(element.text_content().split())[:80]
        itemprop = (element.get("itemprop") or "").lower()
        if not value or (element.tag != "time" and itemprop not in DATE_PROPS):
            continue
        values = [("time", value)]
        shown = " ".join(element.text_content().split())[:80]
        if element.tag == "time" and shown and shown != value:  # the day it prints
            values.append(("time", shown))
        parent = element.getparent()
        around = _classes(element) + " " + (_classes(parent) if parent is not None else "")
        around += " " + (parent.get("itemprop") or "" if parent is not None else "")
        labelled = UPDATE_LABEL.search(label_before(element)) or UPDATE_FIRST.match(shown)
        if itemprop == "datemodified" or MODIFIED_CLASS.search(around) or labelled:
            modified.append(values)
        elif itemprop == "datepublished" or PUBLISHED_CLASS.search(around):
            published.extend(values)
        else:
            unmarked.append((element, values))
    return published + nearest(tree, unmarked), (modified or [[]])[0]


def nearest(tree: Any, found: list[tuple[Any, list[tuple[str, str]]]]) -> list[tuple[str, str]]:
    """The values of the unmarked ``<time>`` element that dates the article: not one in
    a list of dated items (``in_date_list``) when another is left; of the rest, the one
    nearest the headline in the page's structure (sharing its deepest container; the
    first of equals); the first one on a page without a ``<h1>``."""
    if len(found) < 2:
        return found[0][1] if found else []
    found = [pair for pair in found if not in_date_list(pair[0])] or found
    headline = headline_of(tree)
    if headline is None:
        return found[0][1]
    depth = {node: d for d, node in enumerate(reversed([headline, *headline.iterancestors()]))}

    def shared(element: Any) -> int:
        return next((depth[n] for n in [element, *element.iterancestors()] if n in depth), -1)

    return max(found, key=lambda pair: shared(pair[0]))[1]


def in_date_list(element: Any) -> bool:
    """``element`` is in an item of a list (``<li>``) whose list dates other items too:
    "more news", archives, event calendars."""
    item = next((a for a in element.iterancestors() if a.tag == "li"), None)
    if item is None or item.getparent() is None:
        return False
    return len(item.getparent().xpath(".//time")) > 1


def headline_of(tree: Any) -> Any:
    """The page's first ``<h1>`` outside navigation, asides and footers."""
    return next(headlines(tree), None)


def headlines(tree: Any) -> Iterator[Any]:
    """The page's ``<h1>`` elements outside navigation, asides and footers, in order."""
    for element in tree.iter("h1"):
        if not any(a.tag in SKIP_ANCESTORS for a in element.iterancestors()):
            yield element


def text_around_headline(tree: Any, headline: Any = None) -> tuple[str, str]:
    """(the last ``SHOWN_BEFORE`` characters of visible text before the page's ``<h1>``
    (or ``headline``), the first ``SHOWN_AFTER`` from its start), or two empty strings
    without one.

    Both are read outwards from the headline (backwards, then forwards) and stop when
    they have enough: the rest of the page is never walked."""
    headline = headline_of(tree) if headline is None else headline
    if headline is None or any(a.tag in UNSEEN for a in headline.iterancestors()):
        return "", ""  # a headline in <noscript> or <template> is not shown
    before: list[str] = []
    size = 0
    for text in _texts_before(headline):
        if text.strip():
            before.append(text)
            size += len(" ".join(text.split())) + 1
            if size > SHOWN_BEFORE:
                break
    return (
        " ".join(" ".join(before[::-1]).split())[-SHOWN_BEFORE:],
        " ".join(pieces_after(headline, SHOWN_AFTER))[:SHOWN_AFTER],
    )


def pieces_after(headline: Any, reach: int) -> list[str]:
    """The text pieces from the start of ``headline`` on, whitespace collapsed and blank
    ones skipped, until they hold more than ``reach`` characters (the dates read next to
    the headline, and the byline printed under it, ``authors.text_byline``)."""
    pieces: list[str] = []
    size = 0
    for text in texts_after(headline):
        text = " ".join(text.split())
        if text:
            pieces.append(text)
            size += len(text)
            if size > reach:
                break
    return pieces


def pieces_before(headline: Any, reach: int) -> list[str]:
    """The text pieces just before ``headline``, in reading order, whitespace collapsed
    and blank ones skipped, up to ``reach`` characters (the nearest ones)."""
    pieces: list[str] = []
    size = 0
    for text in _texts_before(headline):
        text = " ".join(text.split())
        if text:
            size += len(text)
            if size > reach:
                break
            pieces.append(text)
    return pieces[::-1]


def _unseen(element: Any) -> bool:
    """Not read around the headline: comments, scripts, navigation, related lists (an
    ``<aside>`` or ``<footer>`` of the article is: its meta line, ``_article_part``)."""
    return (
        not isinstance(element.tag, str)
        or element.tag in UNSEEN
        or (element.tag in SKIP_ANCESTORS and not _article_part(element))
        or bool(SKIP_AROUND.search(_classes(element)))
    )


def _texts_forward(element: Any) -> Iterator[str]:
    """The text of ``element``'s subtree in reading order (its tail excluded)."""
    yield element.text or ""
    for child in element:
        if not _unseen(child):
            yield from _texts_forward(child)
        yield child.tail or ""


def _texts_backward(element: Any) -> Iterator[str]:
    """The text of ``element``'s subtree in reverse reading order (its tail excluded)."""
    for child in reversed(element):
        yield child.tail or ""
        if not _unseen(child):
            yield from _texts_backward(child)
    yield element.text or ""


def _texts_before(headline: Any) -> Iterator[str]:
    """Text pieces before ``headline``, nearest first."""
    node = headline
    while (parent := node.getparent()) is not None:
        for sibling in node.itersiblings(preceding=True):
            yield sibling.tail or ""
            if not _unseen(sibling):
                yield from _texts_backward(sibling)
        yield parent.text or ""
        node = parent


def texts_after(headline: Any) -> Iterator[str]:
    """Text pieces from the start of ``headline`` on, in reading order."""
    yield from _texts_forward(headline)
    node = headline
    while node is not None:
        yield node.tail or ""
        for sibling in node.itersiblings():
            if not _unseen(sibling):
                yield from _texts_forward(sibling)
            yield sibling.tail or ""
        node = node.getparent()
        if node is not None and node.getparent() is None:
            break  # the root's tail is no text of the page


def shown_date(tree: Any, now: datetime, language: str | None = None) -> tuple[str | None, bool]:
    """(the date printed next to the headline, whether it is labelled as an update):
    the first one after the start of the ``<h1>`` (within ``SHOWN_AFTER``
    characters), else the last one just before it; ``(None, False)`` without one.
    An update ("Updated on ...", "Last modified") is a modified date."""
    for value, updated in shown_dates(tree, now, language)[:1]:
        return value, updated
    return None, False


def shown_dates(tree: Any, now: datetime, language: str | None = None) -> list[tuple[str, bool]]:
    """Every date printed next to the headline, as (value, labelled as an update): those
    after the start of the ``<h1>`` (within ``SHOWN_AFTER`` characters) in reading order,
    then those just before it, nearest first; but one more than ``IN_STORY`` characters
    after the headline's own text (a date its story tells: "the board meets from 9 May")
    comes after those within ``ABOVE`` characters before it (the date printed above
    the headline). When none is printed by the first
    ``<h1>``, the next ones (up to ``HEADLINES``) are read: a page whose first ``<h1>``
    is its logo or its section's name ("Zoll", "Press releases") heads the article
    with a later one. A date that ends a range of days is an event's, not read
    (``RANGE_END``)."""
    for headline in islice(headlines(tree), HEADLINES):
        before, after = text_around_headline(tree, headline)
        printed = _no_range_ends(after, dates_in_text(after, now, language))
        above = _no_range_ends(before, dates_in_text(before, now, language))[::-1]
        reach = len(" ".join(headline.text_content().split())) + IN_STORY
        late = [pair for pair in printed if pair[0] > reach]
        near = [pair for pair in above if len(before) - pair[0] <= ABOVE]
        ordered = [(after, [p for p in printed if p not in late]), (before, near), (after, late)]
        ordered.append((before, [pair for pair in above if pair not in near]))
        found = [
            (value, bool(UPDATE_LABEL.search(text[max(0, position - 30) : position])))
            for text, dates in ordered
            for position, value in dates
        ]
        if found:
            return found
    return []


def _no_range_ends(text: str, dates: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``dates`` (position in ``text``, value) without those that end a range of days
    ("vom 9.1. - 10.2.2023", "3 to 5 March 2026", "9. bis 10. Februar"): an event's
    dates, never the day a page was published."""
    return [(at, value) for at, value in dates if not RANGE_END.search(text[max(0, at - 16) : at])]


def original_date(tree: Any, now: datetime, language: str | None = None) -> str | None:
    """The date a page says the article was first published on ("This article was
    originally published on 26 Sep 2019 ...", "Ursprünglich veröffentlicht am ..."),
    written within ``ORIGINAL_AFTER`` characters after the phrase; ``None`` without one.
    The page's text is searched for the phrase's words first (``ORIGINAL_WORDS``), one
    pass that spares the search of its nodes on almost every page."""
    if not may_hold_original(body_text(tree).lower()):
        return None
    for node in ORIGINAL_NODES(tree):
        parent = node.getparent()
        if parent is not None and node.is_tail:  # text after an element: its container's
            parent = parent.getparent()
        if parent is None or parent.tag in UNSEEN:
            continue
        text = " ".join(parent.text_content().split())
        for match in ORIGINAL.finditer(text):
            window = text[match.end() : match.end() + ORIGINAL_AFTER]
            found = dates_in_text(window, now, language)
            if found:
                return found[0][1]
    return None


def labelled_date(tree: Any, now: datetime, language: str | None = None) -> str | None:
    """The first date the page's text writes right after a publication label
    ("Veröffentlicht am 16.08.2019", "Published: Monday, March 4, 2026", "Erschienen
    am: 01.11.2023"), at most a weekday between them, else the last date written after
    "am" just before a German label that comes last ("Dieser Beitrag wurde am 19. Mai
    2010 um 23:03 Uhr veröffentlicht", ``PUBLISHED_LAST``); ``None`` without one. Read only
    on pages for which nothing else gives a date, before htmldate's search: a footer's
    "Letzte Änderung: 31.10.2023 ... Erschienen am: 01.11.2023" names the publication,
    where htmldate takes the first date it finds."""
    text = label_text(tree)
    for match in PUBLISHED_LABEL.finditer(text):
        window = text[match.end() : match.end() + LABEL_REACH]
        found = dates_in_text(window, now, language)
        if found and LABEL_GAP.fullmatch(window[: found[0][0]]) and found[0][0] <= 12:
            return found[0][1]
    if not any(word in text for word in LAST_WORDS):
        return None  # one pass of plain searches spares the pattern's on most pages
    for match in PUBLISHED_LAST.finditer(text):  # "wurde am 19. mai 2010 um 23:03 uhr gepostet"
        window = text[max(0, match.start() - LABEL_REACH) : match.start()]
        found = dates_in_text(window, now, language)
        if found and ON_DAY.search(window[: found[-1][0]]):
            return found[-1][1]
    return None


def may_hold_original(text: str) -> bool:
    """``text`` (lower-cased) holds an anchor of ``ORIGINAL_WORDS`` with a partner
    within ``ORIGINAL_REACH`` characters: a cheap test that every ``ORIGINAL`` phrase
    passes."""
    for anchors, partners in ORIGINAL_WORDS:
        for anchor in anchors:
            at = text.find(anchor)
            while at >= 0:
                window = text[max(0, at - ORIGINAL_REACH) : at + len(anchor) + ORIGINAL_REACH]
                if any(partner in window for partner in partners):
                    return True
                at = text.find(anchor, at + 1)
    return False


@cache
def warm_up() -> None:
    """Load ``dateparser``'s data of every locale now, in a new worker, rather than
    inside the first page whose date only htmldate's extensive search finds (it asks
    ``dateparser`` with all locales): about 44 MB, once per process (a worker forked
    from a warm forkserver skips it: 20 ms of looking through every locale again). Its
    regular expressions come compiled from the previous crawl's
    (``pipelines.extract.regexcache``): 0.3 s of CPU instead of 1.7 s."""
    try:
        from htmldate.extractors import get_external_parser

        with regexcache.kept(regexcache.default_path()):
            get_external_parser().get_date_data("zz 4 zz 2021")  # no locale reads it: all load
    except Exception:  # noqa: BLE001 - a warm-up that fails leaves the work to the first page
        pass


datepatterns.install()  # htmldate's page-search patterns, tried only where they can match


def searched_date(tree: Any, now: datetime, url: str | None = None) -> str | None:
    """htmldate's date of the page (original date): its quick search (markup and URL),
    then its extensive one (the text), or ``None``. htmldate reads ``tree`` and prunes
    a copy of its own. The two searches' shared steps run once (``finddate.searched``)."""
    from htmldate import find_date
    from lxml.html import HtmlElement

    latest = now.strftime("%Y-%m-%d")
    if finddate.MIRRORED and isinstance(tree, HtmlElement):
        try:
            return finddate.searched(tree, url, latest) or None
        except Exception:  # noqa: BLE001, S110 - the two calls below meet it as htmldate does
            pass
    for extensive in (False, True):
        try:
            found = find_date(
                tree,
                url=url,
                extensive_search=extensive,
                original_date=True,
                outputformat="%Y-%m-%d",
                max_date=latest,
            )
        except Exception:  # noqa: BLE001 - a date search that fails finds no date
            found = None
        if found:
            return found
    return None


def _moment(value: str) -> datetime:
    parsed = parse_date(value)
    if isinstance(parsed, datetime):
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    assert parsed is not None
    return datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC)


def _earlier(value: str, other: str) -> bool:
    if _detail(value) == 0 or _detail(other) == 0:
        return value[:10] < other[:10]
    return _moment(value) < _moment(other)


def _detail(value: str) -> int:
    """0 a date, 1 a naive datetime, 2 a datetime with its timezone."""
    parsed = parse_date(value)
    if not isinstance(parsed, datetime):
        return 0
    return 2 if parsed.tzinfo else 1


def _agrees(first: str, other: str) -> bool:
    """Same day, and same wall-clock time when both have one."""
    if first[:10] != other[:10]:
        return False
    return _detail(first) == 0 or _detail(other) == 0 or first[11:16] == other[11:16]


def pick(
    candidates: list[tuple[str, str | None]], now: datetime, language: str | None = None
) -> tuple[str | None, str | None]:
    """(value, source): the first good candidate, or a more precise one that agrees with it."""
    good = [
        (value, source)
        for source, raw in candidates
        if (value := normalise_date(raw, now, language)) is not None
    ]
    if not good:
        return None, None
    best = good[0]
    for value, source in good[1:]:
        if _agrees(best[0], value) and _detail(value) > _detail(best[0]):
            best = (value, source)
    if best[1] == "time":  # a printed date its markup states too is credited to the markup
        best = next(((v, s) for v, s in good if s in CONFIRMS and v == best[0]), best)
    if _is_utc(best[0]):  # a clock converted to UTC: the page's own day wins
        for value, source in good[1:]:
            if source not in GUESSES and _local_day_of(value, best[0]):
                return value, source
    return best


def _is_utc(value: str) -> bool:
    parsed = parse_date(value)
    return isinstance(parsed, datetime) and parsed.utcoffset() == timedelta(0)


def _local_day_of(value: str, utc_value: str) -> bool:
    """``value`` is the same moment in a local zone, or a day the UTC moment has in one."""
    if value[:10] == utc_value[:10]:
        return False
    instant = _moment(utc_value)
    if _detail(value) == 2:
        return _moment(value) == instant
    if _detail(value) == 1:
        return False
    return value[:10] in {(instant + shift).date().isoformat() for shift in LOCAL_SHIFTS}


def choose(
    published: list[tuple[str, str | None]],
    modified: list[tuple[str, str | None]],
    now: datetime,
    language: str | None = None,
) -> dict[str, Any]:
    """The article's date fields from its candidates (see the module's rules).

    ``language``, the page's declared language, reads written dates
    (``pipelines.extract.dates``)."""
    published_at, published_source = pick(published, now, language)
    modified_at, modified_source = pick(modified, now, language)
    if published_source == "htmldate" and (
        year_only(published_at) or (modified_at and published_at == modified_at[:10])
    ):
        published_at = published_source = None  # a year, or only the day of the update
    if published_at and modified_at and _earlier(modified_at, published_at):
        modified_at = modified_source = None
    return {
        "published_at": published_at,
        "published_source": published_source,
        "modified_at": modified_at,
        "modified_source": modified_source,
    }


def year_only(value: str | None) -> bool:
    """``value`` is a bare date on 1 January: htmldate's answer for a page where it
    found a year alone (a copyright line), never a day the page states."""
    return bool(value) and len(value) == 10 and value[5:] == "01-01"


def stamped(
    published: list[tuple[str, str | None]],
    modified: list[tuple[str, str | None]],
    url: str,
    tree: Any = None,
) -> bool:
    """The page's JSON-LD gives the same moment (within a day) as published and
    modified, and neither the URL nor a ``<time>`` of the page gives that day: a
    stamp its CMS writes on every build more often than the article's first
    publication, so an earlier date printed by the headline beats it. Every ``<time>``
    of ``tree`` counts here, those of footers and bylines ``time_candidates`` skips
    too ("Dieser Beitrag wurde am <time datetime=...> veröffentlicht" in the footer
    of the post): a build stamp is not a day the page prints."""
    first = next((raw for source, raw in published if source == "json-ld" and raw), None)
    last = next((raw for source, raw in modified if source == "json-ld" and raw), None)
    if not first or not last or parse_date(first) is None or parse_date(last) is None:
        return False
    if abs(_moment(first) - _moment(last)) > timedelta(days=1):
        return False
    day = _moment(first).date().isoformat()
    if url_date(url) == day:
        return False
    printed = [raw for source, raw in published if source == "time" and raw]
    if tree is not None:
        printed += [element.get("datetime") or "" for element in tree.iter("time")]
    return not any(
        parse_date(raw) is not None and _moment(raw).date().isoformat() == day for raw in printed
    )  # a <time> of the page prints that publication


def over_stamp(
    found: dict[str, Any],
    published: list[tuple[str, str | None]],
    shown: str | None,
    updated: bool,
) -> dict[str, Any]:
    """``found`` on a page whose JSON-LD dates are a build stamp (``stamped``), or whose
    published date is a generic ``<meta name="date">`` (``htmlmeta.generic_date``): an
    earlier date the headline prints, not labelled as an update, is the publication;
    and when no meta tag states a publication either, an update the headline prints
    on another day is the one date the page gives its readers (as with
    ``only_modified``): published, and modified when the stamp is older."""
    if not shown or shown[:10] == found["published_at"][:10]:
        return found
    if not updated:
        if shown[:10] < found["published_at"][:10]:
            return found | {"published_at": shown, "published_source": "shown"}
        return found
    if any(source == "meta" and raw for source, raw in published):
        return found
    found = found | {"published_at": shown, "published_source": "shown"}
    if not found["modified_at"] or found["modified_at"][:10] < shown[:10]:
        found |= {"modified_at": shown, "modified_source": "shown"}
    return found


def republished(
    candidates: list[tuple[str, str | None]], now: datetime, language: str | None = None
) -> list[tuple[str, str | None]]:
    """``candidates`` with the meta tags' before JSON-LD's (the others keep their
    places) when the first meta date is more than a day later than the first JSON-LD
    one (a day may be a timezone's doing): publishers rewrite the meta tag
    (``article:published_time``...) when they republish an article, and the JSON-LD
    often keeps the first draft's date."""
    first: dict[str, str] = {}
    for source, raw in candidates:
        if source in CONFIRMS and source not in first:
            value = normalise_date(raw, now, language)
            first |= {source: value} if value else {}
    if len(first) < len(CONFIRMS):
        return candidates
    if date.fromisoformat(first["meta"][:10]) - date.fromisoformat(first["json-ld"][:10]) <= DAY:
        return candidates
    ranked = iter(
        sorted((pair for pair in candidates if pair[0] in CONFIRMS), key=lambda p: p[0] != "meta")
    )
    return [next(ranked) if pair[0] in CONFIRMS else pair for pair in candidates]


def hidden_publication(found: dict[str, Any], published: list[tuple[str, str | None]]) -> bool:
    """The published date comes from JSON-LD alone (no meta tag, ``<time>``, URL or
    feed states one) and the markup (JSON-LD or meta) states a modified date on
    another day: when the headline then
    shows only the update ("Updated March 4, 2026"), that is the date the page gives
    its readers, and the JSON-LD date is as often the CMS entry's creation (on
    WCXB's tune part the shown update was the article's date on 8 such pages of 10).
    A published date without a time of day (a bare date, or midnight to the second:
    ``typed``) is no CMS stamp but a day an editor set: it stands (the other 2)."""
    if found["published_source"] != "json-ld" or found["modified_source"] not in CONFIRMS:
        return False
    if found["modified_at"][:10] == found["published_at"][:10] or typed(found["published_at"]):
        return False
    return all(source == "json-ld" for source, raw in published if raw)


def shown_update(found: dict[str, Any], shown: str | None, updated: bool) -> dict[str, Any]:
    """``found`` of a page with a ``hidden_publication``, with the update its headline
    shows as the published date (source ``shown``): the stated modified date when the
    headline prints that day (labelled as an update or not: the one date the page
    gives), else an update it shows after the publication and no later than the stated
    one (the page shows a date its markup does not)."""
    if not shown:
        return found
    if shown[:10] == found["modified_at"][:10]:
        return found | {"published_at": found["modified_at"], "published_source": "shown"}
    if updated and found["published_at"][:10] < shown[:10] <= found["modified_at"][:10]:
        return found | {"published_at": shown, "published_source": "shown"}
    return found


def typed(value: str) -> bool:
    """``value`` is a day without a time of day: a bare date, or a datetime at
    midnight to the second (``2026-03-04T00:00:00Z``), as an editor's date field gives."""
    parsed = parse_date(value)
    return not isinstance(parsed, datetime) or parsed.time() == datetime.min.time()


def disputed(
    found: dict[str, Any],
    published: list[tuple[str, str | None]],
    now: datetime,
    language: str | None = None,
) -> list[tuple[str, str]]:
    """The JSON-LD and meta published dates on another day than the chosen published
    date (``found``), as (value, source), in the order of ``published``: candidates
    for ``seconded``."""
    chosen = (found["published_at"] or "")[:10]
    if not chosen or found["published_source"] in GUESSES:
        return []
    stated = (
        (normalise_date(raw, now, language), source)
        for source, raw in published
        if source in CONFIRMS
    )
    return [(value, source) for value, source in stated if value and value[:10] != chosen]


def seconded(
    found: dict[str, Any], others: list[tuple[str, str]], shown: str | None, updated: bool
) -> dict[str, Any]:
    """A published date the markup states and the headline prints (not as an update)
    beats the chosen one, which neither states: two sources against one (a ``<time>``
    of another part of the page, or one whose "05/04/2022" was read day first; a
    clock in another zone than the one the page prints)."""
    if not shown or updated or shown[:10] == (found["published_at"] or "")[:10]:
        return found
    for value, source in others:
        if value[:10] == shown[:10]:
            return found | {"published_at": value, "published_source": source}
    return found


def before_update(
    tree: Any, found: dict[str, Any], now: datetime, language: str | None = None
) -> dict[str, Any]:
    """``found`` of a page that states only a modified date, with the date its text
    prints just before an update label that prints that day ("December 3, 2025.
    Updated: December 7, 2025", "Published 3 Dec 2025 | Updated 7 Dec 2025") as its
    publication (source ``shown``), when it is earlier. Read only on such pages."""
    if found["published_at"] is not None or found["modified_at"] is None:
        return found
    text = " ".join(body_text(tree).split())
    printed = dates_in_text(text, now, language)
    day = found["modified_at"][:10]
    for (at, value), (next_at, next_value) in zip(printed, printed[1:], strict=False):
        between = text[at:next_at]
        if (
            next_value[:10] == day
            and value[:10] < day
            and len(between) <= BEFORE_UPDATE
            and UPDATE_LABEL.search(between)
        ):
            return found | {"published_at": value, "published_source": "shown"}
    return found


def only_modified(found: dict[str, Any]) -> dict[str, Any]:
    """A page that states only when it was updated: that date is its published one too.

    ``published_source`` says ``modified``, so the archive can tell it apart."""
    if found["published_at"] is None and found["modified_at"] is not None:
        return found | {"published_at": found["modified_at"], "published_source": "modified"}
    return found
