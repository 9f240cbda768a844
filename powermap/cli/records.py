"""``add`` / ``edit`` / ``remove`` / ``list`` commands for every entity.

The commands are generated from :data:`powermap.schema.ENTITIES`, so each
field becomes an option with its help text; references (``account_id``)
become ``--account`` and accept an id or a unique name. Everything is
written through :class:`powermap.store.Store`, which validates.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..dependents import listing
from ..fields import record_label
from ..i18n import LazyString, _, _l, ngettext
from ..schema import ENTITIES, Entity, Field
from . import open_store
from .help import Failure, option
from .help import group as make_group

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["COMMANDS", "group_name", "interactive"]

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


def interactive() -> bool:
    """Whether someone at a terminal can answer a question (not a script or a pipe)."""
    return sys.stdin.isatty()


def _confirmed(store: Store, ent: Entity, record: dict, impact: dict[str, int],
               yes: bool) -> bool:
    """Show what removing ``record`` takes with it; True if it may go.

    A record nothing depends on goes without a question; otherwise the
    counts are listed and, unless ``yes``, a person at a terminal is asked
    (declining aborts). A script that did not say ``--yes`` gets False.
    """
    unlinked = store.delete_unlinks(ent.name, record["id"]).get("action", 0)
    if ent.name == "team_member":
        unlinked -= len(store.open_actions_of(record["id"]))
    if not impact and unlinked <= 0:
        return True
    label = _describe(ent, record)
    if impact:
        click.echo(ngettext("Removing %(record)s also removes %(num)d record:",
                            "Removing %(record)s also removes %(num)d records:",
                            sum(impact.values()), record=label))
        for line in listing(impact):
            click.echo(f"  {line}")
    if unlinked > 0:
        click.echo(ngettext("%(num)d closed action stays without an owner.",
                            "%(num)d closed actions stay without an owner.", unlinked))
    if yes:
        return True
    if not interactive():
        return False
    return click.confirm(_("Remove them all?"), default=False, abort=True)


def _make_group(ent: Entity) -> click.Group:
    noun = _noun(ent.name)

    @make_group(name=group_name(ent),
                help=_l("%(help)s Sub-commands: add, edit, remove, list.", help=ent.help))
    def group() -> None:
        pass

    def add(**options) -> None:
        store = open_store()
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

    def remove(record_id: str, yes: bool, reassign_to: str | None = None) -> None:
        store = open_store()
        key = store.resolve(ent.name, record_id)
        record = store.get(ent.name, key)
        successor = (store.resolve("team_member", reassign_to, account_id=record["account_id"])
                     if reassign_to else None)
        owned = len(store.open_actions_of(key)) if ent.name == "team_member" else 0
        if owned and successor is None:
            raise Failure(ngettext(
                "%(record)s owns %(num)d open action; name who takes it over with --reassign-to.",
                "%(record)s owns %(num)d open actions; name who takes them over with "
                "--reassign-to.", owned, record=_describe(ent, record)))
        impact = store.delete_impact(ent.name, key)
        if not _confirmed(store, ent, record, impact, yes):
            raise Failure(_("%(record)s was not removed: records depend on it. Run the command "
                            "again with --yes to remove them too.",
                            record=_describe(ent, record)))
        store.delete(ent.name, key, reassign_to=successor, expected=impact)
        click.echo(_("Removed %(record)s.", record=_describe(ent, record)))

    if ent.name == "team_member":
        remove = option("--reassign-to", "reassign_to", metavar="ID|NAME",
                        help=_l("Team member (of the same account) who takes over this "
                                "member's open actions; needed while it owns any."))(remove)
    remove = option("--yes", "-y", "yes", is_flag=True,
                    help=_l("Do not ask before removing the records that depend on it."))(remove)
    remove = click.argument("record_id", metavar="ID" if not ent.label_field else "ID|NAME")(
        remove)
    group.command("remove", help=_l("Remove a %(noun)s; lists what goes with it and asks first "
                                    "(--yes does not ask).", noun=noun))(remove)

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
