"""Load and validate the sources file (TOML): the sites a crawl follows.

One ``[[source]]`` table per site. Keys (all but ``name`` optional, but at least
one of ``start_urls``, ``feeds`` or ``sitemaps`` is required)::

    name = "demo"                 # unique, [a-z0-9_-]+
    start_urls = ["https://example.org/"]     # home or section pages
    feeds = ["https://example.org/rss.xml"]   # RSS or Atom
    sitemaps = ["https://example.org/sitemap.xml"]
    allow_private = false         # crawl loopback/private addresses (tests, demo)
    allowed_domains = ["cdn.example.org"]     # extra hosts counted as the site
    article_pattern = "/news/\\d+"            # regex: which links are articles
    headers = { "Accept-Language" = "id-ID,id;q=0.9" }  # sent with the source's requests
    cookies = { "cookie_consent" = "accepted" }         # sent as a Cookie header
    render = false                # fetch its pages in a headless browser (crawler.render)

``headers`` and ``cookies`` go only to the source's own hosts (its URLs' hosts and
``allowed_domains``); a ``Cookie`` header is refused in ``headers`` (use ``cookies``),
and so are the headers the crawl sets itself (``Host``, ``Content-Length``, ...).

A file whose top level says ``example = true`` (the project's ``sources.toml``, which
lists real news sites as examples) is only crawled when it is named
(``-a sources=sources.toml``): ``sources_file`` refuses it as a silent default.

Nothing here imports Scrapy: a bad file is refused before any request, with a
:class:`SourcesError` naming the file, the source and the key at fault.
Settings read: none (the spider passes the path from ``-a sources=PATH`` or
``NEWS_SOURCES``).
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

NAME_RE = re.compile(r"^[a-z0-9_-]+$")
URL_LIST_KEYS = ("start_urls", "feeds", "sitemaps")
KNOWN_KEYS = {
    "name",
    *URL_LIST_KEYS,
    "allow_private",
    "allowed_domains",
    "article_pattern",
    "headers",
    "cookies",
    "render",
}
# An HTTP token (RFC 9110): header and cookie names.
TOKEN_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# A cookie value (RFC 6265 cookie-octet): no space, quote, comma, semicolon or backslash.
COOKIE_VALUE_RE = re.compile(r"^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$")
# Headers a source may not set: the crawl's own, or ones with a key of their own.
RESERVED_HEADERS = {
    "cookie": "use the cookies key",
    "host": "the crawl sets it from the URL",
    "content-length": "the crawl sets it",
    "transfer-encoding": "the crawl sets it",
    "connection": "the crawl sets it",
    "if-none-match": "the crawl sets it for revisits",
    "if-modified-since": "the crawl sets it for revisits",
}
SECRET_HEADERS = {"authorization", "proxy-authorization"}  # not copied into the archive

TOP_LEVEL_KEYS = {"source", "example"}


class SourcesError(ValueError):
    """A sources file that cannot be used; says where the fault is."""

    def __init__(
        self, path: str | Path, message: str, source: str | None = None, key: str | None = None
    ) -> None:
        self.path, self.source, self.key = str(path), source, key
        where = str(path)
        if source is not None:
            where += f": source {source!r}"
        if key is not None:
            where += f": key {key!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    """One declared site."""

    name: str
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow_private: bool = False
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    render: bool = False
    hosts: frozenset[str] = field(default=frozenset(), compare=False)

    def cookie_header(self) -> str | None:
        """The ``Cookie`` header of the source's requests, if it sets cookies."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies) or None

    def config(self) -> dict:
        """The source as declared, for the archive's ``sources`` table."""
        return {
            "name": self.name,
            "start_urls": list(self.start_urls),
            "feeds": list(self.feeds),
            "sitemaps": list(self.sitemaps),
            "allow_private": self.allow_private,
            "allowed_domains": list(self.allowed_domains),
            "article_pattern": self.article_pattern,
            # values of credentials are not archived: cookie names, no secret header values
            "headers": {k: "(set)" if k.lower() in SECRET_HEADERS else v for k, v in self.headers},
            "cookies": [name for name, _value in self.cookies],
            "render": self.render,
        }


def is_private_host(host: str) -> bool:
    """True when ``host`` is a literal non-public address or ``localhost``."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def _check_url(path: Path, name: str, key: str, url: object) -> str:
    if not isinstance(url, str) or not url.strip():
        raise SourcesError(path, f"expected a URL string, got {url!r}", name, key)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise SourcesError(path, f"{url!r} is not an http(s) URL", name, key)
    if not parts.hostname:
        raise SourcesError(path, f"{url!r} has no host", name, key)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise SourcesError(path, f"{url!r} has a bad port", name, key) from None
    return url.strip()


def _string_list(path: Path, name: str, key: str, value: object) -> list[object]:
    if isinstance(value, str):
        raise SourcesError(path, "expected a list of strings, got one string", name, key)
    if not isinstance(value, list):
        raise SourcesError(path, f"expected a list, got {type(value).__name__}", name, key)
    return value


def _string_table(path: Path, name: str, key: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SourcesError(
            path, f"expected a table of names to strings, got {type(value).__name__}", name, key
        )
    for item, text in value.items():
        if not isinstance(text, str):
            raise SourcesError(path, f"{item!r}: expected a string, got {text!r}", name, key)
    return value


def _headers(path: Path, name: str, value: object) -> tuple[tuple[str, str], ...]:
    headers = _string_table(path, name, "headers", value)
    seen: set[str] = set()
    for header, text in headers.items():
        if not TOKEN_RE.match(header):
            raise SourcesError(path, f"{header!r} is not a header name", name, "headers")
        why = RESERVED_HEADERS.get(header.lower())
        if why:
            raise SourcesError(path, f"{header!r} may not be set here: {why}", name, "headers")
        if header.lower() in seen:
            raise SourcesError(path, f"{header!r} is given twice", name, "headers")
        seen.add(header.lower())
        if any(c in text for c in "\r\n\0") or text != text.strip() or not text:
            raise SourcesError(path, f"{header!r}: bad header value {text!r}", name, "headers")
    return tuple(headers.items())


def _cookies(path: Path, name: str, value: object) -> tuple[tuple[str, str], ...]:
    cookies = _string_table(path, name, "cookies", value)
    for cookie, text in cookies.items():
        if not TOKEN_RE.match(cookie):
            raise SourcesError(path, f"{cookie!r} is not a cookie name", name, "cookies")
        if not COOKIE_VALUE_RE.match(text):
            message = f"{cookie!r}: {text!r} is not a cookie value (no spaces, quotes, ;,\\)"
            raise SourcesError(path, message, name, "cookies")
    return tuple(cookies.items())


def parse_source(path: Path, index: int, table: object) -> Source:
    """Validate one ``[[source]]`` table."""
    if not isinstance(table, dict):
        raise SourcesError(path, f"[[source]] #{index + 1} is not a table")
    name = table.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        label = name if isinstance(name, str) else f"#{index + 1}"
        raise SourcesError(path, "name must match [a-z0-9_-]+", label, "name")
    for key in table:
        if key not in KNOWN_KEYS:
            raise SourcesError(
                path, f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})", name, key
            )
    urls: dict[str, tuple[str, ...]] = {}
    for key in URL_LIST_KEYS:
        values = _string_list(path, name, key, table.get(key, []))
        urls[key] = tuple(_check_url(path, name, key, url) for url in values)
    if not any(urls.values()):
        raise SourcesError(
            path, "nothing to start from: give start_urls, feeds or sitemaps", name, "start_urls"
        )
    allow_private = table.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise SourcesError(path, "must be true or false", name, "allow_private")
    domains = _string_list(path, name, "allowed_domains", table.get("allowed_domains", []))
    for domain in domains:
        if not isinstance(domain, str) or not re.match(r"^[a-z0-9.-]+$", domain):
            raise SourcesError(path, f"{domain!r} is not a host name", name, "allowed_domains")
    pattern = table.get("article_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            message = f"not a regular expression: {exc}"
            raise SourcesError(path, message, name, "article_pattern") from None
    render = table.get("render", False)
    if not isinstance(render, bool):
        raise SourcesError(path, "must be true or false", name, "render")
    headers = _headers(path, name, table.get("headers", {}))
    cookies = _cookies(path, name, table.get("cookies", {}))
    hosts = {urlsplit(u).hostname or "" for values in urls.values() for u in values}
    if not allow_private:
        for key, values in urls.items():
            for url in values:
                if is_private_host(urlsplit(url).hostname or ""):
                    raise SourcesError(
                        path,
                        f"{url} is a private or loopback address; set allow_private = true "
                        "to crawl it",
                        name,
                        key,
                    )
    return Source(
        name=name,
        allow_private=allow_private,
        allowed_domains=tuple(str(d) for d in domains),
        article_pattern=pattern,
        headers=headers,
        cookies=cookies,
        render=render,
        hosts=frozenset(hosts | {str(d) for d in domains}),
        **urls,
    )


def parse_sources(path: str | Path, data: dict) -> list[Source]:
    """Validate the parsed TOML document of a sources file."""
    path = Path(path)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            message = "unknown top-level key (only [[source]] tables and example = true)"
            raise SourcesError(path, message, key=key)
    if not isinstance(data.get("example", False), bool):
        raise SourcesError(path, "must be true or false", key="example")
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(path, "no [[source]] tables", key="source")
    sources = [parse_source(path, i, table) for i, table in enumerate(tables)]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourcesError(path, "duplicate name", source.name, "name")
        seen.add(source.name)
    return sources


def read_toml(path: Path) -> dict:
    """The parsed sources file, or a ``SourcesError`` saying why it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(path, "file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(path, f"not valid TOML: {exc}") from None


def sources_file(given: str | None, default: str, default_given: bool) -> Path:
    """The sources file a crawl reads: ``given`` (``-a sources=``), else ``default``.

    ``default_given`` says the default was set by the user (``-s NEWS_SOURCES=``), not
    left at the project's value. A default left as it is must not be an example file
    (``example = true``): a bare ``scrapy crawl news`` would crawl real sites nobody asked for.
    """
    if given:
        return Path(given)
    path = Path(default)
    if not default_given and path.is_file() and read_toml(path).get("example") is True:
        raise SourcesError(
            path.resolve(),
            "this is the example sources file (example = true: real news sites, listed as "
            "examples), read because no sources file was given. Give yours with "
            "-a sources=PATH, or name this one to crawl its sites: -a sources="
            f"{default}",
        )
    return path


def load_sources(path: str | Path, only: str | None = None) -> list[Source]:
    """Read and validate a sources file; ``only`` keeps one source by name."""
    path = Path(path)
    sources = parse_sources(path, read_toml(path))
    if only is not None:
        sources = [s for s in sources if s.name == only]
        if not sources:
            raise SourcesError(path, f"no source named {only!r}", only, "name")
    return sources
