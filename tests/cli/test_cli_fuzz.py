"""Fuzzing the command line: any arguments, any database contents, never a traceback or a leak.

Two properties. Any argument list gives exit 0, 1 or 2 and, on failure, one `desk:` line.
Any hostile change to the log (a value replaced by another type, a bad byte, a client's name
moved into another column, rows deleted) gives the same, and no failure message ever shows
the client's name or note, which are only allowed in the output of commands that list them.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tamper import rehash_from

from desk.cli import main
from desk.core.requests.anchor import write_anchor
from desk.core.requests.models import Head
from desk.core.requests.sqlite.schema import GUARD_TRIGGERS

CLIENT = "Zelda Quarrington"
NOTE = "Mornings Xylophone"
SECRETS = ("Quarrington", "Xylophone")

_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log built once: staff, counselor, a request in each state, an export."""
    folder = tmp_path_factory.mktemp("seed") / "data"
    base = ["--data-dir", str(folder)]
    for argv in (
        ["staff", "add", "--id", "amy", "--name", "Amy Front"],
        ["counselors", "add", "--id", "cara", "--name", "Cara Lee", "--email", "cara@p.org"],
        ["requests", "add", "--client", CLIENT, "--counselor", "cara", "--staff", "amy",
         "--note", NOTE],
        ["requests", "add", "--client", CLIENT, "--counselor", "cara", "--staff", "amy"],
        ["requests", "approve", "R-000001", "--by", "cara", "--staff", "amy", "--how", "phone"],
        ["requests", "release", "R-000001", "--staff", "amy", "--method", "phone",
         "--identity-verified"],
        ["requests", "decline", "R-000002", "--by", "cara", "--staff", "amy", "--reason", NOTE],
    ):  # fmt: skip
        assert main(base + argv) == 0
    return folder


def _fresh(seeded: Path, tmp_path: Path, n: int) -> Path:
    target = tmp_path / f"run{n}" / "data"
    shutil.copytree(seeded, target)
    return target


_COUNTER = iter(range(1_000_000))

_WORDS = st.sampled_from(
    [
        "requests", "staff", "counselors", "policy", "ask", "list", "add", "approve", "decline",
        "withdraw", "release", "history", "export", "verify", "rename", "deactivate", "activate",
        "--json", "--deep", "--head", "--since", "--until", "--status", "--client", "--limit",
        "--id", "--name", "--by", "--staff", "--force", "-o", "--format", "pdf", "csv",
        "R-000001", "R-000002", "R-999999", "amy", "cara", "ghost", "0", "-1", "9999-12-31",
        "0001-01-01", "2026-02-30", "", " ", "\x00", "\udcff", "\u3164", "R-\udcff", "a" * 300,
        "0" * 64, "f" * 8, "--identity-verified", "--method", "phone", "--how", "show", "check",
    ]
)  # fmt: skip


def _check(code: int, out: str, err: str, *, listing: bool) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err
    assert "internal error" not in err, err  # the last-resort handler: a bug got that far
    if code == 1:
        lines = err.strip().splitlines()
        assert lines and lines[-1].startswith("desk: "), err
    if code != 0 or not listing:
        for secret in SECRETS:
            assert secret not in err, err


@_SETTINGS
@given(argv=st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=7))
def test_any_arguments(
    argv: list[str], seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the arguments, exit 0/1/2 with at most one desk: line; never a traceback."""
    if not argv or argv[0] not in ("requests", "staff", "counselors", "policy", "ask"):
        argv = ["requests", *argv]  # with no command, desk would open the window
    folder = _fresh(seeded, tmp_path, next(_COUNTER))
    capsys.readouterr()
    try:
        code = main(["--data-dir", str(folder), *argv])
    except SystemExit as exit_:  # argparse: usage errors and --help
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    _check(code, out, err, listing=True)


_COLUMNS = {
    "events": ["request_id", "at", "staff_id", "workstation", "type", "payload", "prev_hash"],
    "requests": ["client", "counselor_id", "status", "requested_at", "via", "decided_by"],
    "counselors": ["name", "email", "active"],
    "staff": ["name", "active"],
}
_KEYS = {"events": "seq", "requests": "num", "counselors": "id", "staff": "id"}
_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.binary(max_size=8),
    st.text(max_size=12),
    st.sampled_from(
        [
            "{}",
            "[]",
            "null",
            '{"client": 1}',
            "9999-99-99",
            "R-000001",
            f"{CLIENT} \xff",
            CLIENT,
            NOTE,
        ]
    ),
)


@st.composite
def _edits(draw: st.DrawFn) -> list[tuple[str, str, object, int]]:
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(sorted(_COLUMNS)),
                st.integers(min_value=0, max_value=6),
                _VALUES,
                st.integers(min_value=0, max_value=8),
            ).map(lambda t: (t[0], _COLUMNS[t[0]][t[1] % len(_COLUMNS[t[0]])], t[2], t[3])),
            min_size=1,
            max_size=3,
        )
    )


_COMMANDS = [
    ["requests", "verify"],
    ["requests", "verify", "--deep"],
    ["requests", "history", "R-000001"],
    ["requests", "history", "R-000002", "--json"],
    ["requests", "list"],
    ["requests", "list", "--json", "--status", "released"],
    ["staff", "list"],
    ["counselors", "list", "--json"],
    ["requests", "withdraw", "R-000002", "--staff", "amy"],
    ["requests", "add", "--client", "New Client", "--counselor", "cara", "--staff", "amy"],
    ["requests", "export", "--staff", "amy"],
]


@_SETTINGS
@given(
    edits=_edits(),
    bad_byte=st.booleans(),
    rehash=st.booleans(),
    command=st.sampled_from(_COMMANDS),
)
def test_hostile_database_contents(
    edits: list[tuple[str, str, object, int]],
    bad_byte: bool,
    rehash: bool,
    command: list[str],
    seeded: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Rows edited to any type or value (the chain rehashed or not): exit 0/1/2, one desk:
    line, and no client data in an error or in verify's output."""
    folder = _fresh(seeded, tmp_path, next(_COUNTER))
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER events_no_update")
        for table, column, value, n in edits:
            key = _KEYS[table]
            where = f"{key} IN (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1 OFFSET ?)"
            if isinstance(value, str) and bad_byte:
                sql = f"UPDATE {table} SET {column} = CAST(? AS TEXT) WHERE {where}"
                params: tuple[object, int] = (
                    value.encode("utf-8", "surrogatepass") + b"\xff",
                    n % 3,
                )
            else:
                sql, params = f"UPDATE {table} SET {column} = ? WHERE {where}", (value, n % 3)
            with contextlib.suppress(sqlite3.IntegrityError):  # NOT NULL, UNIQUE: not storable
                conn.execute(sql, params)
        if rehash:  # a forger covering the edits, so the deep checks see them
            with contextlib.suppress(sqlite3.Error, TypeError, ValueError, UnicodeError):
                rehash_from(conn)
            seq, digest = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC").fetchone()
            if isinstance(digest, str) and isinstance(seq, int):
                write_anchor(folder / "desk-log.anchor", Head(seq=seq, hash=digest))
        conn.execute(GUARD_TRIGGERS["events_no_update"])
    capsys.readouterr()
    code = main(["--data-dir", str(folder), *command])
    out, err = capsys.readouterr()
    listing = command[:2] in (["requests", "list"], ["requests", "export"])
    _check(code, out, err, listing=listing)
    if command[1] == "verify":
        for secret in SECRETS:
            assert secret not in out
