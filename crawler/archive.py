"""Where the archive is: ``ARCHIVE_DB`` resolved in one place for every adapter.

``archive_path(settings)`` is the SQLite file the crawl, the commands, the
extensions, the WARC middleware and the distributed writer open. Its default
(``data/news.db``) lives in ``crawler/settings.py`` only; an empty ``ARCHIVE_DB``
(``-s ARCHIVE_DB=``) or settings built without the project's (Scrapy's
``get_crawler``) mean that default too.
Settings read: ``ARCHIVE_DB``. Stats: none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler import settings as project


def archive_path(settings: Any) -> Path:
    """The archive file named by ``ARCHIVE_DB`` (default in ``crawler.settings``)."""
    return Path(settings.get("ARCHIVE_DB") or project.ARCHIVE_DB)
