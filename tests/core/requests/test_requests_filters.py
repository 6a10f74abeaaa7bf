"""The requests table's filters: every combination gives the rows a plain scan gives, in order."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.core.requests import open_log
from desk.core.requests.models import STATUSES, Request, RequestFilter
from desk.core.requests.replay import search_words
from desk.core.requests.sqlite import client_index
from desk.core.requests.workflow import RequestLog

NAMES = ["Mary Smith", "José Álvarez", "Ann-Marie Smythe", "Seán O'Brien", "Li Wei", "Mat Jones"]
CLIENT_SEARCHES = ["", "m", "ma sm", "jo", "smythe ann", "zz"]
COUNSELORS = [None, "jdoe", "r-roe.2", "nobody"]


@pytest.fixture(params=["fts5", "word table"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Client search with SQLite's FTS5, and the fallback for Pythons built without it."""
    if request.param == "word table":
        monkeypatch.setattr(client_index, "fts5_available", lambda conn: False)
    return str(request.param)


def _fill(log: RequestLog, clock: Any, *, set_back: bool) -> None:
    """Eighteen requests over nine days in every status; optionally the clock jumps back once."""
    log.add_staff(staff_id="ann", name="Ann Front")
    for cid in ("jdoe", "r-roe.2"):
        log.add_counselor(counselor_id=cid, name=cid.title(), email=f"{cid}@example.org")
    for n in range(18):
        if set_back and n == 11:
            clock.advance(days=-3)
        elif n != 5:  # requests 5 and 6 share a time: ties go by number
            clock.advance(hours=11)
        cid = "jdoe" if n % 3 else "r-roe.2"
        rid = log.add_request(client=NAMES[n % len(NAMES)], counselor_id=cid, staff_id="ann").id
        outcome = n % 5
        if outcome == 1:
            log.decline(rid, by=cid, staff_id="ann")
        elif outcome in (2, 3):
            log.approve(rid, by=cid, staff_id="ann", how="phone")
            if outcome == 3:
                log.release(rid, staff_id="ann", method="phone", identity_verified=True)
        elif outcome == 4:
            log.withdraw(rid, staff_id="ann")


def _wanted(everything: list[Request], flt: RequestFilter) -> list[str]:
    """What the filter means, worked out the slow way over every request."""
    typed = [w for word in flt.client.split() for w in search_words(word)]

    def keep(r: Request) -> bool:
        day = r.requested_at.astimezone().date()
        words = search_words(r.client)
        return (
            (flt.status is None or r.status == flt.status)
            and (flt.counselor_id is None or r.counselor_id == flt.counselor_id)
            and (flt.since is None or day >= flt.since)
            and (flt.until is None or day <= flt.until)
            and all(any(w.startswith(t) for w in words) for t in typed)
        )

    chosen = [r for r in everything if keep(r)]
    chosen.sort(key=lambda r: (r.requested_at, int(r.id[2:])), reverse=True)
    return [r.id for r in chosen]


@pytest.mark.parametrize("set_back", [False, True], ids=["in time order", "clock set back"])
def test_every_filter_combination_matches_a_plain_scan(
    tmp_path: Path, clock: Any, backend: str, set_back: bool
) -> None:
    """Count, first page and a later page agree with a scan for every mix of the filters."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _fill(log, clock, set_back=set_back)
        everything = [log.get(f"R-{n:06d}") for n in range(1, 19)]
        days = sorted({r.requested_at.astimezone().date() for r in everything})
        middle = days[len(days) // 2]
        spans: list[tuple[date | None, date | None]] = [
            (None, None),
            (middle, None),
            (None, middle),
            (days[1], days[-2]),
            (middle, middle),
            (days[-1] + timedelta(days=1), None),
        ]
        for status, counselor, (since, until), client in itertools.product(
            [None, *STATUSES], COUNSELORS, spans, CLIENT_SEARCHES
        ):
            flt = RequestFilter(
                status=status, counselor_id=counselor, since=since, until=until, client=client
            )
            wanted = _wanted(everything, flt)
            assert log.count(flt) == len(wanted), flt
            assert [r.id for r in log.page(flt, offset=0, limit=100)] == wanted, flt
            assert [r.id for r in log.page(flt, offset=2, limit=3)] == wanted[2:5], flt
        assert log.verify(deep=True).ok
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        breaks = conn.execute("SELECT count(*) FROM request_time_breaks").fetchone()[0]
    assert (breaks > 0) == set_back


def test_unknown_status_matches_nothing(tmp_path: Path, clock: Any) -> None:
    """A status no request can have is an empty table, not an error from the search index."""
    with open_log(tmp_path / "data", clock=clock) as log:
        _fill(log, clock, set_back=False)
        flt = RequestFilter(status="lost in the mail", client="m")  # type: ignore[arg-type]
        assert log.count(flt) == 0
        assert log.page(flt, offset=0, limit=10) == []
