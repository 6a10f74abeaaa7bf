"""The one place that knows where things live.

Bundled `policy/` and `resources/` ship inside the wheel under `desk/_bundled/`; in a source
checkout they sit at the repository root. Nothing here reads a file at import time.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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


PolicyOrigin = Literal["option", "environment", "setting", "bundled"]


@dataclass(frozen=True, kw_only=True)
class PolicyChoice:
    """Which policy folder to use and what asked for it.

    Attributes:
        folder: the folder asked for; None means the bundled policy.
        origin: `option` (--policy-dir), `environment` (DESK_POLICY_DIR), `setting` (chosen in
            the window) or `bundled`.
    """

    folder: Path | None
    origin: PolicyOrigin


def choose_policy_dir(
    policy_dir: str | os.PathLike[str] | None = None,
    *,
    setting: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
) -> PolicyChoice:
    """Order: --policy-dir, then `DESK_POLICY_DIR`, then the window's setting, then bundled.

    The CLI passes no `setting`: the setting lives in the window's Qt settings, and the CLI
    never imports Qt.
    """
    env = os.environ if environ is None else environ
    if policy_dir:
        return PolicyChoice(folder=Path(policy_dir), origin="option")
    if env.get("DESK_POLICY_DIR"):
        return PolicyChoice(folder=Path(env["DESK_POLICY_DIR"]), origin="environment")
    if setting:
        return PolicyChoice(folder=Path(setting), origin="setting")
    return PolicyChoice(folder=None, origin="bundled")


def requested_policy_dir(
    policy_dir: str | os.PathLike[str] | None = None, *, environ: dict[str, str] | None = None
) -> Path | None:
    """The policy folder asked for by option or `DESK_POLICY_DIR`; None means the bundled one.

    Cheaper than `resolve` (no platform folder lookup) for commands that only read the policy.
    """
    return choose_policy_dir(policy_dir, environ=environ).folder


def cache_dir(*, environ: dict[str, str] | None = None) -> Path:
    """Where Desk keeps what it can rebuild: `DESK_CACHE_DIR`, else the user cache folder.

    Nothing here is needed: deleting the folder only makes the next start slower.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("DESK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        # The XDG base-directory rule, all platformdirs does here; importing platformdirs
        # would cost `desk ask` a tenth of its run.
        base = env.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.expanduser("~/.cache")
        if os.path.isabs(base):
            return Path(base) / APP_NAME
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


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
