"""Who is acting: the one home for the identity a write is recorded under.

The web app sets the signed-in user for the length of a request
(:func:`acting_as`); the CLI, which works on the database file as its owner,
acts as the operating-system user. The change log and "who changed what"
read :func:`current` and nothing else, so the two never disagree.

A :class:`contextvars.ContextVar` keeps concurrent requests on several
threads apart: nothing global is written while serving.
"""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["Actor", "acting_as", "current", "local"]


@dataclass(frozen=True)
class Actor:
    """Someone who writes: a signed-in user (``user_id``) or the local owner."""

    login: str
    user_id: int | None = None


def local() -> Actor:
    """The operating-system user, for the CLI and local mode (``"local"`` if unknown)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "local"
    return Actor(login=login or "local")


_ACTOR: ContextVar[Actor | None] = ContextVar("powermap_actor", default=None)


def current() -> Actor:
    """Who the current write is made by."""
    return _ACTOR.get() or local()


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Record writes inside the block under ``actor``."""
    token = _ACTOR.set(actor)
    try:
        yield actor
    finally:
        _ACTOR.reset(token)
