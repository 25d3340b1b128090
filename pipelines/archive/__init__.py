"""The SQLite archive: schema and migrations, writes and versions, the outcome ledger,
runs, search, duplicates, boilerplate, WARC captures, export and re-extraction.

Nothing here imports Scrapy; the crawl reaches it through ``crawler.pipelines.archive``
and ``crawler.extensions``.
"""
