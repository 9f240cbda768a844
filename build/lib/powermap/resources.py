"""Where the installed package finds ``templates/`` and ``static/``.

In a source checkout they sit at the top of the repository; the wheel
carries them inside the package (``setup.cfg`` maps them to
``powermap.templates`` and ``powermap.static``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["templates_dir", "static_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"powermap cannot find its {name}/ folder next to {_PACKAGE}")


def templates_dir() -> Path:
    """Folder of the Jinja templates."""
    return _find("templates")


def static_dir() -> Path:
    """Folder of the static files (JS, CSS, vis-network)."""
    return _find("static")
