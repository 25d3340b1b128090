"""Readable diffs between article versions, stored with each version in ``article_versions.diff``.

SQL cannot diff, so a unified diff (title and text, one paragraph per line) is
computed when a version is written and kept as text: Datasette's ``edits``
canned query shows it as is. Plain functions; settings read: none.
"""

from __future__ import annotations

import difflib


def version_diff(
    old_title: str | None, old_text: str | None, new_title: str | None, new_text: str | None
) -> str:
    """Unified diff from one version to the next; the title is the first line."""
    before = [f"# {old_title or ''}", *(old_text or "").splitlines()]
    after = [f"# {new_title or ''}", *(new_text or "").splitlines()]
    lines = difflib.unified_diff(before, after, "before", "after", n=1, lineterm="")
    return "\n".join(lines)
