"""`desk db ...`: set up the practice's shared log on PostgreSQL (run as its owner role)."""

from __future__ import annotations

import argparse
from typing import Any

from desk.commands._data import database_url
from desk.core.errors import InvalidInput


def register(subparsers: Any) -> None:
    """Add the `db` command."""
    parser = subparsers.add_parser("db", help="the practice's shared log on PostgreSQL")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser(
        "setup",
        help="create or upgrade the shared log's tables, functions and group roles "
        "(run as the database's owner role, which needs CREATEROLE); safe to repeat",
    )
    p.add_argument(
        "--require-signed-approvals",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="release an address only after the counselor signed the approval in Desk "
        "(default: leave the setting as it is; off on a new log)",
    )
    p.set_defaults(func=_setup)


def add_migrate(sub: Any) -> None:
    """`desk requests migrate --to URL`, registered with the other `requests` actions."""
    p = sub.add_parser(
        "migrate", help="copy this desk's log into an empty shared log (run as its owner role)"
    )
    p.add_argument("--to", required=True, metavar="URL", help="the shared log's database URL")
    p.set_defaults(func=migrate)


def _setup(args: argparse.Namespace) -> int:
    from desk.core.requests.postgres.connection import check_url, connect, describe, translated
    from desk.core.requests.postgres.setup import setup

    url = database_url(args)
    if url is None:
        raise InvalidInput("db setup needs the shared log: --database URL or DESK_DATABASE")
    url = check_url(url)
    where = describe(url)
    conn = connect(url)
    try:
        with translated(where):
            result = setup(conn, require_signed=args.require_signed_approvals)
    finally:
        conn.close()
    change = (
        "already up to date"
        if result.before == result.after
        else f"upgraded from schema {result.before}"
        if result.before
        else "created"
    )
    print(f"Shared log at {where}: schema {result.after}, {change}.")
    print("Group roles desk_staff and desk_counselor have their rights.")
    print(f"Signed approvals required before release: {'yes' if result.require_signed else 'no'}")
    return 0


def migrate(args: argparse.Namespace) -> int:
    """`desk requests migrate --to URL`: this desk's SQLite log into an empty shared log."""
    from desk.commands._data import data_dir, open_request_log
    from desk.core.errors import Refused
    from desk.core.requests import open_log
    from desk.core.requests.postgres.connection import check_url, connect, describe, translated
    from desk.core.requests.postgres.migrate import copy_events, sqlite_events

    if getattr(args, "database", None):
        raise InvalidInput("migrate copies this desk's own log: leave --database out, use --to")
    url = check_url(args.to)
    where = describe(url)
    with open_request_log(args, create=False, read_only=None, local=True) as local:
        report = local.verify()
        if not report.ok:
            raise Refused(f"this desk's log does not verify, nothing was copied: {report.problem}")
        db_path = local.store.local_folder
    assert db_path is not None
    conn = connect(url)
    try:
        with translated(where):
            head = copy_events(conn, sqlite_events(db_path / "desk-log.sqlite3"), where=where)
    finally:
        conn.close()
    with open_log(data_dir(args), database=url) as shared:
        check = shared.verify(deep=True)
    if not check.ok or check.head != report.head:
        raise Refused(f"the shared log at {where} does not verify after the copy: {check.problem}")
    ends = f"event {head.seq}, hash {head.hash}" if head else "no events"
    print(f"Copied {report.events_checked} events to {where}; both logs end at {ends}.")
    print("Point every desk at it with --database URL or DESK_DATABASE.")
    return 0
