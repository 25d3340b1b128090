"""The WACZ export: the selected articles' captures as one package for ReplayWeb.page and pywb.

``write_wacz(records, out)`` writes a WACZ 1.1.1 file (a ZIP, every entry stored
uncompressed so a reader can seek into it) holding:

- ``archive/data.warc.gz``: the articles' response records and metadata records, copied
  byte for byte from the archive's WARC files (``pipelines.archive.export.article_records``);
- ``indexes/index.cdx``: its CDXJ index, written by ``cdxj-indexer`` (the indexer of
  py-wacz and browsertrix-crawler), sorted, of the response records only: a metadata
  record (even one written before they had targets of their own) is never a capture;
- ``pages/pages.jsonl``: one page per article, its latest capture (URL, WARC time, title);
- ``datapackage.json``: every file with its size and SHA-256, and
  ``datapackage-digest.json``: the SHA-256 of ``datapackage.json``.

Returns the number of pages. Plain functions; settings read: none. Stats: none.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cdxj_indexer.main import write_cdx_index
from warcio.archiveiterator import ArchiveIterator

WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"
INDEXED = "response,revisit,resource"  # never metadata, request or warcinfo
SOFTWARE = "newsarchive (cdxj-indexer)"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}


def record_head(data: bytes) -> tuple[str, str, str]:
    """(WARC-Type, WARC-Target-URI, WARC-Date) of one record's bytes."""
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    headers = record.rec_headers
    return record.rec_type, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date")


Records = Iterator[tuple[dict[str, Any], dict[str, Any], bytes]]


def write_records(records: Records, path: Path) -> list[dict[str, Any]]:
    """Write the articles' records to ``path``; returns one page per article (latest capture)."""
    pages: dict[str, dict[str, Any]] = {}
    with open(path, "wb") as handle:
        for article, _capture, data in records:
            handle.write(data)
            kind, url, date = record_head(data)
            if kind == "response":  # captures come oldest first: the last one stays
                page = {"id": article["id"], "url": url, "ts": date, "title": article["title"]}
                pages[article["id"]] = {k: v for k, v in page.items() if v}
    return list(pages.values())


def resource(name: str, data: bytes) -> dict[str, Any]:
    return {
        "name": Path(name).name,
        "path": name,
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def package(files: dict[str, bytes], pages: list[dict[str, Any]]) -> dict[str, Any]:
    """``datapackage.json``: the files with their hashes, and what the package holds."""
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    described: dict[str, Any] = {
        "profile": "data-package",
        "resources": [resource(name, data) for name, data in files.items()],
        "wacz_version": WACZ_VERSION,
        "software": SOFTWARE,
        "created": created,
        "title": "newsarchive export",
    }
    if pages:
        described["mainPageUrl"] = pages[0]["url"]
        described["mainPageDate"] = pages[0]["ts"]
    return described


def write_wacz(records: Records, out: IO[bytes]) -> int:
    """Write the articles' ``(article, capture, record bytes)`` (``pipelines.archive.export.
    article_records``) as a WACZ to ``out`` (binary); returns how many pages."""
    with tempfile.TemporaryDirectory(prefix="wacz-") as tmp:
        warc_path = Path(tmp) / WARC_NAME
        pages = write_records(records, warc_path)
        index_path = Path(tmp) / "index.cdx"
        write_cdx_index(str(index_path), [str(warc_path)], {"sort": True, "records": INDEXED})
        lines = [PAGES_HEADER, *pages]
        files = {
            f"archive/{WARC_NAME}": warc_path.read_bytes(),
            "indexes/index.cdx": index_path.read_bytes(),
            "pages/pages.jsonl": "".join(
                json.dumps(line, ensure_ascii=False) + "\n" for line in lines
            ).encode("utf-8"),
        }
        described = json.dumps(package(files, pages), indent=2).encode("utf-8")
        digest = {
            "path": "datapackage.json",
            "hash": "sha256:" + hashlib.sha256(described).hexdigest(),
        }
        files["datapackage.json"] = described
        files["datapackage-digest.json"] = json.dumps(digest, indent=2).encode("utf-8")
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as package_zip:
            for name, data in files.items():
                package_zip.writestr(name, data)
    return len(pages)
