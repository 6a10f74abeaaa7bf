"""Export and Verify log for the requests tab, run off the GUI thread one at a time.

A million-request export takes tens of seconds and a check of the whole chain as long, so both
run on a worker while a bar under the table says what is happening; staff keep taking calls.

The export's closing write (the "exported" event) is made from the worker. That is safe: the
store serialises writes from every thread on one lock and its write connection is shared across
threads, while reads on the worker use the store's separate read connection. Writing there also
keeps the order the core relies on: the file is put in place only after the event is recorded,
so a refused record leaves no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desk.core.errors import DeskError
from desk.core.requests import RequestLog
from desk.core.requests.export.report import check_target, private_file, write_csv, write_pdf
from desk.core.requests.models import Clock, Head, Request, RequestFilter, Staff, VerifyReport

from desk.ui.requests.actions import NO_STAFF, RequestActions
from desk.ui.requests.background import BackgroundReads
from desk.ui.requests.export_dialog import (
    REPORT_TITLE,
    ExportChoice,
    ExportFormat,
    default_export_name,
    unused_path,
)
from desk.ui.requests.outcomes import ExportOutcome
from desk.ui.requests.prompter import RequestPrompter

Progress = Callable[[int, int], None]


class ExportCancelled(DeskError):
    """Staff stopped the export: nothing was written and nothing recorded."""


class _WatchedLog(RequestLog):
    """The same log, seen by an export: reports each page read and stops between pages.

    It also keeps the head it handed out, which is the one printed in the file (the export's
    own event comes after it).
    """

    def __init__(
        self,
        log: RequestLog,
        *,
        clock: Clock,
        total: int,
        progress: Progress,
        stop: threading.Event,
    ) -> None:
        super().__init__(log.store, clock=clock, workstation=log.workstation)
        self._total = total
        self._progress = progress
        self._stop = stop
        self._done = 0
        self.printed_head: Head | None = None

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        if self._stop.is_set():
            raise ExportCancelled("the export was stopped; nothing was written or recorded")
        rows = super().page(flt, offset=offset, limit=limit)
        self._done = min(self._done + len(rows), self._total)
        self._progress(self._done, self._total)
        return rows

    def head(self) -> Head | None:
        self.printed_head = super().head()
        return self.printed_head


def run_export(
    log: RequestLog,
    choice: ExportChoice,
    *,
    staff_id: str,
    clock: Clock,
    practice: str,
    progress: Progress,
    stop: threading.Event,
) -> ExportOutcome:
    """Write the file and record the export (on the worker thread); see `desk.core...export`.

    Raises:
        DeskError: the file cannot be written or the log refused (nothing left behind), or
            ExportCancelled.
    """
    folder = log.store.local_folder
    if folder is not None:
        check_target(choice.path, data_dir=folder)
    total = log.count(choice.flt)
    progress(0, total)
    watched = _WatchedLog(log, clock=clock, total=total, progress=progress, stop=stop)
    if choice.fmt == "pdf":
        rows = write_pdf(
            watched,
            choice.path,
            choice.flt,
            title=REPORT_TITLE,
            staff_id=staff_id,
            practice=practice,
            clock=clock,
        )
    else:
        # A byte order mark, so spreadsheets read names with accents correctly.
        with private_file(choice.path) as out:
            rows = write_csv(watched, out, choice.flt, staff_id=staff_id, bom=True, clock=clock)
    return ExportOutcome(fmt=choice.fmt, path=choice.path, rows=rows, head=watched.printed_head)


def documents_folder() -> Path:
    """Where an export is suggested first: the person's Documents folder, else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


class JobBar(QWidget):
    """Under the table while a long job runs: what it is doing, how far, and Stop.

    Signals:
        stop_requested(): staff pressed Stop.
    """

    stop_requested = Signal()

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("", self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(200)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Progress")
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.setToolTip("Stop the export; nothing is written or recorded")
        self.stop_button.clicked.connect(self.stop_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self.hide()

    def start(self, text: str, *, stoppable: bool) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until a total is known
        self.stop_button.setVisible(stoppable)
        self.stop_button.setEnabled(True)
        self.show()

    def progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        self.label.setText(text)

    def stopping(self) -> None:
        self.label.setText("Stopping\u2026")
        self.stop_button.setEnabled(False)

    def finish(self) -> None:
        self.hide()


class _ProgressRelay(QObject):
    moved = Signal(int, int)


class LogTools(QObject):
    """Runs Export… and Verify log… for the tab; one at a time, never while locked.

    Results wait while the tab is locked and are shown once staff unlock it.

    Args:
        export_folder: where an export is first suggested (also settable as an attribute).
        practice: gives the practice's name for the PDF heading when an export starts (also
            settable as an attribute), so a policy switched since start-up is honoured.

    Signals:
        finished(object): a job ended; its `ExportOutcome`, `VerifyReport`, or the `DeskError`
            that stopped it (already shown to staff or waiting for the unlock; a stop staff
            asked for is not shown).
    """

    finished = Signal(object)

    def __init__(
        self,
        *,
        log: RequestLog,
        prompter: RequestPrompter,
        actions: RequestActions,
        bar: JobBar,
        current_staff: Callable[[], Staff | None],
        current_filter: Callable[[], RequestFilter],
        clock: Clock,
        copy: Callable[[str], None],
        export_folder: Callable[[], Path] = documents_folder,
        practice: Callable[[], str] = str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._prompter = prompter
        self._actions = actions
        self._bar = bar
        self._staff = current_staff
        self._filter = current_filter
        self._clock = clock
        self._copy = copy
        self.export_folder = export_folder
        self.practice = practice
        self._fmt: ExportFormat = "pdf"
        self._locked = False
        self._stop = threading.Event()
        self._waiting: list[Callable[[], None]] = []
        self.jobs = BackgroundReads(parent=self)
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)
        self._target = ""
        actions.export.triggered.connect(lambda: self.export())
        actions.verify.triggered.connect(lambda: self.verify())
        bar.stop_requested.connect(self.cancel)
        self._sync()

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def today(self) -> date:
        return self._clock().astimezone().date()

    def export(self) -> None:
        """Ask what to export and where, then write it on the worker."""
        if self._locked or self.busy:
            return
        staff = self._staff()
        if staff is None:
            self._prompter.show_error("Nothing exported", NO_STAFF)
            return
        try:
            counselors = self._log.list_counselors(include_inactive=True)
        except DeskError as exc:
            self._prompter.show_error("Cannot read counselors", str(exc))
            return
        flt = self._filter()
        name = default_export_name(self._fmt, day=self.today(), counselor_id=flt.counselor_id)
        choice = self._prompter.ask_export(
            counselors=counselors,
            flt=flt,
            default_path=unused_path(self.export_folder(), name),
            fmt=self._fmt,
            today=self.today(),
        )
        if choice is None or self._locked:
            return
        self._fmt = choice.fmt
        self._stop.clear()
        self._target = choice.path.name
        log, clock, practice, stop, staff_id = (
            self._log,
            self._clock,
            self.practice(),
            self._stop,
            staff.id,
        )
        relay = self._relay

        def work() -> ExportOutcome:
            return run_export(
                log,
                choice,
                staff_id=staff_id,
                clock=clock,
                practice=practice,
                progress=relay.moved.emit,
                stop=stop,
            )

        self._bar.start(f"Exporting to {self._target}\u2026", stoppable=True)
        self._run(work, self._exported)

    def verify(self, head: str | None = None) -> None:
        """Check the whole log on the worker (and that `head`, from a printout, is in it)."""
        if self._locked or self.busy:
            return
        log = self._log
        self._bar.start("Checking the whole log; this can take a while\u2026", stoppable=False)
        self._run(lambda: log.verify(head=head), lambda value: self._verified(value, head))

    def cancel(self) -> None:
        """Stop a running export before its next page; nothing is written or recorded."""
        if self.busy:
            self._stop.set()
            self._bar.stopping()

    def set_locked(self, locked: bool) -> None:
        """While locked nothing starts and results wait; on unlock they are shown."""
        self._locked = locked
        self._sync()
        if not locked:
            waiting, self._waiting = self._waiting, []
            for show in waiting:
                show()

    def shutdown(self) -> None:
        """Stop an export, wait for the running job, drop its answer (before the log closes)."""
        self._stop.set()
        self.jobs.shutdown()

    # -- internals --------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.jobs.submit(work, done)
        self._sync()

    def _sync(self) -> None:
        ready = not self._locked and not self.busy
        self._actions.export.setEnabled(ready)
        self._actions.verify.setEnabled(ready)

    def _moved(self, done: int, total: int) -> None:
        if self.busy and not self._stop.is_set():
            noun = "request" if total == 1 else "requests"
            self._bar.progress(
                done, total, f"Exporting to {self._target}: {done:,} of {total:,} {noun}\u2026"
            )

    def _show(self, show: Callable[[], None]) -> None:
        if self._locked:
            self._waiting.append(show)
        else:
            show()

    def _exported(self, value: object) -> None:
        self._ended()
        if isinstance(value, ExportCancelled):
            pass  # staff asked for it; the bar going away is the answer
        elif isinstance(value, DeskError):
            message = f"{value}\n\nNothing was written and nothing was recorded in the log."
            self._show(lambda: self._prompter.show_error("Export not written", message))
        else:
            assert isinstance(value, ExportOutcome)
            self._show(lambda: self._prompter.show_export_done(outcome=value, copy=self._copy))
        self.finished.emit(value)

    def _verified(self, value: object, head: str | None) -> None:
        self._ended()
        if isinstance(value, DeskError):
            self._show(lambda: self._prompter.show_error("Log not checked", str(value)))
        else:
            assert isinstance(value, VerifyReport)
            self._show(lambda: self._show_report(value, head))
        self.finished.emit(value)

    def _show_report(self, report: VerifyReport, head: str | None) -> None:
        again = self._prompter.show_verify_result(
            report=report, checked_head=head if report.ok else None, copy=self._copy
        )
        if again:
            self.verify(head=again)

    def _ended(self) -> None:
        self._bar.finish()
        self._sync()
