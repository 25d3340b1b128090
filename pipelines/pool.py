"""A process pool for CPU work, awaitable from the asyncio reactor, bounded and self-healing.

``WorkerPool.run(payload)`` sends a payload to a top-level function in a worker
process and awaits its result without blocking the event loop. At most
``max_pending`` payloads are in flight (callers wait for a slot), so memory
stays flat however fast pages arrive. If a worker process dies (a crash on a
pathological page), the pool is rebuilt and each payload that was in flight is
tried again alone in a fresh process; the one that kills that process too raises
:class:`WorkerCrashed` so its caller can record it, and no other page is lost. A
payload still unanswered after ``timeout`` seconds (a pathological page that hangs
its worker) raises :class:`WorkerTimeout`: the pool's processes are killed and
replaced, and the other payloads in flight are retried alone as after a crash. With
``workers=0`` the function runs inline (for debugging and comparison; no timeout).
Settings read: none (``ExtractPipeline`` passes them in).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class WorkerCrashed(RuntimeError):
    """The worker process handling a payload died before answering."""


class WorkerTimeout(RuntimeError):
    """The worker process handling a payload did not answer in time, and was killed."""


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _warm_up(initializer: Callable[[], Any] | None) -> None:
    if initializer is not None:
        initializer()


class WorkerPool:
    def __init__(
        self,
        function: Callable[[Any], Any],
        workers: int | None = None,
        max_pending: int | None = None,
        initializer: Callable[[], Any] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.function = function
        self.workers = default_workers() if workers is None else workers
        self.max_pending = max_pending or max(1, self.workers) * 4
        self.initializer = initializer
        self.timeout = timeout or None
        self.crashes = 0
        self.timeouts = 0
        self._executor: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None
        self._isolation: asyncio.Lock | None = None

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
            initargs=(self.initializer,),
        )

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = self._new_executor(self.workers)
        return self._executor

    async def _answer(self, executor: ProcessPoolExecutor, payload: Any) -> Any:
        """The function's result from ``executor``; on timeout its processes are killed."""
        future = asyncio.wrap_future(executor.submit(self.function, payload))
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self.timeouts += 1
            if self._executor is executor:
                self._executor = None
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()  # the others in flight see BrokenProcessPool and are retried
            executor.shutdown(wait=False, cancel_futures=True)
            raise WorkerTimeout(f"no answer after {self.timeout:g} s; worker killed") from None

    async def run(self, payload: Any) -> Any:
        if self.workers == 0:
            return self.function(payload)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_pending)
            self._isolation = asyncio.Lock()
        async with self._slots:
            executor = self._pool()
            try:
                return await self._answer(executor, payload)
            except BrokenProcessPool:
                if self._executor is executor:  # the first to notice rebuilds the pool
                    self.crashes += 1
                    self._executor = None
                    executor.shutdown(wait=False, cancel_futures=True)
            # Every payload in flight when a worker died is a suspect: run each alone in
            # a fresh process, so that only the page that kills a worker is reported.
            async with self._isolation:
                alone = self._new_executor(1)
                try:
                    return await self._answer(alone, payload)
                except BrokenProcessPool as exc:
                    self.crashes += 1
                    raise WorkerCrashed("worker process died on this payload") from exc
                finally:
                    alone.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
