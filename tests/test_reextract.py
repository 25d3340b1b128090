"""Re-extraction from stored captures: nothing changes when nothing changed; a rule change shows.

The `scrapy reextract` command itself runs in tests/test_readme.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from pipelines.archive.boilerplate import BoilerplateLearner
from pipelines.archive.reextract import reextract
from pipelines.archive.schema import open_archive
from pipelines.extract import page as extraction

from conftest import ROOT, SCRAPY_STRICT


@pytest.fixture
def archive_copy(demo_crawl, tmp_path):
    """A copy of the crawled demo archive with its WARC files (relative paths still hold)."""
    copy = tmp_path / "copy"
    shutil.copytree(demo_crawl.path.parent, copy, ignore=shutil.ignore_patterns("*.toml"))
    return copy / "news.db"


def test_a_rule_change_updates_what_it_affects_and_only_once(archive_copy, monkeypatch):
    db = open_archive(archive_copy)
    assert (
        reextract(db, learner=BoilerplateLearner(), workers=0, since="2000-01-01").changed == 0
    )  # nothing changed
    before = {r["id"]: r for r in db["articles"].rows}
    # A new rule: a paragraph whose text mentions the outlet's name is furniture.
    monkeypatch.setattr(extraction, "PRUNE_XPATH", [*extraction.PRUNE_XPATH, "//article//p[1]"])
    report = reextract(db, learner=BoilerplateLearner(), workers=0)
    assert report.articles == 48 and report.changed > 0, report.lines()
    assert (
        report.fields["text"] == report.changed and report.fields["content_hash"] == report.changed
    )
    changed = [r for r in db["articles"].rows if r["text"] != before[r["id"]]["text"]]
    assert len(changed) == report.changed
    for row in changed:
        old = before[row["id"]]
        assert row["version"] == old["version"] + 1 and row["fetch_count"] == old["fetch_count"]
        version = db.execute(
            "select cause, text, diff from article_versions where article_id = ?", [row["id"]]
        ).fetchone()
        assert (
            version[0] == "reextract" and version[1] == old["text"] and version[2].startswith("---")
        )
    assert reextract(db, learner=BoilerplateLearner(), workers=0).changed == 0  # idempotent
    monkeypatch.undo()
    back = reextract(db, learner=BoilerplateLearner(), workers=0, source="demo")
    assert back.changed == report.changed  # the old rule gives the old text back
    assert {r["id"]: r["text"] for r in db["articles"].rows} == {
        k: v["text"] for k, v in before.items()
    }
    assert (
        reextract(db, learner=BoilerplateLearner(), workers=0, source="nosuchsource").articles == 0
    )


def test_an_unknown_source_or_archive_is_refused(archive_copy, tmp_path):
    """``scrapy reextract --source nosuch`` says so (exit 2) rather than change nothing."""

    def reextract_command(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", SCRAPY_STRICT, "reextract", *args]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)

    done = reextract_command("--source", "nosuch", "-s", f"ARCHIVE_DB={archive_copy}")
    assert done.returncode == 2
    assert f"error: no articles of source(s) nosuch in {archive_copy} (its sources: demo)" in (
        done.stderr
    )
    missing = tmp_path / "absent" / "news.db"
    done = reextract_command("-s", f"ARCHIVE_DB={missing}")
    assert done.returncode == 2 and f"error: no archive at {missing}" in done.stderr
    assert not missing.parent.exists()
