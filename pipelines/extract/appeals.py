"""Cut the appeal to the reader that the extracted text ends with.

After the article, pages ask the reader for something: to sign up for a newsletter ("Get
our best stories delivered to your inbox"), to allow notifications, to donate ("We need
your help to keep publishing", "Support independent journalism"), to fill out a form.
trafilatura keeps the line as the article's last paragraph. ``drop_closing_appeal(text)``
cuts the text from the first of its last ``EDGE`` paragraphs that is such an appeal
(``APPEAL``, in the project's languages: English, German, French, Spanish, Portuguese,
Italian, Dutch, Indonesian) and short (``MAX_WORDS`` words or fewer: a prompt, not a
paragraph of an article about newsletters), with what follows it. The first paragraph is
never cut.
Plain functions; no Scrapy. Settings read: none. Stats: none (``pipelines.extract.page``
names the cut, counted by the item pipeline).
"""

from __future__ import annotations

import re

from pipelines.extract.text import cut_from_last

EDGE = 3  # the last paragraphs examined (2, 3 and 4 tried on WCXB dev's tune part)
MAX_WORDS = 60  # a longer paragraph is the article's (40, 60 and 80 tried)
APPEAL = re.compile(
    "|".join(
        [
            # English: newsletters and notifications
            r"\b(?:sign up|subscribe|join|register)\b.{0,40}\b(?:newsletters?|mailing list"
            r"|updates|inbox|latest (?:news|posts|stories|articles))",
            r"\b(?:sign up|subscribe)\b.{0,60}\bstay (?:up to date|informed|in the loop|updated)\b",
            r"\b(?:delivered|sent|straight|directly|right)\b.{0,30}\b(?:to|in|into) your"
            r" (?:inbox|e-?mail)",
            r"\b(?:in|to) your inbox\b",
            r"\breceive (?:\w+ )?notifications\b",
            # English: donations and forms
            r"\bwe need your (?:help|support)\b",
            r"\bsupport (?:our|independent|quality|local) (?:journalism|reporting|work)\b",
            r"\bdonat(?:e|ions?)\b.{0,40}\b(?:journalism|newsroom|keep|support)",
            r"\bfill (?:out|in) the form\b",
            # German, French, Spanish, Portuguese, Italian, Dutch, Indonesian
            r"\bnewsletter (?:abonnieren|bestellen)\b|\bin ihr(?:em)? postfach\b"
            r"|\bunterstützen sie (?:unseren |unabhängigen )?journalismus\b",
            r"\b(?:abonnez|inscrivez)-vous à (?:notre|la) (?:newsletter|lettre)\b"
            r"|\bdans votre boîte (?:mail|de réception)\b|\bsoutenez (?:notre|le) journalisme\b",
            r"\bsuscr[ií]bete a (?:nuestro|el|la) (?:bolet[ií]n|newsletter)\b"
            r"|\ben tu (?:bandeja de entrada|correo)\b|\bapoya (?:nuestro|el) periodismo\b",
            r"\b(?:assine|inscreva-se (?:na|em)) (?:a )?(?:nossa )?newsletter\b"
            r"|\bapoie o (?:nosso )?jornalismo\b",
            r"\biscriviti alla (?:nostra )?newsletter\b|\bsostieni il (?:nostro )?giornalismo\b",
            r"\bschrijf je in voor (?:onze|de) nieuwsbrief\b|\bin je (?:mailbox|inbox)\b",
            r"\bberlangganan (?:newsletter|buletin)\b|\bdukung jurnalisme\b",
        ]
    ),
    re.IGNORECASE,
)


def is_appeal(paragraph: str) -> bool:
    """Whether ``paragraph`` is a short appeal to the reader (see the module)."""
    return len(paragraph.split()) <= MAX_WORDS and bool(APPEAL.search(paragraph))


def drop_closing_appeal(text: str) -> str:
    """``text`` without the appeal to the reader it ends with, and what follows it."""
    return cut_from_last(text, EDGE, is_appeal)
