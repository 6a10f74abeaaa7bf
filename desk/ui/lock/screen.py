"""What the requests tab shows while locked: no client data, one way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desk.ui.widgets.controls import heading, hint, padlock
from desk.ui.widgets.theme import muted_text


class LockScreen(QWidget):
    """Replaces the table and detail pane until staff pick themselves again.

    Signals:
        unlock_requested(): staff want to pick who is at the desk.
    """

    unlock_requested = Signal()

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.title = heading("Email requests are locked", parent=self, scale=1.6)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = hint("", parent=self)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton("&Unlock: pick who is at the desk\u2026", self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setMinimumHeight(40)
        self.unlock_button.setStyleSheet("QPushButton { padding: 0.4em 1.6em; }")
        self.unlock_button.clicked.connect(self.unlock_requested)
        mark = QLabel(self)
        mark.setPixmap(padlock(72, muted_text(self.palette(), on_window=True)))
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark.setAccessibleName("Locked")

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(mark)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addSpacing(16)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.set_reason(idle=True)

    def set_reason(self, *, idle: bool) -> None:
        """Say why: idle time, or nobody has picked themselves yet."""
        self.reason.setText(
            "Client details are hidden because the desk was idle. Pick yourself to carry on."
            if idle
            else "Client details are hidden until you say who is at the desk."
        )
