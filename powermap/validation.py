"""The one place where every write is checked.

``validate(store, entity, values, current)`` normalises raw values (strings
from a CLI, a form or a CSV cell are accepted), checks ranges, enums,
required fields and references, then the rules that span records: a
buying-center entry only for a stakeholder of the opportunity's account, no
self-relationships, ``reports_to`` acyclic with one manager per person, no
duplicate e-mail inside an account. It raises :class:`ValidationError` with
every problem found, each naming the record, the field and the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import vocabulary as v
from .errors import NotFoundError, Problem, ValidationError
from .schema import Entity, Field

if TYPE_CHECKING:
    from .store import Store

__all__ = ["validate", "coerce", "record_label", "whole_number"]

#: SQLite stores integers in 64 bits; larger ones cannot be ids or scores.
MAX_INTEGER = 2**63 - 1


def whole_number(text: object) -> int | None:
    """An id or version typed by a person: ASCII digits within SQLite's range, else None.

    ``str.isdigit`` alone accepts "²" and "٣", which ``int`` then refuses.

    >>> whole_number(" 42 "), whole_number("²"), whole_number("-1"), whole_number(2**70)
    (42, None, None, None)
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 <= text <= MAX_INTEGER else None
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_INTEGER else None

_TRUE = {"1", "true", "yes", "y", "on", "t"}
_FALSE = {"0", "false", "no", "n", "off", "f", ""}


def record_label(entity: Entity, values: dict, record_id: int | None = None) -> str:
    """Name a record for messages: ``stakeholder #3 'Li Wei'`` or ``new stakeholder``."""
    noun = entity.name.replace("_", " ")
    head = f"{noun} #{record_id}" if record_id is not None else f"new {noun}"
    name = str(values.get(entity.label_field) or "").strip() if entity.label_field else ""
    if name:
        return f"{head} {name!r}"
    return head


def coerce(f: Field, value: Any) -> Any:
    """Turn a raw value into the field's type; raise ``ValueError`` with the reason."""
    if isinstance(value, str):
        value = value.strip()
        if value == "" and f.kind != "list":
            return None
    if value is None:
        return None
    if f.kind == "text":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(f"expected text, got {type(value).__name__} {value!r}")
        if not isinstance(value, str):
            value = str(value)
        if f.choices and value not in f.choices:
            raise ValueError(f"{value!r} is not one of: {', '.join(f.choices)}")
        return value
    if f.kind in ("int", "real"):
        if isinstance(value, bool):
            raise ValueError(f"expected a number, got {value!r}")
        try:
            number = float(value) if f.kind == "real" else _to_int(value)
        except (TypeError, ValueError):
            raise ValueError(f"expected {'a number' if f.kind == 'real' else 'a whole number'}, "
                             f"got {value!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number, got {value!r}")
        if f.kind == "int" and abs(number) > MAX_INTEGER:
            raise ValueError(f"{value!r} is too large")
        if f.minimum is not None and number < f.minimum:
            raise ValueError(f"{value!r} is below the minimum {_fmt(f.minimum)}"
                             + _range_hint(f))
        if f.maximum is not None and number > f.maximum:
            raise ValueError(f"{value!r} is above the maximum {_fmt(f.maximum)}"
                             + _range_hint(f))
        return number
    if f.kind == "date":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        try:
            return dt.date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else \
                dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"expected yes or no, got {value!r}")
    if f.kind == "list":
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    raise ValueError(f"not a valid list: {value!r}") from None
            else:
                value = [part for part in text.replace(";", ",").split(",")]
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list, got {value!r}")
        items = []
        for item in value:
            item = str(item).strip()
            if not item:
                continue
            if f.choices and item not in f.choices:
                raise ValueError(f"{item!r} is not one of: {', '.join(f.choices)}")
            if item not in items:
                items.append(item)
        return items
    raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover


def _coercer(f: Field) -> Callable[[Any], Any]:
    """:func:`coerce` for one field, quicker on what imports send most.

    A plain string cell of a text field, and a whole number (as ``int`` or
    digits) inside an int field's range, are decided here; every other value,
    and every value that fails, goes through :func:`coerce` itself, so results
    and messages are the same.
    """
    if f.kind == "text":
        choices = frozenset(f.choices)

        def text(value: Any) -> Any:
            if value.__class__ is str:
                value = value.strip()
                if not value:
                    return None
                if not choices or value in choices:
                    return value
            return coerce(f, value)
        return text
    if f.kind == "int":
        low = -MAX_INTEGER if f.minimum is None else f.minimum
        high = MAX_INTEGER if f.maximum is None else f.maximum

        def whole(value: Any) -> Any:
            kind = value.__class__
            if kind is int:
                if low <= value <= high:
                    return value
            elif kind is str:
                text = value.strip()
                if not text:
                    return None
                if text.isascii() and text.isdigit():
                    number = int(text)
                    if low <= number <= high:
                        return number
            return coerce(f, value)
        return whole
    return lambda value: coerce(f, value)


def _to_int(value: Any) -> int:
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    if isinstance(value, str) and value.lstrip("+-").isdigit():
        return int(value)
    if isinstance(value, int):
        return value
    number = float(value)
    if not number.is_integer():
        raise ValueError
    return int(number)


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _range_hint(f: Field) -> str:
    if f.minimum is not None and f.maximum is not None:
        return f" (allowed {_fmt(f.minimum)} to {_fmt(f.maximum)})"
    return ""


def validate(
    store: Store,
    entity: Entity,
    values: dict,
    current: dict | None = None,
) -> dict:
    """Check a create (``current`` is None) or an update, return the clean record.

    For an update, ``values`` holds only the changed fields; the returned dict
    is the whole record after the change. Raises :class:`ValidationError`.
    """
    record_id = current["id"] if current else None
    label = record_label(entity, {**(current or {}), **values}, record_id)
    problems: list[Problem] = []

    def problem(field: str | None, reason: str) -> None:
        problems.append(Problem(label, field, reason))

    [record] = _clean_records(_shape(entity), [values], [current],
                              lambda i, field, reason: problem(field, reason))
    if record is None:
        raise ValidationError(problems)

    refs: dict[str, dict] = {}
    for f in entity.fields:
        if f.ref and record.get(f.name) is not None:
            try:
                refs[f.name] = store.get(f.ref, record[f.name])
            except NotFoundError:
                problem(f.name, f"refers to {f.ref.replace('_', ' ')} #{record[f.name]}, "
                                "which does not exist")
    if problems:
        raise ValidationError(problems)

    rule = _RULES.get(entity.name)
    if rule:
        rule(store, record, refs, record_id, problem)
    for fields in entity.unique_together:
        if all(record.get(name) is not None for name in fields):
            where = " AND ".join(f"{name} = ?" for name in fields)
            params = [record[name] for name in fields]
            if record_id is not None:
                where += " AND id != ?"
                params.append(record_id)
            if store.db.execute(f"SELECT 1 FROM {entity.table} WHERE {where} LIMIT 1",
                                params).fetchone():
                problem(fields[-1], _duplicate_reason(entity, fields))
    if problems:
        raise ValidationError(problems)
    return record


def _duplicate_reason(entity: Entity, fields: tuple[str, ...]) -> str:
    owner = fields[0].removesuffix("_id").replace("_", " ")
    return f"already exists for this {owner}" if len(fields) > 1 else "already exists"


# --- rules that span records -------------------------------------------------


def _unique_name(table: str):
    def rule(store, record, refs, record_id, problem):
        row = store.db.execute(
            f"SELECT id FROM {table} WHERE lower(name) = lower(?) AND id != ?",
            [record["name"], record_id or -1],
        ).fetchone()
        if row:
            problem("name", f"{record['name']!r} is already taken by #{row[0]}")
    return rule


def _stakeholder(store, record, refs, record_id, problem):
    email = record.get("email")
    if email:
        email = record["email"] = email.strip().lower()
        reason = _email_reason(email)
        if reason:
            problem("email", reason)
            return
        row = store.db.execute(
            "SELECT id, name FROM stakeholders WHERE account_id = ? AND lower(email) = ? "
            "AND id != ?",
            [record["account_id"], email, record_id or -1],
        ).fetchone()
        if row:
            problem("email", f"{email!r} is already used by stakeholder #{row[0]} "
                             f"{row[1]!r} in this account")


def _buying_center_entry(store, record, refs, record_id, problem):
    stakeholder = refs.get("stakeholder_id")
    if stakeholder is None and not record.get("placeholder"):
        problem("stakeholder_id", "is required (or give a placeholder label for a role "
                                  "nobody fills yet)")
    if stakeholder is not None:
        opportunity = refs["opportunity_id"]
        if stakeholder["account_id"] != opportunity["account_id"]:
            problem("stakeholder_id", f"stakeholder {stakeholder['name']!r} belongs to another "
                                      "account than the opportunity")
    if not record.get("roles"):
        problem("roles", "name at least one role")


def _relationship(store, record, refs, record_id, problem):
    source, target = refs["source_id"], refs["target_id"]
    kind = record["type"]
    if record.get("strength") is None:
        record["strength"] = v.RELATIONSHIP_TYPES[kind][1]
    if source["id"] == target["id"]:
        problem("target_id", "a stakeholder cannot have a relationship with themselves")
        return
    if source["account_id"] != target["account_id"]:
        problem("target_id", f"{target['name']!r} belongs to another account than "
                             f"{source['name']!r}")
        return
    record["account_id"] = source["account_id"]
    pairs = [(source["id"], target["id"])]
    if kind not in v.DIRECTED_RELATIONSHIPS:
        pairs.append((target["id"], source["id"]))
    for a, b in pairs:
        if store.db.execute(
            "SELECT 1 FROM relationships WHERE source_id = ? AND target_id = ? AND type = ? "
            "AND id != ?", [a, b, kind, record_id or -1]).fetchone():
            problem("type", f"{source['name']!r} and {target['name']!r} already have a "
                            f"{kind} relationship")
            return
    if kind == "reports_to":
        row = store.db.execute(
            "SELECT r.id, s.name FROM relationships r JOIN stakeholders s ON s.id = r.target_id "
            "WHERE r.source_id = ? AND r.type = 'reports_to' AND r.id != ?",
            [source["id"], record_id or -1]).fetchone()
        if row:
            problem("target_id", f"{source['name']!r} already reports to {row[1]!r}; a person "
                                 "has at most one manager")
            return
        chain = _manager_chain(store, target["id"], record_id)
        if source["id"] in chain:
            problem("target_id", f"{source['name']!r} reporting to {target['name']!r} would "
                                 "make a reporting cycle")


def _manager_chain(store, start: int, skip_id: int | None) -> list[int]:
    """Ids of ``start`` and everyone above it on the ``reports_to`` line."""
    rows = store.db.execute(
        """WITH RECURSIVE chain(id) AS (
               SELECT ?
               UNION
               SELECT r.target_id FROM relationships r JOIN chain c ON r.source_id = c.id
               WHERE r.type = 'reports_to' AND r.id != ?
           ) SELECT id FROM chain""", [start, skip_id or -1]).fetchall()
    return [r[0] for r in rows]


def _same_account(*pairs: tuple[str, str]):
    """Rule: the referenced records of each field pair belong to one account."""
    def rule(store, record, refs, record_id, problem):
        for a, b in pairs:
            if a in refs and b in refs and refs[a]["account_id"] != refs[b]["account_id"]:
                problem(b, f"{_name(refs[b])} belongs to another account than {_name(refs[a])}")
    return rule


def _name(row: dict) -> str:
    return repr(row["name"]) if row.get("name") else f"#{row['id']}"


_RULES = {
    "account": _unique_name("accounts"),
    "competitor": _unique_name("competitors"),
    "stakeholder": _stakeholder,
    "buying_center_entry": _buying_center_entry,
    "relationship": _relationship,
    "coverage": _same_account(("team_member_id", "stakeholder_id")),
    "action": _same_account(("opportunity_id", "stakeholder_id"),
                            ("opportunity_id", "owner_id")),
}


# --- many records at once (imports) -------------------------------------------
#
# ``validate_many`` checks a batch of creates and updates of one entity as if
# they were written together: field values go through the same ``coerce`` as
# ``validate``; references are looked up with one query per chunk of ids; the
# rules that span records see the whole batch plus what is already stored
# (two rows of one file with the same e-mail, a ``reports_to`` cycle closed by
# rows 10 and 9,000). It never writes. Imports of 100,000 rows rely on it.

__all__.append("validate_many")

_CHUNK = 900  # stays below SQLite's limit on bound parameters


def validate_many(
    store: Store,
    entity: Entity,
    changes: list[dict],
    currents: list[dict | None] | None = None,
) -> tuple[list[dict | None], list[tuple[int, Problem]]]:
    """Check many creates/updates of one entity together; write nothing.

    ``changes[i]`` holds the raw values of record ``i`` (all fields for a
    create, the changed ones for an update); ``currents[i]`` is the stored
    record it updates, or ``None`` for a create. Returns the clean records
    (``None`` where a record failed) and ``(i, problem)`` pairs for every
    problem found: the same problems, with the same words, that
    :func:`validate` would raise one record at a time, plus those only the
    whole batch reveals (duplicates and cycles between its own records).

    >>> from powermap.store import Store
    >>> from powermap.schema import ENTITIES
    >>> store = Store(":memory:")
    >>> acme = store.create("account", {"name": "Acme"})
    >>> rows = [{"account_id": acme["id"], "name": "Li", "email": "li@acme.cn"},
    ...         {"account_id": acme["id"], "name": "Wu", "email": "LI@acme.cn"}]
    >>> clean, problems = validate_many(store, ENTITIES["stakeholder"], rows)
    >>> [(i, p.field) for i, p in problems]
    [(1, 'email')]
    """
    currents = list(currents) if currents is not None else [None] * len(changes)
    if len(currents) != len(changes):
        raise ValueError("changes and currents must have the same length")
    problems: list[tuple[int, Problem]] = []
    labels = _Labels(entity, changes, currents)

    def problem(i: int, field: str | None, reason: str) -> None:
        problems.append((i, Problem(labels[i], field, reason)))

    records = _clean_records(_shape(entity), changes, currents, problem)

    refs = _bulk_refs(store, entity, records, problem)
    rule = _BULK_RULES.get(entity.name)
    live = [i for i, r in enumerate(records) if r is not None]
    if rule:
        rule(store, records, refs, currents, live, problem, labels)
    elif entity.name in _RULES:
        for i in live:
            record = records[i]
            assert record is not None
            current = currents[i]
            _RULES[entity.name](store, record, refs[i], current["id"] if current else None,
                                lambda f, r, i=i: problem(i, f, r))
    _bulk_unique_together(store, entity, records, currents, live, problem, labels)
    if not problems:
        return records, problems
    failed = {i for i, _ in problems}
    return [None if i in failed else r for i, r in enumerate(records)], problems


class _Labels:
    """``labels[i]`` names record ``i`` for messages, computed only when needed."""

    def __init__(self, entity: Entity, changes: list[dict], currents: list[dict | None]):
        self.entity, self.changes, self.currents = entity, changes, currents

    def __getitem__(self, i: int) -> str:
        current = self.currents[i]
        return record_label(self.entity, {**(current or {}), **self.changes[i]},
                            current["id"] if current else None)


class _Shape:
    """An entity's fields looked up once for a whole batch."""

    def __init__(self, entity: Entity):
        self.entity = entity
        self.coercers = {f.name: _coercer(f) for f in entity.fields}
        self.plain_text = frozenset(f.name for f in entity.fields
                                    if f.kind == "text" and not f.choices and not f.immutable)
        self.names = entity.field_names
        self.defaults = [(f.name, f.default) for f in entity.fields if f.default is not None]
        self.required = [f.name for f in entity.fields if f.required]
        self.immutable = {f.name for f in entity.fields if f.immutable}


_META_FIELDS = frozenset(("id", "version", "created_at", "updated_at"))
_NONE: frozenset[str] = frozenset()
_SHAPES: dict[str, _Shape] = {}


def _shape(entity: Entity) -> _Shape:
    if entity.name not in _SHAPES:
        _SHAPES[entity.name] = _Shape(entity)
    return _SHAPES[entity.name]


def _clean_records(shape: _Shape, changes: list[dict], currents: list[dict | None],
                   problem) -> list[dict | None]:
    """The field-level half of validation: coerce, immutability, defaults, required.

    ``changes[i]`` updates ``currents[i]`` (or creates, if that is None);
    returns the whole clean record of each, or None where ``problem(i, field,
    reason)`` was called. :func:`validate` passes one record, imports many.
    """
    coercers, plain, immutable = shape.coercers, shape.plain_text, shape.immutable
    records: list[dict | None] = []
    for i, values in enumerate(changes):
        current = currents[i]
        found = False
        clean: dict = {}
        bad: frozenset[str] = _NONE
        for name, raw in values.items():
            if name in plain and raw.__class__ is str:  # what coerce does to a text cell
                clean[name] = raw.strip() or None
                continue
            to_value = coercers.get(name)
            if to_value is None:
                if name not in _META_FIELDS:
                    found = True
                    problem(i, name, f"unknown field; {shape.entity.name} has: "
                                     f"{', '.join(shape.names)}")
                continue
            try:
                clean[name] = value = to_value(raw)
            except ValueError as exc:
                bad = bad | {name}
                found = True
                problem(i, name, str(exc))
                continue
            if current is not None and name in immutable and value != current.get(name):
                found = True
                problem(i, name, "cannot be changed; create a new record instead")
        if current is None:
            record = clean
            for name, default in shape.defaults:
                if record.get(name) is None:
                    record[name] = default
        else:
            record = {k: current[k] for k in shape.names if k in current}
            record.update(clean)
        for name in shape.required:
            value = record.get(name)
            if (value is None or value == "" or value == []) and name not in bad:
                found = True
                problem(i, name, "is required")
        records.append(None if found else record)
    return records


def _fetch_by_id(store: Store, table: str, ids: set[int], columns: str = "*"
                 ) -> dict[int, dict]:
    """Rows by id: one range query when the ids are dense (a fresh import), else chunks."""
    found: dict[int, dict] = {}
    ordered = sorted(ids)
    if len(ordered) > _CHUNK and ordered[-1] - ordered[0] < 2 * len(ordered):
        cursor = store.db.execute(f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?",
                                  [ordered[0], ordered[-1]])
        names = [d[0] for d in cursor.description]
        for row in cursor:
            if row[0] in ids:
                found[row[0]] = dict(zip(names, row, strict=True))
        return found
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start:start + _CHUNK]
        cursor = store.db.execute(
            f"SELECT {columns} FROM {table} WHERE id IN ({', '.join('?' for _ in chunk)})",
            chunk)
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            found[row[0]] = dict(zip(names, row, strict=True))
    return found


def _bulk_refs(store: Store, entity: Entity, records: list[dict | None], problem
               ) -> list[dict[str, dict]]:
    """Look up every referenced record once; report dangling references."""
    from .schema import ENTITIES

    refs: list[dict[str, dict]] = [{} for _ in records]
    fetched: dict[str, dict[int, dict]] = {}
    for f in entity.fields:
        if not f.ref or f.ref in fetched:
            continue
        wanted: set = set()
        for g in entity.fields:
            if g.ref == f.ref:
                wanted.update([r.get(g.name) for r in records if r is not None])
        wanted.discard(None)
        target = ENTITIES[f.ref]
        # the cross-record rules read only these columns of a referenced record
        columns = ("id, account_id, name" if {"account_id", "name"} <= set(target.field_names)
                   else "*")
        fetched[f.ref] = _fetch_by_id(store, target.table, wanted, columns)
    for f in entity.fields:
        if not f.ref:
            continue
        found, name = fetched[f.ref], f.name
        for i, record in enumerate(records):
            key = None if record is None else record.get(name)
            if key is None:
                continue
            row = found.get(key)
            if row is None:
                problem(i, name, f"refers to {f.ref.replace('_', ' ')} #{key}, "
                                 "which does not exist")
                records[i] = None
            else:
                refs[i][name] = row
    return refs


def _bulk_unique_together(store, entity, records, currents, live, problem, labels) -> None:
    for fields in entity.unique_together:
        keys: dict[tuple, int] = {}
        for i in live:
            record = records[i]
            if record is None or any(record.get(name) is None for name in fields):
                continue
            key = tuple(record[name] for name in fields)
            if key in keys:
                problem(i, fields[-1], _duplicate_reason(entity, fields)
                        + f" (also given for {labels[keys[key]]})")
            else:
                keys[key] = i
        if not keys:
            continue
        own = {currents[i]["id"] for i in keys.values() if currents[i] is not None}
        first = sorted({key[0] for key in keys})
        for start in range(0, len(first), _CHUNK):
            chunk = first[start:start + _CHUNK]
            rows = store.db.execute(
                f"SELECT id, {', '.join(fields)} FROM {entity.table} "
                f"WHERE {fields[0]} IN ({', '.join('?' for _ in chunk)})", chunk).fetchall()
            for row in rows:
                i = keys.get(tuple(row[1:]))
                if i is not None and row[0] not in own:
                    problem(i, fields[-1], _duplicate_reason(entity, fields))


def _bulk_stakeholders(store, records, refs, currents, live, problem, labels) -> None:
    """E-mails: well formed, and unique within each account across stored and batch rows."""
    accounts = set()
    malformed: set[int] = set()
    for i in live:
        record = records[i]
        if record.get("email"):
            email = record["email"] = record["email"].strip().lower()
            reason = _email_reason(email)
            if reason:
                problem(i, "email", reason)
                malformed.add(i)
                continue
            accounts.add(record["account_id"])
    updating = {currents[i]["id"] for i in live if currents[i] is not None}
    taken: dict[tuple[int, str], tuple[int, str]] = {}
    for account_id in sorted(accounts):
        for sid, name, email in store.db.execute(
                "SELECT id, name, lower(email) FROM stakeholders WHERE account_id = ? "
                "AND email IS NOT NULL AND email != ''", [account_id]).fetchall():
            if sid not in updating:
                taken[(account_id, email)] = (sid, name)
    seen: dict[tuple[int, str], int] = {}
    for i in live:
        record = records[i]
        email = record.get("email")
        if not email or i in malformed:
            continue
        key = (record["account_id"], email)
        if key in taken:
            sid, name = taken[key]
            problem(i, "email", f"{email!r} is already used by stakeholder #{sid} "
                                f"{name!r} in this account")
        elif key in seen:
            problem(i, "email", f"{email!r} is also given for {labels[seen[key]]} "
                                "in this account")
        else:
            seen[key] = i


def _email_reason(email: str) -> str | None:
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        return f"{email!r} is not an e-mail address"
    return None


def _bulk_buying_center(store, records, refs, currents, live, problem, labels) -> None:
    for i in live:
        _buying_center_entry(store, records[i], refs[i], None,
                             lambda f, r, i=i: problem(i, f, r))


def _bulk_relationships(store, records, refs, currents, live, problem, labels) -> None:
    """Self-loops, accounts, duplicates, one manager each and no reporting cycle."""
    ok: list[int] = []
    names: dict[int, str] = {}
    for i in live:
        record, ref = records[i], refs[i]
        source, target = ref["source_id"], ref["target_id"]
        if record.get("strength") is None:
            record["strength"] = v.RELATIONSHIP_TYPES[record["type"]][1]
        if source["id"] == target["id"]:
            problem(i, "target_id", "a stakeholder cannot have a relationship with themselves")
        elif source["account_id"] != target["account_id"]:
            problem(i, "target_id", f"{target['name']!r} belongs to another account than "
                                    f"{source['name']!r}")
        else:
            record["account_id"] = source["account_id"]
            names[source["id"]] = source["name"]
            names[target["id"]] = target["name"]
            ok.append(i)
    updating = {currents[i]["id"] for i in live if currents[i] is not None}
    accounts = sorted({records[i]["account_id"] for i in ok})
    edges: set[tuple[int, int, str]] = set()
    managers: dict[int, int] = {}
    for account_id in accounts:
        for rid, s, t, kind in store.db.execute(
                "SELECT id, source_id, target_id, type FROM relationships WHERE account_id = ?",
                [account_id]):
            if rid not in updating:
                edges.add((s, t, kind))
                if kind == "reports_to":
                    managers[s] = t
    mine: list[int] = []
    directed = v.DIRECTED_RELATIONSHIPS
    for i in ok:
        record = records[i]
        s, t, kind = record["source_id"], record["target_id"], record["type"]
        if (s, t, kind) in edges or (kind not in directed and (t, s, kind) in edges):
            problem(i, "type", f"{names[s]!r} and {names[t]!r} already have a {kind} "
                               "relationship")
            continue
        edges.add((s, t, kind))
        if kind != "reports_to":
            continue
        if s in managers:
            boss = managers[s]
            boss_name = names.get(boss) or store.get("stakeholder", boss)["name"]
            problem(i, "target_id", f"{names[s]!r} already reports to {boss_name!r}; a person "
                                    "has at most one manager")
            continue
        managers[s] = t
        mine.append(i)
    on_cycle = _reporting_cycles(managers)
    for i in mine:
        s, t = records[i]["source_id"], records[i]["target_id"]
        if s in on_cycle:  # then so is t, its manager: the next person on the cycle
            problem(i, "target_id", f"{names[s]!r} reporting to {names[t]!r} would "
                                    "make a reporting cycle")


def _reporting_cycles(managers: dict[int, int]) -> set[int]:
    """People on a ``reports_to`` cycle of two or more, in one pass over the lines.

    Each person has at most one manager, so walking upward from anyone ends
    at the top or runs into a cycle; every person is walked over once.

    >>> sorted(_reporting_cycles({1: 2, 2: 3, 3: 1, 4: 1, 5: 6}))
    [1, 2, 3]
    """
    walk_of: dict[int, int] = {}
    on_cycle: set[int] = set()
    for walk, start in enumerate(managers):
        if start in walk_of:
            continue
        path = []
        person: int | None = start
        while person is not None and person not in walk_of:
            walk_of[person] = walk
            path.append(person)
            person = managers.get(person)
        if person is not None and walk_of[person] == walk:  # back on this walk: a cycle
            cycle = path[path.index(person):]
            if len(cycle) > 1:
                on_cycle.update(cycle)
    return on_cycle


_BULK_RULES = {
    "stakeholder": _bulk_stakeholders,
    "buying_center_entry": _bulk_buying_center,
    "relationship": _bulk_relationships,
}
