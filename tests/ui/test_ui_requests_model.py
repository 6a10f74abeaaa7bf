"""The requests table model: lazy pages off the GUI thread, stale answers dropped, names masked."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_ui_requests_support import add_requests

from desk.core.errors import StoreError
from desk.core.requests import RequestLog, open_log
from desk.core.requests.models import Request, RequestFilter

from desk.ui.requests.model import (
    CLIENT_COLUMN,
    COUNSELOR_COLUMN,
    PAGE_SIZE,
    STATUS_COLUMN,
    RequestProxy,
    RequestRole,
    RequestTableModel,
)

pytest_plugins = ("test_ui_requests_support",)

BIG = 5_000
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class CountingReader:
    """Passes reads through and remembers which pages were asked for."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.pages: list[tuple[int, int]] = []
        self.counts = 0

    def count(self, flt: RequestFilter) -> int:
        self.counts += 1
        return self.inner.count(flt)

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        self.pages.append((offset, limit))
        return self.inner.page(flt, offset=offset, limit=limit)


class ListReader:
    """An in-memory reader over made-up requests; `gate` can hold back one client's reads."""

    def __init__(self, clients: list[str]) -> None:
        self.rows = [
            Request(
                id=f"R-{i:06d}",
                client=name,
                counselor_id="ruiz",
                status="pending",
                requested_at=START + timedelta(minutes=i),
                updated_at=START + timedelta(minutes=i),
                via="phone",
                requested_by="maria",
            )
            for i, name in enumerate(clients, 1)
        ][::-1]
        self.gate = threading.Event()
        self.slow_client = "\u0000"
        self.fail = False

    def _match(self, flt: RequestFilter) -> list[Request]:
        if flt.client == self.slow_client:
            self.gate.wait(10)
        if self.fail:
            raise StoreError("desk-log.sqlite3: disk I/O error")
        return [r for r in self.rows if r.client.casefold().startswith(flt.client.casefold())]

    def count(self, flt: RequestFilter) -> int:
        return len(self._match(flt))

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        return self._match(flt)[offset : offset + limit]


@pytest.fixture
def make_model(qtbot, clock) -> Iterator:
    made: list[RequestTableModel] = []

    def make(reader, **kwargs) -> RequestTableModel:
        model = RequestTableModel(reader=reader, clock=clock, **kwargs)
        made.append(model)
        return model

    yield make
    for model in made:
        model.shutdown()


def _settle(qtbot, model: RequestTableModel) -> None:
    qtbot.waitUntil(lambda: not model.is_loading())


@pytest.fixture(scope="module")
def big_log(tmp_path_factory) -> Iterator[RequestLog]:
    """A log with 5,000 requests, built once for the module (read only in the tests)."""
    moment = [START]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=30)
        return moment[0]

    log = open_log(Path(tmp_path_factory.mktemp("big")) / "data", clock=clock, workstation="W")
    log.add_staff(staff_id="maria", name="Maria Lopez")
    log.add_counselor(counselor_id="ruiz", name="Ana Ruiz", email="a@caring.example")
    for i in range(BIG):
        log.add_request(client=f"Client {i:05d}", counselor_id="ruiz", staff_id="maria")
    yield log
    log.close()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, make_model, log, clock) -> None:
    """The table model and the privacy proxy keep Qt's model contract, before and after loads."""
    add_requests(log, clock, [("Jane Smith", "ruiz"), ("John Baker", "okafor")])
    model = make_model(log)
    proxy = RequestProxy(privacy=True)
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    model.set_filter(RequestFilter())
    _settle(qtbot, model)
    assert model.rowCount() == 2
    model.set_counselors(log.list_counselors())
    proxy.set_privacy(False)
    log.approve(model.request_at(0).id, by="okafor", staff_id="maria", how="phone")
    model.refresh()
    _settle(qtbot, model)
    model.set_filter(RequestFilter(status="approved"))
    _settle(qtbot, model)
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


@pytest.mark.slow
def test_first_page_only_for_a_big_log(qtbot, make_model, big_log) -> None:
    """With 5,000 requests only the first page is read; more comes when the view asks."""
    reader = CountingReader(big_log)
    model = make_model(reader)
    with qtbot.waitSignal(model.total_changed) as counted:
        model.set_filter(RequestFilter())
    _settle(qtbot, model)
    assert counted.args == [BIG]
    assert model.rowCount() == PAGE_SIZE < BIG
    assert model.canFetchMore(model.index(-1, -1))
    assert reader.pages == [(0, PAGE_SIZE)]
    assert model.request_at(0).client == f"Client {BIG - 1:05d}"  # newest first

    model.fetchMore(model.index(-1, -1))
    _settle(qtbot, model)
    assert model.rowCount() == 2 * PAGE_SIZE
    assert reader.pages == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE)]


def test_a_newer_filter_wins_over_a_slow_older_one(qtbot, make_model) -> None:
    """Typing on while a read is slow never shows rows for the older search."""
    reader = ListReader(["Jane Smith", "John Baker", "Bea Jones"])
    reader.slow_client = "j"
    model = make_model(reader)
    model.set_filter(RequestFilter(client="j"))
    model.set_filter(RequestFilter(client="b"))
    reader.gate.set()
    _settle(qtbot, model)
    assert [model.request_at(r).client for r in range(model.rowCount())] == ["Bea Jones"]
    assert model.total == 1


def test_read_failure_is_reported_not_raised(qtbot, make_model) -> None:
    """A store error while paging becomes a message; the table stays empty and usable."""
    reader = ListReader(["Jane Smith"])
    reader.fail = True
    model = make_model(reader)
    with qtbot.waitSignal(model.load_failed) as failed:
        model.set_filter(RequestFilter())
    _settle(qtbot, model)
    assert "disk I/O error" in failed.args[0]
    assert model.rowCount() == 0
    assert not model.canFetchMore(model.index(-1, -1))


def test_refresh_updates_rows_in_place(qtbot, make_model) -> None:
    """A status change refreshes the row without resetting the table (selection survives)."""
    reader = ListReader(["Jane Smith", "John Baker"])
    model = make_model(reader)
    model.set_filter(RequestFilter())
    _settle(qtbot, model)
    reader.rows[0] = replace(reader.rows[0], status="approved")
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    _settle(qtbot, model)
    assert resets == []
    assert model.index(0, STATUS_COLUMN).data() == "\u2713 Approved"


def test_columns_say_status_in_words_and_names_counselors(qtbot, make_model, log, clock) -> None:
    """Status carries a mark and a word; the counselor column shows the display name."""
    add_requests(log, clock, [("Jane Smith", "ruiz")])
    model = make_model(log)
    model.set_counselors(log.list_counselors())
    model.set_filter(RequestFilter())
    _settle(qtbot, model)
    assert model.index(0, STATUS_COLUMN).data() == "\u25cb Pending"
    assert model.index(0, COUNSELOR_COLUMN).data() == "Ana Ruiz, LPC"
    assert isinstance(model.index(0, 0).data(RequestRole), Request)


def test_proxy_masks_only_the_client_column(qtbot, make_model) -> None:
    """Privacy masks client names and nothing else; turning it off shows them again."""
    reader = ListReader(["Jane Smith"])
    model = make_model(reader)
    proxy = RequestProxy(privacy=True)
    proxy.setSourceModel(model)
    model.set_filter(RequestFilter())
    _settle(qtbot, model)
    assert proxy.index(0, CLIENT_COLUMN).data() == "J\u2022\u2022\u2022 S\u2022\u2022\u2022 #1"
    assert proxy.index(0, 0).data() == "R-000001"
    with qtbot.waitSignal(proxy.dataChanged):
        proxy.set_privacy(False)
    assert proxy.index(0, CLIENT_COLUMN).data() == "Jane Smith"


def test_similar_names_get_different_masks(qtbot, make_model) -> None:
    """Two clients with the same initials and counselor are told apart without their names."""
    reader = ListReader(["Jane Smith", "John Smyth", "Jane Smith"])
    model = make_model(reader)
    proxy = RequestProxy(privacy=True)
    proxy.setSourceModel(model)
    model.set_filter(RequestFilter())
    _settle(qtbot, model)
    masks = [proxy.index(row, CLIENT_COLUMN).data() for row in range(proxy.rowCount())]
    assert len(set(masks)) == 3
    for mask in masks:
        assert "ane" not in mask and "ohn" not in mask and "mith" not in mask
        assert mask.startswith("J\u2022\u2022\u2022 S\u2022\u2022\u2022 #")
