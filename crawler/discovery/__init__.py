"""Discovery: where a crawl finds the URLs it fetches, as plain functions (no Scrapy).

One module per channel: ``feeds`` (RSS, Atom, JSON Feed, recovered by feedparser when
lxml refuses them), ``listings`` (the links of start pages and sections: link
verdicts, pagination, calendar traps). The ``news`` spider and the distributed
seeding call them; nothing here imports the spiders or ``crawler.distributed``.
Settings read: none. Stats written: none (the callers count).
"""
