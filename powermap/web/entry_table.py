"""The buying-center table editor page (:mod:`powermap.entry_table`).

* ``GET /opportunities/<id>/table`` — every member as a row of inputs, plus empty rows
  for new people; arrow keys move between cells and a block pasted from Excel fills the
  cells from the one pasted into (``static/entry_table.js``).
* ``POST /opportunities/<id>/table`` — one save of the whole grid, all or nothing: on a
  problem the grid comes back as it was sent, each problem in its cell (422); on success
  the page is shown again (303).
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from ..entry_table import COLUMNS, TableProblems, save, table
from ..errors import ConflictError
from ..i18n import _
from .db import get_store

__all__ = ["bp"]

bp = Blueprint("entry_table", __name__)

#: Empty rows offered for new people (more with ?rows=N, up to MAX_ROWS).
NEW_ROWS = 10
MAX_ROWS = 500


def _headings() -> dict[str, str]:
    return {"name": _("Name"), "title": _("Title"), "department": _("Department"),
            "reports_to": _("Reports to"), "roles": _("Roles"), "influence": _("Influence"),
            "attitude": _("Attitude"), "owner": _("Our owner"), "coverage": _("Our coverage"),
            "last_contact": _("Last contact")}


def _posted_rows() -> tuple[list[dict], list[str]]:
    """The grid as posted: fields ``r<row>-<column>``; new competitor columns ``new-<n>``."""
    form = request.form
    count = min(int(form.get("rows", "0") or 0), MAX_ROWS)
    rows = []
    for i in range(count):
        prefix = f"r{i}-"
        rows.append({key[len(prefix):]: value for key, value in form.items()
                     if key.startswith(prefix)})
    added = [form.get(f"new-{n}", "") for n in range(int(form.get("new_columns", "0") or 0))]
    return rows, [name for name in added if name.strip()]


def _page(opportunity_id: int, rows: list[dict] | None = None, cells: dict | None = None,
          general: list[str] | None = None, added: list[str] = (), status: int = 200):
    store = get_store()
    grid = table(store, opportunity_id)
    if rows is None:
        wanted = request.args.get("rows", type=int) or NEW_ROWS
        rows = grid["rows"] + [{} for _ in range(min(max(wanted, 1), MAX_ROWS))]
    account = store.get("account", grid["opportunity"]["account_id"])
    competitor_columns = [(f"preference:{c['id']}", c["name"]) for c in grid["competitors"]]
    competitor_columns += [(f"preference:{name}", name) for name in added]
    return render_template(
        "entry_table.html", opportunity=grid["opportunity"], account=account, rows=rows,
        columns=COLUMNS, headings=_headings(), competitor_columns=competitor_columns,
        added=list(added), cells=cells or {}, general=general or [],
        saved=request.args.get("saved") == "1"), status


@bp.get("/opportunities/<int:opportunity_id>/table")
def show(opportunity_id: int):
    """The grid of the opportunity's buying center."""
    return _page(opportunity_id)


@bp.post("/opportunities/<int:opportunity_id>/table")
def save_grid(opportunity_id: int):
    """Save the whole grid, or show it again with each problem in its cell."""
    rows, added = _posted_rows()
    try:
        save(get_store(), opportunity_id, rows, added)
    except TableProblems as exc:
        cells: dict = {}
        for cell in exc.cells:
            cells.setdefault((cell.row, cell.column), []).append(cell.reason)
        return _page(opportunity_id, rows, cells, added=added, status=422)
    except ConflictError as exc:
        return _page(opportunity_id, rows, general=[str(exc), _(
            "Nothing was saved. Reload the table to see the other changes, then enter yours "
            "again.")], added=added, status=409)
    return redirect(url_for("entry_table.show", opportunity_id=opportunity_id, saved=1), 303)
