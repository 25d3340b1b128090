"""The canonical URL rules before issue 15, frozen: archives built with them test migration 4.

``canonicalize_url`` as ``pipelines/urls.py`` had it (``%2F`` decoded, host names
kept in Unicode, dot segments kept, fewer trackers). ``OLD_RULES`` is the code a
crawl subprocess runs first so that the whole crawl, spider and extraction alike,
uses these rules (with ``EXTRACT_WORKERS=0``: extraction runs in the crawl's process).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from pipelines.urls import strip_variant

OLD_TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
    "yclid", "_ga", "_gl", "ref_src", "cmpid", "ocid", "spm",
}  # fmt: skip
OLD_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "ga_")
OLD_VARIANT_PARAMS = {
    "amp": None,
    "print": None,
    "outputtype": "amp",
    "output": "amp",
    "view": "print",
}


def old_is_variant_param(key: str, value: str) -> bool:
    wanted = OLD_VARIANT_PARAMS.get(key.lower(), "")
    return wanted != "" and (wanted is None or value.lower() == wanted)


def old_canonicalize_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, {"http": 80, "https": 443}.get(scheme)) else f"{host}:{port}"
    path = quote(unquote(strip_variant(parts.path)), safe="/%:@!$&'()*+,;=-._~") or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in OLD_TRACKING_PARAMS
        and not key.lower().startswith(OLD_TRACKING_PREFIXES)
        and not old_is_variant_param(key, value)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


OLD_RULES = (
    "import sys; sys.path.insert(0, 'tests'); import pipelines.urls, old_urls; "
    "pipelines.urls.canonicalize_url = old_urls.old_canonicalize_url; "
)
