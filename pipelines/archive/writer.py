"""One writer thread for the archive, so SQLite writes never stall Scrapy's reactor.

``ArchiveWriter(open_db)`` opens the archive on its own thread and runs every write
there, in submission order. ``write(function, *args)`` returns an awaitable of
``function(db, *args)``; at most one batch is being written while the next one
fills, so a slow disk slows the crawl (backpressure) instead of piling up bodies
in memory. sqlite3, zlib and hashlib release the GIL, so a write overlaps with
downloading; trafilatura never runs here (it is not thread-safe: it runs in
worker processes, see ``pipelines.pool``). Settings read: none.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


class ArchiveWriter:
    def __init__(self, open_db: Callable[[], Any]) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-writer")
        self.db = self._thread.submit(open_db).result()
        self._busy: asyncio.Future | None = None
        self.cpu = 0.0  # CPU seconds the writes took on the writer thread

    def _timed(self, function: Callable[..., Any], *args: Any) -> Any:
        start = time.thread_time()
        try:
            return function(self.db, *args)
        finally:
            self.cpu += time.thread_time() - start

    async def write(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(db, *args)`` on the writer thread, after the write before it."""
        if self._busy is not None and not self._busy.done():
            await asyncio.wait([self._busy])  # backpressure: one batch in the writer at most
        self._busy = asyncio.wrap_future(self._thread.submit(self._timed, function, *args))
        return await self._busy

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(db, *args)`` on the writer thread, waiting for it (for open and close)."""
        return self._thread.submit(function, self.db, *args).result()

    def close(self) -> None:
        self.run(lambda db: db.close())
        self._thread.shutdown(wait=True)
