"""A fetched page → an article: the extraction rules, the page classifier and the text.

Entry point: ``pipelines.extract.page.extract_page`` (run in worker processes);
``python -m pipelines.extract URL < page.html`` prints one page's article.
Nothing here opens the archive or imports Scrapy.
"""
