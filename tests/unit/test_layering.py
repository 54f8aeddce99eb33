"""The package's layers, read from the source: data flows load → extract → analyse →
store → render, so nothing below the UI imports it, nothing outside it imports Textual,
and the UI's own modules import one another one way only.

Every import statement counts, wherever it stands: at the top, inside a function (a
deferred import is still a dependency), or under ``TYPE_CHECKING`` (a type that needs
the other module is still knowledge of it)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent


@cache
def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(name: str) -> str | None:
    """The package module ``name`` refers to (a name imported from a module counts as
    that module); None outside the package."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imported_names(module: str) -> Iterator[str]:
    """Every absolute name ``module`` imports, relative imports resolved."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


@cache
def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module in modules():
        targets = {_resolve(name) for name in imported_names(module)}
        edges[module] = {t for t in targets if t is not None and t != module}
    return edges


def cycles(nodes: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module, among ``nodes``."""
    edges = {n: graph()[n] & nodes for n in nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def test_the_module_map_sees_the_whole_package() -> None:
    found = modules()
    assert "reader.ui.app" in found and "reader.models" in found
    assert "reader.ui.reading.screen" in graph()["reader.ui.app"]


def test_no_import_cycle_between_modules_of_the_ui() -> None:
    ui = {m for m in modules() if m == "reader.ui" or m.startswith("reader.ui.")}
    assert cycles(ui) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    # Guards the check above against passing because it can see nothing.
    ui = {m for m in modules() if m.startswith("reader.ui.")}
    assert ui
    some = sorted(ui)[:2]
    edges = graph()
    saved = {m: set(edges[m]) for m in some}
    try:
        edges[some[0]].add(some[1])
        edges[some[1]].add(some[0])
        assert sorted(some) in cycles(ui)
    finally:
        edges.update(saved)


def test_only_the_ui_and_the_commands_import_the_ui() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        if not module.startswith(("reader.ui", "reader.commands", "reader.__main__"))
        for target in targets
        if target == "reader.ui" or target.startswith("reader.ui.")
    )
    assert wrong == []


def test_nothing_outside_the_ui_imports_textual_or_rich() -> None:
    wrong = sorted(
        f"{module} imports {name}"
        for module in modules()
        if not module.startswith("reader.ui")
        for name in imported_names(module)
        if name.split(".")[0] in ("textual", "rich")
    )
    assert wrong == []


def test_the_ui_imports_no_cli_command() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        if module.startswith("reader.ui")
        for target in targets
        if target.startswith("reader.commands")
    )
    assert wrong == []
