"""``NewsStats``: Scrapy's in-memory stats collector without its per-access wrapper.

Scrapy 2.19's ``StatsCollector.__getattribute__`` wraps each stats method in a check for
a deprecated ``spider`` argument, and looks every other attribute up through a failed
``_cached_NAME`` lookup first: about 2 µs per ``inc_value`` where the method itself takes
0.15, some 30 times a page in a crawl. This class looks attributes up plainly; the
methods and the stats they keep are Scrapy's (``MemoryStatsCollector``). The project never
passes ``spider`` to them. Settings read: ``STATS_DUMP`` (Scrapy's). Stats: none of its own.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class NewsStats(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
