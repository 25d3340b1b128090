"""Captured HTML is never served as HTML: a real Datasette, read by a real headless Chromium.

The hostile crawl archives an article whose title and text contain ``<script>``
that would mark the page (``data-pwned``) if it ran. Chromium loads Datasette's
table and row pages and dumps the DOM after scripts ran: the markup appears as
escaped text and never executes. Raw captures are only offered as binary downloads.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.request

import pytest

from conftest import datasette_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--virtual-time-budget=3000",
]  # fmt: skip


def dump_dom(url: str, profile) -> str:
    assert CHROMIUM, "chromium is not installed (make test installs it: tests/system.sh)"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def served(hostile):
    sites, first, *_ = hostile
    (article_id,) = first.db.execute(
        "select id from articles where url = ?", [f"{sites.base}/news/script"]
    ).fetchone()
    with datasette_server(first.path, "--setting", "default_allow_sql", "off") as base:
        yield base, first.path.stem, article_id


def test_script_in_title_and_text_is_shown_escaped(served, tmp_path):
    base, name, article_id = served
    for path in (f"/{name}/articles/{article_id}", f"/{name}/articles?_search=festival"):
        dom = dump_dom(base + path, tmp_path / "profile")
        assert "Programme Announced" in dom, dom[:2000]
        assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
        assert "&lt;script&gt;document.body.setAttribute" in dom


def test_captures_are_downloads_not_pages(served):
    base, name, _ = served
    with urllib.request.urlopen(f"{base}/{name}/captures/1.blob?_blob_column=body") as response:
        assert "html" not in response.headers["Content-Type"]
        assert response.headers["Content-Disposition"].startswith("attachment")


def test_arbitrary_sql_can_be_switched_off(served):
    base, name, _ = served
    query = f"{base}/{name}.json?sql=select+1"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(query)
    assert refused.value.code == 403
