"""Read an archive while a crawl writes it: sqlite-utils and Datasette reader loops.

``ReaderLoop`` runs in a thread until stopped, counting reads and errors. Each
sqlite-utils read is one transaction that checks what a batch guarantees: every
article has its capture and its full-text row (written in the same transaction),
so a reader that saw half a batch would count an error. The Datasette loop asks
a real Datasette for the articles table and a SQL query over the same invariants.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import urllib.request
from pathlib import Path

import sqlite_utils

HALF_BATCH = (
    "SELECT (SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM captures c WHERE c.article_id = a.id)) "
    "+ abs((SELECT count(*) FROM articles) - (SELECT count(*) FROM articles_search_docsize))"
)


class ReaderLoop(threading.Thread):
    def __init__(self, read) -> None:
        super().__init__(daemon=True)
        self.read = read
        self.reads = 0
        self.errors: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                broken = self.read()
            except Exception as exc:  # noqa: BLE001 - counted, reported by the test
                self.errors.append(f"{type(exc).__name__}: {exc}")
            else:
                self.reads += 1
                if broken:
                    self.errors.append(f"half a batch seen: {broken}")

    def stop(self) -> None:
        self.stopping.set()
        self.join(30)


def sqlite_reader(path: Path) -> ReaderLoop:
    # A short busy timeout: a reader blocked by the writer would fail fast, and be counted.
    db = sqlite_utils.Database(sqlite3.connect(path, timeout=0.05, check_same_thread=False))

    def read() -> int:
        with db.conn:  # one read transaction
            db.execute("BEGIN")
            return db.execute(HALF_BATCH).fetchone()[0]

    return ReaderLoop(read)


def datasette_reader(base: str, name: str) -> ReaderLoop:
    query = urllib.request.quote(HALF_BATCH)

    def read() -> int:
        with urllib.request.urlopen(f"{base}/{name}/articles.json?_size=5", timeout=10) as r:
            json.load(r)
        with urllib.request.urlopen(
            f"{base}/{name}.json?sql={query}&_shape=array", timeout=10
        ) as r:
            rows = json.load(r)
        return list(rows[0].values())[0]

    return ReaderLoop(read)
