"""What the map reads from the analysis report: it judges nothing itself.

Who leads a person against each competitor, strongholds, contested people,
blind spots, ranks, forecasts, quadrants, reasons and risk flags are computed
once, by :func:`powermap.analysis.analyze`; the map and the review therefore
always agree. The report's schema is documented in ``docs/analysis.md``:
person-level data are lists of objects carrying ``stakeholder_id``; every key
may be missing (an empty report still draws, with nothing judged).

>>> parties = [{"key": "us", "competitor_id": None}, {"key": "competitor:9", "competitor_id": 9}]
>>> competitor_leads({"competition": {"matrix": {"parties": parties,
...     "rows": [{"stakeholder_id": 1, "cells": [{}, {"lead": "them"}]}]}}})
{1: {9: 'them'}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from .. import vocabulary as v
from ..i18n import _

__all__ = [
    "competition",
    "competitor_leads",
    "people",
    "quadrants",
    "reasons",
    "suggestions",
    "summary",
]


def people(records: Any) -> dict[Any, dict]:
    """A list of person records as ``{stakeholder_id: record}``."""
    return {rec["stakeholder_id"]: rec for rec in records or []
            if isinstance(rec, Mapping) and "stakeholder_id" in rec}


def _ids(items: Iterable | None) -> list:
    """Person references (or bare ids) → stakeholder ids."""
    return [i.get("stakeholder_id", i.get("id")) if isinstance(i, Mapping) else i
            for i in items or []]


def quadrants(grid: Any) -> dict[Any, str]:
    """``{stakeholder_id: quadrant}`` of the influence × attitude grid."""
    cells = grid.get("quadrants") if isinstance(grid, Mapping) else None
    return {person: quadrant for quadrant, members in (cells or {}).items()
            for person in _ids(members)}


def competitor_leads(analysis: Mapping[str, Any]) -> dict[Any, dict[Any, str]]:
    """``{stakeholder_id: {competitor_id: lead}}`` from the competition matrix (keyed by
    person, so each node reads only its own leads).

    The lead is :func:`powermap.analysis.competition.lead_against`'s: ``us``,
    ``them``, ``other``, ``contested`` or ``nobody``; for buying-center members
    (the matrix' ``rows``) and the people outside it with a competitor position
    (its ``outside``).
    """
    matrix = (analysis.get("competition") or {}).get("matrix") or {}
    parties = [p.get("competitor_id") if isinstance(p, Mapping) else None
               for p in matrix.get("parties") or []]
    leads: dict[Any, dict[Any, str]] = defaultdict(dict)
    for row in [*(matrix.get("rows") or []), *(matrix.get("outside") or [])]:
        if not isinstance(row, Mapping):
            continue
        for competitor, cell in zip(parties, row.get("cells") or [], strict=False):
            if competitor is not None and isinstance(cell, Mapping) and cell.get("lead"):
                leads[row.get("stakeholder_id")][competitor] = cell["lead"]
    return dict(leads)


def _flags(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    risks = analysis.get("risks") or {}
    return [{"code": f.get("code"), "severity": f.get("severity"),
             "title": f.get("title") or f.get("code"), "message": f.get("message"),
             "remedy": f.get("remedy"), "department": f.get("department"),
             "urgency": f.get("urgency"),
             "stakeholders": _ids(f.get("stakeholders"))}
            for f in risks.get("flags") or [] if isinstance(f, Mapping)]


def reasons(analysis: Mapping[str, Any]) -> dict[Any, list[str]]:
    """Every explanation the analyses give about a person: ranking, then risk flags."""
    out: dict[Any, list[str]] = defaultdict(list)
    for person, rec in people(analysis.get("ranking")).items():
        out[person].extend(str(r) for r in rec.get("reasons") or [])
    for flag in _flags(analysis):
        severity = v.SEVERITIES.get(flag["severity"], flag["severity"])
        # a flag about many people lists them all in its message: each person gets the title
        if flag["message"] and len(flag["stakeholders"]) <= 3:
            text = _("%(severity)s risk: %(title)s — %(message)s", severity=severity,
                     title=flag["title"], message=flag["message"])
        else:
            text = _("%(severity)s risk: %(title)s", severity=severity, title=flag["title"])
        for person in flag["stakeholders"]:
            if text not in out[person]:
                out[person].append(text)
    return out


def summary(analysis: Mapping[str, Any]) -> dict[str, Any]:
    """Health, flag counts and flags, support, the deal forecast and the days to the bid."""
    risks = analysis.get("risks") or {}
    support = analysis.get("support") or {}
    forecast = analysis.get("forecast") or {}
    return {
        "health": risks.get("health"),
        "days_to_bid": (analysis.get("opportunity") or {}).get("days_to_bid"),
        "counts": risks.get("counts") or {},
        "flags": _flags(analysis),
        "support": {k: support.get(k) for k in ("net_support", "net_support_known",
                                                "shares", "counts") if k in support},
        "forecast": {k: forecast.get(k) for k in ("deal", "deal_initial", "unknown_range",
                                                  "converged") if k in forecast},
    }


def suggestions(records: Any, G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Ally-expansion plans; ``path`` becomes the stakeholder ids to highlight.

    ``route`` is the report's path (``{kind, id, name}`` from us to the target),
    ``steps`` its hops as sentences, ``owner_id`` the team member who starts the
    path and ``planned`` the open action already planned for it (or None).
    """
    out = []
    for rec in records or []:
        if not isinstance(rec, Mapping):
            continue
        route = [s if isinstance(s, Mapping) else {"kind": "stakeholder", "id": s}
                 for s in rec.get("path") or []]
        owner = rec.get("owner") or None
        out.append({
            **{k: rec.get(k) for k in ("rank", "stakeholder_id", "name", "roles", "attitude",
                                       "attitude_label", "activity", "activity_label",
                                       "reliability", "success_probability",
                                       "expected_move", "gain", "summary", "planned")},
            "introducer": rec.get("introducer") or None,
            "owner_id": owner.get("id") if isinstance(owner, Mapping) else None,
            "route": route,
            "steps": [s for s in rec.get("steps") or [] if isinstance(s, Mapping)],
            "path": [s.get("id") for s in route
                     if s.get("kind") == "stakeholder" and s.get("id") in G],
        })
    return out


def competition(G: nx.MultiDiGraph, report: Any) -> dict[str, Any]:
    """Per competitor in play: share, strongholds, contested people, leads; plus blind spots.

    Every list is the analysis' own; a competitor the report does not cover
    (or an empty report) has empty lists: the map never guesses a judgement.
    """
    report = report if isinstance(report, Mapping) else {}
    given = {c.get("competitor_id"): c for c in report.get("competitors") or []
             if isinstance(c, Mapping)}
    out = []
    for cid, comp in sorted((G.graph.get("competitors") or {}).items()):
        rec = given.get(cid, {})
        out.append({
            "id": cid,
            "name": comp.get("name"),
            "share": rec.get("share"),
            "preference_index": rec.get("preference_index"),
            "strongholds": _ids(rec.get("strongholds")),
            "contested": _ids(rec.get("contested")),
            "leads": _ids(rec.get("leads")),
        })
    return {
        "competitors": out,
        "blind_spots": _ids(report.get("blind_spots")),
        "our_share": (report.get("us") or {}).get("share"),
    }
