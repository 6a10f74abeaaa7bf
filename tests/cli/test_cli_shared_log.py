"""The command line on a shared log: setup, people as roles, two workstations, every refusal.

Workstations are separate `desk` processes with their own data folders, each signed in as its
own database role.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

EMAIL = "ann.smith@caring.example.org"


@dataclass
class Desk:
    """One workstation: a data folder and the database role signed in there."""

    url: str
    data_dir: Path

    def __call__(self, *argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        environ = {**os.environ, "DESK_DATA_DIR": str(self.data_dir), **(env or {})}
        environ.setdefault("DESK_DATABASE", self.url)
        done = subprocess.run(
            [sys.executable, "-m", "desk", *argv],
            capture_output=True,
            text=True,
            env=environ,
            timeout=60,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return out


@pytest.fixture
def practice(shared_db: Any, tmp_path: Path) -> dict[str, Desk]:
    """The office (owner) adds a receptionist and a counselor; each gets a desk of their own."""
    office = Desk(shared_db.url(), tmp_path / "office")
    office.ok("staff", "add", "--id", "jlee", "--name", "Jo Lee")
    office.ok("counselors", "add", "--id", "asmith", "--name", "Ann Smith", "--email", EMAIL)
    return {
        "office": office,
        "front": Desk(shared_db.url("jlee"), tmp_path / "front"),
        "counselor": Desk(shared_db.url("asmith"), tmp_path / "counselor-office"),
    }


def _events(shared_db: Any) -> list[tuple[Any, ...]]:
    with shared_db.connect() as conn:
        return conn.execute("SELECT seq, staff_id, type FROM desk.events ORDER BY seq").fetchall()


def test_setup_is_idempotent(shared_db: Any, tmp_path: Path) -> None:
    """`desk db setup` run again changes nothing and says so; the setting can be turned on."""
    office = Desk(shared_db.url(), tmp_path / "office")
    out = office.ok("db", "setup")
    assert "already up to date" in out and "required before release: no" in out
    out = office.ok("db", "setup", "--require-signed-approvals")
    assert "required before release: yes" in out


def test_two_workstations_share_one_log(shared_db: Any, practice: dict[str, Desk]) -> None:
    """Taken at the front desk, signed by the counselor at hers, released at the front desk."""
    front, counselor = practice["front"], practice["counselor"]
    rid = front.ok("requests", "add", "--client", "Pat Client", "--counselor", "asmith")
    rid = rid.strip().splitlines()[-1]
    assert rid in counselor.ok("requests", "list", "--status", "pending")
    counselor.ok("requests", "approve", rid, "--by", "asmith", "--how", "signed")
    released = front.ok("requests", "release", rid, "--method", "phone", "--identity-verified")
    assert released.strip() == EMAIL
    assert _events(shared_db)[-3:] == [
        (3, "jlee", "request_created"),
        (4, "asmith", "approved"),
        (5, "jlee", "released"),
    ]
    heads = {name: desk.ok("requests", "verify", "--deep") for name, desk in practice.items()}
    assert len(set(heads.values())) == 1
    assert next(iter(heads.values())).startswith("ok: 5 events checked")
    history = practice["office"].ok("requests", "history", rid)
    assert "asmith" in history and "jlee" in history


def test_staff_cannot_record_as_someone_else(shared_db: Any, practice: dict[str, Desk]) -> None:
    """On a shared log --staff may be left out; any other name is refused, nothing written."""
    before = _events(shared_db)
    code, out, err = practice["front"](
        "requests", "add", "--client", "Pat", "--counselor", "asmith", "--staff", "bdiaz"
    )
    assert (code, out) == (1, "")
    assert err.startswith("desk: error: you are signed in to the shared log as jlee")
    assert _events(shared_db) == before


@pytest.mark.parametrize(
    ("desk", "argv", "message"),
    [
        ("front", ("staff", "add", "--id", "eve", "--name", "Eve"), "only the log's owner role"),
        ("front", ("counselors", "deactivate", "asmith"), "only the log's owner role"),
        ("counselor", ("requests", "add", "--client", "Pat", "--counselor", "asmith"), "unknown"),
    ],
)
def test_roles_refused_through_the_cli(
    shared_db: Any, practice: dict[str, Desk], desk: str, argv: tuple[str, ...], message: str
) -> None:
    """Staff cannot manage people; a counselor cannot take requests. One line, exit 1."""
    before = _events(shared_db)
    code, _out, err = practice[desk](*argv)
    assert code == 1
    assert message in err and err.count("\n") == 1
    assert _events(shared_db) == before


def test_signed_approval_only_by_the_counselor(shared_db: Any, practice: dict[str, Desk]) -> None:
    """Staff cannot sign for a counselor; with signed approvals required, a relayed one is
    not enough to release."""
    front, office = practice["front"], practice["office"]
    office.ok("db", "setup", "--require-signed-approvals")
    rid = front.ok("requests", "add", "--client", "Pat", "--counselor", "asmith").split()[-1]
    code, _, err = front("requests", "approve", rid, "--by", "asmith", "--how", "signed")
    assert code == 1 and "only asmith, signed in as themselves" in err
    front.ok("requests", "approve", rid, "--by", "asmith", "--how", "phone")
    before = _events(shared_db)
    code, out, err = front("requests", "release", rid, "--method", "phone", "--identity-verified")
    assert (code, out) == (1, "")
    assert "signs the approval in Desk" in err
    assert _events(shared_db) == before


def test_unreachable_server_is_one_line(tmp_path: Path) -> None:
    """No server at the address: exit 1 well within 15 s, one line naming the server."""
    desk = Desk(f"postgresql://nobody@/desk?host={tmp_path}&port=5999", tmp_path / "d")
    started = time.monotonic()
    code, out, err = desk("requests", "list")
    assert time.monotonic() - started < 15
    assert (code, out) == (1, "")
    assert err.startswith(f"desk: error: cannot reach the shared log at {tmp_path}:5999/desk")
    assert err.count("\n") == 1
    assert not (tmp_path / "d" / "desk-log.sqlite3").exists()


def test_password_in_url_is_refused(tmp_path: Path) -> None:
    """Desk never takes a password in its settings or command line."""
    desk = Desk(f"postgresql://ann:secret@/desk?host={tmp_path}", tmp_path / "d")
    code, _, err = desk("requests", "list")
    assert code == 1 and "holds a password" in err and "secret" not in err


def test_migrate_moves_a_single_desks_log(shared_db: Any, tmp_path: Path) -> None:
    """The copy ends at the same head, verifies deep, keeps working, and refuses a second run."""
    local = Desk("", tmp_path / "single")
    single = {"DESK_DATABASE": ""}
    local("staff", "add", "--id", "jlee", "--name", "Jo Lee", env=single)
    local("counselors", "add", "--id", "asmith", "--name", "A S", "--email", EMAIL, env=single)
    code, out, _ = local(
        "requests", "add", "--client", "Pat", "--counselor", "asmith", "--staff", "jlee", env=single
    )
    rid = out.split()[-1]
    assert code == 0
    local(
        "requests",
        "approve",
        rid,
        "--by",
        "asmith",
        "--staff",
        "jlee",
        "--how",
        "phone",
        env=single,
    )
    code, before, _ = local("requests", "verify", env=single)
    assert code == 0
    code, out, err = local("requests", "migrate", "--to", shared_db.url(), env=single)
    assert code == 0, err
    head = before.split("; ")[1].strip().removeprefix("head ")  # "event N, hash H"
    assert f"both logs end at {head}." in out
    front = Desk(shared_db.url("jlee"), tmp_path / "front")
    assert front.ok("requests", "verify", "--deep").split("; ")[1] == before.split("; ")[1]
    assert [r[1] for r in _events(shared_db)] == ["jlee", "admin", "jlee", "jlee"]  # as recorded
    front.ok("requests", "release", rid, "--method", "phone", "--identity-verified")
    events = _events(shared_db)
    code, _, err = local("requests", "migrate", "--to", shared_db.url(), env=single)
    assert code == 1 and "already holds 5 events" in err, err
    assert _events(shared_db) == events


def test_export_and_head_on_the_shared_log(
    shared_db: Any, practice: dict[str, Desk], tmp_path: Path
) -> None:
    """Export is recorded as the signed-in person; the head it printed verifies at any desk."""
    front = practice["front"]
    front.ok("requests", "add", "--client", "Pat Client", "--counselor", "asmith")
    csv = front.ok("requests", "export")
    assert "Pat Client" in csv
    assert '"# exported_by","jlee"' in csv
    assert _events(shared_db)[-1][1:] == ("jlee", "exported")
    head = csv.split('"# head_hash","')[1].split('"')[0]
    assert practice["counselor"].ok("requests", "verify", "--head", head).startswith("ok:")
    code, _, err = front("requests", "verify", "--head", "ab" * 32)
    assert code == 1 and "is not in the log" in err
    history = front.ok("requests", "history", "R-000001")
    assert "request_created" in history and "jlee" in history


def test_setup_needs_the_owner(shared_db: Any, practice: dict[str, Desk]) -> None:
    """A staff role cannot set up or change the shared log: one line, exit 1."""
    code, out, err = practice["front"]("db", "setup", "--no-require-signed-approvals")
    assert (code, out) == (1, "")
    assert err.startswith("desk: error:") and err.count("\n") == 1


def test_pg_dump_restore_verifies(
    shared_db: Any, practice: dict[str, Desk], tmp_path: Path
) -> None:
    """The backup and restore steps in docs/SHARED-LOG.md give a copy that verifies deep."""
    import psycopg
    from pg_server import find_bin_dir

    front = practice["front"]
    front.ok("requests", "add", "--client", "Pat Client", "--counselor", "asmith")
    before = front.ok("requests", "verify").split("; ")[1]
    dump = tmp_path / "desk.dump"
    subprocess.run(
        [str(find_bin_dir() / "pg_dump"), "--format=custom", f"--file={dump}", shared_db.url()],
        check=True,
    )
    restored = f"{shared_db.name}_restored"
    with shared_db.superuser() as su:
        su.execute(f"CREATE DATABASE {restored} OWNER desk_owner")
    try:
        restored_url = shared_db.server.url("desk_owner", restored)
        subprocess.run(
            [str(find_bin_dir() / "pg_restore"), f"--dbname={restored_url}", "--no-owner",
             "--role=desk_owner", str(dump)],
            check=True,
        )  # fmt: skip
        office = Desk(restored_url, tmp_path / "audit")
        office.ok("db", "setup")
        assert office.ok("requests", "verify", "--deep").split("; ")[1] == before
    finally:
        with psycopg.connect(shared_db.server.url("desk_test_super"), autocommit=True) as su:
            su.execute(f"DROP DATABASE {restored} WITH (FORCE)")
