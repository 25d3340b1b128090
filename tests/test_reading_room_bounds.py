"""The reading room's bounded work: what the listing's facets and the search page count.

On an archive of millions of articles a page cannot count every match. The articles
listing's facets count its first ``listing.FACET_ROWS`` rows in its own order, and the
search page ranks, charts and counts by source a word's ``search.RANK_WITHIN`` most
recently archived matches; each page says so. A real archive (``open_archive``, the
index's triggers) with older articles from a source of their own shows which rows were
counted, through Datasette's own test client with the project's plugins.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_reading_room import client

from pipelines.archive import search
from pipelines.archive.schema import open_archive

FACET_ROWS = 1000  # deploy/datasette/plugins/listing.py


def make_archive(path, old: int, new: int) -> None:
    """``old`` articles of source ``old`` published in 2024, then ``new`` of sources ``a``
    and ``b`` published in 2025, every one with the word "banjir"."""
    db = open_archive(path)
    start = {year: datetime(year, 1, 1) for year in (2024, 2025)}
    rows = []
    for number in range(old + new):
        source = "old" if number < old else "ab"[number % 2]
        year = 2024 if number < old else 2025
        rows.append(
            {
                "id": f"{number:016x}",
                "url": f"https://{source}.example/news/{number}",
                "source": source,
                "title": f"Banjir di kota {number}",
                "text": f"Hujan deras membawa banjir ke kampung nomor {number}.",
                "language": "id",
                "published_at": (start[year] + timedelta(minutes=number)).isoformat(),
            }
        )
    with db.atomic():
        db["articles"].insert_all(rows, batch_size=500)
    db.close()


@pytest.fixture(scope="module")
def listing(tmp_path_factory):
    path = tmp_path_factory.mktemp("bounds") / "listing.db"
    make_archive(path, old=200, new=FACET_ROWS + 10)
    return client(path)


def facet(data: dict, name: str) -> dict:
    return {row["value"]: row["count"] for row in data["facet_results"][name]["results"]}


def test_listing_facets_count_its_first_rows_in_its_order(listing):
    newest = listing.get("/listing/articles.json?_facet=source&_facet=language").json
    assert facet(newest, "source") == {"a": 500, "b": 500}  # the 2025 rows, newest first
    assert facet(newest, "language") == {"id": FACET_ROWS}
    assert "source_2" not in newest["facet_results"]  # ?_facet= is the bounded facet itself
    oldest = listing.get("/listing/articles.json?_sort=published_at&_facet=source").json
    assert facet(oldest, "source") == {"old": 200, "a": 400, "b": 400}
    page = listing.get("/listing/articles?_facet=source").text
    assert "Facets count the first 1,000 rows of this listing" in page


def test_a_listing_shorter_than_the_bound_is_counted_whole(listing):
    data = listing.get("/listing/articles.json?source=old").json
    assert facet(data, "source") == {"old": 200}
    selected = data["facet_results"]["source"]["results"][0]
    assert selected["selected"] and "source=old" not in selected["toggle_url"]
    assert "Facets count the first" not in listing.get("/listing/articles?source=old").text


def test_search_page_says_it_ranks_and_charts_the_newest_matches(tmp_path):
    path = tmp_path / "search.db"
    make_archive(path, old=100, new=search.RANK_WITHIN)
    news = client(path)
    page = news.get("/search/-/search?q=banjir").text
    assert f"{search.RANK_WITHIN + 100:,}" in page
    assert f"cover the {search.RANK_WITHIN:,} most recently archived of them" in page
    sources = news.get("/search/top_sources.json?q=banjir&_shape=array").json
    assert {row["source"]: row["articles"] for row in sources} == {"a": 2500, "b": 2500}
    days = news.get("/search/attention.json?q=banjir&_shape=array&_size=max").json
    assert sum(row["articles"] for row in days) == search.RANK_WITHIN
    few = news.get("/search/-/search?q=banjir&source=a").text
    assert "Hujan deras membawa <mark>banjir</mark>" in few
