"""Start the hostile site and the forbidden host on loopback, with host names for the crawl.

The hostile site listens on 127.0.0.1 and is crawled as ``news.test``; the
forbidden host listens on 127.0.0.2 and is known as ``evil.test``. ``DNS_PINS``
(``crawler.resolver.PinnedResolver``) gives the crawl those names, and
``GUARD_ALLOW_NETWORKS`` lets it reach 127.0.0.1 only: the source itself does not
set ``allow_private``, so the address guard is on for everything else.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

from sites.demo.server import SiteServer
from sites.hostile import TIMEOUT, build_hostile, forbidden_site, sources_toml

SITE_HOST, FORBIDDEN_HOST = "news.test", "evil.test"


class HostileSites:
    def __init__(self, site: SiteServer, forbidden: SiteServer) -> None:
        self.site, self.forbidden = site, forbidden
        self.base = site.url.replace("127.0.0.1", SITE_HOST)
        self.forbidden_base = forbidden.url.replace("127.0.0.2", FORBIDDEN_HOST)

    def settings(self) -> list[str]:
        pins = {SITE_HOST: "127.0.0.1", FORBIDDEN_HOST: "127.0.0.2"}
        return [
            "-s", f"DNS_PINS={json.dumps(pins)}",
            "-s", "GUARD_ALLOW_NETWORKS=127.0.0.1/32",
            "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}",
            "-s", "RETRY_TIMES=2",
        ]  # fmt: skip

    def write_sources(self, path: Path) -> Path:
        path.write_text(sources_toml(self.base, self.forbidden_base), encoding="utf-8")
        return path


@contextmanager
def hostile_sites():
    with SiteServer(forbidden_site, host="127.0.0.2") as forbidden:
        name = forbidden.url.replace("127.0.0.2", FORBIDDEN_HOST)

        def routes(url: str):
            return build_hostile(url.replace("127.0.0.1", SITE_HOST), name)

        with SiteServer(routes) as site:
            yield HostileSites(site, forbidden)


def expected_errors(sites: HostileSites) -> dict[str, str]:
    """URL → reason of every errors row the hostile crawl must record, and no other."""
    from sites.hostile import BAD, BAD_ELSEWHERE, elsewhere

    expected = {f"{sites.base}{path}": reason for path, reason in BAD.items()}
    for template, reason in BAD_ELSEWHERE.items():
        expected[elsewhere(template, sites.base, sites.forbidden_base)] = reason
    return expected
