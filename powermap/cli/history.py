"""The living map on the command line: ``history``, ``diff``, ``trend``, ``record-review``,
``reviews``, ``undo`` and ``done`` (an action with its outcome).

``analyze``, ``suggest``, ``review`` and ``export`` take ``--as-of`` (in
:mod:`.analysis` and :mod:`.transfer`); the model is in ``docs/history.md``.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ..i18n import _, _l, json_default
from . import open_store
from .help import command, option

__all__ = ["COMMANDS"]

_json = option("--json", "as_json", is_flag=True, help=_l("Print JSON (stable schema)."))


def _emit(document: object) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=json_default))


@command("history", help=_l("List the changes to an account (id or name), newest first."))
@click.argument("account", metavar="ACCOUNT")
@option("--opportunity", metavar="ID|NAME", help=_l("Only this opportunity's changes (and the "
                                                    "account's shared records)."))
@option("--person", metavar="ID|NAME", help=_l("Only changes about this stakeholder."))
@option("--who", metavar="LOGIN", help=_l("Only changes made by this login."))
@option("--since", metavar="YYYY-MM-DD", help=_l("From this date."))
@option("--until", metavar="YYYY-MM-DD", help=_l("Up to the end of this date."))
@_json
def history_command(account: str, opportunity: str | None, person: str | None,
                    who: str | None, since: str | None, until: str | None,
                    as_json: bool) -> None:
    from ..history.listing import history

    store = open_store()
    account_id = store.resolve("account", account)
    sets = history(
        store, account_id,
        opportunity_id=store.resolve("opportunity", opportunity, account_id=account_id)
        if opportunity else None,
        person=store.resolve("stakeholder", person, account_id=account_id) if person else None,
        who=who, since=since, until=until)
    if as_json:
        _emit(sets)
        return
    if not sets:
        click.echo(_("No change recorded."))
    for entry in sets:
        click.echo(_("#%(id)s %(at)s %(who)s", id=entry["id"], at=entry["at"][:16],
                     who=entry["actor"]))
        if entry["note"]:
            click.echo("  " + entry["note"])
        for change in entry["changes"]:
            click.echo("  " + change["sentence"])
            if change["op"] != "create":
                for f in change["fields"]:
                    click.echo("    " + _("%(field)s: %(before)s → %(after)s", field=f["label"],
                                          before=f["before"], after=f["after"]))


@command("diff", help=_l("What changed in OPPORTUNITY since the last recorded review or since "
                         "a date."))
@click.argument("opportunity", metavar="OPPORTUNITY")
@option("--since", default="review", show_default=True, metavar="review|YYYY-MM-DD",
        help=_l("Compare with the last recorded review, or with the map as of a date."))
@_json
def diff_command(opportunity: str, since: str, as_json: bool) -> None:
    from ..history.compare import since as diff_since
    from ..history.text import diff_text

    store = open_store()
    found = diff_since(store, store.resolve("opportunity", opportunity), since)
    if as_json:
        _emit(found)
    else:
        click.echo(diff_text(found), nl=False)


@command("trend", help=_l("The support base of OPPORTUNITY week by week."))
@click.argument("opportunity", metavar="OPPORTUNITY")
@_json
def trend_command(opportunity: str, as_json: bool) -> None:
    from ..history.trend import trend
    from ..templating import signed

    store = open_store()
    points = trend(store, store.resolve("opportunity", opportunity))
    if as_json:
        _emit(points)
        return
    for p in points:
        click.echo(_("%(date)s  net support %(net)s  forecast %(forecast)s  supporters %(s)s  "
                     "opponents %(o)s  unknowns %(u)s  allies %(a)s  strong coverage %(c)s  "
                     "open high flags %(f)s", date=p["date"], net=signed(p["net_support"]),
                     forecast=signed(p["forecast"]), s=p["supporters"], o=p["opponents"],
                     u=p["unknowns"], a=p["allies"], c=p["strong_coverage"],
                     f=p["open_high_flags"]))


@command("record-review", help=_l("Record the review of OPPORTUNITY as it stands: a named, "
                                  "dated snapshot of the report and the map."))
@click.argument("opportunity", metavar="OPPORTUNITY")
@option("--name", default="", help=_l("Name of the review [default: today's date]."))
def record_review_command(opportunity: str, name: str) -> None:
    from ..history import snapshots

    store = open_store()
    found = snapshots.record(store, store.resolve("opportunity", opportunity), name)
    click.echo(_("Review recorded: %(name)s.", name=found["name"]))


@command("reviews", help=_l("List the recorded reviews of OPPORTUNITY, latest first."))
@click.argument("opportunity", metavar="OPPORTUNITY")
@_json
def reviews_command(opportunity: str, as_json: bool) -> None:
    from ..history import snapshots

    store = open_store()
    found = snapshots.listing(store, store.resolve("opportunity", opportunity))
    if as_json:
        _emit(found)
        return
    if not found:
        click.echo(_("No review recorded yet."))
    for r in found:
        click.echo(_("#%(id)s %(name)s, recorded %(at)s by %(who)s", id=r["id"], name=r["name"],
                     at=r["at"][:16], who=r["recorded_by"]))


@command("undo", help=_l("Revert change CHANGE (a number from `powermap history`), or your own "
                         "last change. The revert is itself a change."))
@click.argument("change", required=False, type=click.IntRange(min=1), metavar="CHANGE")
def undo_command(change: int | None) -> None:
    from ..history import undo

    store = open_store()
    if change is None:
        change = undo.last_own_set(store)
        if change is None:
            click.echo(_("You have no change to undo."))
            return
    new_id = undo.revert(store, change)
    click.echo(_("Change %(id)s was reverted (as change %(new)s).", id=change, new=new_id))


@command("done", help=_l("Mark ACTION (id) done with its outcome: the person's new attitude, "
                         "our coverage, the contact date."))
@click.argument("action", type=click.IntRange(min=1), metavar="ACTION")
@option("--attitude", metavar="SCORE", help=_l("The person's attitude now (-2 … +2, or a "
                                                "label such as supporter)."))
@option("--strength", metavar="LEVEL", help=_l("Our coverage of the person now (0 … 4, or a "
                                                "label such as trusted)."))
@option("--contact-date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
        help=_l("When we met them [default: today when an attitude or strength is given]."))
@option("--effect", "actual_effect", metavar="TEXT", help=_l("What the action achieved."))
def done_command(action: int, attitude: str | None, strength: str | None,
                 contact_date: dt.datetime | None, actual_effect: str | None) -> None:
    from ..history.outcomes import complete

    store = open_store()
    complete(store, action, attitude=attitude, strength=strength,
             contact_date=contact_date.date() if contact_date else None,
             actual_effect=actual_effect)
    click.echo(_("Action %(id)s is done.", id=action))


COMMANDS = (history_command, diff_command, trend_command, record_review_command,
            reviews_command, undo_command, done_command)
