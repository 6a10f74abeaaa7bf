"""Which policy book the desk uses: the folder asked for, or a fallback when it is broken.

A broken practice folder must never stop the front desk, so loading here never raises for the
folder asked for; the problems travel with the result for the window's banner. The fallback is
the practice's own last good copy of that folder (`desk.core.policy.good_copy`) when there is
one, and the bundled policy only when there never was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk.core.policy.book import PolicyBook
from desk.core.policy.cache import load_policy_cached
from desk.core.policy.errors import PolicyError, PolicyIssue
from desk.core.policy.good_copy import GoodCopy, find, keep
from desk.core.policy.loader import load_policy
from desk.paths import bundled_policy_dir


@dataclass(frozen=True)
class LoadResult:
    """The book in use and, if the requested folder was broken, why it was not used.

    Attributes:
        requested: the folder asked for; None means the bundled policy was asked for.
        issues: problems in the requested folder; empty when it loaded.
        good_copy: the last good copy of the requested folder in use instead of it, if any.
    """

    book: PolicyBook
    requested: Path | None
    issues: list[PolicyIssue] = field(default_factory=list)
    good_copy: GoodCopy | None = None

    @property
    def fell_back(self) -> bool:
        """The requested folder was broken and something else is in use instead."""
        return bool(self.issues)

    @property
    def on_bundled(self) -> bool:
        """The bundled policy stands in for a broken folder (no good copy of it was ever kept)."""
        return self.fell_back and self.good_copy is None


def load_with_fallback(
    requested: Path | None,
    *,
    cache_dir: Path | None = None,
    good_copies: Path | None = None,
    now: datetime | None = None,
) -> LoadResult:
    """Load the requested folder, or a fallback if it is broken.

    Never raises for the requested folder; a broken bundled policy is a packaging bug and does
    raise `PolicyError`. With `cache_dir`, unchanged folders come from the validated-policy
    cache (`desk.core.policy.cache`) instead of being parsed again. With `good_copies` (a
    folder) and `now`, a folder that loads is kept there, and a broken one is replaced by its
    last kept copy; the bundled policy is used only when there is no such copy.
    """

    def load(directory: Path) -> PolicyBook:
        if cache_dir is None:
            return load_policy(directory)
        return load_policy_cached(directory, cache_dir=cache_dir)

    if requested is not None:
        requested = Path(requested)
        try:
            book = load(requested)
        except PolicyError as exc:
            issues = exc.issues
        except OSError as exc:
            issues = [PolicyIssue(requested, None, f"cannot read: {exc}")]
        else:
            if good_copies is not None and now is not None:
                keep(requested, store=good_copies, now=now)
            return LoadResult(book, requested)
        copy = find(requested, store=good_copies) if good_copies is not None else None
        if copy is not None:
            try:
                return LoadResult(load_policy(copy.folder), requested, issues, copy)
            except (PolicyError, OSError):
                pass  # a damaged copy is no better than none
        return LoadResult(load(bundled_policy_dir()), requested, issues)
    return LoadResult(load(bundled_policy_dir()), None)
