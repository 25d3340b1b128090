"""A list of links that the extracted text ends with (other pages of the site, under a
heading of the site's own) is cut; the article's own paragraphs, and a short run of links,
stay. On crafted pages, through the real extraction, and on texts."""

from __future__ import annotations

from articlepage import article_page
from lxml import html as lxml_html

from pipelines.extract.linklists import drop_link_tail
from pipelines.extract.page import extract

URL = "https://valleyledger.example/guides/boiler-costs-in-millbrook"
PARAGRAPHS = [
    f"Replacing a gas boiler in Millbrook cost households about {n} hundred pounds this "
    "winter, according to installers, who blamed the price of parts and a shortage of fitters."
    for n in range(11, 17)
]
TOWNS = ["Ashford Vale", "Brindle Cross", "Copperfield", "Dunmore Heights", "Eastwick Mill"]


def page(tail: str) -> str:
    return article_page("What a new boiler costs in Millbrook", PARAGRAPHS, tail)


def town_list(towns: list[str]) -> str:
    items = "".join(
        f'<p><a href="/guides/boiler-costs-in-{t.lower().replace(" ", "-")}">'
        f"<strong>What households in {t} paid this winter for a new gas boiler</strong></a></p>"
        for t in towns
    )
    return f"<p><strong>BOILER COSTS IN OTHER TOWNS</strong></p>{items}"


def test_a_list_of_links_after_the_article_is_cut():
    article = extract(page(town_list(TOWNS)), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert PARAGRAPHS[-1] in article["text"]
    assert "households in Copperfield" not in article["text"]
    assert "OTHER TOWNS" not in article["text"]
    assert article["text_cuts"] == ["link_tail"]  # counted as news/extract/text_cut/link_tail


def test_two_links_after_the_article_stay():
    article = extract(page(town_list(TOWNS[:2])), URL, fetched_at="2026-12-01T10:00:00+00:00")
    assert "households in Brindle Cross" in article["text"]
    assert article["text_cuts"] == []


def test_a_sentence_ends_the_run_and_labels_do_not():
    tree = lxml_html.fromstring(
        "<div><a href='/a'>Heat pumps explained</a><a href='/b'>Grants for insulation</a>"
        "<a href='/c'>Who fits boilers</a></div>"
    )
    text = "\n".join(
        [
            PARAGRAPHS[0],
            "Fitters say prices will fall.",
            "More guides",
            "- Heat pumps explained",
            "Energy",
            "- Grants for insulation",
            "- Who fits boilers",
        ]
    )
    assert drop_link_tail(text, tree) == "\n".join([PARAGRAPHS[0], "Fitters say prices will fall."])
    assert drop_link_tail("\n".join(["- Heat pumps explained"] * 4), tree) == "\n".join(
        ["- Heat pumps explained"] * 4
    )  # never the whole text
    assert drop_link_tail(text, None) == text


def test_links_with_their_posts_dates_after_them_are_cut():
    tree = lxml_html.fromstring(
        "<div><a href='/a'>Heat pumps explained</a><a href='/b'>Grants for insulation</a>"
        "<a href='/c'>Who fits boilers</a></div>"
    )
    article = "\n".join(PARAGRAPHS[:2])
    dated = [
        "- Heat pumps explained - December 8, 2025",
        "- Grants for insulation – 27 November 2025",
        "- Who fits boilers (2025-11-04)",
    ]
    assert drop_link_tail("\n".join([article, *dated]), tree) == article
    # a date after a text that is no link's keeps the line, and the run ends there
    kept = "\n".join([article, "- Boilers we tested - May 2, 2025", *dated[:2]])
    assert drop_link_tail(kept, tree) == kept


def test_the_links_texts_come_from_the_classifier_walk_when_it_met_every_link():
    from pipelines.extract.features import page_features
    from pipelines.extract.linklists import link_texts

    tree = lxml_html.fromstring(page(town_list(TOWNS)))
    walks: list = []
    page_features(tree, {}, URL, walks)
    assert walks[0].covers(tree, "a")
    assert link_texts(tree, walks[0]) == link_texts(tree)
    assert "what households in copperfield paid this winter for a new gas boiler" in link_texts(
        tree, walks[0]
    )
    text = "\n".join([*PARAGRAPHS, "BOILER COSTS IN OTHER TOWNS"])
    text += "".join(
        f"\nWhat households in {t} paid this winter for a new gas boiler" for t in TOWNS
    )
    assert (
        drop_link_tail(text, tree, walks[0]) == drop_link_tail(text, tree) == "\n".join(PARAGRAPHS)
    )
    # a link outside the body: the walk did not meet it, the page's links are read
    link = tree.makeelement("a", href="/elsewhere")
    link.text = "A link in the head"
    tree.find("head").append(link)
    assert not walks[0].covers(tree, "a")
    assert "a link in the head" in link_texts(tree, walks[0])
