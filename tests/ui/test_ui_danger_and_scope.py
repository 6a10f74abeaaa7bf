"""The window's two signals besides ranking: danger in words, and questions the policy is
silent on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from PySide6.QtCore import Qt

from desk.ui.main_window import MainWindow
from desk.ui.policy.topic_model import TopicIdRole

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


def _type(qtbot, window: MainWindow, text: str) -> None:
    field = window.policy_tab.search_field
    field.clear()
    qtbot.keyClicks(field, text)


def _shown(window: MainWindow) -> str | None:
    topic = window.policy_tab.current_topic
    return topic.id if topic else None


def test_danger_strip_quotes_the_callers_words_and_keeps_their_answer_next(
    window: MainWindow, qtbot
) -> None:
    """The strip says DANGER with the words that raised it; the asked-for answer is one key
    down."""
    strip = window.crisis_strip
    calm_text = strip.message.text()
    _type(qtbot, window, "can you leave her a message, i took a bunch of my sleeping tablets")
    assert strip.alert and strip.kind == "crisis-alert"
    assert "DANGER" in strip.message.text()
    assert "\u201cbunch of my sleeping tablets\u201d (the means)" in strip.message.text()
    assert strip.message.font().bold()
    assert _shown(window) == "crisis"
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_Down)
    assert _shown(window) == "voicemail"

    _type(qtbot, window, "this voicemail is killing me, can i leave a message")
    assert not strip.alert and strip.message.text() == calm_text
    assert _shown(window) == "voicemail"


def test_not_covered_question_says_so_and_shows_maybes(window: MainWindow, qtbot) -> None:
    """A question the policy is silent on shows the practice's message, no answer, and
    its weak matches as maybes one key away."""
    tab = window.policy_tab
    _type(qtbot, window, "can i text")
    tab.search_field.setText("i need to cancel my appointment for thursday")
    note = tab.not_covered
    assert note.isVisible()
    assert window.book.practice.not_covered in note.label.text()
    assert tab.current_topic is None
    assert not tab.list.selectionModel().hasSelection()
    assert tab.list_label.text().startswith("&Maybe")
    assert tab.proxy.rowCount() >= 1
    qtbot.keyClick(tab.search_field, Qt.Key.Key_Down)
    assert tab.current_topic is not None

    _type(qtbot, window, "can i text my counselor")
    assert not note.isVisible()
    assert _shown(window) == "texting"
    assert not tab.list_label.text().startswith("&Maybe")


def test_new_verdicts_have_their_own_mark_and_word(window: MainWindow, qtbot) -> None:
    """The crisis row reads "Act now" and the policy-basis row "Why", in the list and page."""
    tab = window.policy_tab
    marks = {}
    for row in range(tab.proxy.rowCount()):
        index = tab.proxy.index(row, 0)
        marks[index.data(TopicIdRole)] = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert marks["crisis"] == "\u203c Act now"
    assert marks["policy-basis"] == "\u2139 Why"
    assert len(set(marks.values())) == 5
    tab.select_topic("policy-basis")
    badge = tab.view.findChild(object, "verdictBadge")
    assert badge is not None and badge.text() == "\u2139 Why"
