"""Imported first by the extraction pool's forkserver: it dies with the process it serves,
and only with it, and its workers do not import the crawl's command again.

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
must outlive it).

Each worker forked from here imports the main script of the process that started the
pool first (``multiprocessing`` prepares every child that way, and Python 3.11's forkserver
never imports it itself, whatever its ``preload``): a script's own function reaches its
workers so. When that script is an installed command (a file in the interpreter's own
directory, such as the ``scrapy`` that runs a crawl), it holds none of the pool's
functions, and importing it loaded Scrapy, Twisted and the rest in every worker: 0.17 s
of CPU and their memory each, for nothing. Workers skip such a script
(``skip_command_scripts``). Settings read: none. Stats: none.
"""

import os
import sys
from multiprocessing import spawn

from pipelines.pool import parent_death_signal


def is_command(main_path: str) -> bool:
    """Whether ``main_path`` is an installed command's script (the interpreter's directory)."""
    return os.path.dirname(os.path.abspath(main_path)) == os.path.dirname(
        os.path.abspath(sys.executable)
    )


def skip_command_scripts() -> None:
    """Workers forked from this process do not import the main script of the process that
    started it when it is an installed command (``is_command``); any other they do."""
    prepare_main = getattr(spawn, "_fixup_main_from_path", None)
    if prepare_main is None or getattr(prepare_main, "skips_commands", False):
        return

    def fixup_main(main_path: str) -> None:
        if not is_command(main_path):
            prepare_main(main_path)

    fixup_main.skips_commands = True  # type: ignore[attr-defined]
    spawn._fixup_main_from_path = fixup_main


parent_death_signal()
os.setpgid(0, 0)
skip_command_scripts()
