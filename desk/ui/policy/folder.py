"""The practice's policy folder as a window setting: remembered, shown, and switched live.

The folder is remembered in the window's settings (a folder path, never client data). It
comes after `--policy-dir` and `DESK_POLICY_DIR` when Desk starts (see
`desk.paths.choose_policy_dir`); the command line never reads it, because the CLI never
imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desk.core.policy.fallback import LoadResult
from desk.paths import PolicyChoice

from desk.ui.widgets.elided_label import ElidedLabel
from desk.ui.widgets.parts import key_text, text_button

SETTING_KEY = "policy/folder"

ApplyFn = Callable[[Path | None], LoadResult]
"""Loads a folder (None: the bundled policy) and shows it in the window."""


def saved_policy_folder(settings: QSettings) -> str | None:
    """The folder chosen in the window, if any."""
    value = settings.value(SETTING_KEY)
    return value if isinstance(value, str) and value.strip() else None


def save_policy_folder(settings: QSettings, folder: Path | None) -> None:
    """Remember `folder`; None forgets it, so Desk starts on the bundled policy."""
    if folder is None:
        settings.remove(SETTING_KEY)
    else:
        settings.setValue(SETTING_KEY, str(folder))
    settings.sync()


class PolicyFolderStatus(QWidget):
    """ "Policy folder: bundled  [Change…]" for the status bar."""

    def __init__(self, *, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._action = action
        self.label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle, parent=self)
        self.label.setObjectName("folderLabel")
        self.button = text_button("Change\u2026", parent=self)
        self.button.setObjectName("policyFolderButton")
        self.button.setAccessibleName("Change the policy folder")
        self.button.clicked.connect(action.trigger)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        action.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        key = key_text(self._action)
        tip = "Choose the practice's policy folder"
        self.button.setToolTip(f"{tip} ({key})" if key else tip)


class PolicyFolderSwitch(QObject):
    """Asks for a folder, remembers it, and applies it without a restart.

    The dialog is reached only through `PolicyFolderDialog.ask`, which tests replace.
    """

    def __init__(
        self,
        *,
        settings: QSettings,
        current: PolicyChoice,
        problems: int,
        apply: ApplyFn,
        notify: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._settings = settings
        self._apply = apply
        self._notify = notify
        self.current = current
        self.problems = problems

    def change(self) -> None:
        """Open the dialog; on Save, remember the folder and switch the window to it."""
        # Imported when first asked for: the window's first paint never needs the dialog.
        from desk.ui.policy.folder_dialog import PolicyFolderDialog

        choice = PolicyFolderDialog.ask(
            current=self.current, problems=self.problems, parent=self._window
        )
        if choice is None:
            return
        self.use(choice.folder)

    def use(self, folder: Path | None) -> LoadResult:
        """Remember `folder` (None: the bundled policy) and answer from it from now on."""
        save_policy_folder(self._settings, folder)
        self.current = PolicyChoice(folder=folder, origin="setting" if folder else "bundled")
        loaded = self._apply(folder)
        self.problems = len(loaded.issues)
        # Short: the status bar's permanent widgets leave little room for messages.
        if folder is None:
            self._notify("Using the bundled policy")
        elif loaded.fell_back:
            self._notify("Folder saved, but it has problems: see the warning")
        else:
            self._notify("Policy folder changed")
        return loaded
