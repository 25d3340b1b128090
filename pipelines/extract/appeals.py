"""Cut the appeal to the reader that the extracted text ends with.

After the article, pages ask the reader for something: to sign up for a newsletter ("Get
our best stories delivered to your inbox"), to allow notifications, to donate ("We need
your help to keep publishing", "Support independent journalism"), to fill out a form.
trafilatura keeps the line as the article's last paragraph. ``drop_closing_appeal(text)``
cuts the text from the first of its last ``EDGE`` paragraphs that is such an appeal
(``APPEAL``, in the project's languages: English, German, French, Spanish, Portuguese,
Italian, Dutch, Indonesian) and short (``MAX_WORDS`` words or fewer: a prompt, not a
paragraph of an article about newsletters), with what follows it. A call to action is
cut the same way: a button's label (``BUTTON_WORDS`` words or fewer: "Book a demo",
"Get started today", "Contact us today!", "Jetzt anmelden", "Contactez-nous"), a short
question put to the reader (``QUESTION``: "Need more help?", "Not sure what to do next?",
"Ready to grow?") or a line that asks the reader to follow the site or its writer on
social media (``FOLLOW``, ``MAX_WORDS`` words or fewer: "Follow me on Instagram for new
recipes"); a line with a URL is none (an address in the article's own list of links).
A company's closing paragraph about its own services ("Ready to get started? Contact us
today and speak to our specialists") is often the article's last paragraph in WCXB's
truth, so a longer line with the same words stays. The first paragraph is never cut.
Plain functions; no Scrapy. Settings read: none. Stats: none (``pipelines.extract.page``
names the cut, counted by the item pipeline).
"""

from __future__ import annotations

import re

from pipelines.extract.text import cut_from_last

EDGE = 4  # the last paragraphs examined (2 to 6 tried on WCXB dev's tune part; 3 before CTAs)
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

BUTTON_WORDS = 8  # a button's label; a longer line is a sentence (of the article, often)
BUTTON = re.compile(
    "|".join(
        [
            # English
            r"\b(?:book|request|schedule|get|see|try|watch|start) (?:a |your |the |our )?"
            r"(?:free )?(?:demo|quote|consultation|trial|free trial)\b",
            r"\b(?:sign up|get started|register|join|apply|subscribe|enroll|book|contact us"
            r"|call us|shop|order)\b.{0,15}\b(?:today|now|for free)\b",
            r"^\W*(?:contact us|get in touch|download now|sign up|get started"
            r"|request information|try (?:it )?(?:for )?free)\W*$",
            # German, French, Spanish, Portuguese, Italian, Dutch, Indonesian
            r"\bjetzt (?:anmelden|registrieren|abonnieren|bestellen|buchen|kontaktieren"
            r"|herunterladen)\b|\bdemo anfordern\b|^\W*kontaktieren sie uns\W*$",
            r"^\W*(?:inscrivez-vous|contactez-nous|demandez une démo|demander un devis"
            r"|essayez gratuitement)\W*$",
            r"^\W*(?:reg[ií]strate|suscr[ií]bete|cont[aá]ctanos|solicita una demo"
            r"|pide (?:tu )?presupuesto)\W*$",
            r"^\W*(?:inscreva-se|cadastre-se|fale conosco|entre em contato"
            r"|solicite uma demonstração)\W*$",
            r"^\W*(?:iscriviti(?: ora)?|contattaci|richiedi una demo|richiedi un preventivo)\W*$",
            r"^\W*(?:meld je aan|neem contact (?:met ons )?op|vraag een demo aan"
            r"|vraag een offerte aan)\W*$",
            r"^\W*(?:daftar sekarang|hubungi kami|minta demo)\W*$",
        ]
    ),
    re.IGNORECASE,
)
QUESTION = re.compile(
    r"^\W*(?:ready to|want to|want more|looking for|need (?:more )?help|not sure|interested in"
    r"|still have questions|have (?:any )?questions|got questions|brauchen sie hilfe"
    r"|besoin d'aide|¿necesitas ayuda|precisa de ajuda|hai bisogno di aiuto|hulp nodig"
    r"|butuh bantuan)\b[^.!?]{0,60}[?!]\s*$",
    re.IGNORECASE,
)
FOLLOW = re.compile(
    r"\b(?:follow (?:me|us)|find (?:me|us)|join (?:me|us)|folgen sie (?:uns|mir)|folge (?:mir|uns)"
    r"|suivez-(?:nous|moi)|s[ií]guenos|sígueme|siga-nos|segue-nos|seguici|seguimi"
    r"|volg (?:ons|mij)|ikuti kami)\s+(?:on|auf|sur|en|no|na|nas|su|op|di)\s+(?:instagram"
    r"|facebook|twitter|x|tiktok|pinterest|youtube|linkedin|threads|bluesky|social media"
    r"|den sozialen medien|les réseaux sociaux|(?:las )?redes sociales|(?:as )?redes sociais"
    r"|i social|sociale media|media sosial)\b",
    re.IGNORECASE,
)
URL = re.compile(r"https?://|www\.")


def is_call_to_action(paragraph: str) -> bool:
    """Whether ``paragraph`` is a button's label, a short question to the reader or a
    request to follow the site on social media (see the module)."""
    size = len(paragraph.split())
    if size > MAX_WORDS or URL.search(paragraph):
        return False
    if size <= BUTTON_WORDS and (BUTTON.search(paragraph) or QUESTION.match(paragraph)):
        return True
    return bool(FOLLOW.search(paragraph))


def is_appeal(paragraph: str) -> bool:
    """Whether ``paragraph`` is a short appeal to the reader (see the module)."""
    if len(paragraph.split()) > MAX_WORDS:
        return False
    return bool(APPEAL.search(paragraph)) or is_call_to_action(paragraph)


def drop_closing_appeal(text: str) -> str:
    """``text`` without the appeal to the reader it ends with, and what follows it."""
    return cut_from_last(text, EDGE, is_appeal)
