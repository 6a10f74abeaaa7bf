"""Decisions rest on a request's own recorded events, and on counselors still at the practice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.core.errors import Refused
from desk.core.requests import open_log
from desk.core.requests.workflow import RequestLog

EMAIL = "jane@example.org"


@pytest.fixture
def folder(tmp_path: Path, clock: Any) -> Path:
    """A closed log: R-000001 pending, R-000002 approved, R-000003 declined, R-000004 for rroe."""
    data = tmp_path / "data"
    with open_log(data, clock=clock, workstation="front-1") as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email=EMAIL)
        log.add_counselor(counselor_id="rroe", name="Rick Roe", email="rick@example.org")
        for _ in range(3):
            log.add_request(client="Pat Client", counselor_id="jdoe", staff_id="ann")
        log.add_request(client="Lee Client", counselor_id="rroe", staff_id="ann")
        log.approve("R-000002", by="jdoe", staff_id="ann", how="phone")
        log.decline("R-000003", by="jdoe", staff_id="ann")
    return data


def _edit_row(folder: Path, sql: str) -> None:
    """What an attacker with the file can do: change the derived row, leave the events alone."""
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        conn.execute(sql)
        conn.commit()


def _event_count(folder: Path) -> int:
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


@pytest.fixture
def log(folder: Path, clock: Any) -> Iterator[RequestLog]:
    opened = open_log(folder, clock=clock, workstation="front-1")
    yield opened
    opened.close()


def _release(rid: str) -> Callable[[RequestLog], object]:
    return lambda log: log.release(rid, staff_id="ann", method="phone", identity_verified=True)


EDITS: list[tuple[str, str, Callable[[RequestLog], object]]] = [
    (
        "pending made approved, then released",
        "UPDATE requests SET status = 'approved' WHERE id = 'R-000001'",
        _release("R-000001"),
    ),
    (
        "declined made approved, then released",
        "UPDATE requests SET status = 'approved', decided_how = 'phone' WHERE id = 'R-000003'",
        _release("R-000003"),
    ),
    (
        "declined made pending, then approved",
        "UPDATE requests SET status = 'pending' WHERE id = 'R-000003'",
        lambda log: log.approve("R-000003", by="jdoe", staff_id="ann", how="phone"),
    ),
    (
        "approved made pending, then declined",
        "UPDATE requests SET status = 'pending' WHERE id = 'R-000002'",
        lambda log: log.decline("R-000002", by="jdoe", staff_id="ann"),
    ),
    (
        "counselor swapped, then approved by the other one",
        "UPDATE requests SET counselor_id = 'rroe' WHERE id = 'R-000001'",
        lambda log: log.approve("R-000001", by="rroe", staff_id="ann", how="phone"),
    ),
    (
        "declined made pending, then withdrawn",
        "UPDATE requests SET status = 'pending' WHERE id = 'R-000003'",
        lambda log: log.withdraw("R-000003", staff_id="ann"),
    ),
]


@pytest.mark.parametrize(("why", "sql", "action"), EDITS, ids=[e[0] for e in EDITS])
def test_edited_state_row_is_not_trusted(
    folder: Path, clock: Any, why: str, sql: str, action: Callable[[RequestLog], object]
) -> None:
    """A step only an edited state row would allow is refused by name, and nothing is written."""
    _edit_row(folder, sql)
    before = _event_count(folder)
    with open_log(folder, clock=clock) as log:
        head = log.head()
        with pytest.raises(Refused) as caught:
            action(log)
        assert log.head() == head
    message = str(caught.value)
    assert "does not match its recorded history" in message, why
    assert "desk requests verify" in message
    assert "R-00000" in message
    assert EMAIL not in message
    assert _event_count(folder) == before


def test_cli_release_of_edited_row_shows_no_address(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer's attack: an edited row gets no address out of `desk requests release`."""
    _edit_row(folder, "UPDATE requests SET status = 'approved' WHERE id = 'R-000001'")
    before = _event_count(folder)
    code = main(
        ["--data-dir", str(folder), "requests", "release", "R-000001", "--staff", "ann",
         "--method", "phone", "--identity-verified"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1
    assert EMAIL not in out + err
    assert err.startswith("desk: error: request R-000001 does not match its recorded history")
    assert _event_count(folder) == before


def test_untouched_rows_still_flow(log: RequestLog) -> None:
    """The history check lets every honest step through."""
    assert log.release("R-000002", staff_id="ann", method="phone", identity_verified=True) == EMAIL
    log.approve("R-000001", by="jdoe", staff_id="ann", how="written")
    log.withdraw("R-000001", staff_id="ann")
    log.decline("R-000004", by="rroe", staff_id="ann")
    assert log.verify().ok


@pytest.mark.parametrize(
    ("why", "action"),
    [
        ("approve", lambda log: log.approve("R-000001", by="jdoe", staff_id="ann", how="phone")),
        ("decline", lambda log: log.decline("R-000001", by="jdoe", staff_id="ann")),
        ("release", _release("R-000002")),
    ],
)
def test_deactivated_counselor_is_refused(
    log: RequestLog, why: str, action: Callable[[RequestLog], object]
) -> None:
    """A counselor who left the practice: no approval, decline or release on their behalf."""
    log.update_counselor("jdoe", staff_id="admin", active=False)
    head = log.head()
    with pytest.raises(Refused) as caught:
        action(log)
    assert "jdoe is no longer active" in str(caught.value), why
    assert EMAIL not in str(caught.value)
    assert log.head() == head


def test_deactivated_counselors_requests_can_be_withdrawn(log: RequestLog) -> None:
    """Pending and approved requests of a counselor who left can still be closed."""
    log.update_counselor("jdoe", staff_id="admin", active=False)
    assert log.withdraw("R-000001", staff_id="ann").status == "withdrawn"
    assert log.withdraw("R-000002", staff_id="ann").status == "withdrawn"
    log.update_counselor("jdoe", staff_id="admin", active=True)
    rid = log.add_request(client="New Client", counselor_id="jdoe", staff_id="ann").id
    assert log.approve(rid, by="jdoe", staff_id="ann", how="phone").status == "approved"
    assert log.verify().ok
