"""The compiled ``regex`` patterns kept on disk (``pipelines.extract.regexcache``)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from pipelines.extract import regexcache

PATTERNS = [(r"(?<=\W)(maret|mars|märz)(?=\W)", regex.I), (r"^(\d+) hari lalu$", 0)]


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each pattern ``regex`` itself compiles, in order."""
    calls: list[str] = []
    library = regex.compile

    def counting(pattern, flags=0, *args, **kwargs):
        calls.append(pattern)
        return library(pattern, flags, *args, **kwargs)

    monkeypatch.setattr(regex, "compile", counting)
    return calls


def compile_all() -> list[regex.Pattern]:
    return [regex.compile(pattern, flags) for pattern, flags in PATTERNS]


def test_the_second_block_takes_the_patterns_from_the_file(tmp_path: Path, compiled: list[str]):
    path = tmp_path / "cache" / "patterns.pickle"
    with regexcache.kept(path):
        first = compile_all()
    assert compiled == [pattern for pattern, _ in PATTERNS] and path.exists()
    with regexcache.kept(path):
        second = compile_all()
    assert len(compiled) == 2  # none compiled again
    for old, new in zip(first, second, strict=True):
        assert (new.pattern, new.flags) == (old.pattern, old.flags)
    text = " 4 Maret 2026 "
    assert second[0].findall(text) == first[0].findall(text) == ["Maret"]
    assert second[1].match("3 hari lalu").group(1) == "3"


def test_the_file_keeps_only_what_the_last_block_asked_for(tmp_path: Path, compiled: list[str]):
    path = tmp_path / "patterns.pickle"
    with regexcache.kept(path):
        compile_all()
    with regexcache.kept(path) as used:
        regex.compile(*PATTERNS[0])
    assert list(used) == [(PATTERNS[0][0], int(PATTERNS[0][1]), int(regex.DEFAULT_VERSION))]
    assert [key[0] for key in regexcache.load(path)] == [PATTERNS[0][0]]


def test_compile_is_the_library_s_again_after_the_block_even_when_it_fails(tmp_path: Path):
    library = regex.compile
    with pytest.raises(ValueError), regexcache.kept(tmp_path / "patterns.pickle"):
        assert regex.compile is not library
        raise ValueError("a warm-up that fails")
    assert regex.compile is library
    assert not (tmp_path / "patterns.pickle").exists()


class Runs:
    def __reduce__(self):
        return (print, ("a file that runs code",))


def test_a_file_that_holds_anything_but_patterns_is_not_read(
    tmp_path: Path, compiled: list[str], capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "patterns.pickle"
    path.write_bytes(pickle.dumps({(PATTERNS[0][0], 0, 0): Runs()}))
    assert regexcache.load(path) == {}
    assert capsys.readouterr().out == ""
    path.write_bytes(b"not a pickle")
    with regexcache.kept(path):
        compile_all()
    assert len(compiled) == 2 and len(regexcache.load(path)) == 2  # compiled, written again


def test_an_unwritable_place_leaves_the_patterns_compiled(tmp_path: Path, compiled: list[str]):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    with regexcache.kept(blocked / "patterns.pickle"):
        patterns = compile_all()
    assert len(compiled) == 2 and patterns[1].match("12 hari lalu")


def test_the_default_file_is_under_the_user_s_cache(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    path = regexcache.default_path()
    assert path.parent == Path("/somewhere/newsarchive") and regex.__version__ in path.name


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path: Path, monkeypatch):
    def refuse(*args):
        raise OSError("disk full")

    monkeypatch.setattr(regexcache.os, "replace", refuse)
    regexcache.save(tmp_path / "patterns.pickle", {})
    assert list(tmp_path.iterdir()) == []
