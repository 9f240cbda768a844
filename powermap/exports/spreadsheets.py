"""CSV and XLSX tables of a power map: stakeholders with scores, relationships,
coverage, competitor positions and actions.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and, in some, tab or carriage return) as a formula, so text cells that
start with one are written with a leading ``'`` (CSV injection). Numbers are
written as numbers. CSV is UTF-8 with a BOM so that Excel shows Chinese
names correctly.

The tables are for people: headers are in the exporter's language (``name`` /
``姓名``, see :data:`HEADERS`) and coded values are shown as their labels
(``Decision maker`` / ``决策``, ``reports to`` / ``汇报给``); scores stay numbers,
with their word in a column of its own. The importers read both languages back
(:mod:`.columns` knows every header below; :mod:`powermap.aliases` every label).
The JSON backup, GraphML and GEXF keep English machine keys and codes.
"""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx

from .. import aliases
from ..fields import printable
from ..i18n import _, lazy_pgettext

__all__ = ["TABLES", "HEADERS", "tables", "header", "neutralise", "to_csv", "to_xlsx",
           "to_zip"]

TABLES = ("stakeholders", "relationships", "coverage", "competitor_positions", "actions")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Each column's header: the English one is the column's key, as programs reading the
#: tables expect.
HEADERS = {
    "id": lazy_pgettext("spreadsheet column", "id"),
    "name": lazy_pgettext("spreadsheet column", "name"),
    "title": lazy_pgettext("spreadsheet column", "title"),
    "department": lazy_pgettext("spreadsheet column", "department"),
    "level": lazy_pgettext("spreadsheet column", "level"),
    "email": lazy_pgettext("spreadsheet column", "email"),
    "in_buying_center": lazy_pgettext("spreadsheet column", "in_buying_center"),
    "roles": lazy_pgettext("spreadsheet column", "roles"),
    "influence": lazy_pgettext("spreadsheet column", "influence"),
    "attitude": lazy_pgettext("spreadsheet column", "attitude"),
    "attitude_label": lazy_pgettext("spreadsheet column", "attitude_label"),
    "rank": lazy_pgettext("spreadsheet column", "rank"),
    "effective_influence": lazy_pgettext("spreadsheet column", "effective_influence"),
    "forecast_attitude": lazy_pgettext("spreadsheet column", "forecast_attitude"),
    "quadrant": lazy_pgettext("spreadsheet column", "quadrant"),
    "best_coverage": lazy_pgettext("spreadsheet column", "best_coverage"),
    "verified_at": lazy_pgettext("spreadsheet column", "verified_at"),
    "verified_by": lazy_pgettext("spreadsheet column", "verified_by"),
    "source": lazy_pgettext("spreadsheet column", "source"),
    "target": lazy_pgettext("spreadsheet column", "target"),
    "type": lazy_pgettext("spreadsheet column", "type"),
    "strength": lazy_pgettext("spreadsheet column", "strength"),
    "team_member": lazy_pgettext("spreadsheet column", "team_member"),
    "stakeholder": lazy_pgettext("spreadsheet column", "stakeholder"),
    "strength_label": lazy_pgettext("spreadsheet column", "strength_label"),
    "last_contact": lazy_pgettext("spreadsheet column", "last_contact"),
    "owner": lazy_pgettext("spreadsheet column", "owner"),
    "competitor": lazy_pgettext("spreadsheet column", "competitor"),
    "coverage": lazy_pgettext("spreadsheet column", "coverage"),
    "preference": lazy_pgettext("spreadsheet column", "preference"),
    "due_date": lazy_pgettext("spreadsheet column", "due_date"),
    "status": lazy_pgettext("spreadsheet column", "status"),
    "expected_effect": lazy_pgettext("spreadsheet column", "expected_effect"),
    "actual_effect": lazy_pgettext("spreadsheet column", "actual_effect"),
    "notes": lazy_pgettext("spreadsheet column", "notes"),
}


def header(*keys: str) -> list[str]:
    """The header row of ``keys`` in the current language.

    >>> from powermap.i18n import use_locale
    >>> with use_locale("zh_CN"):
    ...     header("name", "title", "roles")
    ['姓名', '职务', '角色']
    """
    return [str(HEADERS[key]) for key in keys]


def _label(vocabulary: str, code: object) -> object:
    """A code's label in the current language (None and unknown codes as they are)."""
    if code is None or code not in aliases.VOCABULARIES[vocabulary]:
        return code
    return aliases.label(vocabulary, code)  # type: ignore[arg-type]


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-2"), neutralise(-2), neutralise("Li")
    ("'=HYPERLINK(1)", "'-2", -2, 'Li')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def tables(G: nx.MultiDiGraph, analysis: dict | None = None) -> dict[str, list[list]]:
    """Every table as a header row followed by data rows (plain values)."""
    analysis = analysis or {}
    rank = {p["stakeholder_id"]: p for p in analysis.get("ranking", [])}
    forecast = {p["stakeholder_id"]: p for p in analysis.get("forecast", {}).get("people", [])}
    quadrant = {p["stakeholder_id"]: p["quadrant"]
                for p in analysis.get("grid", {}).get("people", [])}
    team = G.graph.get("team", {})
    competitors = G.graph.get("competitors", {})
    names = {n: d.get("name") for n, d in G.nodes(data=True)}

    def team_name(tid):
        return team[tid]["name"] if tid in team else tid

    people = [header("id", "name", "title", "department", "level", "email", "in_buying_center",
                     "roles", "influence", "attitude", "attitude_label", "rank",
                     "effective_influence", "forecast_attitude", "quadrant", "best_coverage",
                     "verified_at", "verified_by")]
    for node, d in sorted(G.nodes(data=True)):
        coverage = [c["strength"] for c in d.get("coverage", [])]
        people.append([
            node, d.get("name"), d.get("title"), d.get("department"), d.get("level"),
            d.get("email"), d.get("in_buying_center"),
            ", ".join(str(_label("role", r)) for r in d.get("roles") or []),
            d.get("influence"), d.get("attitude"),
            (_("unknown") if d.get("attitude") is None else _label("attitude", d["attitude"]))
            if d.get("in_buying_center") else None,
            rank.get(node, {}).get("rank"), rank.get(node, {}).get("effective_influence"),
            forecast.get(node, {}).get("forecast_attitude"), quadrant.get(node),
            max(coverage) if coverage else None, d.get("verified_at"), d.get("verified_by")])
    edges = [header("source", "target", "type", "strength")]
    for s, t, d in sorted(G.edges(data=True), key=lambda e: e[2].get("id") or 0):
        edges.append([names[s], names[t], _label("relationship_type", d.get("type")),
                      d.get("strength")])
    coverage_rows = [header("team_member", "stakeholder", "strength", "strength_label",
                            "last_contact", "owner")]
    positions = [header("competitor", "stakeholder", "coverage", "preference")]
    for _node, d in sorted(G.nodes(data=True)):
        for c in d.get("coverage", []):
            coverage_rows.append([team_name(c["team_member_id"]), d.get("name"),
                                  c["strength"], _label("coverage", c["strength"]),
                                  c.get("last_contact"), c.get("owner")])
        for cid, p in sorted(d.get("competitors", {}).items()):
            positions.append([competitors.get(cid, {}).get("name", cid), d.get("name"),
                              p.get("coverage"), p.get("preference")])
    actions = [header("type", "stakeholder", "owner", "due_date", "status", "expected_effect",
                      "actual_effect", "notes")]
    for a in G.graph.get("actions", []):
        actions.append([_label("action_type", a["type"]), names.get(a["stakeholder_id"]),
                        team_name(a["owner_id"]) if a.get("owner_id") else None,
                        a.get("due_date"), _label("action_status", a.get("status")),
                        a.get("expected_effect"),
                        a.get("actual_effect"), a.get("notes")])
    return {"stakeholders": people, "relationships": edges, "coverage": coverage_rows,
            "competitor_positions": positions, "actions": actions}


def _text(value: object) -> object:
    """A cell's value: yes/no in words, formulas neutralised, unstorable characters replaced
    (rows stored before text was checked would make openpyxl refuse the workbook)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        value = printable(value)
    return neutralise(value)


def to_csv(rows: list[list]) -> bytes:
    """One table as CSV: UTF-8 with BOM, CRLF line ends, formulas neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_zip(all_tables: dict[str, list[list]]) -> bytes:
    """Every table as ``<name>.csv`` in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in all_tables.items():
            info = zipfile.ZipInfo(f"{name}.csv", date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, to_csv(rows), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def to_xlsx(all_tables: dict[str, list[list]]) -> bytes:
    """One sheet per table, header row bold and frozen, formulas neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, rows in all_tables.items():
        sheet = book.create_sheet(name[:31])
        for row in rows:
            sheet.append([_text(value) if not isinstance(value, (int, float)) or
                          isinstance(value, bool) else value for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
