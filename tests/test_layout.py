"""The house's rules, read from the source: which room may import which, and no cycles.

``crawler`` (the Scrapy adapters) imports ``pipelines`` (the processing); ``pipelines``
imports nothing from Scrapy, Twisted or ``crawler``; inside it, ``pipelines.archive``
may use ``pipelines.extract`` but not the other way round; no two of the project's
modules import each other, directly or through others, even inside a function; every
module opens with a docstring.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADAPTER_LIBRARIES = ("scrapy", "twisted", "scrapy_redis")


def modules() -> dict[str, Path]:
    found = {}
    for package in ("crawler", "pipelines"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {t for t in imports(path) if t in known} - {name} for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_processing_imports_nothing_from_scrapy_or_the_adapters():
    wrong = [
        (name, target)
        for name, path in modules().items()
        if name.startswith("pipelines")
        for target in imports(path)
        if target.split(".")[0] in ADAPTER_LIBRARIES or target.split(".")[0] == "crawler"
    ]
    assert wrong == []


def test_extraction_never_reaches_into_the_archive():
    wrong = [
        (name, target)
        for name, targets in graph().items()
        if name.startswith("pipelines.extract")
        for target in targets
        if target.startswith("pipelines.archive")
    ]
    assert wrong == []


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_module_opens_with_a_docstring():
    missing = [
        name
        for name, path in modules().items()
        if not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert missing == []


def layout_section() -> str:
    text = (ROOT / "README.md").read_text()
    return text[text.index("## Layout\n") : text.index("\n## ", text.index("## Layout\n") + 1)]


def test_the_readme_layout_names_real_paths_and_every_package():
    section = layout_section()
    named = set()
    for row in section.splitlines():
        if not row.startswith("| `"):
            continue
        room, what = row.split(" | ")[:2]
        for path in room.strip("| ").replace("`", "").split(", "):
            named.add(path)
            assert (ROOT / path).exists(), path
        folder = next(iter(room.strip("| ").replace("`", "").split(", ")))
        for name in (n for n in what.split("`")[1::2] if n.endswith(".py")):
            assert (ROOT / folder / name).exists(), f"{folder}{name}"
    packages = {
        f"{path.parent.relative_to(ROOT)}/"
        for package in ("crawler", "pipelines")
        for path in (ROOT / package).rglob("__init__.py")
        if path.parent != ROOT / package
    }
    assert packages <= named
