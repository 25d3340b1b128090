"""``QuietLogFormatter``: Scrapy's log messages, none built that no handler would show.

Scrapy logs a DEBUG message for every response (``Crawled (200) <GET ...>``) and every
item (``Scraped from ...``), and filters by ``LOG_LEVEL`` only in its log handler: the
root logger passes everything, so each message is made (its ``LogRecord``, the referer
read from the request's headers) and handed to every handler, which drops it at any level
above DEBUG. This formatter (``LOG_FORMATTER``) returns no message for those two when no
handler on the way from the logger Scrapy uses to the root would take a DEBUG record
(``shown``), which Scrapy's API reads as "log nothing"; otherwise Scrapy's own message,
unchanged. Which handlers are there is looked at each time, so a handler added later
(a test's log capture, ``LOG_LEVEL=DEBUG``) sees the messages. Settings read: none
(``LOG_LEVEL`` is the handler's level). Stats: none.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter

CRAWLED_LOGGER = logging.getLogger("scrapy.core.engine")  # where Scrapy logs ``crawled``
SCRAPED_LOGGER = logging.getLogger("scrapy.core.scraper")  # and ``scraped``


def shown(logger: logging.Logger, level: int) -> bool:
    """Whether a record of ``level`` logged on ``logger`` would reach a handler that takes it
    (``logging.Logger.callHandlers``' walk; the handlers' own filters aside)."""
    if not logger.isEnabledFor(level):
        return False
    current: logging.Logger | None = logger
    found = False
    while current is not None:
        for handler in current.handlers:
            found = True
            if level >= handler.level:
                return True
        if not current.propagate:
            break
        current = current.parent
    # no handler at all: logging's last resort (WARNING) takes the record
    return not found and logging.lastResort is not None and level >= logging.lastResort.level


class QuietLogFormatter(LogFormatter):
    def crawled(self, request: Any, response: Any, spider: Any) -> Any:
        if not shown(CRAWLED_LOGGER, logging.DEBUG):
            return None
        return super().crawled(request, response, spider)

    def scraped(self, item: Any, response: Any, spider: Any) -> Any:
        if not shown(SCRAPED_LOGGER, logging.DEBUG):
            return None
        return super().scraped(item, response, spider)
