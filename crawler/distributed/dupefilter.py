"""The shared duplicate filter: scrapy-redis's ``RFPDupeFilter`` on current Scrapy.

Fingerprints live in one Redis set (``PREFIX:dupefilter``) shared by every worker,
so a URL found by two workers is fetched once. ``fingerprint`` is the same
function for a request and for a bare URL, so the seeder can mark known URLs
as seen. Only what scrapy-redis does against current Scrapy is overridden: the
filtered count is kept without the deprecated ``spider`` argument.
Settings read: ``DUPEFILTER_DEBUG``, and see ``crawler.distributed.keys``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from scrapy_redis.dupefilter import RFPDupeFilter
from w3lib.url import canonicalize_url

logger = logging.getLogger(__name__)


def fingerprint(url: str, method: str = "GET", body: bytes = b"") -> str:
    """scrapy-redis's request fingerprint (method, canonical URL, body)."""
    data = {"method": method, "url": canonicalize_url(url), "body": (body or b"").hex()}
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()


class RedisDupeFilter(RFPDupeFilter):
    logger = logger

    def __init__(self, server: Any, key: str, debug: bool = False, stats: Any = None) -> None:
        super().__init__(server, key=key, debug=debug)
        self.stats = stats

    def request_fingerprint(self, request: Any) -> str:
        return fingerprint(request.url, request.method, request.body)

    def close(self, reason: str = "") -> None:
        """Keep the shared fingerprints: other workers still use them."""

    def log(self, request: Any, spider: Any = None) -> None:
        if self.debug:
            self.logger.debug("Filtered duplicate request: %(request)s", {"request": request})
        elif self.logdupes:
            self.logger.debug(
                "Filtered duplicate request %(request)s - no more duplicates will be shown"
                " (see DUPEFILTER_DEBUG to show all duplicates)",
                {"request": request},
            )
            self.logdupes = False
        if self.stats is not None:
            self.stats.inc_value("dupefilter/filtered")
