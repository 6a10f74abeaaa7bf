"""Settings staff may change from the window: idle-lock minutes, light or dark, the shared log.

All are workstation settings kept in the window's settings file (never client data, never a
password: a shared log's URL with one is refused, libpq's own pgpass or service file holds it).
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
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError

from desk.ui.lock.idle import MAX_MINUTES, MIN_MINUTES, idle_timeout
from desk.ui.lock.idle import SETTINGS_KEY as IDLE_KEY
from desk.ui.widgets.scheme import SCHEME_WORDS, SCHEMES, saved_scheme
from desk.ui.widgets.scheme import SETTINGS_KEY as SCHEME_KEY


@dataclass(frozen=True, kw_only=True)
class DeskSettings:
    """What the dialog edits."""

    idle_minutes: int
    scheme: str
    database: str = ""
    """The shared log's URL; blank for this desk's own log. Used from the next start."""


DATABASE_KEY = "log/database"


def saved_database(settings: QSettings) -> str | None:
    """The shared log chosen in the window, or None for this desk's own log."""
    value = settings.value(DATABASE_KEY, "")
    return value.strip() or None if isinstance(value, str) else None


def read_settings(settings: QSettings) -> DeskSettings:
    return DeskSettings(
        idle_minutes=int(idle_timeout(settings).total_seconds() // 60),
        scheme=saved_scheme(settings),
        database=saved_database(settings) or "",
    )


def write_settings(settings: QSettings, chosen: DeskSettings) -> None:
    settings.setValue(IDLE_KEY, chosen.idle_minutes)
    settings.setValue(SCHEME_KEY, chosen.scheme)
    settings.setValue(DATABASE_KEY, chosen.database.strip())
    settings.sync()


def database_problem(url: str) -> str | None:
    """Why a shared log's URL cannot be kept (a password in it, say), or None if it can."""
    if not url.strip():
        return None
    from desk.core.requests.postgres.connection import check_url

    try:
        check_url(url)
    except DeskError as exc:
        return str(exc)
    return None


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
        self.database = QLineEdit(current.database, self)
        self.database.setPlaceholderText("blank: this desk's own log")
        self.database.setAccessibleName("Shared log (PostgreSQL URL)")
        # Room for a whole postgresql://USER@SERVER/DATABASE without scrolling sideways.
        self.database.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        database_label = QLabel("Shared &log", self)
        database_label.setBuddy(self.database)
        form.addRow(idle_label, self.idle)
        form.addRow(scheme_label, self.scheme)
        form.addRow(database_label, self.database)
        note = QLabel(
            "The lock hides client details when nobody has used Desk for this long. A shared "
            "log (postgresql://SERVER/DATABASE, no password) is opened from the next start; "
            "--database or DESK_DATABASE take precedence.",
            self,
        )
        note.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.idle.setFocus()

    def _save(self) -> None:
        problem = database_problem(self.database.text())
        if problem is not None:
            self.problem.setText(f"\u26a0 Shared log: {problem}")
            self.problem.show()
            self.adjustSize()  # grow for the message rather than squeeze the form
            self.database.setFocus()
            return
        self.accept()

    def chosen(self) -> DeskSettings:
        return DeskSettings(
            idle_minutes=self.idle.value(),
            scheme=str(self.scheme.currentData()),
            database=self.database.text().strip(),
        )

    @classmethod
    def ask(cls, *, current: DeskSettings, parent: QWidget | None = None) -> DeskSettings | None:
        dialog = cls(current=current, parent=parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
