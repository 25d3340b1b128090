"""The first value a trafilatura hook makes inside a block, kept for the stages after it.

trafilatura runs some of its functions more than once a page; the project replaces two of
them with hooks that make the same result and also hand it on: readability's summary
(``pipelines.extract.readability``) and the tree the first pass pruned
(``pipelines.extract.recall``). Each hook offers what it made to its ``FirstValue``, which
keeps the first value offered inside a ``block()`` (the hook installed first) and nothing
outside one. Settings read: none. Stats: none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class FirstValue:
    """The first value offered inside a ``block()``; ``install`` puts the hook in place."""

    def __init__(self, install: Callable[[], None]) -> None:
        self.install = install
        self.found: list[Any] | None = None

    def wanted(self) -> bool:
        """Inside a block, and nothing kept yet (a hook can skip its work otherwise)."""
        return self.found is not None and not self.found

    def offer(self, value: Any) -> None:
        if self.wanted():
            self.found.append(value)

    @contextmanager
    def block(self) -> Iterator[list[Any]]:
        """A list that holds the first value offered inside the block, if any."""
        self.install()
        self.found = found = []
        try:
            yield found
        finally:
            self.found = None
