"""Edits, visible: each stored version keeps a readable diff, shown by the `edits` query."""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml
from datasette.app import Datasette
from test_pipeline_archive import article, page

from pipelines.archive.batch import write_batch
from pipelines.archive.schema import open_archive
from pipelines.archive.versions import version_diff
from pipelines.items import ArticleItem

DATASETTE = Path(__file__).resolve().parents[1] / "deploy" / "datasette"


def test_version_diff_is_line_based_and_includes_the_title():
    diff = version_diff("Panen", "satu\ndua\ntiga", "Panen raya", "satu\ndua diubah\ntiga")
    assert "-# Panen\n+# Panen raya" in diff and "-dua\n+dua diubah" in diff
    assert version_diff("T", "a", "T", "a") == ""


def test_edits_query_lists_changes_with_their_diff(tmp_path):
    db = open_archive(tmp_path / "news.db")
    write_batch(db, [ArticleItem(article(), page())], 1, True)
    edited = article(text="Petani di Wonotirto memanen padi dua minggu lebih awal.")
    write_batch(
        db, [ArticleItem(edited, page(b"<html>2</html>", "2026-03-05T02:00:00+00:00"))], 2, True
    )
    db.close()
    datasette = Datasette(
        [str(tmp_path / "news.db")],
        metadata=yaml.safe_load((DATASETTE / "metadata.yml").read_text()),
        plugins_dir=str(DATASETTE / "plugins"),
    )

    async def get(path: str):
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response

    (row,) = asyncio.run(get("/news/edits.json?_shape=array")).json()
    assert row["change"] == "1 → 2" and row["cause"] == "edit"
    assert "-Petani di Wonotirto memanen padi lebih awal." in row["diff"]
    assert "+Petani di Wonotirto memanen padi dua minggu lebih awal." in row["diff"]
    page_html = asyncio.run(get("/news/edits")).text
    assert '<pre style="white-space:pre-wrap' in page_html and "background:#e6ffec" in page_html
