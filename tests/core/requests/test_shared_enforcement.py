"""The shared log's server enforces the rules itself: raw SQL as a desk's own role gets nowhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from desk.core.errors import Refused
from desk.core.requests import open_log
from desk.core.requests.workflow import RequestLog

EMAIL = "jane@example.org"


def _append(conn: Any, type_: str, request_id: str | None, payload: dict[str, Any]) -> Any:
    return conn.execute(
        "SELECT * FROM desk.append_event(%s, %s, %s, %s, %s)",
        (type_, request_id, datetime.now(UTC), "ws-x", Jsonb(payload)),
    ).fetchone()


@pytest.fixture
def owner_log(shared_db: Any, tmp_path: Path) -> Iterator[RequestLog]:
    """The practice's owner adds one staff member and one counselor through Desk."""
    log = open_log(tmp_path / "owner", database=shared_db.url(), workstation="office")
    log.add_staff(staff_id="ann", name="Ann Front")
    log.add_counselor(counselor_id="jdoe", name="Jane Doe", email=EMAIL)
    yield log
    log.close()


@pytest.fixture
def ann(shared_db: Any, owner_log: RequestLog) -> Iterator[Any]:
    with shared_db.connect("ann") as conn:
        yield conn


def _pending(ann: Any) -> str:
    row = _append(
        ann,
        "request_created",
        "R-000001",
        {"client": "Mary Smith", "counselor_id": "jdoe", "via": "phone", "note": ""},
    )
    return str(json.loads(row[3]) and "R-000001")


def _events(shared_db: Any) -> list[tuple[Any, ...]]:
    with shared_db.connect() as conn:
        return conn.execute("SELECT seq, staff_id, type FROM desk.events ORDER BY seq").fetchall()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE desk.events SET staff_id = 'jdoe'",
        "DELETE FROM desk.events",
        "TRUNCATE desk.events",
        "INSERT INTO desk.events VALUES (99, NULL, 'x', 'ann', 'w', 'exported', '{}', 'x', 'y')",
        "UPDATE desk.requests SET status = 'approved'",
        "INSERT INTO desk.staff VALUES ('eve', 'Eve', true)",
        "UPDATE desk.counselors SET active = true",
        "DELETE FROM desk.staff",
        "UPDATE desk.settings SET value = 'false'",
        'SELECT desk.check_person(\'staff_added\', \'{"id": "eve", "name": "E"}\', \'ann\')',
        "CREATE TABLE desk.mine (x int)",
        "DROP TRIGGER events_no_change ON desk.events",
    ],
)
def test_staff_role_cannot_touch_tables(shared_db: Any, ann: Any, sql: str) -> None:
    """A staff role's raw SQL can neither change events nor write derived state or settings."""
    _pending(ann)
    before = _events(shared_db)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        ann.execute(sql)
    assert _events(shared_db) == before


def test_actor_is_the_signed_in_role(shared_db: Any, ann: Any) -> None:
    """The server stamps session_user: there is no parameter to name anyone else."""
    _pending(ann)
    assert _events(shared_db)[-1][1:] == ("ann", "request_created")


def test_staff_cannot_add_people_or_sign(shared_db: Any, ann: Any) -> None:
    """Only the owner adds people; only the counselor's own role signs an approval."""
    _pending(ann)
    before = _events(shared_db)
    with pytest.raises(psycopg.Error, match="only the log's owner role"):
        _append(ann, "staff_added", None, {"id": "eve", "name": "Eve"})
    with pytest.raises(psycopg.Error, match="only jdoe, signed in as themselves"):
        _append(ann, "approved", "R-000001", {"by": "jdoe", "how": "signed", "note": ""})
    assert _events(shared_db) == before


def test_workflow_rules_hold_on_the_server(shared_db: Any, ann: Any) -> None:
    """Release before approval, or of another address, is refused by the server itself."""
    _pending(ann)
    release = {"method": "phone", "identity_verified": True, "email": EMAIL}
    with pytest.raises(psycopg.Error, match="only a request its counselor approved"):
        _append(ann, "released", "R-000001", release)
    _append(ann, "approved", "R-000001", {"by": "jdoe", "how": "phone", "note": ""})
    with pytest.raises(psycopg.Error, match="address on record"):
        _append(ann, "released", "R-000001", {**release, "email": "eve@evil.example"})
    with pytest.raises(psycopg.Error, match="confirm the caller"):
        _append(ann, "released", "R-000001", {**release, "identity_verified": False})
    _append(ann, "released", "R-000001", release)
    assert [e[2] for e in _events(shared_db)][-3:] == ["request_created", "approved", "released"]


def test_counselor_signs_as_themselves(shared_db: Any, ann: Any, tmp_path: Path) -> None:
    """The counselor's own role records a signed approval through Desk; staff cannot."""
    _pending(ann)
    with (
        open_log(tmp_path / "ann", database=shared_db.url("ann")) as log,
        pytest.raises(Refused, match="only jdoe, signed in as themselves"),
    ):
        log.approve("R-000001", by="jdoe", staff_id="ann", how="signed")
    with open_log(tmp_path / "jdoe", database=shared_db.url("jdoe")) as log:
        approved = log.approve("R-000001", by="jdoe", staff_id="jdoe", how="signed")
    assert (approved.status, approved.decided_how) == ("approved", "signed")
    assert _events(shared_db)[-1][1:] == ("jdoe", "approved")


def test_deactivated_counselor_loses_login(shared_db: Any, owner_log: RequestLog) -> None:
    """Deactivating a counselor revokes their login; activating gives it back."""
    owner_log.update_counselor("jdoe", staff_id="admin", active=False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(shared_db.url("jdoe"))
    owner_log.update_counselor("jdoe", staff_id="admin", active=True)
    psycopg.connect(shared_db.url("jdoe")).close()


def test_a_desk_clock_far_off_is_refused(shared_db: Any, ann: Any) -> None:
    """The server refuses an event dated more than the practice's allowed skew from its clock."""
    from datetime import timedelta

    before = _events(shared_db)
    payload = {"client": "Mary Smith", "counselor_id": "jdoe", "via": "phone", "note": ""}
    with pytest.raises(psycopg.Error, match="clock is 60 minutes off"):
        ann.execute(
            "SELECT * FROM desk.append_event(%s, %s, %s, %s, %s)",
            ("request_created", "R-000001", datetime.now(UTC) - timedelta(hours=1), "w",
             Jsonb(payload)),
        )  # fmt: skip
    assert _events(shared_db) == before


def test_signed_approval_required_before_release(shared_db: Any, ann: Any) -> None:
    """With the practice setting on, a relayed approval is not enough to release (raw SQL)."""
    with shared_db.connect() as owner:
        owner.execute(
            "UPDATE desk.settings SET value = 'true' WHERE name = 'require_signed_approvals'"
        )
    _pending(ann)
    _append(ann, "approved", "R-000001", {"by": "jdoe", "how": "phone", "note": ""})
    release = {"method": "phone", "identity_verified": True, "email": EMAIL}
    with pytest.raises(psycopg.Error, match="signs the approval in Desk"):
        _append(ann, "released", "R-000001", release)


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        ("approved", {"by": "jdoe", "how": "phone", "note": "", "cc": "eve@evil.example"}),
        ("note_added", {"text": "hi", "status": "released"}),
        ("exported", {"format": "csv", "description": "x" * 501, "rows": 1}),
        ("exported", {"format": "csv", "description": "", "rows": 1, "client": "Mary"}),
    ],
)
def test_unknown_or_oversized_fields_are_refused(
    shared_db: Any, ann: Any, type_: str, payload: dict[str, Any]
) -> None:
    """A hand-made event with a field Desk does not know, or too long, is refused."""
    _pending(ann)
    before = _events(shared_db)
    rid = None if type_ == "exported" else "R-000001"
    with pytest.raises(psycopg.Error, match=r"does not know|longer than"):
        _append(ann, type_, rid, payload)
    assert _events(shared_db) == before


def test_an_approval_naming_another_address_is_refused(shared_db: Any, ann: Any) -> None:
    """An approval records the address it covers; the server takes only the one on record."""
    _pending(ann)
    before = _events(shared_db)
    forged = {"by": "jdoe", "how": "phone", "note": "", "email": "eve@evil.example"}
    with pytest.raises(psycopg.Error, match="not counselor jdoe's address on record"):
        _append(ann, "approved", "R-000001", forged)
    assert _events(shared_db) == before
    _append(ann, "approved", "R-000001", {**forged, "email": EMAIL})
