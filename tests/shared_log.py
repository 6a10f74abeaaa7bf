"""Fixtures for the shared log: one real PostgreSQL server per test run, a fresh database per test.

Each test gets a database owned by a CREATEROLE owner role with `desk db setup` already run; the
people roles a test creates are dropped afterwards, so tests never see each other's people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from pg_server import OWNER, SUPERUSER, Server, start

from desk.core.requests.models import Clock
from desk.core.requests.postgres.setup import setup
from desk.core.requests.postgres.store import PostgresStore
from desk.core.requests.store import Draft
from desk.core.requests.workflow import RequestLog

_KEEP_ROLES = (SUPERUSER, OWNER, "desk_staff", "desk_counselor")


@dataclass
class SharedDb:
    """One fresh shared log on the test server."""

    server: Server
    name: str

    def url(self, user: str = OWNER) -> str:
        return self.server.url(user, self.name)

    def connect(self, user: str = OWNER) -> psycopg.Connection[tuple[Any, ...]]:
        return psycopg.connect(self.url(user), autocommit=True)

    def superuser(self) -> psycopg.Connection[tuple[Any, ...]]:
        return self.connect(SUPERUSER)


def running_server() -> Iterator[Server]:
    """A PostgreSQL server for the whole run, with the owner role a practice's IT would make."""
    server = start()
    try:
        with psycopg.connect(server.url(SUPERUSER), autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
        yield server
    finally:
        server.stop()


_counter = iter(range(1, 1_000_000))


def fresh_database(pg_server: Server) -> Iterator[SharedDb]:
    """A new database owned by the owner role, set up by `desk db setup`'s own code."""
    name = f"desk_{next(_counter)}"
    with psycopg.connect(pg_server.url(SUPERUSER), autocommit=True) as su:
        su.execute(f"CREATE DATABASE {name} OWNER {OWNER}")
    db = SharedDb(server=pg_server, name=name)
    with db.connect() as owner:
        setup(owner)
    try:
        yield db
    finally:
        with psycopg.connect(pg_server.url(SUPERUSER), autocommit=True) as su:
            su.execute(f"DROP DATABASE {name} WITH (FORCE)")
            people = su.execute(
                "SELECT rolname FROM pg_roles WHERE rolname <> ALL(%s) AND rolname !~ '^pg_'",
                (list(_KEEP_ROLES),),
            ).fetchall()
            for (role,) in people:
                su.execute(f'DROP ROLE "{role}"')


class ActingStore(PostgresStore):
    """A test-only store that records each event as the person the draft names.

    It connects as the superuser and, inside each append's transaction, becomes the draft's
    person with SET LOCAL SESSION AUTHORIZATION (the owner for `admin`), so `session_user` is
    that person's own role when the server's append function stamps it. This lets the
    workflow's tests, written for one desk where staff take turns, run against the server's
    enforcement unchanged.
    """

    def _act_as(self, conn: Any, draft: Draft) -> None:
        role = OWNER if draft.staff_id == "admin" or draft.type == "staff_added" else draft.staff_id
        conn.execute(f'SET LOCAL SESSION AUTHORIZATION "{role}"')

    @property
    def actor(self) -> str | None:
        return None


def acting_log(db: SharedDb, *, data_dir: Path, clock: Clock, workstation: str) -> RequestLog:
    store = ActingStore.open(db.url(SUPERUSER), data_dir=data_dir)
    return RequestLog(store, clock=clock, workstation=workstation)


StoreKind = Callable[..., RequestLog]
