"""Light, dark or the system's choice: Desk's own palettes and the setting that picks one.

Qt's dark palettes vary by platform and style, and some leave card borders, check boxes and
disabled buttons close to invisible. When the system (or the setting) asks for dark, Desk uses
its own dark palette, whose text meets WCAG 2.2 AA (4.5:1) and whose borders and controls meet
3:1 against the window; tests compute every ratio. "System" follows the desktop live.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SETTINGS_KEY = "appearance/scheme"
SCHEMES = ("system", "light", "dark")
SCHEME_WORDS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}

_R = QPalette.ColorRole
_DARK = {
    _R.Window: "#1e2023",
    _R.WindowText: "#e8eaed",
    _R.Base: "#15171a",
    _R.AlternateBase: "#23262a",
    _R.Text: "#e8eaed",
    _R.Button: "#2c2f34",
    _R.ButtonText: "#e8eaed",
    _R.BrightText: "#ffffff",
    _R.Light: "#9aa0a6",
    _R.Midlight: "#80868b",
    _R.Mid: "#80868b",
    _R.Dark: "#0c0d0f",
    _R.Shadow: "#000000",
    _R.Highlight: "#2f66b3",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#8ab4f8",
    _R.LinkVisited: "#d7aefb",
    _R.ToolTipBase: "#2c2f34",
    _R.ToolTipText: "#e8eaed",
    _R.PlaceholderText: "#a3a9b0",
}
_DARK_DISABLED = {
    _R.WindowText: "#9aa0a6",
    _R.Text: "#9aa0a6",
    _R.ButtonText: "#9aa0a6",
    _R.Highlight: "#3c4043",
    _R.HighlightedText: "#c4c7c5",
}
_LIGHT = {
    _R.Window: "#efefef",
    _R.WindowText: "#1b1b1b",
    _R.Base: "#ffffff",
    _R.AlternateBase: "#f5f6f7",
    _R.Text: "#1b1b1b",
    _R.Button: "#f4f4f4",
    _R.ButtonText: "#1b1b1b",
    _R.BrightText: "#ffffff",
    _R.Light: "#ffffff",
    _R.Midlight: "#cacaca",
    _R.Mid: "#767676",
    _R.Dark: "#5f5f5f",
    _R.Shadow: "#000000",
    _R.Highlight: "#1f5fae",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#0b57d0",
    _R.LinkVisited: "#7a2fb3",
    _R.ToolTipBase: "#ffffdc",
    _R.ToolTipText: "#1b1b1b",
    _R.PlaceholderText: "#6b6b6b",
}
_LIGHT_DISABLED = {
    _R.WindowText: "#6b6b6b",
    _R.Text: "#6b6b6b",
    _R.ButtonText: "#6b6b6b",
    _R.Highlight: "#d0d0d0",
    _R.HighlightedText: "#1b1b1b",
}


def _palette(
    colours: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]
) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    """Desk's dark palette."""
    return _palette(_DARK, _DARK_DISABLED)


def light_palette() -> QPalette:
    """Desk's light palette, used when the setting asks for light on a dark desktop."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2.2 contrast ratio between two opaque colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        rgb = colour.toRgb()
        return (
            0.2126 * channel(rgb.redF())
            + 0.7152 * channel(rgb.greenF())
            + 0.0722 * channel(rgb.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def saved_scheme(settings: QSettings) -> str:
    """The scheme setting; anything unknown means "system"."""
    value = settings.value(SETTINGS_KEY, "system")
    return value if isinstance(value, str) and value in SCHEMES else "system"


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


class SchemeSwitch(QObject):
    """Applies the chosen scheme to the application, and follows the desktop on "system"."""

    def __init__(
        self, *, app: QApplication, choice: str = "system", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._choice = choice
        self._system_palette = QPalette(app.palette())
        # A bound slot, so Qt drops the connection when this object goes.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == "system":
            self.apply()

    @property
    def choice(self) -> str:
        return self._choice

    def set_choice(self, choice: str) -> None:
        self._choice = choice if choice in SCHEMES else "system"
        self.apply()

    def dark(self) -> bool:
        """Whether the dark palette is the one in use now."""
        if self._choice == "system":
            return system_is_dark()
        return self._choice == "dark"

    def apply(self) -> None:
        if self.dark():
            self._app.setPalette(dark_palette())
        elif self._choice == "light":
            self._app.setPalette(light_palette())
        else:
            self._app.setPalette(self._system_palette)
