"""A pathological-page stand-in for crawl tests, importable by spawned extraction workers.

``extract_or_die`` is the real ``extract_page``, except on a page carrying a marker
comment: ``poison:crash`` kills the worker process outright (as a segfault in a C
parser would) and ``poison:hang`` never returns (as a catastrophic regex would).
Used through ``-s EXTRACT_FUNCTION=tests.poison.extract_or_die``. ``extract_slowly`` is
``extract_page`` made slower than the downloads (backpressure tests).
"""

from __future__ import annotations

import os
import time
from typing import Any

from pipelines.extract.page import extract_page


def extract_or_die(payload: dict[str, Any]) -> dict[str, Any]:
    body = payload.get("body") or b""
    if b"poison:crash" in body:
        os._exit(3)
    if b"poison:hang" in body:
        time.sleep(3600)
    return extract_page(payload)


def extract_slowly(payload: dict[str, Any]) -> dict[str, Any]:
    """``extract_page`` a quarter of a second late: extraction slower than the downloads."""
    time.sleep(0.25)
    return extract_page(payload)
