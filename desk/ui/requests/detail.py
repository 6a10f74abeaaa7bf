"""The detail pane: one request's facts and its full history in plain words.

In privacy mode the client's name shows only while staff hold "Show name" or have moved the
keyboard focus into this pane; everywhere else it is masked.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import Event, Request

from desk.ui.requests.status import StatusPill
from desk.ui.requests.words import (
    HOW_WORDS,
    METHOD_WORDS,
    VIA_WORDS,
    NameBook,
    describe_event,
    format_full,
    mask_name,
)
from desk.ui.widgets.controls import HoldButton, heading

EMPTY_TEXT = "Select a request to see who did what, and when."


class RequestDetail(QWidget):
    """Facts and history of the selected request.

    Signals:
        reveal_changed(bool): the client's name is now shown (True) or masked.
    """

    reveal_changed = Signal(bool)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._request: Request | None = None
        self._events: list[Event] = []
        self._names = NameBook(staff={}, counselors={})
        self._privacy = True
        self._held = False
        self._focused = False
        self._revealed = False

        self.title = heading("No request selected", parent=self)
        self.status = StatusPill(parent=self)
        self.status.set_status(None)
        self.show_name = HoldButton("S&how name", parent=self)
        self.show_name.held.connect(self._hold)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status)

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QFrame.Shape.StyledPanel)
        self.browser.setAccessibleName("Request history")
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        bottom = QHBoxLayout()
        self.privacy_note = QLabel("", self)
        bottom.addWidget(self.privacy_note, 1)
        bottom.addWidget(self.show_name)

        self.privacy_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        self._actions_at = 1
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)
        self._layout = layout
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._render()

    # -- public -----------------------------------------------------------------------------

    @property
    def request(self) -> Request | None:
        return self._request

    @property
    def revealed(self) -> bool:
        """True when the client's real name is on screen."""
        return self._revealed

    def set_actions(self, widget: QWidget) -> None:
        """Put the request's action buttons between the heading and the history."""
        self._layout.insertWidget(self._actions_at, widget)

    def show_request(self, request: Request | None, events: list[Event], names: NameBook) -> None:
        self._request = request
        self._events = events if request else []
        self._names = names
        self._render()

    def set_privacy(self, on: bool) -> None:
        self._privacy = on
        self._render()

    def clear(self) -> None:
        """Forget the shown request (on lock)."""
        self.show_request(None, [], self._names)

    def text(self) -> str:
        """What the pane says, as plain text (for tests and screen readers)."""
        status = self.status.text() if self._request else ""
        return f"{self.title.text()}\n{status}\n{self.browser.toPlainText()}"

    # -- internals --------------------------------------------------------------------------

    def _hold(self, on: bool) -> None:
        self._held = on
        self._render()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        focused = new is not None and (new is self or self.isAncestorOf(new))
        if focused != self._focused:
            self._focused = focused
            self._render()

    def _render(self) -> None:
        request = self._request
        revealed = request is not None and (not self._privacy or self._held or self._focused)
        self.show_name.setVisible(self._privacy)
        self.show_name.setEnabled(request is not None)
        self.privacy_note.setText(
            "Names are masked. Hold Show name, or Tab into the history, to read them."
            if self._privacy and request is not None
            else ""
        )
        if request is None:
            self.title.setText("No request selected")
            self.status.set_status(None)
            self.browser.setHtml(f"<p>{html.escape(EMPTY_TEXT)}</p>")
        else:
            self.title.setText(request.id)
            self.status.set_status(request.status)
            self.browser.setHtml(self._html(request, revealed))
        if revealed != self._revealed:
            self._revealed = revealed
            self.reveal_changed.emit(revealed)

    def _html(self, request: Request, revealed: bool) -> str:
        names = self._names
        client = request.client if revealed else mask_name(request.client, request.id)
        e = html.escape
        facts = [
            ("Client", client),
            ("Counselor", names.counselor_name(request.counselor_id)),
            ("Requested", f"{format_full(request.requested_at)}, {VIA_WORDS[request.via]}"),
            ("Taken by", names.staff_name(request.requested_by)),
        ]
        if request.decided_by:
            how = f", {HOW_WORDS[request.decided_how]}" if request.decided_how else ""
            facts.append(("Answered by", f"{names.counselor_name(request.decided_by)}{how}"))
        if request.released_at and request.release_method:
            facts.append(
                (
                    "Released",
                    f"{format_full(request.released_at)}, {METHOD_WORDS[request.release_method]}",
                )
            )
        rows = "".join(
            f"<tr><td style='padding:2px 14px 2px 0'><b>{e(k)}</b></td><td>{e(v)}</td></tr>"
            for k, v in facts
        )
        lines = []
        for event in self._events:
            line = describe_event(
                event,
                staff_name=names.staff_name,
                counselor_name=names.counselor_name,
                client=client,
                show_notes=revealed,
            )
            lines.append(
                f"<li style='margin-bottom:6px'><b>{e(line.when)}</b> {e(line.where)}<br>"
                f"{e(line.what)}</li>"
            )
        history = "".join(lines) or "<li>No events recorded.</li>"
        return (
            f"<table cellspacing='0'>{rows}</table>"
            f"<h4 style='margin-top:14px'>History (oldest first)</h4>"
            f"<ol style='margin-left:-14px'>{history}</ol>"
        )
