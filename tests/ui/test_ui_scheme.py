"""Desk's own light and dark palettes meet WCAG 2.2 contrast, and the setting picks one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desk.ui.settings.dialog import DeskSettings, SettingsDialog, read_settings, write_settings
from desk.ui.widgets import theme
from desk.ui.widgets.focus_ring import ring_colour
from desk.ui.widgets.scheme import (
    SchemeSwitch,
    contrast_ratio,
    dark_palette,
    light_palette,
)

R = QPalette.ColorRole
G = QPalette.ColorGroup
PALETTES = {"light": light_palette, "dark": dark_palette}
TEXT_ON = [
    (R.WindowText, R.Window),
    (R.Text, R.Base),
    (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button),
    (R.HighlightedText, R.Highlight),
    (R.ToolTipText, R.ToolTipBase),
    (R.PlaceholderText, R.Base),
    (R.Link, R.Base),
    (R.Link, R.Window),
]


@pytest.fixture
def app_palette(qapp) -> Iterator[QApplication]:
    """The application, with its palette put back afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = QPalette(app.palette())
    yield app
    app.setPalette(saved)


@pytest.mark.parametrize("name", PALETTES)
def test_text_meets_aa_contrast(name: str) -> None:
    """Every text colour has at least 4.5:1 against the background it is drawn on."""
    p = PALETTES[name]()
    for fg, bg in TEXT_ON:
        ratio = contrast_ratio(p.color(fg), p.color(bg))
        assert ratio >= 4.5, (name, fg.name, bg.name, round(ratio, 2))


@pytest.mark.parametrize("name", PALETTES)
def test_disabled_text_stays_readable(name: str) -> None:
    """Disabled buttons' words still read at 4.5:1 (the issue: they vanished in dark mode)."""
    p = PALETTES[name]()
    for fg, bg in [(R.ButtonText, R.Button), (R.WindowText, R.Window), (R.Text, R.Base)]:
        ratio = contrast_ratio(p.color(G.Disabled, fg), p.color(G.Disabled, bg))
        assert ratio >= 4.5, (name, fg.name, round(ratio, 2))


@pytest.mark.parametrize("name", PALETTES)
def test_borders_focus_and_controls_meet_three_to_one(name: str) -> None:
    """Frames, check boxes and the focus ring stand out 3:1 from what surrounds them."""
    p = PALETTES[name]()
    for bg in (R.Window, R.Base, R.Button):
        assert contrast_ratio(p.color(R.Mid), p.color(bg)) >= 3, (name, "Mid", bg.name)
        assert contrast_ratio(ring_colour(p), p.color(bg)) >= 3, (name, "ring", bg.name)
    assert contrast_ratio(p.color(R.Highlight), p.color(R.Base)) >= 3, name


@pytest.mark.parametrize("name", PALETTES)
def test_verdict_badges_and_strips_meet_contrast(name: str) -> None:
    """Badge words read at 4.5:1 on their fill; card borders show 3:1 against the window."""
    p = PALETTES[name]()
    window = p.color(R.Window)
    for kind in ("yes", "no", "conditional", "crisis", "crisis-alert", "warning", "guidance"):
        s = theme.swatch(kind, p)
        assert contrast_ratio(s.fg, s.bg) >= 4.5, (name, kind, "text")
        border = max(contrast_ratio(s.border, window), contrast_ratio(s.border, s.bg))
        assert border >= 3, (name, kind, "border", round(border, 2))


def test_contrast_ratio_matches_wcag_examples() -> None:
    """Black on white is 21:1, a colour on itself 1:1, and #767676 on white about 4.54:1."""
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast_ratio(QColor("#767676"), QColor("#767676")) == pytest.approx(1)
    assert contrast_ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


def test_setting_chooses_dark_light_or_system(app_palette: QApplication) -> None:
    """Dark and light apply Desk's palettes; system goes back to the desktop's own."""
    system = QPalette(app_palette.palette())
    switch = SchemeSwitch(app=app_palette, choice="dark")
    try:
        assert theme.is_dark(app_palette.palette())
        assert app_palette.palette().color(R.Window) == dark_palette().color(R.Window)
        switch.set_choice("light")
        assert app_palette.palette().color(R.Window) == light_palette().color(R.Window)
        switch.set_choice("system")
        assert app_palette.palette().color(R.Window) == system.color(R.Window)
    finally:
        switch.deleteLater()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_settings_dialog_saves_idle_minutes_and_colours_on_return(qtbot, tmp_path) -> None:
    """Return in the dialog saves; the values come back from the settings file."""
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    assert read_settings(settings) == DeskSettings(idle_minutes=5, scheme="system")
    dialog = SettingsDialog(current=read_settings(settings))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.idle.setValue(12)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
    dialog.idle.setFocus()
    qtbot.keyClick(dialog.idle, Qt.Key.Key_Return)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    write_settings(settings, dialog.chosen())
    again = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    assert read_settings(again) == DeskSettings(idle_minutes=12, scheme="dark")
