"""``add`` / ``edit`` / ``remove`` / ``list`` commands for every entity.

The commands are generated from :data:`powermap.schema.ENTITIES`, so each
field becomes an option with its help text; references (``account_id``)
become ``--account`` and accept an id or a unique name. Everything is
written through :class:`powermap.store.Store`, which validates.
"""

from __future__ import annotations

import click

from ..fields import record_label
from ..schema import ENTITIES, Entity, Field
from . import open_store

__all__ = ["COMMANDS", "group_name"]

#: CLI group names that read better than the entity names.
_GROUP_NAMES = {"buying_center_entry": "buying-center", "opportunity_competitor": "in-play",
                "competitor_position": "position"}


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
        help_text = f.help + (" [required]" if f.required and not for_edit else "")
        if f.kind == "bool":
            options.append(click.option(f"--{name}/--no-{name}", f.name, default=None,
                                        help=help_text))
        elif f.choices and f.kind != "list":
            options.append(click.option(f"--{name}", f.name, type=click.Choice(f.choices),
                                        help=help_text))
        else:
            options.append(click.option(f"--{name}", f.name, metavar=_metavar(f), help=help_text))
    return options


def _metavar(f: Field) -> str:
    if f.ref:
        return "ID|NAME"
    return {"int": "N", "real": "X", "date": "YYYY-MM-DD", "list": "A,B"}.get(f.kind, "TEXT")


def _describe(ent: Entity, record: dict) -> str:
    return record_label(ent, record, record["id"])


def _make_group(ent: Entity) -> click.Group:
    noun = ent.name.replace("_", " ")

    @click.group(name=group_name(ent), help=f"{ent.help} Sub-commands: add, edit, remove, list.")
    def group() -> None:
        pass

    def add(**options) -> None:
        store = open_store()
        values = {k: v for k, v in options.items() if v is not None}
        record = store.create(ent.name, store.resolve_references(ent.name, values))
        click.echo(f"Created {_describe(ent, record)}.")

    for option in reversed(_field_options(ent, for_edit=False)):
        add = option(add)
    group.command("add", help=f"Add a {noun}.")(add)

    def edit(record_id: str, version: int | None, **options) -> None:
        store = open_store()
        key = store.resolve(ent.name, record_id)
        current = store.get(ent.name, key)
        changes = {k: v for k, v in options.items() if v is not None}
        if not changes:
            raise click.UsageError("nothing to change; give at least one option (see --help)")
        changes = store.resolve_references(ent.name, changes, current)
        record = store.update(ent.name, key, changes, version=version)
        click.echo(f"Updated {_describe(ent, record)} (now version {record['version']}).")

    for option in reversed(_field_options(ent, for_edit=True)):
        edit = option(edit)
    edit = click.option("--version", type=int, default=None,
                        help="Refuse the edit if the record is no longer at this version.")(edit)
    edit = click.argument("record_id", metavar="ID" if not ent.label_field else "ID|NAME")(edit)
    group.command("edit", help=f"Change fields of a {noun}; give only what changes. "
                               "Clear a field with an empty value (--title '').")(edit)

    @group.command("remove", help=f"Remove a {noun} and everything that depends on it.")
    @click.argument("record_id", metavar="ID" if not ent.label_field else "ID|NAME")
    def remove(record_id: str) -> None:
        store = open_store()
        key = store.resolve(ent.name, record_id)
        record = store.get(ent.name, key)
        store.delete(ent.name, key)
        click.echo(f"Removed {_describe(ent, record)}.")

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
            click.echo(f"No {noun} records.", err=True)

    if parent is not None:
        list_records = click.option(f"--{_option_name(parent)}", "parent_key", metavar="ID|NAME",
                                    help=f"Only records of this {parent.ref}.")(list_records)
    else:
        list_records = click.option("--all", "parent_key", flag_value=None, hidden=True)(
            list_records)
    group.command("list", help=f"List {noun} records.")(list_records)
    return group


COMMANDS = [_make_group(ent) for ent in ENTITIES.values()]
