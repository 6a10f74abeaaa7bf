"""Command line: `desk` with no subcommand opens the window; subcommands never import Qt.

Each subcommand lives in a module of `desk.commands` that exposes `register(subparsers)`.
A `DeskError` becomes one line on stderr and exit 1; argparse usage errors exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from desk import __version__
from desk.core.errors import DeskError

#: Which module registers each top-level command. Only the module of the command being run is
#: imported, so `desk ask` does not pay for the request log's imports.
_COMMANDS = {
    "policy": "policy",
    "ask": "ask",
    "staff": "people",
    "counselors": "people",
    "requests": "requests",
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--policy-dir", "--data-dir")


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The top-level command in argv, skipping global options and their values."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _folder(text: str) -> str:
    """A folder option given empty would quietly mean the default folder: a usage error."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a folder is needed, not an empty value")
    return text


def _terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it (COLUMNS, then the tty)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing `shutil`.

    argparse builds a formatter for every argument it adds, and the stock one imports `shutil`
    for the terminal width, which loads the compression modules: a tenth of `desk ask`.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs: Any,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-commands' parsers use `_HelpFormatter` too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with argv naming a known command, only that command's module is imported."""
    import importlib

    parser = _Parser(
        prog="desk",
        description="Front-desk assistant: policy answers, caller scripts, email-request log.",
    )
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    parser.add_argument(
        "--policy-dir",
        type=_folder,
        metavar="DIR",
        help="use the practice's policy folder instead of the bundled one (env DESK_POLICY_DIR)",
    )
    parser.add_argument(
        "--data-dir",
        type=_folder,
        metavar="DIR",
        help="where the request log lives (env DESK_DATA_DIR; default: the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = _chosen_command(argv) if argv is not None else None
    modules = (
        [_COMMANDS[chosen]] if chosen in _COMMANDS else list(dict.fromkeys(_COMMANDS.values()))
    )
    for name in modules:
        module = importlib.import_module(f"desk.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `desk` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        return _gui(args)
    try:
        code: int = args.func(args)
    except DeskError as exc:
        print(f"desk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`desk ... | head`); send what is still buffered nowhere rather
        # than fail again on the way out.
        _discard_stdout()
        return 0
    return code


def _discard_stdout() -> None:
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _gui(args: argparse.Namespace) -> int:
    from desk.system_libraries import platform_problem

    problem = platform_problem()
    if problem is not None:
        # Qt would abort with a message naming one library, often not the missing one.
        print(problem, file=sys.stderr)
        return 1
    from desk.app import main as app_main

    return app_main(policy_dir=args.policy_dir, data_dir=args.data_dir)


def gui_main() -> int:
    """Entry point of the `desk-gui` gui-script (no console window on Windows)."""
    return main([*sys.argv[1:]] if len(sys.argv) > 1 else [])


if __name__ == "__main__":
    sys.exit(main())
