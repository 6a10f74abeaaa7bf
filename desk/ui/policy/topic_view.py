"""The right-hand page: everything staff need for one topic, top to bottom in call order.

Verdict and answer first (what to decide), then the words to say with Copy buttons, then the
staff checklist, then why and where the policy says so. Ticks are remembered per topic for the
current call only and cleared by `reset_checklist` when a new call starts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.policy.book import PolicyBook, Script, Topic

from desk.ui.widgets.controls import ActionButton
from desk.ui.widgets.flow_layout import FlowLayout
from desk.ui.widgets.parts import (
    Card,
    CheckRow,
    GuidanceTag,
    Pill,
    SectionHeading,
    escape_markup,
    text_button,
    wrapped,
)
from desk.ui.widgets.theme import VERDICT_MARK


class TopicView(QWidget):
    """Shows one topic, or a hint when the search matches nothing.

    Signals:
        copied(str): a script was put on the clipboard; carries the script's label.
        related_activated(str): staff chose a related topic; carries its id.
    """

    copied = Signal(str)
    related_activated = Signal(str)

    def __init__(
        self,
        *,
        book: PolicyBook,
        copy_actions: list[QAction],
        email_action: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._copy_actions = copy_actions
        self._email_action = email_action
        self._topic: Topic | None = None
        self._ticks: dict[str, set[int]] = {}
        self.check_rows: list[CheckRow] = []
        self.copy_buttons: list[QPushButton] = []
        self.related_buttons: list[QPushButton] = []
        self.email_button: QPushButton | None = None

        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._empty = wrapped("")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("noMatch")
        self._empty.setMargin(24)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._scroll)
        self._stack.addWidget(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.setAccessibleName("Selected topic")

    @property
    def topic(self) -> Topic | None:
        """The topic on show, or None when the search matched nothing."""
        return self._topic if self._stack.currentIndex() == 0 else None

    def show_topic(self, topic: Topic) -> None:
        """Render `topic`, restoring any ticks made earlier in this call."""
        self._topic = topic
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(self._build(topic))
        self._scroll.verticalScrollBar().setValue(0)
        self._stack.setCurrentIndex(0)

    def show_no_match(self, query: str) -> None:
        """Say that nothing matched and what to try instead."""
        self._empty.setText(
            f"Nothing in the policy matches \u201c{query}\u201d.\n\n"
            "Try fewer or other words (for example \u201ctext\u201d, \u201cemail\u201d, "
            "\u201cFacebook\u201d).\nIf the caller may be in danger, press the crisis button."
        )
        self._stack.setCurrentIndex(1)

    def show_not_covered(self, query: str, message: str) -> None:
        """Say that the communication policy does not answer this, and what to do instead."""
        self._empty.setText(
            f"\u201c{query}\u201d\n\n{message}\n\n"
            "The rows on the left only share words with the question: they are maybes, not "
            "the answer (\u2193 to look at one).\nIf the caller may be in danger, press F2."
        )
        self._stack.setCurrentIndex(1)

    def scroll_to_top(self) -> None:
        """Back to the top of the page: the verdict, the answer and the first steps."""
        self._scroll.verticalScrollBar().setValue(0)

    def copy_script(self, number: int) -> bool:
        """Put script `number` (1-based) of the shown topic on the clipboard."""
        topic = self.topic
        if topic is None or not 1 <= number <= len(topic.scripts):
            return False
        script = topic.scripts[number - 1]
        QGuiApplication.clipboard().setText(self._book.render(script.text))
        self.copied.emit(script.label)
        return True

    def reset_checklist(self) -> None:
        """Untick every box, on every topic: a new call starts from a clean list."""
        self._ticks.clear()
        for row in self.check_rows:
            row.box.setChecked(False)

    def refresh_theme(self) -> None:
        """Redraw the page in the current palette (after a light/dark switch)."""
        if self._topic is not None and self._stack.currentIndex() == 0:
            position = self._scroll.verticalScrollBar().value()
            self.show_topic(self._topic)
            self._scroll.verticalScrollBar().setValue(position)

    def focus_first_copy(self) -> None:
        if self.copy_buttons and self.topic is not None:
            self._scroll.ensureWidgetVisible(self.copy_buttons[0])
            self.copy_buttons[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build(self, topic: Topic) -> QWidget:
        page = QWidget()
        page.setObjectName("topicPage")
        page.setAutoFillBackground(False)
        col = QVBoxLayout(page)
        col.setContentsMargins(20, 16, 20, 20)
        col.setSpacing(8)

        title = wrapped(topic.title, scale=1.45)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(f"Topic: {topic.title}")
        col.addWidget(title)

        badges = QHBoxLayout()
        badges.setSpacing(8)
        verdict = Pill(f"{VERDICT_MARK[topic.verdict]} {topic.verdict_label}", kind=topic.verdict)
        verdict.setObjectName("verdictBadge")
        verdict.setAccessibleName(f"Verdict: {topic.verdict_label}")
        verdict_font = QFont(verdict.font())
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.1)
        verdict_font.setBold(True)
        verdict.setFont(verdict_font)
        badges.addWidget(verdict)
        if topic.guidance:
            badges.addWidget(GuidanceTag())
        badges.addStretch(1)
        col.addLayout(badges)

        answer = wrapped(topic.answer, scale=1.15)
        answer.setAccessibleName("Answer")
        col.addWidget(answer)

        # A topic to act on (a caller in danger) shows what staff must do before what they say,
        # so the steps are on screen without scrolling on a 768-pixel-high desk screen.
        steps_first = topic.verdict == "act-now" or topic.id == "crisis"
        if steps_first:
            col.addWidget(self._checklist_block(topic, title="Do now: staff chec&klist"))
        if topic.id == "crisis" and self._book.practice.crisis_resources:
            col.addWidget(self._crisis_card())

        col.addWidget(SectionHeading("Say to the caller"))
        self.copy_buttons = []
        for number, script in enumerate(topic.scripts, 1):
            col.addWidget(self._script_card(number, script))

        self.email_button = None
        if topic.id == "email":
            self.email_button = ActionButton(
                action=self._email_action, text="\u2709  Start an email request"
            )
            self.email_button.setObjectName("emailRequestButton")
            self.email_button.setAccessibleName("Start an email request")
            _make_primary(self.email_button)
            row = QHBoxLayout()
            row.addWidget(self.email_button)
            row.addStretch(1)
            col.addLayout(row)

        if not steps_first:
            col.addWidget(self._checklist_block(topic))

        if topic.rationale:
            col.addWidget(SectionHeading("Why"))
            col.addWidget(wrapped(topic.rationale))
        col.addWidget(SectionHeading("Source"))
        if topic.source_section:
            source = wrapped(f"Policy section: {topic.source_section}")
        else:
            source = wrapped("Not in the written policy.")
        col.addWidget(source)
        if topic.guidance or not topic.source_section:
            row = QHBoxLayout()
            row.addWidget(GuidanceTag())
            row.addStretch(1)
            col.addLayout(row)

        self.related_buttons = []
        related = [self._book.topic(r) for r in topic.related if self._book.has_topic(r)]
        if related:
            col.addWidget(SectionHeading("See also"))
            links = QHBoxLayout()
            links.setSpacing(4)
            for other in related:
                link = text_button(f"\u2192 {other.title}")
                link.setObjectName("relatedLink")
                link.setFlat(True)
                link.setCursor(Qt.CursorShape.PointingHandCursor)
                link.setToolTip(f"Show \u201c{other.title}\u201d")
                link.setAccessibleName(f"See also: {other.title}")
                link.clicked.connect(lambda _=False, tid=other.id: self.related_activated.emit(tid))
                palette = link.palette()
                palette.setColor(
                    QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.Link)
                )
                link.setPalette(palette)
                self.related_buttons.append(link)
            flow = _FlowRows(self.related_buttons)
            col.addWidget(flow)
        col.addStretch(1)
        return page

    def _script_card(self, number: int, script: Script) -> QWidget:
        card = Card()
        card.setObjectName("scriptCard")
        body = QVBoxLayout(card)
        body.setContentsMargins(14, 10, 10, 12)
        body.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(8)
        label = QLabel(script.label)
        label.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(label.font())
        bold.setBold(True)
        label.setFont(bold)
        head.addWidget(label)
        if script.guidance:
            head.addWidget(GuidanceTag(short=True))
        head.addStretch(1)
        button: QPushButton
        if number <= len(self._copy_actions):
            button = ActionButton(action=self._copy_actions[number - 1], text="Copy")
        else:
            button = text_button("Copy")
            button.clicked.connect(lambda _=False, n=number: self.copy_script(n))
        button.setAccessibleName(f"Copy script {number}: {script.label}")
        self.copy_buttons.append(button)
        head.addWidget(button)
        body.addLayout(head)
        text = wrapped(self._book.render(script.text), selectable=True, scale=1.1)
        text.setAccessibleName(f"Script {number}: {script.label}")
        body.addWidget(text)
        return card

    def _crisis_card(self) -> QWidget:
        card = Card(kind="crisis")
        card.setObjectName("crisisResources")
        grid = QVBoxLayout(card)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setSpacing(4)
        for resource in self._book.practice.crisis_resources:
            line = QLabel(
                f"<b style='font-size: large'>{_esc(resource.contact)}</b>&nbsp;&nbsp;"
                f"<b>{_esc(resource.name)}</b> \u2013 {_esc(resource.how)}"
            )
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setWordWrap(True)
            grid.addWidget(line)
        if any(r.guidance for r in self._book.practice.crisis_resources):
            row = QHBoxLayout()
            row.addWidget(GuidanceTag())
            row.addStretch(1)
            grid.addLayout(row)
        return card

    def _checklist_block(self, topic: Topic, *, title: str = "Staff chec&klist") -> QWidget:
        block = QWidget()
        block.setObjectName("checklistBlock")
        col = QVBoxLayout(block)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        heading = SectionHeading(title)
        col.addWidget(heading)
        ticks = self._ticks.setdefault(topic.id, set())
        self.check_rows = []
        for i, item in enumerate(topic.checklist):
            row = CheckRow(item.text, guidance=item.guidance)
            row.box.setChecked(i in ticks)
            row.toggled.connect(lambda on, i=i, ticks=ticks: _set_tick(ticks, i, on))
            self.check_rows.append(row)
            col.addWidget(row)
        if self.check_rows:
            heading.setBuddy(self.check_rows[0].box)
        return block


class _FlowRows(QWidget):
    """Related-topic links laid out left to right, wrapping onto new rows when narrow."""

    def __init__(self, widgets: list[QPushButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, spacing=4)
        for w in widgets:
            layout.addWidget(w)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


def _make_primary(button: QPushButton) -> None:
    """Mark the one action a topic asks for, in the palette's highlight colours."""
    palette = button.palette()
    palette.setColor(QPalette.ColorRole.Button, palette.color(QPalette.ColorRole.Highlight))
    palette.setColor(
        QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.HighlightedText)
    )
    button.setPalette(palette)
    font = QFont(button.font())
    font.setBold(True)
    button.setFont(font)
    button.setMinimumHeight(button.sizeHint().height() + 6)


def _set_tick(ticks: set[int], index: int, on: bool) -> None:
    if on:
        ticks.add(index)
    else:
        ticks.discard(index)


def _esc(text: str) -> str:
    return escape_markup(text)
