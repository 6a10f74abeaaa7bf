"""Errors a user sees, kept apart from bugs.

A `DeskError` carries a message that says what is wrong, where, and what to do next. The CLI
prints it as one line and exits 1; the window shows it in a message. Anything else is a bug.
"""

from __future__ import annotations


class DeskError(Exception):
    """A problem the user can act on; `str(err)` is the full message."""


class Refused(DeskError):
    """An action the rules do not allow (wrong state, wrong counselor, missing identity check)."""


class InvalidInput(DeskError):
    """Input that fails validation (empty or overlong name, unknown id, bad e-mail)."""


class StoreError(DeskError):
    """The data store cannot be used (network filesystem, corrupt file, locked too long)."""
