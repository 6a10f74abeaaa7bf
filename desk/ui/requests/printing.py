"""Open or print an exported report with what the desk PC already has.

Opening uses the system's default program for the file. Printing asks the system to print the
file: Windows' "print" verb of that program, elsewhere the CUPS `lp` command (which prints PDF
and text directly). Nothing is written anywhere else; the file stays where staff saved it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


class SystemFiles:
    """The real thing; tests pass an object with the same two methods."""

    def open(self, path: Path) -> str | None:
        """Open `path` in its default program; an error message, or None."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return None
        return f"No program on this computer opens {path.suffix or 'this'} files."

    def print(self, path: Path) -> str | None:
        """Send `path` to the default printer; an error message, or None."""
        if sys.platform == "win32":
            try:
                os.startfile(str(path), "print")  # type: ignore[attr-defined]  # Windows only
            except OSError as exc:
                return f"Could not print: {exc.strerror or exc}. Open the file and print it."
            return None
        command = shutil.which("lp") or shutil.which("lpr")
        if command is None:
            return "This computer has no print command (lp): open the file and print it there."
        done = subprocess.run(
            [command, str(path)], capture_output=True, text=True, timeout=30, check=False
        )
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            return f"The printer refused the file: {reason[-1] if reason else 'no reason given'}"
        return None
