"""Consent walls: a page whose main text is a cookie or consent notice, in the project's
languages, is recorded as ``consent_wall``; an article that mentions cookies is not."""

from __future__ import annotations

import pytest

from pipelines.extract.consent import consent_wall
from pipelines.extract.page import extract

# Notices written for these tests, in the shapes consent dialogs take.
NOTICES = {
    "id": (
        "Kami menghargai privasi Anda\n"
        "Kami dan mitra kami menggunakan kuki (cookie) untuk menyimpan dan mengakses "
        "informasi di perangkat Anda, untuk iklan yang dipersonalisasi dan analisis.\n"
        "Dengan mengklik Setuju, Anda memberikan persetujuan atas penggunaan tersebut.\n"
        "Setuju | Atur pilihan"
    ),
    "en": (
        "We value your privacy\n"
        "We and our partners use cookies to store and access information on your device "
        "for personalised ads, content measurement and audience insights.\n"
        "Click Accept all to consent, or Manage options to choose.\n"
        "Accept all | Manage options"
    ),
    "zh": (
        "我们重视您的隐私\n"
        "本网站及合作伙伴使用Cookie和类似技术来存储和访问您设备上的信息，以提供个性化广告和内容衡量。\n"
        "点击“接受”即表示您同意我们使用Cookie。\n接受 | 管理设置"
    ),
    "ja": (
        "プライバシーについて\n"
        "当サイトとパートナー企業は、クッキーを使用して端末上の情報を保存し、"
        "広告の配信や効果測定を行います。\n"
        "「同意する」をクリックすると、クッキーの使用に同意したことになります。\n"
        "同意する | 設定を管理"
    ),
    "ar": (
        "نحن نحترم خصوصيتك\n"
        "نستخدم نحن وشركاؤنا ملفات تعريف الارتباط لتخزين المعلومات على جهازك "
        "والوصول إليها من أجل الإعلانات المخصصة وقياس المحتوى.\n"
        "بالنقر على موافق فإنك توافق على استخدامها. موافق | إدارة الخيارات"
    ),
    "fr": (
        "Le respect de votre vie privée est notre priorité\n"
        "Nos partenaires et nous utilisons des cookies pour stocker et accéder à des "
        "informations sur votre appareil, à des fins de publicité personnalisée.\n"
        "Cliquez sur Accepter pour donner votre consentement, ou sur Paramétrer.\n"
        "Accepter | Paramétrer | Continuer sans accepter"
    ),
    "de": (
        "Ihre Privatsphäre ist uns wichtig\n"
        "Wir und unsere Partner verwenden Cookies, um Informationen auf Ihrem Gerät zu "
        "speichern und abzurufen, für personalisierte Anzeigen und Reichweitenmessung.\n"
        "Mit Klick auf Akzeptieren erteilen Sie Ihre Einwilligung. Mehr in der "
        "Datenschutzerklärung.\nAkzeptieren | Einstellungen"
    ),
}

ARTICLE = (
    "Pemerintah kota meresmikan jembatan baru di atas sungai yang membelah pasar lama. "
    "Warga yang selama ini harus memutar sejauh dua kilometer kini dapat menyeberang "
    "dalam hitungan menit, kata kepala dinas pekerjaan umum dalam upacara pagi tadi.\n"
) * 6


@pytest.mark.parametrize("language", sorted(NOTICES))
def test_consent_notices_in_each_language(language):
    evidence = consent_wall(NOTICES[language])
    assert evidence is not None and evidence.startswith("cookie notice"), language


def test_articles_are_not_consent_walls():
    assert consent_wall(ARTICLE) is None
    # an article that ends with a cookie banner line: the notice is a small share
    assert consent_wall(ARTICLE[:1200] + "\nKami menggunakan kuki. Setuju") is None
    # a short report about cookie law that says no consent word
    assert consent_wall("Parliament debated the cookie tax on bakeries today.") is None
    assert consent_wall("") is None
    # a data-protection statement: cookies and privacy named, nothing asked of the reader
    statement = (
        "Aus Datenschutzgründen laden unsere Vorlagen keine Schriften mehr von fremden "
        "Servern. Cookies setzen wir dabei nicht.\n"
        "Der Datenschutz verlangt auch, dass Protokolldateien nur gekürzte Adressen "
        "speichern; nach sieben Tagen werden sie gelöscht."
    )
    assert consent_wall(statement) is None
    assert consent_wall(statement + "\nMit Klick auf Akzeptieren stimmen Sie Cookies zu.")


def test_extract_records_a_consent_page():
    body = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Votre vie privée</title></head><body>"
        '<div class="cmp-dialog" role="dialog">'
        + "".join(f"<p>{line}</p>" for line in NOTICES["fr"].split("\n"))
        + '<button>Accepter</button></div><script>var x = "cookie accepter";</script>'
        "</body></html>"
    )
    result = extract(body, "https://example.org/actualite/1")
    assert result["skip_reason"] == "consent_wall"
    assert result["skip_kind"] == "failed"  # retried by a later run, perhaps with a cookie
    assert "cookie" in result["skip_detail"]


def test_extract_keeps_an_article_page():
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n") if line)
    body = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Jembatan baru'
        "</title></head><body><article><h1>Jembatan baru</h1>"
        f"{paragraphs}</article>"
        '<div class="cookie-banner">Kami menggunakan kuki. <button>Setuju</button></div>'
        "</body></html>"
    )
    result = extract(body, "https://example.org/berita/2025/01/02/jembatan-baru")
    assert result.get("skip_reason") is None, result.get("skip_detail")
