"""The address guard's rules, as pure functions (these addresses are never contacted)."""

from __future__ import annotations

import pytest

from crawler.guard import address_refusal, networks, url_refusal
from pipelines.extract.charset import decode_html
from pipelines.extract.content import page_problem


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "cloud_metadata"),
        ("fd00:ec2::254", "cloud_metadata"),
        ("100.100.100.200", "cloud_metadata"),
        ("169.254.1.1", "link_local"),
        ("fe80::1", "link_local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_refusal(address, kind):
    assert address_refusal(address) == kind


def resolver(table):
    def resolve(host):
        if host not in table:
            raise OSError("no such host")
        return table[host]

    return resolve


def test_url_refusal_checks_the_resolved_address():
    resolve = resolver({"news.example": "93.184.216.34", "rebind.example": "169.254.169.254"})
    assert url_refusal("https://news.example/a", resolve) is None
    refused = url_refusal("http://rebind.example/latest/meta-data/", resolve)
    assert refused.reason == "private_address" and "cloud metadata" in refused.detail
    assert url_refusal("http://10.0.0.1/", resolve).reason == "private_address"
    assert url_refusal("http://[::ffff:10.0.0.1]/", resolve).reason == "private_address"
    assert url_refusal("http://gone.example/", resolve).reason == "dns"


def test_url_refusal_schemes_and_exceptions():
    resolve = resolver({"intranet.example": "10.1.2.3"})
    for url in ("file:///etc/passwd", "ftp://news.example/", "gopher://x/", "data:text/html,hi"):
        assert url_refusal(url, resolve).reason == "bad_scheme"
    assert url_refusal("http://intranet.example/", resolve, allow_private=True) is None
    allowed = networks(["10.1.0.0/16"])
    assert url_refusal("http://intranet.example/", resolve, allowed=allowed) is None
    assert url_refusal("http://10.2.0.1/", resolve, allowed=allowed).reason == "private_address"


def test_wrong_and_missing_charset_labels_are_repaired():
    text = "港町の朝市では、雨の日でも安心して集まれるようになった。" * 4
    body = f"<html><body><p>{text}</p></body></html>".encode("shift_jis")
    assert decode_html(body, "utf-8", "text/html; charset=utf-8")[0].count("朝市") == 4
    arabic = '<meta charset="windows-1256"><p>افتتحت البلدية حديقة عامة جديدة</p>'.encode("cp1256")
    assert decode_html(arabic, "cp1252", "text/html; charset=iso-8859-1")[1] == "cp1256"
    assert decode_html("café".encode(), "utf-8", "text/html; charset=utf-8")[1] == "utf-8"


def test_page_problem():
    none = lambda: (None, None)  # noqa: E731
    assert page_problem(b"%PDF-1.7 ...", none)[0] == "binary_body"
    assert page_problem(b"\x00\x01\x02\x03" * 50, none)[0] == "binary_body"
    assert page_problem(b"<html>", lambda: ("Halaman tidak ditemukan", None))[0] == "soft_404"
    assert page_problem(b"<html>", lambda: ("Harbour news", "Ferry changes")) is None
