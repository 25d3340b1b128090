"""Scrapy's downloader with per-host politeness that holds: a bound, a delay floor, pauses.

``PoliteDownloader`` (``DOWNLOADER``) is Scrapy 2.19's ``Downloader`` with four changes:

- **The per-host bound holds whatever the delay.** Scrapy 2.19's ``_process_queue``
  pops queued requests of a slot while ``slot.free_transfer_slots()`` is positive, but
  a request joins ``slot.transferring`` only when its scheduled coroutine
  (``_download``) starts, on a later turn of the event loop. With a download delay
  the loop breaks after one request, so the bound holds by accident; with
  ``DOWNLOAD_DELAY = 0`` it pops every queued request at once:
  ``CONCURRENT_REQUESTS_PER_DOMAIN = 2`` gave 13 requests in flight to one host in
  ``bench/politeness.py`` with Scrapy's downloader (19 in issue 15's crawl), 2 with this one.
  Here a request is counted as transferring as soon as it leaves the queue.
- **A delay floor per host** (``raise_delay``): a robots.txt ``Crawl-delay`` raises
  the host's delay and AutoThrottle cannot take it below that.
- **A pause per host** (``pause``): after a ``Retry-After``, nothing is sent to the
  host before the time it asked for.
- **Backpressure from extraction** (``held``): a response is held from the start of
  its transfer until the crawl is done with it (its callback, extraction and the item
  pipelines: Scrapy's scraper slot). No transfer starts while ``EXTRACT_MAX_PENDING``
  responses are held (``crawler.pipelines.extract.max_pending``), so a crawl whose
  extraction lags stops downloading instead of piling pages up in memory (or, in a
  distributed worker, losing them all to a SIGKILL). Requests wait in the downloader's
  queue meanwhile (at most ``CONCURRENT_REQUESTS``), the rest in the scheduler.

Settings read: Scrapy's own (``CONCURRENT_REQUESTS_PER_DOMAIN``, ``DOWNLOAD_DELAY``...),
``EXTRACT_ENABLED``, ``EXTRACT_MAX_PENDING``, ``EXTRACT_WORKERS``. Stats:
``news/backpressure/waits`` (times a transfer waited for held responses to drain) and
``news/backpressure/held_max`` (most responses held at once).
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from scrapy import Request
from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro

from crawler.pipelines.extract import max_pending

# Seconds between looks at the held responses while transfers wait. Extraction is what
# they wait for: each worker holds its 8 responses' worth of work (0.5 s and more), so a
# transfer that starts up to 0.1 s after a response is done starves no worker, and the
# reactor looks half as often as at 0.05 (a timer, the held set, a stat each time).
HELD_POLL = 0.1


class PoliteSlot(Slot):
    """A downloader slot with a delay floor and a time before which nothing is sent."""

    __slots__ = ("floor", "not_before")

    def __init__(self, concurrency: int, delay: float, jitter: float | None = None) -> None:
        super().__init__(concurrency, delay, jitter)
        self.floor = 0.0
        self.not_before = 0.0

    def download_delay(self) -> float:
        return max(super().download_delay(), self.floor)


class PoliteDownloader(Downloader):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.floors: dict[str, float] = {}  # slot key → delay floor (survives slot GC)
        self.pauses: dict[str, float] = {}  # slot key → monotonic time of the end of a pause
        settings = crawler.settings
        self.max_held = max_pending(settings) if settings.getbool("EXTRACT_ENABLED") else 0
        self.started: set[Request] = set()  # transfers started, until the downloader is done

    def _get_slot(self, request: Request, spider: Any = None) -> tuple[str, Slot]:
        key, slot = super()._get_slot(request)
        if not isinstance(slot, PoliteSlot):  # just made by Scrapy: the same, politer
            slot = PoliteSlot(slot.concurrency, slot.delay, slot.jitter)
            self.slots[key] = slot
        slot.floor = self.floors.get(key, 0.0)
        slot.not_before = self.pauses.get(key, 0.0)
        return key, slot

    def raise_delay(self, key: str, seconds: float) -> float:
        """Make ``seconds`` the least delay between two requests to the slot ``key``."""
        self.floors[key] = max(self.floors.get(key, 0.0), seconds)
        slot = self.slots.get(key)
        if isinstance(slot, PoliteSlot):
            slot.floor = self.floors[key]
        return self.floors[key]

    def pause(self, key: str, seconds: float) -> None:
        """Send nothing to the slot ``key`` for ``seconds``."""
        until = max(self.pauses.get(key, 0.0), monotonic() + seconds)
        self.pauses[key] = until
        slot = self.slots.get(key)
        if isinstance(slot, PoliteSlot):
            slot.not_before = until

    def held(self) -> int:
        """Responses on the wire, downloaded or being processed: not yet done with."""
        self.started &= self.active
        engine = getattr(self.crawler, "engine", None)
        scraper = getattr(engine, "scraper", None)
        processing = getattr(getattr(scraper, "slot", None), "active", None) or set()
        return len(self.started | processing)

    def may_start(self, slot: Slot) -> bool:
        """Whether a transfer may start now; if not, look again in ``HELD_POLL`` seconds."""
        if not self.max_held:
            return True
        held = self.held()
        if held < self.max_held:
            self.crawler.stats.max_value("news/backpressure/held_max", held + 1)
            return True
        self.crawler.stats.inc_value("news/backpressure/waits")
        slot.latercall = call_later(HELD_POLL, self._latercall, slot)
        return False

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return
        now = monotonic()
        wait = getattr(slot, "not_before", 0.0) - now
        if wait > 0:
            slot.latercall = call_later(wait, self._latercall, slot)
            return
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0 and self.may_start(slot):
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            # Counted now, not when _download starts (see the module docstring); _download
            # adds it again (a set) and removes it when the response is in.
            slot.transferring.add(request)
            self.started.add(request)
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # one request per delay
                self._process_queue(slot)
                break
