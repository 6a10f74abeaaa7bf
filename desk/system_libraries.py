"""Before the window opens on Linux: can Qt's X11 (xcb) platform plugin load?

When a system library the plugin needs is missing, Qt aborts with a message that names one
library, often not the missing one. Desk checks first and names the packages to install.
The check opens the plugin with the dynamic loader, as Qt would; the libraries it loads are the
ones Qt loads next anyway, so it costs the start-up nothing noticeable. Qt-free.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: Every system library the xcb plugin (and the Qt libraries under it) links to, beyond what
#: any Linux desktop has (libc, libstdc++, zlib...), with the Debian/Ubuntu package that ships it.
#: Read off `ldd` of PySide6's `Qt/plugins/platforms/libqxcb.so` and `Qt/lib/libQt6*.so.6`.
DEBIAN_PACKAGES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

_SONAME = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")

#: Opens a shared library; returns None when it loads, else the loader's message.
Loader = Callable[[str], "str | None"]


def _dlopen(name: str) -> str | None:
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError as err:
        # The standalone build's ctypes wraps the loader's message; the original is the cause.
        cause = err.__cause__
        return str(cause if isinstance(cause, OSError) else err)
    return None


def first_platform(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt tries first: `QT_QPA_PLATFORM`, else by the session type."""
    asked = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if asked:
        return asked
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def xcb_plugin() -> Path | None:
    """PySide6's xcb plugin, found without importing Qt; None if this PySide6 has none there."""
    from importlib.util import find_spec

    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path, *, load: Loader = _dlopen) -> list[str]:
    """The shared libraries the plugin cannot find; empty when it loads.

    The loader names only the first library it misses, so each known one is tried as well.
    """
    error = load(str(plugin))
    if error is None:
        return []
    missing = [name for name in DEBIAN_PACKAGES if load(name) is not None]
    named = _SONAME.search(error)
    if named and named.group(1) not in missing:
        missing.append(named.group(1))
    if not missing:
        # Not a missing library (a broken file, a wrong architecture): say what the loader said.
        missing.append(error)
    return missing


def _is_library(name: str) -> bool:
    return re.fullmatch(r"lib[\w.+-]+\.so(?:\.\d+)*", name) is not None


def explain(missing: Sequence[str]) -> str:
    """What to tell a person whose system lacks `missing` (sonames from `missing_libraries`)."""
    if not any(_is_library(name) for name in missing):
        return (
            "desk: error: the window cannot open: Qt's X11 display plugin does not load: "
            + "; ".join(missing)
        )
    known = [DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES]
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    lines = [
        "desk: error: the window cannot open: Qt's X11 display plugin needs system libraries "
        "that are not installed:",
        *(f"  {name}" for name in missing),
    ]
    if known:
        lines += [
            "On Debian or Ubuntu, install them with:",
            "  sudo apt-get install " + " ".join(dict.fromkeys(known)),
            "On other systems, install the packages that provide these libraries.",
        ]
    if unknown:
        lines.append("Install the package that provides " + ", ".join(unknown) + ".")
    lines.append("The command line (desk ask, desk policy check, desk requests) works as it is.")
    return "\n".join(lines)


def platform_problem(
    environ: Mapping[str, str] | None = None,
    *,
    plugin: Path | None = None,
    load: Loader = _dlopen,
) -> str | None:
    """A message for the person at the desk if Qt's display plugin will not start, else None.

    Only Linux's X11 plugin is checked: Windows and macOS ship what Qt needs, and Qt's own
    message is already clear for the other plugins.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or first_platform(env) != "xcb":
        return None
    if not env.get("DISPLAY"):
        return (
            "desk: error: the window cannot open: no X display (DISPLAY is not set). "
            "Start Desk from the desktop; the command line works without one."
        )
    found = plugin if plugin is not None else xcb_plugin()
    if found is None:
        return None
    missing = missing_libraries(found, load=load)
    return explain(missing) if missing else None
