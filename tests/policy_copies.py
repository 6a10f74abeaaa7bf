"""Copies of the bundled policy, changed so tests can see which folder is in use."""

from __future__ import annotations

import shutil
from pathlib import Path

from desk.paths import bundled_policy_dir


def broken_copy(tmp_path: Path) -> tuple[Path, str]:
    """A copy with a bad verdict in texting.yaml; returns the folder and `texting.yaml:LINE`."""
    folder = tmp_path / "broken"
    shutil.copytree(bundled_policy_dir(), folder)
    topic = folder / "topics" / "texting.yaml"
    lines = topic.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("verdict:"))
    lines[line_no - 1] = "verdict: maybe"
    topic.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, f"texting.yaml:{line_no}"
