"""The deep half of `verify`: every event against the rules, every derived table against replay.

A forger who can write the file can append an event with a correct hash; the chain cannot tell.
What gives such an event away is that it could not have been recorded through Desk: an actor
never added or no longer active, a counselor who had left, a transition the workflow never
makes, an approval dated before its request, a release of an address other than the one
approved. Each event is judged as of its own place in the log (`rules.check_event` with the
people as they stood before it), and the first bad event, by seq, is named. Messages name the
event and the column, never what it holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desk.core.requests.chain import canonical_json, format_time, parse_time
from desk.core.requests.models import Event, Request
from desk.core.requests.replay import EVENT_TYPES, PEOPLE_EVENTS, REQUEST_EVENTS, ReplayError
from desk.core.requests.rules import Facts, People, RuleError, check_event, fold_request
from desk.core.requests.sqlite.chain import Problem
from desk.core.requests.sqlite.rows import (
    REQUEST_COLUMNS,
    counselor_from_row,
    request_from_row,
    staff_from_row,
)


def _quoted(names: frozenset[str]) -> str:
    return ", ".join(f"'{n}'" for n in sorted(names))


_TEXT_COLUMNS = ("at", "staff_id", "workstation", "type", "payload", "prev_hash", "hash")
_ODD_EVENT = (
    "SELECT seq, type, "
    + " AND ".join(f"typeof({c}) = 'text'" for c in _TEXT_COLUMNS)
    + " AND typeof(request_id) IN ('text', 'null') FROM events WHERE "
    + " OR ".join(f"typeof({c}) != 'text'" for c in _TEXT_COLUMNS)
    + " OR typeof(request_id) NOT IN ('text', 'null')"
    + f" OR type NOT IN ({_quoted(EVENT_TYPES)})"
    + f" OR (request_id IS NOT NULL) != (type IN ({_quoted(REQUEST_EVENTS)}))"
    + " ORDER BY seq LIMIT 1"
)


@dataclass
class _First:
    """The bad event with the lowest seq seen so far."""

    seq: int | None = None
    message: str = ""

    def note(self, seq: int, message: str) -> None:
        if self.seq is None or seq < self.seq:
            self.seq, self.message = seq, f"event {seq}: {message}"


def deep_problem(conn: sqlite3.Connection) -> None:
    """Run every deep check inside the caller's read transaction.

    Raises:
        Problem: naming the first bad event, or the first derived row that differs.
    """
    _check_events(conn)
    first = _First()
    people = _fold_people(conn, first)
    _check_exports(conn, people, first)
    rows_problem = _request_problem(conn, _replay_requests(conn, people, first))
    if first.seq is not None:
        raise Problem(first.message)
    _check_people(conn, people)
    if rows_problem:
        raise Problem(rows_problem)


def _check_events(conn: sqlite3.Connection) -> None:
    """Every event is text, of a known type, with a request id exactly when its type needs one."""
    row = conn.execute(_ODD_EVENT).fetchone()
    if row is None:
        return
    seq, type_, text = row
    if not text:
        raise Problem(f"event {seq}: fields are not text")
    if type_ not in EVENT_TYPES:
        raise Problem(f"event {seq}: column type holds an unknown event type")
    raise Problem(f"event {seq}: request id does not fit a {type_} event")


def _event(row: tuple[Any, ...]) -> Event:
    """An event from (seq, request_id, at, staff_id, type, payload), its stored form checked.

    Raises:
        RuleError: a time or payload not in the form Desk writes (a hash made over it would
            still match, but no decision could be checked against it).
    """
    seq, request_id, at_text, staff_id, type_, payload_text = row
    try:
        at = parse_time(at_text)
        canonical_at = format_time(at)
    except (TypeError, ValueError):
        raise RuleError("column at is not a time Desk writes") from None
    if canonical_at != at_text:
        raise RuleError("column at is not a time Desk writes")
    try:
        payload = json.loads(payload_text)
    except ValueError:
        raise RuleError("column payload is not JSON") from None
    if not isinstance(payload, dict) or canonical_json(payload) != payload_text:
        raise RuleError("column payload is not in the form Desk writes")
    return Event(
        seq=seq,
        request_id=request_id,
        at=at,
        staff_id=staff_id,
        workstation="",
        type=type_,
        payload=payload,
        prev_hash="",
        hash="",
    )


def _judge(event: Event, people: People, facts: Facts | None) -> None:
    check_event(
        seq=event.seq,
        type=event.type,
        at=event.at,
        staff_id=event.staff_id,
        payload=event.payload,
        people=people,
        facts=facts,
    )


def _fold_people(conn: sqlite3.Connection, first: _First) -> People:
    """Staff and counselors through time, each of their events judged as it was appended."""
    people = People()
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, type, payload FROM events "
        f"WHERE request_id IS NULL AND type IN ({_quoted(PEOPLE_EVENTS)}) ORDER BY seq"
    )
    for row in rows:
        try:
            event = _event(row)
            _judge(event, people, None)
            people.apply(event)
        except (RuleError, ReplayError) as err:
            first.note(row[0], str(err))
            raise Problem(first.message) from None
    return people


def _check_exports(conn: sqlite3.Connection, people: People, first: _First) -> None:
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, type, payload FROM events "
        "WHERE request_id IS NULL AND type = 'exported' ORDER BY seq"
    )
    for row in rows:
        try:
            _judge(_event(row), people, None)
        except RuleError as err:
            first.note(row[0], str(err))
            return


def _replay_requests(
    conn: sqlite3.Connection, people: People, first: _First
) -> Iterator[tuple[str, Request | None]]:
    """Each request rebuilt from its events, every event judged, in request-id order.

    Yields None for a request whose events stop making sense (noted in `first`).
    """
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, type, payload FROM events "
        "WHERE request_id IS NOT NULL ORDER BY request_id, seq"
    )
    current: str | None = None
    facts: Facts | None = None
    broken = False
    for row in rows:
        request_id = row[1]
        if request_id != current:
            if current is not None:
                yield current, None if broken or facts is None else facts.request
            current, facts, broken = request_id, None, False
        if broken:
            continue
        try:
            event = _event(row)
            after = fold_request(facts, event, people)  # the transition first: it says most
            _judge(event, people, facts)
            facts = after
        except (RuleError, ReplayError) as err:
            first.note(row[0], str(err))
            broken = True
        except (AttributeError, TypeError):
            first.note(row[0], "column payload does not hold the fields of its event")
            broken = True
    if current is not None:
        yield current, None if broken or facts is None else facts.request


def _check_people(conn: sqlite3.Connection, people: People) -> None:
    tables: list[tuple[str, str, Any, dict[str, Any]]] = [
        ("counselor", "id, name, email, credentials, active FROM counselors",
         counselor_from_row, people.all_counselors()),
        ("staff", "id, name, active FROM staff", staff_from_row, people.all_staff()),
    ]  # fmt: skip
    for what, columns, from_row, expected in tables:
        stored: dict[Any, Any] = {}
        for row in conn.execute(f"SELECT {columns}"):
            try:
                stored[row[0]] = from_row(row)
            except ValueError:
                raise Problem(f"{what} {_id(row[0])}: stored row is unreadable") from None
        if stored != expected:
            keys = [k for k in stored.keys() | expected.keys() if stored.get(k) != expected.get(k)]
            bad = min(keys, key=str)
            raise Problem(f"{what} {_id(bad)}: stored details do not match the events")


def _id(value: object) -> str:
    from desk.core.requests.replay import shown_id

    return shown_id(value)


def _request_problem(
    conn: sqlite3.Connection, replay: Iterator[tuple[str, Request | None]]
) -> str | None:
    """Merge the stored rows with the replay (both sorted by id); the first difference.

    The replay is always run to its end, so every event is judged even after a difference.
    """
    problem: str | None = None

    def differ(message: str) -> None:
        nonlocal problem
        problem = problem or message

    stored = conn.execute(f"SELECT num, {REQUEST_COLUMNS} FROM requests ORDER BY id")
    pending = next(replay, None)
    for num, *columns in stored:
        row: Any = columns
        try:
            actual = request_from_row(row)
        except (ValueError, TypeError):
            differ(f"request {_id(row[0])}: stored row is unreadable")
            continue
        while pending is not None and pending[0] < actual.id:
            differ(f"request {_id(pending[0])}: its events exist but its stored state is missing")
            pending = next(replay, None)
        if pending is None or pending[0] > actual.id:
            differ(f"request {_id(actual.id)}: stored but no event created it")
            continue
        expected = pending[1]
        pending = next(replay, None)
        if expected is not None and actual != expected:
            fields = [
                f
                for f in Request.__dataclass_fields__
                if getattr(actual, f) != getattr(expected, f)
            ]
            differ(
                f"request {_id(actual.id)}: stored {', '.join(fields)} does not match its events"
            )
        elif actual.id != f"R-{num:06d}":
            differ(f"request {_id(actual.id)}: stored number does not match its id")
    if pending is not None:
        differ(f"request {_id(pending[0])}: its events exist but its stored state is missing")
    for _rest in replay:
        pass
    return problem
