"""Which addresses a crawl may connect to: the pure rules of the address guard.

``address_refusal(address)`` names why an IP address is off limits
(``loopback``, ``private``, ``link_local``, ``cloud_metadata``, ...) or returns
``None`` for a public address; ``url_refusal(url, resolve, ...)`` applies the
scheme rule (only http and https) and then the address rule to the address the
host *resolves to*, so a host name, a decimal (``http://2130706433/``) or an
IPv4-mapped IPv6 form of a private address is caught like the literal.
Nothing here imports Scrapy; ``crawler.middlewares.guard`` applies it to every
request, redirects included. Settings read: none.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = ("http", "https")
# Cloud instance-metadata endpoints (AWS, GCP, Azure, OpenStack, Oracle, Alibaba,
# AWS over IPv6): the classic target of server-side request forgery.
METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)


@dataclass(frozen=True)
class Refusal:
    """Why a URL may not be fetched: ``reason`` for the errors table, ``detail`` for people."""

    reason: str  # bad_scheme, private_address, dns
    detail: str


@lru_cache(maxsize=4096)  # every request asks for its host: a name raises ValueError each time
def parse_address(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip("[]").split("%")[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):  # ::ffff:127.0.0.1, 64:ff9b::a00:1 ...
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return mapped
    return address


def address_refusal(address: str | IPAddress) -> str | None:
    """The kind of non-public address this is, or ``None`` if it is public."""
    ip = parse_address(str(address))
    if ip is None:
        return "not_an_address"
    if ip in METADATA:
        return "cloud_metadata"
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind
    if not ip.is_global:  # shared address space 100.64/10, benchmarking 198.18/15, ...
        return "private"
    return None


def networks(texts: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Parse an allow-list of networks (``127.0.0.1``, ``10.1.0.0/16``)."""
    return tuple(ipaddress.ip_network(t.strip(), strict=False) for t in texts if t.strip())


def url_refusal(
    url: str,
    resolve: Callable[[str], str],
    allow_private: bool = False,
    allowed: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] = (),
) -> Refusal | None:
    """Why ``url`` may not be fetched, or ``None``; ``resolve(host)`` gives its address."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        return Refusal(
            "bad_scheme", f"only http and https are fetched, not {parts.scheme or 'none'}:"
        )
    host = parts.hostname or ""
    if not host:
        return Refusal("bad_scheme", "no host in URL")
    if allow_private:
        return None
    address = parse_address(host)
    if address is None:
        try:
            address = parse_address(resolve(host))
        except OSError as exc:
            return Refusal("dns", f"{host} does not resolve: {exc}")
        if address is None:
            return Refusal("dns", f"{host} resolves to no IP address")
    kind = address_refusal(address)
    if kind is None or any(address in network for network in allowed):
        return None
    shown = host if host == str(address) else f"{host} resolves to {address}"
    return Refusal("private_address", f"{shown} ({kind.replace('_', ' ')} address)")
