"""Small readers of the graph's node attributes, shared by the analyses."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

import networkx as nx

from .. import aliases
from ..i18n import pgettext

# Thresholds on the coverage scale (0 none, 1 aware, 2 acquainted, 3 trusted, 4 advocate),
# the one place every analysis reads them from:
#: From here someone has been *contacted* (1 = aware of us).
CONTACT_COVERAGE = 1
#: From here a party has a relationship: the person is *reached* / *covered* (2 = acquainted).
RELATIONSHIP_COVERAGE = 2
#: From here a relationship is *strong* (3 = trusted); a competitor's strongholds start here.
STRONG_COVERAGE = 3


def buying_center(G: nx.MultiDiGraph) -> list[int]:
    """Ids of the stakeholders in the opportunity's buying center, ascending."""
    return sorted(n for n, d in G.nodes(data=True) if d.get("in_buying_center"))


def person_ref(G: nx.MultiDiGraph, node: int) -> dict:
    """``{"stakeholder_id": id, "name": name}``, the way people appear in reports."""
    return {"stakeholder_id": node, "name": G.nodes[node].get("name")}


def our_coverage(G: nx.MultiDiGraph, node: int) -> int:
    """The strongest relationship any of our team members has with ``node`` (0 if none)."""
    return max((c["strength"] or 0 for c in G.nodes[node].get("coverage") or ()), default=0)


def role_label(role: str) -> str:
    """A role's label in the current language, lower case in a sentence.

    >>> role_label("decision_maker")
    'decision maker'
    """
    try:
        return aliases.label("role", role).lower()
    except KeyError:
        return role.replace("_", " ")


def join(items) -> str:
    """Items of a list in a sentence, with the current language's separator (``, `` / ``、``).

    >>> join(["Ann", "Bo"])
    'Ann, Bo'
    """
    # TRANSLATORS: the separator between the items of a list of names or roles in a sentence.
    return pgettext("list separator", ", ").join(str(item) for item in items)


def stance(attitude: int | None) -> str:
    """The support bucket of an attitude (:data:`powermap.vocabulary.STANCES`).

    >>> [stance(a) for a in (2, 1, 0, -1, None)]
    ['supporters', 'supporters', 'neutrals', 'opponents', 'unknowns']
    """
    if attitude is None:
        return "unknowns"
    if attitude >= 1:
        return "supporters"
    return "neutrals" if attitude == 0 else "opponents"


def is_ally(data: dict) -> bool:
    """An ally helps us win: attitude +1 or more, or the coach role."""
    return (data.get("attitude") or 0) >= 1 or "coach" in (data.get("roles") or ())


def as_date(value: object) -> dt.date | None:
    """A stored date (ISO text, a timestamp starting with one, or a date) as a date; else None.

    >>> as_date("2026-12-16"), as_date("2026-12-16T09:00:00"), as_date(""), as_date("soon")
    (datetime.date(2026, 12, 16), datetime.date(2026, 12, 16), None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def r6(value: float) -> float:
    """Round a reported float to 6 decimals (and turn -0.0 into 0.0)."""
    return round(value, 6) + 0.0


_MEMO: ContextVar[dict | None] = ContextVar("powermap_analysis_memo", default=None)


@contextlib.contextmanager
def shared_reads(G: nx.MultiDiGraph) -> Iterator[None]:
    """Within the block, analyses reading ``G`` share one edge scan (``G`` must not change)."""
    token = _MEMO.set({"graph": G})
    try:
        yield
    finally:
        _MEMO.reset(token)


def relationships(G: nx.MultiDiGraph) -> list[tuple[int, int, str, float]]:
    """Every relationship edge as ``(source, target, type, strength)``, in graph order."""
    memo = _MEMO.get()
    if memo is not None and memo["graph"] is G:
        if "edges" not in memo:
            memo["edges"] = _scan(G)
        return memo["edges"]
    return _scan(G)


def _scan(G: nx.MultiDiGraph) -> list[tuple[int, int, str, float]]:
    return [(u, w, d.get("type"), float(d.get("strength") or 1))
            for u, w, d in G.edges(data=True)]
