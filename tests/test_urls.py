"""URL canonicalisation, article ids and the article-link heuristic."""

from __future__ import annotations

import pytest

from crawler.urls import article_id, canonicalize_url, looks_like_article, same_site


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTP://Example.ORG:80/a/b#frag", "http://example.org/a/b"),
        ("https://example.org:443", "https://example.org/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a?utm_source=x&utm_medium=y&id=3", "https://example.org/a?id=3"),
        ("https://example.org/a?fbclid=abc&gclid=def", "https://example.org/a"),
        ("https://example.org/caf%C3%A9", "https://example.org/caf%C3%A9"),
        ("https://example.org/café", "https://example.org/caf%C3%A9"),
        ("http://127.0.0.1:8000/berita/1/x", "http://127.0.0.1:8000/berita/1/x"),
    ],
)
def test_canonical_form(raw, canonical):
    assert canonicalize_url(raw) == canonical
    assert canonicalize_url(canonical) == canonical


def test_article_id_is_stable_and_short():
    one = article_id("https://example.org/a")
    assert one == article_id("https://example.org/a") and len(one) == 16
    assert one != article_id("https://example.org/b")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/berita/1234/banjir-surut", True),
        ("https://example.org/en/news/1234/flood-recedes", True),
        ("https://example.org/2026/03/04/a-story", True),
        ("https://example.org/world/a-long-story-slug-here", True),
        ("https://example.org/", False),
        ("https://example.org/tag/ekonomi", False),
        ("https://example.org/kanal/olahraga", False),
        ("https://example.org/tentang", False),
        ("https://example.org/berita/9003/report.pdf", False),
        ("mailto:desk@example.org", False),
    ],
)
def test_looks_like_article(url, expected):
    assert looks_like_article(url) is expected


def test_article_pattern_decides_alone():
    assert looks_like_article("https://example.org/p/abc", r"/p/\w+")
    assert not looks_like_article("https://example.org/2026/03/04/a-story", r"/p/\w+")


def test_same_site():
    hosts = frozenset({"example.org"})
    assert same_site("https://www.example.org/a", hosts)
    assert same_site("https://news.example.org/a", hosts)
    assert not same_site("https://example.org.evil.test/a", hosts)
    assert not same_site("https://other.test/a", hosts)
