"""One crawl's way into the archive: the writer thread and connection, and one read connection.

``ArchiveHandle(path)`` owns every connection a crawl opens on its archive file: the
writer (``writer()``: a ``pipelines.archive.writer.ArchiveWriter``, its thread and its
connection, opened on first use with ``schema.open_archive``: schema and migrations)
and at most one read-only connection (``reading()``), which it opens after the writer
(so the file and its schema exist) and lends to one caller at a time, on any thread:
the frontier load, the resume plan, the silent-source check, the WARC recorder's
revisit look-up. Every write goes through the writer; the read connection never takes
a lock. ``opened`` counts the connections it opened (at most 2), for tests.
Plain Python and sqlite3, no Scrapy. Settings read: none (the run context passes
``ARCHIVE_DB``'s path). Stats: none.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.archive.schema import open_archive
from pipelines.archive.writer import ArchiveWriter


class ArchiveHandle:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.opened = 0  # connections opened on the file
        self._writer: ArchiveWriter | None = None
        self._reader: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the read connection: one user at a time
        self._opening = threading.Lock()

    def writer(self) -> ArchiveWriter:
        """The one writer thread and connection, opened (schema, migrations) on first use."""
        with self._opening:
            if self._writer is None:
                self._writer = ArchiveWriter(lambda: open_archive(self.path))
                self.opened += 1
        return self._writer

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The read-only connection, for one caller at a time (any thread)."""
        self.writer()  # the file exists and has its schema before anything reads it
        with self._lock:
            if self._reader is None:
                uri = f"file:{self.path}?mode=ro"
                self._reader = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
                self.opened += 1
            yield self._reader

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None
