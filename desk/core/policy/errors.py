"""What can be wrong with a policy folder: one `PolicyIssue` per problem, raised together.

Apart from the loader so that code which only reports problems (`desk ask` answering from the
validated-policy cache) need not import the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.core.errors import DeskError


@dataclass(frozen=True)
class PolicyIssue:
    """One problem in one policy file; `line` is 1-based, None when it concerns the whole file."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{where}: {self.message}"


class PolicyError(DeskError):
    """A policy folder that cannot be used; `str()` lists every issue, one per line."""

    def __init__(self, issues: list[PolicyIssue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))
