"""Command line entry point: ``python -m sites.demo`` serves the demo site.

Prints ``serving demo site at http://127.0.0.1:PORT`` once the server is up and,
with ``--write-sources PATH``, first writes a TOML sources file pointing a crawl
at it. Only loopback addresses (127.0.0.0/8) are accepted for ``--host``.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
from pathlib import Path

from sites.demo.server import SiteServer

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def loopback_host(value: str) -> str:
    """Validate ``--host``: an IPv4 address inside 127.0.0.0/8 (or ``localhost``)."""
    if value == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an IP address; use a loopback address such as 127.0.0.1"
        ) from None
    if address.version != 4 or address not in LOOPBACK:
        raise argparse.ArgumentTypeError(
            f"{value} is outside 127.0.0.0/8; the demo site only serves on loopback"
        )
    return value


def port_number(value: str) -> int:
    port = int(value)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range 0-65535")
    return port


def sources_toml(base_url: str) -> str:
    """A sources file with one source crawling the demo site at ``base_url``."""
    return (
        "[[source]]\n"
        'name = "demo"\n'
        f'start_urls = ["{base_url}/"]\n'
        f'feeds = ["{base_url}/rss.xml"]\n'
        f'sitemaps = ["{base_url}/sitemap.xml"]\n'
        "allow_private = true\n"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sites.demo", description="Serve the Kabar Nusantara demo news site."
    )
    parser.add_argument(
        "--host",
        type=loopback_host,
        default="127.0.0.1",
        help="loopback address to bind (default 127.0.0.1)",
    )
    parser.add_argument(
        "--port", type=port_number, default=0, help="port to bind; 0 picks a free one (default)"
    )
    parser.add_argument(
        "--write-sources",
        type=Path,
        metavar="PATH",
        help="write a TOML sources file for this server",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    with SiteServer(host=args.host, port=args.port) as server:
        if args.write_sources is not None:
            args.write_sources.parent.mkdir(parents=True, exist_ok=True)
            args.write_sources.write_text(sources_toml(server.url), encoding="utf-8")
        print(f"serving demo site at {server.url}", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
