"""CLI subcommands, each with `register(subparsers)`; never Qt. Imports: desk.core."""
