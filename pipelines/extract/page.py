"""HTML → article: the page's one entry point, ``extract``, and its process-pool wrapper.

``extract(body, url, ...)`` is a plain top-level function (it can be sent to a
process pool): it parses the page once (``pipelines.extract.parse``), reads the
page's own metadata (JSON-LD, OpenGraph, hreflang...), classifies the page
(``pipelines.extract.classify``), shows the article's collapsed panels
(``pipelines.extract.panels``), runs trafilatura for the main text only (with its
fallbacks, ``pipelines.extract.fallbacks``, and a second opinion,
``pipelines.extract.opinion``, which reads the readability summary trafilatura's own
fallback run made, ``pipelines.extract.readability``, and may run trafilatura again with
the article's wrappers unmasked, ``pipelines.extract.unmasked``; trafilatura's own metadata only
for a field the page's markup lacks, ``pipelines.extract.library``; its discard
expressions read from the attributes, ``pipelines.extract.discards``, its link-density prune
on the elements with a link only, ``pipelines.extract.linkdensity``, its basic cleaning's banner
test on each distinct class and id, ``pipelines.extract.basicclean``, justext's paragraph paths
built once per element, ``pipelines.extract.justextpath``), takes the title
(``pipelines.extract.titles``), the authors and agency credits
(``pipelines.extract.authors``), puts back the section headings, lists and quotes the
extractor dropped between two of its paragraphs (``pipelines.extract.headings``), removes
repeated blocks (``pipelines.extract.repeats``), teaser lines and notices
(``pipelines.extract.notices``), affiliate disclosures and a sign-up form's terms
(``pipelines.extract.fineprint``), teaser cards of other articles
(``pipelines.extract.cards``), a list of links the text ends with
(``pipelines.extract.linklists``), its author's biography and author box
(``pipelines.extract.bios``) and an appeal to the reader (``pipelines.extract.appeals``),
the date and labels it opens with (``pipelines.extract.openings``), tags the language,
and returns one dict with the archive's field names. A page that is not an article comes
back with ``skip_reason`` set; a cookie-consent dialog in place of the article is
``consent_wall`` (``pipelines.extract.consent``). ``extract_page(payload)`` is what the workers run
(``crawler.pipelines.extract``).
Settings read: none (the item pipeline passes ``EXTRACT_MIN_WORDS``). Stats: none.
"""

from __future__ import annotations

import gc
import threading
import time
from datetime import UTC, datetime
from typing import Any

import trafilatura
from trafilatura.settings import Document

from pipelines.extract import (
    appeals,
    basicclean,
    bios,
    cards,
    charset,
    classify,
    consent,
    copies,
    discards,
    endings,
    fallbacks,
    fineprint,
    headings,
    htmlmeta,
    justextpath,
    language,
    library,
    linkdensity,
    linklists,
    minhash,
    monthdates,
    notices,
    openings,
    opinion,
    pagedates,
    panels,
    parse,
    readability,
    recall,
    repeats,
    stoplist,
    titles,
    unmasked,
)
from pipelines.extract import authors as authors_rules
from pipelines.extract.alternates import language_versions
from pipelines.extract.text import content_hash, normalise_text, word_count
from pipelines.urls import article_id, canonicalize_url, host_of

discards.install()  # trafilatura's discard expressions, read from the attributes
linkdensity.install()  # its link-density prune, on the elements that hold a link
basicclean.install()  # its basic cleaning's banner test, once per distinct class or id
justextpath.install()  # justext's paragraph paths, built once per element

EXTRACTOR_VERSION = f"trafilatura {trafilatura.__version__}"
# A worker's young-object collections start after this many more container objects than
# freed (Python's default is 700): a page's parse and walks make and free hundreds of
# thousands, in peaks that set off about two collections a page by default, few of which
# find a cycle (300 tune pages: 504 collections by default, 3 with 10,000; 1.2 ms CPU a page
# then 0.06).
GC_YOUNG = 10_000
MIN_WORDS = 40
# Pages that failed to give their article (retried by later runs), not pages of another kind.
FAILED = {"soft_404", "consent_wall"}
# Blocks that are page furniture on almost every news site. trafilatura drops
# most of them itself; these make sure of it. Class-matched blocks are pruned only
# when short: some sites put those classes on the article's wrapper.
SHORT = "[string-length(normalize-space(.)) < 1000]"
# An aside, nav or footer that holds several long paragraphs wraps the article
# (some sites put the whole page in one): it is left to trafilatura.
NO_ARTICLE = "[count(.//p[string-length(normalize-space(.)) > 150]) < 3]"
# The elements of a class (or id) are read from the attributes, ``//@class[...]/parent::*``:
# the same elements, in the same order, as ``//*[contains(@class, ...)]``, at about half
# the cost (libxml2 then tests only the elements that have the attribute).
# (expression, the lower-case words one of which the class or id of each element it finds holds)
CLASS_PRUNES = [
    (
        "//@class[contains(., 'share')"
        " and contains(concat(' ', normalize-space(.), ' '), ' share ')]/parent::*" + SHORT,
        ("share",),
    ),
    (
        "//@class[contains(., 'share-') or contains(., 'social')]/parent::*" + SHORT,
        ("share-", "social"),
    ),
    (
        "(//@class[contains(., 'related')] | //@id[contains(., 'related')])/parent::*" + SHORT,
        ("related",),
    ),
    (
        "//@class[contains(., 'newsletter') or contains(., 'breadcrumb')]/parent::*" + SHORT,
        ("newsletter", "breadcrumb"),
    ),
    ("//@class[contains(., 'caption')]/parent::*" + SHORT, ("caption",)),
]
PRUNE_XPATH = [
    "//figcaption",
    "//aside" + NO_ARTICLE,
    "//nav" + NO_ARTICLE,
    "//footer" + NO_ARTICLE,
    *(expression for expression, _ in CLASS_PRUNES),
]


def decode(body: bytes | str, encoding: str | None = None, content_type: str | None = None) -> str:
    """Text of a page body; ``encoding`` is a hint, see ``pipelines.extract.charset``."""
    if isinstance(body, str):
        return body
    return charset.decode_html(body, encoding, content_type)[0]


def tidy_text(
    text: str, title: str | None, authors: list[str], kickers: tuple[str, ...] = ()
) -> str:
    """Drop a leading copy of the title (printed after one of the headline's ``kickers``
    too, ``headline_line``) and byline-only lines from extracted text."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and headline_line(lines[0], title, kickers):
        lines = lines[1:]
    if authors:
        names = {a.lower() for a in authors}
        lines = [
            line
            for line in lines
            if not (
                len(line) < 120
                and htmlmeta.BYLINE_PREFIX.match(line)
                and {a.lower() for a in htmlmeta.clean_authors([line])} <= names
            )
        ]
    return "\n".join(lines)


def headline_line(line: str, title: str, kickers: tuple[str, ...] = ()) -> bool:
    """``line`` is the title, or the title after one of the headline's ``kickers``
    (``titles.kickers``: "27.01.2022MineralölINFO November 2021" for "MineralölINFO
    November 2021" under the kicker "27.01.2022")."""
    line, title = normalise_text(line), normalise_text(title)
    if not title or line == title:
        return line == title
    glue = titles.KICKER_GLUE
    before = line[: -len(title)].strip(glue)
    return line.endswith(title) and before in {normalise_text(k).strip(glue) for k in kickers}


def skipped(url: str, reason: str, detail: str = "", kind: str = "skipped") -> dict[str, Any]:
    """A page that makes no article: ``kind`` ``skipped`` (not one) or ``failed`` (broken)."""
    return {"url": url, "skip_reason": reason, "skip_detail": detail, "skip_kind": kind}


def not_article(
    url: str, page_kind: str, reason: str, detail: str, links: list[str] | None, feeds: list[str]
) -> dict[str, Any]:
    """A listing (its links are followed) or another page (recorded with its reason)."""
    found = skipped(url, reason, detail, "failed" if reason in FAILED else "skipped")
    found.update(page_kind=page_kind, kind_reason=detail, links=links, feeds=feeds)
    return found


def extract(
    body: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    headers: dict[str, str] | None = None,
    hints: dict[str, Any] | None = None,
    fetched_at: str | None = None,
    min_words: int = MIN_WORDS,
    articles_only: bool = True,
    links: bool = False,
) -> dict[str, Any]:
    """Extract one article from a page. Never raises for bad HTML: skips instead.

    The page is classified first (``pipelines.extract.classify``): a listing or another
    page comes back with ``page_kind`` and ``skip_reason`` set (``listing``,
    ``not_article``, ``soft_404``...). With ``links`` the result carries the page's
    links and announced feeds, for the crawl to follow. ``articles_only=False``
    extracts every page as an article (benchmarks).
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    hints = hints or {}
    now = datetime.fromisoformat(fetched_at) if fetched_at else datetime.now(UTC)
    html = decode(body, encoding, headers.get("content-type"))
    tree = parse.page_tree(html) if html.strip() else None
    if tree is None:
        return skipped(url, "unparseable", "no HTML document in the body") | {"page_kind": "other"}
    meta = htmlmeta.page_metadata(tree, url)
    walks: list[Any] = []  # the classifier's walk of the page, read again by headings
    features = classify.page_features(tree, meta, url, walks)
    found_links, feeds = classify.page_links(tree, url) if links else (None, [])
    # before trafilatura, which drops the markup
    marked = notices.marked_texts(tree, meta["markup_names"])
    alternates = language_versions(meta, hints)
    shown = panels.unfold(tree, meta["markup_names"])  # collapsed panels (accordions, FAQs)
    document, summary, pruned = main_document(tree, url, meta["markup_names"])
    found_meta = library.LibraryMetadata(tree, url)  # trafilatura's, field by field, if needed
    raw_text, method = fallbacks.main_text(
        document.text,
        tree,
        url,
        meta["article_body"],
        max(min_words, MIN_WORDS),
        PRUNE_XPATH,
        html,
        summary,
        pruned,
    )
    title = page_title(meta, found_meta, hints, url)
    authors, credits = page_authors(meta, found_meta)
    kickers = tuple(titles.kickers(tree))
    text = tidy_text(raw_text, title, authors, kickers)
    words = word_count(text)
    # a consent dialog in place of the article (its text, or the page's when extraction
    # found too little): recorded as such, and retried by later runs
    wall = consent.consent_wall(text if words >= min_words else consent.visible_text(tree))
    if wall:
        return not_article(url, "other", "consent_wall", wall, found_links, feeds)
    kind, reason, evidence = classify.classify(features, words, url, hints)
    if kind == "article" and words < min_words and classify.is_listing(features, url):
        kind, reason = "listing", "listing"  # too little text of its own: a list of teasers
    if articles_only and kind != "article" and (kind == "listing" or reason == "soft_404"):
        return not_article(url, kind, reason, evidence, found_links, feeds)
    if not text.strip():
        return not_article(url, "other", "empty_text", "no main text found", found_links, feeds)
    if words < min_words:
        detail = f"{words} words (minimum {min_words})"
        return not_article(url, "other", "too_short", detail, found_links, feeds)
    if articles_only and kind != "article":
        return not_article(url, kind, reason, evidence, found_links, feeds)
    if method == "trafilatura":  # a second opinion on an article's text (pipelines.extract.opinion)
        rerun = lambda: fallbacks.recall_text(tree, url, PRUNE_XPATH, pruned, summary)  # noqa: E731
        unmask = lambda: unmasked.unmasked_text(tree, url, PRUNE_XPATH, raw_text)  # noqa: E731
        better, chosen = opinion.better_text(raw_text, tree, html, rerun, summary, unmask)
        if better != raw_text:
            raw_text, method = better, chosen
            text = tidy_text(raw_text, title, authors, kickers)
    credits += [c for c in authors_rules.text_credits(raw_text) if c not in credits]
    declared = declared_language(meta, headers, hints)
    found_dates = page_dates(tree, meta, hints, url, now, declared)
    canonical = canonical_of(meta, url)
    text = headings.restore_headings(text, tree, walks[0])
    text, text_cuts = edge_cuts(text, tree, authors, walks[0])
    text, tags, found = clean_text(text, tree, declared, marked)
    return {
        "id": article_id(canonical),
        "url": url,
        "canonical_url": canonical,
        "title": title,
        "authors": authors,
        "credits": credits,
        **found_dates,
        "site_name": meta["site_name"] or found_meta.sitename,
        "description": meta["description"] or found_meta.description,
        "section": meta["section"] or (found_meta.categories or [None])[0],
        "tags": meta["tags"] or list(found_meta.tags or []),
        "image": meta["image"] or found_meta.image,
        **tags,
        "hreflang": alternates["hreflang"],
        "text": text,
        "word_count": word_count(text),
        "content_hash": content_hash(title, text),
        "extraction_method": method,
        "extractor_version": EXTRACTOR_VERSION,
        "paywalled": meta["paywalled"],
        "notices": found,
        "text_cuts": text_cuts,  # not stored: counted in stats by the item pipeline
        "panels_shown": len(shown),  # not stored: counted as news/extract/panels_shown
        "machine_translated": bool(found),
        "locale_alternates": alternates["locale_alternates"],
        "translation_of": alternates["translation_of"],
        "has_translations": alternates["has_translations"],
        "page_kind": "article",
        "kind_reason": evidence,
        "links": found_links,
        "feeds": feeds,
    }


def main_document(
    tree: Any, url: str, names: str | None = None
) -> tuple[Document, str | None, Any]:
    """trafilatura's reading of the page: its main text (pruned by ``page_prunes(names)``,
    ``names`` the page's ``htmlmeta.markup_names``), without trafilatura's metadata
    and date search (the project reads them itself; ``pipelines.extract.library``), the
    summary its fallback run of readability made (``None`` when it did not run), for
    the second opinion (``pipelines.extract.readability``), and its copy of the page as
    it pruned it (``None`` on a forum thread), for a recall run (``pipelines.extract.recall``)."""
    copies.install()  # trafilatura's copy for justext made only when read
    with readability.kept() as summaries, recall.kept() as pruned:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            # balanced mode: the site-level step removes the template
            prune_xpath=page_prunes(names),
        )
    summary = summaries[0] if summaries else None
    return document or Document(), summary, (pruned[0] if pruned else None)


def page_prunes(names: str | None) -> list[str]:
    """``PRUNE_XPATH`` without the expressions of ``CLASS_PRUNES`` whose words ``names``
    (the page's class and id values, lower-cased: ``htmlmeta.markup_names``) does not hold:
    they would find nothing, in the page or in trafilatura's copy of it (pruning only
    removes), so the same elements are pruned. Every other expression stays, in its place
    (one added to ``PRUNE_XPATH`` too). ``None`` (names not all ASCII): all of them."""
    if names is None:
        return PRUNE_XPATH
    absent = {
        expression for expression, words in CLASS_PRUNES if not any(w in names for w in words)
    }
    return [expression for expression in PRUNE_XPATH if expression not in absent]


def page_title(
    meta: dict[str, Any], found: library.LibraryMetadata, hints: dict[str, Any], url: str
) -> str:
    """The page's own headline, else trafilatura's or the feed's, without the site's name."""
    if meta["title"]:
        return meta["title"]
    names = titles.site_names(meta["site_name"] or found.sitename, url)
    return titles.clean_title(found.title, names) or titles.clean_title(hints.get("title"), names)


def page_authors(
    meta: dict[str, Any], found: library.LibraryMetadata
) -> tuple[list[str], list[str]]:
    """Persons and agency credits: the page's own, else from trafilatura's author line."""
    authors, credits = meta["authors"], list(meta["credits"])
    if not authors:
        people, more = authors_rules.people_and_credits(
            (found.author or "").split(";"), meta["site_name"]
        )
        authors = people
        credits += [c for c in more if c not in credits]
    return authors, credits


def declared_language(
    meta: dict[str, Any], headers: dict[str, str], hints: dict[str, Any]
) -> str | None:
    """The language the page, its server or its feed declares."""
    return language.declared_language(
        meta["html_lang"],
        meta["og_locale"],
        meta["json_ld_language"],
        meta["meta_language"],
        headers.get("content-language"),
        hints.get("language"),
    )


def page_dates(
    tree: Any,
    meta: dict[str, Any],
    hints: dict[str, Any],
    url: str,
    now: datetime,
    declared: str | None,
) -> dict[str, Any]:
    """The date fields, chosen among the page's, the feed's and the URL's candidates
    (``pipelines.extract.pagedates``), a date the page says it was originally published
    on first; when none gives a date, the date printed by the headline, then one the
    text writes after a publication label ("Veröffentlicht am ...",
    ``pagedates.labelled_date``), and htmldate's search only when there is none either.
    A JSON-LD build stamp yields to an older date printed by the headline, or to an
    update it prints when no meta tag states a publication (``pagedates.over_stamp``;
    a generic ``<meta name="date">`` to an older printed date, ``htmlmeta.generic_date``),
    and a publication only JSON-LD states (a build stamp's too, when no older date is
    printed) to the update the headline shows (``pagedates.hidden_publication``); a
    markup date the headline prints beats a chosen one on another day
    (``pagedates.seconded``); a page that states only an update gets the date its text
    prints before that update's label (``pagedates.before_update``). An English page's
    numeric dates ("4/11/2023") are read in the order its own dates, its host, its
    language tags or its American spelling name (``pagedates.date_language``), else not
    at all. A page that states its publication only to the month ("November 2015"), with
    nothing better to date it, gets that month, "2015-11" (``monthdates.month_only``)."""
    tags = [meta["html_lang"], meta["og_locale"], meta["json_ld_language"], meta["meta_language"]]
    declared = pagedates.date_language(declared, tags, url, tree)  # "en-US": month first
    via = hints.get("via") or "feed"
    original = pagedates.original_date(tree, now, declared)
    first = [("original", original)] if original else []
    published = (
        first
        + pagedates.republished(meta["published"], now, declared)
        + [
            (via, hints.get("published")),
            ("url", pagedates.url_date(url)),
        ]
    )
    modified = meta["modified"] + [(via, hints.get("modified"))]
    found_dates = pagedates.choose(published, modified, now, declared)
    if found_dates["published_at"] is None:  # none stated: the date shown by the headline
        shown, updated = pagedates.shown_date(tree, now, declared)
        if updated:
            modified = modified + [("shown", shown)]
        else:
            published = published + [("shown", shown)]
        found_dates = pagedates.choose(published, modified, now, declared)
        if updated and found_dates["modified_at"]:  # the one date shown is an update
            found_dates = pagedates.before_update(tree, found_dates, now, declared)
            return monthdates.month_only(tree, pagedates.only_modified(found_dates), now)
    if found_dates["published_at"] is None:  # nor shown: htmldate's search
        labelled = pagedates.labelled_date(tree, now, declared)
        searched = None if labelled else pagedates.searched_date(tree, now, url)
        found_dates = pagedates.choose(
            published + [("labelled", labelled), ("htmldate", searched)], modified, now, declared
        )
    elif pagedates.stamped(published, modified, url, tree):  # a build stamp: an older printed date
        shown, updated = pagedates.shown_date(tree, now, declared)
        found_dates = pagedates.over_stamp(found_dates, published, shown, updated)
    elif found_dates["published_source"] == "meta" and htmlmeta.generic_date(meta["meta_tags"]):
        shown, updated = pagedates.shown_date(tree, now, declared)  # an older printed date
        found_dates = pagedates.over_stamp(found_dates, published, shown, updated)
    if pagedates.hidden_publication(found_dates, published):  # the page shows its update
        shown, updated = pagedates.shown_date(tree, now, declared)  # (a build stamp's too)
        found_dates = pagedates.shown_update(found_dates, shown, updated)
    if others := pagedates.disputed(found_dates, published, now, declared):
        shown, updated = pagedates.shown_date(tree, now, declared)  # the markup's, seconded?
        found_dates = pagedates.seconded(found_dates, others, shown, updated)
    found_dates = pagedates.before_update(tree, found_dates, now, declared)
    return monthdates.month_only(tree, pagedates.only_modified(found_dates), now)


def canonical_of(meta: dict[str, Any], url: str) -> str:
    """The page's canonical URL; one on another host is not trusted."""
    canonical = canonicalize_url(meta["canonical"] or url)
    if host_of(canonical) != host_of(url):
        canonical = canonicalize_url(url)
    return canonical


def edge_cuts(text: str, tree: Any, authors: list[str], walk: Any = None) -> tuple[str, list[str]]:
    """The text without its fine print, anywhere (``fineprint``: affiliate disclosures, a
    form's terms), and without the teaser cards after its article (``cards``); then
    without the list of links it ends with (``linklists``), its author's biography and
    author box (``bios``), an appeal to the reader (``appeals``), the headings it ends with
    (``endings.drop_dangling_headings``), and without the date and
    page labels it opens with (``openings``); and the names of the cuts made. ``walk``: the
    classifier's walk of the page, read for the links' texts."""
    cuts = []
    for name, cut in (
        ("fine_print", fineprint.drop_fine_print),
        ("teaser_cards", cards.drop_teaser_cards),
        ("link_tail", lambda t: linklists.drop_link_tail(t, tree, walk)),
        ("author_bio", lambda t: bios.drop_author_bio(t, authors)),
        ("author_box", lambda t: bios.drop_author_box(t, authors)),
        ("appeal", appeals.drop_closing_appeal),
        ("end_heading", endings.drop_dangling_headings),
        ("opening", openings.drop_opening_furniture),
    ):
        shorter = cut(text)
        cuts += [name] * (shorter != text)
        text = shorter
    return text, cuts


def clean_text(
    text: str, tree: Any, declared: str | None, marked: list[str]
) -> tuple[str, dict[str, Any], list[str]]:
    """The text without repeated blocks, teaser lines and notices, its language tags, and
    the notices."""
    text = notices.drop_teasers(repeats.drop_repeats(text))
    tags = language.decide(text, declared)
    tagged = text[: language.SAMPLE_CHARS]
    text, found = notices.split_notices(text, tags["language"], marked)
    found += [n for n in notices.page_notices(tree, text) if n not in found]
    # tag the text without its notices, unless they were not in the part the tags read
    sample = text[: language.SAMPLE_CHARS]
    if found and (sample != tagged or not sample.strip()):
        tags = language.decide(text, declared)
    return text, tags, found


def extract_page(payload: dict[str, Any]) -> dict[str, Any]:
    """Process-pool entry point: ``extract(**payload)`` that reports errors as skips.

    An article also gets ``_minhash``, its near-duplicate signature (``pipelines.archive.dedupe``),
    computed here so that the crawl process does not; every answer gets ``_cpu``, the
    CPU seconds it took.
    """
    start = time.process_time()
    try:
        article = extract(**payload)
        if not article.get("skip_reason"):
            article["_minhash"] = minhash.signature_bytes(article["text"])
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the crawl
        detail = f"{type(exc).__name__}: {exc}"
        article = skipped(payload.get("url", ""), "extract_error", detail, "failed")
    article["_cpu"] = time.process_time() - start
    return article


def warm_up() -> None:
    """Load the language model, MinHash's permutations, the date parser's locales, the
    page features' table of word characters and justext's stop words
    (``pipelines.extract.stoplist``) in a new worker before its first page. The language
    model loads in a thread meanwhile: most of its 0.6 s of CPU is LZMA decompression and
    file reads, which release the GIL, so it runs on the other core beside the date
    parser's 2 s of regular expressions (in the forkserver, whose warm-up a crawl waits
    for, that is about 0.4 s sooner warm). The thread has ended when this returns: the
    forkserver forks no thread. The process's young collections then wait for
    ``GC_YOUNG`` new objects (its older generations keep their thresholds)."""
    model = threading.Thread(target=language.identifier, name="warm-language")
    model.start()
    classify.warm_up()
    minhash.signature_bytes("")
    pagedates.warm_up()
    stoplist.warm_up()
    model.join()
    language.identifier()  # loaded by the thread; raises here if that load failed
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
