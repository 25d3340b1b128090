"""Switch the browser on for a crawl with ``render`` sources: scrapy-playwright's settings.

``use_browser(settings)`` is called by the spider once it has read the sources file and
only if a source sets ``render = true``: it installs scrapy-playwright's download handler
(``crawler.browser``, one for http and https), which passes every request not marked
for the browser to Scrapy's own HTTP handler, and points Playwright at the installed
Chromium, never a downloaded one. A crawl without ``render`` sources never loads
Playwright; one with them starts Playwright's driver when the engine starts and the
browser at the first rendered page. The browser runs headless with the flags that keep
it from calling home, and with the crawl's ``DNS_PINS`` as its host-resolver rules, so
it reaches the addresses the crawl's own resolver gives (with the guard on, it connects
through the guard proxies of ``crawler.middlewares.render``, which resolve for it). Its
bounds are its own: one browser context per render source, of at most
``NEWS_RENDER_CONCURRENCY`` pages each, each page given ``NEWS_RENDER_TIMEOUT`` seconds
to load.
Settings read (defaults in ``crawler/settings.py``): ``NEWS_RENDER_BROWSER`` (the
Chromium executable), ``NEWS_RENDER_CONCURRENCY``, ``NEWS_RENDER_TIMEOUT`` (seconds a
page may take to load), ``DNS_PINS``. Settings written: ``DOWNLOAD_HANDLERS``,
``PLAYWRIGHT_*``. Stats: none (scrapy-playwright counts under ``playwright/``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

HANDLER = "crawler.browser.BrowserDownloadHandler"
# Headless Chromium that makes no connection of its own (updates, sync, safe browsing...).
QUIET_FLAGS = [
    "--no-sandbox",  # as root, in containers
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--no-pings",
    "--disable-dev-shm-usage",
]


def host_rules(pins: Any) -> str:
    """``DNS_PINS`` ({host: address}) as Chromium's ``--host-resolver-rules``."""
    if isinstance(pins, str):
        pins = json.loads(pins) if pins.strip() else {}
    return ", ".join(f"MAP {host} {address}" for host, address in sorted((pins or {}).items()))


def browser_settings(settings: Any, sources: int = 1) -> dict[str, Any]:
    """The settings that give the crawl a browser for its ``render`` sources."""
    args = list(QUIET_FLAGS)
    rules = host_rules(settings.get("DNS_PINS"))
    if rules:
        args.append(f"--host-resolver-rules={rules}")
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": settings.get("NEWS_RENDER_BROWSER"),
            "headless": True,
            "args": args,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": sources,  # one per render source
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("NEWS_RENDER_CONCURRENCY"),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": settings.getfloat("NEWS_RENDER_TIMEOUT") * 1000,
    }


class OneLineFailures(logging.Filter):
    """scrapy-playwright logs a traceback with each page that fails to load; the failure
    is in the errors table (``render_timeout``, ``render_error``): its one line is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Closing page due to failed request"):
            record.exc_info = record.exc_text = None
        return True


def use_browser(settings: Any, sources: int = 1) -> None:
    """Give the crawl a browser for ``sources`` render sources (before the settings are
    frozen: the spider's ``from_crawler``)."""
    for name, value in browser_settings(settings, sources).items():
        settings.set(name, value, priority="spider")
    logger = logging.getLogger("scrapy-playwright")
    if not any(isinstance(f, OneLineFailures) for f in logger.filters):
        logger.addFilter(OneLineFailures())
