"""The "Policy answers" tab: search on top, the checklist on the left, the topic on the right.

Every keystroke re-ranks the checklist through the core search index and selects the best
match, so the answer is on screen before staff finish typing. Two signals come with each
answer: danger (the window's strip says why) and whether the policy covers the question at all;
when it does not, the practice's message shows above the list and the rows are only "maybe".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.core.policy.book import PolicyBook, Topic

if TYPE_CHECKING:
    from desk.core.search.ranking import Answer

from desk.ui.policy.search_field import SearchField
from desk.ui.policy.topic_list import TopicList
from desk.ui.policy.topic_model import SearchFn, TopicListModel, TopicRole, TopicSearchProxy
from desk.ui.policy.topic_view import TopicView
from desk.ui.widgets.controls import ActionButton
from desk.ui.widgets.parts import Card
from desk.ui.widgets.theme import WARNING_MARK, muted_text


class PolicyTab(QWidget):
    """Search, checklist and topic page, wired together.

    Signals:
        danger_changed(object): the typed question's `Danger` (why it sounds like danger), or
            None.
        copied(str): a script was put on the clipboard; carries the script's label.
    """

    danger_changed = Signal(object)
    copied = Signal(str)

    def __init__(
        self,
        *,
        book: PolicyBook,
        search: SearchFn,
        answer: Callable[[str], Answer],
        actions: PolicyActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._answer = answer
        self._book = book
        self._actions = actions
        self.model = TopicListModel(book=book, parent=self)
        self.proxy = TopicSearchProxy(search=search, parent=self)
        self.proxy.setSourceModel(self.model)

        self.search_field = SearchField()
        search_label = QLabel("&Search the policy:")
        search_label.setBuddy(self.search_field)
        self.new_call_button = ActionButton(action=actions.new_call)
        self.new_call_button.setObjectName("newCallButton")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(search_label)
        top.addWidget(self.search_field, 1)
        top.addWidget(self.new_call_button)
        self.search_field.setMinimumHeight(self.search_field.sizeHint().height() + 8)
        font = self.search_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.search_field.setFont(font)

        self.list = TopicList()
        self.list.setModel(self.proxy)
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        self.list_label.setContentsMargins(0, 0, 4, 0)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.setSpacing(4)
        self.hint = QLabel()
        self.hint.setObjectName("keyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        small = self.hint.font()
        small.setPointSizeF(small.pointSizeF() * 0.92)
        self.hint.setFont(small)
        label_row = QHBoxLayout()
        label_row.addWidget(self.list_label)
        label_row.addStretch(1)
        label_row.addWidget(self.hint)
        self.not_covered = NotCoveredNote()
        left_col.addWidget(self.not_covered)
        left_col.addLayout(label_row)
        left_col.addWidget(self.list, 1)

        self.view = self._topic_view(book)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("policySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        col = QVBoxLayout(self)
        col.setContentsMargins(10, 10, 10, 10)
        col.setSpacing(6)
        col.addLayout(top)
        col.addWidget(self.splitter, 1)

        self.search_field.textChanged.connect(self._on_query)
        self.search_field.navigate.connect(self._move)
        self.search_field.returnPressed.connect(self._to_scripts)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self._update_label()
        self._select_row(0)
        # The page was just built in the current palette; only the hint needs its colour.
        self._tint_hint()

    @property
    def current_topic(self) -> Topic | None:
        """The topic on the right-hand page, or None when nothing matches."""
        return self.view.topic

    def set_book(self, book: PolicyBook) -> None:
        """Answer from another policy: re-rank the question typed so far, keep the topic on show.

        The topic page is rebuilt for the new book, so ticks start afresh: the old checklist
        may not match the new one.
        """
        shown = self.current_topic.id if self.current_topic else None
        self._book = book
        self.model.set_book(book)
        old = self.view
        sizes = self.splitter.sizes()
        self.view = self._topic_view(book)
        self.splitter.replaceWidget(1, self.view)
        self.splitter.setSizes(sizes)
        old.deleteLater()
        query = self.search_field.text()
        self.proxy.set_query("")
        self._on_query(query)
        if shown is not None and self._proxy_row(shown) >= 0:
            self._select_row(self._proxy_row(shown))

    def refresh_theme(self) -> None:
        """Re-derive colours from the palette (after a light/dark switch)."""
        self._tint_hint()
        self.view.refresh_theme()

    def _tint_hint(self) -> None:
        palette = self.hint.palette()
        palette.setColor(self.hint.foregroundRole(), muted_text(self.palette()))
        self.hint.setPalette(palette)

    def set_key_hint(self, *, search: str, navigate: str) -> None:
        """Show the keys that drive search and the list, where staff look while learning them."""
        self.hint.setText(navigate)
        placeholder = "Type what the caller asks, e.g. \u201ccan I text my counselor?\u201d"
        self.search_field.setPlaceholderText(
            f"{placeholder}   ({search})" if search else placeholder
        )

    def focus_search(self) -> None:
        """Put the cursor in the search field with the old question selected for overtyping."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def new_call(self, *, focus: bool = True) -> None:
        """Start a new call: clear the question, untick every box, back to the top."""
        self.search_field.clear()
        self.view.reset_checklist()
        self._select_row(0)
        self.list.scrollToTop()
        if focus:
            self.focus_search()

    def select_topic(self, topic_id: str) -> None:
        """Show a topic, clearing the search first if it hides that topic."""
        if self._proxy_row(topic_id) < 0:
            self.search_field.clear()
        self._select_row(self._proxy_row(topic_id))

    def _to_scripts(self) -> None:
        # Looked up on each press: `set_book` replaces the page.
        self.view.focus_first_copy()

    def _topic_view(self, book: PolicyBook) -> TopicView:
        view = TopicView(
            book=book, copy_actions=self._actions.copy, email_action=self._actions.email
        )
        view.related_activated.connect(self.select_topic)
        view.copied.connect(self.copied)
        return view

    def _proxy_row(self, topic_id: str) -> int:
        source_row = self.model.row_of(topic_id)
        if source_row < 0:
            return -1
        return self.proxy.mapFromSource(self.model.index(source_row, 0)).row()

    def _on_query(self, text: str) -> None:
        self.proxy.set_query(text)
        answer = self._answer(text) if text.strip() else None
        self.danger_changed.emit(answer.danger if answer is not None else None)
        covered = answer is None or answer.covered
        self.not_covered.show_message(None if covered else self._book.practice.not_covered)
        self._update_label(covered=covered)
        if not covered:
            # Weak matches stay in the list as "maybe"; none is shown, or marked, as the answer.
            self.list.selectionModel().clear()
            self.list.scrollToTop()
            self.view.show_not_covered(text.strip(), self._book.practice.not_covered)
            return
        if self.proxy.rowCount() == 0:
            self.list.selectionModel().clear()
            self.view.show_no_match(text.strip())
            return
        if self.proxy.query or not self.list.currentIndex().isValid():
            self._select_row(0)
        else:
            # The same topic stays selected when the question is cleared.
            self.list.scrollTo(self.list.currentIndex())
            self._on_current(self.list.currentIndex())

    def _update_label(self, *, covered: bool = True) -> None:
        n = self.proxy.rowCount()
        if not covered and n:
            self.list_label.setText(f"&Maybe, not the answer ({n}):")
        elif not self.proxy.query:
            self.list_label.setText(f"&Topics ({n})")
        elif n == 0:
            self.list_label.setText("&Topics: no match")
        else:
            self.list_label.setText(f"&Topics: {n} match{'es' if n != 1 else ''}")

    def _move(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        current = self.list.currentIndex()
        row = current.row() + step if current.isValid() else 0
        self._select_row(min(max(row, 0), rows - 1))

    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        if not index.isValid():
            return
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        topic = current.data(TopicRole) if current.isValid() else None
        if isinstance(topic, Topic) and topic is not self.view.topic:
            self.view.show_topic(topic)


class NotCoveredNote(Card):
    """Above the list: the communication policy does not answer this question; what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(kind="warning", parent=parent)
        self.setObjectName("notCovered")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label)
        self.setAccessibleName("Not in the policy")
        self.hide()

    def show_message(self, message: str | None) -> None:
        """Show the practice's not-covered message, or hide when a topic answers."""
        if message is None:
            self.hide()
            return
        self.label.setText(f"{WARNING_MARK}  {message}")
        self.show()


@dataclass(frozen=True, kw_only=True)
class PolicyActions:
    """The window's actions the policy tab shows as buttons (their keys are set elsewhere)."""

    new_call: QAction
    copy: list[QAction]
    email: QAction
