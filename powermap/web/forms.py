"""Forms generated from :data:`powermap.schema.ENTITIES`.

One description per field drives the widget: a select for choices and
references (scoped to the account when the form knows it), checkboxes for
lists, a select with the vocabulary's words for short scales (influence,
attitude, coverage), a date input for dates. :func:`read_form` turns a posted
form back into the raw values :meth:`Store.create`/:meth:`Store.update`
validate, so the rules live in one place (``powermap.validation``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from .. import aliases
from ..errors import ValidationError
from ..i18n import _, name_sort_key
from ..labels import field_label
from ..schema import ENTITIES, Entity, Field
from ..store import Store

__all__ = ["FormField", "build_form", "read_form", "form_errors", "label_of",
           "editable_fields"]


@dataclass
class FormField:
    """What the generic form template needs to draw one field."""

    name: str
    label: str
    widget: str  # text, textarea, number, date, select, checkboxes, checkbox, fixed
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    help: str = ""
    errors: list[str] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    step: str = "1"
    shown: str = ""  # what a fixed field displays
    blank: str = "—"  # the empty choice of an optional select

    def selected(self, option: str) -> bool:
        """Is ``option`` the value (or one of the values) of this field?"""
        if isinstance(self.value, (list, tuple)):
            return option in [str(x) for x in self.value]
        return self.value is not None and str(self.value) == option


def editable_fields(ent: Entity, *, editing: bool) -> list[Field]:
    """Fields a person fills in: not derived (immutable and optional, e.g. a
    relationship's account), and on an edit not immutable."""
    return [f for f in ent.fields
            if not (f.immutable and not f.required) and not (editing and f.immutable)]


def label_of(f: Field) -> str:
    """``bid_date`` → ``Bid date``; ``owner_id`` → ``Owner`` (投标日期, 负责人 in Chinese)."""
    return str(f.label) if f.label else field_label(f.name)


def build_form(store: Store, ent: Entity, values: dict, *, editing: bool = False,
               fixed: tuple[str, ...] = (), errors: dict[str, list[str]] | None = None,
               account_hint: int | None = None) -> list[FormField]:
    """The fields of ``ent``'s form filled with ``values`` (strings or stored values).

    Fields named in ``fixed`` (the context a page opened the form from, e.g. the
    opportunity of a new buying-center entry) are shown, not editable.
    ``account_hint`` scopes the reference choices when the record itself does
    not tell its account (a new coverage opened from an account page).
    """
    errors = errors or {}
    account_id = store.account_of(ent.name, values)
    if account_id is None:
        account_id = account_hint
    form = []
    for f in editable_fields(ent, editing=editing):
        value = values.get(f.name, f.default if not editing else None)
        item = FormField(f.name, label_of(f), "text", value=value, required=f.required,
                         help=_form_help(f), errors=errors.get(f.name, []),
                         minimum=f.minimum, maximum=f.maximum)
        if f.ref:
            item.widget = "select"
            item.options = _reference_options(store, f.ref, account_id)
            if f.name in fixed and value not in (None, ""):
                item.widget = "fixed"
                item.shown = dict(item.options).get(str(value), f"#{value}")
        elif f.kind == "list":
            item.widget = "checkboxes"
            item.options = _choices(ent, f)
        elif f.choices:
            item.widget = "select"
            item.options = _choices(ent, f)
        elif f.kind == "int" and _short_scale(f):
            item.widget = "select"
            vocabulary = aliases.vocabulary_of(ent.name, f.name)
            item.options = [(str(n), _scale_label(n, vocabulary, signed=f.minimum < 0))
                            for n in range(int(f.minimum), int(f.maximum) + 1)]
            if f.name in ("attitude", "preference"):
                item.blank = _("unknown")
        elif f.kind in ("int", "real"):
            item.widget = "number"
            item.step = "1" if f.kind == "int" else "any"
        elif f.kind == "date":
            item.widget = "date"
        elif f.kind == "bool":
            item.widget = "checkbox"
        elif f.name == "notes" or f.name.endswith("_effect"):
            item.widget = "textarea"
        if item.widget == "select" and value not in (None, "") and \
                str(value) not in {key for key, _ in item.options}:
            # keep what was sent
            item.options.insert(0, (str(value), _("%(value)s (not allowed)", value=value)))
        form.append(item)
    return form


def read_form(ent: Entity, form: MultiDict, *, editing: bool = False) -> dict:
    """The raw values a posted form gives for ``ent`` (validated by the store)."""
    values: dict[str, Any] = {}
    for f in editable_fields(ent, editing=editing):
        if f.kind == "list":
            values[f.name] = form.getlist(f.name)
        elif f.kind == "bool":
            values[f.name] = f.name in form and form.get(f.name) not in ("", "0")
        elif f.name in form:
            values[f.name] = form.get(f.name, "")
        elif editing:
            values[f.name] = ""
    return values


def form_errors(exc: ValidationError) -> tuple[dict[str, list[str]], list[str]]:
    """A refused write's problems by field, and those that name no field of the form."""
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in exc.problems:
        if problem.field:
            by_field.setdefault(problem.field, []).append(problem.reason)
        else:
            general.append(_("%(record)s: %(reason)s", record=problem.record,
                             reason=problem.reason))
    return by_field, general


def _form_help(f: Field) -> str:
    """The field's help without what only the CLI needs (ids, comma-separated lists)."""
    if f.kind == "list":
        return ""
    text = re.sub(r"\s*\([a-z ]*id or name\)", "", str(f.help))
    return "" if text.rstrip(".").lower() == label_of(f).lower() else text


def _choices(ent: Entity, f: Field) -> list[tuple[str, str]]:
    """(code, label in the current language) of a field's choices."""
    vocabulary = aliases.vocabulary_of(ent.name, f.name)
    if vocabulary is None:
        return [(c, c.replace("_", " ")) for c in f.choices]
    return [(c, aliases.label(vocabulary, c)) for c in f.choices]


def _scale_label(n: int, vocabulary: str | None, *, signed: bool) -> str:
    """``+1 supporter`` / ``+1 支持者``: the point and its word (both map back to it)."""
    number = f"{n:+d}" if signed and n else str(n)
    if vocabulary is None or n not in aliases.VOCABULARIES[vocabulary]:
        return number
    return f"{number} {aliases.label(vocabulary, n)}"


def _short_scale(f: Field) -> bool:
    return f.minimum is not None and f.maximum is not None and f.maximum - f.minimum <= 10


def _reference_options(store: Store, ref: str, account_id: int | None) -> list[tuple[str, str]]:
    """(id, label) of the records a reference may point to, within the account if known."""
    target = ENTITIES[ref]
    scoped = account_id is not None and "account_id" in target.field_names
    rows = store.rows(ref, "account_id = ?" if scoped else None,
                      [account_id] if scoped else [], order_by="id")
    if target.label_field:  # people, accounts, deals, competitors: by name, pinyin in Chinese
        rows.sort(key=lambda row: name_sort_key(str(row.get(target.label_field) or "")))
    accounts = {} if scoped or "account_id" not in target.field_names else {
        a["id"]: a["name"] for a in store.rows("account")}
    options = []
    for row in rows:
        label = str(row.get(target.label_field) or f"#{row['id']}")
        details = [str(row[f]) for f in ("department", "title") if row.get(f)]
        if details:
            label += f" — {', '.join(details)}"
        if accounts:
            label += f" ({accounts.get(row['account_id'], '?')})"
        options.append((str(row["id"]), label))
    return options
