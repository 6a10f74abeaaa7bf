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
