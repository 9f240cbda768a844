"""The portfolio as tables for people (CSV, XLSX) and the 20/80 chart as an SVG file.

Two tables: ``portfolio`` (one row per account, by rank: classes, score, suggested and
hand-set tier, map strength, quadrant, every indicator) and ``weak_maps`` (one row per
next step of each high-value account with a weak map). Headers and coded values are in
the exporter's language, numbers stay numbers; the writing (BOM, formula neutralising)
is :mod:`.spreadsheets`'.
"""

from __future__ import annotations

from .. import aliases
from ..i18n import _
from ..portfolio.chart import pareto_figure
from ..portfolio.indicators import INDICATORS, indicator_label
from ..templating import label, render
from .spreadsheets import to_csv, to_xlsx

__all__ = ["portfolio_tables", "portfolio_csv", "portfolio_xlsx", "pareto_svg"]


def _coded(code: str, value: object) -> object:
    vocabulary = aliases.vocabulary_of("account", code)
    return aliases.label(vocabulary, value) if vocabulary and value is not None else value


def portfolio_tables(report: dict) -> dict[str, list[list]]:
    """``{"portfolio": rows, "weak_maps": rows}``, each with its header row first."""
    head = [_("Rank"), _("Account"), _("Industry"), _("Value (%(indicator)s)",
                                                      indicator=indicator_label(report["by"])),
            _("Share"), _("Cumulative share"), _("ABC class"), _("Score (0-100)"),
            _("Suggested tier"), _("Tier set by hand"), _("Map strength (0-100)"),
            _("Portfolio quadrant"), _("Open deals"),
            *(indicator_label(code) for code in INDICATORS), _("Reasons")]
    rows: list[list] = [head]
    for a in report["accounts"]:
        rows.append([
            a["rank"], a["name"], a["industry"], a["value"], a["share"], a["cumulative_share"],
            a["class"], round(a["score"] * 100, 1), label(a["suggested_tier"], "tier"),
            label(a["tier"], "tier"), round(a["strength"] * 100, 1),
            label(a["quadrant"], "portfolio_quadrant"), a["open_deals"],
            *(_coded(code, a["indicators"][code]) for code in INDICATORS),
            "\n".join(a["reasons"]),
        ])
    steps: list[list] = [[_("Account"), _("Score (0-100)"), _("Map strength (0-100)"),
                          _("Next step")]]
    for a in report["weak_maps"]:
        for step in a["steps"]:
            steps.append([a["name"], round(a["score"] * 100, 1), round(a["strength"] * 100, 1),
                          step["text"]])
    return {"portfolio": rows, "weak_maps": steps}


def portfolio_csv(report: dict) -> bytes:
    """The ``portfolio`` table as CSV (UTF-8 with BOM)."""
    return to_csv(portfolio_tables(report)["portfolio"])


def portfolio_xlsx(report: dict) -> bytes:
    """Both tables, one sheet each."""
    return to_xlsx(portfolio_tables(report))


def pareto_svg(report: dict) -> str:
    """The 20/80 chart of the report as a standalone SVG document (the page's partial)."""
    names = {a["account_id"]: a["name"] for a in report["accounts"]}
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + render("_pareto.svg.html", pareto=pareto_figure(report["pareto"], names)))
