"""`python -m bench [NAME ...] [-- OPTIONS]`: run every bench/bench_*.py (or the named ones).

Each module exposes `main(argv) -> int`; options after `--` go to each of them.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    names, rest = (
        (args[: args.index("--")], args[args.index("--") + 1 :]) if "--" in args else (args, [])
    )
    found = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    chosen = [n if n.startswith("bench_") else f"bench_{n}" for n in names] or found
    unknown = sorted(set(chosen) - set(found))
    if unknown:
        print(f"bench: unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(found)}")
        return 2
    code = 0
    for name in chosen:
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        code = max(code, int(module.main(rest) or 0))
    return code


if __name__ == "__main__":
    sys.exit(main())
