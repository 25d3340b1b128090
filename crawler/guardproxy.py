"""A forward proxy on loopback through which a rendering browser reaches the network.

Playwright's request interception does not see the hops of a redirect the browser
follows, so a page could be sent by an allowed URL to a refused address. The browser of
a ``render`` source therefore connects through this proxy only (its context's proxy,
loopback included): every connection it opens (page, script, image, redirect hop, web
socket, ``CONNECT`` tunnel for https) names its host to the proxy, which asks
``check(url)`` for the address guard's verdict and the address to use, refuses with
403 or connects to that very address (the crawl's resolver's answer: a rebinding DNS
answer cannot slip another address in). Plain HTTP requests are forwarded one per
connection (``Connection: close``). Plain asyncio on the crawl's event loop; no Scrapy.
Settings read: none (``crawler.middlewares.render`` makes one per ``render`` source).
Stats: none (the caller's ``check`` counts).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from crawler.guard import Refusal

Check = Callable[[str], Awaitable[tuple[Refusal | None, str]]]
HEAD_LIMIT = 64 * 1024
TIMEOUT = 30.0
REFUSED = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
HOP_HEADERS = (b"proxy-connection", b"proxy-authorization", b"connection", b"keep-alive")


class GuardProxy:
    def __init__(self, check: Check) -> None:
        self.check = check
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.setblocking(False)
        self.port: int = self.socket.getsockname()[1]
        self.server: asyncio.AbstractServer | None = None
        # The connections being served. asyncio's server keeps a connection's task only
        # through its client transport, and the task's stream readers only weakly: once
        # the browser has closed its side (the page closed, or the request all sent),
        # nothing but this set holds a connection still waiting for the upstream, and the
        # garbage collector would destroy it mid-answer ("Task was destroyed but it is
        # pending!", and the answer lost).
        self.connections: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Serve on the socket bound at creation (the port is known before the loop runs)."""
        if self.server is None:
            self.server = await asyncio.start_server(self.handle, sock=self.socket)

    async def close(self) -> None:
        """Stop listening and end the connections still open (the browser is gone)."""
        if self.server is not None:
            self.server.close()
        self.socket.close()
        for task in self.connections:
            task.cancel()
        await asyncio.gather(*self.connections, return_exceptions=True)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.connections.add(task)
            task.add_done_callback(self.connections.discard)
        try:
            await self.serve(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            pass
        except asyncio.CancelledError:  # close(): the connection ends with the crawl
            pass  # (not re-raised: Python 3.11's server logs a cancelled connection task)
        finally:
            writer.close()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
        if len(head) > HEAD_LIMIT:
            writer.write(BAD)
            return
        request_line, *headers = head[:-4].split(b"\r\n")
        try:
            method, target, version = request_line.split(b" ", 2)
        except ValueError:
            writer.write(BAD)
            return
        tunnel = method.upper() == b"CONNECT"
        if tunnel:
            host, _, port_text = target.decode("latin-1").rpartition(":")
            url, port = f"https://{host}:{port_text}/", int(port_text or 443)
        else:
            url = target.decode("latin-1")
            parts = urlsplit(url)
            if parts.scheme != "http" or not parts.hostname:
                writer.write(BAD)
                return
            port = parts.port or 80
        refusal, address = await self.check(url)
        if refusal is not None or not address:
            writer.write(REFUSED)
            return
        upstream_reader, upstream_writer = await asyncio.wait_for(
            asyncio.open_connection(address, port), TIMEOUT
        )
        try:
            if tunnel:
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                parts = urlsplit(url)
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                kept = [
                    h for h in headers if h.split(b":", 1)[0].strip().lower() not in HOP_HEADERS
                ]
                upstream_writer.write(
                    b"\r\n".join(
                        [b" ".join([method, path.encode("latin-1"), version]), *kept]
                        + [b"Connection: close", b"", b""]
                    )
                )
            await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
        finally:
            upstream_writer.close()


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy until the reader ends, then end the writer's side."""
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            if writer.can_write_eof():
                writer.write_eof()
