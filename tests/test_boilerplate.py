"""Site-level boilerplate: the learner's rules, then real crawls of a template-heavy site."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipelines.archive.boilerplate import (
    BoilerplateLearner,
    fingerprint,
    rebuild_paragraphs,
    split_template,
)
from pipelines.archive.schema import open_archive
from pipelines.archive.store import save_article

from conftest import ROOT, SCRAPY_STRICT, assert_clean_log, run_crawl, write_sources
from sites.demo import template_site
from sites.demo.server import SiteServer

NOW = "2026-11-28T12:00:00+00:00"


def test_fingerprint_ignores_case_width_and_spacing():
    assert fingerprint("Follow  us on\tour channels") == fingerprint("follow us on our channels")
    assert fingerprint("ＡＢＣ news") == fingerprint("ABC news")
    assert fingerprint("Follow us") != fingerprint("Follow us.")


def test_removed_paragraphs_rebuild_the_extracted_text():
    paragraphs = ["Promo.", "Real one.", "Promo two.", "Real two.", "Footer."]
    kept, removed = split_template(paragraphs, {fingerprint("Promo."), fingerprint("Footer.")})
    assert kept == ["Real one.", "Promo two.", "Real two."]
    assert removed == [[0, "Promo."], [4, "Footer."]]
    assert rebuild_paragraphs("\n".join(kept), json.dumps(removed)) == paragraphs
    # the fingerprints the caller already has decide, not the paragraphs hashed again
    prints = [fingerprint(p) for p in paragraphs]
    assert split_template(paragraphs, {prints[0], prints[4]}, prints) == (kept, removed)
    shifted = prints[1:] + prints[:1]
    assert split_template(paragraphs, {prints[0]}, shifted)[1] == [[4, "Footer."]]


def test_an_article_is_never_emptied():
    paragraphs = ["Only template.", "Also template."]
    template = {fingerprint(p) for p in paragraphs}
    assert split_template(paragraphs, template) == (paragraphs, [])


def article(number: int, *paragraphs: str) -> dict:
    return {
        "id": f"{number:016x}",
        "url": f"https://gazette.example/a/{number}",
        "title": f"Story {number}",
        "text": "\n".join(paragraphs),
        "content_hash": str(number),
    }


def learn(db, learner, articles):
    for item in articles:
        with db.atomic():
            learner.apply(db, item, "gazette", NOW)
            save_article(db, item, "gazette", NOW)
            learner.finish(db)


def texts(db) -> dict[int, str]:
    return {int(r["id"], 16): r["text"] for r in db.query("select id, text from articles")}


def test_threshold_cold_start_and_repeated_real_content(tmp_path):
    """A paragraph on 5 articles is template, on all 5 once learned; fewer repeats are kept."""
    db = open_archive(tmp_path / "news.db")
    learner = BoilerplateLearner(min_articles=5)
    promo = "Subscribe to our newsletter for the morning briefing."
    correction = "Correction: an earlier version misstated the date of the vote."
    series = "The dam, completed in 1978, supplies water to the coast."
    items = []
    for n in range(1, 8):
        body = [f"PORT ALDER — Unique opening of story {n}.", f"Unique detail {n}.", promo]
        if n in (2, 5):
            body.append(correction)
        if n in (1, 3, 4, 6):
            body.insert(1, series)
        items.append(article(n, *body))
    learn(db, learner, items)
    for n, text in texts(db).items():
        assert promo not in text, n  # the first four were cleaned when it crossed (cold start)
        assert f"PORT ALDER — Unique opening of story {n}." in text  # dateline prefix kept
        assert (correction in text) == (n in (2, 5))
        assert (series in text) == (n in (1, 3, 4, 6))
    (row,) = db.query("select articles, paragraph from boilerplate where articles >= 5")
    assert row == {"articles": 7, "paragraph": promo}
    removed = json.loads(db["articles"].get(f"{1:016x}")["removed_paragraphs"])
    assert removed == [[3, promo]]
    assert learner.drain()["learned"] == 1  # counted when it crossed, not on each later article


def test_refetch_counts_once_and_cleaning_is_not_an_edit(tmp_path):
    db = open_archive(tmp_path / "news.db")
    learner = BoilerplateLearner(min_articles=3)
    promo = "Download the app for breaking news alerts."
    first = [article(n, f"Story text {n}.", promo) for n in (1, 2)]
    learn(db, learner, first)
    learn(db, learner, [article(1, "Story text 1.", promo)])  # re-fetched: not a new article
    assert db.execute("select articles from boilerplate where articles > 1").fetchone() == (2,)
    learn(db, learner, [article(3, "Story text 3.", promo)])
    learn(db, learner, [article(2, "Story text 2.", promo)])
    assert all(promo not in text for text in texts(db).values())
    assert db.execute("select max(version) from articles").fetchone() == (1,)
    assert db["article_versions"].count == 0
    assert learner.drain()["learned"] == 1  # the re-fetch of a template holder learns nothing


def test_refetch_cleans_the_stored_copy_of_a_paragraph_it_no_longer_has(tmp_path):
    """The stored copy is cleaned with the template its own paragraphs match, even one the
    re-fetch lacks: cleaning alone never makes a new version."""
    from pipelines.extract.text import content_hash

    db = open_archive(tmp_path / "news.db")
    learner = BoilerplateLearner(min_articles=3)
    promo = "Listen to the evening bulletin on our radio app."
    learn(db, learner, [article(n, f"Report {n}.", promo) for n in (1, 2, 3, 4)])
    learner.drain()
    stored = article(5, "Report 5.", promo)  # archived before the learner ran (an old archive)
    stored["content_hash"] = content_hash(stored["title"], stored["text"])
    with db.atomic():
        save_article(db, stored, "gazette", NOW)
    refetched = article(5, "Report 5.")
    refetched["content_hash"] = content_hash(refetched["title"], refetched["text"])
    learn(db, learner, [refetched])
    assert texts(db)[5] == "Report 5."
    assert db["article_versions"].count == 0
    assert learner.drain()["recleaned"] == 1
    # it was counted as holding the promotion (an old archive's article): it no longer does
    assert db.execute("select articles from boilerplate where articles > 1").fetchone() == (3,)


@pytest.fixture(scope="module")
def template_server():
    with SiteServer(template_site.build_site) as server:
        yield server


def sources(path, server, name="gazette"):
    return write_sources(path, server.url, name=name)


def assert_clean_articles(db, base_url, count=template_site.ARTICLES):
    rows = {r["url"]: r for r in db.query("select url, text, removed_paragraphs from articles")}
    expected = template_site.expected_articles(base_url, count)
    assert len(rows) == len(expected)
    for want in expected:
        row = rows[want["url"]]
        for paragraph in want["paragraphs"]:
            assert paragraph in row["text"], (want["url"], paragraph)
        for paragraph in want["template"]:
            assert paragraph not in row["text"], (want["url"], paragraph)
        removed = {p for _, p in json.loads(row["removed_paragraphs"])}
        assert removed <= set(want["template"])


def test_crawl_learns_the_site_template(template_server, tmp_path):
    result = run_crawl(sources(tmp_path / "s.toml", template_server), tmp_path / "news.db")
    assert result.returncode == 0, result.log[-3000:]
    assert_clean_log(result.log)
    assert_clean_articles(result.db, template_server.url)
    stats = json.loads(next(result.db.query("select stats from crawl_runs"))["stats"])
    # the template paragraphs of the site, but two that page-level extraction drops: its
    # "ADVERTISEMENT" slot label (a furniture label, pipelines.extract.notices) and the
    # membership plea (an appeal the text ends with, pipelines.extract.appeals)
    assert stats["news/boilerplate/learned"] == 10
    advert = "select count(*) from boilerplate where paragraph = ?"
    assert result.db.execute(advert, [template_site.ADVERT]).fetchone() == (0,)
    assert stats["news/boilerplate/recleaned"] >= 4  # the cold start: earlier articles
    tip = result.db.execute(
        "select articles from boilerplate where paragraph = ?", [template_site.TIP]
    ).fetchone()
    assert tip == (7,)  # the rarest template paragraph of the site


def test_counts_carry_over_to_the_next_run(template_server, tmp_path):
    source_file = sources(tmp_path / "s.toml", template_server)
    full = template_server.routes
    try:
        template_server.routes = template_site.build_site(template_server.url, 3)
        small = run_crawl(source_file, tmp_path / "news.db")
        assert small.returncode == 0, small.log[-3000:]
        every = template_site.EVERY_PAGE[0]
        assert all(every in r["text"] for r in small.db["articles"].rows)  # 3 < threshold
        template_server.routes = template_site.build_site(template_server.url, 12)
        grown = run_crawl(source_file, tmp_path / "news.db")
    finally:
        template_server.routes = full
    assert grown.returncode == 0, grown.log[-3000:]
    assert_clean_log(grown.log)
    assert grown.db["articles"].count == 12
    assert not any(every in r["text"] for r in grown.db["articles"].rows)
    assert grown.db.execute("select max(version) from articles").fetchone() == (1,)
    row = grown.db.execute("select articles from boilerplate where paragraph = ?", [every])
    assert row.fetchone() == (12,)


def scrapy(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", SCRAPY_STRICT, *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_boilerplate_command_cleans_an_existing_archive(template_server, tmp_path):
    path = tmp_path / "news.db"
    full = template_server.routes
    try:
        template_server.routes = template_site.build_site(template_server.url, 20)
        crawl = run_crawl(
            sources(tmp_path / "s.toml", template_server), path, "-s", "BOILERPLATE_ENABLED=false"
        )
    finally:
        template_server.routes = full
    assert crawl.returncode == 0, crawl.log[-3000:]
    every = template_site.EVERY_PAGE[1]
    assert all(every in r["text"] for r in crawl.db["articles"].rows)

    dry = scrapy("boilerplate", "--source", "gazette", "--db", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing changed" in dry.stdout
    assert all(every in r["text"] for r in crawl.db["articles"].rows)

    done = scrapy("boilerplate", "--source", "gazette", "--db", str(path), "--show", "3")
    assert done.returncode == 0, done.stderr
    # 20 articles: section banners (5 each) are template; the advert (4), the tip (2) not
    # yet; the membership plea (6) never reaches the learner (pipelines.extract.appeals)
    assert "gazette: 20 articles, 9 template paragraphs (on >= 5 articles)" in done.stdout
    assert "20 articles changed" in done.stdout
    assert f"20  template  {every[:40]}" in done.stdout
    rows = {r["url"]: r["text"] for r in crawl.db.query("select url, text from articles")}
    for want in template_site.expected_articles(template_server.url, 20):
        assert all(p in rows[want["url"]] for p in want["paragraphs"])
        gone = [p for p in want["template"] if p not in (template_site.TIP, template_site.ADVERT)]
        assert not any(p in rows[want["url"]] for p in gone), want["url"]

    again = scrapy("boilerplate", "--db", str(path))  # every source; nothing left to do
    assert "0 articles changed" in again.stdout, again.stdout + again.stderr

    unknown = scrapy("boilerplate", "--source", "nope", "--db", str(path))
    assert unknown.returncode != 0
    assert "no articles of source(s) nope" in unknown.stderr


def test_a_clustering_batch_derives_the_cleaned_texts_signatures(tmp_path):
    """Cleaned again when a paragraph crosses the bar, an earlier article's signature is
    derived from its stored one (``sign``, the batch clusters): the new text's own, fresh,
    so that the batch's refresh signs nothing whole; without ``sign`` it is left stale."""
    from pipelines.archive import dedupe
    from pipelines.extract.minhash import signature_bytes
    from pipelines.extract.text import content_hash

    promo = "— ◆ — ◆ —"  # a wordless divider: the shingles stay, so its derivation can tell
    for sign in (True, False):
        db = open_archive(tmp_path / f"news-{sign}.db")
        learner = BoilerplateLearner(min_articles=3)
        for n in (1, 2, 3):
            words = " ".join(f"word{n}x{i}" for i in range(12))
            item = article(n, f"Opening {n}: {words}.", promo, f"Closing line {n} of the report.")
            item["content_hash"] = content_hash(item["title"], item["text"])
            with db.atomic():
                learner.apply(db, item, "gazette", NOW)
                save_article(db, item, "gazette", NOW)
                blob = signature_bytes(item["text"])
                dedupe.save_signature(db, item["id"], item["content_hash"], blob)
                learner.finish(db, sign)
        rows = db.execute(
            "SELECT a.text, a.content_hash, m.content_hash, m.signature FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id"
        ).fetchall()
        assert all(promo not in text for text, *_ in rows)  # the first two cleaned again
        fresh = [
            (m_hash == a_hash, sig == signature_bytes(text)) for text, a_hash, m_hash, sig in rows
        ]
        assert fresh.count((True, True)) == (3 if sign else 1), fresh
        assert dedupe.refresh_signatures(db) == (0 if sign else 2)
