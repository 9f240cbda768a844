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
from typing import TYPE_CHECKING, Any

from . import vocabulary as v
from .errors import NotFoundError, Problem, ValidationError
from .schema import Entity, Field

if TYPE_CHECKING:
    from .store import Store

__all__ = ["validate", "coerce", "record_label"]

_TRUE = {"1", "true", "yes", "y", "on", "t"}
_FALSE = {"0", "false", "no", "n", "off", "f", ""}


def record_label(entity: Entity, values: dict, record_id: int | None = None) -> str:
    """Name a record for messages: ``stakeholder #3 'Li Wei'`` or ``new stakeholder``."""
    noun = entity.name.replace("_", " ")
    head = f"{noun} #{record_id}" if record_id is not None else f"new {noun}"
    if entity.label_field and values.get(entity.label_field):
        return f"{head} {str(values[entity.label_field])!r}"
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

    clean: dict = {}
    for name, raw in values.items():
        if name in ("id", "version", "created_at", "updated_at"):
            continue
        try:
            f = entity.field(name)
        except KeyError:
            problem(name, f"unknown field; {entity.name} has: {', '.join(entity.field_names)}")
            continue
        try:
            clean[name] = coerce(f, raw)
        except ValueError as exc:
            problem(name, str(exc))
            continue
        if current is not None and f.immutable and clean[name] != current.get(name):
            problem(name, "cannot be changed; create a new record instead")

    record = {k: current[k] for k in entity.field_names if k in current} if current else {}
    record.update(clean)
    if current is None:
        for f in entity.fields:
            if record.get(f.name) is None and f.default is not None:
                record[f.name] = f.default
    for f in entity.fields:
        if f.required and f.name not in {p.field for p in problems}:
            empty = record.get(f.name) in (None, "", [])
            if empty:
                problem(f.name, "is required")
    if problems:
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
        if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
            problem("email", f"{email!r} is not an e-mail address")
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
