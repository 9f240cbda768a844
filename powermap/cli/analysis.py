"""``analyze``, ``suggest`` and ``review``: the analysis engine on the command line.

Each command takes an opportunity (id or unique name) and, with ``--json``,
prints a stable JSON document (see ``docs/analysis.md``) instead of text.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ..i18n import _, _l, json_default
from . import open_store
from .help import command, option

__all__ = ["COMMANDS"]


def _report(opportunity: str, today: dt.datetime | None, top: int,
            as_of: str | None = None) -> dict:
    store = open_store()
    opportunity_id = store.resolve("opportunity", opportunity)
    if as_of is None:
        from ..report_cache import opportunity_report

        return opportunity_report(store, opportunity_id,
                                  today=today.date() if today else None, top=top)
    from ..analysis import analyze as run_analysis
    from ..graph import build_graph
    from ..history.asof import parse_moment

    moment = parse_moment(as_of)
    day = today.date() if today else (moment.date() if moment else None)
    return run_analysis(build_graph(store, opportunity_id, as_of=moment), today=day, top=top)


def _emit(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=json_default))


_opportunity = click.argument("opportunity", metavar="OPPORTUNITY")
_json = option("--json", "as_json", is_flag=True, help=_l("Print JSON (stable schema)."))
_today = option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                metavar="YYYY-MM-DD",
                help=_l("Date staleness is measured against [default: today]."))
_as_of = option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
                help=_l("Analyse the map as it was at the end of this date (from the change "
                        "log)."))


@command(help=_l("Run every analysis on an opportunity (id or name): ranking, support, "
                       "forecast, …"))
@_opportunity
@option("--top", default=10, show_default=True, type=click.IntRange(min=0),
        help=_l("Number of suggestions in the report."))
@_json
@_today
@_as_of
def analyze(opportunity: str, top: int, as_json: bool, today: dt.datetime | None,
            as_of: str | None) -> None:
    from ..analysis.review import summary_text

    report = _report(opportunity, today, top, as_of)
    if as_json:
        _emit(report)
    else:
        click.echo(summary_text(report), nl=False)


@command(help=_l("Suggest whom to win next, through whom and how (ally expansion)."))
@_opportunity
@option("--top", default=5, show_default=True, type=click.IntRange(min=1),
        help=_l("Number of plans."))
@option("--plan", "plan_for", metavar="STAKEHOLDER", default=None,
        help=_l("Plan this person's suggestion as an action (id or name): the owner starts "
                "the path, the due date follows the activity and the bid date, and an open "
                "action for the same plan is updated, not duplicated."))
@_json
@_today
@_as_of
def suggest(opportunity: str, top: int, plan_for: str | None, as_json: bool,
            today: dt.datetime | None, as_of: str | None) -> None:
    from ..analysis.review import suggestions_text

    if plan_for is not None:
        if as_of is not None:
            raise click.UsageError(
                _("--plan writes an action today; it cannot be used with --as-of."))
        _plan(opportunity, plan_for, today, as_json)
        return
    report = _report(opportunity, today, top, as_of)
    if as_json:
        _emit({"schema_version": report["schema_version"],
               "opportunity": report["opportunity"], "suggestions": report["suggestions"]})
    else:
        click.echo(suggestions_text(report))


def _plan(opportunity: str, person: str, today: dt.datetime | None, as_json: bool) -> None:
    from .. import aliases
    from ..i18n import _, format_date
    from ..planning import plan_suggestion

    store = open_store()
    opportunity_id = store.resolve("opportunity", opportunity)
    account_id = store.get("opportunity", opportunity_id)["account_id"]
    stakeholder_id = store.resolve("stakeholder", person, account_id=account_id)
    action, created = plan_suggestion(store, opportunity_id, stakeholder_id,
                                      today=today.date() if today else None)
    if as_json:
        _emit({"action": action, "created": created})
        return
    owner = store.get("team_member", action["owner_id"])["name"] if action["owner_id"] \
        else _("nobody")
    values = {"id": action["id"], "activity": aliases.label("action_type", action["type"]),
              "person": store.get("stakeholder", stakeholder_id)["name"], "owner": owner,
              "date": format_date(action["due_date"]) if action["due_date"] else _("none")}
    click.echo(_("Planned action #%(id)s: %(activity)s with %(person)s; owner %(owner)s, due "
                 "%(date)s.", **values) if created else
               _("Updated action #%(id)s: %(activity)s with %(person)s; owner %(owner)s, due "
                 "%(date)s.", **values))


@command(help=_l("A deal review: health, risk flags and remedies, support, forecast, "
                       "next steps."))
@_opportunity
@option("--top", default=5, show_default=True, type=click.IntRange(min=0),
        help=_l("Number of next steps."))
@_json
@_today
@_as_of
def review(opportunity: str, top: int, as_json: bool, today: dt.datetime | None,
           as_of: str | None) -> None:
    from ..analysis.review import review_text

    report = _report(opportunity, today, top, as_of)
    if as_json:
        _emit({key: report[key] for key in (
            "schema_version", "opportunity", "risks", "support", "forecast", "suggestions",
            "competition")} | {"health": report["risks"]["health"]})
    else:
        click.echo(review_text(report), nl=False)


COMMANDS = (analyze, suggest, review)
