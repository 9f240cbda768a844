"""Create, edit and delete any record through forms generated from the schema.

One view family serves every entity of :data:`powermap.schema.ENTITIES`:

* ``/records/<collection>`` — a plain table of the records;
* ``/records/<collection>/new`` — GET the form (query parameters prefill it,
  and references given there are fixed: ``?opportunity_id=3``), POST creates;
* ``/records/<collection>/<id>/edit`` — GET/POST, guarded by the record's
  ``version`` (409 with the form again if someone changed it meanwhile);
* ``/records/<collection>/<id>/delete`` — GET asks, POST deletes.

Posts redirect (303) to ``next`` when it is a local path, else to the page the
record belongs on (POST-redirect-GET). Refused writes show the form again with
each problem beside its field, status 422, and nothing written.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ..dependents import ImpactChangedError, OpenActionsError, listing
from ..errors import ConflictError, ValidationError
from ..fields import record_label, whole_number
from ..i18n import _, name_sort_key
from ..labels import entity_label, field_label
from ..schema import ENTITIES, Entity, by_collection
from ..store import Store
from .db import get_store
from .errors import conflict_message
from .forms import build_form, form_errors, read_form

__all__ = ["bp", "home_of", "safe_next"]

bp = Blueprint("records", __name__, url_prefix="/records")

#: Lists of people read by name (pinyin order in Chinese); other records stay in the order
#: they were entered (by id), which is how the tables of deals, actions, etc. are scanned.
BY_NAME = ("stakeholder", "team_member")


def _entity(collection: str) -> Entity:
    try:
        return by_collection(collection)
    except KeyError:
        abort(404, description=_("no kind of record called %(collection)s",
                                 collection=repr(collection)))


@bp.get("/<collection>")
def index(collection: str):
    """Every record of one collection, with links to edit them."""
    ent = _entity(collection)
    store = get_store()
    rows = store.rows(ent.name)
    if ent.name in BY_NAME:
        rows.sort(key=lambda row: name_sort_key(row["name"]))
    labels = {row["id"]: record_label(ent, row, row["id"]) for row in rows}
    return render_template("records.html", entity=ent, rows=rows, labels=labels,
                           references=_reference_names(store, ent, rows))


@bp.route("/<collection>/new", methods=["GET", "POST"])
def create(collection: str):
    """The empty (or prefilled) form of a new record; POST creates it."""
    ent = _entity(collection)
    store = get_store()
    if request.method == "POST":
        fixed = tuple(request.form.getlist("_fixed"))
        values = read_form(ent, request.form)
        try:
            record = store.create(ent.name, values)
        except ValidationError as exc:
            return _form(store, ent, values, fixed=fixed, error=exc, status=422,
                         account_hint=_account_hint(request.form.get("_account")))
        flash(_("Saved %(record)s.", record=record_label(ent, record, record["id"])))
        return redirect(safe_next() or home_of(store, ent, record), 303)
    values = {k: request.args[k] for k in request.args if k in ent.field_names}
    fixed = tuple(k for k in values if ent.field(k).ref)
    return _form(store, ent, values, fixed=fixed,
                 account_hint=_account_hint(request.args.get("account_id")))


def _account_hint(value: str | None) -> int | None:
    """An account id that scopes a form's choices (from ``?account_id=``)."""
    return whole_number(value)


@bp.route("/<collection>/<int:record_id>/edit", methods=["GET", "POST"])
def edit(collection: str, record_id: int):
    """The form of an existing record; POST saves the changes if nobody else did first."""
    ent = _entity(collection)
    store = get_store()
    current = store.get(ent.name, record_id)
    if request.method == "POST":
        values = read_form(ent, request.form, editing=True)
        version = request.form.get("version", "")
        try:
            record = store.update(ent.name, record_id, values,
                                  version=whole_number(version))
        except (ValidationError, ConflictError) as exc:
            latest = store.get(ent.name, record_id)
            return _form(store, ent, {**values, "id": record_id, "version": latest["version"]},
                         current=current, error=exc,
                         status=409 if isinstance(exc, ConflictError) else 422)
        flash(_("Saved %(record)s.", record=record_label(ent, record, record["id"])))
        return redirect(safe_next() or home_of(store, ent, record), 303)
    return _form(store, ent, current, current=current)


@bp.route("/<collection>/<int:record_id>/delete", methods=["GET", "POST"])
def delete(collection: str, record_id: int):
    """GET shows what the delete takes (counts per record type); POST deletes it all.

    A team member's open actions go to the member chosen on the page
    (``reassign_to``); without one the delete is refused (409) and nothing
    is written.
    """
    ent = _entity(collection)
    store = get_store()
    current = store.get(ent.name, record_id)
    label = record_label(ent, current, record_id)
    if request.method == "POST":
        version = request.form.get("version", "")
        reassign_to = (whole_number(request.form.get("reassign_to"))
                       if ent.name == "team_member" else None)
        destination = safe_next() or _home_after_delete(store, ent, current)
        try:
            store.delete(ent.name, record_id, version=whole_number(version),
                         reassign_to=reassign_to, expected=_shown(request.form.get("takes")))
        except (OpenActionsError, ImpactChangedError) as exc:
            return _confirm_delete(store, ent, current, label, error=str(exc)), 409
        except ValidationError as exc:
            return _confirm_delete(store, ent, current, label, error=str(exc)), 422
        flash(_("Deleted %(record)s.", record=label))
        return redirect(destination, 303)
    return _confirm_delete(store, ent, current, label)


def _confirm_delete(store: Store, ent: Entity, current: dict, label: str,
                    error: str | None = None) -> str:
    """The confirmation page: what goes with the record, and who takes over its actions."""
    impact = store.delete_impact(ent.name, current["id"])
    unlinks = store.delete_unlinks(ent.name, current["id"])
    open_actions = successors = []
    if ent.name == "team_member":
        open_actions = store.open_actions_of(current["id"])
        successors = sorted((m for m in store.rows("team_member", "account_id = ? AND id != ?",
                                                   [current["account_id"], current["id"]])),
                            key=lambda m: name_sort_key(m["name"]))
    return render_template("confirm_delete.html", entity=ent, record=current, label=label,
                           takes=listing(impact), total=sum(impact.values()),
                           shown=json.dumps(impact, sort_keys=True),
                           unlinked_actions=unlinks.get("action", 0) - len(open_actions),
                           open_actions=len(open_actions), successors=successors,
                           error=error, next=safe_next() or "")


def _shown(value: str | None) -> dict[str, int] | None:
    """The counts the confirmation page showed (its hidden ``takes``), or None if absent."""
    if not value:
        return None
    try:
        shown = json.loads(value)
    except ValueError:
        return None
    if not isinstance(shown, dict):
        return None
    return {str(k): v for k, v in shown.items()}


def _form(store: Store, ent: Entity, values: dict, *, current: dict | None = None,
          fixed: tuple[str, ...] = (), error: Exception | None = None, status: int = 200,
          account_hint: int | None = None):
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    if isinstance(error, ValidationError):
        by_field, general = form_errors(error)
        known = {f.name for f in ent.fields}
        general += [_("%(field)s: %(reason)s", field=name, reason=reason)
                    for name, reasons in by_field.items() if name not in known
                    for reason in reasons]
    elif isinstance(error, ConflictError):
        general.append(conflict_message(error))
    elif error is not None:
        general.append(str(error))
    fields = build_form(store, ent, values, editing=current is not None, fixed=fixed,
                        errors=by_field, account_hint=account_hint)
    shown = {f.name for f in fields}
    general += [_("%(field)s: %(reason)s", field=field_label(name, ent.name), reason=reason)
                for name, reasons in by_field.items()
                if name not in shown and name in ent.field_names for reason in reasons]
    title = (_("Edit %(record)s", record=record_label(ent, current, current["id"])) if current
             else _("New %(kind)s", kind=entity_label(ent.name)))
    page = render_template("form.html", entity=ent, fields=fields, fixed=fixed, title=title,
                           record=current, version=values.get("version"), general=general,
                           account_hint=account_hint,
                           next=safe_next() or "")
    return page, status


def safe_next() -> str | None:
    """The ``next`` form/query value if it is a path on this site, else None."""
    target = request.values.get("next", "")
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in target):
        return None  # browsers and werkzeug drop tabs and newlines: "/\t/evil" is "//evil"
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//")
            or "\\" in target):
        return None
    return target


def home_of(store: Store, ent: Entity, record: dict) -> str:
    """The page a record is shown on: its opportunity, its account, or its list."""
    if ent.name == "account":
        return url_for("accounts.account", account_id=record["id"])
    if ent.name == "opportunity":
        return url_for("opportunities.opportunity", opportunity_id=record["id"])
    if record.get("opportunity_id"):
        return url_for("opportunities.opportunity", opportunity_id=record["opportunity_id"])
    account_id = store.account_of(ent.name, record)
    if account_id is not None:
        return url_for("accounts.account", account_id=account_id)
    return url_for("records.index", collection=ent.collection)


def _home_after_delete(store: Store, ent: Entity, record: dict) -> str:
    if ent.name == "account":
        return url_for("accounts.index")
    if ent.name == "opportunity":
        return url_for("accounts.account", account_id=record["account_id"])
    return home_of(store, ent, record)


def _reference_names(store: Store, ent: Entity, rows: list[dict]) -> dict[str, dict]:
    """For each reference field, ``{id: label}`` of the records the rows point to."""
    names: dict[str, dict] = {}
    for f in ent.fields:
        if not f.ref:
            continue
        target = ENTITIES[f.ref]
        ids = sorted({row[f.name] for row in rows if row.get(f.name) is not None})
        if not ids:
            names[f.name] = {}
            continue
        found = store.rows(f.ref, f"id IN ({', '.join('?' for _ in ids)})", ids)
        names[f.name] = {r["id"]: record_label(target, r, r["id"]) for r in found}
    return names
