"""bench/classify.py on the tiny corpus the tests write (tests/sites/corpus_fixture.py).

The bench runs the workers' real entry point on every page; here its figures and its
recorded inputs are checked against what the fixture pages are, and the fitting script
reads those inputs back.
"""

from __future__ import annotations

import json
import sys

from conftest import ROOT
from sites.corpus_fixture import write_corpora

sys.path.insert(0, str(ROOT / "bench"))

import classify as bench  # noqa: E402
import fit_classify  # noqa: E402
from corpora import wcxb_pages  # noqa: E402


def test_judge_gives_the_crawls_outcome_and_the_classifiers_inputs(tmp_path):
    _traf, wcxb = write_corpora(tmp_path)
    judged = {p.key: bench.judge(p) for p in wcxb_pages(wcxb)}
    assert judged["0001"]["outcome"] == "article"
    assert judged["0001"]["evidence"].startswith("score ")
    assert judged["0004"]["outcome"] == "other"  # the product page
    assert judged["0005"]["outcome"] == "listing"
    assert judged["0005"]["reason"] == "listing"
    assert judged["0001"]["features"]["headings"] == 1
    assert judged["0001"]["words"] > 100
    assert all(r["cpu"] > 0 for r in judged.values())


def test_the_bench_prints_each_part_and_writes_the_inputs(tmp_path, capsys):
    traf, wcxb = write_corpora(tmp_path)
    out = tmp_path / "features.jsonl"
    args = ["--trafilatura", str(traf), "--wcxb", str(wcxb), "--workers", "1"]
    assert bench.main([*args, "--features", str(out)]) == 0
    printed = capsys.readouterr().out
    for part in ("tune", "held", "all"):
        assert f"== {part}: " in printed
    assert "== all: 8 pages" in printed
    assert "article recall: 100.0 % of 3" in printed
    assert "kept out: 100.0 % of 2" in printed
    assert "trafilatura eval archived as articles: 100.0 % of 2" in printed
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 8 and {r["corpus"] for r in rows} == {"wcxb", "trafilatura"}
    tune = fit_classify.load(out)
    assert tune and all(r["part"] == "tune" and r["corpus"] == "wcxb" for r in tune)
    assert all(r["page_type"] != "documentation" for r in tune)
    traf_tune = fit_classify.load(out, "trafilatura")  # the independent check of recall
    assert traf_tune
    assert [r["key"] for r in traf_tune] == [
        r["key"] for r in rows if r["corpus"] == "trafilatura" and r["part"] == "tune"
    ]


def test_folds_keep_each_site_whole():
    pages = [
        f"https://{host}/story-{n}" for host in ("a.example", "www.a.example") for n in range(9)
    ]
    rows = [{"url": url} for url in pages]
    assert len({fit_classify.fold_of(r, 5) for r in rows}) == 1
    others = [{"url": f"https://site{n}.example/x"} for n in range(40)]
    assert len({fit_classify.fold_of(r, 5) for r in others}) == 5
    assert fit_classify.fold_of(others[0], 5, seed=1) in range(5)


def test_a_page_is_judged_at_the_url_the_crawl_requests(tmp_path):
    """Tracking parameters are dropped as the crawl drops them: a shop's root reached
    with ``?srsltid=`` is judged as the site root it is to the crawl."""
    _traf, wcxb = write_corpora(tmp_path)
    page = next(p for p in wcxb_pages(wcxb) if p.url == "https://gazette.example/")
    page.url = "https://gazette.example/?srsltid=AbC123&utm_source=feed"
    assert bench.payload(page)["url"] == "https://gazette.example/"
