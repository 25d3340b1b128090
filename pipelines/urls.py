"""URL rules: canonical form, stable article ids, and which links look like articles.

Plain functions, no Scrapy. Canonical form: ``w3lib.url.canonicalize_url`` first
(internationalised host names in ASCII (IDNA), percent-encoding normalised: unreserved
characters decoded, reserved ones such as ``%2F`` kept, since ``a%2Fb`` and ``a/b`` are
different resources; ``./`` and ``../`` segments resolved; no fragment; query
parameters sorted), then the project's news rules on top: lower-case scheme and host
without a trailing dot, no default port, no user name or password, tracking
parameters (``utm_*``, ``fbclid``, ``gclid``, ``xtor``, ``ito``, ...) and session ids
(``PHPSESSID``, ``jsessionid`` also as a ``;jsessionid=`` path parameter) removed,
AMP and print variants turned into the article's own URL (``/amp`` and ``/print``
path ends, an ``/amp/`` path start, ``.amp.html``, ``?amp``, ``?outputType=amp``,
``?print=1``, ``?view=print``), empty path made ``/``.
Changing these rules changes article ids: ``pipelines.archive.migrations`` maps the ids of an
existing archive (migration 4). Settings read: none.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize_url

TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_ga",
    "_gl",
    "ref_src",
    "cmpid",
    "ocid",
    "spm",
    # AT Internet / Piano (French and Belgian news sites), campaign and click ids
    "xtor",
    "xts",
    "ito",
    "icid",
    "ncid",
    "smid",
    "smtyp",
    "ttclid",
    "twclid",
    "li_fat_id",
    "srsltid",
    "mkt_tok",
    "_hsenc",
    "_hsmi",
    "__twitter_impression",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "fb_action_ids",
    "fb_action_types",
    "fb_ref",
    "fb_source",
    "ns_campaign",
    "ns_mchannel",
    "ns_source",
    "ns_linkname",
    "ns_fee",
    "sr_share",
    "vero_conv",
    "vero_id",
    "oly_anon_id",
    "oly_enc_id",
    "rb_clickid",
    "s_cid",
    "wickedid",
    "_openstat",
    # session ids: one article, a new URL per visitor
    "phpsessid",
    "jsessionid",
    "aspsessionid",
    "sessionid",
    "cfid",
    "cftoken",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "ga_", "itm_", "hmb_")
SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid)=[^/;?]*", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that only select an AMP or print rendering of the same article.
VARIANT_PARAMS = {"amp": None, "print": None, "outputtype": "amp", "output": "amp", "view": "print"}
VARIANT_PATH = re.compile(r"(?:/(?:amp|print))+/?$", re.IGNORECASE)

NON_ARTICLE_EXTENSIONS = re.compile(
    r"\.(pdf|jpe?g|png|gif|webp|svg|ico|css|js|json|xml|rss|atom|gz|zip|mp[34]|m4a|mov|avi"
    r"|docx?|xlsx?|pptx?|woff2?|ttf)$",
    re.IGNORECASE,
)
NON_ARTICLE_SEGMENTS = {
    "tag",
    "tags",
    "topic",
    "topics",
    "category",
    "categories",
    "kanal",
    "section",
    "author",
    "authors",
    "penulis",
    "search",
    "cari",
    "login",
    "register",
    "account",
    "subscribe",
    "feed",
    "rss",
    "page",
    "about",
    "contact",
    "privacy",
    "terms",
    "tentang",
    "kontak",
    "index",
}
ARTICLE_HINTS = (
    re.compile(r"/(19|20)\d\d/[01]?\d/"),  # /2026/03/ date paths
    re.compile(r"/(19|20)\d\d[01]\d[0-3]\d"),  # /20260304
    re.compile(r"/\d{4,}(/|[-_.]|$)"),  # a numeric id segment
    re.compile(r"/[^/]*[a-z0-9]+(-[a-z0-9]+){3,}[^/]*/?$", re.IGNORECASE),  # long slug
)


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an http(s) URL (see the module docstring).

    Raises ``ValueError`` for a URL that cannot be parsed (e.g. a broken IPv6 literal).
    """
    parts = urlsplit(w3lib_canonicalize_url(url.strip(), keep_fragments=False))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = strip_variant(SESSION_PATH_PARAM.sub("", parts.path)) or "/"
    return urlunsplit((scheme, netloc, path, clean_query(parts.query), ""))


def clean_query(query: str) -> str:
    """The query without tracking, session and AMP/print parameters, as w3lib encoded it."""
    kept = []
    for pair in query.split("&") if query else []:
        raw_key, _, raw_value = pair.partition("=")
        key, value = unquote_plus(raw_key), unquote_plus(raw_value)
        lowered = key.lower()
        if lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES):
            continue
        if not is_variant_param(key, value):
            kept.append(pair)
    return "&".join(kept)


def strip_variant(path: str) -> str:
    """The path of the article an AMP or print rendering is a variant of."""
    if path.lower().startswith("/amp/") and len(path) > 5:
        path = path[4:]
    path = re.sub(r"\.amp(\.html?)$", r"\1", path, flags=re.IGNORECASE)
    stripped = VARIANT_PATH.sub("/" if path.endswith("/") else "", path)
    return stripped if stripped and stripped != path else path


def is_variant_param(key: str, value: str) -> bool:
    """True for a query parameter that selects an AMP or print rendering."""
    wanted = VARIANT_PARAMS.get(key.lower(), "")
    if wanted == "":
        return False
    return wanted is None or value.lower() == wanted


def article_id(canonical_url: str) -> str:
    """A stable 16-hex-digit id for an article, from its canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(url: str, hosts: frozenset[str] | set[str]) -> bool:
    """True when the URL's host is one of ``hosts`` or a subdomain of one."""
    host = host_of(url)
    if not host:
        return False
    bare = {h.removeprefix("www.") for h in hosts}
    host = host.removeprefix("www.")
    return host in bare or any(host.endswith("." + h) for h in bare)


def looks_like_article(url: str, pattern: str | None = None) -> bool:
    """Guess whether a same-site link leads to an article rather than a listing.

    With a source's ``article_pattern``, that regex decides alone.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if pattern is not None:
        return re.search(pattern, url) is not None
    path = parts.path
    if NON_ARTICLE_EXTENSIONS.search(path):
        return False
    segments = [s for s in path.lower().split("/") if s]
    if not segments or any(s in NON_ARTICLE_SEGMENTS for s in segments[:-1]):
        return False
    if segments[-1] in NON_ARTICLE_SEGMENTS:
        return False
    return any(hint.search(path) for hint in ARTICLE_HINTS)
