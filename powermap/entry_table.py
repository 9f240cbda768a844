"""The buying-center table: an opportunity's members as rows of one grid, saved all or nothing.

Each row is a person of the buying center: who they are (name, title, department,
manager), their part in this deal (roles, influence, attitude), our coverage (the
team member who owns the relationship, its strength, the last contact) and each
competitor's preference. :func:`table` reads the grid as text cells; :func:`save`
writes a whole grid in one transaction through the store's batch writes
(``create_many``/``update_many`` after :func:`powermap.validation.validate_many`),
and raises :class:`TableProblems` naming every refused cell (row and column) when
anything is wrong, so nothing is half-saved.

A row with a new name creates the person; a manager, owner or person given by a
name shared by several people is read with :meth:`powermap.store.Store.resolve`
(``王建国 (IT部)``). An owner no team member is called becomes a new team member; a
competitor column added by name puts a new competitor in play. An emptied manager
cell removes the reporting line.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import aliases
from .errors import NotFoundError, Problem, ValidationError
from .i18n import _
from .schema import ENTITIES
from .store import Store
from .validation import validate_many

__all__ = ["COLUMNS", "table", "save", "TableProblems", "CellProblem"]

#: The grid's columns before one ``preference:<competitor id>`` column per competitor.
COLUMNS = ("name", "title", "department", "reports_to", "roles", "influence", "attitude",
           "owner", "coverage", "last_contact")

#: Which column shows a problem of each (entity, field).
_CELL = {("stakeholder", "name"): "name", ("stakeholder", "title"): "title",
         ("stakeholder", "department"): "department",
         ("buying_center_entry", "roles"): "roles",
         ("buying_center_entry", "influence"): "influence",
         ("buying_center_entry", "attitude"): "attitude",
         ("buying_center_entry", "stakeholder_id"): "name",
         ("coverage", "strength"): "coverage", ("coverage", "last_contact"): "last_contact",
         ("coverage", "team_member_id"): "owner", ("coverage", "stakeholder_id"): "name",
         ("team_member", "name"): "owner"}


@dataclass(frozen=True)
class CellProblem:
    """A refused cell: ``row`` (from 0, as sent), ``column`` (a key of the grid), why."""

    row: int
    column: str
    reason: str


class TableProblems(ValidationError):
    """The grid was refused; ``cells`` say where, ``problems`` are the store's own."""

    def __init__(self, cells: list[CellProblem]):
        self.cells = cells
        super().__init__([Problem(_("row %(row)s", row=c.row + 1), c.column, c.reason)
                          for c in cells])


def _text(value) -> str:
    return "" if value is None else str(value)


def table(store: Store, opportunity_id: int) -> dict:
    """The grid of an opportunity: ``competitors`` (in play), ``rows`` of text cells."""
    opportunity = store.get("opportunity", opportunity_id)
    account_id = opportunity["account_id"]
    competitors = store.rows("competitor", "id IN (SELECT competitor_id FROM "
                             "opportunity_competitors WHERE opportunity_id = ?)",
                             [opportunity_id])
    people = {p["id"]: p for p in store.rows("stakeholder", "account_id = ?", [account_id])}
    names = {}
    for p in people.values():
        names.setdefault(p["name"], []).append(p)
    team = {m["id"]: m for m in store.rows("team_member", "account_id = ?", [account_id])}
    managers = {r["source_id"]: r["target_id"] for r in store.rows(
        "relationship", "account_id = ? AND type = 'reports_to'", [account_id])}
    rows = []
    for entry in store.rows("buying_center_entry", "opportunity_id = ? AND stakeholder_id IS "
                            "NOT NULL", [opportunity_id]):
        person = people[entry["stakeholder_id"]]
        manager = people.get(managers.get(person["id"]))
        covers = store.rows("coverage", "stakeholder_id = ?", [person["id"]],
                            order_by="owner DESC, strength DESC, id")
        cover = covers[0] if covers else None
        row = {
            "stakeholder_id": person["id"], "stakeholder_version": person["version"],
            "entry_id": entry["id"], "entry_version": entry["version"],
            "name": person["name"], "title": _text(person["title"]),
            "department": _text(person["department"]),
            "reports_to": _shown(manager, names) if manager else "",
            "roles": ", ".join(str(aliases.label("role", r)) for r in entry["roles"] or []),
            "influence": _text(entry["influence"]), "attitude": _text(entry["attitude"]),
            "owner": team[cover["team_member_id"]]["name"] if cover else "",
            "coverage": _text(cover["strength"]) if cover else "",
            "last_contact": _text(cover["last_contact"]) if cover else "",
        }
        for comp in competitors:
            found = store.rows("competitor_position", "competitor_id = ? AND stakeholder_id = ?",
                               [comp["id"], person["id"]])
            row[f"preference:{comp['id']}"] = _text(found[0]["preference"]) if found else ""
        rows.append(row)
    return {"opportunity": opportunity, "competitors": competitors, "rows": rows}


def _shown(person: dict, names: dict) -> str:
    """A manager as the cell shows them: the name, with the department if it is shared."""
    if len(names.get(person["name"], [])) > 1 and person.get("department"):
        return f"{person['name']} ({person['department']})"
    return person["name"]


def _differs(fields: tuple[str, ...], record: dict, current: dict) -> bool:
    """Whether writing ``record`` would change the stored ``current`` (else it is skipped)."""
    return any(record.get(f) != current.get(f) for f in fields if f in record)


def _blank(row: dict) -> bool:
    return not any(_text(v).strip() for k, v in row.items()
                   if k in COLUMNS or k.startswith("preference:"))


class _Save:
    """One save of a grid; every problem is collected, then all is rolled back or kept."""

    def __init__(self, store: Store, opportunity_id: int, rows: list[dict],
                 new_competitors: list[str]):
        self.store, self.opportunity_id = store, opportunity_id
        self.account_id = store.get("opportunity", opportunity_id)["account_id"]
        self.rows = [(i, row) for i, row in enumerate(rows) if not _blank(row)]
        self.new_competitors = [n.strip() for n in new_competitors if n.strip()]
        self.cells: list[CellProblem] = []
        self.person: dict[int, int] = {}

    def problem(self, row: int, column: str, reason: str) -> None:
        self.cells.append(CellProblem(row, column, reason))

    def batch(self, entity: str, items: list[tuple[int, dict, dict | None]],
              column: str | None = None) -> list[int | None]:
        """Validate and write ``(row, changes, current)``; the ids (None where refused)."""
        ent = ENTITIES[entity]
        clean, found = validate_many(self.store, ent, [c for _r, c, _cur in items],
                                     [cur for _r, _c, cur in items])
        for index, p in found:
            self.problem(items[index][0], column or _CELL.get((entity, p.field or ""), "name"),
                         p.reason)
        ids: list[int | None] = [None] * len(items)
        creates = [(n, rec) for n, rec in enumerate(clean) if rec is not None
                   and items[n][2] is None]
        updates = [(n, rec) for n, rec in enumerate(clean) if rec is not None
                   and items[n][2] is not None and _differs(ent.field_names, rec, items[n][2])]
        for (n, _rec), new_id in zip(creates, self.store.create_many(
                entity, [rec for _n, rec in creates]), strict=True):
            ids[n] = new_id
        self.store.update_many(entity, [(items[n][2]["id"], items[n][2]["version"], rec)
                                        for n, rec in updates])
        for n, rec in enumerate(clean):
            if rec is not None and items[n][2] is not None:
                ids[n] = items[n][2]["id"]
        return ids

    def run(self) -> None:
        self.people()
        self.competitors()
        self.managers()
        self.entries()
        self.coverage()
        self.positions()
        if self.cells:
            raise TableProblems(sorted(self.cells, key=lambda c: (c.row, c.column)))

    def people(self) -> None:
        items = []
        for i, row in self.rows:
            values = {k: _text(row.get(k)).strip() or None for k in ("name", "title",
                                                                      "department")}
            sid = row.get("stakeholder_id")
            current = None
            if sid not in (None, ""):
                current = self.store.get("stakeholder", int(sid))
                version = row.get("stakeholder_version")
                if version not in (None, "") and int(version) != current["version"]:
                    current = {**current, "version": int(version)}  # stale: update_many refuses
            elif values["name"]:
                try:
                    found = self.store.resolve("stakeholder", values["name"],
                                               account_id=self.account_id,
                                               hints={"department": values["department"],
                                                      "title": values["title"]})
                    current = self.store.get("stakeholder", found)
                except NotFoundError as exc:
                    if "@" in values["name"] or self.store.rows(
                            "stakeholder", "account_id = ? AND name = ?",
                            [self.account_id, values["name"]]):
                        self.problem(i, "name", str(exc))
                        continue
            if current is None:
                values["account_id"] = self.account_id
                changes = values
            else:
                changes = {k: v for k, v in values.items() if v != current.get(k)}
            items.append((i, changes, current))
        for (i, _c, _cur), sid in zip(items, self.batch("stakeholder", items), strict=True):
            if sid is not None:
                self.person[i] = sid

    def competitors(self) -> None:
        self.in_play = {c["competitor_id"] for c in self.store.rows(
            "opportunity_competitor", "opportunity_id = ?", [self.opportunity_id])}
        self.added: dict[str, int] = {}
        for name in self.new_competitors:
            try:
                cid = self.store.resolve("competitor", name)
            except NotFoundError:
                cid = self.store.create("competitor", {"name": name})["id"]
            if cid not in self.in_play:
                self.store.create("opportunity_competitor", {
                    "opportunity_id": self.opportunity_id, "competitor_id": cid})
                self.in_play.add(cid)
            self.added[name] = cid

    def managers(self) -> None:
        stored = {r["source_id"]: r for r in self.store.rows(
            "relationship", "account_id = ? AND type = 'reports_to'", [self.account_id])}
        items = []
        for i, row in self.rows:
            sid, text = self.person.get(i), _text(row.get("reports_to")).strip()
            if sid is None:
                continue
            current = stored.get(sid)
            if not text:
                if current is not None:
                    self.store.delete("relationship", current["id"])
                continue
            try:
                manager = self.store.resolve("stakeholder", text, account_id=self.account_id)
            except NotFoundError as exc:
                self.problem(i, "reports_to", str(exc))
                continue
            if current is None:
                items.append((i, {"source_id": sid, "target_id": manager, "type": "reports_to"},
                              None))
            elif current["target_id"] != manager:
                items.append((i, {"target_id": manager}, current))
        self.batch("relationship", items, column="reports_to")

    def entries(self) -> None:
        items = []
        for i, row in self.rows:
            sid = self.person.get(i)
            if sid is None:
                continue
            found = self.store.rows("buying_center_entry",
                                    "opportunity_id = ? AND stakeholder_id = ?",
                                    [self.opportunity_id, sid])
            current = found[0] if found else None
            if current is not None and row.get("entry_version") not in (None, "") and \
                    int(row["entry_version"]) != current["version"]:
                current = {**current, "version": int(row["entry_version"])}
            values = {"roles": _text(row.get("roles")), "influence": _text(row.get("influence")),
                      "attitude": _text(row.get("attitude")).strip() or None}
            if not values["influence"].strip():
                values.pop("influence")
            if current is None:
                values.update(opportunity_id=self.opportunity_id, stakeholder_id=sid)
            items.append((i, values, current))
        self.batch("buying_center_entry", items)

    def coverage(self) -> None:
        team = {m["name"]: m["id"] for m in self.store.rows("team_member", "account_id = ?",
                                                             [self.account_id])}
        items = []
        for i, row in self.rows:
            sid = self.person.get(i)
            owner = _text(row.get("owner")).strip()
            strength = _text(row.get("coverage")).strip()
            last = _text(row.get("last_contact")).strip() or None
            if sid is None or not (owner or strength or last):
                continue
            if not owner:
                self.problem(i, "owner", _("name the team member who owns this relationship"))
                continue
            member = team.get(owner)
            if member is None:
                try:
                    member = self.store.resolve("team_member", owner, account_id=self.account_id)
                except NotFoundError:
                    member = team[owner] = self.store.create("team_member", {
                        "account_id": self.account_id, "name": owner})["id"]
            found = self.store.rows("coverage", "team_member_id = ? AND stakeholder_id = ?",
                                    [member, sid])
            values = {"strength": strength or None, "last_contact": last, "owner": True}
            if not found:
                values.update(team_member_id=member, stakeholder_id=sid)
            items.append((i, values, found[0] if found else None))
        self.batch("coverage", items)

    def positions(self) -> None:
        columns = {f"preference:{cid}": cid for cid in self.in_play}
        columns.update({f"preference:{name}": cid for name, cid in self.added.items()})
        items = []
        for i, row in self.rows:
            sid = self.person.get(i)
            if sid is None:
                continue
            for key, value in row.items():
                cid = columns.get(key)
                text = _text(value).strip()
                if cid is None:
                    continue
                found = self.store.rows("competitor_position",
                                        "competitor_id = ? AND stakeholder_id = ?", [cid, sid])
                if not text and not found:
                    continue
                values = {"preference": text or None}
                if not found:
                    values.update(competitor_id=cid, stakeholder_id=sid, coverage=0)
                items.append((i, values, found[0] if found else None, key))
        ent_items = [(i, v, cur) for i, v, cur, _key in items]
        ids_before = len(self.cells)
        self.batch("competitor_position", ent_items, column="preference")
        for n, cell in enumerate(self.cells[ids_before:], start=ids_before):
            match = next((key for i, _v, _c, key in items if i == cell.row), cell.column)
            self.cells[n] = CellProblem(cell.row, match, cell.reason)


def save(store: Store, opportunity_id: int, rows: list[dict],
         new_competitors: list[str] = ()) -> None:
    """Write the grid ``rows`` (and competitors added as columns) all or nothing.

    Raises :class:`TableProblems` naming each refused cell, or
    :class:`powermap.errors.ConflictError` when a row was changed by someone
    else since the grid was read.
    """
    with store.transaction():
        _Save(store, opportunity_id, rows, list(new_competitors)).run()
