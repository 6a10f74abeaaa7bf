"""The request dialogs, the counselors dialog and the staff picker, driven without exec()."""

from __future__ import annotations

from test_ui_requests_support import IGNORE_OFFSCREEN, add_requests, visible_text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desk.core.requests.models import Staff
from desk.core.requests.validation import ID_PATTERN

from desk.ui.requests.counselors_dialog import CounselorForm, CounselorInput, CounselorsDialog
from desk.ui.requests.dialogs import DecisionDialog, NewRequestDialog, TextDialog
from desk.ui.requests.prompter import Prompter
from desk.ui.requests.release import ReleaseDialog
from desk.ui.staff.picker import StaffPickerDialog, StaffStatusWidget, suggest_id
from desk.ui.staff.session import StaffSession

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN


def test_new_request_needs_a_name_and_an_active_counselor(qtbot, log) -> None:
    """Record stays disabled until both are given; inactive counselors are not offered."""
    dialog = NewRequestDialog(counselors=log.list_counselors())
    qtbot.addWidget(dialog)
    offered = {dialog.counselor.itemData(i) for i in range(dialog.counselor.count())}
    assert offered == {"ruiz", "okafor"}
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.client, "  Jane Smith ")
    assert not dialog.ok.isEnabled()
    dialog.counselor.setCurrentIndex(dialog.counselor.findData("okafor"))
    assert dialog.ok.isEnabled()
    value = dialog.result_value()
    assert (value.client, value.counselor_id, value.via) == ("Jane Smith", "okafor", "phone")


def test_new_request_prefills_the_counselor(qtbot, log) -> None:
    """From the policy page the counselor is already chosen and the cursor is in the name."""
    dialog = NewRequestDialog(counselors=log.list_counselors(), prefill_counselor="ruiz")
    qtbot.addWidget(dialog)
    assert dialog.counselor.currentData() == "ruiz"


def test_decision_dialog_names_the_counselor_and_needs_how(qtbot, log, clock) -> None:
    """An approval shows who must answer and cannot be recorded without how they said it."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog = DecisionDialog(
        kind="approve",
        request=request,
        counselors=log.list_counselors(),
        client="J\u2022\u2022\u2022",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Only Ana Ruiz, LPC can approve this request" in visible_text(dialog)
    assert "Jane" not in visible_text(dialog)
    assert dialog.by.currentData() == "ruiz"
    assert not dialog.ok.isEnabled()
    dialog.how.setCurrentIndex(dialog.how.findData("written"))
    assert dialog.ok.isEnabled()
    assert dialog.result_value().how == "written"


def test_decline_dialog_takes_a_reason_not_how(qtbot, log, clock) -> None:
    """A decline is recordable at once; its text is the reason."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog = DecisionDialog(
        kind="decline", request=request, counselors=log.list_counselors(), client="x"
    )
    qtbot.addWidget(dialog)
    assert dialog.ok.isEnabled()
    dialog.note.setText("prefers the portal")
    value = dialog.result_value()
    assert (value.by, value.how, value.note) == ("ruiz", None, "prefers the portal")


def _release_dialog(qtbot, request, *, answer):
    calls: list[tuple[str, bool]] = []
    copies: list[str] = []

    def release(method, verified):
        calls.append((method, verified))
        return answer

    dialog = ReleaseDialog(
        request=request,
        counselor="Ana Ruiz, LPC",
        client="Jane Smith",
        privacy=True,
        release=release,
        copy=copies.append,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, calls, copies


def test_release_dialog_guides_identity_method_then_address(qtbot, log, clock) -> None:
    """Nothing is revealed until identity is confirmed and a method chosen; then once, to copy."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog, calls, copies = _release_dialog(qtbot, request, answer="ana.ruiz@caring.example")
    assert "Jane" not in visible_text(dialog)
    dialog.show_name.pressed.emit()
    assert "Jane Smith" in visible_text(dialog)
    dialog.show_name.released.emit()

    assert not dialog.next_button.isEnabled()
    dialog.checks[0].setChecked(True)
    assert not dialog.next_button.isEnabled()
    qtbot.keyClick(dialog.checks[1], Qt.Key.Key_Space)
    assert dialog.next_button.isEnabled()
    dialog.next_button.click()
    assert dialog.step == 1 and not dialog.next_button.isEnabled()
    dialog.method_buttons["printed"].setChecked(True)
    assert calls == [] and "ana.ruiz" not in visible_text(dialog)
    dialog.next_button.click()
    assert calls == [("printed", True)]
    assert dialog.step == 2
    assert "ana.ruiz@caring.example" in visible_text(dialog)
    dialog.copy_button.click()
    assert copies == ["ana.ruiz@caring.example"]
    dialog.next_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.address_label.text() == ""


def test_release_dialog_stays_when_the_log_refuses(qtbot, log, clock) -> None:
    """A refused release (already shown by the tab) shows no address and stays on the method."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog, calls, _copies = _release_dialog(qtbot, request, answer=None)
    for check in dialog.checks:
        check.setChecked(True)
    dialog.next_button.click()
    dialog.method_buttons["phone"].setChecked(True)
    dialog.next_button.click()
    assert calls == [("phone", True)]
    assert dialog.step == 1
    assert dialog.method is None


def test_text_dialog_requires_text_when_asked(qtbot) -> None:
    """A note cannot be empty; a withdrawal reason may be."""
    note = TextDialog(title="Add a note", prompt="&Note", ok_text="Add", required=True)
    qtbot.addWidget(note)
    assert not note.ok.isEnabled()
    qtbot.keyClicks(note.text, "Called back")
    assert note.ok.isEnabled()
    reason = TextDialog(title="Withdraw", prompt="&Why", ok_text="Withdraw", required=False)
    qtbot.addWidget(reason)
    assert reason.ok.isEnabled()


def test_prompter_closes_open_dialogs_on_lock(qtbot) -> None:
    """hide_sensitive() closes any dialog on screen, such as a revealed address."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = TextDialog(title="t", prompt="p", ok_text="ok", required=False, parent=parent)
    dialog.show()
    Prompter(parent=parent).hide_sensitive()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_staff_picker_lists_staff_and_adds_new(qtbot, log, qtmodeltester) -> None:
    """Staff pick themselves from the list, or add themselves (one logged event)."""
    dialog = StaffPickerDialog(log=log, current=log.get_staff("sam"))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.chosen() == Staff(id="sam", name="Sam Patel")
    qtbot.keyClicks(dialog.new_name, "Robin Tran")
    assert dialog.new_id.text() == "robin.tran"
    dialog.add_button.click()
    assert log.get_staff("robin.tran").name == "Robin Tran"
    assert dialog.chosen() == Staff(id="robin.tran", name="Robin Tran")
    assert dialog.model.rowCount() == 3
    dialog.accept_if_chosen()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_staff_picker_shows_why_an_addition_is_refused(qtbot, log) -> None:
    """A taken id is refused with the log's message, inside the dialog."""
    dialog = StaffPickerDialog(log=log)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_name.setText("Maria Again")
    dialog.new_id.setText("maria")
    dialog.add_button.click()
    assert dialog.error.isVisible()
    assert "already exists" in dialog.error.text()
    assert dialog.model.rowCount() == 2


def test_staff_session_remembers_the_id_as_the_default_only(log, settings) -> None:
    """Next start nobody is at the desk yet; the last person is only the picker's default."""
    first = StaffSession(log=log, settings=settings)
    assert first() is None and first.last is None
    first.set(log.get_staff("sam"))
    again = StaffSession(log=log, settings=settings)
    assert again() is None
    assert again.last == Staff(id="sam", name="Sam Patel")
    settings.setValue("desk/staff_id", "nobody")
    assert StaffSession(log=log, settings=settings).last is None


def test_status_widget_follows_who_is_at_the_desk(qtbot, log, session) -> None:
    """The status bar says who is recorded at the desk, and updates on a switch."""
    widget = StaffStatusWidget(session=session)
    qtbot.addWidget(widget)
    assert widget.label.text() == "At the desk: Maria Lopez"
    session.set(log.get_staff("sam"))
    assert widget.label.text() == "At the desk: Sam Patel"
    with qtbot.waitSignal(widget.switch_requested):
        widget.switch_button.click()


def test_counselors_dialog_adds_edits_and_deactivates(qtbot, log, qtmodeltester) -> None:
    """Each change goes through the log under the staff member; emails stay out of the list."""
    answers = [
        CounselorInput(
            counselor_id="kim", name="Grace Kim", credentials="LMFT", email="not-an-address"
        ),
        CounselorInput(
            counselor_id="kim", name="Grace Kim", credentials="LMFT", email="g.kim@caring.example"
        ),
    ]
    problems: list[str | None] = []

    def form(*, existing, save, parent):
        for answer in answers:
            problem = save(answer)
            problems.append(problem)
            if problem is None:
                return answer
        return None

    dialog = CounselorsDialog(log=log, staff_id="maria", form=form)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    dialog.add()
    assert problems[0] is not None and "not a valid address" in problems[0]
    assert problems[1] is None
    assert log.get_counselor("kim").email == "g.kim@caring.example"
    assert dialog.selected().id == "kim"
    shown = [
        str(dialog.model.index(r, c).data())
        for r in range(dialog.model.rowCount())
        for c in range(dialog.model.columnCount())
    ]
    assert not any("@" in cell for cell in shown)

    answers[:] = [
        CounselorInput(
            counselor_id="kim", name="Grace Kim", credentials="LCSW", email="g.kim@caring.example"
        )
    ]
    dialog.edit()
    assert log.get_counselor("kim").credentials == "LCSW"
    dialog.toggle_active()
    assert not log.get_counselor("kim").active
    assert dialog.active_button.text() == "&Reactivate"
    qtmodeltester.check(dialog.model)


def test_counselor_form_stays_open_with_the_error(qtbot) -> None:
    """A refused save keeps the form open and says why."""
    form = CounselorForm(existing=None, save=lambda _value: "email 'x' is not a valid address")
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.name, "Grace Kim")
    assert form.counselor_id.text() == "grace.kim"
    form.try_save()
    assert form.isVisible()
    assert "not a valid address" in form.error.text()


def test_suggested_ids_are_valid_ids() -> None:
    """Suggested ids from names, accents and all, follow the log's id rule."""
    assert suggest_id("Sam Patel") == "sam.patel"
    assert suggest_id("Mar\u00eda-Jos\u00e9 O'Neil") == "maria.jose"
    for name in ("Sam Patel", "Mar\u00eda-Jos\u00e9 O'Neil", "Zo\u00eb  van der Berg"):
        assert ID_PATTERN.fullmatch(suggest_id(name))


def test_typing_a_surname_picks_the_counselor(qtbot, log) -> None:
    """In the counselor box, typing any part of the name selects that counselor."""
    dialog = NewRequestDialog(counselors=log.list_counselors())
    qtbot.addWidget(dialog)
    combo = dialog.counselor
    qtbot.keyClicks(combo, "oka")
    assert combo.currentData() == "okafor"
    combo.search_timer.timeout.emit()  # a pause starts a new search
    qtbot.keyClicks(combo, "ruiz")
    assert combo.currentData() == "ruiz"
    combo.search_timer.timeout.emit()
    qtbot.keyClicks(combo, "zzz")
    assert combo.currentData() == "ruiz"  # no match leaves the choice alone
