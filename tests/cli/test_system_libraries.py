"""Before Qt starts, Desk names the system packages its X11 plugin lacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.system_libraries import (
    DEBIAN_PACKAGES,
    _dlopen,
    explain,
    first_platform,
    missing_libraries,
    platform_problem,
)

PLUGIN = Path("/opt/qt/plugins/platforms/libqxcb.so")


def _loader(absent: set[str], *, plugin_error: str | None = None):
    """A dynamic loader on a system without `absent`; the plugin fails as the real one does."""

    def load(name: str) -> str | None:
        if name == str(PLUGIN):
            if plugin_error is not None:
                return plugin_error
            if not absent:
                return None
            return f"{sorted(absent)[0]}: cannot open shared object file: No such file or directory"
        return f"{name}: cannot open shared object file" if name in absent else None

    return load


def test_message_names_the_packages_to_install() -> None:
    """The message lists each missing library and one apt-get line with its packages."""
    text = explain(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "libxcb-icccm.so.4" in text and "libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "libxcb-cursor0" not in text
    assert text.startswith("desk: error:")


def test_all_missing_libraries_are_found_not_only_the_first() -> None:
    """The loader names one library; every absent one the plugin needs is reported."""
    load = _loader({"libxcb-icccm.so.4", "libxcb-keysyms.so.1"})
    assert missing_libraries(PLUGIN, load=load) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_libraries(PLUGIN, load=_loader(set(), plugin_error=None)) == []


def test_unknown_library_is_still_named() -> None:
    """A library outside the table is named from the loader's message, with no package guess."""
    load = _loader(set(), plugin_error="libfoo-bar.so.2: cannot open shared object file: No such")
    missing = missing_libraries(PLUGIN, load=load)
    assert missing == ["libfoo-bar.so.2"]
    text = explain(missing)
    assert "libfoo-bar.so.2" in text and "apt-get" not in text


def test_plugin_that_loads_means_no_message() -> None:
    """With every library present there is nothing to say, and the table is not probed."""
    probed: list[str] = []

    def load(name: str) -> str | None:
        probed.append(name)
        return None

    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    assert platform_problem(env, plugin=PLUGIN, load=load) is None
    assert probed == [str(PLUGIN)]


def test_only_the_x11_plugin_is_checked() -> None:
    """Offscreen, Wayland sessions and other platforms skip the check; no display is named."""
    absent = _loader(set(DEBIAN_PACKAGES))
    for env in (
        {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "wayland;xcb"},
    ):
        assert platform_problem(env, plugin=PLUGIN, load=absent) is None, env
    assert first_platform({"QT_QPA_PLATFORM": "xcb:dpi=96"}) == "xcb"
    if sys.platform.startswith("linux"):
        message = platform_problem({}, plugin=PLUGIN, load=absent)
        assert message is not None and "DISPLAY" in message
        message = platform_problem({"DISPLAY": ":0"}, plugin=PLUGIN, load=absent)
        assert message is not None and "libxcb-cursor0" in message


def test_desk_prints_the_message_instead_of_starting_qt(tmp_path: Path) -> None:
    """`desk` with a plugin the loader rejects exits 1 with the message and never loads Qt."""
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import desk.system_libraries as s\n"
        f"s.xcb_plugin = lambda: Path({str(broken)!r})\n"
        "from desk.cli import main\n"
        "code = main([])\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6.')))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    if not sys.platform.startswith("linux"):
        return
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("desk: error: the window cannot open")
    assert "display plugin does not load" in result.stderr
    assert "invalid ELF header" in result.stderr or "too short" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == "[]"


def test_standalone_builds_wrapped_loader_message_is_unwrapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The standalone build's ctypes wraps the loader's message; the original is what is read."""
    import ctypes

    def wrapped(name: str) -> None:
        try:
            raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")
        except OSError as err:
            raise OSError(f"Failed to load dynlib/dll {name!r}") from err

    monkeypatch.setattr(ctypes, "CDLL", wrapped)
    assert _dlopen("libqxcb.so").startswith("libxcb-icccm.so.4: cannot open")
    assert "libxcb-icccm.so.4" in missing_libraries(PLUGIN, load=_dlopen)
