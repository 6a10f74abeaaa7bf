"""The crisis page over an open dialog: the same topic page, at its top, Esc to go back.

A dialog (a half-typed request, the release steps, the lock's staff picker) blocks the main
window, so F2 cannot switch tabs there. The crisis script holds no client data, so it opens
over whatever is in front; the dialog stays open behind it with its input kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desk.core.policy.book import PolicyBook

from desk.ui.policy.topic_view import TopicView

CRISIS_TOPIC = "crisis"


class CrisisPage(QDialog):
    """The crisis topic in its own window; Esc or Back returns to what was in front."""

    def __init__(self, *, book: PolicyBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisPage")
        self.setWindowTitle("Crisis \u2013 caller in danger")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # Copy buttons copy from this page; the email action never shows on the crisis topic.
        self.view = TopicView(book=book, copy_actions=[], email_action=QAction(self), parent=self)
        buttons = QDialogButtonBox(self)
        self.back_button = buttons.addButton("&Back (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.show_top(book)

    def show_top(self, book: PolicyBook) -> None:
        """Show the crisis topic from its top, sized to fit the screen it is on."""
        if book.has_topic(CRISIS_TOPIC):
            self.view.show_topic(book.topic(CRISIS_TOPIC))
        self.view.scroll_to_top()
        screen = QGuiApplication.primaryScreen()
        width, height = 720, 700
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width() - 40), min(height, area.height() - 40)
        self.resize(width, height)
