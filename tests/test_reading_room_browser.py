"""The reading room as a person sees it: a real Datasette read by headless Chromium.

Chromium opens a probe page served by the same Datasette (``--static``), which loads
the page under test in a 1,400 × 1,000 frame, measures the elements asked for
(``getBoundingClientRect`` after layout, scripts and fonts) and writes what it found
into its own DOM, printed by ``--dump-dom``. Screenshots of each page are kept as
test artefacts under pytest's temporary directory (the path is printed).
"""

from __future__ import annotations

import json
import urllib.parse

import pytest

from conftest import ROOT, chromium, datasette_server
from sites.demo.site import expected_articles

DEPLOY = ROOT / "deploy" / "datasette"
WIDTH, HEIGHT = 1400, 1000
FLAGS = [f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars", "--virtual-time-budget=5000"]
PROBE = """<!DOCTYPE html><html><head><style>body{margin:0}iframe{border:0}</style></head>
<body><iframe id="f" width="WIDTH" height="HEIGHT"></iframe><script>
const [path, selector] = decodeURIComponent(location.hash.slice(1)).split("|");
const frame = document.getElementById("f");
frame.onload = () => {
  const found = [...frame.contentDocument.querySelectorAll(selector)].map(e => {
    const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, width: r.width, height: r.height,
            text: e.textContent.slice(0, 2000), html: e.innerHTML.slice(0, 4000)};
  });
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({found, title: frame.contentDocument.title});
  document.body.appendChild(out);
};
frame.src = path;
</script></body></html>""".replace("WIDTH", str(WIDTH)).replace("HEIGHT", str(HEIGHT))


@pytest.fixture(scope="module")
def served(demo_crawl, tmp_path_factory):
    probe = tmp_path_factory.mktemp("probe")
    (probe / "probe.html").write_text(PROBE, encoding="utf-8")
    args = [
        "--metadata", str(DEPLOY / "metadata.yml"), "--plugins-dir", str(DEPLOY / "plugins"),
        "--template-dir", str(DEPLOY / "templates"), "--static", f"probe:{probe}",
        "--setting", "suggest_facets", "off",
    ]  # fmt: skip
    shots = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {shots}")
    with datasette_server(demo_crawl.path, *args) as base:
        yield base, shots


def measure(served, path: str, selector: str, shot: str, profile) -> dict:
    """The elements matching ``selector`` on ``path`` as laid out at 1,400 px; also
    saves a screenshot of the page as ``shot``.png."""
    base, shots = served
    chromium(*FLAGS, f"--screenshot={shots / shot}.png", base + path, profile=profile)
    assert (shots / f"{shot}.png").stat().st_size > 10_000
    url = f"{base}/probe/probe.html#" + urllib.parse.quote(f"{path}|{selector}")
    dom = chromium(*FLAGS, "--dump-dom", url, profile=profile)
    found = dom.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0]
    return json.loads(found.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def story(demo_server, language: str) -> dict:
    return next(a for a in expected_articles(demo_server.url) if a["language"] == language)


def article_path(demo_crawl, url: str) -> str:
    (found,) = demo_crawl.db.execute("select id from articles where url = ?", [url]).fetchone()
    return f"/news/articles/{found}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_reading_view_shows_the_first_paragraph_on_the_first_screen(
    served, demo_crawl, demo_server, language, tmp_path
):
    want = story(demo_server, language)
    path = article_path(demo_crawl, want["url"])
    seen = measure(served, path, ".article-text p", f"reading-{language}", tmp_path)
    first = seen["found"][0]
    assert first["text"].strip() == want["paragraphs"][0].strip()
    assert first["top"] > 0 and first["bottom"] <= HEIGHT, first
    assert first["width"] <= 760  # a readable measure, not the whole 1,400 px


@pytest.mark.parametrize("language", ["ja", "ar"])
def test_search_shows_the_story_with_a_snippet_in_its_own_characters(
    served, demo_server, language, tmp_path
):
    want = story(demo_server, language)
    term = want["search_terms"][0]
    path = "/news/-/search?" + urllib.parse.urlencode({"q": term})
    seen = measure(served, path, ".result", f"search-{language}", tmp_path)
    result = next(r for r in seen["found"] if want["title"] in r["text"])
    marks = [m.split("</mark>")[0] for m in result["html"].split("<mark>")[1:]]
    text = " ".join(" ".join(want["paragraphs"]).split())
    assert marks and all(m in text for m in marks), (marks, result)
    assert result["height"] > 0 and result["top"] < HEIGHT * 2


def test_attention_chart_renders_its_bars(served, demo_server, tmp_path):
    term = story(demo_server, "id")["search_terms"][0]
    path = "/news/-/search?" + urllib.parse.urlencode({"q": term, "by": "language"})
    bars = measure(served, path, "#attention-chart rect.bar", "chart", tmp_path)["found"]
    assert bars and all(b["width"] > 0 and b["height"] > 0 for b in bars), bars


def test_crawl_health_page_renders(served, tmp_path):
    bars = measure(served, "/news/-/health", "#runs-chart rect.bar", "health", tmp_path)["found"]
    assert bars and max(b["height"] for b in bars) > 50
