"""Small widgets and theme rules the policy pages are built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from desk.core.policy.book import VERDICTS
from desk.tools.screenshots import dark_palette

from desk.ui.policy.search_field import SearchField
from desk.ui.policy.topic_list import wrap_lines
from desk.ui.widgets.parts import CheckRow, Pill
from desk.ui.widgets.theme import VERDICT_MARK, VERDICT_SHORT, is_dark, muted_text, swatch

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    rgb = c.toRgb()
    return (
        0.2126 * channel(rgb.redF())
        + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    return p


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "kind", ["yes", "no", "conditional", "crisis", "crisis-alert", "warning", "guidance"]
)
def test_swatches_are_readable_in_both_schemes(qapp, scheme: str, kind: str) -> None:
    """Verdict and strip colours keep text at WCAG AA contrast (4.5:1) in light and dark."""
    palette = _light_palette() if scheme == "light" else dark_palette()
    assert is_dark(palette) == (scheme == "dark")
    s = swatch(kind, palette)
    assert _contrast(s.fg, s.bg) >= 4.5
    text = palette.color(QPalette.ColorRole.Text)
    assert _contrast(text, s.bg) >= 4.5, "strip labels use the palette's own text colour"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_muted_text_stays_readable(qapp, scheme: str) -> None:
    """Secondary text (answers in the list, headings) keeps 4.5:1 on its background."""
    palette = _light_palette() if scheme == "light" else dark_palette()
    assert _contrast(muted_text(palette), palette.color(QPalette.ColorRole.Base)) >= 4.5


def test_verdicts_differ_without_colour() -> None:
    """Each verdict has its own mark and word, so colour is never the only signal."""
    assert len(set(VERDICT_MARK.values())) == len(VERDICT_MARK) == len(VERDICTS) == 5
    assert len(set(VERDICT_SHORT.values())) == 5
    assert set(VERDICT_MARK) == set(VERDICT_SHORT) == set(VERDICTS)


def test_pill_sizes_to_its_text(qtbot) -> None:
    """A verdict pill is wide enough for its whole label at the current font."""
    pill = Pill("\u25d0 Only if the counselor approves in advance", kind="conditional")
    qtbot.addWidget(pill)
    assert pill.sizeHint().width() > pill.fontMetrics().horizontalAdvance(pill.text())
    pill.resize(pill.sizeHint())
    assert not pill.grab().isNull()


def test_check_row_toggles_from_its_text(qtbot) -> None:
    """Clicking the words of a checklist item ticks it, as clicking the box does."""
    row = CheckRow("Confirm who you are speaking with", guidance=True)
    qtbot.addWidget(row)
    row.show()
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert row.checked
    qtbot.mouseClick(row.box, Qt.MouseButton.LeftButton)
    assert not row.checked
    assert "practice guidance" in row.box.accessibleName()


def test_check_row_escapes_policy_text(qtbot) -> None:
    """Policy text with markup characters shows literally, never as rich text."""
    row = CheckRow("Say <b>no</b> & move on")
    qtbot.addWidget(row)
    assert "&lt;b&gt;" in row.label.text()


def _override(field: SearchField, key: Qt.Key, mods: Qt.KeyboardModifier) -> bool:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, mods)
    event.ignore()
    QApplication.sendEvent(field, event)
    return event.isAccepted()


def test_reserved_keys_beat_line_edit_bindings(qtbot) -> None:
    """A window shortcut wins over a key the line edit would otherwise claim (here Ctrl+C)."""
    field = SearchField()
    qtbot.addWidget(field)
    field.setText("some text")
    field.selectAll()
    ctrl = Qt.KeyboardModifier.ControlModifier
    assert _override(field, Qt.Key.Key_C, ctrl), "QLineEdit claims Ctrl+C for copying"
    field.set_reserved_keys([QKeySequence("Ctrl+C")])
    assert not _override(field, Qt.Key.Key_C, ctrl)


def test_wrap_lines_elides_the_last_line(qapp) -> None:
    """Long answers in the checklist wrap to at most two lines and end with an ellipsis."""
    font = QFont(QApplication.font())
    text = "word " * 200
    lines = wrap_lines(text, font, 200, 2)
    assert len(lines) == 2
    assert lines[-1].endswith("\u2026")
    assert wrap_lines("short", font, 200, 2) == ["short"]


def test_screenshots_render_every_screen(qapp, tmp_path: Path) -> None:
    """`make screenshots` writes every screen (main windows at 1280x800) and restores the app."""
    from PySide6.QtGui import QImage

    from desk.tools import screenshots

    style = qapp.style().name()
    palette = qapp.palette()
    written = screenshots.render(tmp_path)
    names = {p.stem for p in written}
    main_screens = {"policy-answers", "email-topic", "crisis", "broken-policy", "dark-scheme"}
    assert main_screens <= names
    assert {"requests-tab", "requests-tab-privacy", "requests-locked"} <= names
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path
        if path.stem in main_screens:
            assert (image.width(), image.height()) == (1280, 800)
    assert qapp.style().name() == style
    assert qapp.palette() == palette
