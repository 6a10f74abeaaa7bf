"""Render the main screens to PNG, offscreen: `python -m desk.tools.screenshots OUTDIR`.

The screens are the real window built by `desk.app.build`, driven the way staff drive it
(typing a caller's question), on throw-away settings and data folders so nothing of the
user's is read or written.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desk import app as desk_app
from desk.paths import bundled_policy_dir

from desk.ui.main_window import MainWindow
from desk.ui.widgets.scheme import dark_palette

SIZE = (1280, 800)


def _settle() -> None:
    # Item views lay out on a zero timer; a few rounds let every deferred layout run.
    for _ in range(5):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def _broken_policy(tmp: Path) -> Path:
    """A copy of the bundled policy with one typo, as an office manager might make."""
    folder = tmp / "practice-policy"
    shutil.copytree(bundled_policy_dir(), folder)
    topic = folder / "topics" / "texting.yaml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("verdict: no", "verdict: nope", 1), encoding="utf-8")
    return folder


def _shoot(
    out: Path,
    name: str,
    tmp: Path,
    *,
    query: str = "",
    policy_dir: Path | None = None,
    then: Callable[[MainWindow], None] | None = None,
) -> Path:
    run = Path(tempfile.mkdtemp(dir=tmp))
    _app, window = desk_app.build(
        policy_dir=policy_dir, data_dir=run / "data", settings_path=run / "desk.ini"
    )
    window.show()
    _settle()
    # After the first paint: the window has fitted itself to the (offscreen) screen by then.
    window.resize(*SIZE)
    _settle()
    if query:
        window.policy_tab.search_field.setText(query)
    if then is not None:
        then(window)
    _settle()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    window.close()
    window.deleteLater()
    _settle()
    return path


def _danger_and_scope_screens(out: Path, tmp: Path) -> list[Path]:
    """The danger strip (from the rules and from the learned reader), a question the policy is
    silent on, the new verdicts, and F2 over a dialog."""
    return [
        _shoot(
            out,
            "danger-strip",
            tmp,
            query=(
                "can you leave her a message, my neighbour's little girl has been sitting on "
                "the curb by herself since lunch and nobody answers their door"
            ),
        ),
        _shoot(
            out,
            "danger-learned",
            tmp,
            query=(
                "can you ask my counselor to call me back, my husband has been sleeping in his "
                "car and he left his wedding ring and his wallet on the kitchen table"
            ),
        ),
        _shoot(out, "not-covered", tmp, query="i need to cancel my appointment for thursday"),
        _shoot(out, "verdict-why", tmp, query="who made these rules and why"),
        _crisis_over_dialog(out, tmp),
    ]


def _crisis_over_dialog(out: Path, tmp: Path) -> Path:
    """F2 pressed in the policy-folder dialog: the crisis page opens over it."""
    from desk.paths import PolicyChoice

    from desk.ui.crisis.page import CrisisPage
    from desk.ui.policy.folder_dialog import PolicyFolderDialog

    run = Path(tempfile.mkdtemp(dir=tmp))
    _app, window = desk_app.build(data_dir=run / "data", settings_path=run / "desk.ini")
    window.resize(*SIZE)
    window.show()
    dialog = PolicyFolderDialog(current=PolicyChoice(folder=None, origin="bundled"), parent=window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    dialog.activateWindow()
    _settle()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog.field, press)
    _settle()
    page = dialog.findChild(CrisisPage)
    assert page is not None, "F2 did not open the crisis page over the dialog"
    path = out / "crisis-over-dialog.png"
    page.grab().save(str(path))
    page.close()
    dialog.close()
    window.close()
    window.deleteLater()
    _settle()
    return path


def render(out: Path) -> list[Path]:
    """Write every screen to `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    # The platform is read when the application is created, not at import.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Screens show the bundled policy unless a screen asks for another folder.
    os.environ.pop("DESK_POLICY_DIR", None)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    # Fusion renders the same everywhere, so the pictures do not depend on the desktop.
    style = app.style().name()
    app.setStyle("Fusion")
    light = app.palette()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as name:
        tmp = Path(name)
        written.append(_shoot(out, "policy-answers", tmp, query="can i text my counselor"))
        written.append(_shoot(out, "email-topic", tmp, query="whats her email address"))
        written.append(_shoot(out, "crisis", tmp, query="my son says he wants to kill himself"))
        written.append(
            _shoot(out, "crisis-key", tmp, query="can i", then=lambda w: w.crisis_action.trigger())
        )
        written.append(_shoot(out, "broken-policy", tmp, policy_dir=_broken_policy(tmp)))
        written.extend(_danger_and_scope_screens(out, tmp))
        app.setPalette(dark_palette())
        written.append(
            _shoot(out, "dark-scheme", tmp, query="can we do this week's session by phone")
        )
        app.setPalette(light)
        from desk.tools.request_screens import render_request_screens

        written.extend(render_request_screens(out))
    app.setStyle(style)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desk.tools.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
