"""Kept network positions of an opportunity's map (:mod:`powermap.positions`).

* ``PUT /api/v1/opportunities/<id>/positions`` — body ``{"positions": [{"stakeholder_id",
  "x", "y"}, …]}``: keep where these people were dragged (all or nothing; 422 lists the
  problems); answers ``{"kept": n}``.
* ``DELETE /api/v1/opportunities/<id>/positions`` — back to the computed layout;
  answers ``{"forgotten": n}``.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify

from ..i18n import _
from ..positions import forget_positions, keep_positions
from .api import PREFIX, json_object
from .db import get_store

__all__ = ["bp"]

bp = Blueprint("positions", __name__, url_prefix=PREFIX)


@bp.put("/opportunities/<int:opportunity_id>/positions")
def keep(opportunity_id: int):
    """Keep the dragged positions of the body."""
    body = json_object()
    positions = body.get("positions")
    if not isinstance(positions, list):
        abort(400, description=_("send {\"positions\": [{\"stakeholder_id\": 1, \"x\": 0, "
                                 "\"y\": 0}]}"))
    return jsonify({"kept": keep_positions(get_store(), opportunity_id, positions)})


@bp.delete("/opportunities/<int:opportunity_id>/positions")
def forget(opportunity_id: int):
    """Forget the kept positions: the network layout is computed again."""
    return jsonify({"forgotten": forget_positions(get_store(), opportunity_id)})
