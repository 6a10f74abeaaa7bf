"""Who is at the desk: the staff member every write is recorded under.

Remembered per workstation in the `QSettings` passed in, by staff id only, as the default for the
next pick; client data never goes into settings.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Signal

from desk.core.errors import DeskError
from desk.core.requests.models import Staff

SETTINGS_KEY = "desk/staff_id"


class StaffDirectory(Protocol):
    def get_staff(self, staff_id: str) -> Staff: ...


class StaffSession(QObject):
    """The current staff member. Calling the session returns it (or None before anyone picked).

    Signals:
        changed(object): the new `Staff`, or None.
    """

    changed = Signal(object)

    def __init__(
        self, *, log: StaffDirectory, settings: QSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        # Nobody is at the desk until someone says so: the last person is only the picker's
        # default, never the answer, so another receptionist never works under their name.
        self._staff: Staff | None = None
        self._last: Staff | None = None
        remembered = settings.value(SETTINGS_KEY, "")
        if isinstance(remembered, str) and remembered:
            try:
                self._last = log.get_staff(remembered)
            except DeskError:
                self._last = None  # removed or another data folder: no default

    def __call__(self) -> Staff | None:
        return self._staff

    @property
    def last(self) -> Staff | None:
        """Who was at the desk last (this run or the one before): the picker's default."""
        return self._staff or self._last

    @property
    def staff(self) -> Staff | None:
        return self._staff

    def set(self, staff: Staff) -> None:
        """Make `staff` the one at the desk and remember the id for next start."""
        self._staff = staff
        self._last = staff
        self._settings.setValue(SETTINGS_KEY, staff.id)
        self._settings.sync()
        self.changed.emit(staff)
