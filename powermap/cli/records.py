"""``add`` / ``edit`` / ``remove`` / ``list`` commands for every entity.

The commands are generated from :data:`powermap.schema.ENTITIES`, so each
field becomes an option with its help text; references (``account_id``)
become ``--account`` and accept an id or a unique name. Everything is
written through :class:`powermap.store.Store`, which validates.
"""

from __future__ import annotations

import click

from ..fields import record_label
from ..i18n import LazyString, _, _l
from ..schema import ENTITIES, Entity, Field
from . import open_store
from .help import group as make_group
from .help import option

__all__ = ["COMMANDS", "group_name"]

#: CLI group names that read better than the entity names.
_GROUP_NAMES = {"buying_center_entry": "buying-center", "opportunity_competitor": "in-play",
                "competitor_position": "position"}


def _noun(name: str) -> str | LazyString:
    """The record type as help texts and messages say it (the schema's lazy label)."""
    ent = ENTITIES.get(name)
    return ent.label if ent is not None and ent.label else name.replace("_", " ")


def group_name(ent: Entity) -> str:
    return _GROUP_NAMES.get(ent.name, ent.name.replace("_", "-"))


def _option_name(f: Field) -> str:
    return (f.name.removesuffix("_id") if f.ref else f.name).replace("_", "-")


def _field_options(ent: Entity, *, for_edit: bool):
    """click options for the writable fields of ``ent``."""
    options = []
    for f in ent.fields:
        if f.name == "account_id" and ent.name == "relationship":
            continue  # derived from the two stakeholders
        if for_edit and f.immutable:
            continue
        name = _option_name(f)
        help_text = (_l("%(help)s [required]", help=f.help) if f.required and not for_edit
                     else f.help)
        if f.kind == "bool":
            options.append(option(f"--{name}/--no-{name}", f.name, default=None,
                                  help=help_text))
        elif f.choices and f.kind != "list":
            options.append(option(f"--{name}", f.name, type=click.Choice(f.choices),
                                  help=help_text))
        else:
            options.append(option(f"--{name}", f.name, metavar=_metavar(f), help=help_text))
    return options


def _metavar(f: Field) -> str:
    if f.ref:
        return "ID|NAME"
    return {"int": "N", "real": "X", "date": "YYYY-MM-DD", "list": "A,B"}.get(f.kind, "TEXT")


def _describe(ent: Entity, record: dict) -> str:
    return record_label(ent, record, record["id"])


def _make_group(ent: Entity) -> click.Group:
    noun = _noun(ent.name)

    @make_group(name=group_name(ent),
                help=_l("%(help)s Sub-commands: add, edit, remove, list.", help=ent.help))
    def group() -> None:
        pass

    def add(**options) -> None:
        store = open_store(create=True)
        values = {k: v for k, v in options.items() if v is not None}
        record = store.create(ent.name, store.resolve_references(ent.name, values))
        click.echo(_("Created %(record)s.", record=_describe(ent, record)))

    for decorate in reversed(_field_options(ent, for_edit=False)):
        add = decorate(add)
    group.command("add", help=_l("Add a %(noun)s.", noun=noun))(add)

    def edit(record_id: str, version: int | None, **options) -> None:
        store = open_store()
        key = store.resolve(ent.name, record_id)
        current = store.get(ent.name, key)
        changes = {k: v for k, v in options.items() if v is not None}
        if not changes:
            raise click.UsageError(
                _("nothing to change; give at least one option (see --help)"))
        changes = store.resolve_references(ent.name, changes, current)
        record = store.update(ent.name, key, changes, version=version)
        click.echo(_("Updated %(record)s (now version %(version)s).",
                     record=_describe(ent, record), version=record["version"]))

    for decorate in reversed(_field_options(ent, for_edit=True)):
        edit = decorate(edit)
    edit = option("--version", type=int, default=None,
                  help=_l("Refuse the edit if the record is no longer at this version."))(edit)
    edit = click.argument("record_id", metavar="ID" if not ent.label_field else "ID|NAME")(edit)
    group.command("edit", help=_l("Change fields of a %(noun)s; give only what changes. Clear a "
                                  "field with an empty value (--title '').", noun=noun))(edit)

    @group.command("remove", help=_l("Remove a %(noun)s and everything that depends on it.",
                                     noun=noun))
    @click.argument("record_id", metavar="ID" if not ent.label_field else "ID|NAME")
    def remove(record_id: str) -> None:
        store = open_store()
        key = store.resolve(ent.name, record_id)
        record = store.get(ent.name, key)
        store.delete(ent.name, key)
        click.echo(_("Removed %(record)s.", record=_describe(ent, record)))

    parent = ent.field(ent.parent) if ent.parent else None

    def list_records(parent_key: str | None) -> None:
        store = open_store()
        if parent is not None and parent_key:
            parent_id = store.resolve(parent.ref, parent_key)
            rows = store.rows(ent.name, f"{parent.name} = ?", [parent_id])
        else:
            rows = store.rows(ent.name)
        shown = [f.name for f in ent.fields if f.kind != "text" or f.name in ("name", "type")]
        for row in rows:
            parts = [f"{f}={row[f]}" for f in shown if row.get(f) not in (None, "", [])]
            click.echo(f"#{row['id']}  " + "  ".join(parts))
        if not rows:
            click.echo(_("No %(noun)s records.", noun=noun), err=True)

    if parent is not None:
        list_records = option(f"--{_option_name(parent)}", "parent_key", metavar="ID|NAME",
                              help=_l("Only records of this %(noun)s.", noun=_noun(parent.ref)))(
            list_records)
    else:
        list_records = click.option("--all", "parent_key", flag_value=None, hidden=True)(
            list_records)
    group.command("list", help=_l("List %(noun)s records.", noun=noun))(list_records)
    return group


COMMANDS = [_make_group(ent) for ent in ENTITIES.values()]
