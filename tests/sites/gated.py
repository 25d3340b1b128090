"""Sites that need more than plain HTTP: a consent wall, a required header, a script-built page.

``build_consent(base)``: every article answers a cookie-consent dialog (status 200) unless
the request carries the cookie ``cookie_consent=accepted``. ``build_header(base)``:
every URL answers 403 unless the request says ``Accept-Language: id...``.
``build_render(base, forbidden)``: the article pages are shells whose script fetches
the story from a JSON endpoint and writes it into the page; one of them also asks a
host the address guard refuses (``forbidden``, on 127.0.0.2) for a tracker, twice
(``fetch`` and an image). ``build_static`` serves the same stories as plain pages.
Texts are the project's own.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

from sites.demo.site import Route
from sites.hostile import article_html, page, redirect, rss, write

STORIES = [
    (
        "Jembatan gantung baru menghubungkan dua desa nelayan",
        "Warga dua desa nelayan di pesisir selatan kini dapat menyeberangi muara tanpa "
        "perahu. Jembatan gantung sepanjang delapan puluh meter itu dibangun bersama oleh "
        "pemerintah kabupaten dan kelompok nelayan setempat selama tujuh bulan. Kepala desa "
        "mengatakan anak-anak sekolah tidak lagi harus menunggu air surut untuk pulang, dan "
        "hasil tangkapan bisa dibawa ke pasar sebelum matahari tinggi.",
    ),
    (
        "Perpustakaan keliling kembali menyapa kampung di lereng gunung",
        "Sebuah mobil perpustakaan keliling kembali beroperasi setelah dua tahun berhenti "
        "karena kekurangan biaya perawatan. Setiap Sabtu, mobil itu membawa sekitar empat "
        "ratus buku ke enam kampung di lereng gunung. Para relawan juga membuka kelas membaca "
        "untuk orang dewasa, dan meminjamkan buku pelajaran kepada murid yang belum memilikinya.",
    ),
    (
        "Harbour ferry timetable extended through the winter months",
        "The harbour authority will keep the evening ferry running through the winter for "
        "the first time in a decade, after a petition signed by more than two thousand "
        "islanders. Night-shift workers at the cannery had asked for a later crossing, and "
        "the operator says a smaller, cheaper boat makes the extra sailings affordable. The "
        "new timetable starts next month and will be reviewed after one season.",
    ),
]
# the picky site's own stories (near duplicates across sources would be recorded as such)
LOCAL = [
    (
        "Pasar terapung dibuka lagi setiap Minggu pagi",
        "Pedagang sayur dan buah kembali berjualan dari atas sampan di kanal kota tua. "
        "Dinas pariwisata menata ulang dermaga kecil dan memasang lampu di sepanjang tepian, "
        "sementara warga diminta tidak membuang sampah ke air. Pada pekan pertama, ratusan "
        "pengunjung datang sejak subuh untuk membeli pisang, ikan asap, dan kue tradisional.",
    ),
    (
        "Sekolah di pulau kecil mendapat panel surya",
        "Sebuah sekolah dasar di pulau kecil kini memiliki listrik sepanjang hari berkat "
        "panel surya yang dipasang oleh koperasi warga. Guru dapat menyalakan proyektor untuk "
        "pelajaran sains, dan perpustakaan sekolah buka hingga sore. Koperasi berencana "
        "memasang sistem serupa di puskesmas pembantu tahun depan bila dana tersedia.",
    ),
    (
        "Festival layang-layang menarik peserta dari lima provinsi",
        "Langit di atas pantai utara dipenuhi layang-layang raksasa berbentuk naga, ikan, "
        "dan kapal pinisi selama festival tahunan akhir pekan lalu. Panitia mencatat lebih "
        "dari seratus tim peserta. Juri menilai ketinggian, keindahan, dan kestabilan "
        "terbang, sementara para perajin lokal menjual bambu dan kertas minyak kepada pengunjung.",
    ),
]
CONSENT_COOKIE = ("cookie_consent", "accepted")
WALL = (
    '<!doctype html>\n<html lang="id"><head><meta charset="utf-8"><title>Privasi Anda</title>'
    '</head><body><div class="consent" role="dialog"><h2>Kami menghargai privasi Anda</h2>'
    "<p>Kami dan mitra kami menggunakan kuki (cookie) untuk menyimpan dan mengakses informasi "
    "di perangkat Anda untuk iklan yang dipersonalisasi dan analisis.</p>"
    "<p>Dengan mengklik Setuju, Anda memberikan persetujuan atas penggunaan tersebut.</p>"
    "<button>Setuju</button> <button>Atur pilihan</button></div></body></html>\n"
)


def story_page(n: int, lang: str = "id") -> str:
    title, text = STORIES[n % len(STORIES)]
    return article_html(title, f"{text} (Laporan {n}.)", lang)


def home(base: str, paths: list[str]) -> str:
    links = "".join(f'<li><a href="{base}{p}">Berita {p}</a></li>' for p in paths)
    return (
        '<!doctype html><html lang="id"><head><title>Beranda</title></head>'
        f"<body><ul>{links}</ul></body></html>"
    )


def common(base: str, paths: list[str]) -> dict[str, Route]:
    return {
        "/": page(home(base, paths)),
        "/rss.xml": page(rss(base, [base + p for p in paths]), "application/rss+xml"),
        "/robots.txt": page("User-agent: *\nAllow: /\n", "text/plain"),
    }


def build_consent(base: str, count: int = 3) -> dict[str, Route]:
    paths = [f"/berita/{n}" for n in range(count)]
    routes = common(base, paths)
    for n, path in enumerate(paths):

        def serve(handler: BaseHTTPRequestHandler, n: int = n) -> None:
            cookie = handler.headers.get("Cookie", "")
            let_in = "=".join(CONSENT_COOKIE) in [c.strip() for c in cookie.split(";")]
            write(handler, page(story_page(n) if let_in else WALL))

        routes[path] = serve
    return routes


def build_header(base: str, count: int = 3) -> dict[str, Route]:
    paths = [f"/berita/{n}" for n in range(count)]
    stories = {p: page(article_html(*LOCAL[n % len(LOCAL)], "id")) for n, p in enumerate(paths)}
    pages = {**common(base, paths), **stories}
    forbidden = page("<!doctype html><html><body><h1>403</h1></body></html>", status=403)

    def guard(path: str) -> Route:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            language = handler.headers.get("Accept-Language", "")
            write(handler, pages[path] if language.startswith("id") else forbidden)

        return serve

    return {path: guard(path) for path in pages}


SHELL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Loading story</title>
<meta property="og:type" content="article"></head>
<body><nav><a href="/">Harbour Gazette</a></nav>
<article id="story"><p>Loading…</p></article>
{extra}
<script>
fetch("/api/story/{n}.json").then(r => r.json()).then(story => {{
  document.title = story.title;
  const article = document.getElementById("story");
  article.innerHTML = "";
  const h1 = document.createElement("h1");
  h1.textContent = story.title;
  article.appendChild(h1);
  for (const text of story.paragraphs) {{
    const p = document.createElement("p");
    p.textContent = text;
    article.appendChild(p);
  }}
}});
</script></body></html>
"""


def probe(forbidden: str) -> str:
    """Markup and script that ask the refused host for trackers, three ways, and a
    same-site URL that redirects there (``/hop``)."""
    socket = "ws" + forbidden.removeprefix("http")
    return (
        f'<img src="{forbidden}/pixel.gif" alt="">'
        f'<script>fetch("{forbidden}/track.json").catch(() => null);'
        f'try {{ new WebSocket("{socket}/live"); }} catch (e) {{}}'
        'fetch("/hop").catch(() => null);</script>'
    )


def story_json(n: int) -> dict:
    title, text = STORIES[(n + 2) % len(STORIES)]
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()]
    return {"title": f"{title} ({n})", "paragraphs": [*sentences, f"Story number {n}."]}


STALLED = (
    '<!doctype html><html lang="en"><head><title>Still loading</title></head><body>'
    '<article id="story"><p>Loading…</p></article><script>'
    'setInterval(() => fetch("/api/poll.json?" + Date.now()).catch(() => null), 200);'
    "</script></body></html>"
)


def build_render(
    base: str, forbidden: str | None, count: int = 3, stalled: bool = False
) -> dict[str, Route]:
    """Script-built stories; the first also asks ``forbidden`` for trackers (if given).
    With ``stalled``, ``/stalled`` is a page that polls forever (its network is never
    quiet, so it never finishes rendering)."""
    paths = [f"/story/{n}" for n in range(count)]
    routes = common(base, [*paths, "/stalled"] if stalled else paths)
    if stalled:
        routes["/stalled"] = page(STALLED)
        routes["/api/poll.json"] = page("{}", "application/json")
    for n, path in enumerate(paths):
        extra = probe(forbidden) if n == 0 and forbidden else ""
        routes[path] = page(SHELL.format(n=n, extra=extra))
        routes[f"/api/story/{n}.json"] = page(json.dumps(story_json(n)), "application/json")
    if forbidden:
        routes["/hop"] = redirect(f"{forbidden}/hop")
    return routes


def build_static(base: str, count: int = 3) -> dict[str, Route]:
    """The same stories as ``build_render``'s, served as plain HTML (the benchmark's baseline)."""
    paths = [f"/story/{n}" for n in range(count)]
    routes = common(base, paths)
    for n, path in enumerate(paths):
        story = story_json(n)
        html = article_html(story["title"], " ".join(story["paragraphs"]))
        routes[path] = page(html)
    return routes


def forbidden_site(_base: str) -> dict[str, Route]:
    """The refused host: anything it is asked is counted (the test expects nothing)."""
    return {
        "/pixel.gif": page(b"GIF89a", "image/gif"),
        "/track.json": page("{}", "application/json"),
        "/live": page("no sockets here", "text/plain"),
        "/hop": page("{}", "application/json"),
    }


def sources(name: str, base: str, **options: object) -> str:
    lines = [
        "[[source]]",
        f'name = "{name}"',
        f'start_urls = ["{base}/"]',
        f'feeds = ["{base}/rss.xml"]',
    ]
    for key, value in options.items():
        lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    return json.dumps(value)
