"""What a fetched page is, decided from the page itself: ``article``, ``listing`` or ``other``.

The crawl no longer trusts a URL's shape to say what a page is. Every HTML page
fetched from a start page, a listing, a feed or a sitemap is parsed once in an
extraction worker, which measures it (``page_features``, on the tree before
trafilatura, plus the main text trafilatura found) and weighs the signals
together (``classify``):

- structured data: an ``@type`` of the article family (``NewsArticle``,
  ``BlogPosting``, ``Report``...) in JSON-LD, or in microdata on one or two elements
  (a blog's home page marks every teaser), ``og:type``, a stated publication time;
  a listing type (``ItemList``...) weighs only on a page that declares no article
  type of its own (articles embed lists of related stories);
  types that say "not an article" (``Product``, ``CollectionPage``, forum and
  Q&A types...) and ``og:type`` ``website``, which hundreds of news sites put on
  every article and so weighs little; a collection declared (``CollectionPage``,
  ``ItemList``) with no article type of its own is not an article, however long;
- the page's text: words of main text, long paragraphs (``<p>``, or prose in a
  ``<div>`` of inline children, as many sites write an article), the words of its one
  main block of paragraphs (long or short) and their share of the page's text, a
  headline (``<h1>``), its words (a sentence, not a section's name) and whether it sits
  by that block;
- link structure: the share of the page's text inside links, repeated sibling
  blocks that each hold a link and the words in them (teasers, tiles, posts),
  pagination, "read more" links;
- shop and forum furniture: product and forum types in JSON-LD or microdata (an
  FAQ's questions are not a forum), prices, "add to cart", post and per-post author
  blocks, ``<time>`` elements; a product on sale (declared, or "add to cart" with a
  price) that no article metadata claims is not an article, nor a grid of five or
  more linked tiles that each show a price, nor a thread or board page of forum
  software (known by marks only its templates write) that no JSON-LD article type
  claims; nor is a page whose main text is spread over repeated teasers with a pager
  or "read more" links, however long the teasers;
- the URL shape (a site root; a tag, category or author path; a shop's product or
  category path) and the channel that found the page (a feed or sitemap entry says
  "article"), as weak signals among the others.

No single signal decides against an obvious article: hundreds of words of main
text in long paragraphs under a headline make an article whatever ``og:type``
says. A page that says it is not found (title or heading), with little text and
no article signals, is a soft 404 (``soft_404``); an article about something not
found stays an article. ``classify`` returns the kind and a short reason naming
the strongest evidence (stored as ``page_kind`` and ``kind_reason``). Plain
functions over an lxml tree; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.extract.content import NOT_FOUND
from pipelines.extract.features import PRICED_GRID, Features, words_in
from pipelines.extract.features import page_features as page_features  # the workers' names
from pipelines.extract.features import page_links as page_links
from pipelines.extract.features import warm_up as warm_up
from pipelines.extract.htmlmeta import ARTICLE_TYPES
from pipelines.urls import NON_ARTICLE_SEGMENTS, looks_like_article

PRODUCT_TYPES = {"product", "offer", "aggregateoffer", "productgroup", "individualproduct"}
FORUM_TYPES = {
    *("discussionforumposting", "qapage", "question", "answer", "comment", "usercomments"),
}
LISTING_TYPES = {"collectionpage", "searchresultspage", "itemlist", "blog", "profilepage"}
COLLECTION_TYPES = {"collectionpage", "searchresultspage", "itemlist"}


def soft_404(found: Features, words: int) -> str | None:
    """Why the page is a "not found" page served with 200, or None.

    Its title or first heading says not found, it has little text, and nothing on
    it says article: an article about something not found keeps its headline.
    """
    said = next((t for t in (found.title, found.heading) if t and NOT_FOUND.search(t)), None)
    if said is None:
        return None
    if words >= 150 or found.paragraph_words >= 120 or set(found.json_ld_types) & ARTICLE_TYPES:
        return None
    if found.og_type == "article" or found.published:
        return None
    return f"200 page that says not found ({said[:120]}), {words} words of text"


def classify(found: Features, words: int, url: str, hints: dict[str, Any]) -> tuple[str, str, str]:
    """(page kind, reason, evidence): ``article``/``listing``/``other``; see the module."""
    why = soft_404(found, words)
    if why:
        return "other", "soft_404", why
    score, evidence = article_score(found, words, url, hints)
    if navigation_page(found, words) and hints.get("via") != "feed":
        evidence = f"a page of its own menu with no article metadata, {words} words; {evidence}"
    elif forum_page(found):
        evidence = (
            f"a thread or board page of forum software ({found.forum_software}) and no"
            f" JSON-LD article type; {evidence}"
        )
    elif shop_page(found):
        evidence = f"a product on sale (a price, a cart) and no article metadata; {evidence}"
    elif priced_grid(found) and not obvious_article(found, words):
        evidence = f"{found.priced_blocks} priced tiles and no article metadata; {evidence}"
    elif declared_collection(found):
        evidence = f"declares a collection and no article type of its own; {evidence}"
    elif declared_page(found) and not obvious_article(found, words):
        evidence = f"declares an about, contact or profile page, not an article; {evidence}"
    elif teaser_page(found, words) and not obvious_article(found, words):
        evidence = f"main text spread over repeated teasers, a pager or read-more links; {evidence}"
    elif score >= THRESHOLD or obvious_article(found, words):
        return "article", "article", evidence
    if is_listing(found, url):
        return "listing", "listing", evidence
    return "other", "not_article", evidence


# The weighed signals: (name, weight, mean, spread). A page's score is BIAS plus, per
# signal, weight * (value - mean) / spread: a logistic model fitted on the "tune" part of
# WCXB's development pages (bench/corpora.py; articles against product, forum,
# collection and listing pages), so each weight says how much one spread of that signal
# moves the odds. The fit and the figures it gives: bench/fit_classify.py (which prints
# them out of folds too), bench/classify.py, README. Refitted with the signals an
# article's evidence lacked on the tune pages that missed (an article type declared
# in microdata, a publication time, the headline's words, prose outside <p>), then
# with the words of the main block of <p> (an article of short paragraphs has few words
# in long ones) and a stronger penalty (L2 3 instead of 1: weights that lean less on
# any one signal): out of site folds on tune, recall 99.3 % and 88.2 % of the others
# kept out at THRESHOLD -2.25, against 98.9 % and 88.8 % before; the trafilatura set's
# tune pages (articles the fit never sees) 96.8 % archived instead of 96.4 %.
BIAS = 1.720
WEIGHTS: tuple[tuple[str, float, float, float], ...] = (
    ("declared article type", +0.835, 0.238, 0.426),
    ("og:type article", +0.680, 0.469, 0.499),
    ("og:type website or none", -0.449, 0.456, 0.498),
    ("byline", +0.540, 0.426, 0.495),
    ("words of main text", +0.530, 6.797, 1.258),
    ("words in long paragraphs", +0.230, 5.873, 2.224),
    ("link density", -0.460, 0.250, 0.218),
    ("product", -1.497, 0.105, 0.306),
    ("add to cart", -0.438, 0.104, 0.305),
    ("prices", -0.451, 1.178, 1.451),
    ("forum or Q&A type", -1.214, 0.067, 0.250),
    ("listing type, no article type", -0.393, 0.022, 0.148),
    ("article-shaped URL", +0.560, 0.631, 0.482),
    ("headline", +0.015, 0.943, 0.232),
    ("subheadings", +0.364, 2.759, 1.094),
    ("<time> elements", +0.038, 0.462, 0.934),
    ("post blocks", -0.462, 2.138, 1.857),
    ("repeated linked blocks", -0.620, 1.985, 0.803),
    ("words in repeated blocks", -0.088, 0.268, 0.305),
    ("pagination", -0.483, 0.283, 0.451),
    ("main block's share", +0.302, 0.333, 0.283),
    ("headline by the main block", +0.189, 0.410, 0.492),
    ("author blocks", -0.438, 0.982, 1.340),
    ("read-more links", -0.087, 0.143, 0.425),
    ("words with no article metadata", +0.365, 2.244, 3.117),
    ("item of its own menu", -0.373, 0.174, 0.379),
    ("publication time", +0.331, 0.427, 0.495),
    ("headline words", +0.577, 1.805, 0.737),
    ("words in the main block", +0.553, 5.833, 1.652),
)
MICRODATA_ARTICLES = 2  # more elements typed as articles are a list of them
NAVIGATION_WORDS = 150  # a menu page with less text and no article metadata is not one
THRESHOLD = -2.25  # odds of about 1 in 10: chosen out of folds on tune, an article wins a doubt
# Not learned from the corpora (which have no channels): a feed entry is an article
# unless the page says otherwise; a sitemap lists every kind of page, so it says less.
CHANNEL_PRIOR = {"feed": 1.0, "sitemap": 0.3}
# URL shapes, as log odds counted on WCXB's pages: a site's (or language's) root is an
# article on 2 of 793 article pages and on 59 of the others; a tag, category, author or
# search path on 10 of 793 and on 37 of the others (log odds -1.9; it weighed -1.0
# until the refit, which let the tiny tag pages of tests/sites pass as articles).
ROOT_URL = -2.5
LISTING_URL = -1.8
# A shop's path: a product (``/products/``, ``/dp/``...) or a category of them (``/c/``,
# ``/collections/``, ``/browse/``...), as shop software and large shops name them. On
# WCXB's ``tune`` pages: 2 of 630 article pages and 88 of 561 others (log odds -3.9);
# weighed far less, as some of these names were read off the pages it was tuned on.
SHOP_URL = -1.0
SHOP_SEGMENTS = {
    *("product", "products", "produkt", "produkte", "dp", "shop", "store", "catalog"),
    *("c", "cp", "collections", "browse", "departments", "sub-categories"),
}
OTHER_TYPE = -2.5  # the page declares itself an about, contact or profile page
PAGE_TYPES = {"aboutpage", "contactpage", "profilepage"}
LISTING_SEGMENTS = {
    *("tag", "tags", "topic", "topics", "category", "categories", "section", "sections"),
    *("kanal", "rubrik", "ressort", "rubrique", "author", "authors", "penulis", "archive"),
}  # articles embed FAQPage, Video...
ROOT_PATH = re.compile(r"^/(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?$", re.IGNORECASE)
PRODUCT_OG = ("product", "og:product", "ebay-objects:item")


def signal_values(found: Features, words: int, url: str) -> list[tuple[Any, float]]:
    """Each signal of ``WEIGHTS`` for this page, in that order: (as shown, as weighed)."""
    import math

    def count(n: int) -> tuple[int, float]:
        return n, math.log1p(n)

    def flag(value: bool) -> tuple[bool, float]:
        return value, float(value)

    def share(part: int) -> tuple[float, float]:
        value = min(part / (found.page_words or 1), 1.0)
        return round(value, 2), value

    types = set(found.json_ld_types)
    declared = types | set(found.microdata_types)  # JSON-LD and microdata
    density = min(found.link_words / (found.page_words or 1), 1.0)
    return [
        flag(declares_article(found)),
        flag(found.og_type == "article"),
        flag(found.og_type in ("website", "")),
        flag(found.byline),
        count(words),
        count(found.paragraph_words),
        (round(density, 2), density),
        flag(bool(declared & PRODUCT_TYPES) or found.og_type.startswith(PRODUCT_OG)),
        flag(found.cart),
        count(found.prices),
        flag(forum_declared(declared)),
        flag(bool(types & LISTING_TYPES) and not types & ARTICLE_TYPES),
        flag(looks_like_article(url)),
        flag(found.headings > 0),
        count(found.subheadings),
        count(found.times),
        count(found.post_blocks),
        count(found.repeated_blocks),
        share(found.repeated_words),
        flag(found.pagination),
        share(found.block_words),
        flag(found.block_headed),
        count(found.author_blocks),
        count(found.read_more),
        (0, 0.0) if has_article_metadata(found) else count(words),
        flag(found.menu_item),
        flag(found.published),
        count(words_in(found.heading)),
        count(found.block_words),
    ]


def forum_declared(types: set[str]) -> bool:
    """A forum or Q&A type, in JSON-LD or microdata; the questions and answers of an
    FAQ (``FAQPage``), which articles embed, do not count."""
    if "faqpage" in types:
        types = types - {"question", "answer"}
    return bool(types & FORUM_TYPES)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def article_score(
    found: Features, words: int, url: str, hints: dict[str, Any]
) -> tuple[float, str]:
    """The weighed evidence that the page is an article, and the strongest signals named
    (``name value contribution``: "og:type article no -0.8" is the lack of it, weighed)."""
    values = signal_values(found, words, url)
    parts = [
        (f"{name} {_shown(shown)}", weight * (value - mean) / spread)
        for (name, weight, mean, spread), (shown, value) in zip(WEIGHTS, values, strict=True)
    ]
    prior = CHANNEL_PRIOR.get(hints.get("via") or "", 0.0)
    if prior:
        parts.append((f"{hints['via']} entry", prior))
    shape = url_shape(url)
    if shape:
        parts.append(shape)
    declared = sorted(set(found.json_ld_types) & PAGE_TYPES)
    if declared and not set(found.json_ld_types) & ARTICLE_TYPES:
        parts.append((f"declared {declared[0]}", OTHER_TYPE))
    score = BIAS + sum(part for _, part in parts)
    named = sorted(parts, key=lambda part: -abs(part[1]))[:5]
    evidence = f"score {score:+.1f}: " + ", ".join(f"{n} {v:+.1f}" for n, v in named)
    return score, evidence


def declares_article(found: Features) -> bool:
    """An article type in JSON-LD, or in microdata on one or two elements (the post and,
    say, its page): a blog's home page marks every teaser ``BlogPosting``, a list of
    them. On WCXB's ``tune`` pages, an article type in microdata alone: 27 of 630
    article pages and one of the others; on the trafilatura set's, 67 of 690 pages."""
    if set(found.json_ld_types) & ARTICLE_TYPES:
        return True
    return 0 < found.microdata_articles <= MICRODATA_ARTICLES


def has_article_metadata(found: Features) -> bool:
    return bool(
        declares_article(found) or found.og_type == "article" or found.published or found.byline
    )


def forum_page(found: Features) -> bool:
    """A thread or board page of forum software, known by marks only its page templates
    write (``features.FORUM_IDS``...: XenForo, phpBB, FluxBB, SMF, bbPress, Flarum,
    Reddit), that no JSON-LD article type claims: its ``og:type`` ``article`` and
    per-post authors are the software's, and long posts under a topic's title are no
    article however obvious they look. On WCXB's ``tune`` pages: 28 forum pages (8 of
    them archived as articles before the rule) and no other page; on the trafilatura
    set, 3 forum threads, already kept out, and no other page."""
    return bool(found.forum_software) and not set(found.json_ld_types) & ARTICLE_TYPES


def shop_page(found: Features) -> bool:
    """A product (JSON-LD, microdata or ``og:type``) on sale (a price or "add to cart"),
    or any page with "add to cart" and a price, that no article metadata claims. On WCXB's
    ``tune`` pages: 104 product, collection and listing pages, 6 service pages and no
    article (a declared product alone: 81 pages)."""
    declared = set(found.json_ld_types) | set(found.microdata_types)
    product = bool(declared & PRODUCT_TYPES) or found.og_type.startswith(PRODUCT_OG)
    on_sale = (product and (found.cart or found.prices > 0)) or (found.cart and found.prices > 0)
    return on_sale and not has_article_metadata(found)


def priced_grid(found: Features) -> bool:
    """A grid of products: five or more repeated linked blocks that each show a price, and
    no article metadata (a buying guide that prices its picks declares its article type,
    or is an obvious article). On WCXB's ``tune`` pages: 78 collection, product and
    listing pages, 3 service pages, a forum page and no article (with four blocks, a video
    page of the trafilatura set's ``tune`` pages too)."""
    return found.priced_blocks >= PRICED_GRID and not has_article_metadata(found)


def declared_collection(found: Features) -> bool:
    """A page whose JSON-LD declares a collection (``CollectionPage``, ``ItemList``,
    ``SearchResultsPage``) and no article type: articles that embed an ``ItemList`` (a
    recipe round-up, related stories) declare their own article type too, so long text
    under a headline does not overrule it. On WCXB's ``tune`` pages: 20 product,
    collection and listing pages (one of them long enough to pass for an obvious article),
    a service page, and one article page, which the weights already took for a listing
    (and a product category page of the trafilatura set's ``tune`` pages, already a
    listing)."""
    types = set(found.json_ld_types)
    return bool(types & COLLECTION_TYPES) and not types & ARTICLE_TYPES


def declared_page(found: Features) -> bool:
    """A page whose structured data says it is an about, contact or profile page, and that
    neither JSON-LD nor ``og:type`` calls an article (an article embedding a profile of its
    author still declares its own article type)."""
    types = set(found.json_ld_types)
    return bool(types & PAGE_TYPES) and not types & ARTICLE_TYPES and found.og_type != "article"


def teaser_page(found: Features, words: int) -> bool:
    """A page of teasers however long they are: no article metadata, most of its main text
    (60 %) in five or more repeated linked blocks, no block of paragraphs holding even
    15 % of it, and a pager or three "read more" links. On WCXB's ``tune`` pages: 27
    product, forum, collection or listing pages and no article (with four blocks, a
    recipe of the trafilatura set's ``tune`` pages too)."""
    if has_article_metadata(found) or found.repeated_blocks < 5 or not words:
        return False
    spread = found.repeated_words >= 0.6 * words and found.block_words < 0.15 * words
    return spread and (found.pagination or found.read_more >= 3)


def navigation_page(found: Features, words: int) -> bool:
    """A home, section or about page: its own menu links to it, nothing on it says
    article, and its text is short."""
    return found.menu_item and words < NAVIGATION_WORDS and not has_article_metadata(found)


def url_shape(url: str) -> tuple[str, float] | None:
    """The URL's shape as a signal: a site root, a tag or category path, a shop's
    product or category path, or nothing."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.query and ROOT_PATH.match(parts.path or "/"):
        return "site root URL", ROOT_URL
    segments = [s for s in parts.path.lower().split("/") if s]
    if any(s in NON_ARTICLE_SEGMENTS for s in segments):
        return "tag, category or author URL", LISTING_URL
    if any(s in SHOP_SEGMENTS for s in segments):
        return "shop product or category URL", SHOP_URL
    return None


def obvious_article(found: Features, words: int) -> bool:
    """Hundreds of words under a headline, not a shop or a forum (declared in JSON-LD or
    microdata), not a page of teasers: an article whatever ``og:type`` says."""
    declared = set(found.json_ld_types) | set(found.microdata_types)
    if declared & PRODUCT_TYPES or forum_declared(declared) or found.og_type.startswith(PRODUCT_OG):
        return False
    return (
        words >= 300
        and found.paragraph_words >= 200
        and found.headings > 0
        and found.repeated_blocks < 10
        and found.link_density < 0.35
        and found.times < 4
        and not found.cart
    )


def is_listing(found: Features, url: str = "") -> bool:
    """A page of teasers (not a shop, not a forum thread): repeated linked blocks,
    headline-like links or linked headings, dense links, a listing type, or a site
    root, tag, category or author URL."""
    types = set(found.json_ld_types)
    if types & (PRODUCT_TYPES | FORUM_TYPES) or found.og_type.startswith(PRODUCT_OG) or found.cart:
        return False
    return (
        found.repeated_blocks >= 4
        or found.teaser_links >= 5
        or found.linked_headings >= 3
        or found.link_density >= 0.4
        or bool(types & LISTING_TYPES)
        or (bool(url) and listing_url(url))
    )


def listing_url(url: str) -> bool:
    """A site root or a tag, category, section or author path: a list of stories."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.query and ROOT_PATH.match(parts.path or "/"):
        return True
    return any(s in LISTING_SEGMENTS for s in parts.path.lower().split("/") if s)
