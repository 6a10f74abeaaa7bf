"""The wheel carries the policy and resources and its CLI works from an installed copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("desk-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_policy_and_resources(wheel: Path) -> None:
    """Every policy file in the source tree is inside the wheel, where the resolver looks."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "policy").rglob("*.yaml"):
        assert f"desk/_bundled/policy/{path.relative_to(ROOT / 'policy').as_posix()}" in names
    assert any(n.startswith("desk/_bundled/resources/") for n in names)


@pytest.mark.slow
def test_installed_cli_checks_policy_and_answers(wheel: Path, tmp_path: Path) -> None:
    """`desk policy check` and `desk ask` run from a fresh venv with the wheel installed."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    # The CLI needs only pyyaml and platformdirs; skipping Qt keeps this test quick.
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "pyyaml", "platformdirs"],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env["DESK_DATA_DIR"] = str(tmp_path / "data")
    env["DESK_CACHE_DIR"] = str(tmp_path / "cache")
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    check = subprocess.run(
        [str(bin_dir / "desk"), "policy", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=run_dir,
    )
    assert check.returncode == 0, check.stderr
    assert "_bundled" in check.stdout + check.stderr or "bundled" in check.stdout
    ask = subprocess.run(
        [str(bin_dir / "desk"), "ask", "--json", "can I text my counselor"],
        capture_output=True,
        text=True,
        env=env,
        cwd=run_dir,
    )
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout.splitlines()[0])
    assert answer["results"][0]["id"] == "texting"
