"""Verdict marks and colours that follow the system light or dark scheme.

Colour is never the only signal: every verdict also has a mark and a word. Colours are chosen
per scheme from the current palette, so text stays readable on both light and dark windows:
words on a badge meet 4.5:1 and its border 3:1 (WCAG 2.2; tests/ui/test_ui_scheme.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

VERDICT_MARK = {
    "yes": "\u2713",
    "no": "\u2717",
    "conditional": "\u25d0",
    "act-now": "\u203c",
    "why": "\u2139",
}
VERDICT_SHORT = {
    "yes": "Yes",
    "no": "No",
    "conditional": "Only if",
    "act-now": "Act now",
    "why": "Why",
}

GUIDANCE_TEXT = "Practice guidance \u2013 confirm with the office"
WARNING_MARK = "\u26a0"


@dataclass(frozen=True)
class Swatch:
    """A foreground/background pair for a badge or strip."""

    fg: QColor
    bg: QColor
    border: QColor


_LIGHT = {
    "yes": ("#116329", "#dcf5e3", "#4b9761"),
    "no": ("#a4161a", "#fde4e3", "#d26968"),
    "conditional": ("#7a4d00", "#fff0c7", "#aa812a"),
    "act-now": ("#ffffff", "#b3261e", "#8f1115"),
    "why": ("#1f4f8f", "#e3eefc", "#6289be"),
    "crisis": ("#8f1115", "#fde4e3", "#cb6b68"),
    "crisis-alert": ("#8f1115", "#fbd0ce", "#b3261e"),
    "warning": ("#6b4400", "#fff3cd", "#ab8630"),
    "guidance": ("#1f4f8f", "#e3eefc", "#6289be"),
}
_DARK = {
    "yes": ("#8ee6a8", "#163a22", "#39774b"),
    "no": ("#ffaaa3", "#4a1c1a", "#a6544e"),
    "conditional": ("#f7d36b", "#3f3210", "#826825"),
    "act-now": ("#ffffff", "#a52a24", "#ff8a80"),
    "why": ("#a9c8f5", "#1b2d47", "#4e6e9c"),
    "crisis": ("#ffb3ad", "#4f1a18", "#ab514c"),
    "crisis-alert": ("#ffb3ad", "#6a1f1c", "#ff8a80"),
    "warning": ("#f7d36b", "#3d3110", "#826825"),
    "guidance": ("#a9c8f5", "#1b2d47", "#4e6e9c"),
}


def is_dark(palette: QPalette) -> bool:
    """Whether the palette is a dark scheme (light text on a dark window)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def swatch(kind: str, palette: QPalette) -> Swatch:
    """Colours for a verdict (`yes`, `no`, `conditional`, `act-now`, `why`) or `crisis`,
    `warning`, `guidance`."""
    fg, bg, border = (_DARK if is_dark(palette) else _LIGHT)[kind]
    return Swatch(QColor(fg), QColor(bg), QColor(border))


def muted_text(palette: QPalette, *, selected: bool = False, on_window: bool = False) -> QColor:
    """Secondary text colour: the text colour blended 72% into its background.

    The background is a list's or field's base, the selection (`selected`), or the window
    itself (`on_window`: labels and marks drawn straight on a dialog or page).
    """
    role = QPalette.ColorRole
    if selected:
        fg_role, bg_role = role.HighlightedText, role.Highlight
    elif on_window:
        fg_role, bg_role = role.WindowText, role.Window
    else:
        fg_role, bg_role = role.Text, role.Base
    fg, bg = palette.color(fg_role).toRgb(), palette.color(bg_role).toRgb()
    mixed = QColor()
    mixed.setRgbF(
        bg.redF() + (fg.redF() - bg.redF()) * 0.72,
        bg.greenF() + (fg.greenF() - bg.greenF()) * 0.72,
        bg.blueF() + (fg.blueF() - bg.blueF()) * 0.72,
    )
    return mixed
