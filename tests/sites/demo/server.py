"""A tiny threaded HTTP server that serves a routes dict on the loopback interface.

``SiteServer`` binds 127.0.0.1 on a free port, builds its routes from the base
URL it ended up with (``build_site`` by default), serves them from a daemon
thread, and counts the requests made to each path in ``hits``. A route is either
a ``Page`` (a canned response) or a callable that receives the request handler
and writes its own, possibly misbehaving, response.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from sites.demo.site import Page, Route, build_site

RoutesFactory = Callable[[str], dict[str, Route]]

NOT_FOUND = Page(
    status=404,
    body=(
        b'<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
        b"<title>404 Tidak ditemukan</title></head>"
        b"<body><h1>404</h1><p>Halaman yang Anda cari tidak ditemukan.</p></body></html>\n"
    ),
)


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "KabarNusantaraDemo/1.0"

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        site = self.server.site
        site.record(self)
        route = site.lookup(self.path)
        if route is None:
            route = NOT_FOUND
        if not isinstance(route, Page):
            route(self)
            return
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (e.g. a crawler's max-size limit)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    site: SiteServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Swallow tracebacks from clients that hang up mid-response."""


class SiteServer:
    """Serve a routes dict on ``host`` (loopback) in a background thread.

    Use as a context manager: ``with SiteServer() as srv: fetch(srv.url + "/")``.
    """

    def __init__(
        self, routes_factory: RoutesFactory = build_site, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self._factory = routes_factory
        self._host = host
        self._port = port
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.url = ""
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[RequestRecord] = []

    def start(self) -> SiteServer:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self._host, self._port), _Handler)
        httpd.site = self
        host, port = httpd.server_address[:2]
        self.url = f"http://{host}:{port}"
        try:
            self.routes = self._factory(self.url)
        except BaseException:
            httpd.server_close()
            raise
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="demo-site",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def wait(self) -> None:
        """Block until the serving thread ends (it runs until ``stop``)."""
        thread = self._thread
        if thread is not None:
            while thread.is_alive():
                thread.join(timeout=0.5)

    def lookup(self, target: str) -> Route | None:
        """Route for a request target: first path plus query, then the path alone."""
        route = self.routes.get(target)
        if route is None and "?" in target:
            route = self.routes.get(target.split("?", 1)[0])
        return route

    def record(self, handler: BaseHTTPRequestHandler) -> None:
        """Count a request under its target (path plus query string, if any)."""
        with self._lock:
            self.hits[handler.path] += 1
            self.requests.append(
                RequestRecord(handler.command, handler.path, dict(handler.headers.items()))
            )

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
