"""The page classifier (``pipelines.extract.classify``) on pages the tests write: articles whose
metadata or titles mislead, listings, shops, menus and real "not found" pages."""

from __future__ import annotations

import json

from trafilatura.utils import load_html

from pipelines.extract import classify, htmlmeta
from pipelines.extract.page import extract

URL = "https://riverside.example/2026/03/04/eastern-lock-reopens-after-repairs"
PARAGRAPH = (
    "The river authority opened the eastern lock after nine weeks of repairs, and the "
    "first barges carrying gravel and timber passed through before noon while retired "
    "lock keepers watched from the footbridge above the new oak gates of the chamber."
)


def article_html(title: str, paragraphs: int = 6, og_type: str = "article", extra: str = "") -> str:
    body = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(paragraphs))
    return (
        f"<html lang='en'><head><title>{title} | Riverside Chronicle</title>"
        f"<meta property='og:type' content='{og_type}'>{extra}</head><body>"
        "<header><a href='/'>Riverside Chronicle</a></header>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


def kind_of(html: str, url: str = URL, **hints: str) -> tuple[str, str, str]:
    tree = load_html(html)
    meta = htmlmeta.page_metadata(tree, url)
    found = classify.page_features(tree, meta, url)
    result = extract(html, url, hints=hints)
    words = result.get("word_count") or 0
    return classify.classify(found, words, url, hints)


def test_an_article_that_declares_og_type_website_is_an_article():
    kind, reason, evidence = kind_of(article_html("Eastern lock reopens", og_type="website"))
    assert (kind, reason) == ("article", "article")
    assert evidence.startswith("score +")
    assert extract(article_html("Eastern lock reopens", og_type="website"), URL)["text"]


def test_an_article_about_something_not_found_is_not_a_soft_404():
    for title in ("Missing hiker not found after three days", "Flight 404 lands safely"):
        assert kind_of(article_html(title))[0] == "article", title
        assert not extract(article_html(title), URL).get("skip_reason"), title


def test_a_page_that_says_not_found_is_a_soft_404():
    html = (
        "<html><head><title>Page not found</title></head><body><h1>Page not found</h1>"
        "<p>The page you asked for has moved.</p></body></html>"
    )
    kind, reason, evidence = kind_of(html)
    assert (kind, reason) == ("other", "soft_404") and "Page not found" in evidence
    assert extract(html, URL)["skip_reason"] == "soft_404"


def test_a_list_of_teasers_is_a_listing_with_its_links():
    teasers = "".join(
        f"<li class='teaser'><h3><a href='/news/story-{n}'>Story number {n} about the "
        f"harbour and the river</a></h3><span>A summary of the story.</span></li>"
        for n in range(12)
    )
    html = (
        "<html><head><title>Harbour | Riverside Chronicle</title>"
        "<link rel='alternate' type='application/rss+xml' href='/harbour.rss'></head><body>"
        f"<nav><a href='/topics/harbour'>Harbour</a></nav><h1>Harbour</h1><ul>{teasers}</ul>"
        "</body></html>"
    )
    url = "https://riverside.example/topics/harbour"
    assert kind_of(html, url)[0] == "listing"
    result = extract(html, url, links=True)
    assert result["page_kind"] == "listing" and result["skip_reason"] == "listing"
    assert "https://riverside.example/news/story-3" in result["links"]
    assert result["feeds"] == ["https://riverside.example/harbour.rss"]


def test_a_shop_page_is_not_an_article():
    product = json.dumps({"@type": "Product", "name": "Riverside mug"})
    html = article_html(
        "Riverside mug",
        paragraphs=2,
        og_type="product",
        extra=f"<script type='application/ld+json'>{product}</script>",
    ).replace("</article>", "<p>Price: $14.00</p><button>Add to cart</button></article>")
    kind, reason, evidence = kind_of(html, "https://riverside.example/shop/mug")
    assert (kind, reason) == ("other", "not_article")
    assert "product yes" in evidence


def test_a_short_page_of_its_own_menu_is_not_an_article():
    html = (
        "<html><head><title>About us</title><meta property='og:type' content='website'>"
        "</head><body><nav><a href='/about'>About us</a> <a href='/'>Home</a></nav>"
        f"<h1>About us</h1><p>{PARAGRAPH}</p></body></html>"
    )
    kind, _, evidence = kind_of(html, "https://riverside.example/about")
    assert kind != "article" and "menu" in evidence


def test_a_feed_entry_weighs_towards_an_article():
    html = article_html("Short notice", paragraphs=1, og_type="website")
    plain, feed = kind_of(html)[2], kind_of(html, via="feed")[2]
    score = lambda evidence: float(evidence.split(":")[0].removeprefix("score "))  # noqa: E731
    assert score(feed) == score(plain) + classify.CHANNEL_PRIOR["feed"]


def test_page_links_are_absolute_without_fragments_or_scripts():
    html = (
        "<html><head><base href='https://riverside.example/news/'></head><body>"
        "<a href='story-1#comments'>one</a><a href='javascript:void(0)'>js</a>"
        "<a href='mailto:desk@riverside.example'>mail</a><a href='/story-2'>two</a>"
        "<a href='story-1'>again</a></body></html>"
    )
    links, feeds = classify.page_links(load_html(html), "https://riverside.example/")
    assert links == ["https://riverside.example/news/story-1", "https://riverside.example/story-2"]
    assert feeds == []


def test_plain_urls_are_kept_as_urljoin_gives_them_back():
    """``features.PLAIN_URL``: what it takes, joined to any base, comes back unchanged; what
    joining would change (a fragment, an empty query, a scheme in capitals...) it leaves."""
    from urllib.parse import urldefrag, urljoin

    from pipelines.extract.features import PLAIN_URL

    plain = [
        "https://riverside.example",
        "https://riverside.example?page=2",
        "http://riverside.example/news/2026/lock-reopens.html",
        "https://riverside.example:8443/a//b/./c/../d?x=1&y=%20z",
        "https://cdn.riverside.example/img/(1).jpg?w=600,h=400",
    ]
    joined = [
        "https://riverside.example/news#top",
        "https://riverside.example/news?",
        "https://riverside.example/news;jsessionid=1",
        "HTTPS://riverside.example/news",
        "https://reader@riverside.example/",
        "https://riverside.example/straße",
        "https://[::1]/news",
        "/news/story",
    ]
    for base in ("https://riverside.example/news/", "http://other.example/a/b", "ftp://x.example/"):
        for url in plain:
            assert PLAIN_URL.fullmatch(url), url
            assert urldefrag(urljoin(base, url))[0] == url
    assert not any(PLAIN_URL.fullmatch(url) for url in joined)


def test_link_rules_order_and_bound_but_never_drop_an_article_link():
    from crawler.discovery.listings import link_verdict
    from pipelines.urls import canonicalize_url

    assert link_verdict("https://x.org/?p=3289", None, 3) == "page"  # a WordPress post
    assert link_verdict("https://x.org/news?page=9", None, 3) == "pagination_limit"
    amp = canonicalize_url("https://x.org/2026/03/04/lock-reopens/amp")
    assert link_verdict(amp, None, 3) == "article"
    assert link_verdict("https://x.org/files/report.pdf", None, 3) == "not_page"
    assert link_verdict("https://x.org/2026/03/", None, 3) == "trap"  # recorded, not fetched
    assert link_verdict("https://x.org/news?date=2026-03-04", None, 3) == "calendar"


def test_calendar_rule_bounds_the_crawl_but_keeps_dated_article_permalinks():
    from crawler.discovery.listings import is_calendar, link_verdict

    for article in (
        "https://x.org/ideas/archive/2020/08/river-lock-reopens-after-repairs/615230/",
        "https://x.org/leadership/why-the-eastern-lock-reopened-late/2025/11",
        "https://x.org/blog/archive/2025/12/Lock_keepers_week_2.html",
    ):
        assert not is_calendar(article), article
        assert link_verdict(article, None, 3) == "article", article
    for day in ("https://x.org/2026/03/04/", "https://x.org/sport/2026/03", "https://x.org/arsip/"):
        assert is_calendar(day), day
        assert link_verdict(day, None, 3) in ("trap", "calendar"), day
    for year in ("https://x.org/sport/2026/", "https://x.org/news/1998", "https://x.org/1915/03/"):
        assert is_calendar(year), year
    # An id that reads like an old year is a page to fetch, not a year's archive.
    assert not is_calendar("https://x.org/browse/fitness-equipment/1915")
    assert link_verdict("https://x.org/browse/fitness-equipment/1915", None, 3) in (
        "article",
        "page",
    )


TEASER = (
    "The harbour board met on Tuesday to weigh the cost of dredging the western basin, "
    "and the fishermen who moor there asked for a timetable before the spring season "
    "starts, as silt has already closed two of the berths nearest the old fish market."
)


def archived(html: str, url: str) -> bool:
    """Would the crawl archive this page as an article (the workers' answer has no skip)?"""
    return not extract(html, url, links=True).get("skip_reason")


def test_a_listing_of_long_teasers_is_not_archived():
    teasers = "".join(
        f"<div class='story-card'><h2><a href='/harbour/story-{n}'>Harbour board weighs "
        f"dredging plan number {n}</a></h2><time datetime='2026-03-0{n % 9 + 1}'>March</time>"
        f"<p>{TEASER}</p><a href='/harbour/story-{n}'>Read more</a></div>"
        for n in range(10)
    )
    html = (
        "<html><head><title>Harbour | Riverside Chronicle</title>"
        "<meta property='og:type' content='website'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/harbour'>Harbour</a></nav>"
        f"<main><h1>Harbour</h1>{teasers}</main>"
        "<nav class='pagination'><a href='/harbour?page=2'>2</a> <a href='/harbour?page=3'>3</a>"
        " <a rel='next' href='/harbour?page=2'>Next</a></nav></body></html>"
    )
    url = "https://riverside.example/harbour"
    assert not archived(html, url)
    assert extract(html, url, links=True)["page_kind"] == "listing"


def test_an_article_with_related_teasers_and_a_pager_is_archived():
    """The teaser rule leaves alone an article whose own paragraphs hold its text."""
    related = "".join(
        f"<div class='related'><h3><a href='/harbour/story-{n}'>Harbour board weighs dredging"
        f" plan number {n}</a></h3><p>{TEASER}</p><a href='/harbour/story-{n}'>Read more</a>"
        "</div>"
        for n in range(5)
    )
    html = article_html("Eastern lock reopens", og_type="website").replace(
        "</article>",
        f"</article><aside>{related}</aside><nav class='pagination'>"
        "<a href='/news?page=2'>2</a> <a rel='next' href='/news?page=2'>Next</a></nav>",
    )
    assert archived(html, URL)


def test_a_forum_thread_is_not_archived():
    """Per-post authors and times, and the posts' microdata (as forum software writes it)."""
    posts = "".join(
        f"<div class='post' id='post-{n}' itemscope itemtype='https://schema.org/Comment'>"
        f"<div class='post-author'><a href='/members/{n}'>"
        f"member{n}</a> Joined 2024</div><time datetime='2026-03-04T1{n}:00'>4 March</time>"
        f"<div class='post-body'><p>{TEASER} Reply {n}.</p></div></div>"
        for n in range(8)
    )
    html = (
        "<html><head><title>Dredging the western basin - Riverside Forum</title>"
        "<meta property='og:type' content='website'></head><body>"
        "<nav><a href='/'>Forum</a> <a href='/boards/harbour'>Harbour board</a></nav>"
        f"<h1>Dredging the western basin</h1><div class='thread'>{posts}</div>"
        "<p>8 replies</p></body></html>"
    )
    assert not archived(
        html, "https://forum.riverside.example/threads/dredging-the-western-basin.4512/"
    )


def test_a_product_page_without_product_data_is_not_archived():
    html = (
        "<html><head><title>Oak lock-gate model | Riverside Shop</title></head><body>"
        "<nav><a href='/'>Shop</a> <a href='/models'>Models</a></nav>"
        "<div itemscope itemtype='https://schema.org/Product'><h1 itemprop='name'>Oak lock-gate"
        " model</h1><span itemprop='price'>£48.00</span><select name='size'><option>Small"
        f"</option><option>Large</option></select><button>Add to basket</button><p>{TEASER}</p>"
        f"<p>{PARAGRAPH}</p></div><h2>Reviews</h2><p>4.5 of 5 from 12 reviews</p>"
        "</body></html>"
    )
    assert not archived(html, "https://shop.riverside.example/models/oak-lock-gate-model")


def test_an_article_with_og_type_website_at_a_short_section_like_url_is_archived():
    html = article_html("Harbour board agrees dredging timetable", og_type="website")
    assert archived(html, "https://riverside.example/harbour")
    assert archived(html, "https://riverside.example/news/harbour-dredging")


def shop_grid(tiles: int, extra_head: str = "") -> str:
    """A shop's collection page: an introduction in long paragraphs, then tiles that each
    link a product and show its price."""
    cards = "".join(
        f"<div class='tile'><a href='/lamps/lamp-{n}'><img src='/img/{n}.jpg' alt=''>"
        f"Brass harbour lamp, model {n}</a><span class='price'>£{30 + n}.00</span></div>"
        for n in range(tiles)
    )
    return (
        f"<html><head><title>Harbour lamps | Riverside Shop</title>{extra_head}</head><body>"
        "<header><a href='/'>Riverside Shop</a></header><main><h1>Harbour lamps</h1>"
        f"<p>{PARAGRAPH}</p><p>{TEASER}</p><p>{PARAGRAPH} Again.</p>"
        f"<div class='grid'>{cards}</div></main></body></html>"
    )


def test_a_grid_of_priced_tiles_is_not_archived():
    """Five or more linked tiles with a price each, and nothing claiming an article."""
    url = "https://shop.riverside.example/lamps/harbour-lamps"
    found = classify.page_features(load_html(shop_grid(8)), {}, url)
    assert found.priced_blocks == 8
    assert not archived(shop_grid(8), url)
    assert "8 priced tiles" in extract(shop_grid(8), url, links=True)["skip_detail"]
    assert archived(shop_grid(4), url)  # four priced links: no grid yet
    # a buying guide declares its article type: its priced picks do not make it a shop
    guide = json.dumps({"@type": "Article", "headline": "The best harbour lamps"})
    declared = f"<script type='application/ld+json'>{guide}</script>"
    assert archived(shop_grid(8, declared), url)


def test_a_declared_collection_is_not_archived_but_an_article_with_a_list_is():
    teasers = "".join(
        f"<li><a href='/recipes/fish-stew-{n}'>Fish stew from the harbour, number {n}</a></li>"
        for n in range(3)
    )
    declared = lambda *types: "".join(  # noqa: E731
        f"<script type='application/ld+json'>{json.dumps({'@type': t})}</script>" for t in types
    )
    page = lambda head: article_html("Harbour fish stews", 3, extra=head).replace(  # noqa: E731
        "</article>", f"<ul>{teasers}</ul></article>"
    )
    url = "https://riverside.example/recipes/harbour-fish-stews"
    assert archived(page(""), url)  # the same page without its declared types
    assert not archived(page(declared("CollectionPage", "ItemList")), url)
    evidence = extract(page(declared("ItemList")), url, links=True)["skip_detail"]
    assert "declares a collection" in evidence
    assert archived(page(declared("NewsArticle", "ItemList")), url)


def test_a_question_page_declared_in_microdata_is_no_obvious_article():
    """Long answers under a headline: the Q&A microdata keeps it from the "obvious article"."""
    answers = "".join(
        f"<div itemprop='suggestedAnswer' itemscope itemtype='https://schema.org/Answer'>"
        f"<p itemprop='text'>{PARAGRAPH} Answer {n}.</p><p>{TEASER}</p></div>"
        for n in range(4)
    )
    html = (
        "<html><head><title>When does the eastern lock open? | Riverside Answers</title>"
        "</head><body><div itemscope itemtype='https://schema.org/Question'>"
        f"<h1 itemprop='name'>When does the eastern lock open?</h1>{answers}</div>"
        "</body></html>"
    )
    url = "https://answers.riverside.example/q/eastern-lock-opening"
    tree = load_html(html)
    found = classify.page_features(tree, htmlmeta.page_metadata(tree, url), url)
    words = extract(html, url, articles_only=False)["word_count"]
    assert words >= 300 and found.paragraph_words >= 200  # long enough to be obvious
    assert not classify.obvious_article(found, words)
    assert not archived(html, url)


def test_a_page_with_add_to_cart_and_a_price_is_not_archived_without_product_data():
    """No product declared anywhere: "add to cart" and a price, and no article metadata."""
    html = (
        "<html><head><title>Brass harbour lamp | Riverside Shop</title></head><body>"
        "<header><a href='/'>Riverside Shop</a></header><main><h1>Brass harbour lamp</h1>"
        f"<p>{PARAGRAPH}</p><p>{TEASER}</p><p>{PARAGRAPH} Again.</p><p>{TEASER} Again.</p>"
        "<div class='buy'><span>£48.00</span><button>Add to cart</button></div></main>"
        "</body></html>"
    )
    url = "https://shop.riverside.example/lamps/brass-harbour-lamp"
    assert not archived(html, url)
    assert "product on sale" in extract(html, url, links=True)["skip_detail"]
    assert archived(html.replace("Add to cart", "Opening hours"), url)


def test_a_thread_page_of_forum_software_is_not_archived_but_an_article_with_comments_is():
    """Marks only forum software's page templates write (bbPress's body class, XenForo's
    message list, Reddit's elements); an article's comment widget writes none of them,
    and a JSON-LD article type keeps a page that has them."""
    posts = "".join(
        f"<div class='reply'><div class='author'>member{n}</div><p>{PARAGRAPH} Reply {n}.</p></div>"
        for n in range(5)
    )
    thread = (
        "<html><head><title>Rebuilding the eastern lock gates | Riverside Forum</title>"
        "<meta property='og:type' content='article'></head><body class='{body}'>"
        f"<h1>Rebuilding the eastern lock gates</h1><{{tag}} id='{{ident}}'>{posts}</{{tag}}>"
        "</body></html>"
    )
    url = "https://forum.riverside.example/topic/rebuilding-the-eastern-lock-gates/"
    for body, tag, ident, software in (
        ("topic-template-default single single-topic", "div", "replies", "bbPress"),
        ("", "ol", "messageList", "XenForo"),
        ("", "shreddit-post", "t3-lock", "Reddit"),
    ):
        html = thread.format(body=body, tag=tag, ident=ident)
        found = classify.page_features(load_html(html), {}, url)
        assert found.forum_software == software
        kind, _, evidence = kind_of(html, url)
        assert kind != "article" and f"forum software ({software})" in evidence
        assert not archived(html, url)
    plain = thread.format(body="single single-post", tag="ol", ident="comments")
    assert classify.page_features(load_html(plain), {}, url).forum_software == ""
    assert archived(plain, url)
    declared = json.dumps({"@type": "NewsArticle", "headline": "Rebuilding the lock gates"})
    claimed = thread.format(body="single-topic", tag="div", ident="replies").replace(
        "</head>", f"<script type='application/ld+json'>{declared}</script></head>"
    )
    assert archived(claimed, url)


def test_a_long_page_that_declares_a_collection_and_no_article_type_is_not_archived():
    """Hundreds of words under a headline do not overrule a declared ``ItemList`` when no
    article type is declared beside it; with one, the page is an article."""
    declared = lambda *types: "".join(  # noqa: E731
        f"<script type='application/ld+json'>{json.dumps({'@type': t})}</script>" for t in types
    )
    url = "https://riverside.example/courses/river-engineering"
    page = lambda head: article_html("River engineering courses", 8, "website", head)  # noqa: E731
    tree = load_html(page(declared("ItemList")))
    found = classify.page_features(tree, htmlmeta.page_metadata(tree, url), url)
    words = extract(page(""), url)["word_count"]
    assert classify.obvious_article(found, words)  # long enough to be obvious
    assert archived(page(""), url)
    assert not archived(page(declared("ItemList")), url)
    assert "declares a collection" in extract(page(declared("ItemList")), url)["skip_detail"]
    assert archived(page(declared("NewsArticle", "ItemList")), url)


def test_a_shop_path_weighs_against_an_article_but_never_sinks_an_obvious_one():
    """A shop's product or category path is a weak signal: it tips a page of tiles that
    nothing claims, not an article with hundreds of words."""
    import pytest

    score = lambda evidence: float(evidence.split(":")[0].removeprefix("score "))  # noqa: E731
    tiles = "".join(
        f"<div class='tile'><a href='/lamps/lamp-{n}'>Brass harbour lamp model {n} in green"
        "</a></div>"
        for n in range(10)
    )
    page = lambda grid: (  # noqa: E731
        "<html><head><title>Harbour lamps | Riverside Shop</title>"
        "<meta property='og:type' content='website'></head><body>"
        "<header><a href='/'>Riverside Shop</a></header><h1>Harbour lamps</h1>"
        f"<p>{TEASER}</p><p>{PARAGRAPH}</p><div class='grid'>{grid}</div></body></html>"
    )
    shop = "https://shop.riverside.example/collections/harbour-lamps"
    plain = "https://shop.riverside.example/lamps/harbour-lamps"
    _, _, evidence = kind_of(page(""), shop)
    assert "shop product or category URL -1.0" in evidence
    shifted = score(kind_of(page(""), plain)[2]) + classify.SHOP_URL
    assert score(evidence) == pytest.approx(shifted, abs=0.11)
    assert archived(page(tiles), plain) and not archived(page(tiles), shop)
    assert classify.url_shape("https://x.org/c/furniture/living-room/")[1] == classify.SHOP_URL
    assert classify.url_shape("https://x.org/news/shop-owners-meet-the-mayor") is None
    article = article_html("Harbour lamps return to the quay", og_type="website")
    assert archived(article, "https://riverside.example/products/harbour-lamps-return")


def blog_post(itemtype: str = "", popular: int = 10) -> str:
    """A blog's post page as blog software writes it: no <h1> (the title is an <h3>), the
    text in a <div> broken by <br>, a sidebar of popular posts and a pager; the post
    marked with microdata ``itemtype`` when given."""
    mark = f" itemscope itemtype='http://schema.org/{itemtype}'" if itemtype else ""
    text = "<br><br>".join(f"{PARAGRAPH} Entry {n}." for n in range(3))
    side = "".join(
        f"<div class='popular-post'><a href='/2024/{n:02d}/lock-{n}.html'>Lock story {n}</a>"
        f"<span>A short note on lock {n}.</span></div>"
        for n in range(popular)
    )
    return (
        "<html><head><title>Lock notes: the eastern lock</title></head><body>"
        "<div class='header'><a href='/'>Lock notes</a></div>"
        f"<div class='post hentry'{mark}><h3 class='post-title'>The eastern lock reopens</h3>"
        f"<div class='post-body'>{text}</div></div><div class='sidebar'>{side}</div>"
        "<div class='blog-pager'><a href='/2025/03/older.html'>Older post</a></div>"
        "</body></html>"
    )


BLOG_URL = "https://locknotes.example/2025/03/the-eastern-lock.html"


def test_an_article_type_declared_in_microdata_weighs_like_json_ld():
    """Blog software marks the post ``BlogPosting`` in microdata: an article's metadata."""
    assert archived(blog_post("BlogPosting"), BLOG_URL)
    assert not archived(blog_post(), BLOG_URL)  # the same page with nothing declared
    assert "declared article type yes" in kind_of(blog_post("BlogPosting"), BLOG_URL)[2]
    found = classify.page_features(load_html(blog_post("BlogPosting")), {}, BLOG_URL)
    assert found.microdata_articles == 1 and classify.has_article_metadata(found)


def test_a_blog_home_that_marks_every_teaser_declares_no_article():
    teasers = "".join(
        f"<div class='post' itemscope itemtype='https://schema.org/BlogPosting'>"
        f"<h2><a href='/2025/0{n + 1}/lock-{n}.html'>Lock story {n}</a></h2>"
        f"<p>{TEASER}</p></div>"
        for n in range(3)
    )
    html = f"<html><head><title>Lock notes</title></head><body>{teasers}</body></html>"
    found = classify.page_features(load_html(html), {}, "https://locknotes.example/")
    assert found.microdata_articles == 3 and "blogposting" in found.microdata_types
    assert not classify.declares_article(found) and not classify.has_article_metadata(found)


def test_a_listing_type_weighs_only_without_an_article_type():
    """Articles embed an ``ItemList`` of related stories: it weighs against a page only
    when no article type is declared with it."""
    declared = lambda *types: "".join(  # noqa: E731
        f"<script type='application/ld+json'>{json.dumps({'@type': t})}</script>" for t in types
    )
    score = lambda evidence: float(evidence.split(":")[0].removeprefix("score "))  # noqa: E731
    page = lambda head: article_html("Harbour fish stews", 3, extra=head)  # noqa: E731
    with_list = kind_of(page(declared("NewsArticle", "ItemList")))[2]
    alone = kind_of(page(declared("NewsArticle")))[2]
    assert score(with_list) == score(alone)
    tree = load_html(page(declared("ItemList")))
    found = classify.page_features(tree, htmlmeta.page_metadata(tree, URL), URL)
    names = [name for name, *_ in classify.WEIGHTS]
    listed = classify.signal_values(found, 100, URL)[names.index("listing type, no article type")]
    assert listed == (True, 1.0)


def test_prose_in_a_div_of_inline_children_counts_as_long_paragraphs():
    """Text broken by <br> in a <div>: long paragraphs as <p> would be; a <div> of blocks,
    a linked one, or a <div>'s words inside its links are not."""
    lines = f"{PARAGRAPH}<br><br><em>{PARAGRAPH}</em> <a href='/more'>the lock</a>"
    measure = lambda body: classify.page_features(  # noqa: E731
        load_html(f"<html><body><h1>Eastern lock</h1>{body}</body></html>"), {}, URL
    )
    found = measure(f"<div class='story'>{lines}</div>")
    assert found.long_paragraphs == 1 and found.paragraph_words == 2 * words_of(PARAGRAPH)
    assert found.block_words == found.paragraph_words
    assert measure(f"<div><div>{PARAGRAPH}</div><ul><li>x</li></ul></div>").long_paragraphs == 1
    assert measure(f"<a href='/x'><div>{PARAGRAPH}</div></a>").paragraph_words == 0
    linked = f"<div><a href='/x'>{PARAGRAPH}</a> three more words</div>"
    assert measure(linked).paragraph_words == 0


def test_publication_time_and_a_sentence_of_a_headline_weigh_towards_an_article():
    score = lambda evidence: float(evidence.split(":")[0].removeprefix("score "))  # noqa: E731
    names = [name for name, *_ in classify.WEIGHTS]
    weight = lambda name: classify.WEIGHTS[names.index(name)][1]  # noqa: E731
    assert weight("publication time") > 0 and weight("headline words") > 0
    time = "<meta property='article:published_time' content='2026-03-04T08:00:00Z'>"
    tree = load_html(article_html("Lock", og_type="website", extra=time))
    found = classify.page_features(tree, htmlmeta.page_metadata(tree, URL), URL)
    values = classify.signal_values(found, 200, URL)
    assert values[names.index("publication time")] == (True, 1.0)
    plain = kind_of(article_html("Lock", og_type="website"))[2]
    sentence = "Eastern lock reopens after nine weeks of repairs"
    assert score(kind_of(article_html(sentence, og_type="website"))[2]) > score(plain)


def words_of(text: str) -> int:
    from pipelines.extract.features import words_in

    return words_in(text)


SHORT_PARAGRAPHS = (
    "The eastern lock opened at dawn on Tuesday after nine weeks of repairs on its oak gates.",
    "Barges carrying gravel were the first through, followed by a hire boat from the marina.",
    "Retired lock keepers watched from the footbridge and counted the boats aloud as they passed.",
    "The river authority said the chamber had leaked badly since the floods of last winter.",
    "Divers found two cracked timbers below the waterline in the lower pair of gates in January.",
    "New timbers came from a yard upstream and were fitted by hand over three cold weeks.",
    "Boat owners who waited below the lock were given free moorings at the old coal wharf.",
    "The authority will inspect the western lock in the spring, its chief engineer said.",
    "A baker on the towpath said trade had halved while the boats could not get through.",
    "The lock was built in 1794 and last rebuilt after a barge struck its gates in 1961.",
    "Volunteers painted the balance beams white on Monday so that crews can see them at dusk.",
    "The authority has asked for a grant to replace the upper gates within five years.",
)


def test_an_article_of_short_paragraphs_among_teasers_and_a_pager_is_archived():
    """A news story written in one-sentence paragraphs (none of 40 words) at a URL of no
    article shape, with og:type website, a list of eleven teasers and a pager: the words
    of its main block of <p> count, long paragraphs or not."""
    teasers = "".join(
        f"<li class='teaser'><a href='/lock-{n}'>Another long story about the river and its"
        f" many old locks number {n}</a></li>"
        for n in range(11)
    )
    html = (
        "<html lang='en'><head><title>Eastern lock reopens after repairs | Riverside</title>"
        "<meta property='og:type' content='website'></head><body>"
        "<header><a href='/'>Riverside Chronicle</a></header><div class='story'>"
        "<h1>Eastern lock reopens after repairs</h1>"
        + "".join(f"<p>{line}</p>" for line in SHORT_PARAGRAPHS)
        + f"</div><ul>{teasers}</ul><nav class='pagination'><a href='?page=1'>1</a> "
        "<a href='?page=2'>2</a> <a href='?page=3'>3</a></nav></body></html>"
    )
    url = "https://riverside.example/lock"
    found = classify.page_features(load_html(html), {}, url)
    assert found.paragraph_words == 0 and found.block_words == sum(map(words_of, SHORT_PARAGRAPHS))
    names = [name for name, *_ in classify.WEIGHTS]
    assert classify.WEIGHTS[names.index("words in the main block")][1] > 0
    assert kind_of(html, url)[:2] == ("article", "article")
    assert not extract(html, url).get("skip_reason")
