"""The one place that knows where things live.

Bundled `policy/` and `resources/` ship inside the wheel under `desk/_bundled/`; in a source
checkout they sit at the repository root. Nothing here reads a file at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Desk"
APP_AUTHOR = "Desk"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def bundled_policy_dir() -> Path:
    """Folder of the policy that ships with Desk."""
    return _bundled("policy")


def resources_dir() -> Path:
    """Folder of icons and other bundled resources."""
    return _bundled("resources")


@dataclass(frozen=True, kw_only=True)
class Locations:
    """Resolved folders for one run of Desk.

    Attributes:
        policy_dir: the policy folder asked for (None means the bundled one).
        data_dir: where the request log, its anchor and backups live.
        config_dir: where settings live.
    """

    policy_dir: Path | None
    data_dir: Path
    config_dir: Path

    @property
    def bundled_policy_dir(self) -> Path:
        return bundled_policy_dir()


def requested_policy_dir(
    policy_dir: str | os.PathLike[str] | None = None, *, environ: dict[str, str] | None = None
) -> Path | None:
    """The policy folder asked for by option or `DESK_POLICY_DIR`; None means the bundled one.

    Cheaper than `resolve` (no platform folder lookup) for commands that only read the policy.
    """
    env = os.environ if environ is None else environ
    chosen = policy_dir or env.get("DESK_POLICY_DIR") or None
    return Path(chosen) if chosen else None


def resolve(
    *,
    policy_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
) -> Locations:
    """Resolve folders from explicit options, then environment, then platform defaults.

    Order for each: the command-line option, `DESK_POLICY_DIR` / `DESK_DATA_DIR` /
    `DESK_CONFIG_DIR`, then the platform's user folders.
    """
    env = os.environ if environ is None else environ
    chosen_policy = policy_dir or env.get("DESK_POLICY_DIR") or None
    chosen_data = data_dir or env.get("DESK_DATA_DIR") or None
    chosen_config = env.get("DESK_CONFIG_DIR") or None
    if chosen_data is None or chosen_config is None:
        import platformdirs

        if chosen_data is None:
            chosen_data = platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
        if chosen_config is None:
            chosen_config = platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)
    return Locations(
        policy_dir=Path(chosen_policy) if chosen_policy else None,
        data_dir=Path(chosen_data),
        config_dir=Path(chosen_config),
    )
