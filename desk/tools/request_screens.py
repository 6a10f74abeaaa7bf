"""Render the email-request screens to PNG, offscreen, from a throw-away log of made-up requests.

`render_request_screens(outdir)` is called by the screenshots script; nothing of the user's data
or settings is read or written.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desk.core.requests import RequestLog, open_log
from desk.core.requests.models import RequestFilter

from desk.ui.requests.export_dialog import ExportDialog, default_export_name
from desk.ui.requests.outcomes import VerifyResultDialog
from desk.ui.requests.release import ReleaseDialog
from desk.ui.requests.tab import RequestsTab
from desk.ui.staff.session import StaffSession

SIZE = (1260, 720)

COUNSELORS = (
    ("ruiz", "Ana Ruiz", "LPC"),
    ("okafor", "Daniel Okafor", "LMFT"),
    ("chen", "Grace Chen", "LCSW"),
    ("berg", "Thomas Berg", "PhD"),
)
STAFF = (("maria", "Maria Lopez"), ("sam", "Sam Patel"), ("jo", "Jo Whitfield"))
CLIENTS = (
    "Jane Smith",
    "Robert Nguyen",
    "Alicia Moreno",
    "Kevin O'Brien",
    "Priya Raman",
    "Marcus Johnson",
    "Elena Petrova",
    "Samuel Adeyemi",
    "Hannah Fischer",
    "Luis Ortega",
    "Chloe Martin",
    "Omar Haddad",
    "Grace Kim",
    "Noah Williams",
    "Fatima Zahra",
)


class _Clock:
    """A clock the sample data can move, starting a fortnight ago."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fill_sample_log(log: RequestLog, clock: _Clock, *, requests: int = 30) -> None:
    """Counselors, staff and `requests` requests in every state, over the last two weeks."""
    rng = random.Random(7)
    for staff_id, name in STAFF:
        log.add_staff(staff_id=staff_id, name=name)
    for counselor_id, name, credentials in COUNSELORS:
        log.add_counselor(
            counselor_id=counselor_id,
            name=name,
            email=f"{counselor_id}@caringcounseling.example",
            credentials=credentials,
            staff_id="maria",
        )
    end = clock.now
    start = end - timedelta(days=13, hours=3)
    step = (end - start) / (requests + 1)
    fates = ("approved", "released", "released", "declined", "withdrawn", "pending")
    for i in range(requests):
        clock.now = start + step * i
        staff = STAFF[i % len(STAFF)][0]
        counselor = COUNSELORS[rng.randrange(len(COUNSELORS))][0]
        request = log.add_request(
            client=CLIENTS[i % len(CLIENTS)],
            counselor_id=counselor,
            staff_id=staff,
            via=rng.choice(("phone", "phone", "in-person", "voicemail")),
        )
        if i % 4 == 1:
            clock.now += timedelta(minutes=12)
            log.add_note(request.id, staff_id=staff, text="Prefers a call back after 3 pm")
        fate = "pending" if i >= requests - 4 else fates[rng.randrange(len(fates))]
        clock.now += step * rng.uniform(0.2, 0.5)
        if fate in ("approved", "released"):
            how = rng.choice(("in-person", "phone", "email"))
            log.approve(request.id, by=counselor, staff_id=staff, how=how)
        if fate == "released":
            clock.now += step * rng.uniform(0.1, 0.4)
            log.release(request.id, staff_id=staff, method="phone", identity_verified=True)
        if fate == "declined":
            log.decline(request.id, by=counselor, staff_id=staff, reason="Prefers the portal")
        if fate == "withdrawn":
            log.withdraw(request.id, staff_id=staff, reason="Caller will ask in session")
    clock.now = end


def _settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def _save(widget: QWidget, out: Path, name: str) -> Path:
    _settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    return path


@contextmanager
def sample_tab(tmp: Path) -> Iterator[tuple[RequestsTab, RequestLog, _Clock]]:
    """A tab over a freshly filled sample log, Maria at the desk."""
    clock = _Clock(datetime(2026, 11, 2, 15, 40, tzinfo=UTC))
    log = open_log(tmp / "data", clock=clock, workstation="FRONT-DESK-1")
    try:
        fill_sample_log(log, clock)
        settings = QSettings(str(tmp / "desk.ini"), QSettings.Format.IniFormat)
        session = StaffSession(log=log, settings=settings)
        session.set(log.get_staff("maria"))
        tab = RequestsTab(log=log, current_staff=session, clock=clock)
        session.setParent(tab)
        tab.resize(*SIZE)
        tab.show()
        tab.model.wait_loaded()
        yield tab, log, clock
        tab.shutdown()
        tab.close()
        tab.deleteLater()
        _settle()
    finally:
        log.close()


def render_request_screens(outdir: Path) -> list[Path]:
    """Write the requests tab (names shown, privacy mode), the release dialog, the export
    dialog, a clean log check and the lock screen to `outdir`; returns the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    written: list[Path] = []
    with (
        tempfile.TemporaryDirectory(prefix="desk-request-shots-") as name,
        sample_tab(Path(name)) as (tab, log, _clock),
    ):
        rows = log.page(RequestFilter(), offset=0, limit=100)
        approved = [r for r in rows if r.status == "approved"]
        shown = next((r for r in approved if len(log.history(r.id)) > 2), approved[0])
        tab.select_request(shown.id)
        tab.set_privacy(False)
        written.append(_save(tab, outdir, "requests-tab"))
        tab.set_privacy(True)
        written.append(_save(tab, outdir, "requests-tab-privacy"))

        to_release = next(r for r in approved if r.id != shown.id)
        for step in (0, 2):
            dialog = ReleaseDialog(
                request=to_release,
                counselor=log.get_counselor(to_release.counselor_id).display_name,
                client=to_release.client,
                privacy=True,
                release=lambda method, verified: log.release(
                    to_release.id, staff_id="maria", method=method, identity_verified=verified
                ),
                copy=lambda _text: None,
                parent=tab,
            )
            if step:
                for check in dialog.checks:
                    check.setChecked(True)
                dialog.next_button.click()
                dialog.method_buttons["phone"].setChecked(True)
                dialog.next_button.click()
                dialog.copy_button.click()
            dialog.show()
            written.append(_save(dialog, outdir, f"requests-release-step{step + 1}"))
            dialog.reject()
            dialog.deleteLater()
        written.extend(_log_tool_screens(tab, log, outdir))
        tab.lock()
        written.append(_save(tab, outdir, "requests-locked"))
    return written


def _log_tool_screens(tab: RequestsTab, log: RequestLog, outdir: Path) -> list[Path]:
    """The export dialog prefilled from a filter, and the result of a clean check."""
    written: list[Path] = []
    today = tab.log_tools.today()
    flt = RequestFilter(counselor_id="ruiz", since=today - timedelta(days=14))
    name = default_export_name("pdf", day=today, counselor_id=flt.counselor_id)
    export = ExportDialog(
        counselors=log.list_counselors(),
        flt=flt,
        default_path=Path("~/Documents").expanduser() / name,
        fmt="pdf",
        today=today,
        parent=tab,
    )
    verified = VerifyResultDialog(
        report=log.verify(), checked_head=None, copy=lambda _text: None, parent=tab
    )
    for dialog, shot in ((export, "requests-export"), (verified, "requests-verify")):
        dialog.show()
        written.append(_save(dialog, outdir, shot))
        dialog.reject()
        dialog.deleteLater()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desk.tools.request_screens OUTDIR", file=sys.stderr)
        return 2
    for path in render_request_screens(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
