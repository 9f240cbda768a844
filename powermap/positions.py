"""Kept positions: where people dragged each person on an opportunity's network layout.

The network layout (:mod:`powermap.layout.network`) is computed; a person who
drags a node there means "keep it here". Those positions are stored per
opportunity (table ``node_positions``, migration ``0003_positions``) and win
over the computed ones wherever the map is drawn: the live page, the HTML
export and its print (:func:`powermap.graph.build_graph` reads them into
``G.graph["positions"]``, the map payload uses them). The org chart is not
affected: its positions follow the reporting lines.

Positions are layout, not records about the customer, so they are written here
with plain parameterised SQL in one transaction, not through the store's
validated record writes; they carry no version (the last drag wins).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from . import change_counter
from .errors import Problem, ValidationError
from .fields import whole_number
from .i18n import _
from .store import Store

__all__ = ["kept_positions", "keep_positions", "forget_positions", "LIMIT"]

#: How far from the origin a kept position may be (the layouts stay within a few thousand).
LIMIT = 1_000_000.0


def kept_positions(store: Store, opportunity_id: int) -> dict[int, tuple[float, float]]:
    """``{stakeholder_id: (x, y)}`` of the people dragged on this opportunity's network."""
    return {row[0]: (row[1], row[2]) for row in store.db.execute(
        "SELECT stakeholder_id, x, y FROM node_positions WHERE opportunity_id = ? "
        "ORDER BY stakeholder_id", [opportunity_id])}


def keep_positions(store: Store, opportunity_id: int, positions: Iterable[dict]) -> int:
    """Store ``[{"stakeholder_id", "x", "y"}, …]`` for the opportunity; how many were kept.

    All or nothing: a person of another account, an unknown id or a coordinate
    that is not a finite number within :data:`LIMIT` refuses the whole batch
    with a :class:`ValidationError` naming each problem.
    """
    opportunity = store.get("opportunity", opportunity_id)
    items = list(positions)
    problems, rows = [], []
    people = {row[0] for row in store.db.execute(
        "SELECT id FROM stakeholders WHERE account_id = ?", [opportunity["account_id"]])}
    for n, item in enumerate(items, start=1):
        label = _("position %(num)s", num=n)
        if not isinstance(item, dict):
            problems.append(Problem(label, None, _("expected an object with stakeholder_id, "
                                                   "x and y")))
            continue
        person = whole_number(item.get("stakeholder_id"))
        if person is None or person not in people:
            problems.append(Problem(label, "stakeholder_id", _(
                "no stakeholder %(id)s at this opportunity's account",
                id=repr(item.get("stakeholder_id")))))
        coordinates = []
        for axis in ("x", "y"):
            value = item.get(axis)
            if isinstance(value, bool) or not isinstance(value, int | float) or \
                    not math.isfinite(value) or abs(value) > LIMIT:
                problems.append(Problem(label, axis, _(
                    "expected a number between -%(limit)s and %(limit)s, got %(value)s",
                    limit=int(LIMIT), value=repr(value))))
            else:
                coordinates.append(float(value))
        if person in people and len(coordinates) == 2:
            rows.append((opportunity_id, person, *coordinates))
    if problems:
        raise ValidationError(problems)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO node_positions (opportunity_id, stakeholder_id, x, y, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (opportunity_id, stakeholder_id) "
            "DO UPDATE SET x = excluded.x, y = excluded.y, updated_at = excluded.updated_at",
            [(*row, now) for row in rows])
        # the cached map payloads of the account's deals draw them
        change_counter.bump(store.db.conn, [opportunity["account_id"]])
    return len(rows)


def forget_positions(store: Store, opportunity_id: int) -> int:
    """Drop the opportunity's kept positions (back to the computed layout); how many."""
    opportunity = store.get("opportunity", opportunity_id)
    with store.transaction():
        change_counter.bump(store.db.conn, [opportunity["account_id"]])
        return store.db.conn.execute("DELETE FROM node_positions WHERE opportunity_id = ?",
                                     [opportunity_id]).rowcount
