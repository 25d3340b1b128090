"""Drop the page's furniture that the extracted text opens with.

Before an article's first paragraph, trafilatura often keeps a line of the page around
it: the date alone ("March 4, 2026", "Updated on 04.03.2026 at 10:00 am"), a "table of
contents" label, "Listen to this article", "Skip to main content", "You are here:",
"Share this post", "Estimated reading time:". The date is in the article's metadata,
the labels are the page's. ``drop_opening_furniture(text)`` removes, among the first
``EDGE`` paragraphs, those that are only such a line (``OPENING``: a date in numbers or
with an English month name, after an optional "published"/"updated"/"posted" label and
with an optional time; the labels in English, German, French, Spanish and Indonesian). A
date inside a sentence, and a line further down (a dated list), stay. The text is never
emptied.
Plain functions; no Scrapy. Settings read: none. Stats: none (``pipelines.extract.page``
names the cut, counted by the item pipeline).
"""

from __future__ import annotations

import re

EDGE = 3  # the first paragraphs examined (3, 5 and all tried on WCXB dev's tune part)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = (
    rf"(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
TIME = r"(?:\s*(?:at\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
LABEL = r"(?:(?:first |last )?(?:published|updated|posted|modified|date)(?: on)?:?\s*)"
OPENING = re.compile(
    rf"^\W*(?:{LABEL}?{DATE}{TIME}"
    r"|listen to this article.*|table of contents?|contents|skip to (?:main )?content"
    r"|you are here:?|share this (?:post|article|story):?|estimated reading time:?"
    r"|inhaltsverzeichnis|artikel anhören|sommaire|écouter cet article"
    r"|tabla de contenidos?|índice|escuchar (?:este )?artículo|daftar isi)\W*$",
    re.IGNORECASE,
)


def drop_opening_furniture(text: str) -> str:
    """``text`` without the date and page labels it opens with (see the module)."""
    lines = text.split("\n")
    kept = [line for i, line in enumerate(lines) if i >= EDGE or not OPENING.match(line)]
    if len(kept) == len(lines) or not any(line.strip() for line in kept):
        return text
    return "\n".join(kept)
