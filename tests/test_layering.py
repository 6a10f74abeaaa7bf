"""The layers hold: the core and the CLI stay free of Qt, arrows run one way, no import circles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

DESK = Path(__file__).resolve().parent.parent / "desk"


def _loaded_modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_core_imports_no_qt() -> None:
    """Importing every desk.core module loads no PySide6."""
    code = (
        "import pkgutil, importlib, desk.core\n"
        "for m in pkgutil.walk_packages(desk.core.__path__, 'desk.core.'):\n"
        "    importlib.import_module(m.name)"
    )
    assert not {m for m in _loaded_modules(code) if m.startswith("PySide6")}


def test_cli_parser_imports_no_qt() -> None:
    """Building the CLI parser (every subcommand) loads no PySide6."""
    mods = _loaded_modules("from desk.cli import build_parser; build_parser()")
    assert not {m for m in mods if m.startswith("PySide6")}


# -- the import graph, read from the source ------------------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(DESK.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in DESK.rglob("*.py")}
PACKAGES = {_module_name(p) for p in DESK.rglob("__init__.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str) -> set[str]:
    """Desk modules a module imports, lazy imports included, type-checking-only ones not.

    `from pkg import sub` counts as importing the submodule only: Python runs the package's
    `__init__` on the way, but that is the package re-exporting, not an arrow of ours.
    """
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if _is_type_checking(node.test):
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level or not node.module:
                return
            subs = {f"{node.module}.{a.name}" for a in node.names} & MODULES.keys()
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(node.module)

    Visitor().visit(ast.parse(source))
    return {name for name in found if name in MODULES}


GRAPH = {
    name: imports_of(path.read_text(encoding="utf-8")) - {name} for name, path in MODULES.items()
}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _part(module: str) -> str:
    """The package a module belongs to; the top-level modules (app, cli, paths) stand alone."""
    if module in PACKAGES or module.count(".") == 1:
        return module
    return module.rsplit(".", 1)[0]


def test_no_module_import_circles() -> None:
    """No two modules import each other, directly or round a longer circle."""
    assert _cycles(GRAPH) == []


def test_no_package_import_circles() -> None:
    """The parts of the product depend on each other one way only.

    A package's own `__init__` may reach into its subpackages (the request log's `open_log`
    chooses the store); every other arrow between two parts must not be answered by one back.
    """
    parts: dict[str, set[str]] = {}
    for module, deps in GRAPH.items():
        for dep in deps:
            a, b = _part(module), _part(dep)
            if a == b or (module in PACKAGES and b.startswith(module + ".")):
                continue
            parts.setdefault(a, set()).add(b)
    assert _cycles(parts) == []


# Who may import whom: a module under the key never imports one under any listed prefix.
FORBIDDEN = {
    "desk.core": ("desk.ui", "desk.app", "desk.cli", "desk.commands", "desk.tools"),
    "desk.commands": ("desk.ui", "desk.app", "desk.tools"),
    "desk.ui": ("desk.app", "desk.cli", "desk.commands", "desk.tools"),
    "desk.app": ("desk.cli", "desk.commands", "desk.tools"),
    "desk.paths": ("desk.core", "desk.ui", "desk.app", "desk.cli", "desk.commands", "desk.tools"),
    "desk.ui.widgets": ("desk.ui.policy", "desk.ui.requests", "desk.ui.staff", "desk.ui.lock"),
    "desk.ui.staff": ("desk.ui.policy", "desk.ui.requests", "desk.ui.main_window"),
    "desk.ui.lock": ("desk.ui.policy", "desk.ui.requests", "desk.ui.main_window"),
    "desk.ui.policy": ("desk.ui.requests", "desk.ui.main_window"),
    "desk.ui.requests": ("desk.ui.policy", "desk.ui.main_window"),
    "desk.core.language": ("desk.core.policy", "desk.core.search", "desk.core.danger"),
    "desk.core.danger": ("desk.core.search", "desk.core.policy", "desk.core.requests"),
    "desk.core.policy": ("desk.core.search", "desk.core.danger", "desk.core.requests"),
    "desk.core.requests": ("desk.core.policy", "desk.core.search", "desk.core.danger"),
    "desk.core.requests.export": ("desk.core.requests.sqlite", "desk.core.requests.postgres"),
}


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("importer", sorted(FORBIDDEN))
def test_no_upward_imports(importer: str) -> None:
    """Lower layers never import higher ones: core below ui and the CLI, ui below the app."""
    wrong = sorted(
        f"{module} imports {dep}"
        for module, deps in GRAPH.items()
        if _under(module, importer)
        for dep in deps
        if any(_under(dep, banned) for banned in FORBIDDEN[importer])
    )
    assert wrong == []


def test_nothing_in_the_app_imports_the_tools() -> None:
    """The screenshot tool is not part of the running app: nothing outside desk.tools imports it."""
    wrong = [
        m
        for m, deps in GRAPH.items()
        if not _under(m, "desk.tools") and any(_under(d, "desk.tools") for d in deps)
    ]
    assert wrong == []


def test_the_checker_sees_a_circle() -> None:
    """The circle finder finds a circle of three and ignores a chain."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_reader_sees_lazy_imports_and_skips_type_checking_ones() -> None:
    """A function-level import is an arrow; one under TYPE_CHECKING is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from desk.core.policy.book import PolicyBook\n"
        "def f():\n    from desk.core.policy import loader\n"
    )
    assert imports_of(source) == {"desk.core.policy.loader"}


def test_packages_say_what_they_hold_and_may_import() -> None:
    """Every package's __init__ docstring is one line naming what it may import."""
    for package in sorted(PACKAGES):
        path = MODULES[package]
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert doc and "\n" not in doc.strip(), f"{path}: one-line docstring"
        if package not in {"desk", "desk.core", "desk.ui", "desk.commands"}:
            assert "Imports" in doc or "import" in doc, f"{path}: say what it may import"


def test_modules_stay_small() -> None:
    """No module grows past about 400 lines (a longer one holds two ideas)."""
    long = {n: c for n, p in MODULES.items() if (c := len(p.read_text().splitlines())) > 420}
    assert long == {}


def test_top_levels_hold_a_handful() -> None:
    """desk/core and desk/ui keep only a handful of modules at their top level."""
    for folder in (DESK / "core", DESK / "ui"):
        top = [p.name for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(top) <= 5, f"{folder}: {top}"
