"""The sources file: valid files load, bad ones are refused naming file, source and key."""

from __future__ import annotations

import pytest

from crawler.sources import SourcesError, is_private_host, load_sources, sources_file

GOOD = """
[[source]]
name = "kabar"
start_urls = ["https://kabar.example/"]
feeds = ["https://kabar.example/rss.xml"]
sitemaps = ["https://kabar.example/sitemap.xml"]

[[source]]
name = "local-test_2"
feeds = ["http://127.0.0.1:8000/rss.xml"]
allow_private = true
allowed_domains = ["cdn.kabar.example"]
article_pattern = "/news/\\\\d+"
"""


def write(tmp_path, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    sources = load_sources(write(tmp_path, GOOD))
    assert [s.name for s in sources] == ["kabar", "local-test_2"]
    assert sources[0].feeds == ("https://kabar.example/rss.xml",)
    assert sources[0].allow_private is False
    assert sources[1].hosts == {"127.0.0.1", "cdn.kabar.example"}
    assert sources[1].article_pattern == "/news/\\d+"


def test_only_one_source(tmp_path):
    assert [s.name for s in load_sources(write(tmp_path, GOOD), only="kabar")] == ["kabar"]
    with pytest.raises(SourcesError, match="no source named 'nope'"):
        load_sources(write(tmp_path, GOOD), only="nope")


# Malformed fetch options (headers, cookies, render): each refused, naming its key.
FETCH_OPTION_ERRORS = [
    ('render = "yes"', "render", "true or false"),
    ("render = 1", "render", "true or false"),
    ('headers = ["Accept-Language: id"]', "headers", "table of names"),
    ('headers = { "Accept-Language" = 5 }', "headers", "expected a string"),
    ('headers = { "Bad Name" = "x" }', "headers", "not a header name"),
    ('headers = { "X-A" = "one\\r\\nX-B: two" }', "headers", "bad header value"),
    ('headers = { "X-A" = "" }', "headers", "bad header value"),
    ('headers = { "Cookie" = "a=b" }', "headers", "use the cookies key"),
    ('headers = { "host" = "b.example" }', "headers", "may not be set"),
    ('headers = { "X-A" = "1", "x-a" = "2" }', "headers", "given twice"),
    ('cookies = "consent=yes"', "cookies", "table of names"),
    ('cookies = { "consent" = true }', "cookies", "expected a string"),
    ('cookies = { "con sent" = "yes" }', "cookies", "not a cookie name"),
    ('cookies = { "consent" = "yes; admin=1" }', "cookies", "not a cookie value"),
    ('cookie = { "consent" = "yes" }', "cookie", "unknown key"),
]


def test_fetch_options_load(tmp_path):
    path = write(
        tmp_path,
        '[[source]]\nname = "a"\nfeeds = ["https://a.example/rss"]\nrender = true\n'
        'headers = { "Accept-Language" = "id-ID,id;q=0.9", "Authorization" = "Bearer s3cret" }\n'
        'cookies = { "cookie_consent" = "accepted", "gdpr" = "1" }\n',
    )
    (source,) = load_sources(path)
    assert source.render is True
    assert source.headers == (
        ("Accept-Language", "id-ID,id;q=0.9"),
        ("Authorization", "Bearer s3cret"),
    )
    assert source.cookie_header() == "cookie_consent=accepted; gdpr=1"
    config = source.config()  # what the archive's sources table keeps: no credentials
    assert config["cookies"] == ["cookie_consent", "gdpr"]
    assert config["headers"] == {"Accept-Language": "id-ID,id;q=0.9", "Authorization": "(set)"}
    assert config["render"] is True
    plain = load_sources(write(tmp_path, '[[source]]\nname = "b"\nfeeds = ["https://b.example/"]'))
    assert (plain[0].render, plain[0].headers, plain[0].cookie_header()) == (False, (), None)


@pytest.mark.parametrize(
    ("body", "source", "key", "message"),
    [
        ('[[source]]\nname = "a"\nfeed = ["https://a.example/rss"]', "a", "feed", "unknown key"),
        ('[[source]]\nname = "a"\nfeeds = ["ftp://a.example/rss"]', "a", "feeds", "not an http"),
        ('[[source]]\nname = "a"\nfeeds = "https://a.example/rss"', "a", "feeds", "one string"),
        ('[[source]]\nname = "a"\nfeeds = ["https:///rss"]', "a", "feeds", "no host"),
        ('[[source]]\nname = "A B"\nfeeds = ["https://a.example/"]', "A B", "name", "[a-z0-9_-]"),
        ('[[source]]\nname = "a"', "a", "start_urls", "nothing to start from"),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\n'
            '[[source]]\nname = "a"\nfeeds = ["https://b.example/"]',
            "a",
            "name",
            "duplicate name",
        ),
        ('[[source]]\nname = "a"\nfeeds = ["http://127.0.0.1/"]', "a", "feeds", "allow_private"),
        ('[[source]]\nname = "a"\nfeeds = ["http://localhost/"]', "a", "feeds", "allow_private"),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\nallow_private = "yes"',
            "a",
            "allow_private",
            "true or false",
        ),
        (
            '[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\narticle_pattern = "(("',
            "a",
            "article_pattern",
            "regular expression",
        ),
        *(
            ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\n' + line, "a", key, message)
            for line, key, message in FETCH_OPTION_ERRORS
        ),
    ],
)
def test_bad_files_name_the_key(tmp_path, body, source, key, message):
    path = write(tmp_path, body)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    error = caught.value
    assert (error.source, error.key) == (source, key)
    assert str(path) in str(error) and message in str(error)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(write(tmp_path, "[[source]\nname ="))
    with pytest.raises(SourcesError, match="file not found"):
        load_sources(tmp_path / "absent.toml")
    with pytest.raises(SourcesError, match="unknown top-level key") as caught:
        load_sources(write(tmp_path, 'sources = "x"'))
    assert caught.value.key == "sources"


def test_private_hosts():
    for host in ("127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.2", "::1", "localhost"):
        assert is_private_host(host), host
    for host in ("93.184.215.14", "news.example.org", "2001:4860:4860::8888"):
        assert not is_private_host(host), host


def test_an_example_file_is_read_only_when_named(tmp_path):
    example = write(tmp_path, "example = true\n" + GOOD)
    assert sources_file(str(example), "other.toml", False) == example  # -a sources=
    assert sources_file(None, str(example), True) == example  # -s NEWS_SOURCES=
    with pytest.raises(SourcesError, match="this is the example sources file") as caught:
        sources_file(None, str(example), False)  # the default, left as it is
    assert str(example) in str(caught.value)
    assert [s.name for s in load_sources(example)] == ["kabar", "local-test_2"]
    own = write(tmp_path, GOOD)
    assert sources_file(None, str(own), False) == own
    with pytest.raises(SourcesError, match="must be true or false"):
        load_sources(write(tmp_path, 'example = "yes"\n' + GOOD))
