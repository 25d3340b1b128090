"""Name the reason a request failed, for the archive's ``errors`` table.

``classify_failure(failure)`` → ``(reason, detail, http_status)`` where reason is
one of: ``http_NNN``, ``robots``, ``robots_unreachable``, ``too_big``, ``timeout``, ``dns``,
``connection_refused``, ``connection_lost``, ``offsite``, ``ignored``,
``download_error``; from the address guard ``private_address``, ``bad_scheme``;
``redirect_loop``, ``redirect_limit``; ``decompression_bomb`` for a compressed
body that inflates past ``DOWNLOAD_MAXSIZE``; ``render_timeout`` and ``render_error`` for
a page the browser could not load in ``NEWS_RENDER_TIMEOUT`` or at all (``crawler.render``).
Settings read: none.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.middlewares.guard import AddressRefused
from crawler.middlewares.redirects import RedirectLoop
from crawler.middlewares.robots import RobotsUnreachable


def classify_failure(failure: Failure) -> tuple[str, str, int | None]:
    """Reason, human-readable detail and HTTP status (if any) of a failed request."""
    value = failure.value
    detail = f"{type(value).__name__}: {value}"[:500]
    if failure.check(HttpError):
        status = value.response.status
        return f"http_{status}", f"HTTP {status}", status
    if failure.check(AddressRefused):
        return value.refusal.reason, value.refusal.detail, None
    if failure.check(RedirectLoop):
        return "redirect_loop", str(value), None
    if failure.check(RobotsUnreachable):
        return "robots_unreachable", str(value), None
    if failure.check(IgnoreRequest):
        text = str(value).lower()
        if "max redirections" in text:
            return "redirect_limit", detail, None
        if "during decompression" in text:
            return "decompression_bomb", detail, None
        if "robots" in text:
            return "robots", "forbidden by robots.txt", None
        if "offsite" in text:
            return "offsite", detail, None
        return "ignored", detail, None
    if failure.check(DownloadCancelledError, CancelledError):
        return "too_big", "cancelled: larger than DOWNLOAD_MAXSIZE", None
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout", detail, None
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns", detail, None
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused", detail, None
    if failure.check(
        ResponseDataLossError, ResponseFailed, ResponseNeverReceived, ConnectionLost, ConnectError
    ):
        return "connection_lost", detail, None
    if failure.check(DownloadFailedError):
        return "download_error", detail, None
    if type(value).__module__.startswith("playwright"):  # not imported: most crawls never do
        kind = "render_timeout" if type(value).__name__ == "TimeoutError" else "render_error"
        return kind, detail, None
    return "download_error", detail, None
