"""A process pool for CPU work, awaitable from the asyncio reactor, bounded and self-healing.

``WorkerPool.run(payload)`` sends a payload to a top-level function (or its dotted
path, imported by the workers only, ``resolve``) in a worker process and awaits its
result without blocking the event loop. At most ``max_pending`` payloads are in
flight (callers wait for a slot), so memory stays flat however fast pages arrive.
If a worker process dies (a crash on a pathological page), the pool is rebuilt and
each payload that was in flight is tried again alone in a fresh process; the one that
kills that process too raises :class:`WorkerCrashed` so its caller can record it, and
no other page is lost.

A payload that has been *running* for ``timeout`` seconds (a pathological page that
hangs its worker) raises :class:`WorkerTimeout`. The clock starts when a worker
picks the payload up, not when it is queued, so a slow machine with a full queue
does not time out healthy pages: each worker notes in shared memory what it runs
since when. The hung worker is killed, the pool replaced, and the other payloads
in flight are retried alone as after a crash. With ``workers=0`` the function runs
inline (for debugging and comparison; no timeout). ``start()`` begins starting the
workers before the first payload (a crawl calls it when it opens, so that the
workers' imports overlap its own start-up); otherwise the first ``run`` does.

Warm once, fork many (``preload``): a pool given module names starts its workers from
a forkserver (``multiprocessing``'s) that imports those modules once (a module whose
import warms the work up: models, tables, parsers); each worker is then a fork of that
warm process (copy-on-write) instead of a new interpreter that loads everything again,
and so is each worker that replaces a crashed or hung one. Without ``preload`` workers
are spawned, and each runs ``initializer`` itself. The pool stops its forkserver (and
reaps it, so its CPU time counts for the process) when the last pool using it closes.
A process may start the forkserver before any pool, to warm it while it does something
else, and hold it for a block (``held_forkserver``): a crawl does so before Scrapy builds
its crawler, which saves it most of a second of start-up.

Workers die with the process that started them (``die_with_parent``): a SIGKILLed
crawl leaves no worker behind, and no forkserver. On Linux each worker asks the kernel
for SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``; the kernel sends it when
the *thread* that started the worker ends, so a pool is started from a thread that
outlives it: the reactor's), and so does the forkserver, whose parent is the crawl;
everywhere, a watchdog thread in each worker exits when the crawl is gone: a spawned
worker checks ``os.getppid()`` every ``PARENT_CHECK`` seconds, a forked one (whose
parent is the forkserver) waits on a pidfd of the crawl (else checks whether the crawl's
pid still runs, as often). Settings read: none (``ExtractPipeline`` passes them in).
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import itertools
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

CONTEXT = multiprocessing.get_context("spawn")
FORKSERVER = multiprocessing.get_context("forkserver")
SERVER_FIRST = ("pipelines.forkserver",)  # imported by a forkserver before the rest
PARENT_CHECK = 1.0  # seconds between a worker's looks at whether its parent is alive
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class WorkerCrashed(RuntimeError):
    """The worker process handling a payload died before answering."""


class WorkerTimeout(RuntimeError):
    """The worker process handling a payload did not answer in time, and was killed."""


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class Board:
    """Shared memory where each worker process notes its pid, payload and start time."""

    def __init__(self, size: int, context: Any = CONTEXT) -> None:
        self.next = context.Value("i", 0)
        self.pids = context.RawArray("q", size)
        self.tokens = context.RawArray("q", size)
        self.started = context.RawArray("d", size)

    def running(self, token: int) -> tuple[int, float] | None:
        """(pid, seconds running) of the worker running ``token``, if one has started it."""
        for slot, current in enumerate(self.tokens):
            started = self.started[slot]
            if current == token and started:
                return self.pids[slot], time.monotonic() - started
        return None


_board: Board | None = None
_slot = 0


def parent_death_signal() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(parent: int, interval: float = PARENT_CHECK) -> threading.Thread:
    """A daemon thread that ends this process as soon as ``parent`` is no longer its parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="watch-parent", daemon=True)
    thread.start()
    return thread


def watch_process(pid: int, interval: float = PARENT_CHECK) -> threading.Thread:
    """A daemon thread that ends this process as soon as the process ``pid`` (not
    necessarily its parent: a forkserver's worker watches the crawl) ends; this process
    ends at once if ``pid`` already has."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd (not Linux, or an old kernel): poll
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable once the process has ended
        else:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="watch-process", daemon=True)
    thread.start()
    return thread


def die_with_parent(parent: int, forked: bool = False) -> None:
    """Make this worker end when the process ``parent`` ends, however it ends: the
    process that started the pool, this worker's parent, or its grandparent when the
    worker was ``forked`` by a forkserver (the pool's child, which dies with it)."""
    parent_death_signal()
    if forked:
        watch_process(parent)
    elif os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    else:
        watch_parent(parent)


def resolve(function: Callable[..., Any] | str) -> Callable[..., Any]:
    """A function, or the function a dotted path (``package.module.name``) names, imported
    on first use: a pool given a path sends the path, so the process that submits never
    imports what only its workers run (the crawl does not load the extraction stack)."""
    if not isinstance(function, str):
        return function
    found = _resolved.get(function)
    if found is None:
        import importlib

        module, _, name = function.rpartition(".")
        found = _resolved[function] = getattr(importlib.import_module(module), name)
    return found


_resolved: dict[str, Callable[..., Any]] = {}


def _start_worker(
    parent: int,
    board: Board | None,
    initializer: Callable[[], Any] | str | None,
    forked: bool = False,
) -> None:
    global _board, _slot
    die_with_parent(parent, forked)
    if board is not None:
        with board.next.get_lock():
            _slot, board.next.value = board.next.value, board.next.value + 1
        board.pids[_slot] = os.getpid()
        _board = board
    if initializer is not None:
        resolve(initializer)()


def _call(function: Callable[[Any], Any] | str, token: int, payload: Any) -> Any:
    """Runs in a worker: ``function(payload)``, noted on the board while it runs."""
    function = resolve(function)
    board = _board
    if board is None:
        return function(payload)
    board.tokens[_slot], board.started[_slot] = token, time.monotonic()
    try:
        return function(payload)
    finally:
        board.started[_slot] = 0.0


def _ready() -> None:
    """A no-op: a worker that answers it has started and run its initializer."""


def _submit_ready(executor: ProcessPoolExecutor, workers: int) -> list[Future]:
    """``_ready`` once per worker: submitting starts the executor's processes."""
    return [executor.submit(_ready) for _ in range(workers)]


_server_lock = threading.Lock()
_server_users = 0  # open pools whose workers the forkserver forks


def _use_forkserver(preload: Sequence[str], *functions: Any) -> None:
    """Start the forkserver (importing ``preload`` first) unless it runs; one more user.

    The forkserver is the process's: the first pool's ``preload`` is what it imports. It
    asks for ``__main__`` too only when one of ``functions`` lives there (a script's own
    function): a crawl's ``__main__`` is the ``scrapy`` command, which would load Scrapy
    in the forkserver for nothing (Python 3.11's forkserver never imports it anyway; each
    worker does, unless it is an installed command: ``pipelines.forkserver``)."""
    global _server_users
    from multiprocessing import forkserver

    main = (
        [] if all(getattr(f, "__module__", None) != "__main__" for f in functions) else ["__main__"]
    )
    with _server_lock:
        if _server_users == 0:
            forkserver.set_forkserver_preload([*SERVER_FIRST, *main, *preload])
        with this_import_path():
            forkserver.ensure_running()
        _server_users += 1


@contextmanager
def this_import_path() -> Iterator[None]:
    """This process's import path for the Python processes started in the block.

    Python 3.11 starts a forkserver with ``python -c``, which puts the working directory
    first on its import path, and imports the ``preload`` modules there, before it would
    take this process's path: a crawl run with ``PYTHONPATH`` set to another checkout, or
    from a directory holding a ``pipelines`` package of its own, would extract with code
    other than its own. The block's children get this process's path as ``PYTHONPATH``,
    and no working directory in front (``PYTHONSAFEPATH``)."""
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONSAFEPATH")}
    path = [entry or os.getcwd() for entry in sys.path]  # "" is the working directory
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(path))
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _leave_forkserver() -> None:
    """One user fewer; the last one stops the forkserver and reaps it."""
    global _server_users
    from multiprocessing import forkserver

    with _server_lock:
        _server_users -= 1
        if _server_users == 0:
            forkserver._forkserver._stop()  # closes its pipe, waits for it to exit


@contextmanager
def held_forkserver(preload: Sequence[str], *functions: Any) -> Iterator[None]:
    """The forkserver started now (importing ``preload``), and kept for the whole block,
    whichever pools use it inside: a crawl holds it from before Scrapy builds its crawler,
    so that the forkserver's warm-up runs on the other core while Scrapy loads, and the
    pool, when the crawl opens, finds it warm or nearly. Start it from a thread that
    outlives the block (the crawl's main thread): the forkserver's parent-death signal
    watches that thread. The block's end, as the last pool's close does, stops and reaps
    it once no pool uses it."""
    _use_forkserver(preload, *functions)
    try:
        yield
    finally:
        _leave_forkserver()


class WorkerPool:
    def __init__(
        self,
        function: Callable[[Any], Any] | str,
        workers: int | None = None,
        max_pending: int | None = None,
        initializer: Callable[[], Any] | str | None = None,
        timeout: float | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        self.function = function
        self.workers = default_workers() if workers is None else workers
        self.max_pending = max_pending or max(1, self.workers) * 4
        self.initializer = initializer
        self.timeout = timeout or None
        self.preload = tuple(preload)
        self.context = FORKSERVER if self.preload else CONTEXT
        self._serving = False  # this pool counts among the forkserver's users
        self.crashes = 0
        self.timeouts = 0
        self._tokens = itertools.count(1)
        self._boards: dict[int, Board] = {}
        self._executor: ProcessPoolExecutor | None = None
        self._warming: set[ProcessPoolExecutor] = set()  # started, not yet answering
        self._starting: asyncio.Future | None = None
        self._slots: asyncio.Semaphore | None = None
        self._isolation: asyncio.Lock | None = None

    async def _started(self, workers: int) -> ProcessPoolExecutor:
        """A new executor whose processes are up and warm (a timeout must not count that)."""
        if self.preload and not self._serving:
            _use_forkserver(self.preload, self.function, self.initializer)
            self._serving = True
        board = Board(workers, self.context)
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=self.context,
            initializer=_start_worker,
            initargs=(os.getpid(), board, self.initializer, bool(self.preload)),
        )
        self._boards[id(executor)] = board
        self._warming.add(executor)
        try:
            if self.preload:  # the forkserver answers once warm: wait for it off the loop
                submitted = await asyncio.to_thread(_submit_ready, executor, workers)
            else:  # spawned from this thread, which the parent-death signal watches
                submitted = _submit_ready(executor, workers)
            await asyncio.gather(*map(asyncio.wrap_future, submitted))
        finally:
            self._warming.discard(executor)
        return executor

    def start(self) -> None:
        """Begin starting the workers now, without waiting (in a running event loop)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop yet: the first ``run`` starts them
            return
        if self.workers and self._executor is None and self._starting is None:
            self._starting = asyncio.ensure_future(self._started(self.workers))

    async def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            if self._starting is None:
                self.start()
            starting = self._starting
            try:
                executor = await asyncio.shield(starting)
            except BrokenProcessPool:
                if self._starting is starting:
                    self._starting = None
                raise
            if self._starting is starting:
                self._executor, self._starting = executor, None
        assert self._executor is not None
        return self._executor

    def _retire(self, executor: ProcessPoolExecutor) -> None:
        if self._executor is executor:
            self._executor = None
        self._boards.pop(id(executor), None)
        executor.shutdown(wait=False, cancel_futures=True)

    async def _answer(self, executor: ProcessPoolExecutor, payload: Any) -> Any:
        """The function's result from ``executor``; a hung worker is killed on timeout.

        Raises ``BrokenProcessPool`` if the executor broke (or was shut down) before
        answering, so the caller retries the payload alone.
        """
        token = next(self._tokens)
        submitted: Future = executor.submit(_call, self.function, token, payload)
        future = asyncio.wrap_future(submitted)
        # A look every quarter of the timeout while the payload waits for a worker; once a
        # worker has it, the next look is at its deadline (so a page that answers in time
        # costs no look at all, and a hung one is caught on time).
        tick = self.timeout / 4 if self.timeout else None
        while True:
            done, _ = await asyncio.wait({future}, timeout=tick)
            if done:
                break
            board = self._boards.get(id(executor))
            running = board.running(token) if board is not None else None
            if running is not None and running[1] < self.timeout:
                tick = self.timeout - running[1]
            elif running is not None:
                self.timeouts += 1
                try:
                    os.kill(running[0], 9)  # the others in flight are retried alone
                except ProcessLookupError:
                    pass
                future.cancel()
                self._retire(executor)
                raise WorkerTimeout(f"no answer after {self.timeout:g} s; worker killed")
        if submitted.cancelled():
            raise BrokenProcessPool("the pool was replaced before this payload ran")
        return future.result()

    async def run(self, payload: Any) -> Any:
        if self.workers == 0:
            return resolve(self.function)(payload)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_pending)
            self._isolation = asyncio.Lock()
        async with self._slots:
            executor = None
            try:
                executor = await self._pool()
                return await self._answer(executor, payload)
            except BrokenProcessPool:
                if executor is not None and self._executor is executor:  # first to notice
                    self.crashes += 1
                    self._retire(executor)
            # Every payload in flight when a worker died is a suspect: run each alone in
            # a fresh process, so that only the page that kills a worker is reported.
            async with self._isolation:
                alone = None
                try:
                    alone = await self._started(1)
                    return await self._answer(alone, payload)
                except BrokenProcessPool as exc:
                    self.crashes += 1
                    raise WorkerCrashed("worker process died on this payload") from exc
                finally:
                    if alone is not None:
                        self._retire(alone)

    def close(self) -> None:
        for executor in list(self._warming):  # closed while its workers were starting
            self._warming.discard(executor)
            executor.shutdown(wait=True, cancel_futures=True)
        if self._starting is not None:
            self._starting.cancel()
            self._starting = None
        if self._executor is not None:
            self._boards.pop(id(self._executor), None)
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._serving:
            self._serving = False
            _leave_forkserver()
