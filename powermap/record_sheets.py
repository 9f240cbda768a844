"""The table editor's record sheets: the account's relationships and the deal's coverage.

One row is one stored record: a relationship between two people of the opportunity's
account (source, target, type, strength), or our coverage of a member of its buying
center (team member, person, strength, last contact, owner). People are named as the
cells show them (:func:`powermap.names.shown_names`: ``王建国 (IT部)`` when a namesake
exists) and read back with :meth:`powermap.store.Store.resolve`; a cell left as it was
shown keeps its person even when nothing tells two namesakes apart. Coded values show
their label in the current language (``结盟``) and are read in either language.

:meth:`RecordSheet.save` writes a whole sheet in one transaction, through
:class:`powermap.grid.SheetSave`: rows marked ``delete`` go first (at the version
read), then every changed and new row in one validated batch. The store's validation
refuses a reporting loop, a self-relationship or a duplicate; an unknown or ambiguous
name, a person outside the buying center on the coverage sheet, or a row whose id
names a record the sheet does not show (another account's), is refused here.
Each problem comes back in its cell (:class:`powermap.grid.TableProblems`) and nothing
is written.

>>> from powermap.store import Store
>>> store = Store(":memory:")
>>> acme = store.create("account", {"name": "Acme"})["id"]
>>> deal = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
>>> for name in ("陈总", "王磊"):
...     _ = store.create("stakeholder", {"account_id": acme, "name": name})
>>> RELATIONSHIPS.save(store, deal, [{"source": "王磊", "target": "陈总", "type": "allied"}])
>>> [(row["source"], row["target"], row["type"], row["strength"])
...  for row in RELATIONSHIPS.table(store, deal)]
[('王磊', '陈总', 'allied with', '2')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import aliases, names
from .errors import NotFoundError
from .grid import SheetSave, cell_text, is_blank, marked, stored
from .i18n import _
from .schema import ENTITIES
from .store import Store

__all__ = ["RecordSheet", "RELATIONSHIPS", "COVERAGE", "SHEETS"]


@dataclass(frozen=True)
class RecordSheet:
    """A sheet whose rows are the records of one ``entity``.

    ``columns`` maps each column to the field it edits, in order; ``named`` the
    columns that name a record (``{column: entity}``), looked up in the account;
    ``in_deal`` the named columns whose person must be in the buying center;
    ``where`` selects the opportunity's records (its ``?`` is ``scope``: the
    ``"account"`` or the ``"opportunity"`` id).
    """

    name: str
    entity: str
    columns: dict[str, str]
    named: dict[str, str]
    where: str
    scope: str
    in_deal: tuple[str, ...] = field(default=())

    def table(self, store: Store, opportunity_id: int) -> list[dict]:
        """The sheet's rows as text cells, with each record's ``id`` and ``version``."""
        ids = _scope(store, opportunity_id)
        shown = {entity: _shown(store, entity, ids["account"])
                 for entity in set(self.named.values())}
        ent = ENTITIES[self.entity]
        rows = []
        for record in store.rows(self.entity, self.where, [ids[self.scope]]):
            row = {"id": record["id"], "version": record["version"]}
            for column, name in self.columns.items():
                value = record[name]
                if column in self.named:
                    row[column] = shown[self.named[column]].get(value, "")
                else:
                    row[column] = _cell(ent.field(name), value)
            rows.append(row)
        return rows

    def save(self, store: Store, opportunity_id: int, rows: list[dict]) -> None:
        """Write the sheet's ``rows`` all or nothing.

        Raises :class:`powermap.grid.TableProblems` naming each refused cell, or
        :class:`powermap.errors.ConflictError` when a row was changed or deleted by
        someone else since the sheet was read.
        """
        with store.transaction():
            _RecordSave(self, store, opportunity_id).run(rows)


def _scope(store: Store, opportunity_id: int) -> dict[str, int]:
    opportunity = store.get("opportunity", opportunity_id)
    return {"account": opportunity["account_id"], "opportunity": opportunity["id"]}


def _shown(store: Store, entity: str, account_id: int) -> dict[int, str]:
    return names.shown_names(store.rows(entity, "account_id = ?", [account_id]))


def _cell(f, value) -> str:
    """A stored value as its cell shows it: a coded text's label, a flag as yes or nothing."""
    if f.kind == "bool":
        return _("yes") if value else ""
    vocabulary = f.vocabulary
    if vocabulary and f.kind == "text" and value is not None:
        return str(aliases.label(vocabulary, value))
    return cell_text(value)


class _RecordSave(SheetSave):
    """One save of a :class:`RecordSheet`: deletes, then every row in one batch."""

    def __init__(self, sheet: RecordSheet, store: Store, opportunity_id: int):
        super().__init__(store)
        self.sheet = sheet
        self.ids = _scope(store, opportunity_id)
        self.shown = {entity: _shown(store, entity, self.ids["account"])
                      for entity in set(sheet.named.values())}
        self.in_deal = {e["stakeholder_id"] for e in store.rows(
            "buying_center_entry", "opportunity_id = ?", [opportunity_id])}

    def problem(self, row: int, column: str, reason: str) -> None:
        """One problem per cell: a name refused here is not also reported as missing."""
        if not any(c.row == row and c.column == column for c in self.cells):
            super().problem(row, column, reason)

    def run(self, rows: list[dict]) -> None:
        sheet, ent = self.sheet, ENTITIES[self.sheet.entity]
        items = []
        for i, row in enumerate(rows):
            current = stored(self.store, sheet.entity, row.get("id"), row.get("version"))
            if current is not None and not self.holds(current["id"]):
                self.outside(i, next(iter(sheet.columns)))
                continue
            if marked(row.get("delete")):
                if current is not None:
                    self.delete(sheet.entity, current)
                continue
            if is_blank(row, sheet.columns):
                continue
            if current is not None and self.unchanged(row, current):
                continue  # not checked again: a row no one touched is not a new problem
            values = {}
            for column, name in sheet.columns.items():
                text = cell_text(row.get(column)).strip()
                if column in sheet.named:
                    found = self.person(i, column, text, current and current[name])
                    if found is not False:
                        values[name] = found
                elif ent.field(name).kind == "bool":
                    values[name] = text or False
                else:
                    values[name] = text or None
            items.append((i, values, current))
        self.batch(sheet.entity, items, {name: column for column, name
                                         in sheet.columns.items()}, next(iter(sheet.columns)))
        self.finish()

    def holds(self, record_id: int) -> bool:
        """Whether the record is one this sheet shows (of this deal or its account)."""
        sheet = self.sheet
        return bool(self.store.rows(sheet.entity, f"id = ? AND ({sheet.where})",
                                    [record_id, self.ids[sheet.scope]]))

    def unchanged(self, row: dict, current: dict) -> bool:
        """Whether every cell of ``row`` still shows what ``current`` holds."""
        ent = ENTITIES[self.sheet.entity]
        for column, name in self.sheet.columns.items():
            if column in self.sheet.named:
                shown = self.shown[self.sheet.named[column]].get(current[name], "")
            else:
                shown = _cell(ent.field(name), current[name])
            if cell_text(row.get(column)).strip() != shown:
                return False
        return True

    def person(self, row: int, column: str, text: str, current: int | None):
        """The id a name cell names, ``None`` when empty, ``False`` when refused."""
        entity = self.sheet.named[column]
        if current is not None and text == self.shown[entity].get(current):
            return current
        if not text:
            return None
        try:
            found = self.store.resolve(entity, text, account_id=self.ids["account"])
        except NotFoundError as exc:
            self.problem(row, column, str(exc))
            return False
        if column in self.sheet.in_deal and found not in self.in_deal:
            self.problem(row, column, _(
                "%(name)s is not in this opportunity's buying center; add them on the "
                "buying-center sheet first", name=text))
            return False
        return found


#: The opportunity's account's relationships between people.
RELATIONSHIPS = RecordSheet(
    "relationships", "relationship",
    {"source": "source_id", "target": "target_id", "type": "type", "strength": "strength"},
    {"source": "stakeholder", "target": "stakeholder"},
    "account_id = ?", "account")

#: Our team's coverage of the people in the opportunity's buying center.
COVERAGE = RecordSheet(
    "coverage", "coverage",
    {"team_member": "team_member_id", "stakeholder": "stakeholder_id", "strength": "strength",
     "last_contact": "last_contact", "owner": "owner"},
    {"team_member": "team_member", "stakeholder": "stakeholder"},
    "stakeholder_id IN (SELECT stakeholder_id FROM buying_center WHERE opportunity_id = ?)",
    "opportunity", in_deal=("stakeholder",))

#: The record sheets by name, in the order the page shows them.
SHEETS = {sheet.name: sheet for sheet in (RELATIONSHIPS, COVERAGE)}
