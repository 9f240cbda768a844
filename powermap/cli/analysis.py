"""``analyze``, ``suggest`` and ``review``: the analysis engine on the command line.

Each command takes an opportunity (id or unique name) and, with ``--json``,
prints a stable JSON document (see ``docs/analysis.md``) instead of text.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ..i18n import _l, json_default
from . import open_store
from .help import command, option

__all__ = ["COMMANDS"]


def _report(opportunity: str, today: dt.datetime | None, top: int) -> dict:
    from ..report_cache import opportunity_report

    store = open_store()
    opportunity_id = store.resolve("opportunity", opportunity)
    return opportunity_report(store, opportunity_id, today=today.date() if today else None,
                              top=top)


def _emit(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=json_default))


_opportunity = click.argument("opportunity", metavar="OPPORTUNITY")
_json = option("--json", "as_json", is_flag=True, help=_l("Print JSON (stable schema)."))
_today = option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                metavar="YYYY-MM-DD",
                help=_l("Date staleness is measured against [default: today]."))


@command(help=_l("Run every analysis on an opportunity (id or name): ranking, support, "
                       "forecast, …"))
@_opportunity
@option("--top", default=10, show_default=True, type=click.IntRange(min=0),
        help=_l("Number of suggestions in the report."))
@_json
@_today
def analyze(opportunity: str, top: int, as_json: bool, today: dt.datetime | None) -> None:
    from ..analysis.review import summary_text

    report = _report(opportunity, today, top)
    if as_json:
        _emit(report)
    else:
        click.echo(summary_text(report), nl=False)


@command(help=_l("Suggest whom to win next, through whom and how (ally expansion)."))
@_opportunity
@option("--top", default=5, show_default=True, type=click.IntRange(min=1),
        help=_l("Number of plans."))
@_json
@_today
def suggest(opportunity: str, top: int, as_json: bool, today: dt.datetime | None) -> None:
    from ..analysis.review import suggestions_text

    report = _report(opportunity, today, top)
    if as_json:
        _emit({"schema_version": report["schema_version"],
               "opportunity": report["opportunity"], "suggestions": report["suggestions"]})
    else:
        click.echo(suggestions_text(report))


@command(help=_l("A deal review: health, risk flags and remedies, support, forecast, "
                       "next steps."))
@_opportunity
@option("--top", default=5, show_default=True, type=click.IntRange(min=0),
        help=_l("Number of next steps."))
@_json
@_today
def review(opportunity: str, top: int, as_json: bool, today: dt.datetime | None) -> None:
    from ..analysis.review import review_text

    report = _report(opportunity, today, top)
    if as_json:
        _emit({key: report[key] for key in (
            "schema_version", "opportunity", "risks", "support", "forecast", "suggestions",
            "competition")} | {"health": report["risks"]["health"]})
    else:
        click.echo(review_text(report), nl=False)


COMMANDS = (analyze, suggest, review)
