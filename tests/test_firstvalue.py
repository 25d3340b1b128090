"""FirstValue: the first value a hook offers inside a block, nothing outside one."""

from __future__ import annotations

from pipelines.extract.firstvalue import FirstValue


def test_the_first_value_inside_the_block_is_kept_and_none_outside():
    installed = []
    first = FirstValue(lambda: installed.append(True))
    first.offer("before")  # outside a block: dropped
    assert not first.wanted()
    with first.block() as found:
        assert installed == [True] and first.wanted()
        first.offer("one")
        first.offer("two")
        assert not first.wanted()
    assert found == ["one"]
    first.offer("after")
    assert found == ["one"] and first.found is None
