"""Add a WARC ``metadata`` record per extracted article: the article as JSON, next to its capture.

``WarcMetadataPipeline`` (after extraction, before the archive) writes, for each
``ArticleItem`` whose page was captured by ``crawler.middlewares.warc``, a
``metadata`` record holding the extracted article, how the page was found (``via``) and
the feed or sitemap hints; it names the page's response record (``WARC-Refers-To``,
``WARC-Concurrent-To``) and has a target of its own (``urn:newsarchive:article:<URL>``,
``pipelines.archive.warc.metadata_uri``) so that replay tools serve the page, not the JSON.
``scrapy reextract`` reads the hints back. Settings read: ``WARC_ENABLED``,
``ARCHIVE_ENABLED`` (off when either is), and those of the WARC middleware (read there,
by ``crawler.middlewares.warc.recorder_for``; defaults in ``crawler/settings.py``).
"""

from __future__ import annotations

from typing import Any

from crawler.middlewares.warc import recorder_for
from pipelines.items import ArticleItem


def metadata_payload(article: dict[str, Any], page: Any) -> dict[str, Any]:
    return {"article": article, "source": page.source, "via": page.via, "hints": page.hints}


class WarcMetadataPipeline:
    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcMetadataPipeline:
        return cls(recorder_for(crawler))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem) and item.page.warc is not None:
            page = item.page
            self.recorder.metadata(
                page.url, metadata_payload(item.article, page), page.warc, page.source
            )
        return item
