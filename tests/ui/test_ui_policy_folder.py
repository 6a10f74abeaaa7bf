"""Choosing the practice's policy folder from the window: checked, remembered, applied live."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from policy_copies import broken_copy

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from desk.paths import PolicyChoice, bundled_policy_dir, choose_policy_dir, requested_policy_dir

from desk.ui.main_window import MainWindow
from desk.ui.policy.folder import SETTING_KEY, save_policy_folder
from desk.ui.policy.folder_dialog import FolderChoice, PolicyFolderDialog

# The offscreen platform cannot pass a window's minimum size to a window manager and says so
# whenever a top-level window with a layout is shown; real platforms do not warn.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

Opener = Callable[..., MainWindow]
Step = Callable[[PolicyFolderDialog], None]
BUNDLED_TEXTING = "The practice doesn't text with clients"


def _practice_copy(tmp_path: Path, name: str, *, answer: str) -> Path:
    """A copy of the bundled policy whose texting answer reads `answer` (keyword: pigeon)."""
    folder = tmp_path / name
    shutil.copytree(bundled_policy_dir(), folder)
    topic = folder / "topics" / "texting.yaml"
    text = topic.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^answer: >-\n(?:  .*\n)+", f'answer: "{answer}"\n', text, count=1)
    assert n == 1
    text = text.replace("keywords:\n", "keywords:\n  - pigeon\n", 1)
    topic.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "desk.ini"


@pytest.fixture
def open_window(open_window: Opener, settings_file: Path) -> Opener:
    """The shared opener, writing settings where these tests read them back."""
    return functools.partial(open_window, settings=settings_file)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[PolicyFolderDialog]]:
    """Replace `PolicyFolderDialog.ask`: build the real dialog, run `step` on it, no `exec()`.

    `pick` is what the folder chooser answers. Returns the dialogs opened so far.
    """
    opened: list[PolicyFolderDialog] = []

    def install(step: Step, *, pick: Path | None = None) -> list[PolicyFolderDialog]:
        def ask(
            cls: type[PolicyFolderDialog],
            *,
            current: PolicyChoice,
            problems: int = 0,
            parent: QWidget | None = None,
        ) -> FolderChoice | None:
            dialog = cls(
                current=current, problems=problems, pick=lambda _w, _s: pick, parent=parent
            )
            opened.append(dialog)
            step(dialog)
            return dialog.choice() if dialog.result() == QDialog.DialogCode.Accepted else None

        monkeypatch.setattr(PolicyFolderDialog, "ask", classmethod(ask))
        return opened

    return install


def _choose_and_save(dialog: PolicyFolderDialog) -> None:
    dialog.choose_button.click()
    dialog.save_button.click()


def _texting_answer(qtbot, window: MainWindow) -> str:
    window.policy_tab.search_field.clear()
    qtbot.keyClicks(window.policy_tab.search_field, "can i text my counselor")
    topic = window.policy_tab.current_topic
    assert topic is not None and topic.id == "texting"
    return topic.answer


def _stored(settings_file: Path) -> object:
    return QSettings(str(settings_file), QSettings.Format.IniFormat).value(SETTING_KEY)


def test_choosing_a_valid_folder_switches_the_policy_live(
    open_window: Opener, dialogs, qtbot, tmp_path: Path, settings_file: Path
) -> None:
    """Change… → Choose folder… → Save answers from the new folder at once, and says where."""
    folder = _practice_copy(tmp_path, "ours", answer="Ours: texting is fine on Tuesdays.")
    opened = dialogs(_choose_and_save, pick=folder)
    window = open_window()
    qtbot.keyClicks(window.policy_tab.search_field, "can i text my counselor")
    assert BUNDLED_TEXTING in window.policy_tab.current_topic.answer
    sizes = window.policy_tab.splitter.sizes()

    window.folder_status.button.click()

    assert "valid policy" in opened[0].check_text.text()
    topic = window.policy_tab.current_topic
    assert topic is not None and topic.id == "texting"
    assert topic.answer == "Ours: texting is fine on Tuesdays."
    page = window.policy_tab.view.findChildren(QLabel)
    assert any("Tuesdays" in label.text() for label in page)
    assert str(folder) in window.folder_label.toolTip()
    assert folder.name in window.folder_label.text()
    assert not window.banner.isVisible()
    assert _stored(settings_file) == str(folder)
    assert window.statusBar().currentMessage() == "Policy folder changed"
    QApplication.processEvents()
    assert window.policy_tab.splitter.sizes() == sizes

    window.policy_tab.search_field.clear()
    qtbot.keyClicks(window.policy_tab.search_field, "pigeon")
    assert window.policy_tab.current_topic.id == "texting"


def test_copy_after_a_switch_uses_the_new_scripts(
    open_window: Opener, dialogs, qtbot, tmp_path: Path
) -> None:
    """The Copy keys still work after a switch, and copy the new folder's words."""
    folder = tmp_path / "ours"
    shutil.copytree(bundled_policy_dir(), folder)
    practice = folder / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    practice.write_text(
        re.sub(r"(?m)^office_phone: .*$", 'office_phone: "(555) 010-4477"', text, count=1),
        encoding="utf-8",
    )
    dialogs(_choose_and_save, pick=folder)
    window = open_window()
    window.policy_folder_action.trigger()
    _texting_answer(qtbot, window)
    with qtbot.waitSignal(window.policy_tab.copied):
        window.copy_actions[0].trigger()
    assert "(555) 010-4477" in QApplication.clipboard().text()


def test_broken_folder_shows_problems_then_banner_and_keeps_answering(
    open_window: Opener,
    dialogs,
    qtbot,
    tmp_path: Path,
    settings_file: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A broken folder is named by file:line in the dialog and the banner; bundled answers go on."""
    folder, where = broken_copy(tmp_path)
    opened = dialogs(_choose_and_save, pick=folder)
    window = open_window()

    with caplog.at_level("WARNING", logger="desk"):
        window.folder_status.button.click()

    dialog = opened[0]
    assert f"topics/{where}" in dialog.problems.toPlainText()
    assert "bundled policy" in dialog.check_text.text()
    assert dialog.save_button.text() == "&Keep this folder anyway"
    assert window.banner.isVisible()
    assert where in window.banner.message.text()
    assert where in caplog.text
    assert "bundled" in window.folder_label.text()
    assert BUNDLED_TEXTING in _texting_answer(qtbot, window)
    assert _stored(settings_file) == str(folder)


def test_fixing_the_folder_and_saving_again_reloads_it(
    open_window: Opener, dialogs, qtbot, tmp_path: Path
) -> None:
    """After the manager fixes the file, saving the same folder again hides the banner."""
    folder, _where = broken_copy(tmp_path)
    dialogs(_choose_and_save, pick=folder)
    window = open_window()
    window.policy_folder_action.trigger()
    assert window.banner.isVisible()

    topic = folder / "topics" / "texting.yaml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("verdict: maybe", "verdict: no"),
        encoding="utf-8",
    )
    opened = dialogs(lambda d: d.save_button.click())
    window.banner.folder_button.click()

    assert "valid policy" in opened[-1].check_text.text()
    assert not window.banner.isVisible()
    assert folder.name in window.folder_label.text()


def test_use_the_bundled_policy_clears_the_setting(
    open_window: Opener, dialogs, qtbot, tmp_path: Path, settings_file: Path
) -> None:
    """“Use the bundled policy” forgets the folder and answers from the bundled policy again."""
    folder = _practice_copy(tmp_path, "ours", answer="Ours: texting is fine on Tuesdays.")
    settings_file.parent.mkdir(parents=True)
    save_policy_folder(QSettings(str(settings_file), QSettings.Format.IniFormat), folder)
    window = open_window()
    assert "Tuesdays" in _texting_answer(qtbot, window)

    def use_bundled(dialog: PolicyFolderDialog) -> None:
        assert dialog.field.text() == str(folder)
        dialog.bundled_button.click()
        assert dialog.field.text() == ""
        dialog.save_button.click()

    dialogs(use_bundled)
    window.policy_folder_action.trigger()

    assert window.folder_label.text() == "Policy folder: bundled"
    assert BUNDLED_TEXTING in _texting_answer(qtbot, window)
    assert _stored(settings_file) is None
    assert window.statusBar().currentMessage() == "Using the bundled policy"


def test_broken_setting_at_start_opens_on_bundled_with_banner(
    open_window: Opener, tmp_path: Path, settings_file: Path
) -> None:
    """A saved folder that broke since is reported at start like --policy-dir would be."""
    folder, where = broken_copy(tmp_path)
    settings_file.parent.mkdir(parents=True)
    save_policy_folder(QSettings(str(settings_file), QSettings.Format.IniFormat), folder)
    window = open_window()
    assert window.banner.isVisible()
    assert where in window.banner.message.text()
    assert "Policy folder\u2026" in window.banner.message.text()


def test_cancel_changes_nothing(
    open_window: Opener, dialogs, qtbot, tmp_path: Path, settings_file: Path
) -> None:
    """Cancel after choosing a folder leaves the policy, the status bar and the setting alone."""
    folder = _practice_copy(tmp_path, "ours", answer="Ours: texting is fine on Tuesdays.")

    def choose_then_cancel(dialog: PolicyFolderDialog) -> None:
        dialog.choose_button.click()
        dialog.reject()

    dialogs(choose_then_cancel, pick=folder)
    window = open_window()
    book = window.book
    window.policy_folder_action.trigger()
    assert window.book is book
    assert window.folder_label.text() == "Policy folder: bundled"
    assert _stored(settings_file) is None


def test_the_setting_persists_across_windows(
    open_window: Opener, dialogs, qtbot, tmp_path: Path
) -> None:
    """A second window built on the same settings file starts on the folder chosen in the first."""
    folder = _practice_copy(tmp_path, "ours", answer="Ours: texting is fine on Tuesdays.")
    dialogs(_choose_and_save, pick=folder)
    first = open_window()
    first.policy_folder_action.trigger()
    first.close()

    second = open_window()
    assert folder.name in second.folder_label.text()
    assert "Tuesdays" in _texting_answer(qtbot, second)


def test_shortcut_and_banner_button_open_the_dialog(
    open_window: Opener, dialogs, qtbot, tmp_path: Path
) -> None:
    """Ctrl+Shift+F opens the dialog from the keyboard; the status button shows that key."""
    opened = dialogs(lambda d: d.reject())
    window = open_window()
    qtbot.keyClick(
        window.policy_tab.search_field,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(opened) == 1
    assert "Ctrl+Shift+F" in window.folder_status.button.toolTip()
    assert window.folder_status.button.accessibleName()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_flag_and_env_beat_the_setting(
    open_window: Opener,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
    tmp_path: Path,
    settings_file: Path,
    how: str,
) -> None:
    """--policy-dir and DESK_POLICY_DIR come before the folder saved in the window."""
    saved = _practice_copy(tmp_path, "saved", answer="Saved: texting on Mondays.")
    given = _practice_copy(tmp_path, "given", answer="Given: texting on Fridays.")
    settings_file.parent.mkdir(parents=True)
    save_policy_folder(QSettings(str(settings_file), QSettings.Format.IniFormat), saved)
    if how == "environment":
        monkeypatch.setenv("DESK_POLICY_DIR", str(given))
        window = open_window()
    else:
        monkeypatch.setenv("DESK_POLICY_DIR", str(saved))
        window = open_window(policy_dir=given)
    assert "Fridays" in _texting_answer(qtbot, window)
    assert given.name in window.folder_label.text()


def test_dialog_says_when_a_flag_or_env_is_in_charge(qtbot, tmp_path: Path) -> None:
    """Started with DESK_POLICY_DIR, the dialog says that comes first, before anything is saved."""
    folder = _practice_copy(tmp_path, "given", answer="Given.")
    dialog = PolicyFolderDialog(current=PolicyChoice(folder=folder, origin="environment"))
    qtbot.addWidget(dialog)
    assert not dialog.override_note.isHidden()
    assert "DESK_POLICY_DIR" in dialog.override_text.text()
    assert "DESK_POLICY_DIR" in dialog.in_use.text()

    plain = PolicyFolderDialog(current=PolicyChoice(folder=None, origin="bundled"))
    qtbot.addWidget(plain)
    assert plain.override_note.isHidden()
    assert "bundled" in plain.in_use.text()


def test_typed_folder_is_checked_before_it_is_saved(qtbot, tmp_path: Path) -> None:
    """A typed path is checked on Save; problems keep the dialog open once, then it can be kept."""
    dialog = PolicyFolderDialog(current=PolicyChoice(folder=None, origin="bundled"))
    qtbot.addWidget(dialog)
    missing = tmp_path / "no-such-folder"
    qtbot.keyClicks(dialog.field, str(missing))
    assert "Not checked yet" in dialog.check_text.text()

    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "not found" in dialog.problems.toPlainText()
    assert str(missing) in dialog.problems.toPlainText()

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == FolderChoice(folder=missing)


def test_enter_checks_a_typed_folder_before_keeping_it(qtbot, tmp_path: Path) -> None:
    """Enter in the folder field checks first; only a second Enter keeps a folder with problems."""
    folder, where = broken_copy(tmp_path)
    dialog = PolicyFolderDialog(current=PolicyChoice(folder=None, origin="bundled"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.field, str(folder))
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert f"topics/{where}" in dialog.problems.toPlainText()

    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == FolderChoice(folder=folder)


def test_picker_cancel_keeps_the_field(qtbot, tmp_path: Path) -> None:
    """Closing the folder chooser without a folder changes nothing in the dialog."""
    dialog = PolicyFolderDialog(
        current=PolicyChoice(folder=None, origin="bundled"), pick=lambda _w, _s: None
    )
    qtbot.addWidget(dialog)
    dialog.choose_button.click()
    assert dialog.field.text() == ""
    assert "bundled policy" in dialog.check_text.text()


def test_resolution_order_for_the_command_line_and_the_window(tmp_path: Path) -> None:
    """Option, then DESK_POLICY_DIR, then the window's setting, then bundled (the CLI has none)."""
    env = {"DESK_POLICY_DIR": str(tmp_path / "env")}
    setting = tmp_path / "setting"
    assert choose_policy_dir(tmp_path / "opt", setting=setting, environ=env) == PolicyChoice(
        folder=tmp_path / "opt", origin="option"
    )
    assert choose_policy_dir(None, setting=setting, environ=env).origin == "environment"
    assert choose_policy_dir(None, setting=setting, environ={}) == PolicyChoice(
        folder=setting, origin="setting"
    )
    assert choose_policy_dir(None, environ={}) == PolicyChoice(folder=None, origin="bundled")
    assert requested_policy_dir(None, environ={}) is None


def test_folder_broken_since_last_start_answers_from_its_last_good_copy(
    open_window: Opener, qtbot, tmp_path: Path
) -> None:
    """A folder that loaded once and broke since: the practice's answers, the copy's date shown."""
    folder = _practice_copy(tmp_path, "ours", answer="Ours: texting is fine on Tuesdays.")
    first = open_window(policy_dir=folder)
    assert not first.banner.isVisible()
    first.close()
    topic = folder / "topics" / "texting.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("verdict:", "verdict: x\nv:", 1))
    window = open_window(policy_dir=folder)
    text = window.banner.message.text()
    assert window.banner.isVisible() and "last good copy" in text and "texting.yaml" in text
    assert re.search(r"from \d{1,2} \w{3} \d{4}", text)
    assert "last good copy" in window.folder_label.text()
    assert _texting_answer(qtbot, window) == "Ours: texting is fine on Tuesdays."


def test_folder_never_good_says_scripts_show_the_bundled_practice(
    open_window: Opener, tmp_path: Path
) -> None:
    """With no good copy ever, the banner warns that scripts give the bundled practice's details."""
    folder, _where = broken_copy(tmp_path)
    window = open_window(policy_dir=folder)
    assert "bundled practice's details" in window.banner.message.text()
