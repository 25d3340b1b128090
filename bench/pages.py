"""Benchmark fixtures: N realistic article pages, and a fast loopback server for them.

``generate(n)`` builds n article pages of 50-200 KB from the demo site's stories
(Kabar Nusantara, six languages): each story id has its six language versions
linked by hreflang, a body of 6-30 paragraphs, and the weight of a real news page
(mega menu, most-read lists, inline scripts and JSON state). ``generate(n, kb=(lo, hi))``
pads each page to a size drawn from lo-hi KB instead; a page whose article alone is
larger gets no padding (``kb=(0, 0)``: the bare article pages, 11-23 KB).
``load_corpus(dirs, copies)`` serves real HTML files instead (plain or gzipped,
re-encoded as UTF-8), each copy with paragraphs of its own. ``serve(site)`` runs a
minimal HTTP/1.1 keep-alive server (asyncio, pre-built responses in memory) in forked
processes sharing one 127.0.0.1 port (SO_REUSEPORT), so the server costs little CPU
beside the crawl.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import multiprocessing
import random
import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import sites.demo.site as demo
from sites.demo.site import article_path, render_article
from sites.demo.stories import LANGUAGES, STORIES

SITEMAP_SIZE = 5000
# Related-news lists of generated copies link to the demo's own stories.
demo._related = lambda story, stories=STORIES: [
    STORIES[(story.id + step) % len(STORIES)] for step in (1, 2, 3)
]


def _weight(rng: random.Random, lang: str, target: int) -> str:
    """Page furniture of a real news site, until the page reaches ``target`` bytes."""
    menu = "\n".join(
        f'<li><a href="/kanal/topik-{k}">Topik {k}</a></li>' for k in range(rng.randint(80, 200))
    )
    parts = [f'<nav class="mega-menu" aria-label="menu"><ul>{menu}</ul></nav>']
    size = len(parts[0])
    k = 0
    while size < target:
        k += 1
        state = ",".join(f'"k{k}_{j}":{rng.randint(0, 10**9)}' for j in range(120))
        block = (
            f'<aside class="most-read" lang="{lang}"><h3>Terpopuler</h3><ul>'
            + "".join(f'<li><a href="/tag/t{k}-{j}">Berita {k}-{j}</a></li>' for j in range(10))
            + f"</ul></aside>\n<script>window.__STATE_{k}__={{{state}}};</script>\n"
        )
        parts.append(block)
        size += len(block.encode())
    return "\n".join(parts)


def _reword(rng: random.Random, paragraph: str, lang: str) -> str:
    """The paragraph with its words (or, in Chinese and Japanese, runs of 2-4 characters)
    shuffled, so no two generated pages share a paragraph: a shared one would be learned
    as site template (``pipelines.archive.boilerplate``) or make exact duplicates."""
    if lang in ("zh", "ja"):
        cuts = [0]
        while cuts[-1] < len(paragraph):
            cuts.append(cuts[-1] + rng.randint(2, 4))
        pieces = [paragraph[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        rng.shuffle(pieces)
        return "".join(pieces)
    words = paragraph.split()
    rng.shuffle(words)
    return " ".join(words)


PAGE_KB = (50, 200)


def article_page(base: str, i: int, kb: tuple[int, int] = PAGE_KB) -> tuple[str, bytes]:
    """(path, body) of page ``i``: language ``i % 6`` of story id ``100000 + i // 6``,
    padded with page furniture to a size drawn from ``kb`` (KB)."""
    rng = random.Random(i // 6)
    lang = LANGUAGES[i % len(LANGUAGES)]
    story = STORIES[(i // 6) % len(STORIES)]
    pool = [p for s in STORIES for p in s.versions[lang].paragraphs]
    chosen = rng.sample(pool, rng.randint(6, min(30, len(pool))))
    own = random.Random(i)
    paragraphs = tuple(_reword(own, p, lang) for p in chosen)
    versions = {
        code: replace(v, paragraphs=paragraphs) if code == lang else v
        for code, v in story.versions.items()
    }
    copy = replace(story, id=100000 + i // 6, versions=versions)
    html = render_article(base, copy, lang)
    target = rng.randint(kb[0] * 1000, kb[1] * 1000) - len(html.encode())
    if target > 0:
        html = html.replace("</body>", _weight(rng, lang, target) + "\n</body>", 1)
    return article_path(copy, lang), html.encode()


def _sitemaps(base: str, paths: list[str]) -> dict[str, bytes]:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    files: dict[str, bytes] = {}
    chunks = [paths[k : k + SITEMAP_SIZE] for k in range(0, len(paths), SITEMAP_SIZE)]
    for n, chunk in enumerate(chunks):
        urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in chunk)
        files[f"/sitemap-{n}.xml"] = f"<urlset {ns}>{urls}</urlset>".encode()
    index = "".join(
        f"<sitemap><loc>{base}/sitemap-{n}.xml</loc></sitemap>" for n in range(len(chunks))
    )
    files["/sitemap.xml"] = f"<sitemapindex {ns}>{index}</sitemapindex>".encode()
    return files


class Site:
    """Pages (path → body) plus sitemaps and robots.txt, bound to a loopback port."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1024)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.pages: dict[str, bytes | Path] = {}  # a body, or the file that holds it
        self.files: dict[str, tuple[bytes, bytes | Path]] = {}
        self.processes: list[multiprocessing.Process] = []

    @property
    def urls(self) -> list[str]:
        return [self.base + p for p in self.pages]

    def bodies(self) -> Iterator[tuple[str, bytes]]:
        for path, body in self.pages.items():
            yield path, body.read_bytes() if isinstance(body, Path) else body

    def finish(self) -> Site:
        paths = list(self.pages)
        html = b"text/html; charset=utf-8"
        self.files = {p: (html, body) for p, body in self.pages.items()}
        for path, body in _sitemaps(self.base, paths).items():
            self.files[path] = (b"application/xml", body)
        self.files["/robots.txt"] = (b"text/plain", b"User-agent: *\nAllow: /\n")
        return self

    def start(self, processes: int = 1) -> Site:
        context = multiprocessing.get_context("fork")
        for _ in range(processes):
            process = context.Process(target=_serve, args=(self.sock, self.files), daemon=True)
            process.start()
            self.processes.append(process)
        return self

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.join()
        self.sock.close()


def _write_pages(job: tuple[str, str, range, tuple[int, int]]) -> list[tuple[str, str]]:
    base, directory, indices, kb = job
    written = []
    for i in indices:
        path, body = article_page(base, i, kb)
        file = Path(directory) / f"{i}.html"
        file.write_bytes(body)
        written.append((path, str(file)))
    return written


def generate(n: int, directory: str | Path | None = None, kb: tuple[int, int] = PAGE_KB) -> Site:
    """n article pages of ``kb`` KB, in memory; with ``directory``, written there in
    parallel and served from disk (for runs of tens of thousands of pages)."""
    site = Site()
    if directory is None:
        for i in range(n):
            path, body = article_page(site.base, i, kb)
            site.pages[path] = body
        return site.finish()
    step = 500
    jobs = [(site.base, str(directory), range(k, min(n, k + step)), kb) for k in range(0, n, step)]
    with multiprocessing.get_context("fork").Pool() as pool:
        for written in pool.imap(_write_pages, jobs):
            site.pages.update((path, Path(file)) for path, file in written)
    return site.finish()


CORPUS_FILES = (".html", ".htm", ".html.gz", ".htm.gz")
PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)
META_CHARSET = re.compile(r"(<meta[^>]+charset=[\"']?)[\w-]+", re.IGNORECASE)


def corpus_files(directories: list[str | Path], limit: int | None = None) -> list[Path]:
    """The HTML files (plain or gzipped) under each directory (its first ``limit``)."""
    found = []
    for directory in directories:
        files = sorted(Path(directory).rglob("*"))
        found += [path for path in files if path.name.lower().endswith(CORPUS_FILES)][:limit]
    return found


def unique_paragraphs(html: str, mark: str) -> str:
    """Every paragraph of ``html`` ends with its own token: no copy repeats another's."""
    count = itertools.count()
    return PARAGRAPH_END.sub(lambda m: f" {mark}k{next(count)}{m.group(0)}", html)


def load_corpus(directories: list[str | Path], copies: int = 1, limit: int | None = None) -> Site:
    """Real pages: each file of the directories ``copies`` times, as UTF-8, each copy's
    paragraphs made unique (so that no duplicate or boilerplate step skips work)."""
    from trafilatura.utils import decode_file

    site = Site()
    n = 0
    for path in corpus_files(directories, limit):
        data = path.read_bytes()
        html = decode_file(gzip.decompress(data) if path.suffix == ".gz" else data)
        html = META_CHARSET.sub(r"\1utf-8", html)  # served as UTF-8: say so
        for copy in range(copies):
            site.pages[f"/page/{n}.html"] = unique_paragraphs(html, f"u{n}c{copy}").encode()
            n += 1
    return site.finish()


def _response(status: bytes, content_type: bytes, body: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type
        + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )  # fmt: skip


def _serve(sock: socket.socket, files: dict[str, tuple[bytes, bytes | Path]]) -> None:
    responses = {
        p.encode(): (t, b) if isinstance(b, Path) else _response(b"200 OK", t, b)
        for p, (t, b) in files.items()
    }
    missing = _response(b"404 Not Found", b"text/plain", b"not found")

    def respond(path: bytes) -> bytes:
        answer = responses.get(path, missing)
        if isinstance(answer, tuple):  # served from disk
            return _response(b"200 OK", answer[0], answer[1].read_bytes())
        return answer

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].split(b"?", 1)[0]
                writer.write(respond(path))
                await writer.drain()
                if b"connection: close" in head.lower():
                    break
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, sock=sock)
        await server.serve_forever()

    asyncio.run(main())


async def fetch_all(urls: list[str], connections: int = 16) -> int:
    """Fetch every URL over keep-alive connections (to time the server alone); bytes read."""
    queue = list(reversed(urls))
    total = 0

    async def client() -> None:
        nonlocal total
        host, port = queue[0].split("/")[2].split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        while queue:
            path = "/" + queue.pop().split("/", 3)[3]
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            total += len(await reader.readexactly(length))
        writer.close()

    await asyncio.gather(*(client() for _ in range(min(connections, len(urls)))))
    return total
