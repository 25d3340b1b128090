"""The extraction pool: same results as inline; a crashing or hung worker costs one page only."""

from __future__ import annotations

import asyncio
import multiprocessing.forkserver
import os
import sys
import time
from pathlib import Path

import pytest

from pipelines.extract import PRELOAD
from pipelines.extract.page import extract_page
from pipelines.pool import WorkerCrashed, WorkerPool, WorkerTimeout, held_forkserver

from test_extract import URL, page


def crash_on_poison(payload: dict) -> dict:
    """Top-level, so spawned workers can import it: dies on the poisoned page."""
    if payload.get("poison"):
        os._exit(3)
    return extract_page(payload)


def nap(seconds: float) -> float:
    """Top-level, for spawned workers: sleeps (a hung page sleeps for minutes)."""
    time.sleep(seconds)
    return seconds


def test_pool_matches_inline():
    payloads = [{"body": page().encode(), "url": f"{URL}-{i}"} for i in range(6)]

    def same(article: dict) -> dict:  # all but the CPU time it took
        return {k: v for k, v in article.items() if k != "_cpu"}

    inline = [same(extract_page(p)) for p in payloads]

    async def run_all():
        pool = WorkerPool(extract_page, workers=2, max_pending=3)
        try:
            return await asyncio.gather(*(pool.run(p) for p in payloads))
        finally:
            pool.close()

    assert [same(a) for a in asyncio.run(run_all())] == inline


def test_a_crashing_page_is_reported_and_the_pool_recovers():
    good = [{"body": page().encode(), "url": f"{URL}-{i}"} for i in range(4)]
    poison = {"body": b"<html></html>", "url": URL, "poison": True}

    async def run_all():
        pool = WorkerPool(crash_on_poison, workers=2)
        try:
            results = await asyncio.gather(
                *(pool.run(p) for p in [*good[:2], poison, *good[2:]]), return_exceptions=True
            )
            after = await pool.run(good[0])  # the pool works again afterwards
            return results, after, pool.crashes
        finally:
            pool.close()

    results, after, crashes = asyncio.run(run_all())
    assert isinstance(results[2], WorkerCrashed)
    assert [r["title"] for i, r in enumerate(results) if i != 2] == ["Aide aux agriculteurs"] * 4
    assert after["title"] == "Aide aux agriculteurs"
    assert crashes >= 2


def test_inline_mode():
    pool = WorkerPool(extract_page, workers=0)
    result = asyncio.run(pool.run({"body": page().encode(), "url": URL}))
    assert result["title"] == "Aide aux agriculteurs"
    with pytest.raises(TypeError):
        asyncio.run(WorkerPool(len, workers=0).run(3))


def test_timeout_counts_running_time_and_loses_no_other_page():
    # One worker: the queued naps wait longer than the timeout in all, but each runs
    # for less; only the hung payload times out, and every other one is answered.
    async def run_all():
        pool = WorkerPool(nap, workers=1, max_pending=8, timeout=1.0)
        try:
            naps = [0.3] * 3 + [600] + [0.3] * 4
            results = await asyncio.gather(*(pool.run(n) for n in naps), return_exceptions=True)
            return results, pool.timeouts
        finally:
            pool.close()

    results, timeouts = asyncio.run(run_all())
    assert isinstance(results[3], WorkerTimeout)
    assert [r for i, r in enumerate(results) if i != 3] == [0.3] * 7
    assert timeouts == 1


def worker_pid(_: object) -> int:
    """Top-level, for spawned workers: the pid of the worker that runs it."""
    return os.getpid()


def warm_worker(_: object) -> tuple[int, int, bool, int]:
    """Top-level: pid, parent pid, whether the warm-up module is loaded, and how many
    language models this worker holds, as it stands before its first page."""
    from pipelines.extract import language

    loaded = "pipelines.extract.warm" in sys.modules
    return os.getpid(), os.getppid(), loaded, language.identifier.cache_info().currsize


def test_preloaded_workers_fork_warm_from_a_forkserver_that_closes_with_the_pool():
    async def run_all():
        pool = WorkerPool(warm_worker, workers=2, preload=PRELOAD)
        try:
            answers = await asyncio.gather(*(pool.run(None) for _ in range(6)))
            return answers, multiprocessing.forkserver._forkserver._forkserver_pid
        finally:
            pool.close()

    answers, server = asyncio.run(run_all())
    assert server is not None
    assert {parent for _, parent, _, _ in answers} == {server}  # forked by the forkserver
    assert all(loaded and models == 1 for _, _, loaded, models in answers)
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None  # stopped
    with pytest.raises(ChildProcessError):  # and reaped: its CPU counts for this process
        os.waitpid(server, os.WNOHANG)
    # a second pool starts a new one
    answers, second = asyncio.run(run_all())
    assert second not in (None, server) and {parent for _, parent, _, _ in answers} == {second}


WARM_UP_TWICE = """
import gc, json, threading
from pipelines.extract import language, pagedates
from pipelines.extract.page import warm_up

warm_up()
warm_up()  # as a worker forked from a warm forkserver does
print(json.dumps([
    threading.active_count(),
    language.identifier.cache_info().misses,
    pagedates.warm_up.cache_info().misses,
    gc.get_threshold(),
]))
"""


def test_warm_up_loads_the_model_once_in_a_thread_that_has_ended_and_the_dates_once():
    # the language model loads in a thread beside the date parser's locales: it must have
    # ended before the forkserver forks, and loaded one model, not a second one in the
    # main thread; the date parser's warm-up runs once per process; the young collections
    # wait for GC_YOUNG new objects, the older generations keep Python's thresholds
    import gc
    import json
    import subprocess

    from pipelines.extract.page import GC_YOUNG

    output = subprocess.run(
        [sys.executable, "-c", WARM_UP_TWICE], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(output) == [1, 1, 1, [GC_YOUNG, *gc.get_threshold()[1:]]]


def forkserver_pid() -> int | None:
    return multiprocessing.forkserver._forkserver._forkserver_pid


def test_a_held_forkserver_warms_before_any_pool_and_outlives_its_pools():
    # a crawl starts the forkserver before Scrapy builds its crawler (held_forkserver):
    # the pool it opens later forks from that one, and the block's end stops and reaps it
    async def run_pool() -> list:
        pool = WorkerPool(warm_worker, workers=2, preload=PRELOAD)
        try:
            return await asyncio.gather(*(pool.run(None) for _ in range(4)))
        finally:
            pool.close()

    with held_forkserver(PRELOAD):
        server = forkserver_pid()
        assert server is not None  # started, before any pool
        answers = asyncio.run(run_pool())
        assert {parent for _, parent, _, _ in answers} == {server}
        assert all(loaded for _, _, loaded, _ in answers)
        assert forkserver_pid() == server  # the pool closed; the block still holds it
        answers = asyncio.run(run_pool())  # a second pool forks from the same one
        assert {parent for _, parent, _, _ in answers} == {server}
    assert forkserver_pid() is None
    with pytest.raises(ChildProcessError):  # reaped: its CPU counts for this process
        os.waitpid(server, os.WNOHANG)


def test_the_crawl_warms_the_forkserver_only_when_it_extracts_in_workers():
    from crawler.pipelines.extract import warming
    from crawler.settings import project_settings

    for settings, started in (
        ({"EXTRACT_WORKERS": 1}, True),
        ({}, True),  # the machine's cores
        ({"EXTRACT_WORKERS": 0}, False),  # inline
        ({"EXTRACT_ENABLED": False}, False),
    ):
        with warming(project_settings(settings)):
            assert (forkserver_pid() is not None) is started, settings
        assert forkserver_pid() is None


SCRIPT = """
import asyncio, json, os, sys

with open(sys.argv[1], "a") as marks:  # every process that imports this script
    marks.write(f"{os.getpid()}\\n")


def own(_):
    return os.getpid(), os.getppid()


async def pids(function):
    from pipelines.pool import WorkerPool

    pool = WorkerPool(function, workers=2, preload=("json",))
    try:
        return sorted(set(await asyncio.gather(*(pool.run(0) for _ in range(6)))))
    finally:
        pool.close()


if __name__ == "__main__":
    # a dotted path (as the crawl's: the pool's process group), then the script's own
    print(json.dumps([os.getpid(), asyncio.run(pids("os.getpgid")), asyncio.run(pids(own))]))
"""


def test_forked_workers_import_a_script_but_not_an_installed_command(tmp_path):
    # a crawl's main script is the scrapy command: its workers must not import it (and
    # Scrapy with it); a script's own function still reaches the workers
    import json
    import subprocess

    script, marks = tmp_path / "script.py", tmp_path / "marks.txt"
    script.write_text(SCRIPT)
    output = subprocess.run(
        [sys.executable, str(script), str(marks)], capture_output=True, text=True, check=True
    ).stdout
    script_pid, groups, workers = json.loads(output)
    imported = {int(line) for line in marks.read_text().split()}
    assert len(groups) == 1 and groups != [script_pid]  # ran, in the forkserver's group
    assert workers and {pid for pid, _ in workers} <= imported  # the script's function ran
    assert script_pid in imported
    # an installed command (the interpreter's directory, as the crawl's scrapy) is skipped
    from pipelines.forkserver import is_command

    assert is_command(str(Path(sys.executable).parent / "scrapy"))
    assert not is_command(str(script)) and not is_command("scrapy")


def test_start_warms_the_workers_before_the_first_payload():
    # start() spawns the workers at once; the first payload runs on one of them, and a
    # pool closed while its workers are still starting leaves none running
    async def run_all():
        pool = WorkerPool(worker_pid, workers=2)
        try:
            pool.start()
            await asyncio.sleep(0)
            warming = {p.pid for e in pool._warming for p in e._processes.values()}
            first = await pool.run(None)
            return warming, first
        finally:
            pool.close()

    warming, first = asyncio.run(run_all())
    assert len(warming) == 2 and first in warming

    async def close_early():
        pool = WorkerPool(worker_pid, workers=2)
        pool.start()
        await asyncio.sleep(0)
        processes = [p for e in pool._warming for p in e._processes.values()]
        pool.close()
        return processes

    processes = asyncio.run(close_early())
    assert len(processes) == 2 and not any(p.is_alive() for p in processes)


def test_a_pool_given_a_dotted_path_imports_the_function_in_its_workers_only():
    # the crawl's process names extract_page; the workers import it (pipelines.pool.resolve)
    path = "pipelines.extract.page.extract_page"
    payload = {"body": page().encode(), "url": URL}

    async def run_all():
        pool = WorkerPool(path, workers=1, initializer="pipelines.extract.page.warm_up")
        try:
            return await pool.run(payload)
        finally:
            pool.close()

    assert asyncio.run(run_all())["title"] == "Aide aux agriculteurs"
    assert asyncio.run(WorkerPool(path, workers=0).run(payload))["title"] == "Aide aux agriculteurs"


def test_an_extract_function_whose_module_or_name_is_missing_is_refused_by_name():
    from crawler.pipelines.extract import extract_settings
    from crawler.settings import project_settings

    settings = project_settings({"EXTRACT_FUNCTION": "pipelines.extract.nowhere.extract_page"})
    with pytest.raises(ValueError, match="EXTRACT_FUNCTION: no module 'pipelines.extract.nowhere'"):
        extract_settings(settings)
    settings = project_settings({"EXTRACT_FUNCTION": "pipelines.urls.extract_nothing"})
    with pytest.raises(ValueError, match="EXTRACT_FUNCTION: no function 'extract_nothing'"):
        extract_settings(settings)
    assert extract_settings(
        project_settings({"EXTRACT_FUNCTION": "pipelines.urls.canonicalize_url"})
    )
    assert extract_settings(project_settings())["function"] == "pipelines.extract.page.extract_page"


WHERE = """
import asyncio, json


def where(_):
    import pipelines

    return pipelines.__file__


async def main():
    from pipelines.pool import WorkerPool

    pool = WorkerPool(where, workers=1, preload=("json",))
    try:
        return await pool.run(0)
    finally:
        pool.close()


if __name__ == "__main__":
    print(json.dumps([__import__("pipelines").__file__, asyncio.run(main())]))
"""


def test_forked_workers_run_the_crawls_code_not_the_working_directorys(tmp_path):
    # Python 3.11 starts its forkserver with `python -c`: the working directory came first
    # on its path, so a `pipelines` package there was what the workers extracted with
    import json
    import subprocess

    root = Path(__file__).resolve().parents[1]
    decoy = tmp_path / "elsewhere" / "pipelines"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("DECOY = True\n")
    script = tmp_path / "where.py"
    script.write_text(WHERE)
    env = dict(os.environ, PYTHONPATH=str(root))
    output = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=True,
        cwd=decoy.parent,
        env=env,
        timeout=60,
    ).stdout
    crawl, worker = json.loads(output)
    assert crawl == worker == str(root / "pipelines" / "__init__.py")
