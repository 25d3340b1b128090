"""``scrapy import-warc``: WARC files written here with warcio, through the real command.

The files hold what other crawlers write (wget, browsertrix-crawler, CC-NEWS): request,
warcinfo and metadata records beside the responses, article pages, a listing, a PDF, a 404,
a redirect, a revisit, gzip per record and uncompressed, a file cut short, one gzipped
as a whole and one that is no WARC.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlite_utils
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.archive import warc

from conftest import ROOT, SCRAPY_STRICT, assert_books_balance
from sites.demo.site import article_path, render_article, render_home
from sites.demo.stories import STORIES

BASE = "https://kabar.example"
DATE = "2026-03-04T02:00:00Z"


def import_warc(db: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", SCRAPY_STRICT, "import-warc", *args,
               "-s", f"ARCHIVE_DB={db}", "-s", "EXTRACT_WORKERS=1"]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


class Writer:
    """A WARC file as other crawlers write it: warcinfo, then request + response pairs."""

    def __init__(self, path: Path, gzip: bool) -> None:
        self.handle = open(path, "wb")  # noqa: SIM115 - closed in close()
        self.writer = WARCWriter(self.handle, gzip=gzip)
        self.writer.write_record(
            self.writer.create_warcinfo_record(path.name, {"software": "Wget/1.21.3"})
        )

    def response(self, url: str, body: bytes, status: str = "200 OK", **headers: str) -> Any:
        http = StatusAndHeaders(
            status,
            [("Content-Type", "text/html; charset=utf-8"), *headers.items()],
            protocol="HTTP/1.1",
        )
        record = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict={"WARC-Date": DATE},
        )  # fmt: skip
        request = self.writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"GET {url.split('/', 3)[-1]}", [("Host", "x")],
                                          protocol="HTTP/1.1", is_http_request=True),
            warc_headers_dict={"WARC-Date": DATE},
        )  # fmt: skip
        self.writer.write_record(request)
        self.writer.write_record(record)
        return record

    def revisit_of(self, record: Any, date: str) -> None:
        url = record.rec_headers.get_header("WARC-Target-URI")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        revisit = self.writer.create_revisit_record(
            url,
            digest=record.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=url,
            refers_to_date=DATE,
            http_headers=http,
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Refers-To": record.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self.writer.write_record(revisit)

    def metadata(self, url: str) -> None:
        payload = b"outlink: https://kabar.example/\n"
        self.writer.write_record(
            self.writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(payload), length=len(payload),
                warc_content_type="application/warc-fields",
            )
        )  # fmt: skip

    def close(self) -> None:
        self.handle.close()


def article(story, lang: str = "en") -> tuple[str, bytes]:
    return BASE + article_path(story, lang), render_article(BASE, story, lang).encode("utf-8")


def test_import_warc_files_of_other_crawlers(tmp_path):
    stories = [s for s in STORIES if "en" in s.versions and "fr" in s.versions][:6]
    # gzip per record (wget, browsertrix, CC-NEWS): 4 articles, a listing, a PDF, a 404,
    # a redirect, a revisit of the first article a day later, request/warcinfo/metadata
    gz = Writer(tmp_path / "crawl.warc.gz", gzip=True)
    first = None
    for story in stories[:4]:
        url, body = article(story)
        record = gz.response(url, body)
        first = first or record
        gz.metadata(url)
    gz.response(BASE + "/en/", render_home(BASE, "en").encode())
    pdf = {"Content-Type": "application/pdf"}
    gz.response(BASE + "/files/report.pdf", b"%PDF-1.4 not a page", **pdf)
    gz.response(BASE + "/en/news/0/gone", b"<html>Not found</html>", "404 Not Found")
    gz.response(BASE + "/old", b"", "301 Moved Permanently", Location=BASE + "/en/")
    gz.revisit_of(first, "2026-03-05T02:00:00Z")
    gz.close()
    # uncompressed: the French versions of two stories
    plain = Writer(tmp_path / "plain.warc", gzip=False)
    for story in stories[4:6]:
        plain.response(*article(story, "fr"))
    plain.close()
    # cut short: two articles, the file ends inside the second response
    cut = Writer(tmp_path / "cut.warc.gz", gzip=True)
    cut.response(*article(stories[0], "fr"))
    cut.response(*article(stories[1], "fr"))
    cut.close()
    data = (tmp_path / "cut.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 900])
    (tmp_path / "notes.txt").write_text("not a WARC file\n")
    # gzipped as one stream (``gzip file.warc``): its records cannot be read back by offset
    whole = gzip.compress((tmp_path / "plain.warc").read_bytes())
    (tmp_path / "whole.warc.gz").write_bytes(whole)

    db_path = tmp_path / "news.db"
    names = ("crawl.warc.gz", "plain.warc", "cut.warc.gz", "notes.txt", "whole.warc.gz")
    files = [tmp_path / n for n in names]
    done = import_warc(db_path, *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout)
    db = sqlite_utils.Database(db_path)
    run = next(db.query("select * from crawl_runs"))
    assert run["status"] == "finished"
    stats = json.loads(run["stats"])
    # every response and revisit record is one outcome: 8 + 1 revisit, 2, 2 (one cut short)
    assert stats["news/import/records"] == 13
    assert stats["news/import/ignored/request"] == 12 and stats["news/import/ignored/metadata"] == 4
    assert stats["news/import/ignored/warcinfo"] == 4  # whole.warc.gz: its first
    assert_books_balance(db)
    books = json.loads(run["accounting"])
    assert books["kabar.example"]["fetched"] == 13 == books["kabar.example"]["recorded"]
    outcomes = books["kabar.example"]["outcomes"]
    # 6 articles + 1 more from the cut file; the revisit finds its article unchanged
    assert outcomes == {"new": 7, "unchanged": 1, "listing": 1, "skipped": 2, "failed": 2}, outcomes
    reasons = {r["url"]: r["reason"] for r in db.query("select url, reason from errors")}
    assert reasons[BASE + "/files/report.pdf"] == "not_html"
    assert reasons[BASE + "/en/news/0/gone"] == "http_404"
    assert reasons[BASE + "/old"] == "redirect"
    assert reasons[article(stories[1], "fr")[0]] == "warc_truncated"
    assert reasons[str(tmp_path / "notes.txt")] == "warc_unreadable"
    assert reasons[str(tmp_path / "whole.warc.gz")] == "warc_unreadable"
    assert "notes.txt" in done.stdout and "warcio recompress" in done.stdout
    # the captures point at the original files: nothing copied into the archive's WARCs
    assert not (tmp_path / "warc").exists()
    assert db["articles"].count == 7 and db["captures"].count == 7
    for capture in db.query("select * from capture_locations"):  # where warc_records says
        assert Path(capture["warc_file"]).name in {"crawl.warc.gz", "plain.warc", "cut.warc.gz"}
        body = warc.capture_body(db, tmp_path, capture)
        assert b"<html" in body[:200].lower() and capture["digest"]
        record = next(
            db.query("select * from warc_records where record_id = ?", [capture["warc_record_id"]])
        )
        assert record["warc_file"] == capture["warc_file"] and record["type"] == "response"
    revisit = next(db.query("select * from warc_records where type = 'revisit'"))
    assert revisit["refers_to"] == first.rec_headers.get_header("WARC-Record-ID")
    titles = {r["title"] for r in db.query("select title from articles")}
    assert stories[0].versions["en"].title in titles and stories[5].versions["fr"].title in titles
    # again: the same records, the same articles, unchanged
    again = import_warc(db_path, str(tmp_path / "plain.warc"))
    assert again.returncode == 0 and "2 unchanged" in again.stdout, again.stdout + again.stderr
    assert db["articles"].count == 7


def test_a_missing_file_is_refused_before_the_archive_is_made(tmp_path):
    done = import_warc(tmp_path / "news.db", str(tmp_path / "nosuch.warc.gz"))
    assert done.returncode == 2 and "nosuch.warc.gz" in done.stderr
    assert not (tmp_path / "news.db").exists()
