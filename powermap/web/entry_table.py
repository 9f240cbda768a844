"""The table editor page: an opportunity's buying center, relationships and coverage as sheets.

* ``GET /opportunities/<id>/table`` — three sheets on one page, each a form of inputs plus
  empty rows for new records: the buying center (:mod:`powermap.entry_table`), the
  account's relationships and our coverage of the buying center
  (:mod:`powermap.record_sheets`). Arrow keys move between cells, a block pasted from
  Excel fills the cells from the one pasted into, a saved row of any sheet can be marked
  for deletion (asked first) (``static/entry_table.js``); on the buying-center sheet that
  takes the person out of this deal's buying center only.
* ``POST /opportunities/<id>/table`` — one save of the buying-center sheet;
  ``POST /opportunities/<id>/table/<sheet>`` — one save of a record sheet. All or
  nothing: on a problem the page comes back with that sheet as it was sent, each
  problem in its cell (422), or with the conflict named (409, a row changed by someone
  else); on success the page is shown again (303).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import aliases, entry_table, names
from ..errors import ConflictError
from ..grid import TableProblems
from ..i18n import _, name_sort_key
from ..record_sheets import SHEETS
from .db import get_store

__all__ = ["bp"]

bp = Blueprint("entry_table", __name__)

#: Empty rows offered for new records (more with ?rows=N, up to MAX_ROWS).
NEW_ROWS = 10
MAX_ROWS = 500
#: The fields a row of each sheet carries besides its cells: what it was read from.
_HIDDEN = {"people": ("stakeholder_id", "stakeholder_version", "entry_id", "entry_version"),
           "relationships": ("id", "version"), "coverage": ("id", "version")}
#: The hidden field that says a row was read from a stored record (only those can be deleted).
_RECORD = {"people": "entry_id", "relationships": "id", "coverage": "id"}
#: The list of suggestions (a ``<datalist>`` of the page) a column's cells offer.
_SUGGEST = {"source": "pm-people", "target": "pm-people", "stakeholder": "pm-people",
            "reports_to": "pm-people", "team_member": "pm-team", "owner": "pm-team",
            "type": "pm-types"}


def _headings() -> dict[str, dict[str, str]]:
    """Each sheet's column headings, in the current language."""
    return {
        "people": {"name": _("Name"), "title": _("Title"), "department": _("Department"),
                   "reports_to": _("Reports to"), "roles": _("Roles"),
                   "influence": _("Influence"), "attitude": _("Attitude"),
                   "owner": _("Our owner"), "coverage": _("Our coverage"),
                   "last_contact": _("Last contact")},
        "relationships": {"source": _("From"), "target": _("To"), "type": _("Type"),
                          "strength": _("Strength (1–3)")},
        "coverage": {"team_member": _("Team member"), "stakeholder": _("Stakeholder"),
                     "strength": _("Strength (0–4)"), "last_contact": _("Last contact"),
                     "owner": _("Owner")},
    }


def _texts() -> dict[str, dict[str, str]]:
    """Each sheet's title, help, and the question asked before a row is deleted."""
    return {
        "people": {"title": _("Buying center"), "help": _(
            "One row per person. Roles are separated by commas; a manager or owner may be "
            "given as a name with the department in brackets, e.g. 王建国 (IT部)."),
            "delete": _("Remove {name} from this deal's buying center? They stay on the "
                        "account.")},
        "relationships": {"title": _("Relationships"), "help": _(
            "One row per relationship between two people of the account: reports to, "
            "influences, allied or conflict. Name people as the lists suggest, e.g. "
            "王建国 (IT部) when two people share a name."),
            "delete": _("Delete the relationship from {source} to {target} ({type})? It is "
                        "removed when you save this sheet.")},
        "coverage": {"title": _("Our coverage"), "help": _(
            "One row per team member and person of the buying center: how well we know them "
            "(0 none to 4 advocate), the last contact, and whether this team member owns the "
            "relationship (yes or empty)."),
            "delete": _("Delete the coverage of {stakeholder} by {team_member}? It is "
                        "removed when you save this sheet.")},
    }


def _posted_rows() -> list[dict]:
    """The sheet as posted: fields ``r<row>-<column>``."""
    form = request.form
    count = min(int(form.get("rows", "0") or 0), MAX_ROWS)
    rows = []
    for i in range(count):
        prefix = f"r{i}-"
        rows.append({key[len(prefix):]: value for key, value in form.items()
                     if key.startswith(prefix)})
    return rows


def _new_competitors() -> list[str]:
    form = request.form
    added = [form.get(f"new-{n}", "") for n in range(int(form.get("new_columns", "0") or 0))]
    return [name for name in added if name.strip()]


def _choices(store, account_id: int) -> dict[str, list[str]]:
    """What the name and type cells suggest, by datalist: people and team members as the sheets show
    them (namesakes told apart), and the relationship types in the current language."""
    people, team = (sorted(names.shown_names(store.rows(entity, "account_id = ?",
                                                        [account_id])).values(),
                           key=name_sort_key) for entity in ("stakeholder", "team_member"))
    types = [str(aliases.label("relationship_type", code))
             for code in aliases.VOCABULARIES["relationship_type"]]
    return {"pm-people": people, "pm-team": team, "pm-types": types}


def _page(opportunity_id: int, posted: str | None = None, rows: list[dict] | None = None,
          cells: dict | None = None, general: list[str] | None = None, added: list[str] = (),
          status: int = 200):
    """The page; the ``posted`` sheet shows ``rows`` as sent with its problems."""
    store = get_store()
    grid = entry_table.table(store, opportunity_id)
    account = store.get("account", grid["opportunity"]["account_id"])
    wanted = min(max(request.args.get("rows", type=int) or NEW_ROWS, 1), MAX_ROWS)
    stored = {"people": grid["rows"]}
    stored.update((name, sheet.table(store, opportunity_id)) for name, sheet in SHEETS.items())
    headings, texts = _headings(), _texts()
    competitor_columns = [(f"preference:{c['id']}", c["name"]) for c in grid["competitors"]]
    competitor_columns += [(f"preference:{name}", name) for name in added]
    sheets = []
    for name, found in stored.items():
        columns = [(c, headings[name][c], _SUGGEST.get(c)) for c in (
            entry_table.COLUMNS if name == "people" else SHEETS[name].columns)]
        if name == "people":
            columns += [(key, _("Preference for %(competitor)s", competitor=label), None)
                        for key, label in competitor_columns]
        mine = name == posted
        sheets.append({
            "name": name, **texts[name], "columns": columns, "hidden": _HIDDEN[name],
            "record": _RECORD[name],
            "rows": rows if mine else found + [{} for _ in range(wanted)],
            "cells": (cells or {}) if mine else {}, "general": (general or []) if mine else [],
            "saved": request.args.get("saved") == name,
            "action": (url_for("entry_table.save_grid", opportunity_id=opportunity_id)
                       if name == "people" else url_for("entry_table.save_sheet", sheet=name,
                                                        opportunity_id=opportunity_id))})
    return render_template(
        "entry_table.html", opportunity=grid["opportunity"], account=account, sheets=sheets,
        added=list(added), choices=_choices(store, account["id"])), status


def _saved(opportunity_id: int, name: str, save):
    """Run ``save``; the page again with the sheet's problems, or a redirect to it."""
    rows = _posted_rows()
    added = _new_competitors() if name == "people" else []
    try:
        save(rows, added)
    except TableProblems as exc:
        cells: dict = {}
        for cell in exc.cells:
            cells.setdefault((cell.row, cell.column), []).append(cell.reason)
        return _page(opportunity_id, name, rows, cells, added=added, status=422)
    except ConflictError as exc:
        return _page(opportunity_id, name, rows, general=[str(exc), _(
            "Nothing was saved. Reload the table to see the other changes, then enter yours "
            "again.")], added=added, status=409)
    return redirect(url_for("entry_table.show", opportunity_id=opportunity_id, saved=name,
                            _anchor=f"sheet-{name}"), 303)


@bp.get("/opportunities/<int:opportunity_id>/table")
def show(opportunity_id: int):
    """The sheets of the opportunity: buying center, relationships, coverage."""
    return _page(opportunity_id)


@bp.post("/opportunities/<int:opportunity_id>/table")
def save_grid(opportunity_id: int):
    """Save the whole buying-center sheet, or show it again with each problem in its cell."""
    return _saved(opportunity_id, "people", lambda rows, added: entry_table.save(
        get_store(), opportunity_id, rows, added))


@bp.post("/opportunities/<int:opportunity_id>/table/<sheet>")
def save_sheet(opportunity_id: int, sheet: str):
    """Save a whole record sheet (relationships, coverage) all or nothing."""
    if sheet not in SHEETS:
        abort(404)
    return _saved(opportunity_id, sheet, lambda rows, _added: SHEETS[sheet].save(
        get_store(), opportunity_id, rows))
