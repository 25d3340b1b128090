"""Datasette plugin: ``/robots.txt`` asks every crawler to stay out, and pages say noindex.

An archive holds other publishers' articles: a published reading room should not
become a search engine's copy of them. The answer is the same in every mode (a
local Datasette is not crawled anyway). Settings read: none.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

ROBOTS = "User-agent: *\nDisallow: /\n"


async def robots_txt():
    return Response.text(ROBOTS)


@hookimpl
def register_routes():
    return [(r"^/robots\.txt$", robots_txt)]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def noindex(scope, receive, send):
            async def send_with_header(event):
                if event.get("type") == "http.response.start":
                    headers = list(event.get("headers", []))
                    headers.append((b"x-robots-tag", b"noindex, nofollow"))
                    event = {**event, "headers": headers}
                await send(event)

            await app(scope, receive, send_with_header if scope.get("type") == "http" else send)

        return noindex

    return wrap
