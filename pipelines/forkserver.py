"""Imported first by the extraction pool's forkserver: it dies with the process it serves,
and only with it.

``pipelines.pool`` puts this module at the head of its forkserver's ``preload``, so that
the forkserver (a child of the crawl, from which every worker forks) asks the kernel for
SIGKILL when the crawl dies (Linux), before it spends seconds importing and warming the
rest. Its workers die with it (they ask the same of their own parent), and each one also
watches the crawl itself.

It also leaves the crawl's process group for a group of its own, which its workers
inherit: a SIGTERM or Ctrl-C sent to the crawl's group (``kill -TERM -PGID``, a terminal,
a supervisor) reaches the crawl, which stops taking pages and lets its workers finish
the ones in flight, and not the workers and forkserver themselves, which would die under
the pages in flight (each one an ``extract_error``: the forkserver a pool forks from
must outlive it). Settings read: none. Stats: none.
"""

import os

from pipelines.pool import parent_death_signal

parent_death_signal()
os.setpgid(0, 0)
