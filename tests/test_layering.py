"""The core and the CLI stay free of Qt."""

from __future__ import annotations

import subprocess
import sys


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
