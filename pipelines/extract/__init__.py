"""A fetched page → an article: the extraction rules, the page classifier and the text.

Entry point: ``pipelines.extract.page.extract_page`` (run in worker processes);
``python -m pipelines.extract URL < page.html`` prints one page's article.
Nothing here opens the archive or imports Scrapy. This package's own module imports
nothing: a process that only starts extraction workers (the crawl) names what they
import and run (``PRELOAD``, ``WARM_UP``, ``pipelines.pool.resolve``) without loading it.
"""

PRELOAD = ("pipelines.extract.warm",)  # imported once by the pool's forkserver: workers fork warm
EXTRACT_PAGE = "pipelines.extract.page.extract_page"  # the workers' function (``EXTRACT_FUNCTION``)
WARM_UP = "pipelines.extract.page.warm_up"  # each worker's initializer (``page.warm_up``)
