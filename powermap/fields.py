"""Field values: parse and check one value at a time, reading no database.

What a person types (a CLI option, a form field, a CSV cell) becomes the
field's type here: :func:`coerce` checks kinds, enums and ranges,
:func:`whole_number` reads ids and versions, :func:`clean_records` applies a
batch of changes field by field (immutability, defaults, required fields).
The rules that read other records live in :mod:`powermap.validation`, which
builds on this module; the store, the web and the CLI use it directly.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from .schema import Entity, Field

__all__ = ["MAX_INTEGER", "whole_number", "record_label", "coerce", "coercer", "clean_records"]

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


def coercer(f: Field) -> Callable[[Any], Any]:
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


class _RecordShape:
    """An entity's fields looked up once for a whole batch."""

    def __init__(self, entity: Entity):
        self.entity = entity
        self.coercers = {f.name: coercer(f) for f in entity.fields}
        self.plain_text = frozenset(f.name for f in entity.fields
                                    if f.kind == "text" and not f.choices and not f.immutable)
        self.names = entity.field_names
        self.defaults = [(f.name, f.default) for f in entity.fields if f.default is not None]
        self.required = [f.name for f in entity.fields if f.required]
        self.immutable = {f.name for f in entity.fields if f.immutable}


_META_FIELDS = frozenset(("id", "version", "created_at", "updated_at"))
_NONE: frozenset[str] = frozenset()


def clean_records(entity: Entity, changes: list[dict], currents: list[dict | None],
                  problem: Callable[[int, str | None, str], None]) -> list[dict | None]:
    """The field-level half of validation: coerce, immutability, defaults, required.

    ``changes[i]`` updates ``currents[i]`` (or creates, if that is None);
    returns the whole clean record of each, or None where ``problem(i, field,
    reason)`` was called. Reads no database: the rules that span records
    (:func:`powermap.validation.validate_many`) run on what this returns.
    """
    shape = _RecordShape(entity)
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

