"""One entry point for every export format of an opportunity's map."""

from __future__ import annotations

import datetime as dt
import json

from ..i18n import _
from ..store import Store

__all__ = ["FORMATS", "MEDIA_TYPES", "export", "dumps_json"]

#: Format → (media type, file suffix).
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "html"),
    "review": ("text/html; charset=utf-8", "review.html"),
    "json": ("application/json", "json"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "zip": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "svg": ("image/svg+xml", "svg"),
    "png": ("image/png", "png"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "pptx"),
}
FORMATS = tuple(MEDIA_TYPES)


def dumps_json(data: dict) -> str:
    """Stable JSON text: sorted keys, two-space indent, Chinese kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(store: Store, opportunity_id: int, fmt: str, *, table: str = "stakeholders",
           today: dt.date | None = None, generated_at: str | dt.datetime | None = None,
           as_of=None) -> str | bytes:
    """Export one opportunity as ``fmt`` (see :data:`FORMATS`): text or bytes.

    With ``as_of`` (a moment, :func:`powermap.history.asof.parse_moment`), the
    map as it was then (staleness measured at that date unless ``today``).
    """
    moment = None
    if as_of is not None:
        from ..history.asof import parse_moment, past_store

        moment = parse_moment(as_of)
        today = today or moment.date()
    if fmt not in MEDIA_TYPES:
        raise ValueError(_("unknown export format %(format)s; use one of: %(formats)s",
                           format=repr(fmt), formats=", ".join(FORMATS)))
    if fmt == "json":
        from ..json_map import export_opportunity

        if moment is None:
            return dumps_json(export_opportunity(store, opportunity_id))
        account_id = store.get("opportunity", opportunity_id)["account_id"]
        with past_store(store, account_id, moment) as past:
            return dumps_json(export_opportunity(past, opportunity_id))
    if moment is None:
        from ..report_cache import graph_and_report

        G, analysis = graph_and_report(store, opportunity_id, today=today)
    else:
        from ..analysis import analyze
        from ..graph import build_graph

        G = build_graph(store, opportunity_id, as_of=moment)
        analysis = analyze(G, today=today)
    if fmt == "html":
        from ..history.map_changes import map_changes
        from .html_map import export_html

        return export_html(G, analysis, generated_at=generated_at, changes=map_changes(
            store, opportunity_id, G, analysis, as_of=moment))
    if fmt == "review":
        from ..history.review import living_review
        from .deal_review import export_review

        return export_review(G, analysis, generated_at=generated_at,
                             living=living_review(store, opportunity_id, as_of=moment,
                                                  today=today))
    if fmt in ("svg", "png"):
        from ..mapview import map_payload
        from .map_picture import map_png, map_svg

        svg = map_svg(map_payload(G, analysis))
        return svg if fmt == "svg" else map_png(svg)
    if fmt == "pptx":
        from .deck import export_deck

        return export_deck(G, analysis, generated_at=generated_at)
    if fmt in ("graphml", "gexf"):
        from . import graph_files

        return (graph_files.to_graphml if fmt == "graphml" else graph_files.to_gexf)(
            G, analysis)
    from . import spreadsheets

    tables = spreadsheets.tables(G, analysis)
    if fmt == "csv":
        if table not in tables:
            raise ValueError(_("unknown table %(table)s; use one of: %(tables)s",
                               table=repr(table), tables=", ".join(tables)))
        return spreadsheets.to_csv(tables[table])
    if fmt == "zip":
        return spreadsheets.to_zip(tables)
    return spreadsheets.to_xlsx(tables)
