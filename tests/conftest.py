"""Shared fixtures. Offscreen Qt is set before anything can import it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the real user's folders even if a test forgets to pass a path.
os.environ.pop("DESK_POLICY_DIR", None)
os.environ.pop("DESK_DATA_DIR", None)

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.core.policy.book import PolicyBook
from desk.paths import bundled_policy_dir


class FakeClock:
    """An injected clock: starts at a fixed UTC time and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 2, 15, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data, config and cache folders."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path / "cache"))
    yield


@pytest.fixture(scope="session")
def book() -> PolicyBook:
    """The bundled policy, loaded once."""
    from desk.core.policy.loader import load_policy

    return load_policy(bundled_policy_dir())


@pytest.fixture
def bundled_dir() -> Path:
    return bundled_policy_dir()


CopyTree = Callable[[Path], Path]


@pytest.fixture
def open_window(qtbot: Any, tmp_path: Path) -> Callable[..., Any]:
    """Build the real window through the composition root, shown and active."""
    from desk.app import build

    def opener(
        *,
        policy_dir: Path | None = None,
        settings: Path | None = None,
        data_dir: Path | None = None,
        requests: bool = False,
    ) -> Any:
        _app, window = build(
            policy_dir=policy_dir,
            data_dir=data_dir or tmp_path / "data",
            settings_path=settings or tmp_path / "desk.ini",
            requests=requests,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return opener


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A real PostgreSQL server, started once for the run by the first test that needs it."""
    from shared_log import running_server

    yield from running_server()


@pytest.fixture
def shared_db(pg_server: Any) -> Iterator[Any]:
    """A fresh shared log (database set up by `desk db setup`'s code) on that server."""
    from shared_log import fresh_database

    yield from fresh_database(pg_server)


@pytest.fixture(params=["sqlite", "postgres"])
def log_opener(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Any]:
    """Opens a request log by name on each store: SQLite in tmp_path/NAME, or a shared database.

    On PostgreSQL each step is recorded as the person it names (their own database role), so the
    server's enforcement runs under the same tests as the workflow.
    """
    if request.param == "sqlite":
        from desk.core.requests import open_log

        def open_sqlite(name: str = "data", **kwargs: Any) -> Any:
            return open_log(tmp_path / name, **kwargs)

        return open_sqlite
    from shared_log import LogFactory

    factory = LogFactory(request.getfixturevalue("pg_server"), tmp_path)
    request.addfinalizer(factory.close)
    return factory
