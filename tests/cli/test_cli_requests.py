"""The request-log CLI on a fresh data folder: the whole flow, and every refusal writing nothing."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.cli import main
from desk.core.requests import open_log
from desk.core.requests.models import Head

EMAIL = "ann.smith@caring.example.org"


class Cli:
    """Runs `desk` in-process and captures what a terminal would show."""

    def __init__(self, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
        self.capsys = capsys
        self.data_dir = data_dir

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return out

    def new_request(self, client: str = "Pat Client", counselor: str = "asmith") -> str:
        out = self.ok(
            "requests", "add", "--client", client, "--counselor", counselor, "--staff", "jlee"
        )
        return out.strip().splitlines()[-1]

    def head(self) -> Head | None:
        log = open_log(self.data_dir)
        try:
            return log.head()
        finally:
            log.close()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    return Cli(capsys, tmp_path / "data")


@pytest.fixture
def people(cli: Cli) -> Cli:
    """One staff member and two counselors."""
    cli.ok("staff", "add", "--id", "jlee", "--name", "Jo Lee")
    cli.ok(
        "counselors", "add", "--id", "asmith", "--name", "Ann Smith", "--email", EMAIL,
        "--credentials", "LPC",
    )  # fmt: skip
    cli.ok("counselors", "add", "--id", "bdiaz", "--name", "Bo Diaz", "--email", "bo@x.example.org")
    return cli


@pytest.fixture
def states(people: Cli) -> Iterator[dict[str, str]]:
    """Requests in each state, named by their state."""
    ids = {s: people.new_request() for s in ("pending", "approved", "declined", "released")}
    for rid in (ids["approved"], ids["released"]):
        people.ok("requests", "approve", rid, "--by", "asmith", "--staff", "jlee", "--how", "phone")
    people.ok("requests", "decline", ids["declined"], "--by", "asmith", "--staff", "jlee")
    people.ok(
        "requests", "release", ids["released"], "--staff", "jlee", "--method", "phone",
        "--identity-verified",
    )  # fmt: skip
    withdrawn = people.new_request()
    people.ok("requests", "withdraw", withdrawn, "--staff", "jlee")
    ids["withdrawn"] = withdrawn
    yield ids


def test_whole_flow_on_fresh_data_dir(people: Cli) -> None:
    """Add, approve, release prints the email; list, history and verify tell the same story."""
    out = people.ok(
        "requests", "add", "--client", "Zoë Park", "--counselor", "asmith", "--staff", "jlee",
        "--via", "voicemail", "--note", "called twice",
    )  # fmt: skip
    rid = out.strip().splitlines()[-1]
    assert rid.startswith("R-")
    assert EMAIL not in out

    people.ok("requests", "approve", rid, "--by", "asmith", "--staff", "jlee", "--how", "in-person")
    out = people.ok(
        "requests", "release", rid, "--staff", "jlee", "--method", "phone", "--identity-verified"
    )
    assert out.strip().splitlines()[-1] == EMAIL

    listed = json.loads(people.ok("requests", "list", "--json"))
    assert [(r["id"], r["client"], r["counselor"], r["status"]) for r in listed] == [
        (rid, "Zoë Park", "asmith", "released")
    ]
    assert listed[0]["requested_at"].startswith("2")

    raw = people.ok("requests", "history", rid, "--json")
    assert EMAIL not in raw + people.ok("requests", "history", rid)
    events = json.loads(raw)
    assert [e["type"] for e in events] == ["request_created", "approved", "released"]
    assert [e["staff_id"] for e in events] == ["jlee"] * 3
    assert events[0]["seq"] < events[1]["seq"] < events[2]["seq"]

    head = people.head()
    assert head is not None
    out = people.ok("requests", "verify", "--head", head.hash)
    assert head.hash in out
    assert out.startswith("ok:")


def test_people_lists_never_show_emails(people: Cli) -> None:
    """Counselor lists, table and JSON, name counselors but keep their addresses private."""
    table = people.ok("counselors", "list")
    listed = json.loads(people.ok("counselors", "list", "--json"))
    assert "Ann Smith, LPC" in table
    assert {c["id"] for c in listed} == {"asmith", "bdiaz"}
    assert EMAIL not in table + json.dumps(listed)
    staff = json.loads(people.ok("staff", "list", "--json"))
    assert staff == [{"id": "jlee", "name": "Jo Lee", "active": True}]


def test_deactivated_counselor_shows_inactive(people: Cli) -> None:
    """Deactivating a counselor is recorded and shows in the list; activating brings them back."""
    people.ok("counselors", "deactivate", "bdiaz")
    listed = {c["id"]: c["active"] for c in json.loads(people.ok("counselors", "list", "--json"))}
    assert listed == {"asmith": True, "bdiaz": False}
    people.ok("counselors", "activate", "bdiaz")
    active = json.loads(people.ok("counselors", "list", "--json", "--active"))
    assert {c["id"] for c in active} == {"asmith", "bdiaz"}


def test_decline_prints_words_for_the_caller(people: Cli) -> None:
    """A decline tells staff what to say, and the request shows as declined."""
    rid = people.new_request()
    out = people.ok("requests", "decline", rid, "--by", "asmith", "--staff", "jlee")
    assert len(out.strip().splitlines()) >= 2
    assert EMAIL not in out
    listed = json.loads(people.ok("requests", "list", "--status", "declined", "--json"))
    assert [r["id"] for r in listed] == [rid]


def test_list_filters_by_status_and_counselor(states: dict[str, str], people: Cli) -> None:
    """List filters narrow to matching requests only, newest first."""
    pending = json.loads(people.ok("requests", "list", "--status", "pending", "--json"))
    assert {r["status"] for r in pending} == {"pending"}
    assert states["pending"] in ids(pending)
    other = people.new_request(counselor="bdiaz")
    mine = json.loads(people.ok("requests", "list", "--counselor", "bdiaz", "--json"))
    assert ids(mine) == {other}
    table = people.ok("requests", "list", "--counselor", "bdiaz")
    assert other in table
    assert states["pending"] not in table


def ids(rows: list[dict[str, str]]) -> set[str]:
    return {r["id"] for r in rows}


def test_history_text_shows_who_did_what(states: dict[str, str], people: Cli) -> None:
    """The plain history names each step and the staff member who recorded it."""
    out = people.ok("requests", "history", states["released"])
    for word in ("request_created", "approved", "released", "jlee"):
        assert word in out
    assert "Pat Client" not in out


RELEASE = "requests release {} --staff jlee --method phone --identity-verified"
REFUSALS: list[tuple[str, str]] = [
    ("empty staff name", "staff add --id kim --name '  '"),
    ("overlong staff name", f"staff add --id kim --name {'K' * 101}"),
    ("bad staff id", "staff add --id 'Kim Bad' --name Kim"),
    ("duplicate staff id", "staff add --id jlee --name 'Jo Again'"),
    ("bad email", "counselors add --id cx --name 'C X' --email nope"),
    ("empty counselor name", "counselors add --id cx --name '' --email c@x.org"),
    ("duplicate counselor", "counselors add --id asmith --name A --email a@b.org"),
    ("deactivate unknown", "counselors deactivate nobody"),
    ("empty client", "requests add --client ' ' --counselor asmith --staff jlee"),
    ("overlong client", f"requests add --client {'C' * 101} --counselor asmith --staff jlee"),
    ("unknown counselor", "requests add --client Pat --counselor zz --staff jlee"),
    ("unknown staff", "requests add --client Pat --counselor asmith --staff zz"),
    ("approve unknown id", "requests approve R-999999 --by asmith --staff jlee --how phone"),
    (
        "approve by wrong counselor",
        "requests approve {pending} --by bdiaz --staff jlee --how phone",
    ),
    ("approve by unknown staff", "requests approve {pending} --by asmith --staff zz --how phone"),
    ("approve twice", "requests approve {approved} --by asmith --staff jlee --how phone"),
    ("approve declined", "requests approve {declined} --by asmith --staff jlee --how phone"),
    ("decline by wrong counselor", "requests decline {pending} --by bdiaz --staff jlee"),
    ("decline approved", "requests decline {approved} --by asmith --staff jlee"),
    ("withdraw released", "requests withdraw {released} --staff jlee"),
    ("withdraw withdrawn", "requests withdraw {withdrawn} --staff jlee"),
    ("release pending", RELEASE.format("{pending}")),
    ("release declined", RELEASE.format("{declined}")),
    ("release twice", RELEASE.format("{released}")),
    ("release without identity check", "requests release {approved} --staff jlee --method phone"),
    ("release by unknown staff", RELEASE.format("{approved}").replace("jlee", "zz")),
    ("history unknown id", "requests history R-999999"),
    ("list unknown counselor", "requests list --counselor zz"),
    ("export unknown counselor", "requests export --counselor zz"),
    ("export unknown staff", "requests export --staff zz"),
    ("verify unknown head", f"requests verify --head {'ab' * 32}"),
]


@pytest.mark.parametrize(("why", "argv"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusal_writes_nothing(why: str, argv: str, states: dict[str, str], people: Cli) -> None:
    """Each refused step exits 1 with one `desk: error:` line and leaves the log unchanged."""
    before = people.head()
    code, out, err = people(*shlex.split(argv.format(**states)))
    assert code == 1, why
    assert out == ""
    assert err.startswith("desk: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "Pat Client" not in err
    assert people.head() == before


def test_release_refusal_never_shows_the_email(states: dict[str, str], people: Cli) -> None:
    """A release refused for the missing identity check does not leak the address anywhere."""
    code, out, err = people(
        "requests", "release", states["approved"], "--staff", "jlee", "--method", "email"
    )
    assert code == 1
    assert EMAIL not in out + err
    assert "identity" in err


USAGE: list[str] = [
    "requests add --client Pat --counselor asmith",
    "requests add --client Pat --counselor asmith --staff jlee --via fax",
    "requests approve R-000001 --by asmith --staff jlee --how telepathy",
    "requests approve --by asmith --staff jlee --how phone",
    "requests release R-000001 --staff jlee --identity-verified",
    "requests list --status lost",
    "requests export --since yesterday",
    "requests export --format pdf",
    "requests export --format xls",
    "requests",
    "staff add --id kim",
    "counselors add --id cx --name C",
]


@pytest.mark.parametrize("argv", USAGE)
def test_usage_errors_exit_2(argv: str, people: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    """Malformed commands are usage errors (exit 2) that write nothing."""
    before = people.head()
    with pytest.raises(SystemExit) as exc:
        main(shlex.split(argv))
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert people.head() == before


def test_data_dir_option_wins_over_environment(cli: Cli, tmp_path: Path) -> None:
    """--data-dir puts the log where asked, in a folder only its owner can open."""
    elsewhere = tmp_path / "elsewhere"
    cli.ok("--data-dir", str(elsewhere), "staff", "add", "--id", "kim", "--name", "Kim")
    assert json.loads(cli.ok("--data-dir", str(elsewhere), "staff", "list", "--json"))
    code, _out, err = cli("staff", "list", "--json")  # the default folder holds no log
    assert code == 1 and "no request log" in err
    assert not cli.data_dir.exists()
    if os.name == "posix":
        assert elsewhere.stat().st_mode & 0o777 == 0o700


def test_verify_names_the_first_bad_event(states: dict[str, str], people: Cli) -> None:
    """An event edited behind Desk's back makes verify exit 1 naming that event."""
    db = next(people.data_dir.glob("*.sqlite*"), None) or next(people.data_dir.glob("*.db"))
    conn = sqlite3.connect(db)
    seq = conn.execute("SELECT MIN(seq) FROM events WHERE type = 'approved'").fetchone()[0]
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET staff_id = 'mallory' WHERE seq = ?", (seq,))
    conn.commit()
    conn.close()
    code, out, err = people("requests", "verify")
    assert code == 1
    assert out == ""
    assert f"event {seq}" in err


def test_deep_verify_catches_an_edited_request_row(states: dict[str, str], people: Cli) -> None:
    """A derived row edited behind Desk's back passes the chain walk but not --deep."""
    db = next(people.data_dir.glob("*.sqlite*"), None) or next(people.data_dir.glob("*.db"))
    conn = sqlite3.connect(db)
    request_id = conn.execute("SELECT id FROM requests WHERE status = 'pending'").fetchone()[0]
    conn.execute("UPDATE requests SET status = 'approved' WHERE id = ?", (request_id,))
    conn.commit()
    conn.close()
    assert people("requests", "verify")[0] == 0
    code, out, err = people("requests", "verify", "--deep")
    assert code == 1
    assert out == ""
    assert request_id in err


def test_list_table_is_limited_and_says_so(people: Cli) -> None:
    """The table shows the newest N and says how many more there are; JSON can be limited too."""
    made = [people.new_request(client=f"Client {n}") for n in range(3)]
    out = people.ok("requests", "list", "--limit", "2")
    assert made[2] in out and made[1] in out and made[0] not in out
    assert "Showing the newest 2 of 3" in out
    listed = json.loads(people.ok("requests", "list", "--json", "--limit", "1"))
    assert [r["id"] for r in listed] == [made[2]]
    assert "Showing" not in people.ok("requests", "list")
