"""Language tags: what the page declares, what its text is, and the final tag.

Detection uses py3langid (its model ships with the package), restricted to
ISO 639-1 languages so that regional varieties (``wuu``, ``arz``...) do not
split the confidence. The declared language comes from ``<html lang>``,
og:locale, JSON-LD ``inLanguage`` or the Content-Language header. The final
``language`` keeps the declared tag unless the text clearly says otherwise, and is
never empty when there is text: a text too short for a confident detection and a
page that declares nothing still get the detector's best guess.
Plain functions, loaded once per process. Settings read: none.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy

SAMPLE_CHARS = 3000  # detection on the first characters is as accurate and faster
CONFIDENT = 0.90  # detected language overrides the declared one above this
PLAUSIBLE = 0.02  # declared language kept if the text gives it at least this


@lru_cache(maxsize=1)
def identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([code for code in ident.nb_classes if len(code) == 2])
    # the restricted table comes out column-major: each detection reads a few hundred of
    # its rows, which a row-major copy gives a third faster (the same numbers)
    ident.nb_ptc = numpy.ascontiguousarray(ident.nb_ptc)
    return ident


def primary_tag(tag: str | None) -> str | None:
    """``'fr-FR'``, ``'fr_FR'``, ``'FR'`` → ``'fr'``; ``None`` for anything else."""
    if not tag:
        return None
    match = re.match(r"^\s*([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", tag.split(",")[0])
    if not match:
        return None
    code = match.group(1).lower()
    return {"in": "id", "iw": "he", "ji": "yi", "jw": "jv"}.get(code, code)


def declared_language(*candidates: str | None) -> str | None:
    """The first usable tag among the page's declarations, in order of trust."""
    for candidate in candidates:
        code = primary_tag(candidate)
        if code:
            return code
    return None


def detect(text: str) -> tuple[str | None, float]:
    """Detected language of ``text`` and its probability (0..1)."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None, 0.0
    code, probability = identifier().classify(sample)
    return code, round(float(probability), 4)


def ranked(text: str) -> dict[str, float]:
    return {code: float(p) for code, p in identifier().rank(text[:SAMPLE_CHARS])[:10]}


def decide(text: str, declared: str | None) -> dict[str, object]:
    """The language fields of an article: final, declared, detected, confidence, mismatch."""
    detected, confidence = detect(text)
    language = detected or declared
    if declared and detected and declared != detected:
        if confidence < CONFIDENT or ranked(text).get(declared, 0.0) >= PLAUSIBLE:
            language = declared
    elif declared and not detected:
        language = declared
    if language is None and text.strip():  # too short to detect: the best guess
        language = identifier().classify(text[:SAMPLE_CHARS])[0]
    return {
        "language": language,
        "declared_language": declared,
        "detected_language": detected,
        "language_confidence": confidence,
        "language_mismatch": bool(declared and detected and declared != detected),
    }
