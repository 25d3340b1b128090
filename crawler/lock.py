"""One crawl per archive at a time: an exclusive lock file next to the SQLite archive.

``acquire(archive)`` takes a non-blocking ``flock`` on ``ARCHIVE.lock`` and
writes the holder's pid and start time into it; the lock lasts as long as the
returned file stays open (the operating system drops it when the process ends,
even on a crash, so a stale lock file never blocks the next run).
``CrawlLocked`` names the archive and the running crawl. Settings read: none
(the crawl command passes ``ARCHIVE_DB``).
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO


class CrawlLocked(RuntimeError):
    """Another crawl holds the archive's lock."""


def lock_path(archive: str | Path) -> Path:
    return Path(f"{archive}.lock")


def acquire(archive: str | Path) -> IO[str]:
    """Lock the archive for this process, or raise ``CrawlLocked``."""
    path = lock_path(archive)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown process"
        handle.close()
        raise CrawlLocked(
            f"another crawl is already running on {archive} ({holder}); "
            f"not starting a second one (lock file {path})"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}, started {datetime.now(UTC).isoformat(timespec='seconds')}")
    handle.flush()
    return handle
