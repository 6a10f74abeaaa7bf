"""What the people and requests commands share: opening the log and printing tables."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.core.requests.workflow import RequestLog


def data_dir(args: argparse.Namespace) -> Path:
    """The data folder from --data-dir, DESK_DATA_DIR or the platform default."""
    from desk.paths import resolve

    return resolve(data_dir=args.data_dir).data_dir


def database_url(args: argparse.Namespace) -> str | None:
    """The shared log's URL from --database or DESK_DATABASE; None for the local log."""
    import os

    given = getattr(args, "database", None) or os.environ.get("DESK_DATABASE", "").strip()
    return given or None


def acting_staff(args: argparse.Namespace, log: RequestLog, *, default: str | None = None) -> str:
    """Who records this step: --staff on a local log; on a shared log, whoever is signed in.

    On a shared log the server stamps the signed-in role on the event, so --staff may be left
    out and any other name is refused before anything is written.
    """
    from desk.core.errors import InvalidInput, Refused

    given: str | None = getattr(args, "staff_id", None)
    actor = log.store.actor
    if actor is None:
        if given is not None:
            return given
        if default is not None:
            return default
        parser = getattr(args, "parser", None)
        if isinstance(parser, argparse.ArgumentParser):
            parser.error("the following arguments are required: --staff (who records this)")
        raise InvalidInput("--staff ID is needed: who at the desk records this")
    if given is not None and given != actor:
        raise Refused(
            f"you are signed in to the shared log as {actor}: --staff {given} is refused, "
            "nothing was written (leave --staff out)"
        )
    if given is None and default is not None and log.store.get_staff(actor) is None:
        return default  # the owner, managing the log: recorded as the owner's role all the same
    return actor


@contextmanager
def open_request_log(
    args: argparse.Namespace,
    *,
    create: bool = True,
    read_only: bool | None = False,
    local: bool = False,
) -> Iterator[RequestLog]:
    """The log in the data folder; see `open_log` for `create` and `read_only`.

    `local` opens this desk's own log even where a shared one is configured (migrate).
    Commands that only read pass `create=False` (a mistyped folder is an error, not a new
    log) and `read_only=None` (a folder Desk cannot write to can still be read).
    """
    from desk.core.requests import open_log

    _show_warnings()
    log = open_log(data_dir(args), create=create, read_only=read_only, database=database_url(args))
    try:
        yield log
    finally:
        log.close()


def _show_warnings() -> None:
    """Warnings from the log (a backup skipped, a folder others can list) as `desk: warning:`."""
    import logging

    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("desk: warning: %(message)s"))
        handler.setLevel(logging.WARNING)
        root.addHandler(handler)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def one_line(text: str) -> str:
    """A cell on one line: a newline or other control character is shown as an escape, so a
    note cannot fake a row of its own."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def print_table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column is left ragged."""
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headings)]
    for row in (headings, *rows):
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
