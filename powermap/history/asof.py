"""Any account as it was at a past moment, rebuilt from today's rows and the change log.

:func:`past_store` copies one account's rows (and every competitor) into an
in-memory SQLite database with the same tables, then walks the change log
backwards from now to the moment, undoing each change: a create removes its
ids, an update puts its ``before`` values back, a delete puts its rows back.
The result is a read-only :class:`~powermap.store.Store` that
:func:`powermap.graph.build_graph` reads exactly as it reads the live one,
so every analysis, the map and the exports work "as of" without a line of
their own.

Moments: a date means the end of that day (UTC); a datetime means itself
(naive = UTC). Changes stamped at or before the moment are in; later ones
are undone. Records that existed before the log began look, before their
first logged change, as they did just before it.

:func:`past_stores` steps one copy back through several moments (the
weekly points of the trend) instead of copying the account for each.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from ..changelog import ChangeLog
from ..errors import PowermapError
from ..i18n import _
from ..schema import ENTITIES
from ..store import Store

__all__ = ["parse_moment", "moment_stamp", "past_store", "past_stores", "BadMoment"]


class BadMoment(PowermapError, ValueError):
    """A moment that is neither a date nor a date and time."""


def parse_moment(value: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    """``YYYY-MM-DD`` (the end of that day, UTC) or an ISO date and time; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time.max)
    else:
        text = str(value).strip()
        try:
            if len(text) == 10:
                moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time.max)
            else:
                moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise BadMoment(_("%(value)s is not a date (YYYY-MM-DD) or a date and time",
                              value=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def moment_stamp(moment: dt.datetime) -> str:
    """A moment written as the change log writes its times (comparable as text)."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


#: Which rows of each table belong to the account ``:a`` (competitors are shared); ``{s}``
#: is the schema the rows are read from.
_SCOPE = {
    "account": "id = :a",
    "opportunity": "account_id = :a",
    "stakeholder": "account_id = :a",
    "relationship": "account_id = :a",
    "team_member": "account_id = :a",
    "buying_center_entry":
        "opportunity_id IN (SELECT id FROM {s}opportunities WHERE account_id = :a)",
    "opportunity_competitor":
        "opportunity_id IN (SELECT id FROM {s}opportunities WHERE account_id = :a)",
    "action": "opportunity_id IN (SELECT id FROM {s}opportunities WHERE account_id = :a)",
    "coverage": "stakeholder_id IN (SELECT id FROM {s}stakeholders WHERE account_id = :a)",
    "competitor_position":
        "stakeholder_id IN (SELECT id FROM {s}stakeholders WHERE account_id = :a)",
    "competitor": "1",
}


def past_store(store: Store, account_id: int, moment: dt.datetime | str | dt.date) -> Store:
    """A read-only store holding account ``account_id`` as it was at ``moment``.

    An in-memory copy: close it (or use it in a ``with`` block) when done.
    """
    past = _copy(store, account_id)
    for row in _changes_after(store, account_id, moment_stamp(parse_moment(moment))):
        _undo(past.db.conn, *row[1:])
    return past


def past_stores(store: Store, account_id: int,
                moments: Iterable[dt.datetime | str | dt.date]) -> Iterator[Store]:
    """The account at each of ``moments``, latest first: one copy, stepped backwards.

    Each store yielded is the same object, changed by the next step: read
    what is needed from it before asking for the next. The copy is closed when
    the iteration ends.
    """
    stamps = sorted((moment_stamp(parse_moment(m)) for m in moments), reverse=True)
    if not stamps:
        return
    with _copy(store, account_id) as past:
        changes = _changes_after(store, account_id, stamps[-1])
        position = 0
        for stamp in stamps:
            while position < len(changes) and changes[position][0] > stamp:
                _undo(past.db.conn, *changes[position][1:])
                position += 1
            yield past


def _copy(store: Store, account_id: int) -> Store:
    """The account's rows in a new in-memory database with the same tables.

    A database file is attached read-only and copied table by table inside
    SQLite; an in-memory store (tests) is copied through Python.
    """
    conn = sqlite3.connect("file::memory:", uri=True, check_same_thread=False)
    tables = [(ent, store.db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                     "name = ?", [ent.table]).fetchone()[0])
              for ent in ENTITIES.values()]
    for _ent, sql in tables:
        conn.execute(sql)
    if store.path != ":memory:":
        uri = "file:" + urllib.parse.quote(os.path.abspath(store.path)) + "?mode=ro"
        conn.execute("ATTACH DATABASE ? AS src", [uri])
        conn.execute("BEGIN")  # one snapshot of the file for every table
        for ent, _sql in tables:
            where = _SCOPE[ent.name].format(s="src.")
            conn.execute(f"INSERT INTO main.{ent.table} SELECT * FROM src.{ent.table} "
                         f"WHERE {where}", {"a": account_id})
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    else:
        for ent, _sql in tables:
            rows = store.db.execute(f"SELECT * FROM {ent.table} WHERE "
                                    f"{_SCOPE[ent.name].format(s='')}",
                                    {"a": account_id}).fetchall()
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                conn.executemany(f"INSERT INTO {ent.table} VALUES ({marks})", rows)
    _copy_positions(store, conn, account_id)
    past = Store.__new__(Store)  # no migrations, no file: a copy to read
    past.path = ":memory:"
    past.db = Database(conn)
    past.log = ChangeLog(conn, enabled=False)
    return past


def _copy_positions(store: Store, conn: sqlite3.Connection, account_id: int) -> None:
    """Where people were dragged (:mod:`powermap.positions`): layout, not history, so the
    past map is drawn where the people stand today."""
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                           "name = 'node_positions'").fetchone()[0]
    conn.execute(sql)
    rows = store.db.execute(
        "SELECT p.* FROM node_positions p JOIN opportunities o ON o.id = p.opportunity_id "
        "WHERE o.account_id = ?", [account_id]).fetchall()
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO node_positions VALUES ({marks})", rows)


def _changes_after(store: Store, account_id: int, stamp: str) -> list[tuple]:
    """``(at, entity, op, record_id, last_id, before)`` after ``stamp``, latest first."""
    first = store.db.execute("SELECT min(id) FROM change_sets WHERE at > ?",
                             [stamp]).fetchone()[0]
    if first is None:
        return []
    return store.db.execute(
        "SELECT s.at, c.entity, c.op, c.record_id, c.last_id, c.before FROM changes c "
        "JOIN change_sets s ON s.id = c.set_id WHERE c.set_id >= ? AND "
        "(c.account_id = ? OR c.account_id IS NULL) ORDER BY c.set_id DESC, c.id DESC",
        [first, account_id]).fetchall()


def _undo(conn: sqlite3.Connection, entity_name: str, op: str, record_id: int,
          last_id: int | None, before: str | None) -> None:
    """Undo one logged change on the copy."""
    table = ENTITIES[entity_name].table
    if op == "create":
        conn.execute(f"DELETE FROM {table} WHERE id BETWEEN ? AND ?",
                     [record_id, last_id or record_id])
    elif op in ("update", "unlink"):
        values = json.loads(before or "{}")
        if values:
            marks = ", ".join(f"{name} = ?" for name in values)
            step = 1 if op == "update" else 0  # the database's unlink bumps no version
            conn.execute(f"UPDATE {table} SET {marks}, version = version - ? WHERE id = ?",
                         [*values.values(), step, record_id])
    elif op == "delete":
        data = json.loads(before or "{}")
        columns = data.get("columns") or []
        if columns and data.get("rows"):
            conn.executemany(
                f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})", data["rows"])
