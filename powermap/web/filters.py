"""Jinja filters and globals that speak the domain vocabulary in pages."""

from __future__ import annotations

from flask import Flask

from .. import vocabulary as v
from ..schema import ENTITIES

__all__ = ["init_app", "attitude", "role", "action_type", "words", "number"]


def attitude(score: int | None) -> str:
    """``2`` → ``+2 champion``; ``None`` → ``unknown``."""
    if score is None:
        return "unknown"
    return f"{score:+d} {v.attitude_label(score)}" if score else f"0 {v.attitude_label(0)}"


def role(name: str) -> str:
    """``decision_maker`` → ``Decision maker 决策``."""
    if name in v.ROLES:
        return " ".join(v.ROLES[name])
    return v.TEAM_ROLES.get(name, words(name))


def action_type(name: str | None) -> str:
    """``ice_breaking`` → ``Ice-breaking 破冰``."""
    if name in v.ACTION_TYPES:
        return " ".join(v.ACTION_TYPES[name])
    return words(name)


def words(name: object) -> str:
    """``in_progress`` → ``in progress``."""
    return "" if name is None else str(name).replace("_", " ")


def number(value: float | int | None, digits: int = 0) -> str:
    """``1234567.8`` → ``1,234,568``; None → empty."""
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    """``0.256`` → ``26%``; None → ``–``."""
    return "–" if value is None else f"{round(value * 100):d}%"


def signed(value: float | None, digits: int = 2) -> str:
    """``0.3`` → ``+0.30``; None → ``–``."""
    return "–" if value is None else f"{value:+.{digits}f}"


def init_app(app: Flask) -> None:
    @app.context_processor
    def _navigation() -> dict:
        return {"entities": list(ENTITIES.values()),
                "has_endpoint": lambda endpoint: endpoint in app.view_functions}

    app.jinja_env.filters.update(attitude=attitude, role=role, action_type=action_type,
                                 words=words, number=number, percent=percent, signed=signed)
    app.jinja_env.globals.update(vocabulary=v)
