"""Render the whole window on the screens front desks have: `python -m desk.tools.screen_sizes OUT`.

Each screen runs in its own process, because Qt reads the screen's size and scale when the
application starts: the offscreen platform is given a screen of that size (a JSON config file)
and `QT_SCALE_FACTOR` for 150%. The window opens at its default size, as staff would first see
it; each picture is the whole screen with the window where the window manager would put it, so
a window that does not fit shows as cut off. Throw-away data and settings only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# name, screen width and height in device pixels, scale factor
SCREENS = (
    ("1024x768", 1024, 768, 1.0),
    ("1366x768", 1366, 768, 1.0),
    ("1920x1080-150", 1920, 1080, 1.5),
)


def render(
    out: Path,
    *,
    screens: tuple[tuple[str, int, int, float], ...] = SCREENS,
    schemes: tuple[str, ...] = ("light", "dark"),
) -> list[Path]:
    """Write every screen size, light and dark, to `out`; returns the files written.

    Raises RuntimeError if the window does not fit a screen, frame included.
    """
    out = out.resolve()  # each screen runs in a scratch folder
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="desk-sizes-") as name:
        tmp = Path(name)
        for label, width, height, scale in screens:
            config = tmp / f"{label}.json"
            screen = {"name": label, "x": 0, "y": 0, "width": width, "height": height}
            screen |= {"logicalDpi": 96, "dpr": 1}
            config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
            env = dict(os.environ)
            env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
            env["QT_SCALE_FACTOR"] = str(scale)
            env.pop("DESK_POLICY_DIR", None)
            for scheme in schemes:
                cmd = [
                    sys.executable,
                    "-m",
                    "desk.tools.screen_sizes",
                    "--one",
                    str(out),
                    label,
                    scheme,
                ]
                done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
                if done.returncode != 0:
                    raise RuntimeError(f"{label} {scheme}: {done.stderr.strip()[-2000:]}")
                written += [Path(line) for line in done.stdout.split()]
    return written


def _one(out: Path, label: str, scheme: str) -> list[Path]:
    """In a process whose screen is already set: the policy tab on F2, then the requests tab."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from desk import app as desk_app
    from desk.core.requests import open_log
    from desk.tools.request_screens import _Clock, fill_sample_log

    from desk.ui.requests.tab import RequestsTab
    from desk.ui.widgets.outlines import OutlinedStyle
    from desk.ui.widgets.scheme import SETTINGS_KEY

    def settle(rounds: int = 8) -> None:
        for _ in range(rounds):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    from datetime import UTC, datetime

    tmp = Path(tempfile.mkdtemp(prefix="desk-size-"))
    clock = _Clock(datetime(2026, 11, 2, 15, 40, tzinfo=UTC))
    log = open_log(tmp / "data", clock=clock, workstation="FRONT-DESK-1")
    fill_sample_log(log, clock)
    log.close()
    settings = QSettings(str(tmp / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTINGS_KEY, scheme)
    settings.sync()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle(OutlinedStyle("Fusion"))
    _app, window = desk_app.build(data_dir=tmp / "data", settings_path=tmp / "desk.ini")
    window.show()
    while not isinstance(window.tabs.widget(1), RequestsTab):
        settle(1)
    settle()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    if not screen.availableGeometry().contains(window.frameGeometry()):
        raise SystemExit(f"the window {window.frameGeometry()} does not fit {label}")

    def shoot(name: str) -> Path:
        settle()
        scale = screen.devicePixelRatio()
        size = screen.geometry().size() * scale
        picture = QImage(size, QImage.Format.Format_RGB32)
        picture.fill(0x202020)
        painter = QPainter(picture)
        painter.scale(scale, scale)
        painter.drawPixmap(window.geometry().topLeft(), window.grab())
        painter.end()
        path = out / f"screen-{label}{'-dark' if scheme == 'dark' else ''}-{name}.png"
        picture.save(str(path))
        return path

    written = []
    window.crisis_action.trigger()
    written.append(shoot("crisis"))
    tab = window.tabs.widget(1)
    assert isinstance(tab, RequestsTab)
    reopened = tab.log
    tab.prompter.ask_staff = lambda **_kw: reopened.get_staff("maria")  # type: ignore[method-assign]
    window.tabs.setCurrentWidget(tab)
    tab.unlock()
    tab.model.wait_loaded()
    settle()
    tab.table.selectRow(1)
    tab.table.setFocus()
    tab.reads.wait_idle(5000)
    settle(20)
    written.append(shoot("requests"))
    window.close()
    settle()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 4 and args[0] == "--one":
        for path in _one(Path(args[1]), args[2], args[3]):
            print(path)
        return 0
    if len(args) != 1:
        print("usage: python -m desk.tools.screen_sizes OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
