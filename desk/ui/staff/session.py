"""Who is at the desk: the staff member every write is recorded under.

Remembered per workstation in the `QSettings` passed in, by staff id only, as the default for the
next pick; client data never goes into settings.
"""

from __future__ import annotations

import contextlib
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Signal

from desk.core.errors import DeskError
from desk.core.requests.models import Counselor, Staff

SETTINGS_KEY = "desk/staff_id"


class StaffDirectory(Protocol):
    def get_staff(self, staff_id: str) -> Staff: ...

    def get_counselor(self, counselor_id: str) -> Counselor: ...


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
        self._log = log
        self._staff: Staff | None = None
        self._last: Staff | None = None
        remembered = settings.value(SETTINGS_KEY, "")
        if isinstance(remembered, str) and remembered:
            try:
                found = log.get_staff(remembered)
            except DeskError:
                found = None  # removed or another data folder: no default
            # A deactivated member can no longer act, so is not offered as the default either.
            self._last = found if found is not None and found.active else None

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

    def start_as(self, actor: str | None) -> None:
        """On a shared log the server records whoever signed in (`actor`): start as them.

        A counselor signed in at their own desk is the person at that desk too; the owner,
        who is neither, picks no one.
        """
        if actor is None or (self._staff is not None and self._staff.id == actor):
            return
        with contextlib.suppress(DeskError):
            self.set(self._log.get_staff(actor))
            return
        with contextlib.suppress(DeskError):
            counselor = self._log.get_counselor(actor)
            self.set(Staff(id=counselor.id, name=counselor.display_name))
