"""Importing this module warms page extraction up: the extraction pool's ``preload``.

A forkserver imports it once per crawl (``pipelines.pool``), and every extraction worker
forks from that warm process with the language model, MinHash's permutations and the
date parser's locales already loaded (``pipelines.extract.page.warm_up``), instead of
loading them again in each worker. Settings read: none. Stats: none.
"""

from pipelines.extract.page import warm_up

warm_up()
