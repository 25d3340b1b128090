"""A news site that misbehaves on purpose, mixed with good articles (served by ``SiteServer``).

``build_hostile(base, forbidden)`` returns the routes of the "Harbour Gazette":
good articles (some behind a 5xx burst, a 429, a slow answer, or a wrong or
missing charset) and every failure the crawler must survive and record. ``GOOD``
lists the good articles (path → title and a phrase of their text), ``BAD`` the
bad URLs (path → the errors-table reason expected), ``BAD_ELSEWHERE`` the bad
URLs on other hosts. ``forbidden`` is the base URL of a second loopback server
(a host the crawl must never reach). Every text here is written for the project.
"""

from __future__ import annotations

import gzip
import html
import socket
import struct
import threading
import time
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler

from sites.demo.site import Page, Route

HTML = "text/html; charset=utf-8"
TIMEOUT = 2  # the crawl's DOWNLOAD_TIMEOUT in the tests (seconds)
PARAGRAPHS = {
    "ferry": (
        "Harbour Ferry Timetable Changes for the Winter Season",
        "The harbour authority announced on Monday that the evening ferry to the outer "
        "islands will leave forty minutes earlier from November until the end of February. "
        "Officials said the change follows a survey of island residents, most of whom travel "
        "back from the mainland before dark during the winter months. The morning crossings "
        "are unchanged, and a new Saturday service will carry cyclists and their bicycles "
        "free of charge. Ticket offices on both piers will sell the new seasonal passes.",
    ),
    "library": (
        "Old Customs House Reopens as a Public Library",
        "After three years of restoration, the old customs house on the quay opened its doors "
        "as a public library this weekend. Volunteers carried the last boxes of donated books "
        "across the square on Friday evening while a brass band played on the steps. The "
        "reading room keeps the original oak counters where merchants once declared their "
        "cargo, and the upper floor holds a collection of ship logs lent by local families. "
        "Opening hours will be extended during the school holidays.",
    ),
    "market": (
        "Fish Market Moves Its Auction to the Early Morning",
        "Fishermen and restaurant buyers gathered before sunrise on Tuesday for the first "
        "auction held at the new early hour. The market cooperative decided to move the sale "
        "forward so that the catch spends less time waiting on ice and reaches inland towns "
        "the same day. Several buyers complained about the early start, but the cooperative "
        "said prices were steady and the quality inspectors reported fewer rejected crates "
        "than in any week of the previous year.",
    ),
    "lighthouse": (
        "Lighthouse Keeper's Cottage Becomes a Weather Station",
        "The cottage beside the northern lighthouse, empty since the light was automated, now "
        "houses instruments that record wind, rain and sea temperature every ten minutes. "
        "Students from the technical college installed the sensors over the summer and wrote "
        "the software that publishes the readings for sailors and anglers. The college hopes "
        "the station will help the coastguard plan rescues and will let schoolchildren "
        "compare storms from one winter to the next.",
    ),
    "regatta": (
        "Rowing Regatta Returns After a Decade",
        "Twenty crews from coastal villages raced across the bay on Sunday in the first "
        "regatta the town has hosted in ten years. Spectators lined the sea wall and the "
        "breakwater, cheering as the boats rounded the red buoy near the harbour mouth. The "
        "women's crew from the fishing village of Westcombe won the main race by two boat "
        "lengths. Organisers said they intend to make the regatta a yearly event again and "
        "are looking for sponsors to repair the old boathouse.",
    ),
    "flaky": (
        "Shipyard Apprentices Launch Their First Boat",
        "Eleven apprentices at the shipyard launched the wooden fishing boat they have built "
        "over the past eighteen months, the first vessel built entirely by trainees since "
        "the yard reopened. Family members and former shipwrights watched as the hull slid "
        "down the slipway into calm water. The boat will be sold to a local fisherman, and "
        "the money will pay for the timber of the next project, a small sailing dinghy for "
        "the youth club.",
    ),
    "ratelimited": (
        "Coastal Path Reopens After Landslide Repairs",
        "The coastal footpath between the harbour and the cliffs reopened on Thursday after "
        "engineers finished stabilising the slope that collapsed during the spring storms. "
        "Walkers returned within an hour of the barriers being removed. The council said "
        "new drainage channels should stop water from gathering behind the rock face, and a "
        "ranger will inspect the path every month. A section near the old quarry remains "
        "narrow, and dogs must be kept on a lead there.",
    ),
    "slow": (
        "Night Market Draws Record Crowds on the Quay",
        "Thousands of visitors strolled along the quay on Saturday night as the summer night "
        "market opened with more stalls than ever before. Food vendors sold grilled squid, "
        "sweet corn and fruit ices, while craftspeople showed rope work and carved driftwood. "
        "Police reported no incidents, and the bus company ran extra late services to the "
        "hill villages. The market will return every Saturday until the end of August, "
        "weather permitting, according to the organisers.",
    ),
    "script": (
        'Harbour Festival <script>document.body.setAttribute("data-pwned","title")</script> '
        "Programme Announced",
        "The festival committee published the programme for the harbour festival, which "
        "this year includes a lantern parade, a sea shanty contest and an evening of open-air "
        "cinema on the fish quay. The committee's website briefly showed the text "
        '<script>document.body.setAttribute("data-pwned","text")</script> where the poster '
        "should have been, which a volunteer fixed within minutes. Tickets for the cinema "
        "evening are free but must be booked at the tourist office in advance.",
    ),
}
CHARSET_TEXT = {
    "shift_jis": (
        "港町の朝市に新しい屋根",
        "港町の朝市では、長年の雨漏りに悩まされてきた屋根が新しく架け替えられ、漁師や買い物客が"
        "雨の日でも安心して集まれるようになった。市場組合によると、工事費の半分は地元の商店街からの"
        "寄付でまかなわれ、残りは町の予算から支出された。組合長は、来月から毎週土曜日に子ども向けの"
        "魚のさばき方教室を開く予定だと話している。",
    ),
    "gbk": (
        "山村小学图书室开放",
        "山区的小学今年秋季开学时迎来了新建的图书室，当地教师说，孩子们第一次可以在课间借阅绘本和"
        "科普读物。县教育局表示，图书室的书架和桌椅由附近村庄的木匠合作制作，经费来自乡镇的公共预算。"
        "校长希望明年能增加一些关于海洋和渔业的书籍，让孩子们更了解家乡的海岸。",
    ),
    "windows-1256": (
        "افتتاح حديقة جديدة على ضفة النهر",
        "افتتحت البلدية صباح اليوم حديقة عامة جديدة على ضفة النهر، تضم ممرات للمشي وملاعب للأطفال "
        "ومقاعد مظللة بالأشجار. وقال رئيس البلدية إن المشروع استغرق عامين وشارك في تصميمه "
        "سكان الحي عبر اجتماعات مفتوحة، وإن الحديقة ستبقى مفتوحة حتى منتصف الليل خلال أشهر الصيف.",
    ),
}
CHARSET_LANG = {"shift_jis": "ja", "gbk": "zh", "windows-1256": "ar"}
CHARSET_LABEL = {  # what the server says: wrong for Shift_JIS, nothing for GBK, wrong for 1256
    "shift_jis": ("text/html; charset=utf-8", ""),
    "gbk": ("text/html", ""),
    "windows-1256": ("text/html; charset=iso-8859-1", '<meta charset="windows-1256">'),
}

GOOD: dict[str, tuple[str, str]] = {
    **{f"/news/{key}": (title, text.split(". ")[1]) for key, (title, text) in PARAGRAPHS.items()},
    **{f"/news/{key}": (title, text[20:40]) for key, (title, text) in CHARSET_TEXT.items()},
}
BAD: dict[str, str] = {
    "/news/always-503": "http_503",
    "/news/always-429": "http_429",
    "/news/gone": "http_404",
    "/news/timeout": "timeout",
    "/news/slow-body": "timeout",
    "/news/reset": "connection_lost",
    "/news/truncated-body": "connection_lost",
    "/news/loop-b": "redirect_loop",
    "/news/chain/10": "redirect_limit",
    "/news/gzip-bomb": "decompression_bomb",
    "/news/huge": "too_big",
    "/news/binary": "binary_body",
    "/files/annual-report.pdf": "not_html",
    "/img/harbour-photo.jpg": "not_html",
    "/news/soft-404": "soft_404",
    "/news/empty": "empty_body",
    "/news/private/staff-notes": "robots",
    "/news/to-file": "bad_scheme",  # a redirect to file:///etc/passwd
    "/calendar/2024/01/01": "calendar_trap",
    # the truncated feed (/feeds/truncated.xml) is no error: feedparser recovers its items
    "/feeds/xxe.xml": "bad_feed",
    "/feeds/laughs.xml": "bad_feed",
    # read up to the break: the complete entries are followed, the sitemap retried next run
    "/sitemaps/broken.xml": "sitemap_partial",
    "/sitemaps/truncated.xml.gz": "sitemap_partial",
}
# Bad URLs on the forbidden host (a redirect or feed entry leads there): URL template.
BAD_ELSEWHERE: dict[str, str] = {
    "{forbidden}/secret/by-name": "private_address",  # host name pinned to 127.0.0.2
    "{forbidden_ip}/secret/by-address": "private_address",
    "{forbidden_decimal}/secret/decimal": "private_address",  # 2130706434 == 127.0.0.2
    "{forbidden}/news/planted-in-feed": "private_address",
    "ftp://{host}/news/ftp-entry": "bad_scheme",
}
FAILURE_MODES = (
    "5xx burst (recovers)", "5xx always", "429 with Retry-After (recovers)", "429 always",
    "404", "slow response (ok)", "timeout before headers", "slow body past timeout",
    "connection reset mid-body", "truncated body", "redirect loop", "long redirect chain",
    "redirect to forbidden host name", "redirect to forbidden address",
    "redirect to decimal address", "redirect to file:", "feed entry on forbidden host",
    "feed entry with ftp:", "gzip bomb", "oversized page", "Shift_JIS labelled UTF-8",
    "GBK unlabelled", "windows-1256 labelled ISO-8859-1", "binary as text/html", "PDF link",
    "image link", "truncated feed", "XXE feed", "billion laughs feed", "feed with external DTD",
    "malformed sitemap", "truncated gzip sitemap", "robots.txt disallow", "calendar trap",
    "tracking-parameter duplicates", "soft 404", "empty 200", "<script> in title and text",
)  # fmt: skip


def article_html(title: str, text: str, lang: str = "en", head: str = "") -> str:
    return (
        f'<!doctype html>\n<html lang="{lang}"><head>{head}<title>{html.escape(title)}</title>'
        f'<meta property="og:type" content="article"></head><body>'
        f"<nav><a href='/'>Harbour Gazette</a></nav><article><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></article><footer>Harbour Gazette</footer></body></html>\n"
    )


def page(body: str | bytes, content_type: str = HTML, status: int = 200, **headers: str) -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page(status=status, headers={"Content-Type": content_type, **headers}, body=data)


def counted(pages: Callable[[int], Page]) -> Route:
    """A route whose answer depends on how many times it was asked (1, 2, 3...)."""
    lock, calls = threading.Lock(), [0]

    def serve(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            calls[0] += 1
            n = calls[0]
        write(handler, pages(n))

    return serve


def write(handler: BaseHTTPRequestHandler, answer: Page, body: bytes | None = None) -> None:
    handler.send_response(answer.status)
    for name, value in answer.headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(answer.body)))
    handler.end_headers()
    handler.wfile.write(answer.body if body is None else body)


def delayed(seconds: float, answer: Page) -> Route:
    def serve(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            write(handler, answer)
        except OSError:
            pass  # the crawler gave up waiting

    return serve


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every half second: never done within the timeout."""
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(int(TIMEOUT * 4) + 4):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.5)
    except OSError:
        pass


def reset(handler: BaseHTTPRequestHandler) -> None:
    """Part of the body, then a TCP reset."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", "20000")
    handler.end_headers()
    handler.wfile.write(b"<!doctype html><html><head><title>Cut</title></head><body><p>")
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def truncated(handler: BaseHTTPRequestHandler) -> None:
    """A Content-Length promising more than is sent, then a clean close."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", "20000")
    handler.end_headers()
    handler.wfile.write(article_html("Truncated", "This page stops short. " * 40).encode()[:3000])
    handler.wfile.flush()
    handler.connection.shutdown(socket.SHUT_RDWR)
    handler.close_connection = True


@cache
def gzip_bomb() -> bytes:
    """About 30 KB on the wire, 32 MiB of zeros once inflated."""
    return gzip.compress(b"\0" * (32 * 1024 * 1024), compresslevel=9)


def redirect(location: str, status: int = 302) -> Page:
    return Page(status=status, headers={"Location": location, "Content-Type": HTML}, body=b"")


def rss(base: str, links: list[str], prolog: str = "") -> str:
    items = "".join(
        f"<item><title>{i}</title><link>{html.escape(u)}</link></item>" for i, u in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel>'
        f"<title>Harbour Gazette</title><link>{base}/</link>{items}</channel></rss>\n"
    )


def urlset(links: list[str]) -> str:
    urls = "".join(f"<url><loc>{html.escape(u)}</loc></url>" for u in links)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )


def elsewhere(template: str, base: str, forbidden: str) -> str:
    port = forbidden.rsplit(":", 1)[1]
    return template.format(
        forbidden=forbidden,
        forbidden_ip=f"http://127.0.0.2:{port}",
        forbidden_decimal=f"http://2130706434:{port}",
        host=base.split("://", 1)[1],
    )


def calendar(base: str) -> Route:
    """/calendar/Y/M/D: a day listing that links to the next day, forever."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        day = handler.path.rstrip("/").split("/")[-1]
        nxt = f"{base}/calendar/2024/01/{int(day) + 1:02d}" if day.isdigit() else f"{base}/"
        body = (
            f"<!doctype html><html lang='en'><head><title>Events on day {day}</title>"
            f"<link rel='next' href='{nxt}'></head><body><h1>Events on day {day}</h1>"
            f"<p>No events listed for this day.</p><a href='{nxt}'>Next day</a></body></html>"
        )
        write(handler, page(body))

    return serve


def build_hostile(base: str, forbidden: str) -> dict[str, Route]:
    """Every route of the hostile site at ``base``; ``forbidden`` is the never-to-reach host."""
    routes: dict[str, Route] = {}
    for key, (title, text) in PARAGRAPHS.items():
        routes[f"/news/{key}"] = page(article_html(title, text))
    for charset, (title, text) in CHARSET_TEXT.items():
        content_type, meta = CHARSET_LABEL[charset]
        body = article_html(title, text, CHARSET_LANG[charset], meta).encode(charset)
        routes[f"/news/{charset}"] = page(body, content_type)
    flaky, ratelimited, slow = (routes.pop(f"/news/{k}") for k in ("flaky", "ratelimited", "slow"))
    assert isinstance(flaky, Page) and isinstance(ratelimited, Page) and isinstance(slow, Page)
    routes["/news/flaky"] = counted(lambda n: flaky if n % 3 == 0 else page("busy", status=503))
    routes["/news/ratelimited"] = counted(
        lambda n: (
            ratelimited if n % 2 == 0 else page("slow down", status=429, **{"Retry-After": "1"})
        )
    )
    routes["/news/slow"] = delayed(TIMEOUT / 4, slow)
    routes["/news/always-503"] = page("<h1>Service unavailable</h1>", status=503)
    routes["/news/always-429"] = page("<h1>Too many</h1>", status=429, **{"Retry-After": "1"})
    routes["/news/gone"] = page("<h1>Gone</h1>", status=404)
    routes["/news/timeout"] = delayed(TIMEOUT * 2, page(article_html("Late", "Too late. " * 50)))
    routes["/news/slow-body"] = trickle
    routes["/news/reset"] = reset
    routes["/news/truncated-body"] = truncated
    routes["/news/loop-a"] = redirect(f"{base}/news/loop-b")
    routes["/news/loop-b"] = redirect(f"{base}/news/loop-a", 301)
    for i in range(30):
        routes[f"/news/chain/{i}"] = redirect(f"{base}/news/chain/{i + 1}")
    routes["/news/gzip-bomb"] = lambda h: write(
        h, page(gzip_bomb(), HTML, **{"Content-Encoding": "gzip"})
    )
    routes["/news/huge"] = page(article_html("Huge", "All the words in the world. " * 120_000))
    routes["/news/binary"] = page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    routes["/files/annual-report.pdf"] = page(
        b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
    )
    routes["/img/harbour-photo.jpg"] = page(b"\xff\xd8\xff\xe0" + bytes(2000), "image/jpeg")
    routes["/news/soft-404"] = page(
        "<!doctype html><html><head><title>Page not found - Harbour Gazette</title></head>"
        "<body><h1>Sorry, this page does not exist</h1><p>Try the home page.</p></body></html>"
    )
    routes["/news/empty"] = page(b"")
    routes["/news/private/staff-notes"] = page(article_html("Staff notes", "Internal. " * 60))
    routes["/robots.txt"] = page("User-agent: *\nDisallow: /news/private/\n", "text/plain")
    routes["/calendar/"] = calendar(base)
    for i in range(1, 32):
        routes[f"/calendar/2024/01/{i:02d}"] = routes["/calendar/"]
    routes["/news/to-forbidden-name"] = redirect(f"{forbidden}/secret/by-name")
    port = forbidden.rsplit(":", 1)[1]
    routes["/news/to-forbidden-ip"] = redirect(f"http://127.0.0.2:{port}/secret/by-address")
    routes["/news/to-decimal"] = redirect(f"http://2130706434:{port}/secret/decimal")
    routes["/news/to-file"] = redirect("file:///etc/passwd")

    good = [f"{base}{path}" for path in GOOD]
    bad = [f"{base}{path}" for path in BAD if path.startswith(("/news/", "/files/", "/img/"))]
    bad = [u.replace("/news/loop-b", "/news/loop-a").replace("/chain/10", "/chain/0") for u in bad]
    hops = ["to-forbidden-name", "to-forbidden-ip", "to-decimal"]
    planted = [
        f"{forbidden}/news/planted-in-feed",
        f"ftp://{base.split('://', 1)[1]}/news/ftp-entry",
    ]
    routes["/rss.xml"] = page(
        rss(base, good + bad + [f"{base}/news/{h}" for h in hops] + planted), "application/rss+xml"
    )
    routes["/feeds/truncated.xml"] = page(rss(base, good)[:300], "application/rss+xml")
    routes["/feeds/xxe.xml"] = page(
        rss(
            base,
            [f"{base}/news/ferry"],
            '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ).replace("<title>0</title>", "<title>&xxe;</title>"),
        "application/rss+xml",
    )
    laughs = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10)
    )
    routes["/feeds/laughs.xml"] = page(
        rss(base, [f"{base}/news/ferry"], f"<!DOCTYPE rss [{laughs}]>").replace(
            "<title>0</title>", "<title>&lol9;</title>"
        ),
        "application/rss+xml",
    )
    routes["/feeds/dtd.xml"] = page(
        rss(base, [f"{base}/news/library"], f'<!DOCTYPE rss SYSTEM "{forbidden}/evil.dtd">'),
        "application/rss+xml",
    )
    routes["/sitemap.xml"] = page(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(
            f"<sitemap><loc>{base}{p}</loc></sitemap>"
            for p in ("/sitemaps/news.xml", "/sitemaps/broken.xml", "/sitemaps/truncated.xml.gz")
        )
        + "</sitemapindex>\n",
        "application/xml",
    )
    routes["/sitemaps/news.xml"] = page(urlset(good[:4]), "application/xml")
    routes["/sitemaps/broken.xml"] = page(urlset(good)[:-40] + "<url><loc>", "application/xml")
    routes["/sitemaps/truncated.xml.gz"] = page(
        gzip.compress(urlset(good).encode())[:-30], "application/x-gzip"
    )
    links = [
        f"{base}/news/ferry?utm_source=home&utm_medium=web",
        f"{base}/news/library?fbclid=abc123",
        f"{base}/news/market#comments",
        f"{base}/calendar/2024/01/01",
    ]
    routes["/"] = page(
        "<!doctype html><html lang='en'><head><title>Harbour Gazette</title></head><body>"
        + "".join(f"<a href='{html.escape(u)}'>story</a> " for u in links)
        + "</body></html>"
    )
    return routes


def forbidden_site(_base: str) -> dict[str, Route]:
    """The host no crawl may reach: anything it serves would be a leak."""
    secret = page("<html><body><p>INTERNAL SECRET</p></body></html>")
    return {"/secret/by-name": secret, "/secret/by-address": secret, "/evil.dtd": page("")}


def sources_toml(base: str, forbidden: str) -> str:
    """A source for the hostile site; it does NOT set allow_private."""
    forbidden_host = forbidden.split("://", 1)[1].split(":")[0]
    feeds = [
        f"{base}/rss.xml",
        *(f"{base}/feeds/{n}.xml" for n in ("truncated", "xxe", "laughs", "dtd")),
    ]
    return (
        f'[[source]]\nname = "harbour"\nstart_urls = ["{base}/"]\nfeeds = {feeds!r}\n'.replace(
            "'", '"'
        )
        + f'sitemaps = ["{base}/sitemap.xml"]\n'
        f'allowed_domains = ["{forbidden_host}", "127.0.0.2", "2130706434"]\n'
        'article_pattern = "/(news|calendar|files|img)/"\n'
    )
