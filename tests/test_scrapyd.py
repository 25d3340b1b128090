"""Scrapyd as the README documents it: deploy with ``scrapyd-deploy``, crawl through its API.

A virtualenv of the test's own gets the project's ``scrapyd`` and ``deploy`` extras
(pyproject.toml: Scrapyd, scrapyd-client, a setuptools that builds the egg) from the
package registry with pip; the project's own dependencies, which the README says the
Scrapyd host needs, come from the project's virtualenv (a ``.pth`` line, so the test
does not download them all again), while the project's code comes only from the egg
Scrapyd receives. Then a real ``scrapyd`` serves on 127.0.0.1, ``scrapyd-deploy``
(run from the project directory, its target added in a user ``scrapy.cfg`` as the
README says) deploys the project, ``schedule.json`` starts a crawl of the demo site,
and the archive it writes is checked. Skipped, with the reason, only when pip cannot
reach the registry. Nothing here connects beyond 127.0.0.1 but pip.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from conftest import ROOT, assert_books_balance, free_port, write_sources

FAST = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0"]
ENV = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONNOUSERSITE": "1"}


def extras(*names: str) -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    optional = pyproject["project"]["optional-dependencies"]
    return [requirement for name in names for requirement in optional[name]]


def scrapyd_venv(path: Path) -> Path:
    """A virtualenv with Scrapyd and scrapyd-client from the registry; its ``bin``."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    bin_dir = path / "bin"
    # The project's dependencies, installed where the tests run (the project itself is
    # left out: its code must come from the deployed egg).
    site = Path(sysconfig.get_paths()["purelib"])
    target = Path(
        subprocess.run(
            [bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    (target / "newsarchive-deps.pth").write_text(f"{site}\n", encoding="utf-8")
    pip = [bin_dir / "python", "-m", "pip", "--disable-pip-version-check"]
    probe = subprocess.run(
        [*pip, "download", "--no-deps", "--dest", str(path / "probe"), "scrapyd"],
        capture_output=True, text=True, env=ENV, timeout=300,
    )  # fmt: skip
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"the package registry cannot be reached by pip: {last}")
    install = subprocess.run(
        [*pip, "install", "--quiet", *extras("scrapyd", "deploy")],
        capture_output=True, text=True, env=ENV, timeout=900,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    return bin_dir


def get_json(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.loads(response.read())


def untracked() -> set[str] | None:
    if not shutil.which("git") or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {line[3:] for line in done.stdout.splitlines() if line.startswith("??")}


@pytest.mark.timeout(1500)
def test_deploy_to_scrapyd_and_schedule_a_crawl(tmp_path, demo_server):
    bin_dir = scrapyd_venv(tmp_path / "venv")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n"
        "max_proc = 1\npoll_interval = 0.5\n",
        encoding="utf-8",
    )
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [bin_dir / "scrapyd"], cwd=home, env=ENV, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                assert get_json(f"{base}/daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not answer")
        print(f"scrapyd serving at {base}")

        # Deploy from the project directory, to a target of the user's scrapy.cfg.
        config = tmp_path / "config"
        config.mkdir()
        (config / "scrapy.cfg").write_text(f"[deploy:local]\nurl = {base}/\n", encoding="utf-8")
        before = untracked()
        deploy = subprocess.run(
            [bin_dir / "scrapyd-deploy", "local"], cwd=ROOT, capture_output=True, text=True,
            env={**ENV, "XDG_CONFIG_HOME": str(config)}, timeout=300,
        )  # fmt: skip
        print("scrapyd-deploy:", deploy.stderr.strip(), deploy.stdout.strip())
        assert deploy.returncode == 0, deploy.stderr[-3000:]
        answer = json.loads(deploy.stdout)
        assert answer["status"] == "ok" and answer["project"] == "newsarchive", answer
        assert answer["spiders"] == 1
        assert untracked() == before  # no setup.py (or anything else) left behind
        assert get_json(f"{base}/listspiders.json?project=newsarchive")["spiders"] == ["news"]

        # Schedule a crawl of the demo site through the HTTP API, with absolute paths.
        sources = write_sources(tmp_path / "sources.toml", demo_server.url)
        db = tmp_path / "archive" / "news.db"
        settings = [f"ARCHIVE_DB={db}", *FAST]
        job = get_json(
            f"{base}/schedule.json",
            [("project", "newsarchive"), ("spider", "news"), ("sources", str(sources))]
            + [("setting", setting) for setting in settings],
        )
        assert job["status"] == "ok", job
        print(f"schedule.json: job {job['jobid']}")
        for _ in range(1200):
            jobs = get_json(f"{base}/listjobs.json?project=newsarchive")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the job did not finish: {jobs}")
        log = (home / "logs" / "newsarchive" / "news" / f"{job['jobid']}.log").read_text()
        print("job log, last lines:", *log.strip().splitlines()[-3:], sep="\n  ")
        assert "Spider closed (finished)" in log, log[-3000:]
        assert "Traceback" not in log and "ModuleNotFoundError" not in log, log[-3000:]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    archive = sqlite_utils.Database(db)
    run = next(archive.query("select status, counts from crawl_runs"))
    assert run["status"] == "finished"
    assert archive["articles"].count == 48
    assert json.loads(run["counts"])["demo"]["new"] == 48
    assert list((db.parent / "warc").glob("*.warc.gz"))
    assert_books_balance(archive, log)
    print(f"archive: {archive['articles'].count} articles, run {run['status']}, {db}")
