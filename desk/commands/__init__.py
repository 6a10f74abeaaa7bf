"""CLI subcommands. Each module exposes `register(subparsers)`; none imports Qt."""
