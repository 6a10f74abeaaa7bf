"""`desk staff ...` and `desk counselors ...`: who works the desk and whose emails the log guards.

Counselors' email addresses are never listed here: they leave the log only through a release.
"""

from __future__ import annotations

import argparse
from typing import Any

from desk.commands._data import acting_staff, open_request_log, print_json, print_table

_ADMIN = "admin"


def register(subparsers: Any) -> None:
    """Add the `staff` and `counselors` commands."""
    staff = subparsers.add_parser(
        "staff", help="add, list, rename or (de)activate front-desk staff"
    )
    staff_sub = staff.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = staff_sub.add_parser("add", help="add a staff member")
    p.add_argument("--id", required=True, dest="staff_id", help="short id, e.g. 'jlee'")
    p.add_argument("--name", required=True, help="full name")
    p.set_defaults(func=_staff_add)

    p = staff_sub.add_parser("list", help="list staff")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_staff_list)

    p = staff_sub.add_parser("rename", help="change a staff member's name (the id stays)")
    p.add_argument("staff_id", metavar="ID")
    p.add_argument("--name", required=True, help="the new full name")
    p.add_argument("--by", default=_ADMIN, metavar="ID", help="who records this")
    p.set_defaults(func=_staff_update, active=None)

    for action, active in (("deactivate", False), ("activate", True)):
        what = (
            "a staff member who left: they can no longer record anything"
            if not active
            else "a staff member back at the desk"
        )
        p = staff_sub.add_parser(action, help=what)
        p.add_argument("staff_id", metavar="ID")
        p.add_argument("--by", default=_ADMIN, metavar="ID", help="who records this")
        p.set_defaults(func=_staff_update, active=active, name=None)

    counselors = subparsers.add_parser("counselors", help="add, list or (de)activate counselors")
    c_sub = counselors.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = c_sub.add_parser("add", help="add a counselor")
    p.add_argument("--id", required=True, dest="counselor_id", help="short id, e.g. 'asmith'")
    p.add_argument("--name", required=True, help="full name")
    p.add_argument("--email", required=True, help="professional email (given out only on release)")
    p.add_argument("--credentials", default="", help="e.g. 'LPC'")
    p.add_argument("--staff", dest="staff_id", help="who records this (default: admin)")
    p.set_defaults(func=_counselor_add)

    p = c_sub.add_parser("list", help="list counselors (never their email addresses)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--active", action="store_true", help="only active counselors")
    p.set_defaults(func=_counselor_list)

    for action, active in (("deactivate", False), ("activate", True)):
        what = (
            "a counselor who left: no new requests, approvals, declines or releases "
            "(their open requests can be withdrawn)"
            if not active
            else "a counselor back at the practice: requests for them resume"
        )
        p = c_sub.add_parser(action, help=what)
        p.add_argument("counselor_id", metavar="ID")
        p.add_argument("--staff", dest="staff_id", help="who records this (default: admin)")
        p.set_defaults(func=_counselor_set_active, active=active)


def _staff_add(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        staff = log.add_staff(staff_id=args.staff_id, name=args.name)
    print(f"Added staff {staff.id}: {staff.name}")
    return 0


def _staff_list(args: argparse.Namespace) -> int:
    with open_request_log(args, create=False, read_only=None) as log:
        people = log.list_staff()
    if args.json:
        print_json([{"id": s.id, "name": s.name, "active": s.active} for s in people])
    elif people:
        rows = [(s.id, "active" if s.active else "inactive", s.name) for s in people]
        print_table(("ID", "STATUS", "NAME"), rows)
    else:
        print("No staff yet. Add one with: desk staff add --id ID --name NAME")
    return 0


def _staff_update(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        staff = log.update_staff(args.staff_id, by=args.by, name=args.name, active=args.active)
    if args.name is not None:
        print(f"Staff {staff.id} is now named {staff.name}")
    else:
        print(f"Staff {staff.id} ({staff.name}) is now {'active' if staff.active else 'inactive'}")
    return 0


def _counselor_add(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        counselor = log.add_counselor(
            counselor_id=args.counselor_id,
            name=args.name,
            email=args.email,
            credentials=args.credentials,
            staff_id=acting_staff(args, log, default=_ADMIN),
        )
    print(f"Added counselor {counselor.id}: {counselor.display_name}")
    return 0


def _counselor_list(args: argparse.Namespace) -> int:
    with open_request_log(args, create=False, read_only=None) as log:
        people = log.list_counselors(include_inactive=not args.active)
    if args.json:
        print_json(
            [
                {"id": c.id, "name": c.name, "credentials": c.credentials, "active": c.active}
                for c in people
            ]
        )
    elif people:
        rows = [(c.id, "active" if c.active else "inactive", c.display_name) for c in people]
        print_table(("ID", "STATUS", "NAME"), rows)
    else:
        print("No counselors yet. Add one with: desk counselors add --id ID --name NAME --email E")
    return 0


def _counselor_set_active(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        counselor = log.update_counselor(
            args.counselor_id, staff_id=acting_staff(args, log, default=_ADMIN), active=args.active
        )
    state = "active" if counselor.active else "inactive"
    print(f"Counselor {counselor.id} ({counselor.display_name}) is now {state}")
    return 0
