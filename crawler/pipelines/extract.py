"""``ExtractPipeline``: each fetched page goes to the extraction workers, off the reactor.

It starts a pool of worker processes (``pipelines.pool``) when the spider opens (their
forkserver warms from earlier: ``scrapy crawl`` starts it before Scrapy builds the crawler,
``warming``) and sends every ``PageItem`` to it, to run ``EXTRACT_FUNCTION``
(``pipelines.extract.page.extract_page``), then asks the spider (``after_extract``)
what an article or a listing points to that should be crawled too, and schedules it.
A page that makes no article becomes the item that records its outcome
(``pipelines.items.extracted_item``: a listing's ledger row, or an errors row).
Settings read (defaults in ``crawler/settings.py``): ``EXTRACT_ENABLED``,
``EXTRACT_WORKERS`` (processes; the machine's cores when unset, 0 = inline),
``EXTRACT_MAX_PENDING`` (responses held at once, downloaded and not yet through
extraction: the downloader starts no transfer while they are this many, see
``crawler.downloader``; unset or 0: ``PENDING_PER_WORKER`` per worker, ``max_pending``),
``EXTRACT_MIN_WORDS`` (shorter texts are skipped as not articles), ``EXTRACT_TIMEOUT``
(seconds a page may take in a worker before the worker is killed and replaced and the
page recorded as ``extract_timeout``; 0 = none), ``EXTRACT_FUNCTION``; all but the first
two are read by ``extract_settings``, which ``scrapy reextract`` shares. Stats:
``news/page/{article,listing,other}`` (what each page turned out to be),
``news/extract/article``, ``news/extract/text_cut/CUT`` (articles whose text lost a part
by a rule of ``pipelines.extract.page``: ``fine_print``, ``teaser_cards``, ``link_tail``,
``author_bio``, ``author_box``, ``appeal``, ``end_heading``, ``opening``),
``news/extract/panels_shown`` (collapsed panels an article's page showed, ``panels``),
``news/extract/skipped/REASON``, ``news/extract/cpu_seconds`` (CPU time of extraction
in the workers), ``news/extract/pending_max`` (most pages
waiting for or in extraction at once) and ``news/source/NAME/consent_wall`` (pages of a
source that were a cookie-consent dialog: the run summary names the source).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pipelines.archive.runs import NOTED
from pipelines.extract import EXTRACT_PAGE, PRELOAD, WARM_UP
from pipelines.items import PageItem, extracted_item
from pipelines.pool import (
    WorkerCrashed,
    WorkerPool,
    WorkerTimeout,
    default_workers,
    held_forkserver,
)

PENDING_PER_WORKER = 8  # responses held per extraction worker when EXTRACT_MAX_PENDING is unset


def optional_int(value: Any) -> int | None:
    """A setting that may be unset (None or empty): None, else its integer."""
    return None if value in (None, "") else int(value)


def max_pending(settings: Any) -> int:
    """Responses a crawl holds at once, downloaded and not yet through extraction."""
    workers = optional_int(settings.get("EXTRACT_WORKERS"))
    per_worker = max(1, default_workers() if workers is None else workers) * PENDING_PER_WORKER
    return optional_int(settings.get("EXTRACT_MAX_PENDING")) or per_worker


def extract_settings(settings: Any) -> dict[str, Any]:
    """How pages are extracted, as the crawl and ``scrapy reextract`` both read it. The
    project's own function stays a dotted path: the workers import it (the crawl's
    process never loads the extraction stack). Any other path is imported here, so that
    a wrong one is refused before crawling, naming the setting."""
    function = settings.get("EXTRACT_FUNCTION")
    if isinstance(function, str) and function != EXTRACT_PAGE:
        import importlib

        module, _, name = function.rpartition(".")
        try:
            found = importlib.import_module(module) if module else None
        except ImportError as exc:
            raise ValueError(
                f"EXTRACT_FUNCTION: no module {module!r} ({function!r}): {exc}"
            ) from exc
        if found is None or not callable(getattr(found, name, None)):
            raise ValueError(f"EXTRACT_FUNCTION: no function {name!r} in {module!r} ({function!r})")
    return {
        "workers": optional_int(settings.get("EXTRACT_WORKERS")),
        "min_words": settings.getint("EXTRACT_MIN_WORDS"),
        "timeout": settings.getfloat("EXTRACT_TIMEOUT"),
        "function": function,
    }


@contextmanager
def warming(settings: Any) -> Iterator[None]:
    """The extraction workers' forkserver, started now and held for the block, when the
    crawl these settings run extracts in worker processes: the crawl command enters it
    before Scrapy builds its crawler, so that the forkserver's warm-up (its imports, the
    language model, the date parser's locales: seconds of CPU) runs on the other core
    while Scrapy loads the crawl's components, not after the pipeline opens."""
    workers = optional_int(settings.get("EXTRACT_WORKERS"))
    if not settings.getbool("EXTRACT_ENABLED") or workers == 0 or not PRELOAD:
        yield
        return
    with held_forkserver(PRELOAD, settings.get("EXTRACT_FUNCTION"), WARM_UP):
        yield


def failed(url: str, reason: str, detail: str) -> dict[str, Any]:
    """The result of a page the pool could not extract (``pipelines.extract.page.skipped``)."""
    from pipelines.extract.page import skipped

    return skipped(url, reason, detail, "failed")


class ExtractPipeline:
    """Turns each ``PageItem`` into an ``ArticleItem`` (or a skip ``ErrorItem``)."""

    def __init__(
        self,
        crawler: Any,
        workers: int | None,
        max_pending: int | None,
        min_words: int,
        timeout: float,
        function: Any,
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.min_words = min_words
        self.pool = WorkerPool(function, workers, max_pending, WARM_UP, timeout, PRELOAD)
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not settings.getbool("EXTRACT_ENABLED"):
            raise NotConfigured("EXTRACT_ENABLED is off")
        return cls(crawler, max_pending=max_pending(settings), **extract_settings(settings))

    def open_spider(self) -> None:
        """Start the workers now (forked from the forkserver ``warming`` started, when the
        crawl command did): their start overlaps the crawl's first requests."""
        self.pool.start()

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: Any) -> Any:
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
        self.pending += 1
        self.stats.max_value("news/extract/pending_max", self.pending)
        try:
            article = await self.pool.run(payload)
        except WorkerCrashed as exc:
            article = failed(item.url, "extract_crash", str(exc))
        except WorkerTimeout as exc:
            article = failed(item.url, "extract_timeout", str(exc))
        except Exception as exc:  # noqa: BLE001 - the pool failed: record the page, not lose it
            article = failed(item.url, "extract_error", f"{type(exc).__name__}: {exc}")
        finally:
            self.pending -= 1
        self.stats.inc_value("news/extract/cpu_seconds", article.pop("_cpu", 0.0))
        kind = article.get("page_kind") or "other"
        self.stats.inc_value(f"news/page/{kind}")
        if kind in ("article", "listing"):
            await self.follow(article, item)
        reason = article.get("skip_reason")
        if reason:
            self.stats.inc_value(f"news/extract/skipped/{reason}")
            if reason in NOTED:  # named per source in the run summary (crawler.extensions.runs)
                self.stats.inc_value(f"news/source/{item.source}/{reason}")
        else:
            self.stats.inc_value("news/extract/article")
            for cut in article.get("text_cuts") or []:
                self.stats.inc_value(f"news/extract/text_cut/{cut}")
            if article.get("panels_shown"):
                self.stats.inc_value("news/extract/panels_shown", article["panels_shown"])
        return extracted_item(article, item)

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
