"""Settings staff may change from the window: the idle-lock minutes and light or dark.

Both are workstation settings kept in the window's settings file (never client data).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.ui.lock.idle import MAX_MINUTES, MIN_MINUTES, idle_timeout
from desk.ui.lock.idle import SETTINGS_KEY as IDLE_KEY
from desk.ui.widgets.scheme import SCHEME_WORDS, SCHEMES, saved_scheme
from desk.ui.widgets.scheme import SETTINGS_KEY as SCHEME_KEY


@dataclass(frozen=True, kw_only=True)
class DeskSettings:
    """What the dialog edits."""

    idle_minutes: int
    scheme: str


def read_settings(settings: QSettings) -> DeskSettings:
    return DeskSettings(
        idle_minutes=int(idle_timeout(settings).total_seconds() // 60),
        scheme=saved_scheme(settings),
    )


def write_settings(settings: QSettings, chosen: DeskSettings) -> None:
    settings.setValue(IDLE_KEY, chosen.idle_minutes)
    settings.setValue(SCHEME_KEY, chosen.scheme)
    settings.sync()


class SettingsDialog(QDialog):
    """Idle-lock minutes and the colour scheme; Return saves (nothing here is destructive)."""

    def __init__(self, *, current: DeskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Desk settings")
        self.idle = QSpinBox(self)
        self.idle.setRange(MIN_MINUTES, MAX_MINUTES)
        self.idle.setSuffix(" minutes")
        self.idle.setValue(current.idle_minutes)
        self.idle.setAccessibleName("Lock after idle minutes")
        self.scheme = QComboBox(self)
        for scheme in SCHEMES:
            self.scheme.addItem(SCHEME_WORDS[scheme], scheme)
        self.scheme.setCurrentIndex(SCHEMES.index(current.scheme))
        self.scheme.setAccessibleName("Colours")
        form = QFormLayout()
        idle_label = QLabel("&Lock email requests after", self)
        idle_label.setBuddy(self.idle)
        scheme_label = QLabel("&Colours", self)
        scheme_label.setBuddy(self.scheme)
        form.addRow(idle_label, self.idle)
        form.addRow(scheme_label, self.scheme)
        note = QLabel(
            "The lock hides client details when nobody has used Desk for this long.", self
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.idle.setFocus()

    def chosen(self) -> DeskSettings:
        return DeskSettings(idle_minutes=self.idle.value(), scheme=str(self.scheme.currentData()))

    @classmethod
    def ask(cls, *, current: DeskSettings, parent: QWidget | None = None) -> DeskSettings | None:
        dialog = cls(current=current, parent=parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
