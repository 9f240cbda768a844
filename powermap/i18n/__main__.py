"""``python -m powermap.i18n update|check|compile``: catalog upkeep (see :mod:`.tools`)."""

from __future__ import annotations

import sys

from . import tools


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        for path in tools.update():
            print(f"wrote {path.relative_to(tools.ROOT)}")
        return 0
    if command == "check":
        problems = tools.catalog_problems()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)" if problems else "catalogs complete")
        return 1 if problems else 0
    if command == "compile":
        for path in tools.compile_catalogs():
            print(f"wrote {path.relative_to(tools.ROOT)}")
        return 0
    print("usage: python -m powermap.i18n update|check|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
