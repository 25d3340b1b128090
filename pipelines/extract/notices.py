"""Find machine-translation notices in an article's text and move them out of it.

Many outlets add a paragraph such as "This article was translated automatically"
to their translated editions, often in the site's main language rather than the
page's. Such a paragraph is not the article: ``split_notices`` removes it from
the text and returns it, and the article is flagged ``machine_translated``.

A paragraph at the start or end of the text (where notices sit) is a notice when
its own signals agree, with no sentence hard-coded:

- wording: it speaks of automatic or machine translation, in one of the
  languages of ``WORDING`` (English, French, German, Spanish, Portuguese,
  Italian, Dutch, Indonesian/Malay, Chinese, Japanese, Korean, Arabic, Russian,
  Turkish), and is short (a notice, not an article about translation);
- foreign language: its detected language differs from the article's;
- markup: the page wraps it in an element whose class or id says
  ``translat…``, ``disclaimer`` or ``notice``.

Wording is enough for the first or last paragraph; next to them it needs a second
signal. A foreign language inside notice markup is enough. ``page_notices`` finds
the notices that text extraction left out (a disclaimer placed after the body):
short blocks of the page, outside its header, navigation, footer and forms, whose
wording says machine translation.

Teasers: ``drop_teasers`` removes, anywhere in the text, a paragraph that starts
with a "read also" label ("Read also:", "Baca juga:", "Lire aussi", "Lesen Sie
auch", "Lea también", "Leia também", "Leggi anche", "اقرأ أيضا", "相关阅读",
"関連記事"... see ``TEASER``) and is short (a linked headline), a paragraph
that is only a related-news heading ("Related news", "Nouvelles connexes",
"Berita terkait", "相关新闻", "Das könnte Sie auch interessieren!"...) with the
short headline lines that follow it (but a heading label the text prints three times or
more, "Read more" under each card of a resource list, is a link label: only the label
goes, the cards stay), and a paragraph that is only a label of the
page's furniture (``FURNITURE``: "Advertisement", "Anzeige", "Iklan", "3 min read",
"Lesezeit: 2 Minuten", "Subscribe", "Share this:", "Gefällt mir:", "Leave a comment",
"Kommentar verfassen"...).
Plain functions; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lxml import etree

from pipelines.extract import language

EDGE = 2  # paragraphs from the start and the end that are examined
MAX_NOTICE_CHARS = 400
WORDING = re.compile(
    "|".join(
        [
            # English
            r"machine[- ]translat",
            r"auto(?:matic(?:ally)?|-)[- ]?translat",
            r"translated\s+(?:\w+\s+){0,2}?(?:automatically|by (?:an? |the )?(?:ai|machine|"
            r"artificial intelligence|google translate|deepl))",
            r"automatically\s+(?:\w+\s+){0,2}?(?:generated|translated|produced)",
            r"(?:generated|produced)\s+(?:\w+\s+){0,2}?(?:automatically|by (?:an? |the )?ai\b)",
            r"ai[- ]generated translation",
            # French, Spanish, Portuguese, Italian
            r"traduction automatique",
            r"tradu\w* automatiquement",
            r"tradu\w* (?:par|avec) (?:une |l'|l’)?(?:ia|intelligence artificielle)\b",
            r"g[ée]n[ée]r[ée]e?s? automatiquement",
            r"traducci[óo]n autom[áa]tica",
            r"traducido automáticamente",
            r"tradu[çc][ãa]o autom[áa]tica",
            r"traduzid[oa] automaticamente",
            r"traduzione automatica",
            r"tradott[oa] automaticamente",
            # German, Dutch
            r"maschinell(?:e)? [üu]bersetz",
            r"automatisch(?:e)? [üu]bersetz",
            r"automatisch vertaald",
            r"machinevertaling",
            # Indonesian / Malay
            r"terjemahan (?:mesin|otomatis|automatik)",
            r"diterjemahkan (?:secara )?(?:otomatis|automatik|oleh (?:mesin|ai))",
            # Chinese, Japanese, Korean
            r"机器翻译|機器翻譯|自动翻译|自動翻譯|机翻|(?:ai|人工智能)翻译|由ai生成",
            r"機械翻訳|自動翻訳|ai翻訳|自動的に翻訳",
            r"기계\s?번역|자동\s?번역",
            # Arabic, Russian, Turkish
            r"(?:ال)?ترجمة (?:ال)?(?:آلية|تلقائية)|(?:مترجم|ترجمت|تُرجم)\w* آلي",
            r"машинн\w* перевод|автоматическ\w* перевод|переведен\w* автоматически",
            r"makine çevirisi|otomatik (?:olarak )?çevir",
        ]
    ),
    re.IGNORECASE,
)
# a word of each ``WORDING`` phrase, lower-cased: a text without one of them holds none
WORDING_WORDS = (
    *("translat", "automat", "generated", "produced", "tradu", "bersetz", "vertaling"),
    *("terjemah", "翻", "生成", "번역", "رجم", "перев", "çevir"),
)
# the letters re.IGNORECASE matches to a letter of those words that str.lower() does not
# turn into it (then WORDING itself is run)
CASE_FOLDS = ("ı", "İ", "ſ", "\u1c80")  # i, i, s, в


def says_translated(text: str) -> bool:
    """``WORDING.search(text)``, run only when the text holds one of its words."""
    return may_say_translated(text) and WORDING.search(text) is not None


def may_say_translated(text: str) -> bool:
    """Whether ``text`` holds a letter of ``CASE_FOLDS`` or, lower-cased, a word of
    ``WORDING_WORDS``: false when no part of it ``says_translated`` (none of those words
    holds a space, so squashing a part's spaces adds none)."""
    if any(letter in text for letter in CASE_FOLDS):
        return True
    lower = text.lower()
    return any(word in lower for word in WORDING_WORDS)


MARKED = (
    "contains(translate(., 'TRANSLATE', 'translate'), 'translat')"
    " or contains(., 'disclaimer') or contains(., 'notice')"
)
# the elements whose class or id holds one of the words, read from the attributes (the
# same elements, in document order, as ``//*[contains(@class, ...) or ...]``, at half the cost)
MARKUP_XPATH = f"(//@class[{MARKED}] | //@id[{MARKED}])/parent::*"


def squash(text: str) -> str:
    return " ".join(text.split())


MARKUP_WORDS = ("translat", "disclaimer", "notice")  # one is in every name MARKUP_XPATH takes
# each word's test in ``MARKED``, one by one
MARKED_TESTS = dict(zip(MARKUP_WORDS, MARKED.split(" or "), strict=True))


@lru_cache(maxsize=8)
def markup_xpath(words: tuple[str, ...]) -> etree.XPath:
    """``MARKUP_XPATH`` testing only ``words`` of ``MARKUP_WORDS`` (all of them: the same)."""
    marked = " or ".join(MARKED_TESTS[word] for word in words)
    return etree.XPath(f"(//@class[{marked}] | //@id[{marked}])/parent::*")


def marked_texts(tree: Any, names: str | None = None) -> list[str]:
    """Texts of the page's elements marked as translation notes, disclaimers or notices.

    Read from the parsed page before text extraction (which may drop the markup).
    ``names``: the page's class and id values, lower-cased (``htmlmeta.markup_names``):
    a page whose names hold none of ``MARKUP_WORDS`` is not searched, and a word they
    do not hold is not tested (no attribute can hold it: half the search's cost)."""
    if tree is None:
        return []
    words = tuple(w for w in MARKUP_WORDS if names is None or w in names)
    if not words:
        return []
    texts = []
    for element in markup_xpath(words)(tree):
        text = squash(element.text_content())
        if 10 <= len(text) <= 2 * MAX_NOTICE_CHARS:
            texts.append(text)
    return texts


def is_notice(
    paragraph: str, article_language: str | None, marked: list[str], outermost: bool = True
) -> bool:
    """Whether one paragraph near the edge of the text is a machine-translation notice."""
    flat = squash(paragraph)
    if not flat or len(flat) > MAX_NOTICE_CHARS:
        return False
    worded = says_translated(flat)
    if worded and outermost:
        return True
    in_markup = any(flat in text or text in flat for text in marked)
    if not (worded or in_markup) or not article_language:
        return in_markup and worded
    detected, confidence = language.detect(flat)
    foreign = bool(detected and detected != article_language and confidence >= 0.5)
    return foreign or (worded and in_markup)


def split_notices(
    text: str, article_language: str | None, marked: list[str] | None = None
) -> tuple[str, list[str]]:
    """``text`` without its notice paragraphs, and the notices found (in page order)."""
    paragraphs = text.split("\n")
    edges = set(range(min(EDGE, len(paragraphs)))) | set(
        range(max(0, len(paragraphs) - EDGE), len(paragraphs))
    )
    last = len(paragraphs) - 1
    found = [
        i
        for i in sorted(edges)
        if is_notice(paragraphs[i], article_language, marked or [], i in (0, last))
    ]
    if not found or len(found) == len(paragraphs):
        return text, []
    kept = [p for i, p in enumerate(paragraphs) if i not in found]
    return "\n".join(kept), [paragraphs[i].strip() for i in found]


TEASER_LABELS = [
    # English
    r"read (?:also|more|next)", r"also read", r"see also", r"related(?: (?:articles?|stor(?:y|ies)|"
    r"news|coverage|reading|posts?|content))?", r"recommended(?: (?:articles?|stories|reading))?",
    r"more (?:on this|from|stories|news)", r"you (?:may|might) also like", r"don'?t miss",
    r"watch(?: also| more)",
    # Indonesian / Malay
    r"baca (?:juga|pula|selengkapnya)", r"simak (?:juga|pula)", r"lihat juga", r"berita terkait",
    r"artikel terkait", r"baca artikel", r"tonton juga",
    # French
    r"lire (?:aussi|également|la suite)", r"à lire (?:aussi|également)", r"voir aussi",
    r"nouvelles connexes", r"articles? (?:connexes|liés|similaires)", r"sur le même sujet",
    r"découvrir aussi", r"à voir (?:aussi)?",
    # German
    r"lesen sie (?:auch|mehr|hier)", r"auch interessant", r"mehr zum thema", r"siehe auch",
    r"das könnte sie (?:auch )?interessieren", r"weiterlesen", r"passend zum thema",
    # Spanish, Portuguese, Italian
    r"lea (?:también|además)", r"lee (?:también|además)", r"te puede interesar",
    r"noticias relacionadas", r"ver también", r"leia (?:também|mais)", r"veja (?:também|mais)",
    r"notícias relacionadas", r"saiba mais", r"leggi anche", r"potrebbe interessarti",
    r"articoli correlati",
    # Dutch
    r"lees ook", r"zie ook",
    # Arabic, Chinese, Japanese, Korean, Russian, Turkish
    r"اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|إقرأ أيضا|مواضيع ذات صلة|أخبار ذات صلة|اقرأ المزيد",
    r"相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关文章|相關文章|推荐阅读|推薦閱讀|阅读更多|更多阅读",
    r"関連記事|関連ニュース|あわせて読みたい|こちらもおすすめ|こちらも読まれています",
    r"관련 ?기사|함께 보면 좋은",
    r"читайте также|по теме", r"ayrıca okuyun|ilgili haberler",
]  # fmt: skip
TEASER = re.compile(
    r"^\s*[\[(【「«»>•▶►*-]*\s*(?:" + "|".join(TEASER_LABELS) + r")\s*[\])】」»]*\s*"
    r"(?:[:：>»|›•–—-]+|\.{3}|…)\s*",
    re.IGNORECASE,
)
HEADING_ONLY = re.compile(
    r"^\s*(?:" + "|".join(TEASER_LABELS) + r")\s*[:：!！?？]?\s*$", re.IGNORECASE
)
# A paragraph that is only a label of the page's furniture: an ad slot, a reading time,
# a newsletter or comment prompt, a share or like bar (in the project's languages).
FURNITURE_LABELS = [
    # ad slots
    r"advertisement|advertisment|sponsored|anzeige|werbung|publicité|publicidad|publicidade"
    r"|pubblicità|iklan|gesponsert|sponsorisé|patrocinado|реклама|reklam|إعلان|广告|廣告|広告|광고",
    # reading time
    r"-?\s*\d+\s*(?:min(?:ute)?s?\.?|minuten?)\s*(?:read|lesezeit|de lecture|de leitura"
    r"|de lectura|baca)",
    r"(?:lesezeit|reading time|temps de lecture|tiempo de lectura|waktu baca)\s*:?\s*\d+\s*"
    r"(?:min\w*\.?)",
    # newsletter prompts
    r"subscribe(?: now)?|sign up for our newsletter|join our (?:\w+ )?newsletter"
    r"|newsletter abonnieren|jetzt abonnieren|abonnez-vous|suscríbete|iscriviti|berlangganan",
    # share and like bars, comment prompts
    r"share this(?: article| story)?|like this|gefällt mir|bloggern gefällt das|teilen mit"
    r"|diesen beitrag teilen|partager (?:cet article|sur)|compartir|bagikan",
    r"leave a (?:comment|reply)|kommentar (?:verfassen|schreiben)|schreibe einen kommentar"
    r"|laisser un commentaire|deja un comentario|deixe um comentário|lascia un commento"
    r"|tinggalkan (?:komentar|balasan)",
]  # fmt: skip
FURNITURE = re.compile(r"^\s*(?:" + "|".join(FURNITURE_LABELS) + r")\s*[:：!.]?\s*$", re.IGNORECASE)
MAX_TEASER_CHARS = 250
MAX_TEASER_LINES = 10
LINK_LABEL_REPEATS = 3  # a heading label printed this often is each card's link label


def is_teaser(paragraph: str) -> bool:
    """A "read also: <headline>" paragraph (a label, then a short headline)."""
    match = TEASER.match(paragraph)
    return bool(match) and len(paragraph) <= MAX_TEASER_CHARS and bool(paragraph[match.end() :])


def drop_teasers(text: str) -> str:
    """``text`` without its "read also" paragraphs and related-news lists (see the module)."""
    paragraphs = text.split("\n")
    heading = [HEADING_ONLY.match(p) is not None for p in paragraphs]  # matched once each
    headings = [p.strip().lower() for p, h in zip(paragraphs, heading, strict=True) if h]
    labels = {h for h in headings if headings.count(h) >= LINK_LABEL_REPEATS}
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if heading[index]:
            index += 1
            if paragraph.strip().lower() in labels:
                continue  # a card's link label: the label goes, the card stays
            # the heading, then the short headline lines under it
            taken = 0
            while (
                index < len(paragraphs)
                and taken < MAX_TEASER_LINES
                and len(paragraphs[index]) <= 150
                and not re.search(r"[.!?。！？]\s*$", paragraphs[index].strip())
            ):
                index += 1
                taken += 1
            continue
        if not is_teaser(paragraph) and not FURNITURE.match(paragraph):
            kept.append(paragraph)
        index += 1
    if not any(p.strip() for p in kept):
        return text  # never everything
    return "\n".join(kept)


PAGE_BLOCKS = "//p | //div[not(*)] | //small | //em | //span[not(*)]"
# the text nodes of those blocks, each once, in document order (``smart_strings`` off)
BLOCK_TEXTS = etree.XPath(
    "(/descendant::p | /descendant::div[not(*)] | /descendant::small | /descendant::em"
    " | /descendant::span[not(*)])/descendant::text()",
    smart_strings=False,
)
OUTSIDE = {"header", "nav", "footer", "form", "select", "option", "button", "menu", "script"}


def page_notices(tree: Any, text: str) -> list[str]:
    """Machine-translation notices on the page that the extracted text does not hold.

    A block's text is a run of the blocks' text nodes (``BLOCK_TEXTS``), so when their
    text joined cannot say translated (``may_say_translated``: nine pages in ten), no
    block's can and none is read one by one."""
    if tree is None or not may_say_translated("".join(BLOCK_TEXTS(tree))):
        return []
    found: list[str] = []
    flat_text = squash(text)
    for element in tree.xpath(PAGE_BLOCKS):
        notice = squash(element.text_content())
        if not 20 <= len(notice) <= MAX_NOTICE_CHARS or not says_translated(notice):
            continue
        if notice in found or notice in flat_text:
            continue
        if any(a.tag in OUTSIDE for a in [element, *element.iterancestors()]):
            continue
        found.append(notice)
    return found
