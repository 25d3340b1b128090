"""The processing the crawl's adapters call: plain packages that import nothing from Scrapy.

``pipelines.extract``: a page → an article (classification, text, metadata, dates,
authors, language, charset, notices). ``pipelines.archive``: the SQLite archive
(schema, migrations, writes, versions, runs, the outcome ledger, search, duplicates,
boilerplate, WARC, export, re-extraction). ``pipelines.urls`` (canonical URLs and
ids), ``pipelines.items`` (the records passed between them) and ``pipelines.pool``
(the worker processes) serve both. Arrows point one way: ``crawler`` → ``pipelines``,
and inside it ``archive`` → ``extract`` → ``urls``/``items``.
"""
