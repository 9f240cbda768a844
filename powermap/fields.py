"""Field values: parse and check one value at a time, reading no database.

What a person types (a CLI option, a form field, a CSV cell) becomes the
field's type here: :func:`coerce` checks kinds, enums and ranges,
:func:`whole_number` reads ids and versions, :func:`clean_records` applies a
batch of changes field by field (immutability, defaults, required fields).
The rules that read other records live in :mod:`powermap.validation`, which
builds on this module; the store, the web and the CLI use it directly.
It is longer than most modules (about 450 lines) because every kind of field
(text, number, date, list, reference, vocabulary) is read here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from . import aliases
from .errors import quote
from .i18n import _
from .schema import Entity, Field

__all__ = ["MAX_INTEGER", "whole_number", "record_label", "coerce", "coercer", "clean_records",
           "printable", "REFUSED_CHARACTERS", "STRIPPED_CHARACTERS"]

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

#: What a yes/no cell may say (``owner`` of a coverage), in English and Chinese.
_TRUE = frozenset({"1", "true", "yes", "y", "on", "t", "是", "对"})
_FALSE = frozenset({"0", "false", "no", "n", "off", "f", "", "否", "不是"})

#: Between the items of a list cell: ``,`` ``;`` and their full-width forms, and ``、``.
_LIST_SEPARATORS = re.compile(r"[,;，；、]")


#: Characters XML 1.0 and spreadsheet files cannot hold, or that no one types on purpose:
#: the C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone
#: surrogates; U+FFFE and U+FFFF. A text field refuses them (docs/limits.md).
_UNSTORABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_UNSTORABLE_RE = re.compile(f"[{_UNSTORABLE}]")
#: Line breaks spreadsheets and CRM exports write inside a cell (vertical tab, form feed,
#: next line): a line feed in free text, a space in a one-line field.
_SOFT_BREAKS = re.compile("[\x0b\x0c\x85]")
#: What :func:`coerce` strips from both ends of text before checking it: the characters
#: ``str.strip`` removes (``str.isspace``), U+001C-U+001F among them.
STRIPPED_CHARACTERS = ("\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029"
                       "\u202f\u205f\u3000")
#: What a text field refuses: the unstorable characters but the soft line breaks.
REFUSED_CHARACTERS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
_REFUSED_RE = re.compile(f"[{REFUSED_CHARACTERS}]")
#: What a one-line field (a name, a title) holds as one space.
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85]+")
#: Anything :func:`_text` must look at more closely, for the quick path of a clean cell.
_SUSPECT_LINE = re.compile(f"[\t\n\r{_UNSTORABLE}]")
_SUSPECT_FREE = _UNSTORABLE_RE


def printable(text: str) -> str:
    r"""``text`` as XML and spreadsheets hold it: what :func:`coerce` would refuse, replaced.

    For exports of rows stored before text was checked (or written by other tools): a
    soft line break becomes a line feed, any other unstorable character U+FFFD.

    >>> printable("a\x0bb\x00c")
    'a\nb�c'
    """
    if not _UNSTORABLE_RE.search(text):
        return text
    return _UNSTORABLE_RE.sub("\ufffd", _SOFT_BREAKS.sub("\n", text))


def _text(f: Field, value: str) -> str:
    r"""A stripped, non-empty text cell checked against ``f``'s character and length rules.

    Soft line breaks (``\x0b`` from Excel and CRM exports) become line feeds in free-text
    fields; in a one-line field any run of line breaks and tabs becomes one space. Other
    control characters are refused, as is text longer than ``f.max_length``, counted
    before line breaks are joined (so the API's document can say the same in a pattern).
    """
    suspect = _SUSPECT_FREE if f.multiline else _SUSPECT_LINE
    found = suspect.search(value)
    if found:
        bad = _REFUSED_RE.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            raise ValueError(_("contains the character %(character)s, which cannot be stored; "
                               "remove it", character=code))
    if f.max_length is not None and len(value) > f.max_length:
        raise ValueError(_("must be at most %(maximum)s characters long (this is %(length)s)",
                           maximum=f.max_length, length=len(value)))
    if found:
        if f.multiline:
            value = _SOFT_BREAKS.sub("\n", value)
        else:
            value = _LINE_BREAKS.sub(" ", value)
    return value


#: A date as fields hold it, and the date-times whose day is taken (docs/limits.md).
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?",
                   re.ASCII)


def _date(value: Any) -> str:
    """A date field's value: ``YYYY-MM-DD``, from a date, a date-time or strict ISO text.

    A spreadsheet's date cell arrives as a ``datetime`` (or its ISO text) and keeps its
    day; any other text (``2027-01-15garbage``, ``20270115``, ``2027-W03``) is refused.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value if isinstance(value, str) else None
    match = _DATE.fullmatch(text) if text is not None else None
    try:
        if match is None:
            raise ValueError
        if match.group() != match.group(1):
            return dt.datetime.fromisoformat(text).date().isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(_("expected a date as YYYY-MM-DD, got %(value)s",
                           value=quote(value))) from None


def record_label(entity: Entity, values: dict, record_id: int | None = None) -> str:
    """Name a record for messages: ``stakeholder #3 'Li Wei'`` or ``new stakeholder``.

    In the current language: ``关键人 #3“李伟”``, ``新关键人``.
    """
    noun = str(entity.label)
    name = str(values.get(entity.label_field) or "").strip() if entity.label_field else ""
    if record_id is None:
        if name:
            return _("new %(entity)s %(name)s", entity=noun, name=quote(name))
        return _("new %(entity)s", entity=noun)
    if name:
        return _("%(entity)s #%(id)s %(name)s", entity=noun, id=record_id, name=quote(name))
    return _("%(entity)s #%(id)s", entity=noun, id=record_id)


def coerce(f: Field, value: Any) -> Any:
    """Turn a raw value into the field's type; raise ``ValueError`` with the reason.

    A coded field (``f.vocabulary``) also takes the labels and synonyms people
    type, in English or Chinese (:func:`powermap.aliases.to_code`): ``决策`` and
    ``Decision maker`` are ``decision_maker``, ``支持者`` and ``+1`` are 1, and an
    attitude or preference of ``未知``/``unknown`` is None.
    """
    if isinstance(value, str):
        value = value.strip()
        if value == "" and f.kind != "list":
            return None
    if value is None:
        return None
    if f.kind == "text":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(_("expected text, got %(type)s %(value)s",
                               type=type(value).__name__, value=quote(value)))
        if not isinstance(value, str):
            value = str(value)
        if f.choices and value not in f.choices:
            return _choice(f, value)
        return _text(f, value)
    if f.kind in ("int", "real"):
        if isinstance(value, bool):
            raise ValueError(_("expected a number, got %(value)s", value=quote(value)))
        if f.vocabulary and isinstance(value, str):
            code = aliases.to_code(f.vocabulary, value)
            if code is not None:
                return code
            if f.vocabulary == "attitude" and aliases.is_unknown(value):
                return None
        try:
            number = float(value) if f.kind == "real" else _to_int(value)
        except OverflowError:  # a whole number beyond any float: float(10**400)
            raise ValueError(_("%(value)s is too large", value=quote(value))) from None
        except (TypeError, ValueError):
            if f.vocabulary and isinstance(value, str) and not _is_number(value):
                # a word that names no label: say which words are taken
                raise ValueError(_("%(value)s is not one of: %(choices)s", value=quote(value),
                                   choices=_choices(f))) from None
            if f.kind == "real":
                raise ValueError(_("expected a number, got %(value)s",
                                   value=quote(value))) from None
            raise ValueError(_("expected a whole number, got %(value)s",
                               value=quote(value))) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(_("expected a finite number, got %(value)s", value=quote(value)))
        if f.kind == "int" and abs(number) > MAX_INTEGER:
            raise ValueError(_("%(value)s is too large", value=quote(value)))
        if f.minimum is not None and number < f.minimum:
            raise ValueError(_out_of_range(f, value, below=True))
        if f.maximum is not None and number > f.maximum:
            raise ValueError(_out_of_range(f, value, below=False))
        return number
    if f.kind == "date":
        return _date(value)
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(_("expected yes or no, got %(value)s", value=quote(value)))
    if f.kind == "list":
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except (json.JSONDecodeError, RecursionError):  # or nested beyond the parser
                    raise ValueError(_("not a valid list: %(value)s",
                                       value=quote(value))) from None
            else:
                value = _LIST_SEPARATORS.split(text)
        if not isinstance(value, (list, tuple)):
            raise ValueError(_("expected a list, got %(value)s", value=quote(value)))
        items = []
        for item in value:
            item = str(item).strip()
            if not item:
                continue
            for code in _list_item(f, item):
                if code not in items:
                    items.append(code)
        return items
    raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover


def _choice(f: Field, value: str) -> str:
    """The code a coded text field's ``value`` names (not a code itself), else the reason."""
    code = aliases.to_code(f.vocabulary, value) if f.vocabulary else None
    if code is None:
        raise ValueError(_("%(value)s is not one of: %(choices)s", value=quote(value),
                           choices=_choices(f)))
    return code


def _list_item(f: Field, item: str) -> list[str]:
    """The codes one item of a list cell names: a code, a label (``评估/选型``), or
    labels joined by ``/`` (``决策/审批``)."""
    if not f.choices or item in f.choices:
        return [item]
    code = aliases.to_code(f.vocabulary, item) if f.vocabulary else None
    if code is not None:
        return [code]
    if "/" in item:
        return [code for part in item.split("/") if part.strip()
                for code in _list_item(f, part.strip())]
    raise ValueError(_("%(value)s is not one of: %(choices)s", value=quote(item),
                       choices=_choices(f)))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _choices(f: Field) -> str:
    if f.vocabulary:
        return aliases.listing(f.vocabulary, f.choices or None)
    return ", ".join(f.choices)


def coercer(f: Field) -> Callable[[Any], Any]:
    """:func:`coerce` for one field, quicker on what imports send most.

    A plain string cell of a text field, and a whole number (as ``int`` or
    digits) inside an int field's range, are decided here; every other value,
    and every value that fails, goes through :func:`coerce` itself, so results
    and messages are the same.
    """
    if f.kind == "text":
        choices = frozenset(f.choices)
        suspect = _SUSPECT_FREE if f.multiline else _SUSPECT_LINE
        limit = f.max_length if f.max_length is not None else MAX_INTEGER

        def text(value: Any) -> Any:
            if value.__class__ is str:
                value = value.strip()
                if not value:
                    return None
                if choices and value in choices:
                    return value
                if not choices and len(value) <= limit and not suspect.search(value):
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
                if text.isascii() and text.isdigit() and len(text) < 20:  # int() refuses
                    number = int(text)  # strings of over 4300 digits: coerce says why
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


def _out_of_range(f: Field, value: Any, *, below: bool) -> str:
    """Why ``value`` is outside ``f``'s range, with the whole range when there is one."""
    params = {"value": quote(value), "minimum": _fmt(f.minimum) if f.minimum is not None else "",
              "maximum": _fmt(f.maximum) if f.maximum is not None else ""}
    bounded = f.minimum is not None and f.maximum is not None
    if below:
        if bounded:
            return _("%(value)s is below the minimum %(minimum)s "
                     "(allowed %(minimum)s to %(maximum)s)", **params)
        return _("%(value)s is below the minimum %(minimum)s", **params)
    if bounded:
        return _("%(value)s is above the maximum %(maximum)s "
                 "(allowed %(minimum)s to %(maximum)s)", **params)
    return _("%(value)s is above the maximum %(maximum)s", **params)


class _RecordShape:
    """An entity's fields looked up once for a whole batch."""

    def __init__(self, entity: Entity):
        self.entity = entity
        self.noun = str(entity.label)
        self.coercers = {f.name: coercer(f) for f in entity.fields}
        self.plain_text = {f.name: (f.max_length or MAX_INTEGER,
                                    _SUSPECT_FREE if f.multiline else _SUSPECT_LINE)
                           for f in entity.fields
                           if f.kind == "text" and not f.choices and not f.immutable}
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
            to_value = coercers.get(name)
            if to_value is None:
                if name not in _META_FIELDS:
                    found = True
                    problem(i, name, _("unknown field; %(entity)s has: %(fields)s",
                                       entity=shape.noun, fields=", ".join(shape.names)))
                continue
            if raw is None:  # what coerce gives for None, whatever the field
                value = None
            elif raw.__class__ is str and (rule := plain.get(name)) is not None and len(
                    text := raw.strip()) <= rule[0] and not rule[1].search(text):
                value = text or None  # what coerce gives for a clean cell
            else:
                try:
                    value = to_value(raw)
                except ValueError as exc:
                    bad = bad | {name}
                    found = True
                    problem(i, name, str(exc))
                    continue
            clean[name] = value
            if current is not None and name in immutable and value != current.get(name):
                found = True
                problem(i, name, _("cannot be changed; create a new record instead"))
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
                problem(i, name, _("is required"))
        records.append(None if found else record)
    return records

