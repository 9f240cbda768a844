"""Plain-text renderings of an :func:`~powermap.analysis.analyze` report.

Pure string builders (no printing), shared by the CLI and the exporters.
"""

from __future__ import annotations

from .. import vocabulary as v
from ..i18n import pad

__all__ = ["review_text", "summary_text", "suggestions_text"]

_MARK = {"high": "[HIGH]  ", "medium": "[MEDIUM]", "low": "[LOW]   "}


def _heading(report: dict) -> list[str]:
    opp = report["opportunity"]
    line = f"{opp['name']} — {opp['account_name']}"
    details = [f"stage {opp['stage']}"] if opp.get("stage") else []
    if opp.get("value") is not None:
        details.append(f"value {opp['value']:,.0f} {opp.get('currency') or ''}".rstrip())
    if opp.get("bid_date"):
        details.append(f"bid {opp['bid_date']}")
    if opp.get("decision_date"):
        details.append(f"decision {opp['decision_date']}")
    details.append(f"as of {opp['today']}")
    return [line, "=" * len(line), ", ".join(details), ""]


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def _support_lines(report: dict) -> list[str]:
    sup, fc = report["support"], report["forecast"]
    shares = ", ".join(f"{k} {sup['shares'][k]:.0%}" for k in sup["shares"])
    lines = [f"Support: net {_signed(sup['net_support'])} (influence-weighted: {shares})"]
    if fc["deal"] is not None:
        rng = fc["unknown_range"]
        lines.append(f"Forecast: {_signed(fc['deal_initial'])} today → {_signed(fc['deal'])} at "
                     f"consensus (unknowns could move it {_signed(rng['low'])} … "
                     f"{_signed(rng['high'])})")
    return lines


def suggestions_text(report: dict) -> str:
    """The ally-expansion plans, one numbered paragraph each."""
    plans = report["suggestions"]
    if not plans:
        return "No suggestions: nobody left to win, or nobody whose attitude moves the deal."
    lines = []
    for plan in plans:
        lines.append(f"{plan['rank']:>2}. {plan['summary']}")
        lines.append(f"    success {plan['success_probability']:.0%} (path reliability "
                     f"{plan['reliability']:.0%}), expected move {plan['expected_move']:+.2f}")
    return "\n".join(lines)


def review_text(report: dict) -> str:
    """A deal review: health, risk flags with remedies, support, forecast, next steps.

    Examples
    --------
    >>> import datetime as dt, networkx as nx
    >>> from powermap.analysis import analyze
    >>> G = nx.MultiDiGraph(opportunity={"name": "ERP"}, account={"name": "Acme"})
    >>> print(review_text(analyze(G, today=dt.date(2025, 1, 1))).splitlines()[4])
    Health: RED (2 high, 3 medium, 0 low)
    """
    risks = report["risks"]
    counts = risks["counts"]
    lines = _heading(report)
    lines.append(f"Health: {risks['health'].upper()} ({counts['high']} high, "
                 f"{counts['medium']} medium, {counts['low']} low)")
    lines += [*_support_lines(report), "", "Risks", "-----"]
    if not risks["flags"]:
        lines.append("No risk flags.")
    for flag in risks["flags"]:
        lines.append(f"{_MARK[flag['severity']]} {flag['title']}: {flag['message']}")
        lines.append(f"           → {flag['remedy']}")
    lines += ["", "Next steps (ally expansion)", "---------------------------",
              suggestions_text(report)]
    rivals = report["competition"]["competitors"]
    if rivals:
        lines += ["", "Competitors", "-----------"]
        for rival in rivals:
            held = ", ".join(p["name"] for p in rival["strongholds"]) or "none"
            lines.append(f"{rival['name']}: coverage share {rival['share']:.0%} (ours "
                         f"{report['competition']['us']['share']:.0%}); strongholds: {held}")
    return "\n".join(lines) + "\n"


def summary_text(report: dict) -> str:
    """The analysis at a glance: ranking, support, forecast, grid, competition."""
    lines = _heading(report)
    lines += ["Key people (effective influence)", "--------------------------------"]
    for row in report["ranking"]:
        roles = ", ".join(v.ROLES[r][0].lower() for r in row["roles"] if r in v.ROLES)
        lines.append(f"{row['rank']:>3}. {pad(row['name'], 24)} {row['effective_influence']:.2f}  "
                     f"{pad(row['attitude_label'], 9)} {roles}")
    lines += ["", *_support_lines(report), "", "Grid", "----"]
    names = {p["stakeholder_id"]: p["name"] for p in report["grid"]["people"]}
    for quadrant, ids in report["grid"]["quadrants"].items():
        lines.append(f"{pad(quadrant, 10)} {', '.join(names[i] for i in ids) or '—'}")
    rivals = report["competition"]["competitors"]
    if rivals:
        lines += ["", "Competition", "-----------",
                  f"us: coverage share {report['competition']['us']['share']:.0%}"]
        for rival in rivals:
            lines.append(f"{rival['name']}: coverage share {rival['share']:.0%}, leads with "
                         f"{len(rival['leads'])}, contested {len(rival['contested'])}")
        spots = ", ".join(p["name"] for p in report["competition"]["blind_spots"])
        lines.append(f"blind spots: {spots or 'none'}")
    lines += ["", f"Health: {report['risks']['health'].upper()} — run `powermap review` "
                  "for the flags."]
    return "\n".join(lines) + "\n"
