"""The article's collapsed panels shown before extraction (``pipelines.extract.panels``)."""

from __future__ import annotations

from trafilatura.utils import load_html

from pipelines.extract.page import extract, extract_page
from pipelines.extract.panels import PANEL, unfold

URL = "https://pond.example/guides/building-a-wildlife-pond"
OPENING = [
    f"Digging a wildlife pond, note {n}, takes a weekend when the shelves are marked "
    "out first and the liner is laid on a bed of sand rather than on bare soil."
    for n in range(12)
]
STEPS = [
    f"Step {n}: the shallow shelf is cut a hand's depth below the rim so that frogs can "
    "climb out and birds can bathe without the water closing over them."
    for n in range(6)
]
MENU_LINE = "Ponds, planting, wildlife, tools and the shop, all in one place for members"


def page(panel_class: str = "guide-accordion__panel") -> str:
    opening = "".join(f"<p>{line}</p>" for line in OPENING)
    steps = "".join(
        f'<div class="{panel_class}" style="display: none" role="region"><p>{line}</p>'
        f"<p>{line.replace('Step', 'Also for step')}</p></div>"
        for line in STEPS
    )
    menu = (
        f'<nav><div class="menu-accordion__panel" style="display:none"><p>{MENU_LINE}, '
        "open to everyone who digs.</p></div></nav>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pond</title>'
        '<meta property="og:type" content="article"></head><body>'
        + menu
        + f"<article><h1>Building a wildlife pond</h1>{opening}<h2>The steps</h2>{steps}"
        + "</article></body></html>"
    )


def test_unfold_shows_the_panels_not_the_menu():
    tree = load_html(page())
    shown = unfold(tree)
    assert len(shown) == len(STEPS)
    assert all("display" not in (e.get("style") or "") for e in shown)
    # the menu's panel sits in a <nav>: it stays hidden
    assert tree.xpath("//nav//div[@style='display:none']")


def test_a_hidden_block_that_is_no_panel_stays_hidden():
    tree = load_html(page(panel_class="promo-box").replace(' role="region"', ""))
    assert unfold(tree) == []


def test_a_hidden_class_is_taken_off_too():
    html = page(panel_class="faq-answer is-hidden").replace('style="display: none" ', "")
    tree = load_html(html)
    shown = unfold(tree)
    assert len(shown) == len(STEPS)
    assert all(e.get("class") == "faq-answer" for e in shown)


def test_extract_keeps_the_steps_of_the_panels():
    text = extract(page(), URL)["text"]
    assert OPENING[3] in text
    assert STEPS[2] in text
    assert MENU_LINE not in text


def test_an_overflow_class_hides_nothing():
    # "overflow-hidden" clips a block's overflow: a panel with it alone is not hidden
    tree = load_html(
        page(panel_class="faq-answer overflow-hidden").replace('style="display: none" ', "")
    )
    assert unfold(tree) == []
    assert tree.xpath("//div[@class='faq-answer overflow-hidden']")


def test_the_panels_shown_are_counted_in_the_crawls_stats():
    import asyncio

    from crawler.pipelines.extract import ExtractPipeline
    from pipelines.items import ArticleItem, PageItem

    from conftest import project_crawler

    article = extract_page({"body": page().encode(), "url": URL, "encoding": "utf-8"})
    assert article["panels_shown"] == len(STEPS)
    crawler = project_crawler(EXTRACT_WORKERS="0")
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    item = PageItem(URL, URL, "ponds", 200, {}, page().encode(), "utf-8", "", "link")
    try:
        result = asyncio.run(pipeline.process_item(item))
    finally:
        pipeline.close_spider()
    assert isinstance(result, ArticleItem)
    assert crawler.stats.get_value("news/extract/panels_shown") == len(STEPS)


def test_unfold_reads_only_roles_when_no_name_says_panel():
    # with the page's names (htmlmeta.markup_names) and none naming a panel, only the
    # elements with a role are read: the same panels as reading every hidden element
    # (a style in capitals hides for hidden() but not for HIDDEN_XPATH: not a panel)
    from pipelines.extract import htmlmeta

    styles = ["display: none", "DISPLAY: NONE", "color: red"]
    for panel_class in ("guide-accordion__panel", "guide-steps", "step hidden"):
        for role in ("region", "TabPanel", "button", ""):
            for style in styles:
                html = page(panel_class).replace('role="region"', f'role="{role}"')
                html = html.replace("menu-accordion__panel", "menu-drop")  # no name says panel
                html = html.replace('style="display: none"', f'style="{style}"')
                expected = [e.get("class") for e in unfold(load_html(html))]
                tree = load_html(html)
                found = unfold(tree, htmlmeta.markup_names(tree))
                assert [e.get("class") for e in found] == expected, (panel_class, role, style)
    tree = load_html(page("guide-steps").replace("menu-accordion__panel", "menu-drop"))
    assert not PANEL.search(htmlmeta.markup_names(tree))
    assert len(unfold(tree, htmlmeta.markup_names(tree))) == len(STEPS)


def test_panel_words_are_found_where_panel_matches():
    import random

    from pipelines.extract.panels import PANEL_WORDS

    rng = random.Random(3)
    pieces = ["tab", "-", "pan", "el", "e", "faq", "answ", "er", "acc", "ordion", "collaps"]
    pieces += ["region", "re", "gion", "tab-content", "x", " ", "Tab-Panel"]
    for _ in range(3000):
        names = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))).lower()
        assert any(word in names for word in PANEL_WORDS) == bool(PANEL.search(names)), names
