"""Table of counselors for the Counselors dialog. Email addresses are not shown in the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk.core.requests.models import Counselor

CounselorRole = int(Qt.ItemDataRole.UserRole) + 1
COLUMNS = ("Name", "Credentials", "Id", "Status")
Index = QModelIndex | QPersistentModelIndex


class CounselorTableModel(QAbstractTableModel):
    """Counselors, active first, by name. `CounselorRole` returns the `Counselor`."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Counselor] = []

    def set_counselors(self, counselors: list[Counselor]) -> None:
        self.beginResetModel()
        self._rows = sorted(counselors, key=lambda c: (not c.active, c.name.casefold()))
        self.endResetModel()

    def row_of(self, counselor_id: str) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.id == counselor_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        counselor = self._rows[index.row()]
        if role == CounselorRole:
            return counselor
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            counselor.name,
            counselor.credentials,
            counselor.id,
            "\u25cf Active" if counselor.active else "\u25cb Inactive",
        )[index.column()]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
