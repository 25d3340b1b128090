"""dateparser's compiled regular expressions, kept on disk from one crawl to the next.

The forkserver's warm-up (``pipelines.extract.pagedates.warm_up``) loads every one of
dateparser's 205 locales, and most of its 1.7 s of CPU is the ``regex`` module compiling
about 900 patterns (three alternations of each locale's words, its simplifications,
the timezones): ``regex`` parses a pattern in Python. A compiled ``regex`` pattern
pickles as its compiled code (``regex._regex.compile`` and its arguments), which
unpickles in a few microseconds. ``kept(path)`` keeps the patterns that a block compiles
with ``regex.compile`` in a file: while the block runs, ``regex.compile`` takes a
pattern from the file when it is there (the same code, so the same matches), and
compiles it otherwise; when the block compiled new ones or left some of the file unused,
the file is written again with exactly the patterns the block asked for (atomically:
two crawls may warm up at once). The file is read with an unpickler that builds nothing
but ``regex`` patterns (from compiled code that ``regex`` trusts: the file is as safe as
the user's own cache directory). A file that cannot be read or written is left alone: the block
compiles as before. ``default_path()`` is one file per ``regex`` and Python version
under ``$XDG_CACHE_HOME/newsarchive`` (``~/.cache/newsarchive``). Settings read: none.
Stats: none.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import regex

CacheKey = tuple[str | bytes, int, int]  # the pattern, its flags, regex's default version


class PatternUnpickler(pickle.Unpickler):
    """Builds ``regex`` patterns from their compiled code, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a regex pattern: {module}.{name}")


def default_path() -> Path:
    """The cache file of this ``regex`` and this Python."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return root / "newsarchive" / f"regex-{regex.__version__}-py{python}.pickle"


def load(path: Path) -> dict[CacheKey, Any]:
    """The patterns of the file, or none when it is missing or unreadable."""
    try:
        with path.open("rb") as file:
            found = PatternUnpickler(file).load()
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError, AttributeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(value, regex.Pattern)}


def save(path: Path, patterns: dict[CacheKey, Any]) -> None:
    """Write the patterns to the file at once (a temporary file renamed over it)."""
    buffer = io.BytesIO()
    pickle.dump(patterns, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(buffer.getvalue())
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


@contextmanager
def kept(path: Path) -> Iterator[dict[CacheKey, Any]]:
    """``regex.compile`` takes its patterns from the file at ``path`` during the block
    (yields the patterns the block asked for); the file is written again when the
    block asked for others than it holds."""
    stored = load(path)
    used: dict[CacheKey, Any] = {}
    compile_pattern = regex.compile

    def compile_kept(pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(pattern, str | bytes):
            return compile_pattern(pattern, flags, *args, **kwargs)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        found = used.get(key, stored.get(key))
        if found is None:
            found = compile_pattern(pattern, flags)
        used[key] = found
        return found

    regex.compile = compile_kept
    try:
        yield used
    finally:
        regex.compile = compile_pattern
    if used and used.keys() != stored.keys():
        save(path, used)
