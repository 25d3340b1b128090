"""The second opinion's word counts read from its lines' keys (``pipelines.extract.opinion``):
the tokens of the lower-cased text and the count of the text's own tokens, on texts of
several lines and every character of the BMP."""

from __future__ import annotations

import sys
from collections import Counter

from pipelines.extract import opinion

TEXTS = [
    "İstanbul'da\nİzmir",
    "ΟΔΟΣ\nΑΣ.Ε ΑΣ",
    "Straße ÉTÉ\n\n Ǆemal",
    "plain words\nand more_words 12\n",
    "",
    "\n\n",
]


def test_tokens_and_words_are_those_of_the_text_over_its_lines() -> None:
    for text in TEXTS:
        assert opinion.tokens(text) == Counter(opinion.WORD.findall(text.lower()))
        assert opinion.lowered(text) == opinion.WORD.findall(text.lower())
        assert opinion.words(text) == len(opinion.WORD.findall(text))


def test_every_character_counts_as_in_the_text() -> None:
    for point in range(0x10000):
        text = f"Xa{chr(point)}bY\nq{chr(point)}"
        assert opinion.words(text) == len(opinion.WORD.findall(text)), hex(point)
        assert opinion.lowered(text) == opinion.WORD.findall(text.lower()), hex(point)


def test_only_a_capital_dotted_i_lowers_to_another_count() -> None:
    """The ground of ``words``: no other character lowers to more characters or to
    characters of another kind (word or not)."""
    odd = []
    for point in range(sys.maxunicode + 1):
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        low = char.lower()
        kind = bool(opinion.WORD.fullmatch(char))
        if len(low) > 1 or any(bool(opinion.WORD.fullmatch(c)) != kind for c in low):
            odd.append(char)
    assert odd == ["\u0130"]
