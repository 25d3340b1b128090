"""Every script, end to end: a fixture site whose pages lie about their charset.

One story in six languages, each version in its own legacy charset with a wrong
or missing declaration, each translation with a notice in its own way, linked by
hreflang without an x-default. Crawled once with the real ``scrapy crawl news``
into SQLite; then text, tags, notices, translation group and search are checked.
"""

from __future__ import annotations

import json

import pytest

from pipelines.archive import search, translations
from pipelines.archive.schema import open_archive
from pipelines.urls import canonicalize_url

from conftest import assert_clean_log, run_crawl
from sites.demo.server import SiteServer
from sites.demo.site import Page

# language -> (charset of the bytes, Content-Type header, meta charset, paragraphs, notice)
VERSIONS = {
    "id": (
        "utf-8",
        "text/html; charset=utf-8",
        "utf-8",
        [
            "Perpustakaan kota Kupang yang baru dibuka pada hari Minggu dan langsung dipadati "
            "ratusan pelajar yang ingin membaca dan meminjam buku sepulang sekolah.",
            "Gedung tiga lantai itu menyimpan lebih dari dua puluh ribu buku dalam bahasa "
            "Indonesia, bahasa daerah, dan bahasa Inggris, serta ruang komputer untuk umum.",
            "Kepala perpustakaan mengatakan ruang baca akan tetap buka sampai tengah malam "
            "selama musim ujian agar siswa memiliki tempat belajar yang tenang dan terang.",
        ],
        None,
    ),
    "en": (
        "utf-8",
        "text/html; charset=utf-8",
        "utf-8",
        [
            "The new city library in Kupang opened on Sunday and was immediately filled with "
            "hundreds of students who wanted to read and borrow books after school.",
            "The three-storey building holds more than twenty thousand books in Indonesian, "
            "regional languages and English, as well as a public computer room.",
            "The head librarian said the reading rooms will stay open until midnight during "
            "the exam season so that students have a quiet and bright place to study.",
        ],
        "Artikel ini diterjemahkan secara otomatis dari bahasa Indonesia.",
    ),
    "zh": (
        "gbk",
        "text/html; charset=utf-8",  # labelled UTF-8: wrong
        None,
        [
            "古邦市新图书馆周日开馆，数百名学生放学后涌入馆内读书和借书。当地居民说，"
            "这是他们多年来一直期待的公共空间。",
            "这座三层建筑收藏了两万多册印尼文、地方语言和英文图书，还设有对公众开放的电脑室。",
            "馆长表示，考试期间阅览室将开放到午夜，让学生有一个安静明亮的学习场所。"
            "台风季节来临前，图书馆还加固了屋顶。",
        ],
        "This edition is provided for readers abroad; the Indonesian text prevails.",
    ),
    "ja": (
        "shift_jis",
        "text/html",  # no charset anywhere
        None,
        [
            "クパン市の新しい図書館が日曜日に開館し、放課後に本を読んだり借りたりしたい"
            "数百人の学生ですぐにいっぱいになりました。",
            "三階建ての建物には、インドネシア語、地方の言語、英語の本が二万冊以上あり、"
            "一般向けのコンピューター室もあります。",
            "館長によると、試験の期間中は閲覧室を深夜まで開け、学生が静かで明るい場所で"
            "勉強できるようにするということです。地震に備えた工事も終わりました。",
        ],
        "この記事は機械翻訳によるものです。",
    ),
    "ar": (
        "cp1256",
        "text/html",
        "utf-8",  # <meta charset=utf-8>: wrong
        [
            "افتتحت الْمَكْتَبَةُ الجديدة في مدينة كوبانغ يوم الأحد، وامتلأت على الفور بمئات "
            "الطلاب الذين أرادوا القراءة واستعارة الكتب بعد المدرسة.",
            "يضم المبنى المكون من ثلاثة طوابق أكثر من عشرين ألف كتاب باللغة الإندونيسية "
            "واللغات المحلية والإنجليزية، إضافة إلى قاعة حواسيب مفتوحة للجمهور.",
            "وقال مدير المكتبة إن قاعات القراءة ستبقى مفتوحة حتى منتصف الليل خلال موسم "
            "الامتحانات حتى يجد الطلاب مكانا هادئا ومضيئا للدراسة.",
        ],
        "هذه ترجمة آلية للنص الأصلي.",
    ),
    "fr": (
        "cp1252",
        "text/html",
        None,
        [
            "La nouvelle bibliothèque de Kupang a ouvert dimanche et s'est aussitôt remplie "
            "de centaines d'élèves venus lire et emprunter des livres après l'école.",
            "Le bâtiment de trois étages abrite plus de vingt mille livres en indonésien, en "
            "langues régionales et en anglais, ainsi qu'une salle informatique ouverte à tous.",
            "Le directeur a précisé que les salles de lecture resteront ouvertes jusqu'à "
            "minuit pendant la période des examens, pour offrir un lieu calme et éclairé.",
        ],
        "Cet article a été traduit automatiquement.",
    ),
}
TITLES = {
    "id": "Perpustakaan baru Kupang",
    "en": "Kupang's new library",
    "zh": "古邦新图书馆",
    "ja": "クパンの新しい図書館",
    "ar": "مكتبة كوبانغ الجديدة",
    "fr": "La nouvelle bibliothèque de Kupang",
}
LONE = [  # an Indonesian article *about* machine translation: no notice to remove
    "Sebuah perusahaan rintisan di Yogyakarta meluncurkan aplikasi penerjemah untuk bahasa "
    "daerah, mulai dari bahasa Jawa, Sunda, hingga bahasa Bugis dan Sasak.",
    "Menurut pendirinya, terjemahan mesin untuk bahasa daerah masih sering keliru karena data "
    "teks yang tersedia sangat sedikit dibandingkan bahasa Indonesia atau bahasa Inggris.",
    "Tim pengembang bekerja sama dengan guru dan budayawan setempat untuk mengumpulkan "
    "cerita rakyat, berita lokal, dan percakapan sehari-hari sebagai bahan pelatihan.",
]


def path(lang: str) -> str:
    return f"/{lang}/berita/7/perpustakaan"


def render(base: str, lang: str) -> Page:
    charset, content_type, meta, paragraphs, notice = VERSIONS[lang]
    links = "\n".join(
        f'<link rel="alternate" hreflang="{code}" href="{base}{path(code)}">' for code in VERSIONS
    )
    locales = "".join(
        f'<meta property="og:locale:alternate" content="{c}">' for c in ("ko_KR", "en_US")
    )
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    if notice:
        body += f'\n<div class="disclaimer"><p>{notice}</p></div>'
    head_charset = f'<meta charset="{meta}">' if meta else ""
    direction = ' dir="rtl"' if lang == "ar" else ""
    html = f"""<!doctype html><html{"" if lang == "ja" else f' lang="{lang}"'}{direction}>
<head>{head_charset}<title>{TITLES[lang]}</title>
<link rel="canonical" href="{base}{path(lang)}">{links}
<meta property="og:type" content="article">{locales}
</head><body><article><h1>{TITLES[lang]}</h1>
{body}
</article></body></html>"""
    return Page(headers={"Content-Type": content_type}, body=html.encode(charset))


def fixture_site(base: str) -> dict:
    routes = {path(lang): render(base, lang) for lang in VERSIONS}
    lone = "\n".join(f"<p>{p}</p>" for p in LONE)
    routes["/id/berita/8/penerjemah"] = Page(
        body=(
            '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Penerjemah</title>'
            '<meta property="og:type" content="article"></head><body><article><h1>Penerjemah'
            f"</h1>\n{lone}\n</article></body></html>"
        ).encode()
    )
    links = "".join(f'<a href="{base}{p}">{p}</a>' for p in routes)
    routes["/"] = Page(body=f"<!doctype html><html><body>{links}</body></html>".encode())
    return routes


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scripts")
    with SiteServer(fixture_site) as server:
        sources = tmp / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "kupang"\nstart_urls = ["{server.url}/"]\n'
            'allow_private = true\narticle_pattern = "/berita/"\n',
            encoding="utf-8",
        )
        result = run_crawl(sources, tmp / "news.db")
        result.base = server.url  # type: ignore[attr-defined]
        yield result


def rows_by_language(crawl) -> dict[str, dict]:
    return {
        r["language"]: r
        for r in crawl.db.query("select * from articles where url like ?", ["%/7/%"])
    }


def test_every_script_decodes_despite_wrong_charsets(crawl):
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert_clean_log(crawl.log)
    rows = rows_by_language(crawl)
    assert set(rows) == set(VERSIONS)
    for lang, (_, _, _, paragraphs, _) in VERSIONS.items():
        row = rows[lang]
        assert row["title"] == TITLES[lang], lang
        assert row["text"].split("\n") == paragraphs, lang  # intact, nothing else
        assert row["declared_language"] == (None if lang == "ja" else lang), lang
        assert row["detected_language"] == lang and row["language_mismatch"] == 0, lang


def test_notices_removed_and_flagged(crawl):
    rows = rows_by_language(crawl)
    for lang, (*_, notice) in VERSIONS.items():
        row = rows[lang]
        assert json.loads(row["notices"]) == ([notice] if notice else []), lang
        assert row["machine_translated"] == int(notice is not None), lang
    (lone,) = crawl.db.query("select * from articles where url like '%penerjemah'")
    assert lone["machine_translated"] == 0 and lone["text"].split("\n") == LONE


def test_one_translation_group_with_the_original_marked(crawl):
    rows = list(crawl.db.query("select * from translations order by language"))
    assert len({r["group_id"] for r in rows}) == 1
    by_lang = {r["language"]: r for r in rows}
    assert set(by_lang) == {*VERSIONS, "ko"}  # ko: announced by og:locale:alternate only
    assert by_lang["ko"]["url"] is None
    originals = [r for r in rows if r["is_original"]]
    assert [r["language"] for r in originals] == ["id"]
    assert originals[0]["original_by"] == "not-machine-translated"
    articles = {r["language"]: r["id"] for r in rows_by_language(crawl).values()}
    for lang, article in articles.items():
        assert by_lang[lang]["article_id"] == article
        assert by_lang[lang]["url"] == canonicalize_url(crawl.base + path(lang))


@pytest.mark.parametrize(
    "query, lang",
    [
        ("台风", "zh"),  # two characters
        ("图书馆", "zh"),
        ("地震", "ja"),
        ("図書館", "ja"),
        ("المكتبة", "ar"),  # the text has it with harakat
        ("الْمَكْتَبَةُ", "ar"),
        ("مَكْتَبَة", "ar"),  # the text has it without
        ("bibliotheque", "fr"),
        ("élèves", "fr"),
        ("eleves", "fr"),
    ],
)
def test_search_finds_words_in_every_script(crawl, query, lang):
    sql = (
        "select a.language from articles_search s join articles a on a.rowid = s.rowid "
        "where articles_search match ?"
    )
    found = [r[0] for r in crawl.db.execute(sql, [search.fts_query(query)]).fetchall()]
    assert lang in found, (query, found)
    hits = crawl.db.execute(
        "select a.title, a.text from articles_search s join articles a on a.rowid = s.rowid "
        "where articles_search match ? and a.language = ?",
        [search.fts_query(query), lang],
    ).fetchall()
    spans = [search.match_spans(f"{title}\n{text}", query) for title, text in hits]
    assert all(spans), (query, hits)  # each match found again in the article's own text


def test_record_marks_the_original_by_the_best_evidence(tmp_path):
    db = open_archive(tmp_path / "t.db")
    base = "https://site.example/"

    def article(lang, alternates, **extra):
        url = f"{base}{lang}/story"
        return {
            "id": f"id-{lang}",
            "canonical_url": url,
            "language": lang,
            "hreflang": {code: f"{base}{code}/story" for code in alternates},
            **extra,
        }

    with db.atomic():
        group = translations.record(db, article("en", ["en", "de"]), "s")
        rows = list(db.query("select * from translations"))
        assert len(rows) == 2 and all(r["is_original"] == 0 for r in rows)  # no evidence
        # a third version links to the x-default: still the same story
        translations.record(db, article("fr", ["fr", "de", "x-default"]), "s")
        rows = {r["language"]: r for r in db.query("select * from translations")}
        assert {r["group_id"] for r in rows.values()} == {group} and len(rows) == 3
        db["translations"].update(rows["de"]["id"], {"x_default": 1})
        translations.mark_original(db, group, "s")
        de = db.execute("select is_original, original_by from translations where language='de'")
        assert de.fetchone() == (1, "x-default")
        # what a page says beats x-default
        translations.record(db, article("en", ["en", "de"], has_translations=True), "s")
        original = db.execute("select language, original_by from translations where is_original")
        assert original.fetchall() == [("en", "page")]
        assert translations.record(db, article("it", []), "s") is None  # one language only


def test_tags_after_a_notice_are_those_of_the_text_without_it():
    # clean_text tags the text again after removing a notice only when the notice was in
    # the part the tags read: either way the tags are those of the text without it
    from pipelines.extract import language
    from pipelines.extract.page import clean_text

    body = [
        f"Paragraf {i}: warga kota berkumpul di alun-alun untuk merayakan panen raya tahun ini "
        "bersama keluarga dan tetangga mereka sampai larut malam."
        for i in range(40)
    ]
    notice = "This article was translated automatically by a machine."
    for text in ("\n".join([*body, notice]), "\n".join([notice, *body]), f"{notice}\n{body[0]}"):
        cleaned, tags, found = clean_text(text, None, "en", [])
        assert found == [notice] and notice not in cleaned
        assert tags == language.decide(cleaned, "en")


def test_settle_marks_the_same_original_whatever_order_the_pages_came_in(tmp_path):
    # the main language is counted as the crawl goes: a group marked by it while the site
    # looked English is marked again at the run's end, when most articles are Indonesian
    def archive(name, english_first):
        db = open_archive(tmp_path / name)
        base = "https://site.example/"
        story = {
            "id": "id-story-en",
            "canonical_url": f"{base}en/story",
            "language": "en",
            "hreflang": {"en": f"{base}en/story", "id": f"{base}id/story"},
        }
        english = [
            {"id": f"e{i}", "url": f"u:e{i}", "source": "s", "language": "en"} for i in range(2)
        ]
        indonesian = [
            {"id": f"i{i}", "url": f"u:i{i}", "source": "s", "language": "id"} for i in range(5)
        ]
        with db.atomic():
            for rows in (english, indonesian) if english_first else (indonesian, english):
                db["articles"].insert_all(rows, alter=True)
                if rows is english:
                    translations.record(db, story, "s")
            marked = db.execute(
                "select language, original_by from translations where is_original"
            ).fetchall()
            settled = translations.settle(db)
            final = db.execute(
                "select language, original_by from translations where is_original"
            ).fetchall()
        return marked, settled, final

    early = archive("early.db", english_first=True)
    late = archive("late.db", english_first=False)
    assert early[0] == [("en", "main-language")]  # the site looked English then
    assert late[0] == [("id", "main-language")]
    assert early[2] == late[2] == [("id", "main-language")]
    assert (early[1], late[1]) == (1, 0)  # only the early mark was redone


def test_settle_weighs_each_source_by_its_own_main_language(tmp_path):
    # two sources settled in one pass: each group is judged by its own source's count
    db = open_archive(tmp_path / "two.db")
    counts = {"a": {"en": 2, "id": 5}, "b": {"en": 5, "id": 2}}
    with db.atomic():
        for source, by_language in counts.items():
            for tag in ("en", "id"):  # the first pages look English, then the rest come
                rows = [
                    {"id": f"{source}{tag}{i}", "url": f"u:{source}{tag}{i}", "source": source}
                    for i in range(by_language[tag])
                ]
                db["articles"].insert_all([{**row, "language": tag} for row in rows], alter=True)
                if tag == "en":
                    base = f"https://{source}.example/"
                    story = {
                        "id": f"{source}-story-en",
                        "canonical_url": f"{base}en/story",
                        "language": "en",
                        "hreflang": {"en": f"{base}en/story", "id": f"{base}id/story"},
                    }
                    translations.record(db, story, source)
        settled = translations.settle(db)
        final = db.execute(
            "select source, language from translations where is_original order by source"
        ).fetchall()
    assert settled == 1  # source a's English mark is redone; b's stays
    assert final == [("a", "id"), ("b", "en")]
