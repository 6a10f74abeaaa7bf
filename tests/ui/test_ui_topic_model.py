"""The checklist model and the search proxy that ranks it."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QModelIndex, Qt

from desk.core.policy.book import TOPIC_IDS, PolicyBook, Topic
from desk.core.search.ranking import SearchIndex

from desk.ui.policy.topic_model import (
    AnswerRole,
    RankRole,
    TopicIdRole,
    TopicListModel,
    TopicRole,
    TopicSearchProxy,
    VerdictRole,
)


@pytest.fixture
def model(qapp, book: PolicyBook) -> TopicListModel:
    return TopicListModel(book=book)


@pytest.fixture
def proxy(model: TopicListModel, book: PolicyBook) -> TopicSearchProxy:
    proxy = TopicSearchProxy(search=SearchIndex(book).search)
    proxy.setSourceModel(model)
    return proxy


def _ids(proxy: TopicSearchProxy) -> list[str]:
    return [proxy.index(r, 0).data(TopicIdRole) for r in range(proxy.rowCount())]


def test_list_model_passes_modeltester(qtmodeltester, model: TopicListModel) -> None:
    """The checklist model honours Qt's model contract."""
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_modeltester_through_queries(qtmodeltester, proxy: TopicSearchProxy) -> None:
    """The proxy honours Qt's model contract while queries filter and re-rank it."""
    qtmodeltester.check(proxy, force_py=True)
    # The tester stays connected and checks every signal the queries below emit.
    for query in ("fb", "can i txt my counslor", "zzzz", "", "email", "she wants to die"):
        proxy.set_query(query)


def test_roles_give_the_topic_and_its_verdict(model: TopicListModel, book: PolicyBook) -> None:
    """Views read the domain object and verdict through custom roles, not display strings."""
    for row, topic in enumerate(book.topics):
        index = model.index(row, 0)
        assert index.data(TopicRole) is topic
        assert index.data(VerdictRole) == topic.verdict
        assert index.data(AnswerRole) == topic.answer
        assert index.data(Qt.ItemDataRole.DisplayRole) == topic.title
        assert topic.verdict_label in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(99, 0).data(TopicRole) is None


def test_empty_query_shows_every_topic_in_checklist_order(proxy: TopicSearchProxy) -> None:
    """With nothing typed, staff see the whole checklist in the policy's order."""
    proxy.set_query("email")
    proxy.set_query("   ")
    assert _ids(proxy) == list(TOPIC_IDS)
    assert proxy.index(0, 0).data(RankRole) is None


def test_query_shows_only_matches_best_first(proxy: TopicSearchProxy, book: PolicyBook) -> None:
    """A question shows the topics search matched, in the order search ranked them."""
    question = "can i txt my counslor"
    proxy.set_query(question)
    expected = [hit.topic_id for hit in SearchIndex(book).search(question)]
    assert _ids(proxy) == expected
    assert expected[0] == "texting"
    assert [proxy.index(r, 0).data(RankRole) for r in range(proxy.rowCount())] == list(
        range(len(expected))
    )


def test_reranking_moves_rows_without_losing_them(proxy: TopicSearchProxy) -> None:
    """Changing the question re-orders rows that stay visible (not only filters them)."""
    proxy.set_query("facebook group")
    first = _ids(proxy)
    proxy.set_query("instant message on facebook")
    second = _ids(proxy)
    assert first[0] == "facebook-group"
    assert second[0] == "instant-messaging"
    assert set(first) & set(second)


def test_danger_ranks_crisis_first(proxy: TopicSearchProxy) -> None:
    """Any sign of danger puts the crisis topic at the top of the checklist."""
    proxy.set_query("my daughter took too many pills, can i email her counselor")
    assert _ids(proxy)[0] == "crisis"


def test_no_match_leaves_an_empty_list(proxy: TopicSearchProxy) -> None:
    """Gibberish shows no rows rather than a misleading best guess."""
    proxy.set_query("zzzz qqqq")
    assert proxy.rowCount() == 0
    assert proxy.topic_at(0) is None


def test_set_book_resets_rows(model: TopicListModel, book: PolicyBook) -> None:
    """Swapping the policy replaces every row."""
    smaller = PolicyBook(practice=book.practice, topics=book.topics[:3], source_dir=book.source_dir)
    model.set_book(smaller)
    assert model.rowCount() == 3
    assert model.row_of("email") == -1
    assert isinstance(model.index(0, 0).data(TopicRole), Topic)
    assert model.index(0, 0).parent() == QModelIndex()
