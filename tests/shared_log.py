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


def create_database(server: Server) -> SharedDb:
    """A new database owned by the owner role, set up by `desk db setup`'s own code."""
    name = f"desk_{next(_counter)}"
    with psycopg.connect(server.url(SUPERUSER), autocommit=True) as su:
        su.execute(f"CREATE DATABASE {name} OWNER {OWNER}")
    db = SharedDb(server=server, name=name)
    with db.connect() as owner:
        setup(owner)
    return db


def drop_databases(server: Server, dbs: list[SharedDb]) -> None:
    """Drop the databases and every people role, so the next test starts with no one."""
    with psycopg.connect(server.url(SUPERUSER), autocommit=True) as su:
        for db in dbs:
            su.execute(f"DROP DATABASE IF EXISTS {db.name} WITH (FORCE)")
        people = su.execute(
            "SELECT rolname FROM pg_roles WHERE rolname <> ALL(%s) AND rolname !~ '^pg_'",
            (list(_KEEP_ROLES),),
        ).fetchall()
        for (role,) in people:
            su.execute(f'DROP ROLE "{role}"')


def fresh_database(pg_server: Server) -> Iterator[SharedDb]:
    db = create_database(pg_server)
    try:
        yield db
    finally:
        drop_databases(pg_server, [db])


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


class LogFactory:
    """Opens logs by name like `open_log(tmp_path / name)`: one shared database per name."""

    def __init__(self, server: Server, tmp_path: Path) -> None:
        self.server = server
        self.tmp_path = tmp_path
        self.dbs: dict[str, SharedDb] = {}

    def __call__(self, name: str = "data", **kwargs: Any) -> RequestLog:
        if name not in self.dbs:
            self.dbs[name] = create_database(self.server)
            with self.dbs[name].connect() as owner:
                # The workflow's tests run on an injected clock, a month from the server's.
                owner.execute(
                    "UPDATE desk.settings SET value = 'off' WHERE name = 'max_clock_skew_seconds'"
                )
        return acting_log(
            self.dbs[name],
            data_dir=self.tmp_path / name,
            clock=kwargs.get("clock") or _utc_now,
            workstation=kwargs.get("workstation") or "ws-1",
        )

    def close(self) -> None:
        drop_databases(self.server, list(self.dbs.values()))


def _utc_now() -> Any:
    from desk.core.requests.workflow import utc_now

    return utc_now()


LogOpener = Callable[..., RequestLog]
