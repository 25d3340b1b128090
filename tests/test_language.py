"""The language detector's numpy walk (``pipelines.extract.language._Identifier``) gives
py3langid's own scores, and its depth bound holds for the model that ships."""

from __future__ import annotations

import numpy
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipelines.extract import language

TEXTS = [
    "",
    "a",
    "Hi",
    "Die Stadt baut eine neue Brücke über den Fluss, sagte der Bürgermeister am Montag.",
    "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine.",
    "Pemerintah kota akan membangun jembatan baru di atas sungai tahun depan.",
    "市政府宣布明年将在河上修建一座新桥。",
    "ΣΤΗΝ ΑΘΗΝΑ ΣΗΜΕΡΑ",  # upper case: py3langid lowers it first
    "The council met on Tuesday. " * 120,
]


def plain_identifier() -> LanguageIdentifier:
    """py3langid's identifier, restricted as ``language.identifier`` restricts its own."""
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    plain.set_languages([code for code in plain.nb_classes if len(code) == 2])
    return plain


def test_scores_are_py3langids_own():
    plain, fast = plain_identifier(), language.identifier()
    for text in [*TEXTS, "Übersetzung".encode(), bytes(range(256))]:
        assert fast._decide(text).tobytes() == plain._decide(text).tobytes(), text
        if isinstance(text, str):
            assert fast.rank(text) == plain.rank(text)
            assert fast.classify(text) == plain.classify(text)


def test_no_state_spells_more_than_depth_bytes():
    """A state's depth is its distance from the start state; none is past ``DEPTH``."""
    fast = language.identifier()
    depth = numpy.full(len(fast._bases), -1)
    depth[0], frontier, level = 0, numpy.array([0]), 0
    while len(frontier):
        steps = (fast._bases[frontier][:, None] + numpy.arange(256)[None, :]).ravel()
        reached = numpy.unique(fast._moves[steps])
        frontier = reached[depth[reached] < 0]
        level += 1
        depth[frontier] = level
    assert depth.min() == 0 and depth.max() <= language.DEPTH
