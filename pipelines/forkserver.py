"""Imported first by the extraction pool's forkserver: it dies with the process it serves.

``pipelines.pool`` puts this module at the head of its forkserver's ``preload``, so that
the forkserver (a child of the crawl, from which every worker forks) asks the kernel for
SIGKILL when the crawl dies (Linux), before it spends seconds importing and warming the
rest. Its workers die with it (they ask the same of their own parent), and each one also
watches the crawl itself. Settings read: none. Stats: none.
"""

from pipelines.pool import parent_death_signal

parent_death_signal()
