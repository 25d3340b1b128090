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
        self._starting: asyncio.Future | None = None
        self._slots: asyncio.Semaphore | None = None
        self._isolation: asyncio.Lock | None = None

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
            initargs=(self.initializer,),
        )

    async def _started(self, workers: int) -> ProcessPoolExecutor:
        """A new executor whose processes are up and warm (a timeout must not count that)."""
        executor = self._new_executor(workers)
        ready = (asyncio.wrap_future(executor.submit(_warm_up, None)) for _ in range(workers))
        await asyncio.gather(*ready)
        return executor

    async def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            if self._starting is None:
                self._starting = asyncio.ensure_future(self._started(self.workers))
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
            executor = None
            try:
                executor = await self._pool()
                return await self._answer(executor, payload)
            except BrokenProcessPool:
                if executor is not None and self._executor is executor:  # first to notice
                    self.crashes += 1
                    self._executor = None
                    executor.shutdown(wait=False, cancel_futures=True)
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
                        alone.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
