"""Author rules: from JSON-LD, meta tags or a byline to a clean list of person names.

``clean_authors`` takes raw author strings and returns names: byline labels ("By",
"Oleh", "Par", "Von", "作者："...) removed, multi-author bylines split ("A, B and C", "A
dan B", "A et B", "A und B", "A y B", "A、B", "A، B"), dates, times (after a weekday too:
"Fr, 18. Oktober 2019") and "Updated ..." tails cut off, roles ("Staff Writer",
"Reporter", "Redaktur", "Correspondant", "Consultant", "Geschäftsführerin"...; after a
name of two words, a role word cuts the rest even without a comma: "Tom Reyes Senior
Autos Reporter", and so does a rank before its role: "Matt Reyes Head Winemaker", never
"Edith Head") and the links of an author box ("Alle Artikel", "Kategorien: ...") and
agency or desk names (parenthesised or alone) dropped, the site's own name refused
(unless it is a person's, ``personal_site``: "Jane Doe" writing on her own site),
all-capitals names title-cased, duplicates removed. Conjunctions that are also particles
of surnames ("y", "e": "José Ortega y Gasset") split only between two names of two words
or more.
A social profile's address read as words ("Www Facebook Com") names nobody; "Zum Profil
von" and "Profile of" are labels, and a name written twice in a row ("Ana Lind Ana Lind",
a link's text and its title) is written once (``once``).
Credentials ("MS", "RD", "Ph.D.") and a one-word piece after a comma that follows a
full name (a place: "Jane Doe, Frankfurt") are not names; in the next author string, a
one word after a full name is no name when it is a beat, a section or a rank (``BEATS``:
["Jane Doe Writer", "Hardware"]) or follows a title that named nobody (her employer:
["Jane Doe", "Trial Attorney", "Morgan"]), and is kept otherwise (["Jane Doe",
"Bono"]); nor is a title after a full name
whose role is cut and whose rest names a field (``titled``: "Jane Doe, Home and
Digital Security Expert"). "This post was written by" and "Contributors:" are labels;
a byline whose label follows an update's date ("Updated March 4, 2026 Written by Ana
Lind") is read from that label (``after_dated_label``).

News agencies are credits, not authors: ``people_and_credits`` returns both
lists, the credits by their usual names (``AGENCIES``: "dpa", "AFP", "Reuters",
"AP"...), found alone, in parentheses ("(dpa)"), or joined ("dpa/AFP"). A desk or
a team ("News Desk", "Podium Staff", "The Investopedia Team", "Community Editor")
is a credit too, as written, and so is a byline naming only the site or another
organisation when the page names no person;
``text_credits`` finds them in a dateline at the start of the text
("Berlin (dpa) - ...") or a credit line at its end ("(AFP)", "© dpa").

``byline_authors`` reads bylines from the page's markup
(``rel=author``, ``itemprop=author``, ``.byline``, ``.author``; the text of its
children joined with spaces, so "<span>Geschrieben von</span><a>Jana Berger</a>" keeps
its label apart) for pages whose JSON-LD and meta tags name nobody, else the byline
printed under the headline, else just above it (``text_byline``: "By Ana Lind",
"<p>Written by</p><p>Ana Lind</p>", "Von Jana Berger"; never choices: "By Course or
Type"). Labels in the project's languages ("Geschrieben von", "Publié par", "Escrito
por", "Ditulis oleh", "View all posts by"...) are cut; a
reviewer's byline ("Medically reviewed by") is not the author's. A printed byline that
names other persons than the meta tags wins over them (``printed_over_declared``: the
meta author is often the account that posted).
Plain functions; no Scrapy. Settings read: none. Stats: none.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from pipelines.extract import pagedates
from pipelines.extract.dates import MONTHS
from pipelines.extract.pagedates import UNSEEN

LABELS = (  # the longer phrases first: "geschrieben von" before "von"
    r"(?:view|see|read)\s+(?:all\s+)?(?:posts|articles|stories)\s+by|(?:more\s+)?posts\s+by|"
    r"(?:zum\s+)?profil\s+von|(?:view\s+)?profile\s+of|"
    r"read\s+more\s+about|(?:this\s+(?:post|article|story|guide)\s+(?:was|is)\s+)written\s+by|"
    r"(?:zeige\s+)?alle\s+(?:beiträge|artikel)\s+von|(?:ein\s+)?beitrag\s+von|"
    r"(?:geschrieben|veröffentlicht|verfasst|gepostet)\s+von|"
    r"(?:écrit|publié|rédigé)e?\s+par|(?:escrito|publicado|redactado)\s+por|"
    r"(?:scritto|pubblicato)\s+da|(?:ditulis|diterbitkan)\s+oleh|"
    r"(?:posted|published|recipe|photos?)\s+by|(?:ein\s+)?(?:artikel|bericht|text)\s+von|"
    r"autoren|authors|contributors?|contributed\s+by|"
    r"by|written by|reported by|words by|story by|text by|from|oleh|penulis|reporter|"
    r"editor|author|autor|autorin|auteur|interview|text|par|de|por|von|di|door|av|af|"
    r"작성자|作者|記者|文|بقلم"
)
BYLINE_PREFIX = re.compile(rf"^\s*(?:{LABELS})\s*[:：]?\s+|^\s*(?:{LABELS})\s*[:：]\s*", re.I)
LABEL_AFTER_DATE = re.compile(  # "Posted on May 2, 2026 by Ana Lind", "| Von Jana Berger"
    rf"(?:(?<=\d\s)|(?<=[|•·—–]\s)|(?<=[|•·—–]))(?:{LABELS})\s*[:：]?\s+(?=\S)", re.I
)
BYLINE_END = re.compile(r"\s*(?:[|•·(\[]|\s[—–-]\s|\d)")  # what follows the name in its line
NOT_WRITER = re.compile(  # a label that names a reviewer, an editor or a photographer
    r"(?:reviewed|fact[- ]?checked|edited|illustrated|photographed|geprüft|lektoriert|"
    r"révisé|revisado|verificado)\s*$",
    re.I,
)
BYLINE_LABEL_ALONE = re.compile(rf"^\s*(?:{LABELS})\s*[:：]?\s*$", re.I)  # "Written by"
TEXT_BYLINE_REACH = 1000  # characters of text from the headline's start searched for a byline
ALTERNATIVES = re.compile(r"\s(?:or|oder|ou|atau)\s")  # choices, never co-authors
BYLINE_ABOVE = 120  # characters of text just before the headline read for a byline above it
TEXT_BYLINE_CHARS = 80  # the longest byline read from the text
BYLINE_SMALL_WORDS = 3  # words in lower case a byline in the text may hold ("und", "van")
WEAK_LABELS = {
    "text", "from", "de", "di", "editor", "reporter", "author", "autor", "autorin", "auteur",
    "interview", "penulis", "文", "contributor", "contributors",
}  # fmt: skip
AUTHOR_SPLIT = re.compile(  # lower-case conjunctions only: "Dan Davies" is a name
    r"\s*(,|;|\||&|/|\b(?i:and|with)\b|\bdan\b|\bet\b|\bund\b|\by\b|\be\b|\ben\b|\bog\b|"
    r"\boch\b|、|，|،|\sو\s)\s*"
)
PARTICLES = {"y", "e"}  # conjunctions that also join surnames: "Ortega y Gasset"
AGENCIES = {
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "antara": "Antara",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "jiji": "Jiji",
    "yonhap": "Yonhap",
    "ansa": "ANSA",
    "efe": "EFE",
    "agencia efe": "EFE",
    "agenzia ansa": "ANSA",
    "europa press": "Europa Press",
    "lusa": "Lusa",
    "agência brasil": "Agência Brasil",
    "apa": "APA",
    "sda": "SDA",
    "kna": "KNA",
    "epd": "epd",
    "sid": "SID",
    "belga": "Belga",
    "anp": "ANP",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "pti": "PTI",
    "ians": "IANS",
    "bernama": "Bernama",
    "aap": "AAP",
    "upi": "UPI",
    "wam": "WAM",
    "mena": "MENA",
    "kantor berita antara": "Antara",
    "新华社": "Xinhua",
    "共同通信": "Kyodo",
    "時事通信": "Jiji",
}
CREDIT_PAREN = re.compile(r"\(([^()]{2,40})\)|\[([^\[\]]{2,40})\]")
CREDENTIAL = re.compile(r"^(?:[A-Z]{2,5}|[Pp]h\.?\s?[Dd]|M\.D|[A-Z]{1,4}(?:-[A-Z]{1,4})+)\.?$")
LATIN = re.compile(r"[A-Za-z]")
DATE_TAIL = re.compile(
    r"\s*(?:[-–—|·•]\s*)?(?:\b(?:updated|published|posted|last modified|diperbarui|"
    r"dipublikasikan|diterbitkan|mis à jour|publié|aktualisiert|veröffentlicht|actualizado|"
    r"publicado|更新|発行|on|am|at|um|le|pada)\b\s*[:：]?\s*)?(?:\d|\b(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec|januari|februari|maret|mei|juni|juli|agustus|oktober|desember|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|"
    r"sabtu|minggu)[a-z]*\b\.?\s*\d|\b(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag)\b\.?,\s*\d).*$",  # "Fr, 18. Oktober 2019"
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
    r"corresponsal|redactor|redactora|記者|特派員|编辑|记者|مراسل|محرر|"
    r"tech|technology|autos|health|politics|finance|travel|lifestyle|culture|entertainment|"
    r"consultant|expert|attorney|lawyer|director|founder|co-founder|ceo|president|manager|"
    r"officer|professor|dietitian|nutritionist|specialist|advisor|adviser|strategist|former|"
    r"coordinator|content|"
    r"geschäftsführer|geschäftsführerin|leiter|leiterin|sprecher|sprecherin"
)
CALENDAR_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|"
    r"wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|last|updated|published"
)
CALENDAR = re.compile(rf"(?:{CALENDAR_WORDS})\.?", re.I)
TAIL_WORDS = (  # not May, June, July, August: surnames too ("Theresa May"); "Stand": as of
    r"january|february|march|april|september|october|november|december|last|updated|published"
    r"|stand"
)
CALENDAR_TAIL = re.compile(rf"(?<=\w\s)\s*(?:\b(?:{TAIL_WORDS})\b[.:]?\s*)+$", re.I)
PUBLICATION_TAIL = re.compile(  # "Brendan Carlin For The Mail On Sunday"
    r"\s+(?i:for|für|pour|para)\s+(?:(?i:the|die|der|le|la|el)\s+)?[A-Z].*$"
)
WEEKDAY_TAIL = re.compile(  # "Posted by Ana Lind on Tuesday, ...": not "Joe Friday"
    r"\s+(?:on|am|le|el)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    r"\b.*$",
    re.I,
)
SOCIAL = re.compile(  # a profile's address read as words: "Www Facebook Com"
    r"\b(?:facebook|twitter|instagram|linkedin|youtube|pinterest|tiktok)[\s.]+com\b", re.I
)
RANKS = {"Head", "Lead"}  # written before the role they rank, and surnames too
ROLE_ONLY = re.compile(rf"^(?:(?:{ROLES})s?\b\s*)+$", re.I)
ROLE_WORD = re.compile(rf"(?:{ROLES})s?", re.I)
BYLINE_JUNK = re.compile(  # links of an author box read with the name
    r"\s*(?:[•|·]\s*)?(?:\b(?:alle\s+(?:artikel|beiträge)|all\s+(?:articles|posts)|"
    r"kategorien?|categories|category|shares|follow|hace)\b.*)?\s*[•|·]?\s*$",
    re.I,
)
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
COLLECTIVE = re.compile(
    r"\b(?:team|staff|editors|desk|newsroom|contributors|redaksi|redaktion|rédaction|"
    r"redacción)$",
    re.I,
)
CONTROLS = {
    "name", "follow", "no author", "share", "profile",
    "view profile", "more", "read more",
}  # fmt: skip
PLACEHOLDER = re.compile(r"^(?:\{\{.*|[a-z]+(?:[._][a-z]+){2,})$")  # "page.head.extra.author"
NO_CREDIT = {"admin", "administrator", "author", "the author", "autor", "auteur", "penulis", "our"}
# read from the attributes: the elements ``//*[@rel='author'] | //*[@itemprop='author'] |
# //*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')] | ...`` select, in
# document order, at half the cost (only the elements that have the attribute are tested)
# The byline markup: an element with rel="author", itemprop="author", or a class
# "byline", "author" or "author-name". The XPath only finds the candidates (a class that
# holds "byline" or "author" anywhere: a cheaper test than splitting every class value);
# ``byline_elements`` keeps those whose class has one of the names as a whole word.
BYLINE_XPATH = etree.XPath(
    "//@rel[. = 'author'] | //@itemprop[. = 'author']"
    " | //@class[contains(., 'byline') or contains(., 'author')]"
)
BYLINE_CLASSES = {"byline", "author", "author-name"}
XML_SPACE = re.compile("[ \t\n\r]+")  # the whitespace XPath's normalize-space() folds


def byline_elements(tree: Any) -> list[Any]:
    """The elements of the byline markup (``BYLINE_XPATH``), in document order."""
    found: dict[Any, None] = {}
    for attribute in BYLINE_XPATH(tree):
        if attribute.attrname == "class" and not BYLINE_CLASSES & set(XML_SPACE.split(attribute)):
            continue
        found[attribute.getparent()] = None
    return list(found)


def _squash(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def clean_name(part: str, blocked: set[str]) -> str | None:
    """One name from one piece of a byline, or ``None`` when it is not a person's name."""
    part = BYLINE_PREFIX.sub("", part.strip())
    part = ROLE_TAIL.sub("", CALENDAR_TAIL.sub("", ROLE_TAIL.sub("", part)))
    part = BYLINE_JUNK.sub("", role_cut(part))
    part = once(part.strip(" .-–—:()[]\"'«»“”"))
    if no_name(part) or part.casefold() in NOT_PEOPLE or part.casefold() in NO_CREDIT:
        return None
    squashed = _squash(part)
    if any(b and (squashed == b or (len(b) > 3 and b in squashed)) for b in blocked):
        return None
    if part.isupper() and len(part) > 3:
        part = part.title()
    return part


def once(part: str) -> str:
    """``part`` whose words come twice in a row written once: "Ana Lind Ana Lind" (a
    link's text and its title, an avatar's alt text) is "Ana Lind", a user's name
    "harbourfan harbourfan" is "harbourfan"; one capitalised word twice is a name ("Aye
    Aye")."""
    words = part.split()
    half = len(words) // 2
    if not half or words[:half] != words[half:] or (half == 1 and words[0][:1].isupper()):
        return part
    return " ".join(words[:half])


def role_cut(part: str) -> str:
    """``part`` up to a role word that follows a name of two words or more, with no
    comma between: "Keith Barry Senior Autos" is "Keith Barry", "Liz Kenny Former
    McKinsey" is "Liz Kenny" (``ROLE_TAIL`` took the last role word first); a rank that
    is also a surname ("Head") only before another word: "Matt Reyes Head Winemaker"."""
    words = part.split()
    for at in range(2, len(words)):
        rank = words[at] in RANKS and at + 1 < len(words)  # "Head Winemaker", not "Edith Head"
        if rank or ROLE_WORD.fullmatch(words[at].strip(".,")):
            return " ".join(words[:at])
    return part


def agency(value: str) -> str | None:
    """The usual name of the news agency ``value`` names, if it names one."""
    return AGENCIES.get(" ".join(value.casefold().strip(" .-–—:©").split()))


def _pieces(value: str) -> list[str]:
    """A byline split into name pieces (particles split only between two full names)."""
    tokens = AUTHOR_SPLIT.split(value)
    pieces, joiners = tokens[0::2], tokens[1::2]
    merged = [pieces[0]]
    for joiner, piece in zip(joiners, pieces[1:], strict=False):
        if joiner.strip().casefold() in PARTICLES and (
            len(merged[-1].split()) < 2 or len(piece.split()) < 2
        ):
            merged[-1] = f"{merged[-1]} {joiner.strip()} {piece}"
        else:
            merged.append(("," if joiner.strip() == "," else "") + piece)
    return merged


ORGANISATION_WORDS = {
    "news", "media", "times", "post", "daily", "journal", "gazette", "magazine", "press",
    "group", "inc", "llc", "ltd", "company", "team", "staff", "network", "tv", "radio",
    "online", "blog", "review", "tribune", "herald", "observer", "weekly", "digital",
    "studio", "studios", "agency", "institute", "university", "foundation", "center",
    "centre", "association", "club", "store", "shop", "guide", "labs", "lab", "health",
    "insurance", "bank", "security", "light", "net", "world", "hub", "house", "home",
    "kompas", "berita", "zeitung", "nachrichten", "actualités", "noticias", "diario",
}  # fmt: skip
BEATS = {  # a newsroom's beats, sections and ranks: one word alone in an author string
    "hardware", "software", "gaming", "games", "mobile", "apps", "security", "privacy",
    "science", "sciences", "health", "wellness", "fitness", "nutrition", "food", "travel",
    "sports", "sport", "politics", "business", "economy", "markets", "money", "finance",
    "opinion", "world", "national", "local", "metro", "culture", "arts", "books", "music",
    "movies", "film", "tv", "television", "entertainment", "lifestyle", "style", "fashion",
    "beauty", "home", "garden", "auto", "autos", "cars", "reviews", "deals", "shopping",
    "education", "environment", "climate", "energy", "weather", "crime", "law", "legal",
    "parenting", "pets", "technology", "tech", "news", "features", "investigations",
    "head", "lead", "chief", "intern", "staff", "management", "marketing", "sales",
    "communications", "operations", "engineering", "research", "product", "design",
    "wirtschaft", "politik", "kultur", "wissenschaft", "gesundheit", "reise", "technik",
    "panorama", "lokales", "meinung", "feuilleton", "ressortleiter", "ressortleiterin",
    "économie", "politique", "santé", "société", "monde", "chef", "cheffe", "rubrique",
    "economía", "política", "cultura", "salud", "ciencia", "deportes", "tecnología",
    "sociedad", "internacional", "opinión", "jefe", "jefa", "economia", "politica",
    "salute", "scienza", "tecnologia", "cronaca", "esteri", "ekonomi", "olahraga",
    "teknologi", "kesehatan", "hiburan",
}  # fmt: skip
PERSON_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")


def personal_site(site_name: str | None) -> bool:
    """A site named after a person ("Jane Doe"): its name is its author's, not a template.

    Two or three capitalised words of letters, none a word that names an organisation."""
    words = (site_name or "").split()
    return (
        2 <= len(words) <= 3
        and all(PERSON_WORD.match(w) and w[0].isupper() for w in words)
        and not any(w.casefold().strip(".") in ORGANISATION_WORDS for w in words)
        and not any(w.isupper() and len(w) > 1 for w in words)
    )


def people_and_credits(raw: list[str], site_name: str | None = None) -> tuple[list, list]:
    """(person names, agency credits) from author strings; what is neither is dropped.

    The site's own name is no author, unless the site is named after a person."""
    blocked = set() if personal_site(site_name) else {_squash(site_name or "")}
    cleaned: list[str] = []
    credits: list[str] = []
    others: list[str] = []  # bylines that name no person (``non_person``)
    previous_full = False
    after_title = False  # the author string before named nobody: a title, a role
    for value in raw:
        if not isinstance(value, str) or re.search(r"://|www\.", value) or SOCIAL.search(value):
            continue
        value = html_lib.unescape(value).replace("\u00ad", "")  # "Maria &amp; Katerina"
        for match in CREDIT_PAREN.finditer(value):
            for inner in re.split(
                r"\s*[/,;&]\s*|\s+(?:and|und|et|y|dan)\s+", match.group(1) or match.group(2)
            ):
                if (name := agency(inner)) and name not in credits:
                    credits.append(name)
        value = CREDIT_PAREN.sub(" ", value)  # (Reuters), [AP]
        value = BYLINE_PREFIX.sub("", " ".join(value.split()))
        value = UPDATE_TAIL.sub("", DATE_TAIL.sub("", value)) or after_dated_label(value)
        value = PUBLICATION_TAIL.sub("", WEEKDAY_TAIL.sub("", value))
        for number, piece in enumerate(_pieces(value)):
            after_comma = piece.startswith(",")
            piece = piece.lstrip(",").strip()
            if name := agency(BYLINE_PREFIX.sub("", piece)):
                if name not in credits:
                    credits.append(name)
                previous_full = False
                continue
            bare = BYLINE_PREFIX.sub("", piece).strip(" .")
            if CREDENTIAL.match(bare.replace(" ", "")):
                continue  # "MS", "RD", "Ph.D."
            name = clean_name(piece, blocked)
            if not name or collective(piece, name):
                if (credit := non_person(piece)) and credit.casefold() not in seen(others):
                    others.append(credit)
                after_title = number == 0
                continue
            single = len(name.split()) == 1 and bool(LATIN.search(name))
            if single and after_comma and previous_full:
                continue  # "Jane Doe, Frankfurt": a place, not a second author
            beat = name.casefold().strip(".") in BEATS or after_title
            after_title = False
            if single and number == 0 and previous_full and beat:
                continue  # ["Jane Doe Writer", "Hardware"]: her beat, not a second author
            if previous_full and titled(piece, name):
                continue  # "Jane Doe, Home and Digital Security Expert": her title
            previous_full = len(name.split()) >= 2
            if name.casefold() not in seen(cleaned):
                cleaned.append(name)
    for credit in others:  # a desk, a team, or (naming nobody else) the site itself
        if (COLLECTIVE.search(credit) or not cleaned) and credit.casefold() not in seen(credits):
            credits.append(credit)
    return cleaned, credits


def titled(piece: str, name: str) -> bool:
    """``name`` is what is left of a job title once its role is cut ("Digital Security"
    of "Digital Security Expert"): a word of it names an organisation or a field."""
    stripped = name.casefold() != BYLINE_PREFIX.sub("", piece).strip(" .").casefold()
    return stripped and any(w.casefold().strip(".") in ORGANISATION_WORDS for w in name.split())


def after_dated_label(value: str) -> str:
    """``value`` from the byline label that follows a date in it on ("Updated March 4,
    2026 Written by Ana Lind · Harbour": "Ana Lind", up to a separator), read when the
    date's tail took the whole byline; a weak label ("de" of "4 de marzo") is no byline's."""
    label = LABEL_AFTER_DATE.search(value)
    if label and re.search(r"\d", value[: label.start()]) and not weak_label(label.group(0)):
        return BYLINE_END.split(value[label.end() :], maxsplit=1)[0]  # up to its line's next
    return value


def seen(names: list[str]) -> set[str]:
    return {n.casefold() for n in names}


def collective(piece: str, name: str) -> bool:
    """A byline of a desk or a team, not a person: "The Investopedia Team", "Podium
    Staff", or what is left after its role is one word or starts with "The"/"Our"
    ("Community Editor", "The Currency editors")."""
    piece = BYLINE_PREFIX.sub("", piece).strip(" .")
    if COLLECTIVE.search(piece):
        return True
    stripped = name.casefold() != piece.casefold()
    return stripped and (len(name.split()) == 1 or bool(re.match(r"(?i)(?:the|our)\s", name)))


def non_person(piece: str) -> str | None:
    """A short byline that names no person (a site, a desk, a team), as written."""
    piece = CALENDAR_TAIL.sub("", BYLINE_PREFIX.sub("", piece))
    piece = once(" ".join(piece.strip(" .-–—:()[]\"'«»“”").split()))
    return None if no_name(piece) or piece.casefold() in NO_CREDIT else piece


def no_name(part: str) -> bool:
    """Empty, too long, a role alone, a month (in any of the project's languages) or
    weekday alone, a byline label alone ("Written By"), a word of the page's controls
    ("Follow", "Name", "No Author"), a template's placeholder ("page.head.author"), or
    holding digits or an address: no name of anyone."""
    words = part.split()
    single = len(words) == 1
    return (
        not part
        or len(part) > 60
        or len(words) > 5
        or bool(ROLE_ONLY.match(part))
        or (single and (bool(CALENDAR.fullmatch(part)) or part.casefold() in MONTHS))
        or bool(BYLINE_LABEL_ALONE.match(part))
        or part.casefold() in CONTROLS
        or bool(PLACEHOLDER.match(part))
        or bool(re.search(r"\d|@|https?:|www\.|\.com\b", part))
    )


def clean_authors(raw: list[str], site_name: str | None = None) -> list[str]:
    """Split, strip and de-duplicate author strings; drop what is not a person's name."""
    return people_and_credits(raw, site_name)[0]


DATELINE_CREDIT = re.compile(
    r"^[^\W\d][\w .'’-]{0,40}?\s*[(\[]([^()\[\]]{2,30})[)\]]\s*[-–—:]", re.UNICODE
)
TAIL_CREDIT = re.compile(
    r"^(?:[(\[]([^()\[\]]{2,30})[)\]]|(?:©|\(c\)|quelle:|source:|fuente:|sumber:)\s*(.{2,30}))$",
    re.I,
)


def text_credits(text: str) -> list[str]:
    """Agency credits in a dateline opening the text or a credit line closing it."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found: list[str] = []
    candidates = []
    if lines:
        if match := DATELINE_CREDIT.match(lines[0]):
            candidates.append(match.group(1))
        if match := TAIL_CREDIT.match(lines[-1]):
            candidates.append(match.group(1) or match.group(2))
    for candidate in candidates:
        for inner in re.split(r"\s*[/,;&]\s*", candidate):
            if (name := agency(inner)) and name not in found:
                found.append(name)
    return found


def byline_authors(tree: Any) -> list[str]:
    """Raw author strings from the page's byline markup (the first element that has
    text), else from a byline printed under the headline (``text_byline``). The text of
    an element's children is joined with spaces: "<span>Author</span><a>Ana Lind</a>"
    is "Author Ana Lind", not "AuthorAna Lind"."""
    for element in byline_elements(tree):
        names = element.xpath(".//*[@itemprop='name']")
        texts = [spaced_text(n) for n in names] or [spaced_text(element)]
        texts = [t for t in texts if t]
        if texts and sum(len(t) for t in texts) < 200:
            return texts
    found = text_byline(tree)
    return [found] if found else []


def spaced_text(element: Any) -> str:
    """The visible text of ``element``, its pieces joined with single spaces."""
    return " ".join(" ".join(_pieces_of(element)).split())


def _pieces_of(element: Any) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in UNSEEN:
            yield from _pieces_of(child)
        yield child.tail or ""


def printed_over_declared(people: list[str], tree: Any, site_name: str | None) -> list[str]:
    """The persons the byline under the headline names (``text_byline``) when none of
    them is among ``people``, the ones the meta tags declare, else ``people``:
    the declared author is often the account that posted the page ("Stef Keegan" for a
    guest post printed "By Lizzie Streit"), a user name ("gabor_munier") or the site."""
    printed = text_byline(tree)
    if not printed:
        return people
    shown = people_and_credits([printed], site_name)[0]
    if shown and not seen(shown) & seen(people):
        return shown
    return people


def weak_label(label: str) -> bool:
    """A label word that starts other lines than bylines too ("Text Link", "From the
    archive", "Editor's pick"): a byline in the text only with a colon ("Text: Ana Lind")."""
    return ":" not in label and "：" not in label and label.strip().casefold() in WEAK_LABELS


def names_only(text: str) -> bool:
    """``text`` reads as names rather than a sentence: at most ``BYLINE_SMALL_WORDS``
    words in lower case before any digit ("und", "de", "van"; "le 4 mars" of a date)."""
    words = re.split(r"\d", text, maxsplit=1)[0].split()
    return sum(1 for w in words if w[:1].islower()) <= BYLINE_SMALL_WORDS


def text_byline(tree: Any) -> str | None:
    """The byline printed from the page's headline on, without byline markup: the
    first text piece (a text node of its own) within ``TEXT_BYLINE_REACH`` characters
    that starts with a label ("By", "Written by", "Von", "Par", "Oleh"...) followed by
    a capitalised word, or a label alone followed by such a piece ("<p>Written
    by</p><p>Ana Lind</p>"), or a label after a date or a separator in its line
    ("Posted on May 2, 2026 by Ana Lind", "| Von Jana Berger |": the name up to the next
    separator or digit, ``LABEL_AFTER_DATE``); at most ``TEXT_BYLINE_CHARS`` characters of names
    (``names_only``), so a sentence that happens to start with "Von" is no byline; a
    weak label ("Text", "From") only with a colon; never choices ("By Course or Type",
    ``ALTERNATIVES``). The same is read, after those, in the pieces just before the
    headline (``BYLINE_ABOVE`` characters: "Published May 2, 2026 by Ana Lind" above the
    ``<h1>``). ``None`` without one."""
    headline = pagedates.headline_of(tree)
    if headline is None:
        return None
    for pieces in (
        pagedates.pieces_after(headline, TEXT_BYLINE_REACH),
        pagedates.pieces_before(headline, BYLINE_ABOVE),
    ):
        if found := byline_in(pieces):
            return found
    return None


def byline_in(pieces: list[str]) -> str | None:
    """The first byline of ``pieces`` (``text_byline``'s rules), or ``None``."""
    for at, text in enumerate(pieces):
        label = BYLINE_PREFIX.match(text) or BYLINE_LABEL_ALONE.match(text)
        if label and not weak_label(label.group(0)):
            if at and NOT_WRITER.search(pieces[at - 1]):
                continue  # "Medically reviewed" "by" "<the reviewer>"
            rest = text[label.end() :].strip()
            if not rest and at + 1 < len(pieces):
                rest = pieces[at + 1]
        elif (label := LABEL_AFTER_DATE.search(text)) and not weak_label(label.group(0)):
            rest = BYLINE_END.split(text[label.end() :], maxsplit=1)[0].strip()
        else:
            continue
        if ALTERNATIVES.search(rest):
            continue  # "By Course or Type": a filter's choices
        if rest[:1].isupper() and len(rest) <= TEXT_BYLINE_CHARS and names_only(rest):
            return rest
    return None
