"""``scrapy crawl``, checking the sources file before anything starts.

For the ``news`` spider the sources file (``-a sources=PATH`` or
``NEWS_SOURCES``) is validated first: a bad file is refused with the file,
source and key at fault, exit status 2, and no request made. Other spiders run
as with Scrapy's own command. Settings read: ``NEWS_SOURCES``.
"""

from __future__ import annotations

import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.sources import SourcesError, load_sources


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: Any) -> None:
        if args and args[0] == "news":
            path = opts.spargs.get("sources") or self.settings.get("NEWS_SOURCES", "sources.toml")
            try:
                load_sources(path, opts.spargs.get("source"))
            except SourcesError as exc:
                print(f"error: bad sources file: {exc}", file=sys.stderr)
                self.exitcode = 2
                return
        super().run(args, opts)
