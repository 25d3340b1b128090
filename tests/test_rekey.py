"""Migration 4: an archive built with the old canonical URL rules is re-keyed, and the next
crawl neither duplicates nor loses an article."""

from __future__ import annotations

import html
import json
import sqlite3

from old_urls import OLD_RULES, old_canonicalize_url

from pipelines.archive import migrations
from pipelines.archive.schema import SCHEMA_VERSION, open_archive
from pipelines.urls import article_id, canonicalize_url

from conftest import CRAWL_ENV, ROOT, assert_clean_log, crawl_command
from sites.demo.server import SiteServer
from sites.demo.site import Page

WORDS = (
    "Warga desa berkumpul di balai untuk membahas hasil panen tahun ini, yang menurut "
    "kepala desa lebih baik daripada tahun lalu berkat irigasi baru dan cuaca yang "
    "bersahabat sepanjang musim tanam. Para petani berharap harga gabah tetap stabil "
    "hingga akhir bulan, sementara koperasi menyiapkan gudang tambahan untuk menampung "
    "hasil panen yang melimpah dari tiga dusun di sekitar sungai."
)
# feed link (the form the site writes) → the page's path on the server
STORIES = {
    "/berita/1/panen-raya-di-desa-hulu?xtor=RSS-3": "/berita/1/panen-raya-di-desa-hulu",
    "/berita/./2/banjir-surut-di-kota-hilir": "/berita/2/banjir-surut-di-kota-hilir",
    "/berita/3/harga-cabai-naik-lagi;jsessionid=AB12CD": "/berita/3/harga-cabai-naik-lagi",
    "/berita/4/jalan-desa-diperbaiki-warga?ito=rss&id=4": "/berita/4/jalan-desa-diperbaiki-warga",
    "/berita/5/pasar-malam-kembali-dibuka": "/berita/5/pasar-malam-kembali-dibuka",
}


def article(title: str) -> Page:
    body = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta property="og:type" content="article"></head><body><article>'
        f"<h1>{html.escape(title)}</h1><p>{WORDS}</p><p>{title}: {WORDS}</p></article>"
        "</body></html>"
    ).encode()
    return Page(headers={"Content-Type": "text/html; charset=utf-8"}, body=body)


def site(base: str) -> dict[str, Page]:
    items = "".join(
        f"<item><title>Kabar {n}</title><link>{html.escape(base + link)}</link></item>"
        for n, link in enumerate(STORIES, start=1)
    )
    routes = {
        "/rss.xml": Page(
            headers={"Content-Type": "application/rss+xml"},
            body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>{items}'
            "</channel></rss>".encode(),
        ),
        "/robots.txt": Page(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\n"),
    }
    for n, (link, path) in enumerate(STORIES.items(), start=1):
        page = article(f"Kabar nomor {n} dari desa")
        routes[path] = page
        # the forms the old rules requested: dot segment and path parameter kept as written
        routes[link.split("?")[0]] = page
    return routes


def crawl(sources, db_path, old_rules: bool = False):
    import subprocess

    command = crawl_command(sources, db_path, "-s", "EXTRACT_WORKERS=0")
    if old_rules:
        command[2] = OLD_RULES + command[2]
    done = subprocess.run(command, cwd=ROOT, env=CRAWL_ENV, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_next_crawl_of_an_old_archive_duplicates_and_loses_nothing(tmp_path):
    with SiteServer(site) as server:
        base = server.url
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "kabar"\nfeeds = ["{base}/rss.xml"]\nallow_private = true\n'
        )
        path = tmp_path / "news.db"
        code, log = crawl(sources, path, old_rules=True)
        assert code == 0, log[-3000:]
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 3")  # as the old code left it
        conn.commit()
        old = dict(conn.execute("SELECT id, canonical_url FROM articles").fetchall())
        conn.close()
        assert len(old) == len(STORIES)
        old_forms = {old_canonicalize_url(base + link) for link in STORIES}
        assert set(old.values()) == old_forms  # built with the old rules
        new_forms = {canonicalize_url(base + link) for link in STORIES}
        assert len(new_forms - old_forms) == 4  # four of the five articles change id

        db = open_archive(path)
        assert migrations.user_version(db) == SCHEMA_VERSION
        rows = dict(db.execute("SELECT id, canonical_url FROM articles").fetchall())
        assert set(rows.values()) == new_forms
        assert all(article_id(url) == key for key, url in rows.items())
        known = {r[0] for r in db.execute("SELECT url FROM known_urls WHERE kind = 'article'")}
        assert known == new_forms
        linked = db.execute(
            "SELECT count(*) FROM captures WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert linked == 0
        searchable = db.execute(
            "SELECT count(*) FROM articles_search WHERE articles_search MATCH 'koperasi'"
        ).fetchone()[0]
        assert searchable == len(STORIES)
        db.close()

        fetched_before = dict(server.hits)
        code, log = crawl(sources, path)
        assert code == 0, log[-3000:]
        assert_clean_log(log)
        db = open_archive(path)
        assert db["articles"].count == len(STORIES)  # nothing duplicated
        assert set(r[0] for r in db.execute("SELECT canonical_url FROM articles")) == new_forms
        again = {
            p: n - fetched_before.get(p, 0)
            for p, n in server.hits.items()
            if p.startswith("/berita/") and n > fetched_before.get(p, 0)
        }
        assert again == {}, again  # known, not due: no article fetched again as new


def test_merges_and_every_table_follows(tmp_path):
    path = tmp_path / "news.db"
    db = open_archive(path)
    base = "https://kabar.example"
    one, two = f"{base}/berita/1/x?xtor=RSS-1", f"{base}/berita/1/x?xtor=RSS-2"
    idn = "https://bücher.example/a/./b"
    rows = [
        (one, "Judul", "teks satu", "h1", "2026-03-01T00:00:00+00:00"),
        (two, "Judul", "teks dua", "h2", "2026-03-02T00:00:00+00:00"),
        (idn, "Buch", "ein text", "h3", "2026-03-03T00:00:00+00:00"),
    ]
    for url, title, text, digest, seen in rows:
        key = article_id(old_canonicalize_url(url))
        db["articles"].insert(
            {"id": key, "source": "kabar", "url": url, "canonical_url": old_canonicalize_url(url),
             "title": title, "text": text, "content_hash": digest, "first_seen": seen,
             "last_fetched": seen, "fetch_count": 1, "version": 1,
             "hreflang": json.dumps({"de": idn})},
        )  # fmt: skip
        db["captures"].insert({"url": url, "article_id": key, "digest": digest})
        db["known_urls"].insert(
            {"url": old_canonicalize_url(url), "source": "kabar", "kind": "article",
             "state": "done", "article_id": key, "last_visit": seen, "visits": 1},
        )  # fmt: skip
        db["minhashes"].upsert(  # its row is made with the article (a trigger)
            {"article_id": key, "content_hash": digest, "signature": b"x"}, pk="article_id"
        )
    ids = [article_id(old_canonicalize_url(u)) for u, *_ in rows]
    db["translations"].insert(
        {"group_id": "g", "article_id": ids[2], "url": old_canonicalize_url(idn), "language": "de"}
    )
    db["boilerplate"].insert(
        {"source": "kabar", "fingerprint": "f", "articles": 2, "article_ids": json.dumps(ids)}
    )
    db.execute("UPDATE articles SET cluster_id = ?", [ids[1]])
    db.conn.commit()
    db.execute("PRAGMA user_version = 3")
    db.close()

    db = open_archive(path)
    first, idn_new = canonicalize_url(one), canonicalize_url(idn)
    assert first == f"{base}/berita/1/x" and idn_new == "https://xn--bcher-kva.example/a/b"
    kept, moved = article_id(first), article_id(idn_new)
    articles = {r["id"]: r for r in db["articles"].rows}
    assert set(articles) == {kept, moved}
    merged = articles[kept]
    assert merged["text"] == "teks satu" and merged["version"] == 2 and merged["fetch_count"] == 2
    (version,) = db["article_versions"].rows
    assert (version["article_id"], version["version"], version["cause"]) == (kept, 1, "merge")
    assert version["text"] == "teks dua" and "-teks dua" in version["diff"]
    assert json.loads(merged["hreflang"]) == {"de": idn_new}
    assert {c["article_id"] for c in db["captures"].rows} == {kept, moved}
    assert {(k["url"], k["article_id"], k["visits"]) for k in db["known_urls"].rows} == {
        (first, kept, 2),
        (idn_new, moved, 1),
    }
    assert {m["article_id"] for m in db["minhashes"].rows} == {kept, moved}
    (translation,) = db["translations"].rows
    assert (translation["url"], translation["article_id"]) == (idn_new, moved)
    (boilerplate,) = db["boilerplate"].rows
    assert json.loads(boilerplate["article_ids"]) == [kept, moved]
    assert {a["cluster_id"] for a in articles.values()} == {kept}
    db.close()
    db = open_archive(path)  # again: nothing left to migrate
    assert {r["id"] for r in db["articles"].rows} == {kept, moved}
