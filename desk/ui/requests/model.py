"""Table model of the request log, loaded a page at a time off the GUI thread.

The log can hold a million requests, so the model never asks for all of them: it shows the first
page, and the view asks for the next one (`canFetchMore` / `fetchMore`) as the user scrolls.
Counting and paging run on a one-thread pool; each answer carries the generation it was asked
for, and answers for an older filter are dropped, so typing quickly in the search field never
shows stale rows. The proxy on top masks client names when the screen may be seen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from desk.core.errors import DeskError
from desk.core.requests.models import Clock, Counselor, Request, RequestFilter

from desk.ui.requests.background import BackgroundReads
from desk.ui.requests.status import status_colour
from desk.ui.requests.words import format_when, mask_name, status_text

RequestRole = int(Qt.ItemDataRole.UserRole) + 1
"""Data role returning the row's `Request`."""
MaskedClientRole = RequestRole + 1
"""Data role returning the client's name as initials (used by the privacy proxy)."""

# Plain ints: views ask for data thousands of times a second, and enum comparisons are slow.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)

COLUMNS = ("Request", "Requested", "Client", "Counselor", "Status", "Last change")
ID_COLUMN, REQUESTED_COLUMN, CLIENT_COLUMN, COUNSELOR_COLUMN, STATUS_COLUMN, CHANGED_COLUMN = range(
    len(COLUMNS)
)
PAGE_SIZE = 200
_COLUMN_COUNT = len(COLUMNS)
_ROOT = QModelIndex()

Index = QModelIndex | QPersistentModelIndex


class RequestReader(Protocol):
    """The read side of `RequestLog` that the table needs."""

    def count(self, flt: RequestFilter) -> int: ...

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]: ...


class _Row:
    """A request and its cell texts, formatted on the reader thread, not while painting."""

    __slots__ = ("masked", "request", "texts")

    def __init__(self, request: Request, now: datetime) -> None:
        self.request = request
        self.texts = (
            request.id,
            format_when(request.requested_at, now=now),
            request.client,
            "",  # counselor: looked up by id, names can change
            status_text(request.status),
            format_when(request.updated_at, now=now),
        )
        self.masked = mask_name(request.client, request.id)


class RequestTableModel(QAbstractTableModel):
    """Requests, newest first, fetched by page.

    Signals:
        total_changed(int): the number of requests matching the filter, once counted.
        loading_changed(bool): a page or count is being fetched.
        load_failed(str): the store could not be read; the message says why.
        reloaded(): rows were replaced after `refresh()` or a new filter's first page arrived.
    """

    total_changed = Signal(int)
    loading_changed = Signal(bool)
    load_failed = Signal(str)
    reloaded = Signal()

    def __init__(
        self,
        *,
        reader: RequestReader,
        clock: Clock,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._clock = clock
        self._page_size = page_size
        self._filter = RequestFilter()
        self._rows: list[_Row] = []
        self._counselors: dict[str, str] = {}
        self._total: int | None = None
        self._more = False
        self._fetching = False
        self._generation = 0
        self._reads = BackgroundReads(parent=self)
        self._reads.busy_changed.connect(self.loading_changed)
        self._now = clock()

    # -- public API -------------------------------------------------------------------------

    @property
    def filter(self) -> RequestFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        """Requests matching the filter, or None until counted."""
        return self._total

    def set_filter(self, flt: RequestFilter) -> None:
        """Show requests matching `flt`: empties the table and fetches the first page."""
        self._filter = flt
        self._start_generation()
        self.beginResetModel()
        self._rows = []
        self._total = None
        self._more = True
        self._fetching = False
        self.endResetModel()
        # The first page goes first: the table fills before a slow count finishes.
        self.fetchMore(QModelIndex())
        self._submit("count", 0, 0)

    def refresh(self) -> None:
        """Fetch the rows already shown again (after a write), keeping the filter."""
        self._start_generation()
        self._fetching = True
        self._submit("reload", 0, max(len(self._rows), self._page_size))
        self._submit("count", 0, 0)

    def set_counselors(self, counselors: list[Counselor]) -> None:
        """Names for the Counselor column."""
        self._counselors = {c.id: c.display_name for c in counselors}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COUNSELOR_COLUMN), self.index(len(self._rows) - 1, COUNSELOR_COLUMN)
            )

    def request_at(self, row: int) -> Request:
        return self._rows[row].request

    def row_of(self, request_id: str) -> int | None:
        """Row of a loaded request, or None if it is not loaded."""
        for row, entry in enumerate(self._rows):
            if entry.request.id == request_id:
                return row
        return None

    def is_loading(self) -> bool:
        return self._reads.busy

    def wait_loaded(self) -> None:
        """Block until every asked-for read has been answered and applied (benchmarks, screens).

        Tests wait with `qtbot.waitUntil` instead, which keeps the event loop turning.
        """
        while self._reads.busy:
            self._reads.wait_idle()
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def shutdown(self) -> None:
        """Drop queued reads and wait for the running one; later answers are ignored."""
        self._generation += 1
        self._reads.shutdown()  # safe even when Qt already deleted this model

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == REQUESTED_COLUMN:
                return "Newest first"
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        entry = self._rows[row]
        if role == _DISPLAY:
            column = index.column()
            if column == COUNSELOR_COLUMN:
                counselor_id = entry.request.counselor_id
                return self._counselors.get(counselor_id, counselor_id)
            return entry.texts[column]
        if role == _FOREGROUND:
            if index.column() == STATUS_COLUMN:
                return status_colour(entry.request.status, QGuiApplication.palette())
            return None
        if role == RequestRole:
            return entry.request
        if role == MaskedClientRole:
            return entry.masked
        if role == _TOOLTIP:
            column = index.column()
            if column in (REQUESTED_COLUMN, CHANGED_COLUMN):
                request = entry.request
                moment = request.requested_at if column == REQUESTED_COLUMN else request.updated_at
                return moment.astimezone().strftime("%A %d %B %Y, %H:%M")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self._submit("page", len(self._rows), self._page_size)

    # -- internals --------------------------------------------------------------------------

    def _start_generation(self) -> None:
        self._generation += 1
        self._reads.drop_queued()  # reads for the old filter are not worth running
        self._now = self._clock()

    def _submit(self, kind: str, offset: int, limit: int) -> None:
        generation, flt, reader, now = self._generation, self._filter, self._reader, self._now

        def read() -> int | list[_Row]:
            if kind == "count":
                return reader.count(flt)
            return [_Row(r, now) for r in reader.page(flt, offset=offset, limit=limit)]

        def done(value: Any) -> None:
            self._on_answer(generation, kind, offset, value)

        self._reads.submit(read, done)

    def _on_answer(self, generation: int, kind: str, offset: int, value: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(value, DeskError):
            self._fetching = False
            self._more = False
            self.load_failed.emit(str(value))
            return
        if kind == "count":
            self._total = int(value)
            if not self._fetching:
                self._more = len(self._rows) < self._total
            self.total_changed.emit(self._total)
        elif kind == "page":
            self._append(offset, value)
        else:
            self._replace(value)

    def _append(self, offset: int, rows: list[_Row]) -> None:
        self._fetching = False
        if offset != len(self._rows):
            return
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._more = len(rows) == self._page_size and (
            self._total is None or len(self._rows) < self._total
        )
        if offset == 0:
            self.reloaded.emit()

    def _replace(self, rows: list[_Row]) -> None:
        self._fetching = False
        if [r.request.id for r in rows] == [r.request.id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        self._more = len(rows) >= self._page_size and (
            self._total is None or len(self._rows) < self._total
        )
        self.reloaded.emit()


class RequestProxy(QSortFilterProxyModel):
    """Masks client names while privacy mode is on; rows stay in the log's order."""

    def __init__(self, *, privacy: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self.setDynamicSortFilter(False)

    @property
    def privacy(self) -> bool:
        return self._privacy

    def set_privacy(self, on: bool) -> None:
        """Mask (True) or show (False) client names."""
        if on == self._privacy:
            return
        self._privacy = on
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(
                self.index(0, CLIENT_COLUMN),
                self.index(rows - 1, CLIENT_COLUMN),
                [Qt.ItemDataRole.DisplayRole],
            )

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and self._privacy and index.column() == CLIENT_COLUMN:
            return super().data(index, MaskedClientRole)
        return super().data(index, role)

    def request_at(self, row: int) -> Request | None:
        value = self.index(row, 0).data(RequestRole)
        return value if isinstance(value, Request) else None
