"""Cluster near-duplicate articles at the end of each crawl.

On ``spider_closed`` (after the archive pipeline has written its last batch)
``pipelines.archive.dedupe.cluster`` refreshes the MinHash signatures of new and changed
articles and recomputes ``articles.cluster_id`` / ``cluster_similarity``.
Settings read: ``DEDUPE_ENABLED`` (default true), ``DEDUPE_THRESHOLD`` (default
``pipelines.archive.dedupe.THRESHOLD``), ``ARCHIVE_ENABLED``, ``ARCHIVE_DB``.
Stats: ``news/dedupe/{signatures,clusters,clustered}``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipelines.archive import dedupe
from pipelines.archive.batch import DEFAULT_DB
from pipelines.archive.schema import open_archive

logger = logging.getLogger(__name__)


class DedupeExtension:
    def __init__(self, crawler: Any, path: str, threshold: float) -> None:
        self.crawler = crawler
        self.path = path
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupeExtension:
        settings = crawler.settings
        if not (
            settings.getbool("DEDUPE_ENABLED", True) and settings.getbool("ARCHIVE_ENABLED", True)
        ):
            raise NotConfigured("DEDUPE_ENABLED or ARCHIVE_ENABLED is off")
        extension = cls(
            crawler,
            settings.get("ARCHIVE_DB") or DEFAULT_DB,
            settings.getfloat("DEDUPE_THRESHOLD", dedupe.THRESHOLD),
        )
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        with open_archive(self.path) as db:
            report = dedupe.cluster(db, self.threshold)
        stats = self.crawler.stats
        stats.set_value("news/dedupe/signatures", report.signatures)
        stats.set_value("news/dedupe/clusters", report.clusters)
        stats.set_value("news/dedupe/clustered", report.clustered)
        logger.info(
            "near duplicates: %d articles in %d clusters", report.clustered, report.clusters
        )
