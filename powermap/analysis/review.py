"""Plain-text renderings of an :func:`~powermap.analysis.analyze` report.

Pure string builders (no printing), shared by the CLI and the exporters. Headings and
lines are in the current language (:mod:`powermap.i18n`); the report's own sentences
(flag titles, suggestion summaries) are already in the language it was computed in.
Columns are padded by terminal cells, so Chinese names line up.
"""

from __future__ import annotations

from .. import aliases
from .. import vocabulary as v
from ..i18n import _, display_width, format_date, format_money, format_percent, pad, pgettext
from ._people import join
from .urgency import bid_countdown

__all__ = ["review_text", "summary_text", "suggestions_text"]


def _underlined(title: str, rule: str = "-") -> list[str]:
    return [title, rule * display_width(title)]


def _mark(severity: str) -> str:
    """``[HIGH]  ``: a flag's severity, in brackets, padded to one width."""
    marks = {s: f"[{str(label).upper()}]" for s, label in v.SEVERITIES.items()}
    return pad(marks[severity], max(display_width(m) for m in marks.values()))


def _heading(report: dict) -> list[str]:
    opp = report["opportunity"]
    line = _("%(opportunity)s — %(account)s", opportunity=opp["name"],
             account=opp["account_name"])
    details = []
    if opp.get("stage"):
        details.append(_("stage %(stage)s", stage=aliases.label("stage", opp["stage"])))
    if opp.get("value") is not None:
        details.append(_("value %(value)s",
                         value=format_money(opp["value"], opp.get("currency"))))
    if opp.get("bid_date"):
        details.append(_("bid %(date)s", date=format_date(opp["bid_date"])))
    if opp.get("decision_date"):
        details.append(_("decision %(date)s", date=format_date(opp["decision_date"])))
    details.append(_("as of %(date)s", date=format_date(opp["today"])))
    countdown = bid_countdown(opp.get("days_to_bid"))
    # TRANSLATORS: between the details under a deal's name (stage, value, dates).
    return [*_underlined(line, "="), pgettext("details separator", ", ").join(details),
            *([countdown] if countdown else []), ""]


def _signed(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:+.2f}"


def _support_lines(report: dict) -> list[str]:
    sup, fc = report["support"], report["forecast"]
    shares = join(_("%(stance)s %(share)s", stance=v.STANCES[k][0],
                    share=format_percent(sup["shares"][k])) for k in sup["shares"])
    lines = [_("Support: net %(net)s (influence-weighted: %(shares)s)",
               net=_signed(sup["net_support"]), shares=shares)]
    if fc["deal"] is not None:
        rng = fc["unknown_range"]
        lines.append(_("Forecast: %(today)s today → %(consensus)s at consensus (unknowns "
                       "could move it %(low)s … %(high)s)", today=_signed(fc["deal_initial"]),
                       consensus=_signed(fc["deal"]), low=_signed(rng["low"]),
                       high=_signed(rng["high"])))
    return lines


def _health(report: dict) -> str:
    return str(v.HEALTHS[report["risks"]["health"]]).upper()


def _planned(planned: dict) -> str:
    """"Planned: Sam, due 15 Nov 2026": the open action a suggestion already is."""
    owner = (planned.get("owner") or {}).get("name")
    due = format_date(planned["due_date"]) if planned.get("due_date") else None
    if owner and due:
        return _("Planned: %(owner)s, due %(date)s.", owner=owner, date=due)
    if owner:
        return _("Planned: %(owner)s, no due date.", owner=owner)
    if due:
        return _("Planned: no owner, due %(date)s.", date=due)
    return _("Planned: no owner, no due date.")


def suggestions_text(report: dict) -> str:
    """The ally-expansion plans, one numbered paragraph each: the summary, the odds, each
    step of the introduction path and, if planned already, who does it by when."""
    plans = report["suggestions"]
    if not plans:
        return _("No suggestions: nobody left to win, or nobody whose attitude moves the deal.")
    lines = []
    for plan in plans:
        move = f"{plan['expected_move']:+.2f}"
        lines.append(f"{plan['rank']:>2}. {plan['summary']}")
        lines.append("    " + _("success %(success)s (path reliability %(reliability)s), "
                               "expected move %(move)s",
                               success=format_percent(plan["success_probability"]),
                               reliability=format_percent(plan["reliability"]), move=move))
        lines.extend(f"    – {step['text']}" for step in plan.get("steps") or ())
        if plan.get("planned"):
            lines.append("    " + _planned(plan["planned"]))
    return "\n".join(lines)


def review_text(report: dict) -> str:
    """A deal review: health, risk flags with remedies, support, forecast, next steps.

    Examples
    --------
    >>> import datetime as dt, networkx as nx
    >>> from powermap.analysis import analyze
    >>> G = nx.MultiDiGraph(opportunity={"name": "ERP"}, account={"name": "Acme"})
    >>> print(review_text(analyze(G, today=dt.date(2025, 1, 1))).splitlines()[4])
    Health: RED (2 high, 2 medium, 0 low)
    """
    risks = report["risks"]
    counts = risks["counts"]
    lines = _heading(report)
    lines.append(_("Health: %(health)s (%(high)d high, %(medium)d medium, %(low)d low)",
                   health=_health(report), high=counts["high"], medium=counts["medium"],
                   low=counts["low"]))
    lines += [*_support_lines(report), "", *_underlined(_("Risks"))]
    if not risks["flags"]:
        lines.append(_("No risk flags."))
    indent = " " * (display_width(_mark("high")) + 3)
    for flag in risks["flags"]:
        lines.append(_("%(mark)s %(title)s: %(message)s", mark=_mark(flag["severity"]),
                       title=flag["title"], message=flag["message"]))
        if flag.get("urgency"):
            lines.append(f"{indent}! {flag['urgency']}")
        lines.append(f"{indent}→ {flag['remedy']}")
    lines += ["", *_underlined(_("Next steps (ally expansion)")), suggestions_text(report)]
    rivals = report["competition"]["competitors"]
    if rivals:
        lines += ["", *_underlined(_("Competitors"))]
        for rival in rivals:
            held = join(p["name"] for p in rival["strongholds"]) or _("none")
            lines.append(_("%(competitor)s: coverage share %(share)s (ours %(ours)s); "
                           "strongholds: %(strongholds)s", competitor=rival["name"],
                           share=format_percent(rival["share"]),
                           ours=format_percent(report["competition"]["us"]["share"]),
                           strongholds=held))
    return "\n".join(lines) + "\n"


def summary_text(report: dict) -> str:
    """The analysis at a glance: ranking, support, forecast, grid, competition."""
    lines = _heading(report)
    lines += _underlined(_("Key people (effective influence)"))
    for row in report["ranking"]:
        roles = join(aliases.label("role", r).lower() for r in row["roles"] if r in v.ROLES)
        lines.append(f"{row['rank']:>3}. {pad(row['name'], 24)} {row['effective_influence']:.2f}  "
                     f"{pad(row['attitude_label'], 9)} {roles}")
    lines += ["", *_support_lines(report), "", *_underlined(_("Grid"))]
    names = {p["stakeholder_id"]: p["name"] for p in report["grid"]["people"]}
    for quadrant, ids in report["grid"]["quadrants"].items():
        lines.append(f"{pad(str(v.QUADRANTS[quadrant][0]), 10)} "
                     f"{join(names[i] for i in ids) or '—'}")
    rivals = report["competition"]["competitors"]
    if rivals:
        lines += ["", *_underlined(_("Competition")),
                  _("us: coverage share %(share)s",
                    share=format_percent(report["competition"]["us"]["share"]))]
        for rival in rivals:
            lines.append(_("%(competitor)s: coverage share %(share)s, leads with %(leads)d, "
                           "contested %(contested)d", competitor=rival["name"],
                           share=format_percent(rival["share"]), leads=len(rival["leads"]),
                           contested=len(rival["contested"])))
        spots = join(p["name"] for p in report["competition"]["blind_spots"])
        lines.append(_("blind spots: %(people)s", people=spots or _("none")))
    lines += ["", _("Health: %(health)s — run `powermap review` for the flags.",
                    health=_health(report))]
    return "\n".join(lines) + "\n"
