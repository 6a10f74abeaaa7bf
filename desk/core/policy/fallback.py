"""Which policy book the desk uses: the folder asked for, or a fallback when it is broken.

A broken practice folder must never stop the front desk, so loading here never raises for the
folder asked for; the problems travel with the result for the window's banner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desk.core.policy.book import PolicyBook
from desk.core.policy.cache import load_policy_cached
from desk.core.policy.errors import PolicyError, PolicyIssue
from desk.core.policy.loader import load_policy
from desk.paths import bundled_policy_dir


@dataclass(frozen=True)
class LoadResult:
    """The book in use and, if the requested folder was broken, why it was not used.

    Attributes:
        requested: the folder asked for; None means the bundled policy was asked for.
        issues: problems in the requested folder; empty when it loaded.
    """

    book: PolicyBook
    requested: Path | None
    issues: list[PolicyIssue] = field(default_factory=list)

    @property
    def fell_back(self) -> bool:
        """The requested folder was broken and the bundled policy is in use instead."""
        return bool(self.issues)


def load_with_fallback(requested: Path | None, *, cache_dir: Path | None = None) -> LoadResult:
    """Load the requested folder, or the bundled policy if it is broken.

    Never raises for the requested folder; a broken bundled policy is a packaging bug and does
    raise `PolicyError`. With `cache_dir`, unchanged folders come from the validated-policy
    cache (`desk.core.policy.cache`) instead of being parsed again.
    """

    def load(directory: Path) -> PolicyBook:
        if cache_dir is None:
            return load_policy(directory)
        return load_policy_cached(directory, cache_dir=cache_dir)

    if requested is not None:
        try:
            return LoadResult(load(Path(requested)), Path(requested))
        except PolicyError as exc:
            issues = exc.issues
        except OSError as exc:
            issues = [PolicyIssue(Path(requested), None, f"cannot read: {exc}")]
        return LoadResult(load(bundled_policy_dir()), Path(requested), issues)
    return LoadResult(load(bundled_policy_dir()), None)
