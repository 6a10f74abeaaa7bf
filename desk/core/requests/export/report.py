"""Exports of the request log: CSV for spreadsheets and a printable PDF report.

Each export is itself recorded as an event: who took client data out of the log, in what form,
and how much. The event is recorded once the first page of rows is read and before anything is
written, so an export the log refuses to record (writes stopped after tampering, an inactive
exporter) sends out no client data, one stopped before its first page records nothing, and one
cut short later (a closed pipe) is still on the record. Both carry the head hash of the chain
as it stood just before that event, so a printout can later be checked against the log with
`desk requests verify --head <hash>`.
"""

from __future__ import annotations

import csv
import itertools
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from desk.core.errors import DeskError, Refused
from desk.core.requests.export.pdf import ReportPdf
from desk.core.requests.models import STATUSES, Clock, Counselor, Head, Request, RequestFilter
from desk.core.requests.workflow import ADMIN_ID

if TYPE_CHECKING:
    from desk.core.requests.workflow import RequestLog

CSV_COLUMNS = (
    "id",
    "requested_at",
    "client",
    "counselor_id",
    "counselor",
    "status",
    "via",
    "requested_by",
    "decided_by",
    "decided_how",
    "released_at",
    "release_method",
    "updated_at",
)

# OWASP "CSV Injection": a cell starting with one of these may be run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PAGE_SIZE = 2000


def safe_cell(value: str) -> str:
    """The cell text a spreadsheet shows as text, never evaluates."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def iter_requests(log: RequestLog, flt: RequestFilter) -> Iterator[Request]:
    """Every request matching `flt`, newest first, one page in memory at a time."""
    offset = 0
    previous: set[str] = set()
    while True:
        rows = log.page(flt, offset=offset, limit=PAGE_SIZE)
        # A request added meanwhile shifts later pages down; skip what the last page showed.
        for request in rows:
            if request.id not in previous:
                yield request
        if len(rows) < PAGE_SIZE:
            return
        offset += len(rows)
        previous = {r.id for r in rows}


def describe_filter(flt: RequestFilter) -> str:
    """The filter in words, for the export event and the report; never the client text."""
    parts = []
    if flt.status:
        parts.append(f"status {flt.status}")
    if flt.counselor_id:
        parts.append(f"counselor {flt.counselor_id}")
    if flt.since:
        parts.append(f"from {flt.since.isoformat()}")
    if flt.until:
        parts.append(f"to {flt.until.isoformat()}")
    if flt.client:
        parts.append("client name filter")
    return ", ".join(parts) or "all requests"


@contextmanager
def private_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A new file readable by its owner only, put in place only once fully written.

    Raises:
        DeskError: the file cannot be created or written (missing folder, no permission, disk
            full); nothing is left behind.
    """
    if path.exists() and not path.is_file():
        raise DeskError(f"cannot write {path}: it is not a regular file")
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.unlink(missing_ok=True)
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as err:
        raise DeskError(f"cannot write {path}: {err.strerror}") from None
    try:
        with os.fdopen(
            fd,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "",
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException as err:
        part.unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise DeskError(f"cannot write {path}: {err.strerror}") from None
        raise


def check_target(path: Path, *, data_dir: Path) -> None:
    """Refuse an export file inside the data folder, where it could replace the log itself.

    Both the path as given and where its links lead are checked: the database, its -wal and
    -shm files, the anchor and the backups all live there.

    Raises:
        DeskError: `path` is inside `data_dir`.
    """
    folder = Path(os.path.realpath(data_dir))
    for candidate in (
        Path(os.path.realpath(path.parent)) / path.name,
        Path(os.path.realpath(path)),
    ):
        if candidate == folder or candidate.is_relative_to(folder):
            raise DeskError(
                f"will not write the export to {path}: it is inside the data folder {data_dir}, "
                "which holds the request log, its anchor and backups; choose a file elsewhere"
            )


def _begin(
    log: RequestLog, flt: RequestFilter, *, staff_id: str, fmt: str, description: str
) -> tuple[Iterator[Request], Head | None]:
    """Read the first page, note the head, record the export: all before a row is written.

    Returns:
        Every matching request (the first page already read) and the head to print.
    """
    found = iter_requests(log, flt)
    first = next(found, None)
    head = log.head()
    log.record_export(staff_id=staff_id, fmt=fmt, description=description, rows=log.count(flt))
    return (itertools.chain([first], found) if first is not None else iter(())), head


def _check(log: RequestLog, flt: RequestFilter, staff_id: str) -> dict[str, Counselor]:
    """Refuse an unknown exporter or counselor before anything is written."""
    if staff_id != ADMIN_ID and not log.get_staff(staff_id).active:
        raise Refused(f"staff {staff_id} is no longer active")
    if flt.counselor_id:
        log.get_counselor(flt.counselor_id)
    return {c.id: c for c in log.list_counselors(include_inactive=True)}


def _now(clock: Clock | None) -> datetime:
    return clock() if clock is not None else datetime.now(UTC)


def _utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else ""


def _head_text(head: Head | None) -> tuple[str, str]:
    return (str(head.seq), head.hash) if head else ("0", "none")


def write_csv(
    log: RequestLog,
    out: IO[str],
    flt: RequestFilter,
    *,
    staff_id: str,
    bom: bool = False,
    clock: Clock | None = None,
) -> int:
    """Write matching requests as CSV (formula-safe) with a trailer naming the head hash.

    The export event (with the number of matching requests) is recorded before anything is
    written to `out`; a reader that goes away part-way (BrokenPipeError) is left to the caller.

    Returns:
        The number of request rows written.
    """
    counselors = _check(log, flt, staff_id)
    description = describe_filter(flt)
    found, head = _begin(log, flt, staff_id=staff_id, fmt="csv", description=description)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    if bom:
        out.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for r in found:
        counselor = counselors.get(r.counselor_id)
        values = (
            r.id,
            _utc(r.requested_at),
            r.client,
            r.counselor_id,
            counselor.display_name if counselor else "",
            r.status,
            r.via,
            r.requested_by,
            r.decided_by or "",
            r.decided_how or "",
            _utc(r.released_at),
            r.release_method or "",
            _utc(r.updated_at),
        )
        writer.writerow([safe_cell(v) for v in values])
        rows += 1
    seq, digest = _head_text(head)
    trailer = (
        ("# exported_at", _utc(_now(clock))),
        ("# exported_by", staff_id),
        ("# filter", description),
        ("# rows", str(rows)),
        ("# head_seq", seq),
        ("# head_hash", digest),
        ("# verify_with", f"desk requests verify --head {digest}"),
    )
    writer.writerow([])
    writer.writerows([safe_cell(v) for v in row] for row in trailer)
    return rows


# Landscape US Letter: (heading, width in points); widths sum to the printable width.
_COLUMNS: Sequence[tuple[str, float]] = (
    ("ID", 62),
    ("Requested", 86),
    ("Client", 150),
    ("Counselor", 130),
    ("Status", 58),
    ("Decided (how, by)", 116),
    ("Released", 110),
)


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def _cells(r: Request, counselors: dict[str, Counselor]) -> tuple[str, ...]:
    counselor = counselors.get(r.counselor_id)
    # A decline records who declined but no "how": the decision itself is the how.
    how = r.decided_how or ("declined" if r.status == "declined" else "")
    decided = f"{how}, {r.decided_by}" if how and r.decided_by else ""
    released = f"{_local(r.released_at)} {r.release_method}" if r.released_at else ""
    name = counselor.display_name if counselor else r.counselor_id
    return (r.id, _local(r.requested_at), r.client, name, r.status, decided, released)


def write_pdf(
    log: RequestLog,
    path: Path,
    flt: RequestFilter,
    *,
    title: str,
    staff_id: str,
    practice: str = "",
    clock: Clock | None = None,
) -> int:
    """Write a printable report of matching requests to `path` (created 0600).

    Returns:
        The number of request rows in the report.
    """
    counselors = _check(log, flt, staff_id)
    now = _now(clock)
    local_now = now.astimezone()
    lines = [
        line
        for line in (
            practice,
            f"Requests: {describe_filter(flt)}",
            f"Printed {local_now:%Y-%m-%d %H:%M} by {staff_id}."
            f" Times are local (UTC{local_now:%z}).",
        )
        if line
    ]
    totals: Counter[str] = Counter()
    with private_file(path, binary=True) as out:
        # The fonts load first: a missing one stops the export before it is recorded.
        report = ReportPdf(title=title, lines=lines, columns=_COLUMNS, fonts=fonts_dir())
        description = f"{describe_filter(flt)}; {title}"
        found, head = _begin(log, flt, staff_id=staff_id, fmt="pdf", description=description)
        seq, digest = _head_text(head)
        report.head = digest
        report.begin_table()
        for r in found:
            report.row(_cells(r, counselors))
            totals[r.status] += 1
        report.end_table()
        rows = sum(totals.values())
        if not rows:
            report.text("No requests match.")
        if report.rows_with_missing:
            report.text(
                f"{report.rows_with_missing} row(s) have letters the report's fonts cannot print,"
                " shown as '?': the CSV export has every name exactly."
            )
        report.text("Totals", bold=True)
        for status in STATUSES:
            report.text(f"{status}: {totals[status]}")
        report.text(f"all: {rows}")
        report.text("")
        report.text(f"Head of the log at export: event {seq}, hash {digest}")
        report.text(f"Verify with: desk requests verify --head {digest}")
        report.write(out, created=now, subject=f"Head of the log: {digest}")
    return rows


def fonts_dir() -> Path:
    """The fonts embedded in PDF reports, bundled with Desk (with their licences)."""
    from desk.paths import resources_dir

    return resources_dir() / "fonts"
