"""An archived article's MinHash signature, kept or derived (``minhashes``).

``save_signature`` keeps a signature computed elsewhere (the extraction worker's, or
``dedupe.refresh_signatures``'s) for a text; ``resign`` derives a text's signature from
its stored one when the boilerplate step takes whole lines out of it. Apart from
``pipelines.archive.dedupe`` so that the boilerplate step can use them without importing
the near-duplicate stack (and, through it, the schema). Settings read: none. Stats: none.
"""

from __future__ import annotations

from typing import Any

from pipelines.extract.minhash import signature_without


def save_signature(db: Any, article_id: str, content_hash: str, blob: bytes) -> None:
    """Keep a signature computed elsewhere (the extraction worker) for this text."""
    db.execute(
        "INSERT INTO minhashes (article_id, content_hash, signature) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, "
        "signature = excluded.signature, "
        "banded = CASE WHEN signature IS excluded.signature THEN banded END",
        [article_id, content_hash, blob],
    )


def resign(db: Any, article_id: str, old_text: str, new_text: str, new_hash: str) -> bool:
    """Before an archived article's text loses whole lines (the boilerplate step cleaning it
    again), its new signature from its stored one (``minhash.signature_without``), when that
    one is fresh (of ``old_text``: its ``content_hash`` is the article's) and that can tell,
    so that ``refresh_signatures`` need not sign it whole; False when not (it is then)."""
    row = db.execute(
        "SELECT m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id "
        "WHERE m.article_id = ? AND m.content_hash = a.content_hash",
        [article_id],
    ).fetchone()
    blob = signature_without(row[0], old_text, new_text) if row and row[0] else None
    if blob is None:
        return False
    save_signature(db, article_id, new_hash, blob)
    return True
