"""Discovery benchmark: are the real pages of the corpora found, classified and accounted for?

``.venv/bin/python bench/discovery.py [--corpus wcxb|trafilatura|both] [--part tune|held|all]
[--limit N] [--sites N] [--workers N] [--keep DIR] [--trafilatura DIR] [--wcxb DIR]``

The pages of each corpus (``bench/corpora.py``, read in place from ``/tmp/corpus`` and
``/tmp/wcxb``) are served on loopback at their original paths and queries, spread over
``--sites`` sites (default 30): pages are grouped by original host, hosts are packed
into the sites, and two pages that would be requested at the same URL go to different
sites. Site ``i`` of corpus ``c`` listens on ``127.0.c.i`` (one port for all); its home
page ``/bench-home/`` (``HOME``, the crawl's start URL) links every one of its pages by
a relative link, and there is no sitemap, no feed and no robots.txt (404). A page whose
original URL is a site's root is served at ``/``, as it was: the page classifier weighs
a site root's URL (``bench/classify.py`` judges it at its original URL), so serving it
elsewhere made the crawl archive site roots the in-process bench kept out. Pages are
served as they were,
decompressed, with ``Content-Type: text/html``; the servers ignore the order of query
parameters (pages are looked up by ``pipelines.urls.canonicalize_url``) and record every
request they answer.

Each corpus is then crawled by the real ``scrapy crawl news`` command line
(tests/conftest.py's ``crawl_command``, FAST settings, one source per site,
``allow_private``) into a scratch archive, and the bench prints for the ``tune`` part,
the ``held`` part and all: pages served; archived as articles; listings; other (not
an article, by reason); errors (by reason); pages with no outcome (with examples). For
WCXB also: per page type how many were archived as articles, the classifier's
precision and recall for "article" (WCXB article pages are the positives), the share of
product, forum, collection and listing pages not archived as articles, and the word F1
of the archived text on article pages (archived pages only, and all article pages with
a missing page scoring 0). Each served page's outcome is read by one function,
``outcomes``: from the ``known_urls.outcome`` ledger when the archive has one, else
from ``articles``, ``article_urls``, ``errors`` and ``known_urls``. It also checks that
no request left 127.0.0.0/8: the servers answered as many requests as the crawl's
downloader sent, and every URL the archive recorded is on loopback. Settings read: none
(the crawl gets ``DEPTH_LIMIT``, ``CONCURRENT_REQUESTS`` and ``EXTRACT_WORKERS`` on its
command line).
"""

from __future__ import annotations

import argparse
import html
import ipaddress
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import sqlite_utils

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from corpora import Page, trafilatura_pages, wcxb_pages, word_f1  # noqa: E402

from pipelines.urls import canonicalize_url  # noqa: E402

from conftest import CRAWL_ENV, crawl_command  # noqa: E402
from sites.demo.server import SiteServer  # noqa: E402
from sites.demo.site import Page as Response  # noqa: E402

CORPORA: dict[str, tuple[Callable[[str], Iterable[Page]], str, int]] = {
    # name: (reader, default directory, third byte of its sites' loopback addresses)
    "trafilatura": (trafilatura_pages, "/tmp/corpus", 1),
    "wcxb": (wcxb_pages, "/tmp/wcxb", 2),
}
PARTS = ("tune", "held", "all")
TYPES = ("article", "listing", "collection", "forum", "product", "documentation", "service")
NOT_ARTICLES = ("product", "forum", "collection", "listing")  # must not be archived as articles
ARCHIVED = ("article", "duplicate")
CRAWL_SETTINGS = ["-s", "DEPTH_LIMIT=10", "-s", "CONCURRENT_REQUESTS=64"]
HOME = "/bench-home/"  # the generated home page; "/" is free for a corpus site's root
REASONS = 12  # the most common reasons shown per outcome


# ------------------------------------------------------------------ sites and servers


def key_of(target: str) -> str:
    """A path and query as the crawl asks for it: dot segments resolved, canonical form."""
    return canonicalize_url(urljoin("http://site/", target)).removeprefix("http://site")


def host_of(page: Page) -> str:
    return (urlsplit(page.url).hostname or "").removeprefix("www.") or "none"


def served_at(page: Page) -> str:
    """The path and query a page is served at: its original ones (see the docstring)."""
    parts = urlsplit(page.url)
    if not parts.netloc:  # eval-set keys such as "hard::site-slug.html"
        return "/" + page.key.split("::")[-1].lstrip("/")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if key_of(target) == HOME:  # no corpus page is there; kept apart if one were
        return f"/{parts.hostname}{HOME}"
    return "/" + target.lstrip("/")  # "//x" would be a link to host x


def pack(pages: list[Page], count: int) -> list[list[Page]]:
    """Pages in ``count`` sites (more if collisions need them), by original host.

    A host's pages go to the least loaded site; a page whose URL the site already
    serves goes to the next site that does not.
    """
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        groups[host_of(page)].append(page)
    sites: list[list[Page]] = [[] for _ in range(count)]
    keys: list[set[str]] = [set() for _ in range(count)]
    for _host, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        order = sorted(range(len(sites)), key=lambda i: (len(sites[i]), i))
        for page in members:
            key = key_of(served_at(page))
            site = next((i for i in order if key not in keys[i]), None)
            if site is None:
                sites.append([])
                keys.append(set())
                site = len(sites) - 1
                order.append(site)
            sites[site].append(page)
            keys[site].add(key)
    return [site for site in sites if site]


class CorpusSite(SiteServer):
    """One site: its corpus pages at their paths, a home page linking them, 404 otherwise."""

    def __init__(self, name: str, pages: list[Page], host: str, port: int) -> None:
        super().__init__(lambda _url: {}, host=host, port=port)
        self.name = name
        self.pages = {key_of(served_at(page)): page for page in pages}
        links = "".join(
            f'<li><a href="{html.escape(served_at(page))}">Page {n}</a></li>\n'
            for n, page in enumerate(pages, 1)
        )
        self.home = Response(
            headers={"Content-Type": "text/html"},
            body=(
                f'<!doctype html>\n<html><head><meta charset="utf-8"><title>{name}</title>'
                f"</head><body><h1>{name}</h1><ul>\n{links}</ul></body></html>\n"
            ).encode(),
        )
        self.answered: list[tuple[str, int]] = []  # (URL as requested, status)

    def url_of(self, page: Page) -> str:
        """The URL the crawl requests for ``page`` (canonical form)."""
        return canonicalize_url(self.url + key_of(served_at(page)))

    def lookup(self, target: str) -> Response | None:
        key = key_of(target)
        if key == HOME:
            return self.home
        page = self.pages.get(key)
        if page is None:
            return None
        return Response(headers={"Content-Type": "text/html"}, body=page.body())

    def record(self, handler) -> None:  # noqa: ANN001 - http.server's request handler
        key = key_of(handler.path)
        status = 200 if key == HOME or key in self.pages else 404
        with self._lock:
            self.answered.append((self.url + handler.path, status))


def start_sites(name: str, sites: list[list[Page]], subnet: int) -> list[CorpusSite]:
    """One server per site on ``127.0.<subnet>.<i>``, all on one free port."""
    for _attempt in range(20):
        servers: list[CorpusSite] = []
        port = 0
        try:
            for i, pages in enumerate(sites, 1):
                server = CorpusSite(f"{name[:4]}-{i:02d}", pages, f"127.0.{subnet}.{i}", port)
                servers.append(server.start())
                port = int(server.url.rsplit(":", 1)[1])
            return servers
        except OSError:  # the port is taken on one of the addresses: try another
            for server in servers:
                server.stop()
    raise RuntimeError("no free port on the loopback addresses")


def write_sources(path: Path, servers: list[CorpusSite]) -> Path:
    """One source per site: its home page, nothing else (no feed, no sitemap)."""
    lines = []
    for server in servers:
        lines += [
            "[[source]]",
            f'name = "{server.name}"',
            f'start_urls = ["{server.url}{HOME}"]',
            "allow_private = true",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class Outcome:
    kind: str  # article, duplicate, listing, other, error, none
    reason: str = ""
    article_id: str | None = None
    records: int = 1  # how many of the tables below hold a record for the URL


ARTICLE_OUTCOMES = ("new", "updated", "unchanged", "not_modified")


def same_url(url: str | None) -> str:
    """A URL as the archive recorded it, in the canonical form the bench compares
    (percent-encoding, query order...); a URL that cannot be parsed stays as it is."""
    try:
        return canonicalize_url(url or "")
    except ValueError:
        return url or ""


def outcomes(db: sqlite_utils.Database, urls: Iterable[str]) -> dict[str, Outcome]:
    """Each URL's recorded outcome in the archive: the ONE place the bench reads it.

    ``urls`` are canonical (as requested). An archive with the outcome ledger of issue
    14 (a ``known_urls.outcome`` column) is read from it alone (``ledger_outcomes``);
    an older one from the four tables that held outcomes before (``table_outcomes``).
    """
    if "outcome" in db["known_urls"].columns_dict:
        return ledger_outcomes(db, urls)
    return table_outcomes(db, urls)


def ledger_outcomes(db: sqlite_utils.Database, urls: Iterable[str]) -> dict[str, Outcome]:
    """``known_urls.outcome``: new, updated, unchanged and not_modified are an article,
    duplicate, listing, other and error are themselves (with ``reason``), feed and sitemap
    are other; a URL without an outcome there has none."""
    ledger = {
        same_url(url): (outcome, reason or "", article_id)
        for url, outcome, reason, article_id in db.execute(
            "select url, outcome, reason, article_id from known_urls"
        )
    }
    found: dict[str, Outcome] = {}
    for url in urls:
        outcome, reason, article_id = ledger.get(url, (None, "", None))
        if outcome is None:
            why = "no row" if url not in ledger else "known_urls without an outcome"
            found[url] = Outcome("none", why, None, 0)
        elif outcome in ARTICLE_OUTCOMES:
            found[url] = Outcome("article", "", article_id)
        elif outcome in ("duplicate", "listing", "other", "error"):
            found[url] = Outcome(outcome, reason, article_id)
        else:  # read as a feed or a sitemap
            found[url] = Outcome("other", outcome)
    return found


def table_outcomes(db: sqlite_utils.Database, urls: Iterable[str]) -> dict[str, Outcome]:
    """Outcomes as the crawl recorded them before the ledger, spread over four tables.

    Read in this order: ``articles`` (``url`` or ``canonical_url``: article), then
    ``article_urls`` (duplicate of an archived article), ``errors`` (the last row:
    ``kind`` skipped is other, failed is error, with its ``reason``), ``known_urls``
    (``kind`` page, ``state`` done: a listing); a URL in none of them, or only in
    ``known_urls`` as something else, has no outcome (``reason`` says what was found).
    ``records`` counts the tables that hold a record, so URLs with several outcomes show.
    """
    article_ids = {same_url(u): i for u, i in db.execute("select url, id from articles")}
    canonical_ids = {
        same_url(u): i for u, i in db.execute("select canonical_url, id from articles")
    }
    aliases = {same_url(u): i for u, i in db.execute("select url, article_id from article_urls")}
    errors = {
        same_url(url): (kind, reason)
        for url, kind, reason in db.execute("select url, kind, reason from errors order by id")
    }
    known = {
        same_url(url): (kind, state)
        for url, kind, state in db.execute("select url, kind, state from known_urls")
    }
    found: dict[str, Outcome] = {}
    for url in urls:
        article = article_ids.get(url) or canonical_ids.get(url)
        listing = known.get(url) == ("page", "done")
        records = sum((article is not None, url in aliases, url in errors, listing))
        if article is not None:
            outcome = Outcome("article", "", article, records)
        elif url in aliases:
            outcome = Outcome("duplicate", "", aliases[url], records)
        elif url in errors:
            kind, reason = errors[url]
            outcome = Outcome("other" if kind == "skipped" else "error", reason, None, records)
        elif listing:
            outcome = Outcome("listing", "", None, records)
        elif url in known:
            outcome = Outcome("none", "known_urls {}/{} only".format(*known[url]), None, 0)
        else:
            outcome = Outcome("none", "no row", None, 0)
        found[url] = outcome
    return found


# ------------------------------------------------------------------ crawl and report


@dataclass
class Result:
    page: Page
    url: str
    outcome: Outcome
    requested: bool
    text: str | None  # the archived text, for archived pages


def crawl(
    corpus: str, pages: list[Page], site_count: int, workers: int, workdir: Path
) -> tuple[list[Result], dict, float, list[str]]:
    """Serve the pages, crawl them, and read every page's outcome; also the checks."""
    sites = pack(pages, site_count)
    servers = start_sites(corpus, sites, CORPORA[corpus][2])
    try:
        sources = write_sources(workdir / "sources.toml", servers)
        db_path = workdir / "news.db"
        for name in ("news.db", "news.db-wal", "news.db-shm"):  # kept by an earlier run
            (workdir / name).unlink(missing_ok=True)
        shutil.rmtree(workdir / "warc", ignore_errors=True)
        command = crawl_command(
            sources, db_path, *CRAWL_SETTINGS, "-s", f"EXTRACT_WORKERS={workers}"
        )
        print(f"{corpus}: {len(pages)} pages on {len(servers)} sites, "
              f"{servers[0].url} ... {servers[-1].url}; crawling", flush=True)  # fmt: skip
        started = time.monotonic()
        with open(workdir / "crawl.log", "w", encoding="utf-8") as log:
            done = subprocess.run(command, cwd=ROOT, env=CRAWL_ENV, stdout=log, stderr=log)
        wall = time.monotonic() - started
    finally:
        for server in servers:
            server.stop()
    if done.returncode != 0:
        print(f"crawl exited with status {done.returncode}; see {workdir / 'crawl.log'}")
    db = sqlite_utils.Database(db_path)
    urls = {
        server.url_of(page): (server, page) for server in servers for page in server.pages.values()
    }
    requested = {same_url(url) for server in servers for url, _status in server.answered}
    found = outcomes(db, urls)
    texts = dict(db.execute("select id, text from articles"))
    results = [
        Result(page, url, found[url], url in requested, texts.get(found[url].article_id))
        for url, (_server, page) in urls.items()
    ]
    answered = [entry for server in servers for entry in server.answered]
    checks = loopback_checks(db, answered, workdir / "crawl.log")
    stray = [url for (url,) in db.execute("select url from articles") if same_url(url) not in urls]
    checks.append(f"articles at a URL that is no served page: {len(stray)} {stray[:3] or ''}")
    stats = last_run_stats(db)
    stats["bench/answered"] = len(answered)
    stats["bench/answered_404"] = sum(status == 404 for _url, status in answered)
    return results, stats, wall, checks


def last_run_stats(db: sqlite_utils.Database) -> dict:
    row = db.execute("select stats from crawl_runs order by id desc limit 1").fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def loopback_checks(db: sqlite_utils.Database, answered: list, log: Path) -> list[str]:
    """Lines showing that no request left 127.0.0.0/8 (saying FAIL if one did)."""
    lines = []
    stats = last_run_stats(db)
    sent = stats.get("downloader/request_count", 0)
    verdict = "ok" if sent == len(answered) else "FAIL: some request was not answered here"
    lines.append(f"requests sent by the crawl / answered by the loopback sites: "
                 f"{sent} / {len(answered)} ({verdict})")  # fmt: skip
    outside = Counter()
    for table in ("articles", "article_urls", "errors", "known_urls", "captures", "warc_records"):
        for (url,) in db.execute(f"select url from {table}"):
            host = urlsplit(url).hostname or ""
            try:
                inside = ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
            except ValueError:
                inside = False
            outside[table] += not inside
    total = sum(outside.values())
    lines.append(f"URLs recorded in the archive outside 127.0.0.0/8: {total}"
                 + ("" if not total else f" FAIL {dict(outside)}"))  # fmt: skip
    lines.append(f"links dropped as offsite (news/discover/offsite): "
                 f"{stats.get('news/discover/offsite', 0)}")  # fmt: skip
    text = log.read_text(encoding="utf-8", errors="replace")
    lines.append(f"tracebacks in the crawl log: {text.count('Traceback')}")
    return lines


def archived(result: Result) -> bool:
    return result.outcome.kind in ARCHIVED


def why_lost(result: Result) -> str | None:
    """What became of an article page that was not archived (None for the others)."""
    if result.page.page_type != "article" or archived(result):
        return None
    return f"{result.outcome.kind} {result.outcome.reason}".strip()


def in_part(results: list[Result], part: str) -> list[Result]:
    return results if part == "all" else [r for r in results if r.page.part == part]


def share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else f"{count}"


def row(label: str, cells: Iterable[str], target: str = "") -> str:
    return f"{label[:47]:<48}" + "".join(f"{cell:>16}" for cell in cells) + f"  {target}"


def report(corpus: str, results: list[Result], parts: list[str], wall: float, stats: dict,
           checks: list[str]) -> None:  # fmt: skip
    """Print the corpus's table: one column per part."""
    split = {part: in_part(results, part) for part in parts}

    def count(label: str, test: Callable[[Result], bool], target: str = "", groups=split) -> None:
        print(row(label, (share(sum(map(test, rs)), len(rs)) for rs in groups.values()), target))

    print(f"\n== {corpus}: crawl wall time {wall:.1f} s ==")
    print(row("", parts, "target"))
    print(row("pages served", (str(len(rs)) for rs in split.values())))
    count("archived as articles", archived)
    count("  of which duplicates of another page", lambda r: r.outcome.kind == "duplicate")
    count("listings", lambda r: r.outcome.kind == "listing")
    for kind, label in (("other", "other (not an article)"), ("error", "errors")):
        count(label, lambda r, k=kind: r.outcome.kind == k)
        reasons = Counter(r.outcome.reason for r in results if r.outcome.kind == kind)
        for reason, _n in reasons.most_common(REASONS):
            count(
                f"  {reason}",
                lambda r, k=kind, x=reason: (r.outcome.kind, r.outcome.reason) == (k, x),
            )
    count("no outcome", lambda r: r.outcome.kind == "none", "0")
    count("  never requested", lambda r: r.outcome.kind == "none" and not r.requested)
    count("  requested, no row anywhere", lambda r: r.outcome.kind == "none" and r.requested
          and r.outcome.reason == "no row")  # fmt: skip
    count("  requested, in known_urls only", lambda r: r.outcome.kind == "none" and r.requested
          and r.outcome.reason != "no row")  # fmt: skip
    count("more than one outcome recorded", lambda r: r.outcome.records > 1)
    articles = {
        part: [r for r in rs if r.page.page_type == "article"] for part, rs in split.items()
    }
    count("article pages archived as articles", archived, ">= 99%", articles)
    for label, _n in Counter(filter(None, map(why_lost, results))).most_common(REASONS):
        count(f"  not archived: {label}", lambda r, x=label: why_lost(r) == x, "", articles)
    missing = [r for r in results if r.outcome.kind == "none"]
    for r in missing[:5]:
        seen = "requested" if r.requested else "never requested"
        print(f"  no outcome: {r.url} ({r.outcome.reason}; {seen}; {r.page.page_type})")
    if corpus == "wcxb":
        wcxb_figures(split, articles)
    print(f"requests answered: {stats.get('bench/answered', 0)} "
          f"(404: {stats.get('bench/answered_404', 0)})")  # fmt: skip
    for line in checks:
        print(line)


def wcxb_figures(split: dict[str, list[Result]], articles: dict[str, list[Result]]) -> None:
    """Per page type, the classifier's precision and recall, word F1 (WCXB only)."""
    print(row("archived as articles, by page type:", ()))
    for kind in TYPES:
        cells = []
        for rs in split.values():
            typed = [r for r in rs if r.page.page_type == kind]
            cells.append(share(sum(archived(r) for r in typed), len(typed)))
        print(row(f"  {kind}", cells))
    precision, recall, kept, f1_archived, f1_all = [], [], [], [], []
    for part, rs in split.items():
        predicted = [r for r in rs if archived(r)]
        hits = sum(r.page.page_type == "article" for r in predicted)
        precision.append(f"{hits / len(predicted):.3f}" if predicted else "-")
        recall.append(f"{hits / len(articles[part]):.3f}" if articles[part] else "-")
        others = [r for r in rs if r.page.page_type in NOT_ARTICLES]
        kept.append(share(sum(not archived(r) for r in others), len(others)))
        scores = [
            word_f1(r.text, r.page.truth.get("main_content"))
            if r.outcome.kind in ARCHIVED
            else None
            for r in articles[part]
        ]
        got = [s for s in scores if s is not None]
        f1_archived.append(f"{sum(got) / len(got):.3f}" if got else "-")
        f1_all.append(f"{sum(got) / len(scores):.3f}" if scores else "-")
    print(row("article precision (archived that are articles)", precision))
    print(row("article recall (articles archived)", recall, ">= 0.99"))
    print(row("product/forum/collection/listing not archived", kept, ">= 80%"))
    print(row("word F1, archived article pages", f1_archived))
    print(row("word F1, all article pages (missing = 0)", f1_all))


def load(corpus: str, directory: str | None, part: str, limit: int | None) -> list[Page]:
    reader, default, _subnet = CORPORA[corpus]
    pages = [p for p in reader(directory or default) if part == "all" or p.part == part]
    return pages[:limit] if limit else pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("wcxb", "trafilatura", "both"), default="both")
    parser.add_argument("--part", choices=PARTS, default="all")
    parser.add_argument("--limit", type=int, help="the first N pages of each corpus")
    parser.add_argument("--sites", type=int, default=30, help="sites per corpus (default 30)")
    parser.add_argument("--workers", type=int, default=2, help="EXTRACT_WORKERS (default 2)")
    parser.add_argument("--keep", type=Path, help="keep the archives and crawl logs here")
    parser.add_argument("--trafilatura", help="the eval set's directory (default /tmp/corpus)")
    parser.add_argument("--wcxb", help="WCXB's directory (default /tmp/wcxb)")
    args = parser.parse_args(argv)
    corpora = ["trafilatura", "wcxb"] if args.corpus == "both" else [args.corpus]
    parts = list(PARTS) if args.part == "all" else [args.part]
    scratch = Path(tempfile.mkdtemp(prefix="bench-discovery-"))
    try:
        for corpus in corpora:
            pages = load(corpus, getattr(args, corpus), args.part, args.limit)
            workdir = (args.keep or scratch) / corpus
            workdir.mkdir(parents=True, exist_ok=True)
            results, stats, wall, checks = crawl(corpus, pages, args.sites, args.workers, workdir)
            report(corpus, results, parts, wall, stats, checks)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.keep:
        print(f"\narchives and crawl logs kept in {args.keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
