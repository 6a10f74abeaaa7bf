"""The shared log answers every filter of the requests table as a plain scan would, in order."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from shared_log import LogFactory
from test_requests_filters import CLIENT_SEARCHES, COUNSELORS, _fill, _wanted

from desk.core.requests.models import STATUSES, RequestFilter


@pytest.mark.parametrize("set_back", [False, True], ids=["in time order", "clock set back"])
def test_every_filter_combination_on_the_shared_log(
    pg_server: Any, tmp_path: Path, clock: Any, set_back: bool
) -> None:
    """Count, first page and a later page agree with a scan for every mix, accents included."""
    factory = LogFactory(pg_server, tmp_path)
    try:
        with factory(clock=clock) as log:
            _fill(log, clock, set_back=set_back)
            everything = [log.get(f"R-{n:06d}") for n in range(1, 19)]
            days = sorted({r.requested_at.astimezone().date() for r in everything})
            middle = days[len(days) // 2]
            spans: list[tuple[date | None, date | None]] = [
                (None, None),
                (middle, None),
                (None, middle),
                (days[1], days[-2]),
                (days[-1] + timedelta(days=1), None),
            ]
            for status, counselor, (since, until), client in itertools.product(
                [None, *STATUSES], COUNSELORS, spans, [*CLIENT_SEARCHES, "jose", "alv", "o'b"]
            ):
                flt = RequestFilter(
                    status=status, counselor_id=counselor, since=since, until=until, client=client
                )
                wanted = _wanted(everything, flt)
                assert log.count(flt) == len(wanted), flt
                assert [r.id for r in log.page(flt, offset=0, limit=100)] == wanted, flt
                assert [r.id for r in log.page(flt, offset=2, limit=3)] == wanted[2:5], flt
            assert log.verify(deep=True).ok
    finally:
        factory.close()
