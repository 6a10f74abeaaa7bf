"""`desk requests ...`: take, decide, release and audit requests for a counselor's email address.

Every step goes through the same `RequestLog` the window uses, so a refusal here is the refusal
there. Exit 0 on success, 1 with one line on stderr when refused (nothing written), 2 for usage.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.commands._data import acting_staff, open_request_log, print_json, print_table
from desk.commands.database import add_migrate
from desk.core.requests.models import (
    APPROVAL_HOWS,
    RELEASE_METHODS,
    STATUSES,
    VIAS,
    Event,
    RequestFilter,
)

if TYPE_CHECKING:
    from desk.core.requests.models import Request
    from desk.core.requests.workflow import RequestLog

_TABLE_LIMIT = 100


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: Any) -> None:
    """Add the `requests` command and its actions."""
    parser = subparsers.add_parser("requests", help="the log of requests for counselors' emails")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("add", help="record a client's request; prints the new id last")
    p.add_argument("--client", required=True, help="the client's name")
    p.add_argument("--counselor", required=True, dest="counselor_id", metavar="ID")
    _staff_option(p)
    p.add_argument("--via", choices=VIAS, default="phone", help="how the request came in")
    p.add_argument("--note", default="")
    p.set_defaults(func=_add, parser=p)

    p = sub.add_parser("approve", help="record the counselor's approval")
    p.add_argument("request_id", metavar="ID")
    p.add_argument("--by", required=True, metavar="COUNSELOR_ID", help="the approving counselor")
    _staff_option(p)
    p.add_argument(
        "--how",
        required=True,
        choices=APPROVAL_HOWS,
        help="how the counselor answered; signed: the counselor, signed in to the shared log",
    )
    p.add_argument("--note", default="")
    p.set_defaults(func=_approve, parser=p)

    p = sub.add_parser("decline", help="record the counselor's decline; prints what to tell")
    p.add_argument("request_id", metavar="ID")
    p.add_argument("--by", required=True, metavar="COUNSELOR_ID", help="the declining counselor")
    _staff_option(p)
    p.add_argument("--reason", default="")
    p.set_defaults(func=_decline, parser=p)

    p = sub.add_parser("withdraw", help="record that the client no longer wants the address")
    p.add_argument("request_id", metavar="ID")
    _staff_option(p)
    p.add_argument("--reason", default="")
    p.set_defaults(func=_withdraw, parser=p)

    p = sub.add_parser("release", help="give out an approved address; prints it")
    p.add_argument("request_id", metavar="ID")
    _staff_option(p)
    p.add_argument("--method", required=True, choices=RELEASE_METHODS)
    p.add_argument(
        "--identity-verified",
        action="store_true",
        help="you have confirmed the caller is the client (required)",
    )
    p.set_defaults(func=_release, parser=p)

    p = sub.add_parser("list", help="list requests, newest first")
    _filter_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help="at most N requests, 0 for all (default: 100 in the table, all in JSON)",
    )
    p.set_defaults(func=_list)

    p = sub.add_parser("history", help="every event of one request, oldest first")
    p.add_argument("request_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.set_defaults(func=_history)

    p = sub.add_parser("export", help="write a CSV or a printable PDF report")
    p.add_argument("--format", choices=("csv", "pdf"), default="csv", dest="fmt")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="CSV: default stdout")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _filter_options(p)
    p.add_argument("--staff", dest="staff_id", metavar="ID", help="who exports (default: admin)")
    p.add_argument("--title", default="Email address requests", help="PDF report title")
    p.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start the CSV with a UTF-8 byte order mark (default: on for -o FILE)",
    )
    p.set_defaults(func=_export, parser=p)

    p = sub.add_parser("verify", help="check the hash chain and the head anchor")
    p.add_argument(
        "--head",
        metavar="[SEQ:]HASH",
        help="also check that this earlier head (all 64 hex digits, as printed) is in the chain",
    )
    p.add_argument(
        "--deep",
        action="store_true",
        help="also judge every event by the log's rules and rebuild every request, counselor "
        "and staff record from the events and compare (slower)",
    )
    p.set_defaults(func=_verify)

    add_migrate(sub)


def _staff_option(p: argparse.ArgumentParser) -> None:
    help_ = "who records this (on a shared log leave it out: you are who you signed in as)"
    p.add_argument("--staff", dest="staff_id", metavar="ID", help=help_)


def _filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--counselor", dest="counselor_id", metavar="ID")
    p.add_argument("--client", default="", metavar="TEXT", help="client name starts with")
    p.add_argument("--since", type=_date, metavar="DATE", help="requested on or after (local)")
    p.add_argument("--until", type=_date, metavar="DATE", help="requested on or before (local)")


def _filter(args: argparse.Namespace, log: RequestLog) -> RequestFilter:
    if args.counselor_id:
        log.get_counselor(args.counselor_id)  # an unknown id is refused, not an empty list
    return RequestFilter(
        status=args.status,
        counselor_id=args.counselor_id,
        since=args.since,
        until=args.until,
        client=args.client,
    )


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _add(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        request = log.add_request(
            client=args.client,
            counselor_id=args.counselor_id,
            staff_id=acting_staff(args, log),
            via=args.via,
            note=args.note,
        )
        counselor = log.get_counselor(request.counselor_id)
    print(f"Recorded; pending until {counselor.name} answers. Request id:")
    print(request.id)
    return 0


def _approve(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        request = log.approve(
            args.request_id,
            by=args.by,
            staff_id=acting_staff(args, log),
            how=args.how,
            note=args.note,
        )
    print(f"{request.id} approved by {args.by} ({args.how}). Release it once you verify identity.")
    return 0


def _decline(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        request = log.decline(
            args.request_id, by=args.by, staff_id=acting_staff(args, log), reason=args.reason
        )
        script = log.decline_script(request.id)
    print(f"{request.id} declined by {args.by}. Tell the caller:")
    print(script)
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        request = log.withdraw(
            args.request_id, staff_id=acting_staff(args, log), reason=args.reason
        )
    print(f"{request.id} withdrawn.")
    return 0


def _release(args: argparse.Namespace) -> int:
    with open_request_log(args) as log:
        email = log.release(
            args.request_id,
            staff_id=acting_staff(args, log),
            method=args.method,
            identity_verified=args.identity_verified,
        )
    print(email)
    return 0


def _iter_all(log: RequestLog, flt: RequestFilter) -> Iterator[Request]:
    from desk.core.requests.export.report import iter_requests

    return iter_requests(log, flt)


def _request_json(r: Request) -> dict[str, Any]:
    return {
        "id": r.id,
        "client": r.client,
        "counselor": r.counselor_id,
        "status": r.status,
        "requested_at": r.requested_at.isoformat(),
        "updated_at": r.updated_at.isoformat(),
        "via": r.via,
        "requested_by": r.requested_by,
        "decided_by": r.decided_by,
        "decided_how": r.decided_how,
        "released_at": _iso(r.released_at),
        "release_method": r.release_method,
    }


def _list(args: argparse.Namespace) -> int:
    limit = args.limit if args.limit is not None else (0 if args.json else _TABLE_LIMIT)
    with open_request_log(args, create=False, read_only=None) as log:
        flt = _filter(args, log)
        found = _iter_all(log, flt)
        if limit:
            found = itertools.islice(found, limit)
        if args.json:
            _stream_json(_request_json(r) for r in found)
            return 0
        rows = [(r.id, _local(r.requested_at), r.status, r.counselor_id, r.client) for r in found]
        total = log.count(flt) if limit and len(rows) == limit else len(rows)
    if rows:
        print_table(("ID", "REQUESTED", "STATUS", "COUNSELOR", "CLIENT"), rows)
    else:
        print("No requests match.")
    if total > len(rows):
        print(f"Showing the newest {len(rows)} of {total}; --limit 0 shows all.")
    return 0


def _stream_json(items: Iterator[dict[str, Any]]) -> None:
    """A JSON list written item by item, so a large log never sits in memory."""
    import json

    out = sys.stdout
    out.write("[")
    for n, item in enumerate(items):
        out.write(",\n  " if n else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]\n")


def _private(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload with the released address withheld: it leaves the desk only at release."""
    return {k: "(withheld)" if k == "email" else v for k, v in payload.items()}


def _event_json(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "request_id": e.request_id,
        "at": e.at.isoformat(),
        "staff_id": e.staff_id,
        "workstation": e.workstation,
        "type": e.type,
        "payload": _private(e.payload),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def _details(event: Event) -> str:
    """Payload in words; the client is on the request and the address stays off the screen."""
    shown = []
    for key, value in sorted(event.payload.items()):
        if key == "email":
            shown.append("email=(withheld)")
        elif key != "client" and value not in ("", None):
            shown.append(f"{key}={value}")
    return ", ".join(shown)


def _history(args: argparse.Namespace) -> int:
    with open_request_log(args, create=False, read_only=None) as log:
        events = log.history(args.request_id)
    if args.json:
        print_json([_event_json(e) for e in events])
        return 0
    rows = [
        (
            str(e.seq),
            _local(e.at),
            e.type,
            e.staff_id,
            e.workstation,
            _details(e),
        )
        for e in events
    ]
    print_table(("SEQ", "AT", "EVENT", "STAFF", "WORKSTATION", "DETAILS"), rows)
    return 0


def _export(args: argparse.Namespace) -> int:
    from desk.commands import report

    return report.export(args, make_filter=_filter)


def _verify(args: argparse.Namespace) -> int:
    with open_request_log(args, create=False, read_only=None) as log:
        report = log.verify(head=args.head, deep=args.deep)
        read_only = bool(getattr(log.store, "read_only", False))
    if not report.ok:
        print(f"desk: error: {report.problem}", file=sys.stderr)
        return 1
    head = report.head
    where = f"head event {head.seq}, hash {head.hash}" if head else "the log is empty"
    print(f"ok: {report.events_checked} events checked; {where}")
    if read_only:
        print("(checked read-only: Desk cannot write to the data folder)")
    return 0
