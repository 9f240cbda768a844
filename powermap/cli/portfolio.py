"""``powermap portfolio``: every account classified, the 20/80 view and the weak maps.

Text for people (a table by rank, the 20/80 summary, what to do next for each
high-value account with a weak map) or, with ``--json``, the report of
:func:`powermap.portfolio.portfolio_report` (the API's document).
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ..i18n import _, _l, format_number, format_percent, json_default, ngettext
from ..portfolio.indicators import DEFAULT_BY, RANKABLE
from . import open_store
from .help import command, option

__all__ = ["COMMANDS", "portfolio_text"]


def _table(rows: list[list[str]]) -> list[str]:
    from ..i18n.text import display_width, pad

    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True))
            .rstrip() for row in rows]


def portfolio_text(report: dict) -> str:
    """The report as a person reads it in a terminal, in the current language."""
    from ..portfolio.indicators import indicator_label
    from ..templating import label

    if not report["accounts"]:
        return _("No accounts yet.") + "\n"
    by = report["by"]
    rows = [["#", _("Account"), indicator_label(by), _("Share"), _("Cumulative share"),
             _("ABC class"), _("Score"), _("Suggested tier"), _("Tier set by hand"),
             _("Map strength"), _("Portfolio quadrant")]]
    for a in report["accounts"]:
        rows.append([str(a["rank"]), a["name"],
                     format_number(a["value"], 2 if by == "score" else 0),
                     format_percent(a["share"]), format_percent(a["cumulative_share"]),
                     a["class"], format_number(a["score"] * 100),
                     label(a["suggested_tier"], "tier"), label(a["tier"], "tier"),
                     format_number(a["strength"] * 100),
                     label(a["quadrant"], "portfolio_quadrant")])
    pareto = report["pareto"]
    lines = _table(rows)
    lines += ["", _("The top %(count)s of %(total)s accounts bring %(share)s of the total.",
                    count=pareto["top_fifth"]["count"], total=pareto["accounts"],
                    share=format_percent(pareto["top_fifth"]["share"])),
              ngettext("%(num)d account brings 80%% of the total.",
                       "%(num)d accounts bring 80%% of the total.", pareto["accounts_for_80"]),
              ""]
    lines.append(_("High-value accounts with a weak map:"))
    for a in report["weak_maps"]:
        lines.append("  " + _("%(account)s (score %(score)s, map strength %(strength)s)",
                              account=a["name"], score=format_number(a["score"] * 100),
                              strength=format_number(a["strength"] * 100)))
        lines += [f"    - {step['text']}" for step in a["steps"]]
    if not report["weak_maps"]:
        lines.append("  " + _("None: every high-value account has a strong map."))
    return "\n".join(lines) + "\n"


@command(help=_l("Classify every account: ranking, ABC classes, 20/80, multi-indicator score "
                 "and suggested tier, and the high-value accounts with a weak power map."))
@option("--by", type=click.Choice(RANKABLE), default=DEFAULT_BY, show_default=True,
        help=_l("Indicator of the ranking, the ABC classes and the 20/80 view."))
@option("--json", "as_json", is_flag=True, help=_l("Print JSON (stable schema)."))
@option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
        help=_l("Date staleness is measured against [default: today]."))
def portfolio(by: str, as_json: bool, today: dt.datetime | None) -> None:
    from ..portfolio import portfolio_report

    report = portfolio_report(open_store(), by=by, today=today.date() if today else None)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=json_default))
    else:
        click.echo(portfolio_text(report), nl=False)


COMMANDS = (portfolio,)
