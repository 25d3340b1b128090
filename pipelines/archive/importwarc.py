"""WARC import: other people's WARC files through the crawl's extraction, classification,
dedup and archive, their captures left where they are.

``import_warcs(db, paths, ...)`` reads each file record by record (gzip per record, or
uncompressed). Each ``response`` or ``revisit`` record of an http(s) URL is one imported
capture and ends in exactly one outcome, as a fetched URL does in a crawl:

- a 200 HTML page goes to the extraction workers (``pipelines.pool``, the crawl's
  ``extract_page``) and becomes an article (new, updated, unchanged, duplicate), a
  listing, or a skip, through ``pipelines.items.extracted_item`` and the crawl's
  ``pipelines.archive.batch.write_batch`` (the site template step too, with ``learner``);
- any other status is an errors row (``http_NNN``, or ``redirect`` for a 3xx), a non-HTML
  or empty body one too (``pipelines.extract.content.fetched_problem``, as the crawl checks);
- a ``revisit`` takes the payload of the response it names (``WARC-Refers-To``, else its
  target URI and payload digest) from this import or the archive; when there is none it is
  an errors row (``revisit_unresolved``);
- a record cut short (a truncated file) is an errors row (``warc_truncated``) and the file
  is read no further; a file that is no WARC, or whose records cannot be read back by
  offset (gzipped as one stream), is an errors row of its own (``warc_unreadable``).

Other records (``request``, ``warcinfo``, ``metadata``, ``resource``, non-http targets)
are counted by type and left alone. Every imported record gets a ``warc_records`` row
pointing at the original file (its absolute path, or relative to the archive's directory
when inside it) and offset; nothing is copied into the archive's WARC files. The import is
one ``crawl_runs`` row whose accounting balances: records imported = the sum of their
outcomes, per source. ``source`` names the source of every record (default: the URL's host
without ``www.``). Near duplicates are clustered at the end when ``threshold`` is given.
Plain functions; settings read: none (``scrapy import-warc`` passes them). Stats (in the
run's row): ``news/import/{records,files,broken_files}``, ``news/import/ignored/TYPE``,
and per source ``news/source/NAME/OUTCOME``.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipelines.archive import dedupe, runs, warc
from pipelines.archive.batch import write_batch, write_error
from pipelines.archive.schema import atomic
from pipelines.extract import PRELOAD
from pipelines.extract.content import KEPT_HEADERS, fetched_problem
from pipelines.extract.dates import utc_now
from pipelines.extract.page import MIN_WORDS, extract_page, warm_up
from pipelines.items import ErrorItem, PageItem, extracted_item
from pipelines.pool import WorkerCrashed, WorkerPool, WorkerTimeout

CHUNK = 200  # captures extracted and written per transaction
IMPORTED = ("response", "revisit")
NOT_PAGES = {"redirect", "not_html", "empty_body", "binary_body"}  # skipped, not failed
UNREADABLE = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError)


@dataclass
class Capture:
    """One imported record: its index row, and the page to extract or the error it is."""

    row: dict[str, Any]
    item: PageItem | ErrorItem


@dataclass
class ImportReport:
    files: int = 0
    records: int = 0  # imported captures: each has one outcome
    outcomes: Counter = field(default_factory=Counter)  # outcome -> records
    ignored: Counter = field(default_factory=Counter)  # WARC type -> records left alone
    broken_files: list[str] = field(default_factory=list)
    run_id: int | None = None
    per_source: dict[str, Counter] = field(default_factory=dict)

    def lines(self) -> list[str]:
        outcomes = ", ".join(f"{n} {name}" for name, n in sorted(self.outcomes.items()))
        out = [
            f"imported {self.records} records from {self.files} files "
            f"(run {self.run_id}): {outcomes or 'nothing'}"
        ]
        if self.ignored:
            ignored = ", ".join(f"{n} {kind}" for kind, n in sorted(self.ignored.items()))
            out.append(f"  left alone: {ignored}")
        out += [f"  unreadable: {name}" for name in self.broken_files]
        return out


def host_source(url: str) -> str:
    """The default source of an imported URL: its host, without ``www.``."""
    host = (urlsplit(url).hostname or "unknown").lower()
    return host[4:] if host.startswith("www.") else host


def stored_path(base: Path, path: Path) -> str:
    """A WARC file's path as the index keeps it: relative to ``base`` when inside it."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path.resolve())


class Originals:
    """Response records a revisit may refer to: this chunk's, then the archive's index."""

    def __init__(self, db: Any, base: Path) -> None:
        self.db, self.base = db, base
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_digest: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, row: dict[str, Any]) -> None:
        self.by_id[row["record_id"]] = row
        if row["payload_digest"]:
            self.by_digest[(row["url"], row["payload_digest"])] = row

    def clear(self) -> None:  # the chunk is committed: the archive's index has them
        self.by_id.clear()
        self.by_digest.clear()

    def find(self, record_id: str | None, url: str, digest: str | None) -> dict[str, Any] | None:
        if record_id:
            row = self.by_id.get(record_id)
            if row is None:
                found = self.db.execute(
                    "SELECT record_id, url, fetched_at, payload_digest, warc_file, warc_offset, "
                    "warc_length FROM warc_records WHERE record_id = ? AND type = 'response'",
                    [record_id],
                ).fetchone()
                if found:
                    row = dict(zip(ORIGINAL_COLUMNS, found, strict=True))
            if row is not None:
                return row
        if digest:
            row = self.by_digest.get((url, digest))
            if row is not None:
                return row
            found = warc.find_original(self.db, url, digest)
            if found is not None:
                return self.find(found["record_id"], url, None)
        return None

    def body(self, row: dict[str, Any]) -> bytes:
        path = warc.resolve(self.base, row["warc_file"])
        return warc.read_record(path, row["warc_offset"], row["warc_length"]).payload


ORIGINAL_COLUMNS = (
    "record_id",
    "url",
    "fetched_at",
    "payload_digest",
    "warc_file",
    "warc_offset",
    "warc_length",
)


def status_code(record: Any) -> int:
    """The HTTP status of a record (0 when it has none, or none that reads)."""
    try:
        return int(record.http_headers.get_statuscode()) if record.http_headers else 0
    except ValueError:
        return 0


def http_pairs(record: Any) -> list[tuple[str, str]]:
    return list(record.http_headers.headers) if record.http_headers else []


def kept_headers(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {k.lower(): v for k, v in pairs if k.lower() in KEPT_HEADERS}


def error(
    url: str, source: str, reason: str, detail: str, at: str, status: int | None = None, **kw: Any
) -> ErrorItem:
    kind = "skipped" if reason in NOT_PAGES else "failed"
    return ErrorItem(
        url=url,
        source=source,
        reason=reason,
        detail=detail,
        http_status=status,
        fetched_at=at,
        kind=kw.pop("kind", kind),
        url_kind=kw.pop("url_kind", "other" if kind == "skipped" else "article"),
        **kw,
    )


def capture_item(
    row: dict[str, Any], status: int, pairs: list[tuple[str, str]], body: bytes, source: str
) -> PageItem | ErrorItem:
    """The page an imported response makes, or the error it is (as the crawl decides)."""
    url, at = row["url"], row["fetched_at"]
    if status != 200:
        if 300 <= status < 400:
            location = dict((k.lower(), v) for k, v in pairs).get("location", "")
            return error(url, source, "redirect", f"{status} to {location}", at, status)
        return error(url, source, f"http_{status}", f"HTTP {status}", at, status)
    headers = kept_headers(pairs)
    problem = fetched_problem(headers.get("content-type", ""), body)
    if problem is not None:
        return error(url, source, *problem, at, status)
    return PageItem(
        url=url,
        requested_url=url,
        source=source,
        status=status,
        headers=headers,
        body=body,
        encoding=None,  # the worker decodes, from the headers and the page
        fetched_at=at,
        via="import",
        warc=row,
    )


def read_captures(
    path: Path, base: Path, originals: Originals, source_of: Callable[[str], str], report: Any
) -> Iterator[Capture | ErrorItem]:
    """The imported records of one file, in order, then an ``ErrorItem`` (not fetched) if
    the file cannot be read (further). Records left alone are counted in ``report.ignored``."""
    stored = stored_path(base, path)
    url, at, checked = "", utc_now(), False
    try:
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                kind = record.rec_type
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if kind not in IMPORTED or not url.startswith(("http://", "https://")):
                    iterator.read_to_end(record)
                    report.ignored[kind] += 1
                    continue
                at = warc.iso_date(record.rec_headers.get_header("WARC-Date") or warc.warc_date())
                source = source_of(url)
                status = status_code(record)
                pairs = http_pairs(record)
                body = record.content_stream().read()
                iterator.read_to_end(record)
                row = {
                    "record_id": record.rec_headers.get_header("WARC-Record-ID"),
                    "type": kind,
                    "url": url,
                    "fetched_at": at,
                    "warc_file": stored,
                    "warc_offset": iterator.get_record_offset(),
                    "warc_length": iterator.get_record_length(),
                    "payload_digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                    "status": status or None,
                    "content_type": kept_headers(pairs).get("content-type"),
                    "refers_to": None,
                }
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside it
                    detail = f"{path.name}: record at offset {row['warc_offset']} is cut short"
                    yield Capture(row, error(url, source, "warc_truncated", detail, at))
                    return
                if not checked:  # the first record reads back by offset, or none will
                    check_seekable(path, row)
                    checked = True
                if kind == "revisit":
                    yield revisit(row, record, status, pairs, originals, source)
                    continue
                originals.add(row)
                yield Capture(row, capture_item(row, status, pairs, body, source))
    except UNREADABLE as exc:  # not a WARC, or broken between records: a row for the file
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:500]
        yield error(str(path), "import", "warc_unreadable", detail, at, fetched=False)


def check_seekable(path: Path, row: dict[str, Any]) -> None:
    """Refuse a file whose records cannot be read back by offset (one gzip stream for the
    whole file, not one member per record): a capture must point at its record."""
    problem = "its records cannot be read back by offset"
    if row["warc_length"] > 0:
        try:
            if warc.read_record(path, row["warc_offset"], row["warc_length"]).url == row["url"]:
                return
        except UNREADABLE as exc:
            problem = f"{problem} ({exc})"
    raise ArchiveLoadFailed(
        f"{problem}: a gzipped WARC needs one gzip member per record "
        f"(`warcio recompress {path.name} NEW.warc.gz` makes one)"
    )


def revisit(
    row: dict[str, Any],
    record: Any,
    status: int,
    pairs: list[tuple[str, str]],
    originals: Originals,
    source: str,
) -> Capture:
    """A revisit record: the page with the payload of the response it names."""
    headers = record.rec_headers
    target = headers.get_header("WARC-Refers-To-Target-URI") or row["url"]
    original = originals.find(headers.get_header("WARC-Refers-To"), target, row["payload_digest"])
    if original is None:
        detail = f"no response record {headers.get_header('WARC-Refers-To') or ''} for {target}"
        return Capture(
            row, error(row["url"], source, "revisit_unresolved", detail, row["fetched_at"])
        )
    row["refers_to"] = original["record_id"]
    body = originals.body(original)
    return Capture(row, capture_item(row, status or 200, pairs, body, source))


async def extract(pool: WorkerPool, page: PageItem, min_words: int) -> Any:
    payload = {
        "body": page.body,
        "url": page.url,
        "encoding": page.encoding,
        "headers": page.headers,
        "hints": {"via": page.via},
        "fetched_at": page.fetched_at,
        "min_words": min_words,
        "links": False,
    }
    try:
        result = await pool.run(payload)
    except WorkerCrashed as exc:
        result = {"skip_reason": "extract_crash", "skip_detail": str(exc)}
    except WorkerTimeout as exc:
        result = {"skip_reason": "extract_timeout", "skip_detail": str(exc)}
    result.pop("_cpu", None)
    return extracted_item(result, page)


def save_import_sources(db: Any, names: set[str], now: str) -> None:
    """A ``sources`` row for each source first seen by an import (a declared one is kept)."""
    for name in sorted(names):
        db.execute(
            "INSERT OR IGNORE INTO sources (name, config, first_seen, last_crawled) "
            "VALUES (?, ?, ?, ?)",
            [name, json.dumps({"name": name, "imported": "warc"}), now, now],
        )


async def write_chunk(
    db: Any,
    chunk: list[Capture],
    pool: WorkerPool,
    min_words: int,
    learner: Any,
    run_id: int,
    report: ImportReport,
) -> None:
    pages = [c.item for c in chunk if isinstance(c.item, PageItem)]
    extracted = iter(await asyncio.gather(*(extract(pool, p, min_words) for p in pages)))
    items = [next(extracted) if isinstance(c.item, PageItem) else c.item for c in chunk]
    with atomic(db):
        save_import_sources(db, {c.item.source for c in chunk}, utc_now())
        for capture in chunk:
            warc.index_rows(db, [capture.row], capture.item.source, run_id)
        outcomes = write_batch(db, items, run_id, True, learner)
    for source, outcome in outcomes:
        if outcome != "captures":
            report.outcomes[outcome] += 1
            report.per_source.setdefault(source, Counter())[outcome] += 1


async def _import(
    db: Any,
    paths: list[Path],
    pool: WorkerPool,
    min_words: int,
    learner: Any,
    source: str | None,
    report: ImportReport,
) -> None:
    base = warc.archive_base(db)
    originals = Originals(db, base)
    run_id = report.run_id
    assert run_id is not None

    def source_of(url: str) -> str:
        return source or host_source(url)

    chunk: list[Capture] = []
    for path in paths:
        report.files += 1
        for entry in read_captures(path, base, originals, source_of, report):
            if isinstance(entry, ErrorItem):  # the file itself: an errors row, no record
                with atomic(db):
                    write_error(db, entry, run_id)
                report.broken_files.append(f"{path} ({entry.detail})")
                continue
            report.records += 1
            report.per_source.setdefault(entry.item.source, Counter())["fetched"] += 1
            chunk.append(entry)
            if len(chunk) >= CHUNK:
                await write_chunk(db, chunk, pool, min_words, learner, run_id, report)
                originals.clear()
                chunk = []
    if chunk:
        await write_chunk(db, chunk, pool, min_words, learner, run_id, report)


def import_warcs(
    db: Any,
    paths: list[Path],
    *,
    source: str | None = None,
    workers: int | None = None,
    min_words: int = MIN_WORDS,
    function: Callable[[dict[str, Any]], dict[str, Any]] | str = extract_page,
    timeout: float | None = None,
    learner: Any = None,
    threshold: float | None = None,
) -> ImportReport:
    """Import the WARC files into the archive, as one run; returns what each record became."""
    report = ImportReport()
    report.run_id = runs.open_run(db, [source] if source else [], utc_now())
    pool = WorkerPool(function, workers, initializer=warm_up, timeout=timeout, preload=PRELOAD)
    status = "failed"
    try:
        asyncio.run(_import(db, [Path(p) for p in paths], pool, min_words, learner, source, report))
        status = "finished"
    finally:
        pool.close()
        if status == "finished" and threshold is not None:
            dedupe.cluster(db, threshold)
        close(db, report, status)
    return report


def close(db: Any, report: ImportReport, status: str) -> None:
    """End the import's run: per-source counts, its stats and its accounting."""
    counts = {name: dict(counter) for name, counter in report.per_source.items()}
    stats: dict[str, Any] = {
        "news/import/files": report.files,
        "news/import/records": report.records,
        "news/import/broken_files": len(report.broken_files),
    }
    for kind, n in report.ignored.items():
        stats[f"news/import/ignored/{kind}"] = n
    for name, counter in counts.items():
        for key, n in counter.items():
            stats[f"news/source/{name}/{key}"] = n
    books = {name: {**runs.balance(c), "unsettled": 0} for name, c in counts.items()}
    assert report.run_id is not None
    runs.close_run(db, report.run_id, utc_now(), status, counts, stats, books)
    with atomic(db):
        db["crawl_runs"].update(report.run_id, {"sources": json.dumps(sorted(counts))})
