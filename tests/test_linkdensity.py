"""trafilatura's link-density prune walking only the elements with a link
(``pipelines.extract.linkdensity``): the same tree as trafilatura's own function leaves,
on crafted converted trees; with another trafilatura, its own function stays."""

from __future__ import annotations

import random
from copy import deepcopy

import pytest
from lxml import etree
from lxml.html import HtmlElementClassLookup
from trafilatura import htmlprocessing, main_extractor
from trafilatura.settings import Extractor
from trafilatura.utils import trim

from pipelines.extract import linkdensity

from conftest import assert_installs_only_for_its_source

LONG = "The harbour master opened the lock gates early because the tide came in fast. " * 3

# converted trees (trafilatura's tags: ref, list, item, head...) with link-rich blocks,
# plain blocks, nesting, a paragraph in a list item, and an image container
TREES = [
    f"<div><div><p>{LONG}</p></div><div><ref>Home</ref> <ref>News</ref> <ref>Sport</ref></div>"
    "<div><list><item><ref>One story about the quay</ref></item><item><ref>Two</ref></item>"
    "</list></div></div>",
    f"<div><p><ref>Read more about the lock gates and the tide tables</ref></p><p>{LONG}</p>"
    "<list><item><p><ref>kept in its item</ref></p></item></list>"
    "<div><div><div><ref>a</ref> b <ref>c</ref></div></div><p>x</p><p>y</p></div></div>",
    f"<div><div><graphic src='a.jpg'/><ref>Photo</ref></div><p>{LONG}<ref>source</ref></p>"
    "<head><ref>Section heading link</ref></head><quote><ref>q</ref></quote>"
    "<div>tail-less</div><div>no links at all</div></div>",
    "<body><div><ref>Only a link, the whole block, long enough to be taken for one: "
    "a headline of another story on the same site</ref></div><p>and a tail</p></body>",
    f"<body><div>{LONG}<ref>one</ref></div><p>short <ref>linked words here</ref></p>"
    "<list><item><ref>a</ref></item><item><ref>b</ref></item><item><ref>c</ref></item>"
    "<item><ref>d</ref></item><item><ref>e</ref></item></list>after</body>",
]
PARSER = etree.XMLParser()
PARSER.set_element_class_lookup(HtmlElementClassLookup())  # text_content(), as trafilatura's


def parsed(markup: str) -> etree._Element:
    return etree.fromstring(markup, PARSER)


CALLS = [
    ("div", True, False),
    ("list", False, False),
    ("p", False, False),
    ("div", True, True),
    ("head", False, True),
    ("quote", False, True),
]


@pytest.mark.parametrize("markup", TREES)
@pytest.mark.parametrize("call", CALLS)
def test_same_tree_as_trafilatura(markup: str, call: tuple[str, bool, bool]) -> None:
    tag, backtracking, precision = call
    tree = parsed(markup)
    for context in [tree, *tree.iter("div")]:
        theirs, mine = deepcopy(context), deepcopy(context)
        htmlprocessing.delete_by_link_density(theirs, tag, backtracking, precision)
        assert linkdensity.delete_by_link_density(mine, tag, backtracking, precision) is mine
        assert etree.tostring(mine) == etree.tostring(theirs)


def test_the_fixture_deletes_something() -> None:
    """Each tree loses elements to one of the calls (the comparison tests deletions)."""
    for markup in TREES:
        before = etree.tostring(parsed(markup))
        after = set()
        for tag, backtracking, precision in CALLS:
            tree = parsed(markup)
            htmlprocessing.delete_by_link_density(tree, tag, backtracking, precision)
            after.add(etree.tostring(tree))
        assert after - {before}, markup


def test_only_elements_with_a_link_are_walked() -> None:
    tree = parsed("<div><div>plain</div><div><p><ref>x</ref></p></div><p>y</p></div>")
    walked = linkdensity.Linked(tree).iter("div")
    assert walked == [tree, tree[1]]
    assert linkdensity.Linked(tree[0]).iter("div") == []


def test_installed_only_for_the_source_it_was_written_for(monkeypatch) -> None:
    replacement = linkdensity.delete_by_link_density
    assert_installs_only_for_its_source(
        monkeypatch, linkdensity, main_extractor, "delete_by_link_density", replacement
    )


@pytest.mark.parametrize("markup", TREES)
@pytest.mark.parametrize("call", CALLS)
def test_pruned_says_whether_it_deleted(markup: str, call: tuple[str, bool, bool]) -> None:
    tree = parsed(markup)
    for context in [tree, *tree.iter("div")]:
        before = etree.tostring(context)
        deleted = linkdensity.pruned(context, *call)
        assert deleted == (etree.tostring(context) != before)


@pytest.mark.parametrize("markup", [*TREES, f"<div><p>{LONG}</p><p>no link</p></div>"])
@pytest.mark.parametrize("focus", ["balanced", "precision", "recall"])
def test_the_same_sections_as_trafilatura(markup: str, focus: str) -> None:
    options = Extractor(precision=focus == "precision", recall=focus == "recall")
    for tags in ({"p"}, {"p", "graphic", "table", "ref"}):
        tree = parsed(markup)
        for context in [tree, *tree.iter("div")]:
            theirs, mine = deepcopy(context), deepcopy(context)
            linkdensity.SECTIONS(theirs, set(tags), options)
            linkdensity.prune_unwanted_sections(mine, set(tags), options)
            assert etree.tostring(mine) == etree.tostring(theirs)


def test_a_second_round_runs_only_after_a_deletion(monkeypatch) -> None:
    rounds: list[bool] = []

    def counted(self: linkdensity.Walks, *args: object) -> bool:
        rounds.append(walk(self, *args))
        return rounds[-1]

    walk = linkdensity.Walks.walk
    monkeypatch.setattr(linkdensity.Walks, "walk", counted)
    options = Extractor()
    linkdensity.prune_unwanted_sections(parsed(f"<div><p>{LONG}</p></div>"), {"p"}, options)
    assert rounds == [False] * 3
    rounds.clear()
    linkdensity.prune_unwanted_sections(parsed(TREES[0]), {"p"}, options)
    assert len(rounds) == 6 and any(rounds[:3])


# a block of links (the last) deleted in the first round; the stories with a link untouched
REUSED = (
    f"<div><div><p>{LONG}<ref>one</ref></p></div><div><p>{LONG}<ref>two</ref></p></div>"
    "<div><ref>Home</ref> <ref>News</ref> <ref>Sport</ref></div></div>"
)


@pytest.mark.parametrize("markup", [*TREES, REUSED])
@pytest.mark.parametrize("precision", [False, True])
def test_walks_delete_as_trafilatura(markup: str, precision: bool) -> None:
    """Walk after walk on one tree, the same deletions as trafilatura's function."""
    mine, theirs = parsed(markup), parsed(markup)
    walks = linkdensity.Walks(precision)
    for _ in range(2):
        for tag, backtracking, _ in CALLS[:3]:
            before = etree.tostring(mine)
            deleted = walks.walk(mine, tag, backtracking)
            htmlprocessing.delete_by_link_density(theirs, tag, backtracking, precision)
            assert etree.tostring(mine) == etree.tostring(theirs)
            assert deleted == (etree.tostring(mine) != before)


def test_an_untouched_element_is_not_tested_again(monkeypatch) -> None:
    tested: list[object] = []
    test = linkdensity.Walks.test

    def counted(self: linkdensity.Walks, element: object) -> tuple[bool, bool]:
        tested.append(element)
        return test(self, element)

    monkeypatch.setattr(linkdensity.Walks, "test", counted)
    tree = parsed(REUSED)
    walks = linkdensity.Walks(False)
    assert walks.walk(tree, "div", True)  # the block of links goes
    first = list(tested)
    tested.clear()
    assert not walks.walk(tree, "div", True)
    # the outer block (a deletion below it) and the second story (its next sibling gone)
    assert tested == [tree, tree[1]] and len(first) == 4


def test_a_links_text_is_read_once_per_change() -> None:
    tree = parsed(REUSED)
    walks = linkdensity.Walks(False)
    walks.step = 1
    link = tree.find(".//ref")
    assert walks.link_text(link) == "one"
    link.text = "changed"
    assert walks.link_text(link) == "one"  # no deletion below it: kept
    walks.changed[link] = 1
    walks.step = 2
    assert walks.link_text(link) == "changed"


def test_sections_installed_only_for_the_source_they_were_written_for(monkeypatch) -> None:
    monkeypatch.setattr(main_extractor, "prune_unwanted_sections", linkdensity.SECTIONS)
    assert linkdensity.install(sections="0" * 12)
    assert main_extractor.prune_unwanted_sections is linkdensity.SECTIONS
    assert linkdensity.install()
    assert main_extractor.prune_unwanted_sections is linkdensity.prune_unwanted_sections
    monkeypatch.setattr(main_extractor, "prune_unwanted_sections", linkdensity.SECTIONS)
    monkeypatch.setattr(linkdensity, "TESTS_WRITTEN_FOR", ((htmlprocessing.trim, "0" * 12),))
    assert linkdensity.install()
    assert main_extractor.prune_unwanted_sections is linkdensity.SECTIONS


def test_at_least_answers_as_the_trimmed_length() -> None:
    pieces = ["word", "a", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\u3000", "ünïcode", "x" * 40]
    chooser = random.Random(7)
    texts = [
        "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 400))) for _ in range(400)
    ]
    # long texts trimming to little: the prefix read must not answer for them
    texts += ["w" * n + " " * 5000 + "\xa0" * m for n in (0, 1, 99, 100, 299) for m in (0, 900)]
    texts += [" \n".join(["ab"] * 400), "word " * 30 + "\u2009" * 8000 + "end"]
    for text in texts:
        length = len(trim(text))
        for bound in {0, 1, length - 1, length, length + 1, chooser.randint(0, 3 * length + 2)}:
            if bound >= 0:
                assert linkdensity.at_least(text, bound) == (length >= bound), (text, bound)


@pytest.mark.parametrize("ratio", [0.8, 0.9, linkdensity.LINK_FARM_RATIO])
def test_ceiling_splits_the_comparison(ratio: float) -> None:
    for length in range(0, 3000):
        n = linkdensity.ceiling(length, ratio)
        assert not length > n * ratio
        assert n == 0 or length > (n - 1) * ratio
