"""HTML → article on crafted pages, and the ``python -m pipelines.extract`` command."""

from __future__ import annotations

import json
import subprocess
import sys

from pipelines.extract.page import extract, extract_page
from pipelines.extract.text import word_count

PARAGRAPHS = [
    "Le gouvernement régional a annoncé jeudi un nouveau programme de soutien aux "
    "agriculteurs de la province, qui recevront des semences et des engrais.",
    "Selon le responsable de l'agriculture, plus de trois mille familles bénéficieront "
    "de cette aide avant la prochaine saison des pluies dans la région.",
    "Les agriculteurs ont salué cette décision, tout en demandant une meilleure irrigation "
    "dans les villages les plus éloignés de la côte et des routes.",
]


def page(
    *,
    lang: str = "fr",
    jsonld: str | None = None,
    head: str = "",
    byline: str = "Par Budi Santoso et Ayu Lestari",
    paragraphs: list[str] = PARAGRAPHS,
) -> str:
    jsonld = jsonld or json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Aide aux agriculteurs",
            "datePublished": "2026-03-04T08:15:00+07:00",
            "dateModified": "2026-03-05T09:00:00+07:00",
            "author": [
                {"@type": "Person", "name": "Budi Santoso"},
                {"@type": "Person", "name": "Ayu Lestari"},
                {"@type": "Organization", "name": "Kabar"},
            ],
            "publisher": {"@type": "Organization", "name": "Kabar"},
            "articleSection": "Économie",
            "keywords": "agriculture, aide",
            "image": {"@type": "ImageObject", "url": "https://k.example/img/1.jpg"},
        }
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>Aide aux agriculteurs | Kabar</title>
<meta property="og:site_name" content="Kabar"><meta property="og:type" content="article">
<meta name="description" content="Un programme de soutien.">
<link rel="canonical" href="https://k.example/fr/news/7/aide?utm_source=rss">
<link rel="alternate" hreflang="id" href="https://k.example/berita/7/aide">
<link rel="alternate" hreflang="x-default" href="https://k.example/berita/7/aide">
<script type="application/ld+json">{jsonld}</script>{head}
</head><body><nav><a href="/">Accueil</a> <a href="/eco">Économie</a></nav>
<article><h1>Aide aux agriculteurs</h1><p>{byline}</p>
<figure><img src="a.jpg"><figcaption>Des habitants dans les rizières (photo: Kabar)</figcaption>
</figure><div class="share">Partager: <a>Facebook</a> <a>WhatsApp</a></div>{body}
<aside class="related"><h3>Nouvelles connexes</h3><a href="/x">Une autre histoire</a></aside>
</article><footer>© 2026 Kabar, Jalan Merdeka 1</footer></body></html>"""


URL = "https://k.example/fr/news/7/aide"


def test_article_fields():
    article = extract(page().encode(), URL, fetched_at="2026-11-28T00:00:00+00:00")
    assert "skip_reason" not in article
    assert article["title"] == "Aide aux agriculteurs"
    assert article["authors"] == ["Budi Santoso", "Ayu Lestari"]
    assert article["published_at"] == "2026-03-04T08:15:00+07:00"
    assert article["published_source"] == "json-ld"
    assert article["modified_at"] == "2026-03-05T09:00:00+07:00"
    assert article["canonical_url"] == URL  # tracking parameter dropped
    assert article["site_name"] == "Kabar"
    assert article["section"] == "Économie" and article["tags"] == ["agriculture", "aide"]
    assert article["image"] == "https://k.example/img/1.jpg"
    assert article["hreflang"] == {
        "id": "https://k.example/berita/7/aide",
        "x-default": "https://k.example/berita/7/aide",
    }
    assert (article["language"], article["declared_language"]) == ("fr", "fr")
    assert article["detected_language"] == "fr" and article["language_confidence"] > 0.9
    assert article["text"].split("\n") == PARAGRAPHS
    for furniture in ("Partager", "Facebook", "connexes", "photo: Kabar", "Accueil", "2026 Kabar"):
        assert furniture not in article["text"]
    assert article["extractor_version"].startswith("trafilatura ")


def test_future_date_refused_and_meta_fallback():
    jsonld = json.dumps({"@type": "NewsArticle", "datePublished": "2031-01-01T00:00:00Z"})
    head = '<meta property="article:published_time" content="2026-02-01T10:00:00+01:00">'
    article = extract(page(jsonld=jsonld, head=head), URL, fetched_at="2026-11-28T00:00:00+00:00")
    assert article["published_at"] == "2026-02-01T10:00:00+01:00"
    assert article["published_source"] == "meta"
    assert article["modified_at"] is None


def test_modified_only_is_not_published():
    jsonld = json.dumps({"@type": "NewsArticle", "dateModified": "2026-05-05T10:00:00+02:00"})
    article = extract(page(jsonld=jsonld), URL, hints={"published": "2026-05-01", "via": "feed"})
    assert article["modified_at"] == "2026-05-05T10:00:00+02:00"
    assert article["published_at"] == "2026-05-01" and article["published_source"] == "feed"


def test_wrongly_declared_language_is_detected():
    article = extract(page(lang="en"), URL)
    assert article["declared_language"] == "en"
    assert article["detected_language"] == "fr" and article["language"] == "fr"
    assert article["language_mismatch"] is True


def test_indonesian_not_mistaken_for_malay():
    text = [
        "Pemerintah daerah mengumumkan program bantuan baru bagi para petani di provinsi "
        "tersebut pada hari Kamis, termasuk benih dan pupuk gratis untuk musim tanam.",
        "Menurut kepala dinas pertanian, lebih dari tiga ribu keluarga akan menerima bantuan "
        "sebelum musim hujan berikutnya tiba di wilayah itu.",
    ]
    article = extract(page(lang="id", paragraphs=text, byline="Oleh Budi"), URL)
    assert article["language"] == "id"


def test_not_articles_are_skipped():
    short = extract(page(paragraphs=["Trop court."]), URL)
    assert short["skip_reason"] == "too_short"
    about = (
        page()
        .replace('content="article"', 'content="website"')
        .replace('"NewsArticle"', '"AboutPage"')
    )
    assert extract(about, URL)["skip_reason"] == "not_article"
    assert extract(b"", URL)["skip_reason"] == "unparseable"
    assert extract(b"<html><body></body></html>", URL)["skip_reason"] == "empty_text"


def test_bad_input_never_raises():
    result = extract_page({"body": b"<html>", "url": URL, "encoding": "no-such-codec"})
    assert result.get("skip_reason") in {"empty_text", "unparseable", "too_short"}
    broken = extract_page({"body": None, "url": URL})
    assert broken["skip_reason"] == "extract_error" and "Error" in broken["skip_detail"]


def test_word_count_counts_cjk_characters():
    assert word_count("two words") == 2
    assert word_count("東京都の会議") == 6
    assert word_count("Meta 首席") == 3
    assert word_count("Straße über café") == 3  # no CJK character: only split
    assert word_count("Straße über café") == 3  # cached


def test_command_line_prints_one_json_object():
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.extract", URL],
        input=page().encode(),
        capture_output=True,
        check=True,
    )
    article = json.loads(done.stdout)
    for field in ("url", "canonical_url", "title", "authors", "published_at", "language",
                  "declared_language", "detected_language", "text"):  # fmt: skip
        assert field in article
    assert article["url"] == URL and article["authors"] == ["Budi Santoso", "Ayu Lestari"]


def test_page_prunes_leave_out_the_class_expressions_no_name_of_the_page_can_match():
    from trafilatura.utils import load_html

    from pipelines.extract.htmlmeta import markup_names
    from pipelines.extract.page import CLASS_PRUNES, PRUNE_XPATH, main_document, page_prunes

    html = (
        "<html><body><article><p class='lede'>" + "The harbour board met on Tuesday. " * 8
        + "</p><div class='Social-links'><a href='/s'>Post it</a></div>"
        + "<p>" + "The ferry timetable changes in May for the summer. " * 8 + "</p>"
        + "<div class='related-box'><a href='/r'>Older harbour news</a></div>"
        "</article></body></html>"
    )  # fmt: skip
    tree = load_html(html)
    names = markup_names(tree)
    kept = page_prunes(names)
    related, social = CLASS_PRUNES[2][0], CLASS_PRUNES[1][0]
    assert related in kept and social in kept  # "social", lower-cased, may match: kept
    assert kept == PRUNE_XPATH[:4] + [social, related]
    assert page_prunes(None) == PRUNE_XPATH
    text = main_document(tree, URL, names)[0].text
    assert text == main_document(load_html(html), URL)[0].text
    assert "Older harbour news" not in text and "The ferry timetable" in text
