"""What the people and requests commands share: opening the log and printing tables."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.core.requests.workflow import RequestLog


@contextmanager
def open_request_log(args: argparse.Namespace) -> Iterator[RequestLog]:
    """The log in the data folder from --data-dir, DESK_DATA_DIR or the platform default."""
    from desk.core.requests import open_log
    from desk.paths import resolve

    log = open_log(resolve(data_dir=args.data_dir).data_dir)
    try:
        yield log
    finally:
        log.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column is left ragged."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headings)]
    for row in (headings, *rows):
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
