"""The checklist as a Qt model, and the proxy that ranks it for a caller's question.

Rows are the book's frozen `Topic` objects; views read them through custom roles. Ranking is
decided by the core search index, never by Qt's string matching, so the window and `desk ask`
agree on what a question means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desk.core.policy.book import PolicyBook, Topic

from desk.ui.widgets.theme import VERDICT_MARK, VERDICT_SHORT

AnyIndex = QModelIndex | QPersistentModelIndex

TopicRole = Qt.ItemDataRole.UserRole + 1
VerdictRole = Qt.ItemDataRole.UserRole + 2
AnswerRole = Qt.ItemDataRole.UserRole + 3
TopicIdRole = Qt.ItemDataRole.UserRole + 4
RankRole = Qt.ItemDataRole.UserRole + 5


class HitLike(Protocol):
    """What the proxy needs from a search hit (`desk.core.search.ranking.Hit`)."""

    @property
    def topic_id(self) -> str: ...


SearchFn = Callable[[str], Sequence[HitLike]]


class TopicListModel(QAbstractListModel):
    """One row per policy topic, in checklist order.

    Roles: `TopicRole` gives the `Topic`, `VerdictRole` its verdict (`yes`, `no`,
    `conditional`), `AnswerRole` the one-line answer, `TopicIdRole` the id.
    """

    def __init__(self, *, book: PolicyBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._topics: tuple[Topic, ...] = book.topics

    def set_book(self, book: PolicyBook) -> None:
        """Show another policy (for example after the practice edits its folder)."""
        self.beginResetModel()
        self._topics = book.topics
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._topics)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._topics):
            return None
        topic = self._topics[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return topic.title
        if role == TopicRole:
            return topic
        if role == VerdictRole:
            return topic.verdict
        if role == AnswerRole:
            return topic.answer
        if role == TopicIdRole:
            return topic.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{topic.verdict_label}. {topic.answer}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{topic.title}: {topic.verdict_label}. {topic.answer}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"{VERDICT_MARK[topic.verdict]} {VERDICT_SHORT[topic.verdict]}"
        return None

    def row_of(self, topic_id: str) -> int:
        """Source row of a topic id, or -1."""
        return next((i for i, t in enumerate(self._topics) if t.id == topic_id), -1)


class TopicSearchProxy(QSortFilterProxyModel):
    """Filters and ranks topics for the text typed by staff.

    An empty query shows every topic in checklist order; otherwise only matching topics show,
    best match first. `RankRole` gives a row's rank (0 is best; None without a query).
    """

    def __init__(self, *, search: SearchFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._query = ""
        self._rank: dict[str, int] = {}
        # The order changes with every query, not with source edits: re-sort explicitly.
        self.setDynamicSortFilter(False)
        self.sort(0)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Filter and rank for `text`; blank text shows everything in checklist order."""
        query = text.strip()
        if query == self._query:
            return
        rank = {hit.topic_id: i for i, hit in enumerate(self._search(query))} if query else {}
        self.beginFilterChange()
        self._query = query
        self._rank = rank
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.sort(0)

    def topic_at(self, row: int) -> Topic | None:
        """The topic shown at proxy row `row`, if any."""
        topic = self.index(row, 0).data(TopicRole)
        return topic if isinstance(topic, Topic) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == RankRole:
            if not index.isValid() or not self._query:
                return None
            return self._rank.get(str(super().data(index, TopicIdRole)))
        return super().data(index, role)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        topic_id = model.data(model.index(source_row, 0, source_parent), TopicIdRole)
        return topic_id in self._rank

    def lessThan(self, source_left: AnyIndex, source_right: AnyIndex) -> bool:
        if self._query:
            left = self._rank.get(str(source_left.data(TopicIdRole)), len(self._rank))
            right = self._rank.get(str(source_right.data(TopicIdRole)), len(self._rank))
            if left != right:
                return left < right
        return source_left.row() < source_right.row()
