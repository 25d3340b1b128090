"""Importing this module warms page extraction up: the extraction pool's ``preload``.

A forkserver imports it once per crawl (``pipelines.pool``), and every extraction worker
forks from that warm process with the language model, MinHash's permutations and the
date parser's locales already loaded (``pipelines.extract.page.warm_up``), instead of
loading them again in each worker. What is loaded then is moved out of the garbage
collector's sight (``gc.freeze``): the workers' collections do not walk it, nor write to
the pages they share with the forkserver. Settings read: none. Stats: none.
"""

import gc

from pipelines.extract.page import warm_up

warm_up()
gc.freeze()
