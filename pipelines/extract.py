"""HTML → article: the extraction entry point, its item pipeline, and its command line.

``extract(body, url, ...)`` is a plain top-level function (it can be sent to a
process pool): it parses the page once, reads the page's own metadata
(JSON-LD, OpenGraph, hreflang...), runs trafilatura for the main text (with its
fallbacks, ``pipelines.fallbacks``, and a second opinion, ``pipelines.opinion``),
takes the title (``pipelines.titles``), the authors and agency credits
(``pipelines.authors``), removes teaser lines and notices (``pipelines.notices``),
tags the language, and returns one dict with the archive's field names. A page that is
not an article comes back with ``skip_reason`` set.

``ExtractPipeline`` runs it off the reactor thread in worker processes (see
``pipelines.pool``), then asks the spider (``after_extract``) what the article
points to that should be crawled too, and schedules it.
Settings read: ``EXTRACT_ENABLED`` (default true),
``EXTRACT_WORKERS`` (processes; default the machine's cores, 0 = inline),
``EXTRACT_MAX_PENDING`` (pages in flight; default 4 per worker),
``EXTRACT_MIN_WORDS`` (shorter texts are skipped as not articles; default 40),
``EXTRACT_TIMEOUT`` (seconds a page may take in a worker before the worker is
killed and replaced and the page recorded as ``extract_timeout``; default 60, 0 = none),
``EXTRACT_FUNCTION`` (import path of the page → article function run in the
workers; default ``pipelines.extract.extract_page``).
Stats: ``news/page/{article,listing,other}`` (what each page turned out to be),
``news/extract/article``, ``news/extract/skipped/REASON`` and
``news/extract/cpu_seconds`` (CPU time of extraction in the workers).

Command line: ``python -m pipelines.extract URL < page.html`` prints the article
as one JSON object (``--encoding`` to force a charset).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from datetime import UTC, datetime
from typing import Any

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from crawler.urls import article_id, canonicalize_url, host_of
from pipelines import (
    authors as authors_rules,
)
from pipelines import (
    charset,
    classify,
    dedupe,
    fallbacks,
    htmlmeta,
    language,
    notices,
    opinion,
    pagedates,
    titles,
    translations,
)

EXTRACTOR_VERSION = f"trafilatura {trafilatura.__version__}"
MIN_WORDS = 40
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Blocks that are page furniture on almost every news site. trafilatura drops
# most of them itself; these make sure of it. Class-matched blocks are pruned only
# when short: some sites put those classes on the article's wrapper.
SHORT = "[string-length(normalize-space(.)) < 1000]"
PRUNE_XPATH = [
    "//figcaption",
    "//aside",
    "//nav",
    "//footer",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' share ')]" + SHORT,
    "//*[contains(@class, 'share-') or contains(@class, 'social')]" + SHORT,
    "//*[contains(@class, 'related') or contains(@id, 'related')]" + SHORT,
    "//*[contains(@class, 'newsletter') or contains(@class, 'breadcrumb')]" + SHORT,
    "//*[contains(@class, 'caption')]" + SHORT,
]


def decode(body: bytes | str, encoding: str | None = None, content_type: str | None = None) -> str:
    """Text of a page body; ``encoding`` is a hint, see ``pipelines.charset``."""
    if isinstance(body, str):
        return body
    return charset.decode_html(body, encoding, content_type)[0]


def word_count(text: str) -> int:
    """Words in ``text``; each CJK character counts as one."""
    cjk = len(CJK.findall(text))
    return cjk + len(CJK.sub(" ", text).split())


def normalise_text(text: str) -> str:
    """Text with whitespace folded, for hashing and change detection."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{title or ''}\n{normalise_text(text)}".encode()).hexdigest()[:32]


def tidy_text(text: str, title: str | None, authors: list[str]) -> str:
    """Drop a leading copy of the title and byline-only lines from extracted text."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and normalise_text(lines[0]) == normalise_text(title):
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


def skipped(url: str, reason: str, detail: str = "", kind: str = "skipped") -> dict[str, Any]:
    """A page that makes no article: ``kind`` ``skipped`` (not one) or ``failed`` (broken)."""
    return {"url": url, "skip_reason": reason, "skip_detail": detail, "skip_kind": kind}


def not_article(
    url: str, page_kind: str, reason: str, detail: str, links: list[str] | None, feeds: list[str]
) -> dict[str, Any]:
    """A listing (its links are followed) or another page (recorded with its reason)."""
    found = skipped(url, reason, detail, "failed" if reason == "soft_404" else "skipped")
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

    The page is classified first (``pipelines.classify``): a listing or another
    page comes back with ``page_kind`` and ``skip_reason`` set (``listing``,
    ``not_article``, ``soft_404``...). With ``links`` the result carries the page's
    links and announced feeds, for the crawl to follow. ``articles_only=False``
    extracts every page as an article (benchmarks).
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    hints = hints or {}
    now = datetime.fromisoformat(fetched_at) if fetched_at else datetime.now(UTC)
    html = decode(body, encoding, headers.get("content-type"))
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return skipped(url, "unparseable", "no HTML document in the body") | {"page_kind": "other"}
    meta = htmlmeta.page_metadata(tree, url)
    features = classify.page_features(tree, meta, url)
    found_links, feeds = classify.page_links(tree, url) if links else (None, [])
    marked = notices.marked_texts(tree)  # before trafilatura, which drops the markup
    alternates = translations.page_links(tree, meta["hreflang"], hints)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        prune_xpath=PRUNE_XPATH,  # balanced mode: the site-level step removes the template
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%d",
            "max_date": now.strftime("%Y-%m-%d"),
        },
    )
    document = document or Document()
    raw_text, method = fallbacks.main_text(
        document.text, tree, html, url, meta["article_body"], max(min_words, MIN_WORDS), PRUNE_XPATH
    )
    names = titles.site_names(meta["site_name"] or document.sitename, url)
    title = (
        meta["title"]
        or titles.clean_title(document.title, names)
        or titles.clean_title(hints.get("title"), names)
    )
    authors, credits = meta["authors"], list(meta["credits"])
    if not authors:
        people, more = authors_rules.people_and_credits(
            (document.author or "").split(";"), meta["site_name"]
        )
        authors = people
        credits += [c for c in more if c not in credits]
    text = tidy_text(raw_text, title, authors)
    words = word_count(text)
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
    if method == "trafilatura":  # a second opinion on an article's text (pipelines.opinion)
        better, replaced = opinion.better_text(raw_text, tree, html)
        if replaced:
            raw_text, method = better, "readability"
            text = tidy_text(raw_text, title, authors)
    credits += [c for c in authors_rules.text_credits(raw_text) if c not in credits]
    declared = language.declared_language(
        meta["html_lang"],
        meta["og_locale"],
        meta["json_ld_language"],
        meta["meta_language"],
        headers.get("content-language"),
        hints.get("language"),
    )
    via = hints.get("via") or "feed"
    published = (
        meta["published"]
        + [(via, hints.get("published")), ("url", pagedates.url_date(url))]
        + [("htmldate", document.date)]
    )
    modified = meta["modified"] + [(via, hints.get("modified"))]
    found_dates = pagedates.choose(published, modified, now, declared)
    if found_dates["published_at"] is None:  # no date at all: htmldate's extensive search
        searched = pagedates.searched_date(tree, now)
        found_dates = pagedates.choose(
            published + [("htmldate", searched)], modified, now, declared
        )
    found_dates = pagedates.only_modified(found_dates)
    canonical = canonicalize_url(meta["canonical"] or url)
    if host_of(canonical) != host_of(url):  # a canonical elsewhere is not trusted
        canonical = canonicalize_url(url)
    text = notices.drop_teasers(text)
    tags = language.decide(text, declared)
    text, found = notices.split_notices(text, tags["language"], marked)
    found += [n for n in notices.page_notices(tree, text) if n not in found]
    if found:  # tag the text without its notices
        tags = language.decide(text, declared)
    article = {
        "id": article_id(canonical),
        "url": url,
        "canonical_url": canonical,
        "title": title,
        "authors": authors,
        "credits": credits,
        **found_dates,
        "site_name": meta["site_name"] or document.sitename,
        "description": meta["description"] or document.description,
        "section": meta["section"] or (document.categories or [None])[0],
        "tags": meta["tags"] or list(document.tags or []),
        "image": meta["image"] or document.image,
        **tags,
        "hreflang": alternates["hreflang"],
        "text": text,
        "word_count": word_count(text),
        "content_hash": content_hash(title, text),
        "extraction_method": method,
        "extractor_version": EXTRACTOR_VERSION,
        "paywalled": meta["paywalled"],
        "notices": found,
        "machine_translated": bool(found),
        "locale_alternates": alternates["locale_alternates"],
        "translation_of": alternates["translation_of"],
        "has_translations": alternates["has_translations"],
        "page_kind": "article",
        "kind_reason": evidence,
        "links": found_links,
        "feeds": feeds,
    }
    return article


def extract_page(payload: dict[str, Any]) -> dict[str, Any]:
    """Process-pool entry point: ``extract(**payload)`` that reports errors as skips.

    An article also gets ``_minhash``, its near-duplicate signature (``pipelines.dedupe``),
    computed here so that the crawl process does not; every answer gets ``_cpu``, the
    CPU seconds it took.
    """
    start = time.process_time()
    try:
        article = extract(**payload)
        if not article.get("skip_reason"):
            article["_minhash"] = dedupe.signature_bytes(article["text"])
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the crawl
        detail = f"{type(exc).__name__}: {exc}"
        article = skipped(payload.get("url", ""), "extract_error", detail, "failed")
    article["_cpu"] = time.process_time() - start
    return article


def warm_up() -> None:
    """Load the language model and MinHash in a new worker before its first page."""
    language.identifier()
    dedupe.signature("")


class ExtractPipeline:
    """Turns each ``PageItem`` into an ``ArticleItem`` (or a skip ``ErrorItem``)."""

    def __init__(
        self,
        crawler: Any,
        workers: int | None,
        max_pending: int | None,
        min_words: int,
        timeout: float = 60.0,
        function: Any = None,
    ) -> None:
        from pipelines.pool import WorkerPool

        self.crawler = crawler
        self.stats = crawler.stats
        self.min_words = min_words
        self.pool = WorkerPool(function or extract_page, workers, max_pending, warm_up, timeout)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        from scrapy.exceptions import NotConfigured
        from scrapy.utils.misc import load_object

        settings = crawler.settings
        if not settings.getbool("EXTRACT_ENABLED", True):
            raise NotConfigured("EXTRACT_ENABLED is off")
        workers = settings.get("EXTRACT_WORKERS")
        return cls(
            crawler,
            None if workers in (None, "") else int(workers),
            settings.getint("EXTRACT_MAX_PENDING") or None,
            settings.getint("EXTRACT_MIN_WORDS", MIN_WORDS),
            settings.getfloat("EXTRACT_TIMEOUT", 60.0),
            load_object(settings.get("EXTRACT_FUNCTION") or extract_page),
        )

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: Any) -> Any:
        from crawler.items import ArticleItem, PageItem
        from pipelines.pool import WorkerCrashed, WorkerTimeout

        if not isinstance(item, PageItem):
            return item
        payload = {
            "body": item.body,
            "url": item.url,
            "encoding": item.encoding,
            "headers": item.headers,
            "hints": {**item.hints, "via": item.via},
            "fetched_at": item.fetched_at,
            "min_words": self.min_words,
            "links": item.links,
        }
        try:
            article = await self.pool.run(payload)
        except WorkerCrashed as exc:
            article = skipped(item.url, "extract_crash", str(exc), "failed")
        except WorkerTimeout as exc:
            article = skipped(item.url, "extract_timeout", str(exc), "failed")
        except Exception as exc:  # noqa: BLE001 - the pool failed: record the page, not lose it
            article = skipped(item.url, "extract_error", f"{type(exc).__name__}: {exc}", "failed")
        self.stats.inc_value("news/extract/cpu_seconds", article.pop("_cpu", 0.0))
        kind = article.get("page_kind") or "other"
        self.stats.inc_value(f"news/page/{kind}")
        if kind in ("article", "listing"):
            await self.follow(article, item)
        reason = article.get("skip_reason")
        if reason:
            self.stats.inc_value(f"news/extract/skipped/{reason}")
            return outcome_item(article, item)
        self.stats.inc_value("news/extract/article")
        minhash = article.pop("_minhash", None)
        for key in ("links", "feeds"):
            article.pop(key, None)
        return ArticleItem(article, item, minhash, article["content_hash"] if minhash else None)

    async def follow(self, result: dict[str, Any], page: Any) -> None:
        """Schedule what the spider makes of the page's alternates and links; archive the
        items it records on the way (a calendar trap, a bad scheme)."""
        import scrapy

        follow = getattr(self.crawler.spider, "after_extract", None)
        if follow is None:
            return
        for output in follow(result, page):
            if isinstance(output, scrapy.Request):
                self.crawler.engine.crawl(output)
            else:
                await self.crawler.engine.scraper.start_itemproc_async(output, response=None)


def outcome_item(result: dict[str, Any], page: Any) -> Any:
    """The item that records a page that made no article: a listing, or an error row."""
    from crawler.items import ErrorItem, FrontierItem

    reason = result.get("skip_reason", "")
    if result.get("page_kind") == "listing":
        return FrontierItem(
            page.url,
            page.source,
            "listing",
            "done",
            page.fetched_at,
            status=page.status,
            outcome="listing",
            reason=result.get("kind_reason", ""),
            requested_url=page.requested_url,
        )
    kind = result.get("skip_kind") or ("failed" if reason.startswith("extract_") else "skipped")
    return ErrorItem(
        url=page.url,
        source=page.source,
        reason=reason,
        detail=result.get("skip_detail", ""),
        http_status=page.status,
        fetched_at=page.fetched_at,
        kind=kind,
        url_kind="other" if kind == "skipped" else "article",
        requested_url=page.requested_url,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.extract",
        description="Extract the article from an HTML page read on standard input.",
    )
    parser.add_argument("url", help="the page's URL (for links, canonical and ids)")
    parser.add_argument("--encoding", help="charset of the input (default: detect)")
    parser.add_argument("--min-words", type=int, default=MIN_WORDS)
    args = parser.parse_args(argv)
    body = sys.stdin.buffer.read()
    if args.encoding:  # forced: no detection
        body = body.decode(args.encoding, errors="replace")
    article = extract(body, args.url, encoding=args.encoding, min_words=args.min_words)
    json.dump(article, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
