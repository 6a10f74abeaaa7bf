"""The request workflow: every transition, every refusal, and nothing written on a refusal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from desk.core.errors import InvalidInput, Refused
from desk.core.requests.models import RequestFilter
from desk.core.requests.workflow import RequestLog


@pytest.fixture
def log(log_opener: Callable[..., RequestLog], clock: Any) -> Iterator[RequestLog]:
    """Two staff and two counselors, on each store."""
    log = log_opener(clock=clock, workstation="front-1")
    log.add_staff(staff_id="ann", name="Ann Front")
    log.add_staff(staff_id="bo", name="Bo Desk")
    log.add_counselor(
        counselor_id="jdoe", name="Jane Doe", email="jane@example.org", credentials="LPC"
    )
    log.add_counselor(counselor_id="rroe", name="Rick Roe", email="rick@example.org")
    yield log
    log.close()


def _snapshot(log: RequestLog) -> tuple[Any, ...]:
    """Everything a write could change."""
    everything = RequestFilter()
    return (
        log.head(),
        log.count(everything),
        log.page(everything, offset=0, limit=1000),
        log.list_staff(),
        log.list_counselors(),
    )


def _nothing_written(log: RequestLog, action: Callable[[], object], error: type[Exception]) -> str:
    before = _snapshot(log)
    with pytest.raises(error) as caught:
        action()
    assert _snapshot(log) == before
    return str(caught.value)


def _new(log: RequestLog, client: str = "Mary Smith", counselor: str = "jdoe") -> str:
    return log.add_request(client=client, counselor_id=counselor, staff_id="ann").id


def test_new_request_is_pending_with_readable_id(log: RequestLog, clock: Any) -> None:
    """A new request gets the next short id, is pending, and records who took it and when."""
    first = log.add_request(
        client="  Mary Smith ",
        counselor_id="jdoe",
        staff_id="ann",
        via="voicemail",
        note="left a message",
    )
    second = log.add_request(client="Ola N", counselor_id="rroe", staff_id="bo")
    assert (first.id, second.id) == ("R-000001", "R-000002")
    assert first.status == "pending"
    assert first.client == "Mary Smith"
    assert first.via == "voicemail"
    assert first.requested_by == "ann"
    assert first.requested_at == clock.now
    assert log.pending_count() == 2


def test_approve_then_release_returns_email(log: RequestLog, clock: Any) -> None:
    """The named counselor approves, staff confirm identity, and release gives the address."""
    rid = _new(log)
    clock.advance(minutes=5)
    approved = log.approve(rid, by="jdoe", staff_id="bo", how="phone", note="ok by phone")
    assert approved.status == "approved"
    assert (approved.decided_by, approved.decided_how) == ("jdoe", "phone")
    clock.advance(minutes=5)
    email = log.release(rid, staff_id="ann", method="printed", identity_verified=True)
    assert email == "jane@example.org"
    released = log.get(rid)
    assert released.status == "released"
    assert released.release_method == "printed"
    assert released.released_at == clock.now
    kinds = [(e.type, e.staff_id, e.workstation) for e in log.history(rid)]
    assert kinds == [
        ("request_created", "ann", "front-1"),
        ("approved", "bo", "front-1"),
        ("released", "ann", "front-1"),
    ]
    assert log.history(rid)[1].payload["how"] == "phone"
    assert log.pending_count() == 0


def test_decline_gives_words_without_the_address(log: RequestLog) -> None:
    """A declined request yields words for the caller that never contain the email."""
    rid = _new(log)
    declined = log.decline(rid, by="jdoe", staff_id="ann", reason="prefers phone")
    assert declined.status == "declined"
    script = log.decline_script(rid)
    assert "Jane Doe" in script
    assert "jane@example.org" not in script
    assert "Mary" not in script


def test_decline_script_only_after_decline(log: RequestLog) -> None:
    """Asking for decline words on a pending request is refused."""
    rid = _new(log)
    with pytest.raises(Refused, match=rid):
        log.decline_script(rid)


@pytest.mark.parametrize("approve_first", [False, True])
def test_withdraw_from_pending_or_approved(log: RequestLog, approve_first: bool) -> None:
    """A caller can withdraw before or after approval."""
    rid = _new(log)
    if approve_first:
        log.approve(rid, by="jdoe", staff_id="ann", how="email")
    assert log.withdraw(rid, staff_id="ann", reason="caller changed mind").status == "withdrawn"


def test_notes_on_any_request(log: RequestLog) -> None:
    """A note is recorded in the history without changing the status."""
    rid = _new(log)
    log.add_note(rid, staff_id="bo", text="called back\nleft voicemail")
    assert log.get(rid).status == "pending"
    assert log.history(rid)[-1].payload == {"text": "called back\nleft voicemail"}


def test_only_the_named_counselor_decides(log: RequestLog) -> None:
    """Another counselor cannot approve or decline; the message names request and counselor."""
    rid = _new(log)
    msg = _nothing_written(
        log, lambda: log.approve(rid, by="rroe", staff_id="ann", how="phone"), Refused
    )
    assert rid in msg and "jdoe" in msg
    msg = _nothing_written(log, lambda: log.decline(rid, by="rroe", staff_id="ann"), Refused)
    assert rid in msg and "jdoe" in msg


@pytest.mark.parametrize("status", ["declined", "withdrawn", "released", "approved"])
def test_decisions_only_while_pending(log: RequestLog, status: str) -> None:
    """Approve and decline are refused once the request left pending."""
    rid = _reach(log, status)
    for action in (
        lambda: log.approve(rid, by="jdoe", staff_id="ann", how="phone"),
        lambda: log.decline(rid, by="jdoe", staff_id="ann"),
    ):
        assert status in _nothing_written(log, action, Refused)


def _reach(log: RequestLog, status: str) -> str:
    rid = _new(log)
    if status in ("approved", "released"):
        log.approve(rid, by="jdoe", staff_id="ann", how="in-person")
    if status == "released":
        log.release(rid, staff_id="ann", method="phone", identity_verified=True)
    if status == "declined":
        log.decline(rid, by="jdoe", staff_id="ann")
    if status == "withdrawn":
        log.withdraw(rid, staff_id="ann")
    return rid


@pytest.mark.parametrize("status", ["pending", "declined", "withdrawn", "released"])
def test_release_needs_approval(log: RequestLog, status: str) -> None:
    """Only an approved request can be released; the message names the request."""
    rid = _reach(log, status)
    msg = _nothing_written(
        log,
        lambda: log.release(rid, staff_id="ann", method="phone", identity_verified=True),
        Refused,
    )
    assert rid in msg and status in msg


def test_release_needs_identity_check(log: RequestLog) -> None:
    """Without a confirmed identity the address is not released."""
    rid = _reach(log, "approved")
    msg = _nothing_written(
        log,
        lambda: log.release(rid, staff_id="ann", method="phone", identity_verified=False),
        Refused,
    )
    assert "identity" in msg and rid in msg


@pytest.mark.parametrize("status", ["declined", "withdrawn", "released"])
def test_withdraw_refused_when_closed(log: RequestLog, status: str) -> None:
    """A closed request cannot be withdrawn."""
    rid = _reach(log, status)
    assert rid in _nothing_written(log, lambda: log.withdraw(rid, staff_id="ann"), Refused)


def test_inactive_counselor_gets_no_new_requests(log: RequestLog) -> None:
    """Deactivating a counselor stops new requests but keeps them listed."""
    log.update_counselor("rroe", staff_id="admin", active=False)
    msg = _nothing_written(log, lambda: _new(log, counselor="rroe"), Refused)
    assert "rroe" in msg
    assert [c.id for c in log.list_counselors(include_inactive=False)] == ["jdoe"]
    assert {c.id for c in log.list_counselors()} == {"jdoe", "rroe"}


def test_unknown_ids_are_named(log: RequestLog) -> None:
    """Unknown staff, counselor or request ids are invalid input naming the id."""
    rid = _new(log)
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: log.add_request(client="X Y", counselor_id="nobody", staff_id="ann"), "nobody"),
        (lambda: log.add_request(client="X Y", counselor_id="jdoe", staff_id="ghost"), "ghost"),
        (lambda: log.approve("R-999999", by="jdoe", staff_id="ann", how="phone"), "R-999999"),
        (lambda: log.approve(rid, by="zed", staff_id="ann", how="phone"), "zed"),
        (lambda: log.approve(rid, by="jdoe", staff_id="ghost", how="phone"), "ghost"),
        (lambda: log.withdraw("R-000777", staff_id="ann"), "R-000777"),
        (lambda: log.add_note("R-000778", staff_id="ann", text="x"), "R-000778"),
        (
            lambda: log.release("R-000779", staff_id="ann", method="phone", identity_verified=True),
            "R-000779",
        ),
        (lambda: log.update_counselor("nobody", staff_id="ann", name="N"), "nobody"),
    ]
    for action, name in cases:
        assert name in _nothing_written(log, action, InvalidInput)
    for reader, name in [
        (lambda: log.get("R-000404"), "R-000404"),
        (lambda: log.history("R-000405"), "R-000405"),
        (lambda: log.get_staff("ghost"), "ghost"),
        (lambda: log.get_counselor("nobody"), "nobody"),
    ]:
        with pytest.raises(InvalidInput, match=name):
            reader()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"client": ""}, "client name is empty"),
        ({"client": "   "}, "client name is empty"),
        ({"client": "x" * 101}, "client name is longer than 100"),
        ({"client": "Mary\x00Smith"}, "client name contains"),
        ({"via": "fax"}, "via"),
        ({"note": "n" * 2001}, "note"),
    ],
)
def test_bad_request_input(log: RequestLog, kwargs: dict[str, str], field: str) -> None:
    """Bad client names and choices are refused with the field named and the name not echoed."""
    args = {"client": "Mary Smith", "counselor_id": "jdoe", "staff_id": "ann", **kwargs}
    msg = _nothing_written(log, lambda: log.add_request(**args), InvalidInput)
    assert field in msg
    assert "Mary" not in msg and "xxxxx" not in msg


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"counselor_id": "Jane"}, "counselor id"),
        ({"counselor_id": "a" * 33}, "counselor id"),
        ({"counselor_id": "-x"}, "counselor id"),
        ({"name": ""}, "counselor name"),
        ({"name": "n" * 101}, "counselor name"),
        ({"email": "jane"}, "email"),
        ({"email": "jane@localhost"}, "email"),
        ({"email": "a b@example.org"}, "email"),
        ({"credentials": "c\x07"}, "credentials"),
        ({"staff_id": "ghost"}, "ghost"),
    ],
)
def test_bad_counselor_input(log: RequestLog, kwargs: dict[str, str], field: str) -> None:
    """Counselor ids, names, emails and credentials are validated before anything is stored."""
    args = {"counselor_id": "new", "name": "New One", "email": "new@example.org", **kwargs}
    assert field in _nothing_written(log, lambda: log.add_counselor(**args), InvalidInput)


def test_duplicates_refused(log: RequestLog) -> None:
    """Adding an existing staff or counselor id is refused."""
    assert "ann" in _nothing_written(
        log, lambda: log.add_staff(staff_id="ann", name="Other Ann"), InvalidInput
    )
    assert "jdoe" in _nothing_written(
        log,
        lambda: log.add_counselor(counselor_id="jdoe", name="J", email="j@example.org"),
        InvalidInput,
    )


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (lambda log, rid: log.approve(rid, by="jdoe", staff_id="ann", how="text"), "how"),
        (
            lambda log, rid: log.release(rid, staff_id="ann", method="fax", identity_verified=True),
            "method",
        ),
        (lambda log, rid: log.add_note(rid, staff_id="ann", text="  "), "note is empty"),
        (
            lambda log, rid: log.record_export(staff_id="ann", fmt="csv", description="x", rows=-1),
            "row count",
        ),
    ],
)
def test_bad_choices(log: RequestLog, action: Callable[..., object], field: str) -> None:
    """Unknown approval or release methods and empty notes are invalid input."""
    rid = _reach(log, "approved")
    assert field in _nothing_written(log, lambda: action(log, rid), InvalidInput)


def test_update_counselor_changes_only_given_fields(log: RequestLog) -> None:
    """An update records the changed fields and keeps the rest."""
    updated = log.update_counselor("jdoe", staff_id="admin", email="jd@example.org")
    assert (updated.name, updated.email, updated.credentials) == (
        "Jane Doe",
        "jd@example.org",
        "LPC",
    )
    rid = _reach(log, "approved")
    assert log.release(rid, staff_id="ann", method="email", identity_verified=True) == (
        "jd@example.org"
    )
    with pytest.raises(InvalidInput, match="nothing to change"):
        log.update_counselor("jdoe", staff_id="ann")


def test_export_is_an_event(log: RequestLog) -> None:
    """Recording an export appends one event to the chain."""
    before = log.head()
    log.record_export(staff_id="admin", fmt="csv", description="all requests", rows=3)
    after = log.head()
    assert before is not None and after is not None
    assert after.seq == before.seq + 1
    assert log.verify().ok


def test_filters_and_paging(log: RequestLog, clock: Any) -> None:
    """Filters by status, counselor, date and client word prefix; pages newest first."""
    ids = []
    for client, counselor in [
        ("Mary Smith", "jdoe"),
        ("José Álvarez", "rroe"),
        ("Ann-Marie Smythe", "jdoe"),
    ]:
        ids.append(_new(log, client, counselor))
        clock.advance(days=1)
    log.approve(ids[0], by="jdoe", staff_id="ann", how="phone")
    everything = log.page(RequestFilter(), offset=0, limit=10)
    assert [r.id for r in everything] == list(reversed(ids))
    assert [r.id for r in log.page(RequestFilter(), offset=1, limit=1)] == [ids[1]]
    assert log.count(RequestFilter(status="approved")) == 1
    assert log.count(RequestFilter(counselor_id="jdoe")) == 2
    assert log.count(RequestFilter(client="sm")) == 2
    assert log.count(RequestFilter(client="MARIE sm")) == 1
    assert log.count(RequestFilter(client="jose alv")) == 1
    assert log.count(RequestFilter(client="mith")) == 0
    first_day = everything[-1].requested_at.astimezone().date()
    assert log.count(RequestFilter(since=first_day, until=first_day)) == 1
    assert log.count(RequestFilter(since=date(2000, 1, 1), until=date(2000, 1, 2))) == 0
    assert log.count(RequestFilter(status="pending", counselor_id="jdoe", client="ann")) == 1


def test_a_changed_address_needs_a_new_approval_before_release(log: RequestLog) -> None:
    """After the counselor's address changes, release waits for a new approval, then gives it."""
    rid = _new(log)
    log.approve(rid, by="jdoe", staff_id="bo", how="phone")
    log.update_counselor("jdoe", staff_id="admin", email="jane.doe@example.org")
    before = _snapshot(log)
    with pytest.raises(Refused, match="approve again"):
        log.release(rid, staff_id="ann", method="phone", identity_verified=True)
    assert _snapshot(log) == before
    log.approve(rid, by="jdoe", staff_id="bo", how="phone")
    email = log.release(rid, staff_id="ann", method="phone", identity_verified=True)
    assert email == "jane.doe@example.org"
    assert log.verify(deep=True).ok
