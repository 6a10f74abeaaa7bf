"""`desk requests export`: a CSV or printable PDF report of the log, recorded in it first."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desk.commands._data import acting_staff, data_dir, open_request_log
from desk.core.errors import DeskError

if TYPE_CHECKING:
    from desk.core.requests.models import RequestFilter
    from desk.core.requests.workflow import RequestLog


def export(
    args: argparse.Namespace,
    *,
    make_filter: Callable[[argparse.Namespace, RequestLog], RequestFilter],
) -> int:
    """Record the export, write it, and say where; an export recorded but not written says so."""
    from desk.core.requests.export.report import check_target
    from desk.core.requests.export.target import shown_path

    if args.fmt == "pdf" and args.output is None:
        args.parser.error("a PDF needs -o FILE")
    if args.output is not None:
        check_target(args.output, data_dir=data_dir(args), force=args.force)
    with open_request_log(args, create=False) as log:
        flt = make_filter(args, log)
        args.staff_id = acting_staff(args, log, default="admin")
        before = log.head()
        try:
            rows = _write_export(args, log, flt)
        except BrokenPipeError:
            raise
        except (DeskError, OSError) as err:
            after = log.head()
            if after is None or (before is not None and after.seq == before.seq):
                raise  # refused before anything was recorded
            reason = str(err) if isinstance(err, DeskError) else _output_error(err)
            raise DeskError(
                f"{reason}. The export was already recorded in the log (event {after.seq}), "
                "though its rows were not all written"
            ) from None
    if args.output is not None:
        print(f"Wrote {rows} request(s) to {shown_path(args.output)}")
    return 0


def _output_error(err: OSError) -> str:
    where = "cannot write the output" if err.filename is None else f"cannot write {err.filename}"
    return f"{where}: {err.strerror or 'input/output error'}"


def _write_export(args: argparse.Namespace, log: RequestLog, flt: RequestFilter) -> int:
    """Record the export, then write it; returns the number of rows."""
    from desk.core.requests.export.report import private_file, write_csv, write_pdf

    if args.fmt == "pdf":
        return write_pdf(
            log,
            args.output,
            flt,
            title=args.title,
            staff_id=args.staff_id,
            practice=_practice_name(args),
        )
    if args.output is None:
        rows = write_csv(log, sys.stdout, flt, staff_id=args.staff_id, bom=bool(args.bom))
        sys.stdout.flush()
        return rows
    with private_file(args.output) as out:
        return write_csv(log, out, flt, staff_id=args.staff_id, bom=args.bom is not False)


def _practice_name(args: argparse.Namespace) -> str:
    """The practice named in the policy, for the report heading; blank if it cannot be read."""
    from desk.core.policy.fallback import load_with_fallback
    from desk.paths import resolve

    try:
        result = load_with_fallback(resolve(policy_dir=args.policy_dir).policy_dir)
    except DeskError:  # the report is still useful without the heading line
        return ""
    return result.book.practice.name
