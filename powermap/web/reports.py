"""The analyses the web layer shows, computed the same way for API and pages.

A thin door to :mod:`powermap.report_cache` (which runs
:func:`powermap.analysis.analyze` and :func:`powermap.mapview.map_payload` once per
state of the data) and the parsers of the analyses' query parameters. The
analysis packages (numpy, scipy) are imported on first use, so creating the app
stays quick.
"""

from __future__ import annotations

import datetime as dt

from ..fields import whole_number
from ..i18n import _
from ..store import Store

__all__ = ["opportunity_analysis", "opportunity_map", "parse_today", "parse_top", "parse_layout",
           "parse_as_of", "parse_since", "analysis_json", "map_json"]


def parse_today(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → None (today). Raises ``ValueError``."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("today must be a date as YYYY-MM-DD, got %(value)s",
                           value=repr(text))) from None
    if not 1900 <= day.year <= 9000:  # staleness windows are computed back from it
        raise ValueError(_("today must be a date between the years 1900 and 9000, "
                           "got %(value)s", value=repr(text)))
    return day


def parse_as_of(text: str | None) -> dt.datetime | None:
    """``YYYY-MM-DD`` (the end of that day, UTC) or an ISO date and time; empty → None.

    Raises ``ValueError`` (:class:`powermap.history.asof.BadMoment`).
    """
    from ..history.asof import parse_moment

    moment = parse_moment(text or None)
    if moment is not None and not 1900 <= moment.year <= 9000:
        raise ValueError(_("as_of must be a date between the years 1900 and 9000, got "
                           "%(value)s", value=repr(text)))
    return moment


def parse_since(text: str | None) -> str | dt.datetime:
    """What a map's ``?since=`` compares with: ``review`` (the last recorded review, also
    when empty), ``review:ID`` or a moment (as ``?as_of=``). Raises ``ValueError``."""
    if text in (None, "", "review"):
        return "review"
    if text.startswith("review:"):
        if whole_number(text.partition(":")[2]) is None:
            raise ValueError(_("since must be review, review:ID or a date as YYYY-MM-DD, "
                               "got %(value)s", value=repr(text)))
        return text
    from ..history.asof import parse_moment

    moment = parse_moment(text)
    if moment is not None and not 1900 <= moment.year <= 9000:
        raise ValueError(_("since must be a date between the years 1900 and 9000, got "
                           "%(value)s", value=repr(text)))
    return moment


def parse_top(text: str | None, default: int = 10) -> int:
    """A positive whole number of suggestions/ranked people. Raises ``ValueError``."""
    if text in (None, ""):
        return default
    number = whole_number(text)
    if number is None or number < 1:
        raise ValueError(_("top must be a whole number of at least 1, got %(value)s",
                           value=repr(text)))
    return number


def opportunity_analysis(store: Store, opportunity_id: int, today: dt.date | None = None,
                         top: int = 10, as_of: dt.datetime | None = None) -> dict:
    """The full analysis report of one opportunity (NotFoundError if none).

    With ``as_of``, of the map as it was then (staleness measured at that date
    unless ``today`` is given), computed each time; the present comes from the
    report cache (:mod:`powermap.report_cache`).
    """
    if as_of is None:
        from ..report_cache import opportunity_report

        return opportunity_report(store, opportunity_id, today=today, top=top)
    from ..analysis import analyze
    from ..graph import build_graph

    today = today or as_of.date()
    return analyze(build_graph(store, opportunity_id, as_of=as_of), today=today, top=top)


def opportunity_map(store: Store, opportunity_id: int, today: dt.date | None = None,
                    layout: str | None = None, as_of: dt.datetime | None = None,
                    since: str | None = "review") -> dict:
    """The map payload of one opportunity (nodes, edges, positions, legend), with what
    changed since ``since`` (the last review, or a date) as ``changes``."""
    if as_of is None:
        from ..report_cache import opportunity_map as cached_map

        return cached_map(store, opportunity_id, today=today, layout=layout, since=since)
    from ..analysis import analyze
    from ..graph import build_graph
    from ..history.map_changes import map_changes
    from ..mapview import map_payload

    today = today or as_of.date()
    graph = build_graph(store, opportunity_id, as_of=as_of)
    report = analyze(graph, today=today)
    payload = map_payload(graph, report, layout=layout)
    changes = map_changes(store, opportunity_id, graph, report, since=since, as_of=as_of)
    if changes is not None:
        payload["changes"] = changes
    return payload


def analysis_json(store: Store, opportunity_id: int, today: dt.date | None = None,
                  top: int = 10) -> bytes:
    """:func:`opportunity_analysis` as JSON bytes, encoded once per state of the data."""
    from ..report_cache import as_json

    today = today or dt.date.today()
    return as_json(store, "analysis", opportunity_id,
                   lambda: opportunity_analysis(store, opportunity_id, today=today, top=top),
                   today.isoformat(), top)


def map_json(store: Store, opportunity_id: int, today: dt.date | None = None,
             layout: str | None = None, since: str | None = "review") -> bytes:
    """:func:`opportunity_map` as JSON bytes, encoded once per state of the data."""
    from ..history.map_changes import since_key
    from ..report_cache import as_json

    today = today or dt.date.today()
    return as_json(store, "map", opportunity_id,
                   lambda: opportunity_map(store, opportunity_id, today=today, layout=layout,
                                           since=since),
                   today.isoformat(), layout, since_key(store, opportunity_id, since))


def parse_layout(text: str | None) -> str | None:
    """``org`` or ``network`` (or None for the map's own choice). Raises ``ValueError``."""
    if text in (None, ""):
        return None
    if text not in ("org", "network"):
        raise ValueError(_("layout must be org or network, got %(value)s",
                           value=repr(text)))
    return text
