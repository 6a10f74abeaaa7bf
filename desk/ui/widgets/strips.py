"""Full-width strips above the tabs: the crisis strip and the broken-policy banner.

The crisis strip is always on screen, on every tab, because the office line is not a crisis
line and staff must never hunt for what to do. When the caller's words suggest danger, it says
so in words, quoting the words that did, with a heavier edge: never by colour alone. The
banner shows only when the practice's policy folder could not be used, naming the first
problems by file and line.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desk.ui.widgets.controls import ActionButton
from desk.ui.widgets.parts import Card
from desk.ui.widgets.theme import WARNING_MARK

_MAX_SHOWN_ISSUES = 3


class CrisisStrip(Card):
    """One line that says what to do for a caller in danger, with the crisis button."""

    CALM = (
        f"{WARNING_MARK}  Caller in danger? This office line is not a crisis line."
        "  Open the crisis script:"
    )
    ALERT = f"{WARNING_MARK}  The caller's words suggest danger. Open the crisis script now:"
    DANGER = (
        "\u203c DANGER \u2013 the caller said \u201c{phrase}\u201d ({sign}). The crisis "
        "script is shown first; any answer to what they asked is below it (\u2193)."
    )

    def __init__(self, *, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(kind="crisis", parent=parent)
        self.setObjectName("crisisStrip")
        self.message = QLabel(self.CALM)
        self.message.setWordWrap(True)
        self.button = ActionButton(action=action)
        self.button.setObjectName("crisisButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.setSpacing(12)
        row.addWidget(self.message, 1)
        row.addWidget(self.button)
        self.setAccessibleName("Crisis")
        self._alert = False
        self._sync_button()

    @property
    def alert(self) -> bool:
        return self._alert

    def set_danger(self, phrase: str | None, sign: str = "") -> None:
        """Say why the question sounds like danger (the caller's words), or go back to calm."""
        alert = phrase is not None
        text = self.DANGER.format(phrase=phrase, sign=sign) if alert else self.CALM
        self.setAccessibleDescription(text)
        if text == self.message.text():
            return
        self._alert = alert
        self.message.setText(text)
        font = QFont(self.message.font())
        font.setBold(alert)
        self.message.setFont(font)
        self.kind = "crisis-alert" if alert else "crisis"
        self.update()

    def _sync_button(self) -> None:
        font = QFont(self.button.font())
        font.setBold(True)
        self.button.setFont(font)


class PolicyBanner(Card):
    """Says the requested policy folder is broken and the bundled policy is in use.

    With `action` (choose the policy folder), a button beside the message leads to the fix.
    """

    def __init__(self, *, action: QAction | None = None, parent: QWidget | None = None) -> None:
        super().__init__(kind="warning", parent=parent)
        self.setObjectName("policyBanner")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Hide the policy warning")
        self.close_button.setToolTip("Hide the policy warning")
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 6, 8)
        row.setSpacing(10)
        row.addWidget(self.message, 1)
        self.folder_button: ActionButton | None = None
        if action is not None:
            self.folder_button = ActionButton(action=action)
            self.folder_button.setObjectName("bannerFolderButton")
            row.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName("Policy warning")
        self.hide()

    def show_issues(
        self, *, folder: str, issues: Sequence[object], kept_on: str | None = None
    ) -> None:
        """Name the first problems (as `file:line: message`) and say what is in use.

        `kept_on` is the date of the folder's last good copy, when that copy is in use.
        """
        shown = [str(i) for i in issues[:_MAX_SHOWN_ISSUES]]
        more = len(issues) - len(shown)
        using = (
            f"its last good copy, from {kept_on}."
            if kept_on
            else "the bundled policy: its scripts give the bundled practice's details"
            " (phone number, website), not yours."
        )
        lines = [
            f"{WARNING_MARK}  The policy folder {folder} could not be used, so Desk is showing "
            + using,
            *(f"    \u2022 {line}" for line in shown),
        ]
        if more > 0:
            lines.append(f"    \u2022 and {more} more problem{'s' if more > 1 else ''}")
        reload = (
            "then press Policy folder\u2026 and Save to load it again"
            if self.folder_button is not None
            else "then restart Desk"
        )
        lines.append(f"Fix the file, {reload}; `desk policy check {folder}` lists every problem.")
        self.message.setText("\n".join(lines))
        self.show()
