"""The guard proxy a rendering browser connects through, in-process on a real loopback site.

A connection whose client has sent its request and closed its side waits for the
upstream's answer with nothing but the proxy holding it: the garbage collector must not
take it (it did, mid-crawl, under load: "Task was destroyed but it is pending!" in
``test_render``'s crawl log). ``close`` ends the connections still open, quietly.
"""

from __future__ import annotations

import asyncio
import gc
import time
from http.server import BaseHTTPRequestHandler

from crawler.guardproxy import GuardProxy

from sites.demo.server import SiteServer

ANSWER = b"Kabar yang datang terlambat"


def slow(seconds: float):
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(ANSWER)))
        handler.end_headers()
        handler.wfile.write(ANSWER)

    return route


async def allow(url: str) -> tuple[None, str]:
    return None, "127.0.0.1"


def run(test) -> list[dict]:
    """Run ``test`` on a fresh loop; the errors the loop reported (destroyed tasks too)."""
    errors: list[dict] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
        await test()
        gc.collect()

    asyncio.run(main())
    return errors


async def ask(proxy: GuardProxy, url: str, half_close: bool):
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
    writer.write(f"GET {url} HTTP/1.1\r\nHost: kabar.test\r\n\r\n".encode())
    if half_close:
        writer.write_eof()  # the request is all sent
    return reader, writer


def test_a_connection_left_only_to_the_proxy_gets_its_answer():
    answers = []
    with SiteServer(lambda _base: {"/slow": slow(0.5)}) as site:

        async def test() -> None:
            proxy = GuardProxy(allow)
            await proxy.start()
            reader, writer = await ask(proxy, f"{site.url}/slow", half_close=True)
            await asyncio.sleep(0.2)  # the proxy has sent the request on and waits
            gc.collect()
            answers.append(await asyncio.wait_for(reader.read(), 5))
            writer.close()
            await proxy.close()

        errors = run(test)
    assert not errors, errors
    assert answers[0].startswith(b"HTTP/1.0 200") and answers[0].endswith(ANSWER), answers


def test_close_ends_the_connections_still_open():
    answers, left = [], []
    with SiteServer(lambda _base: {"/slow": slow(3)}) as site:

        async def test() -> None:
            proxy = GuardProxy(allow)
            await proxy.start()
            reader, writer = await ask(proxy, f"{site.url}/slow", half_close=False)
            await asyncio.sleep(0.2)
            assert len(proxy.connections) == 1
            await asyncio.wait_for(proxy.close(), 2)  # not the upstream's 3 s
            left.append(len(proxy.connections))
            answers.append(await asyncio.wait_for(reader.read(), 2))
            writer.close()

        errors = run(test)
    assert not errors, errors  # no "Task was destroyed", no unhandled cancellation
    assert left == [0] and answers == [b""]
