"""Discovery: where a crawl finds the URLs it fetches, as plain functions (no Scrapy).

One module per channel: ``feeds`` (RSS, Atom, JSON Feed, recovered by feedparser when
lxml refuses them), ``sitemaps`` (indexes, urlsets, Google News, hreflang alternates,
text sitemaps, robots.txt ``Sitemap:`` lines), ``listings`` (the links of start pages
and sections: link verdicts, pagination, calendar traps). ``seeds`` is what a run
starts from (channels, robots.txt, validators, articles due), ``bounds`` the
since/until bounds, ``reading`` what the feed and sitemap readers share (safe XML,
bounded gzip, ``Entry``, ``FeedError``) and ``documents`` reads a channel document as
whichever it is. The ``news`` spider and the distributed seeding call them; nothing
here imports Scrapy, the spiders or ``crawler.distributed``.
Settings read: none. Stats written: none (the callers count).
"""
