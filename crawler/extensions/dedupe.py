"""Cluster near-duplicate articles at the end of each crawl.

Each batch the archive pipeline writes clusters its own signed articles
(``pipelines.archive.dedupe.assign``); on ``spider_closed`` (after the last batch)
``pipelines.archive.dedupe.cluster`` signs and bands what is left (texts without a
signature, the clusters of deleted articles, everything after a threshold change) and
clusters it again with the articles it shares an LSH band with (work proportional to
what the crawl wrote, not to the archive), on the crawl's one archive writer
(``crawler.run``).
Settings read (defaults in ``crawler/settings.py``): ``DEDUPE_ENABLED``, ``DEDUPE_THRESHOLD``
(the value of ``pipelines.archive.dedupe.THRESHOLD``), ``ARCHIVE_ENABLED``, ``ARCHIVE_DB``
(``crawler.archive``).
Stats: ``news/dedupe/{signatures,banded,examined,clusters,clustered}``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.archive import archive_path
from crawler.run import RunContext
from pipelines.archive import dedupe

logger = logging.getLogger(__name__)


class DedupeExtension:
    def __init__(self, crawler: Any, path: Path, threshold: float) -> None:
        self.crawler = crawler
        self.path = path
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupeExtension:
        settings = crawler.settings
        if not (settings.getbool("DEDUPE_ENABLED") and settings.getbool("ARCHIVE_ENABLED")):
            raise NotConfigured("DEDUPE_ENABLED or ARCHIVE_ENABLED is off")
        extension = cls(crawler, archive_path(settings), settings.getfloat("DEDUPE_THRESHOLD"))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        report = RunContext.of(self.crawler).writer().run(dedupe.cluster, self.threshold)
        stats = self.crawler.stats
        stats.set_value("news/dedupe/signatures", report.signatures)
        stats.set_value("news/dedupe/banded", report.banded)
        stats.set_value("news/dedupe/examined", report.examined)
        stats.set_value("news/dedupe/clusters", report.clusters)
        stats.set_value("news/dedupe/clustered", report.clustered)
        logger.info(
            "near duplicates: %d articles in %d clusters", report.clustered, report.clusters
        )
