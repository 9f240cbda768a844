"""The buying-center table: an opportunity's members as rows of one grid, saved all or nothing.

Each row is a person of the buying center: who they are (name, title, department,
manager), their part in this deal (roles, influence, attitude), our coverage (the
team member who owns the relationship, its strength, the last contact) and each
competitor's preference. :func:`table` reads the grid as text cells; :func:`save`
writes a whole grid in one transaction through the store's batch writes
(``create_many``/``update_many`` after :func:`powermap.validation.validate_many`),
first removing the rows marked ``delete`` from this deal's buying center (the
entry only, at the version read: the person stays on the account, in other deals'
buying centers, with our coverage and the competitors' positions), and raises
:class:`TableProblems` naming every refused cell (row and column) when anything is
wrong, so nothing is half-saved.

A row with a new name creates the person; a manager, owner or person given by a
name shared by several people is read with :meth:`powermap.store.Store.resolve`
(``王建国 (IT部)``). An owner no team member is called becomes a new team member; a
competitor column added by name puts a new competitor in play. An emptied manager
cell removes the reporting line.
"""

from __future__ import annotations

from . import aliases, names
from .errors import NotFoundError
from .grid import CellProblem, SheetSave, TableProblems, cell_text, is_blank, marked, stored
from .i18n import _
from .store import Store

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


def table(store: Store, opportunity_id: int) -> dict:
    """The grid of an opportunity: ``competitors`` (in play), ``rows`` of text cells."""
    opportunity = store.get("opportunity", opportunity_id)
    account_id = opportunity["account_id"]
    competitors = store.rows("competitor", "id IN (SELECT competitor_id FROM "
                             "opportunity_competitors WHERE opportunity_id = ?)",
                             [opportunity_id])
    people = {p["id"]: p for p in store.rows("stakeholder", "account_id = ?", [account_id])}
    shown = names.shown_names(list(people.values()))
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
            "name": person["name"], "title": cell_text(person["title"]),
            "department": cell_text(person["department"]),
            "reports_to": shown[manager["id"]] if manager else "",
            "roles": ", ".join(str(aliases.label("role", r)) for r in entry["roles"] or []),
            "influence": cell_text(entry["influence"]), "attitude": cell_text(entry["attitude"]),
            "owner": team[cover["team_member_id"]]["name"] if cover else "",
            "coverage": cell_text(cover["strength"]) if cover else "",
            "last_contact": cell_text(cover["last_contact"]) if cover else "",
        }
        for comp in competitors:
            found = store.rows("competitor_position", "competitor_id = ? AND stakeholder_id = ?",
                               [comp["id"], person["id"]])
            row[f"preference:{comp['id']}"] = cell_text(found[0]["preference"]) if found else ""
        rows.append(row)
    return {"opportunity": opportunity, "competitors": competitors, "rows": rows}


def _blank(row: dict) -> bool:
    return is_blank(row, [k for k in row if k in COLUMNS or k.startswith("preference:")])


class _Save(SheetSave):
    """One save of a grid; every problem is collected, then all is rolled back or kept."""

    def __init__(self, store: Store, opportunity_id: int, rows: list[dict],
                 new_competitors: list[str]):
        super().__init__(store)
        self.opportunity_id = opportunity_id
        self.account_id = store.get("opportunity", opportunity_id)["account_id"]
        self.deleted = [(i, row) for i, row in enumerate(rows) if marked(row.get("delete"))]
        self.rows = [(i, row) for i, row in enumerate(rows)
                     if not marked(row.get("delete")) and not _blank(row)]
        self.new_competitors = [n.strip() for n in new_competitors if n.strip()]
        self.person: dict[int, int] = {}

    def batch(self, entity: str, items: list[tuple[int, dict, dict | None]],
              column: str | None = None) -> list[int | None]:
        """Validate and write ``(row, changes, current)`` (:meth:`SheetSave.batch`)."""
        cells = {field: cell for (ent, field), cell in _CELL.items() if ent == entity}
        if column is not None:
            cells = {}
        return super().batch(entity, items, cells, column or "name")

    def run(self) -> None:
        self.removals()
        self.people()
        self.competitors()
        self.managers()
        self.entries()
        self.coverage()
        self.positions()
        self.finish()

    def removals(self) -> None:
        """Take the rows marked ``delete`` out of this deal's buying center (the entry only)."""
        for i, row in self.deleted:
            current = stored(self.store, "buying_center_entry", row.get("entry_id"),
                             row.get("entry_version"))
            if current is None:
                continue  # a row never saved: nothing to remove
            if current["opportunity_id"] != self.opportunity_id:
                self.outside(i, "name")
                continue
            self.delete("buying_center_entry", current)

    def people(self) -> None:
        items = []
        for i, row in self.rows:
            values = {k: cell_text(row.get(k)).strip() or None for k in ("name", "title",
                                                                      "department")}
            sid = row.get("stakeholder_id")
            current = stored(self.store, "stakeholder", sid, row.get("stakeholder_version"))
            if current is None and values["name"]:
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
            sid, text = self.person.get(i), cell_text(row.get("reports_to")).strip()
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
            values = {"roles": cell_text(row.get("roles")),
                      "influence": cell_text(row.get("influence")),
                      "attitude": cell_text(row.get("attitude")).strip() or None}
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
            owner = cell_text(row.get("owner")).strip()
            strength = cell_text(row.get("coverage")).strip()
            last = cell_text(row.get("last_contact")).strip() or None
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
                text = cell_text(value).strip()
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
