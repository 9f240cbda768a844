"""powermap: stakeholder power maps and relationship planning for key-account teams."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "__version__"]
__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None):
    """Build the Flask app (see :mod:`powermap.web`). Nothing touches disk at import."""
    from .web import create_app as _create_app

    return _create_app(config)
