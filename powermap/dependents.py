"""What a delete takes with it: the records that depend on a record, counted.

The database declares what happens to a record's dependents (``ON DELETE
CASCADE`` or ``SET NULL`` in :mod:`powermap.migrations`); :func:`follow` reads
those declarations (``PRAGMA foreign_key_list``) and counts, per record type,
the rows a delete would remove or leave without their reference, so the
counts people are shown cannot disagree with what SQLite then does. The store
(:meth:`powermap.store.Store.delete_impact`) is the one caller; the API, the
CLI and the web ask it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .errors import PowermapError
from .i18n import _, ngettext
from .labels import entity_label
from .schema import ENTITIES, Entity

__all__ = ["follow", "reached", "counted", "listing", "HasDependentsError", "ImpactChangedError",
           "OpenActionsError"]


class HasDependentsError(PowermapError):
    """A delete without cascade was refused: other records depend on the record."""

    def __init__(self, record: str, dependents: dict[str, int]):
        self.record = record
        self.dependents = dependents
        super().__init__(_("%(record)s still has records that depend on it; nothing was "
                           "deleted", record=record))


class ImpactChangedError(HasDependentsError):
    """A delete was refused: what depends on the record changed since the counts were shown."""

    def __init__(self, record: str, dependents: dict[str, int]):
        self.record = record
        self.dependents = dependents
        PowermapError.__init__(self, _(
            "What depends on %(record)s changed since it was shown; nothing was deleted. "
            "Check the list again.", record=record))


class OpenActionsError(PowermapError):
    """A team member who owns open actions was not removed: the actions need an owner."""

    def __init__(self, record: str, count: int):
        self.record = record
        self.count = count
        super().__init__(ngettext(
            "%(record)s owns %(num)d open action; give it to another team member first",
            "%(record)s owns %(num)d open actions; give them to another team member first",
            count, record=record))


def follow(conn: sqlite3.Connection, ent: Entity, record_id: int,
           action: str) -> dict[str, int]:
    """``{entity: count}`` of the rows a delete of ``ent`` #``record_id`` reaches by ``action``.

    ``action`` is ``"CASCADE"`` (rows deleted with it, at every depth) or
    ``"SET NULL"`` (rows kept but unlinked; rows deleted anyway are not
    counted). The record itself is not counted; record types with none are
    left out, the others come in the schema's order.
    """
    keys = _ForeignKeys(conn)
    doomed = _doomed_conditions(keys, ent.table)
    found: dict[str, int] = {}
    for other in ENTITIES.values():
        if other.table == ent.table:
            continue
        if action == "CASCADE":
            where = doomed.get(other.table)
        else:
            links = [f"{column} IN ({_ids_of(parent, doomed, ent.table)})"
                     for column, parent, on_delete in keys(other.table)
                     if on_delete == action and _ids_of(parent, doomed, ent.table)]
            where = " OR ".join(links) or None
            if where and other.table in doomed:
                where = f"({where}) AND NOT ({doomed[other.table]})"
        if where is None:
            continue
        count = conn.execute(f"SELECT count(*) FROM {other.table} WHERE {where}",
                             {"root": record_id}).fetchone()[0]
        if count:
            found[other.name] = count
    return found


def reached(conn: sqlite3.Connection, ent: Entity) -> tuple[dict[str, str], list[tuple]]:
    """The SQL conditions (parameter ``:root``) of the rows a delete of ``ent`` reaches.

    ``(cascade, unlinks)``: ``cascade`` maps each entity name whose rows go with
    the record to its condition; ``unlinks`` lists ``(entity name, column,
    condition)`` for the rows kept with ``column`` set to NULL. The change log
    reads these rows before the delete, so it can say what went and bring it back.
    """
    keys = _ForeignKeys(conn)
    doomed = _doomed_conditions(keys, ent.table)
    cascade = {other.name: doomed[other.table] for other in ENTITIES.values()
               if other.table in doomed}
    unlinks = []
    for other in ENTITIES.values():
        for column, parent, on_delete in keys(other.table):
            ids = _ids_of(parent, doomed, ent.table) if on_delete == "SET NULL" else None
            if ids:
                where = f"{column} IN ({ids})"
                if other.table in doomed:
                    where = f"({where}) AND NOT ({doomed[other.table]})"
                unlinks.append((other.name, column, where))
    return cascade, unlinks


class _ForeignKeys:
    """``(column, referenced table, ON DELETE action)`` of a table, as the database declares."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.known: dict[str, list[tuple[str, str, str]]] = {}

    def __call__(self, table: str) -> list[tuple[str, str, str]]:
        if table not in self.known:
            self.known[table] = [(r[3], r[2], r[6].upper()) for r in
                                 self.conn.execute(f"PRAGMA foreign_key_list({table})")]
        return self.known[table]


def _doomed_conditions(keys: _ForeignKeys, root: str) -> dict[str, str]:
    """For each table a delete in ``root`` reaches by cascade, the SQL condition of its rows.

    The conditions nest the parents' (``opportunity_id IN (SELECT id FROM
    opportunities WHERE account_id IN (SELECT :root))``), so counting is one
    indexed query per table, however many rows go.
    """
    conditions: dict[str, str] = {}
    changed = True
    while changed:  # the foreign keys form no cycle: this settles within their depth
        changed = False
        for ent in ENTITIES.values():
            if ent.table == root:
                continue
            links = [f"{column} IN ({_ids_of(parent, conditions, root)})"
                     for column, parent, on_delete in keys(ent.table)
                     if on_delete == "CASCADE" and _ids_of(parent, conditions, root)]
            where = " OR ".join(links) or None
            if where and conditions.get(ent.table) != where:
                conditions[ent.table] = where
                changed = True
    return conditions


def _ids_of(table: str, conditions: dict[str, str], root: str) -> str | None:
    """SQL selecting the ids of ``table``'s rows a delete in ``root`` takes (None: none)."""
    if table == root:
        return "SELECT :root"
    if table in conditions:
        return f"SELECT id FROM {table} WHERE {conditions[table]}"
    return None


#: How many records of each type, as a list of what a delete takes says it.
_COUNTED: dict[str, Callable[[int], str]] = {
    "account": lambda n: ngettext("%(num)d account", "%(num)d accounts", n),
    "opportunity": lambda n: ngettext("%(num)d opportunity", "%(num)d opportunities", n),
    "stakeholder": lambda n: ngettext("%(num)d stakeholder", "%(num)d stakeholders", n),
    "buying_center_entry": lambda n: ngettext("%(num)d buying center entry",
                                              "%(num)d buying center entries", n),
    "relationship": lambda n: ngettext("%(num)d relationship", "%(num)d relationships", n),
    "team_member": lambda n: ngettext("%(num)d team member", "%(num)d team members", n),
    "coverage": lambda n: ngettext("%(num)d coverage record", "%(num)d coverage records", n),
    "competitor": lambda n: ngettext("%(num)d competitor", "%(num)d competitors", n),
    "opportunity_competitor": lambda n: ngettext("%(num)d opportunity competitor",
                                                 "%(num)d opportunity competitors", n),
    "competitor_position": lambda n: ngettext("%(num)d competitor position",
                                              "%(num)d competitor positions", n),
    "action": lambda n: ngettext("%(num)d action", "%(num)d actions", n),
}


def counted(entity_name: str, count: int) -> str:
    """``count`` records of type ``entity_name`` in the current language ("3 relationships")."""
    if entity_name in _COUNTED:
        return _COUNTED[entity_name](count)
    return _("%(kind)s: %(count)s", kind=entity_label(entity_name), count=count)


def listing(impact: dict[str, int]) -> list[str]:
    """Each line of what a delete takes (``impact`` from ``Store.delete_impact``), in order."""
    return [counted(name, count) for name, count in impact.items()]
