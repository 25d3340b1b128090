"""A real pywb for tests: installed from PyPI into a virtualenv of its own, run on 127.0.0.1.

``pywb_bin()`` returns the ``bin/`` directory of a virtualenv holding ``pywb`` (``PYWB``
pins the version): made once under ``$NEWSARCHIVE_TEST_CACHE`` (default
``~/.cache/newsarchive-tests``) and reused, never beside the project's own packages
(pywb pins gevent and other packages of its own). It raises ``RegistryUnreachable`` only
when the package registry cannot be reached (the test is then skipped with that reason);
any other failure to install is a failure. ``Wayback(bin, root)`` is ``wb-manager`` for a
collections directory plus a ``wayback`` server on a free loopback port (a context manager);
``get(path)`` fetches from it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PYWB = "pywb==2.10.0"


class RegistryUnreachable(RuntimeError):
    """The package registry could not be reached to install pywb."""


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "newsarchive-tests"
    return Path(os.environ.get("NEWSARCHIVE_TEST_CACHE") or default)


def pywb_bin() -> Path:
    """The ``bin/`` of a virtualenv with ``PYWB`` installed (made on first use)."""
    venv = cache_dir() / PYWB.replace("==", "-")
    binaries = venv / "bin"
    if (binaries / "wayback").exists() and (binaries / "wb-manager").exists():
        return binaries
    shutil.rmtree(venv, ignore_errors=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True)
    done = subprocess.run(
        [str(binaries / "python"), "-m", "pip", "install", "-q", PYWB],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode == 0:
        return binaries
    # Installing failed: is the registry out of reach, or is something else wrong?
    probe = subprocess.run(
        [str(binaries / "python"), "-m", "pip", "download", "-q", "--no-deps", PYWB,
         "-d", str(venv / "probe")],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    shutil.rmtree(venv, ignore_errors=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        raise RegistryUnreachable(f"cannot download {PYWB} from the package registry: {last}")
    raise RuntimeError(f"pip install {PYWB} failed:\n{done.stdout}\n{done.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Wayback:
    """``wb-manager`` collections under ``root`` and a ``wayback`` server replaying them."""

    def __init__(self, binaries: Path, root: Path) -> None:
        self.binaries = binaries
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None
        self.log = root / "wayback.log"

    def manager(self, *args: str) -> str:
        done = subprocess.run(
            [str(self.binaries / "wb-manager"), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def __enter__(self) -> Wayback:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self._process = subprocess.Popen(
                [str(self.binaries / "wayback"), "-p", str(self.port), "-b", "127.0.0.1"],
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                assert self._process.poll() is None, self.log.read_text()
                time.sleep(0.2)
        raise RuntimeError(f"wayback did not start:\n{self.log.read_text()}")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def get(self, path: str) -> tuple[int, str, bytes]:
        """(status, Content-Type, body) of ``path`` on the server."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read()
