"""Return does each dialog's default action, and never a destructive one."""

from __future__ import annotations

from test_ui_requests_support import IGNORE_OFFSCREEN, add_requests

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desk.core.requests.models import Head, Staff, VerifyReport

from desk.ui.requests.outcomes import VerifyResultDialog
from desk.ui.requests.release import ReleaseDialog
from desk.ui.staff.picker import StaffPickerDialog

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN

_HEAD = Head(seq=12, hash="ab" * 32)


def _return(qtbot, dialog: QDialog) -> None:
    """Press Return wherever the keyboard focus is, as staff would."""
    target = QApplication.focusWidget()
    assert (target is not None and dialog.isAncestorOf(target)) or target is dialog
    qtbot.keyClick(target, Qt.Key.Key_Return)


def _shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_return_in_staff_list_picks_the_person_selected(qtbot, log) -> None:
    """Return on the list answers "That's me" for the highlighted person."""
    dialog = _shown(qtbot, StaffPickerDialog(log=log, current=log.get_staff("sam")))
    assert dialog.list.hasFocus() and dialog.chosen() == Staff(id="sam", name="Sam Patel")
    _return(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_return_in_new_name_adds_that_person_and_stays_open(qtbot, log) -> None:
    """Typing a new name and pressing Return adds them; nobody is picked by accident."""
    dialog = _shown(qtbot, StaffPickerDialog(log=log, current=log.get_staff("sam")))
    dialog.new_name.setFocus()
    qtbot.keyClicks(dialog.new_name, "Lee Wong")
    _return(qtbot, dialog)
    assert dialog.isVisible()
    assert log.get_staff("lee.wong").name == "Lee Wong"
    assert dialog.chosen() == log.get_staff("lee.wong")
    _return(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _release(qtbot, log, clock, copied: list[str]) -> ReleaseDialog:
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog = ReleaseDialog(
        request=request,
        counselor="Ana Ruiz",
        client="Jane Smith",
        privacy=True,
        release=lambda _method, _verified: "ana.ruiz@caring.example",
        copy=copied.append,
    )
    return _shown(qtbot, dialog)


def test_return_walks_the_release_steps_and_copies_on_the_last(qtbot, log, clock) -> None:
    """Return moves on once a step is complete; on the address it copies and never closes."""
    copied: list[str] = []
    dialog = _release(qtbot, log, clock, copied)
    _return(qtbot, dialog)
    assert dialog.step == 0  # identity not confirmed yet: Return does nothing
    for check in dialog.checks:
        check.setChecked(True)
    dialog.checks[-1].setFocus()
    _return(qtbot, dialog)
    assert dialog.step == 1
    dialog.method_buttons["phone"].setChecked(True)
    dialog.method_buttons["phone"].setFocus()
    _return(qtbot, dialog)
    assert dialog.step == 2 and dialog.address_label.text() == "ana.ruiz@caring.example"
    _return(qtbot, dialog)
    assert copied == ["ana.ruiz@caring.example"]
    assert dialog.isVisible() and dialog.address_label.text() == "ana.ruiz@caring.example"


def test_return_in_verify_checks_the_pasted_hash(qtbot) -> None:
    """Return in the hash field checks that hash rather than closing the result."""
    report = VerifyReport(ok=True, events_checked=12, head=_HEAD)
    dialog = _shown(qtbot, VerifyResultDialog(report=report, checked_head=None, copy=print))
    assert dialog.head_edit is not None
    dialog.head_edit.setFocus()
    _return(qtbot, dialog)
    assert dialog.isVisible()  # nothing typed yet: Return waits for a hash
    qtbot.keyClicks(dialog.head_edit, "cd" * 32)
    _return(qtbot, dialog)
    assert dialog.head_to_check == "cd" * 32
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_return_in_a_withdraw_reason_never_withdraws(qtbot) -> None:
    """Return while typing the reason adds a line; withdrawing takes the button itself."""
    from desk.ui.requests.dialogs import TextDialog

    dialog = TextDialog(title="Withdraw request", prompt="Why?", ok_text="Withdraw", required=True)
    _shown(qtbot, dialog)
    qtbot.keyClicks(dialog.text, "Caller will ask in session")
    _return(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
