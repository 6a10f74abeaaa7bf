"""`desk db setup`: create or upgrade the shared log's schema, its group roles and their grants.

Run as the database's owner role (one with CREATEROLE). Each numbered step runs in its own
transaction together with the version it brings the schema to, so an interrupted upgrade leaves
the old version whole; the functions and grants are laid again on every run, so setup is safe to
repeat. Append new steps at the end; never edit a released one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desk.core.errors import StoreError
from desk.core.requests.postgres import sql_append, sql_rules, sql_schema

if TYPE_CHECKING:
    import psycopg

MIGRATIONS: list[str] = [sql_schema.V1_TABLES, sql_schema.V2_PEOPLE_INDEX]
SCHEMA_VERSION = len(MIGRATIONS)
FUNCTIONS = (
    sql_rules.HELPERS,
    sql_rules.PEOPLE,
    sql_rules.REQUESTS,
    sql_append.CANONICAL,
    sql_append.APPEND,
)
_SETUP_LOCK = 7_318_220_001


@dataclass(frozen=True)
class SetupResult:
    before: int
    after: int
    require_signed: bool


def schema_version(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    """The schema's version; 0 where `desk db setup` has never run."""
    row = conn.execute("SELECT to_regclass('desk.schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    found = conn.execute("SELECT max(version) FROM desk.schema_version").fetchone()
    return int(found[0] or 0) if found else 0


def setup(
    conn: psycopg.Connection[tuple[Any, ...]], *, require_signed: bool | None = None
) -> SetupResult:
    """Bring the schema to SCHEMA_VERSION, lay the functions and grants, set the setting.

    Args:
        conn: an autocommit connection as the owner role.
        require_signed: set the practice setting that releases need a signed approval; None
            leaves it as it is.

    Raises:
        StoreError: a schema newer than this Desk, or a role without the rights to set up.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
        conn.execute(sql_schema.ROLES)
        conn.execute(sql_schema.SCHEMA)
        before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"the shared log's schema is version {before}, newer than this Desk knows "
            f"({SCHEMA_VERSION}); update Desk on this workstation"
        )
    for number in range(before, SCHEMA_VERSION):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
            if schema_version(conn) != number:
                continue  # another setup took this step meanwhile
            conn.execute(MIGRATIONS[number])
            conn.execute("INSERT INTO desk.schema_version VALUES (%s)", (number + 1,))
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
        for sql in FUNCTIONS:
            conn.execute(sql)
        conn.execute(sql_schema.GRANTS)
        if require_signed is not None:
            conn.execute(
                "UPDATE desk.settings SET value = %s WHERE name = 'require_signed_approvals'",
                ("true" if require_signed else "false",),
            )
        row = conn.execute(
            "SELECT value FROM desk.settings WHERE name = 'require_signed_approvals'"
        ).fetchone()
    return SetupResult(
        before=before, after=SCHEMA_VERSION, require_signed=bool(row and row[0] == "true")
    )
