"""Connecting to the shared log's server, and turning its errors into messages a desk can act on.

psycopg is imported here, lazily, only when a database URL is given: a single desk on SQLite
never pays for it. Desk stores no password: libpq's own means (a pgpass file, a service file,
client certificates, PGPASSWORD for a script) supply one where the server asks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from desk.core.errors import InvalidInput, Refused, StoreError

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 10
"""libpq gives up on an unreachable server after this; commands then exit within 15 s."""


def describe(url: str) -> str:
    """Where the server is, for messages: host, port and database, never user or password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(url)
    except Exception:  # a URL libpq cannot parse still deserves a message, not a traceback
        return "the shared log's server (unreadable database URL)"
    host = str(parts.get("host") or "localhost")
    port = str(parts.get("port") or "5432")
    dbname = str(parts.get("dbname") or parts.get("user") or "")
    return f"{host}:{port}/{dbname}" if dbname else f"{host}:{port}"


def check_url(url: str) -> str:
    """A libpq URI or key=value string; a password written into it is refused."""
    text = url.strip()
    if not text:
        raise InvalidInput("the database URL is empty (--database or DESK_DATABASE)")
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(text)
    except ImportError:
        raise StoreError(
            "the shared log needs the psycopg package: install Desk with its 'postgres' extra"
        ) from None
    except Exception:
        raise InvalidInput(
            "the database URL is not one libpq understands (expected postgresql://HOST/DB)"
        ) from None
    if parts.get("password"):
        raise InvalidInput(
            "the database URL holds a password; Desk never stores one: use a pgpass file, a "
            "service file or a client certificate (see docs/SHARED-LOG.md)"
        )
    return text


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection, or StoreError in one line naming the server.

    Raises:
        StoreError: unreachable, refused, or no such database.
    """
    import psycopg

    where = describe(url)
    try:
        return psycopg.connect(
            url,
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="desk",
        )
    except psycopg.Error as err:
        raise StoreError(f"cannot reach the shared log at {where}: {_first_line(err)}") from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.lower().startswith(("connection to server", "multiple connection")):
            for noise in ("connection is bad:", "connection failed:", "FATAL:"):
                line = line.removeprefix(noise).strip()
            return line
    return text.splitlines()[0] if text else type(err).__name__


@contextlib.contextmanager
def translated(where: str) -> Iterator[None]:
    """Server errors become Desk's: the rules' refusals, bad input, or a store problem."""
    import psycopg
    from psycopg import errors

    try:
        yield
    except psycopg.Error as err:
        diag = err.diag
        message = diag.message_primary or _first_line(err)
        if diag.message_hint == "refused":
            raise Refused(message) from None
        if diag.message_hint == "invalid":
            raise InvalidInput(message) from None
        if isinstance(err, errors.InsufficientPrivilege):
            raise Refused(
                f"the shared log at {where} refused this for your database role: {message} "
                "(people are added by the log's owner: desk staff add, desk counselors add; "
                "db setup needs the owner role)"
            ) from None
        if isinstance(err, psycopg.OperationalError | psycopg.InterfaceError):
            raise StoreError(f"lost the shared log at {where}: {message}") from None
        raise StoreError(f"the shared log at {where}: {message}") from None
