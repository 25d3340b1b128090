"""trafilatura's basic cleaning expression with its banner regex run per distinct class or
id (``pipelines.extract.basicclean``): the same elements as trafilatura's own, on crafted
pages."""

from __future__ import annotations

import pytest
from lxml.etree import XPath
from test_libxpaths import tree_of
from trafilatura import settings

from pipelines.extract import basicclean, libxpaths

# banners the regex finds (in class or id, any case, the letters its ``i`` flag folds),
# near misses, the tags it takes, and nested and sibling cases
BLOCKS = [
    '<div class="Cookie-Banner">We use cookies</div><div class="cookies-not-set">Body</div>',
    '<section id="onetrust-consent-sdk"><p class="x">Accept</p></section>',
    '<div id="x" class="notice__cookie">n</div><div class="consent">not a banner</div>',
    '<div class="CMPLZ-soft">c</div><p class="COO\u212aIE_BAR">Kelvin sign</p>',
    '<span class="moove_gdpr_box">m</span><span class="moove">m</span>',
    '<aside>side</aside><footer class="f">foot</footer><div class="site-footer">df</div>',
    '<div id="footer-links">idf</div><p class="footer">not a div</p><svg><g/></svg>',
    "<script>var a = 1;</script><style>p {}</style><template>t</template>",
    '<fencedframe>ad</fencedframe><div class="borlabs-cookie"><aside>in</aside></div>',
    '<div class="cookie-policy"><div id="cookiebot">nested</div></div>',
]


def test_install_puts_it_in_place() -> None:
    assert basicclean.install()
    assert isinstance(basicclean.BASELINE.BASIC_CLEAN_XPATH, basicclean.Cleaning)
    assert basicclean.install()  # again: nothing changes


@pytest.mark.parametrize("start", range(len(BLOCKS)))
def test_same_elements_as_trafilatura(start: int) -> None:
    tree = tree_of(BLOCKS[start:] + BLOCKS[:start])
    mine = basicclean.cleaning()
    assert mine is not None
    for context in [tree, *tree.iter("body", "div", "section")]:
        assert mine(context) == basicclean.LIBRARY(context), context.attrib


def test_the_fixture_has_banners_and_near_misses() -> None:
    """The banner test finds some of the fixture's elements (the comparison tests it),
    the folded letter's among them, and a page without one takes the tag tests alone."""
    tree = tree_of(BLOCKS)
    found = basicclean.LIBRARY(tree)
    texts = {e.text for e in found}
    assert {"We use cookies", "Kelvin sign", "c", "n", "m", "df", "idf"} <= texts
    assert not {"Body", "not a banner", "not a div"} & texts
    plain = tree_of(['<div class="story">s</div><aside>a</aside>'])
    assert [e.tag for e in basicclean.cleaning()(plain)] == ["aside"]


def test_a_changed_expression_is_left_alone() -> None:
    changed = XPath(
        ".//aside|.//*[re:test(@class, 'cookie', 'i') or re:test(@id, 'cookie', 'i')]",
        namespaces=libxpaths.NAMESPACES,
    )
    assert basicclean.cleaning(changed) is None
    for pattern in ("'a', 'i') or re:test(@id, 'b', 'i')", "'a?', 'i') or re:test(@id, 'a?', 'i')"):
        assert basicclean.banner_regex(f".//*[re:test(@class, {pattern}]") is None
    assert basicclean.cleaning(settings.BASIC_CLEAN_XPATH) is not None
