"""A tiny corpus in the two formats ``bench/corpora.py`` reads, written by the tests themselves.

``write_corpora(directory)`` writes ``directory/trafilatura`` (``evaldata.json`` and
``eval/*.html``, like trafilatura's evaluation set) and ``directory/wcxb/dev``
(``html/<id>.html.gz`` and ``ground-truth/<id>.json`` with the page's URL, page type
and main text, like WCXB), so ``bench/discovery.py`` can be run and tested without
``../shared``. The text is the project's own. Two WCXB pages share a path on different
hosts (they must be served by different sites); one is a site's root, one has a query,
one a dot segment.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

STORM = [
    "The lighthouse keeper of Port Alder logged {n} ships rounding the cape on the night "
    "the storm broke, and the harbour master thanked the crews of the pilot boats by name.",
    "Waves of six metres closed the outer harbour for {n} hours, the longest closure since "
    "the breakwater was rebuilt, and the ferry to the islands stayed at its berth.",
    "Fishermen who had tied their boats twice over said the wind turned after midnight, "
    "and by morning {n} volunteers were clearing kelp and timber from the slipway.",
]


def story(n: int, paragraphs: int = 6) -> list[str]:
    return [STORM[i % len(STORM)].format(n=n + i) for i in range(paragraphs)]


def article_html(title: str, paragraphs: list[str], url: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    ld = json.dumps({"@type": "NewsArticle", "headline": title, "datePublished": "2026-03-04"})
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}">'
        f'<script type="application/ld+json">{ld}</script></head><body>'
        f'<nav><a href="/">Home</a> <a href="{url}">Share</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>The Alder Gazette</footer>"
        "</body></html>"
    )


PRODUCT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storm lantern, red'
    '</title><meta property="og:type" content="product"></head><body><h1>Storm lantern</h1>'
    "<p>Price: 24.00</p><button>Add to basket</button><ul><li>Colour: red</li>"
    "<li>Height: 30 cm</li></ul></body></html>"
)
LISTING = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Alder Gazette'
    "</title></head><body><h1>Latest</h1><ul>"
    + "".join(
        f'<li><a href="https://gazette.example/item/{n}">Item {n}</a></li>' for n in range(20)
    )
    + "</ul></body></html>"
)
DOCS = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tide tables</title>'
    "</head><body><h1>Reading the tide tables</h1><p>Heights are in metres above chart "
    "datum.</p></body></html>"
)

# WCXB pages: id -> (URL, page type, HTML, main text)
WCXB = {
    "0001": (
        "https://harbour.example/2026/03/04/lighthouse-keeper-logs-record-storm-season",
        "article",
        "Lighthouse keeper logs a record storm season",
        story(1),
    ),
    "0002": ("https://gazette.example/news/harbour", "article", "Harbour reopens", story(20)),
    "0003": ("https://tribune.example/news/harbour", "article", "Ferry back", story(40)),
    "0004": ("https://shop.example/lantern?id=7&colour=red", "product", PRODUCT, []),
    "0005": ("https://gazette.example/", "listing", LISTING, []),
    "0006": ("https://tribune.example/guides/./tides/", "documentation", DOCS, []),  # a dot segment
}
TRAFILATURA = {
    "https://harbour.example/2026/03/05/pilot-boats-return-after-the-storm": "pilots.html",
    "hard::ferry-timetable.html": "ferry-timetable.html",  # a key that is not a URL
}


def write_corpora(directory: Path) -> tuple[Path, Path]:
    """Write both corpora under ``directory``; returns (trafilatura dir, WCXB dir)."""
    wcxb = directory / "wcxb"
    for folder in ("dev/html", "dev/ground-truth"):
        (wcxb / folder).mkdir(parents=True, exist_ok=True)
    for file_id, (url, kind, title_or_html, paragraphs) in WCXB.items():
        page = article_html(title_or_html, paragraphs, url) if paragraphs else title_or_html
        (wcxb / "dev" / "html" / f"{file_id}.html.gz").write_bytes(gzip.compress(page.encode()))
        truth = {
            "file_id": file_id,
            "url": url,
            "_internal": {"page_type": {"primary": kind}},
            "ground_truth": {"title": title_or_html if paragraphs else "", "main_content":
                             "\n".join(paragraphs)},
        }  # fmt: skip
        (wcxb / "dev" / "ground-truth" / f"{file_id}.json").write_text(json.dumps(truth))
    trafilatura = directory / "trafilatura"
    (trafilatura / "eval").mkdir(parents=True, exist_ok=True)
    evaldata = {}
    for n, (key, name) in enumerate(TRAFILATURA.items()):
        paragraphs = story(60 + 10 * n)
        url = key if "://" in key else "https://ferry.example/" + name
        (trafilatura / "eval" / name).write_text(article_html(f"Story {n}", paragraphs, url))
        evaldata[key] = {"file": name, "with": [paragraphs[1][:40]], "without": ["Gazette"]}
    (trafilatura / "evaldata.json").write_text(json.dumps(evaldata))
    return trafilatura, wcxb
