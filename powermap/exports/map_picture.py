"""A picture of the map: SVG drawn on the server from the map payload, PNG from that SVG.

For slides, e-mails and the printed review: the same payload the page draws
(:func:`powermap.mapview.map_payload`), so the same positions, the same routed
reporting lines (``org_route``), the same colours, shapes, badges and edge
looks (:mod:`powermap.mapview.look`, read through the payload's legend), and a
legend under the map. Built with :mod:`xml.etree.ElementTree`, so every name
is escaped by the serializer; nothing is fetched when it is opened.

PNG comes from the SVG through CairoSVG (a maintained SVG renderer on the
system's libcairo: no browser, nothing downloaded at run time).

>>> svg = map_svg({"opportunity": {"name": "A & B"}, "nodes": [], "edges": [],
...                "placeholders": [], "legend": {}, "layout": "org"})
>>> svg.startswith("<svg") and "A &amp; B" in svg
True
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from ..fields import printable
from ..i18n import _
from ..layout import label_extent, node_box
from ..mapview.look import FONT_SIZES, GHOST_SIZE

__all__ = ["map_svg", "map_png", "png_size", "PNG_LIMIT"]

#: The longest side of a PNG in pixels: big maps are drawn smaller rather than huge.
PNG_LIMIT = 6000
PNG_SCALE = 2.0  # PNG pixels per SVG unit, for sharp slides

# a face with Latin and CJK glyphs first: renderers without per-glyph fallback (CairoSVG)
# take the first family only
_FONT = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
         'system-ui, "Segoe UI", sans-serif')
_PAD = 24.0
_TITLE = 34.0  # room for the title line
_INK, _MUTED, _HALO = "#1b2631", "#7f8c8d", "#fbfcfc"
_LINE = 1.2


def map_svg(payload: Mapping[str, Any], layout: str | None = None) -> str:
    """The map of ``payload`` as an SVG document (text), in ``layout`` (default: the payload's).

    Box sizes are the layouts' (:func:`powermap.layout.node_box`), so the
    drawing is exactly as big as the map with every label.
    """
    layout = layout if layout in ("org", "network") else payload.get("layout") or "org"
    key = "org" if layout == "org" else "net"
    legend = payload.get("legend") or {}
    items = [(n, FONT_SIZES["member" if n.get("in_buying_center") else "outside"], False)
             for n in payload.get("nodes", [])]
    items += [(p, FONT_SIZES["placeholder"], True) for p in payload.get("placeholders", [])]
    boxes = {str(n["id"]): node_box(n.get("size") or GHOST_SIZE, n.get("label") or "", font)
             for n, font, _ghost in items}
    where = {str(n["id"]): tuple(n[key]) for n, _font, _ghost in items if n.get(key)}
    sizes = {str(n["id"]): n.get("size") for n, _font, _ghost in items}

    xs = [where[i][0] + s * boxes[i][0] / 2 for i in where for s in (-1, 1)] or [0.0, 400.0]
    ys = [where[i][1] + d for i in where for d in (-boxes[i][1], boxes[i][2])] or [0.0, 200.0]
    if layout == "org":  # a route may run in the bands just above and below the chart
        for e in payload.get("edges", []):
            for x, y in e.get("org_route") or ():
                xs.append(x)
                ys.append(y)
    left, top = min(xs) - _PAD, min(ys) - _PAD - _TITLE
    width = max(max(xs) - min(xs) + 2 * _PAD, 640.0)
    legend_rows, legend_height = _legend_rows(legend, width)
    height = max(ys) - min(ys) + 2 * _PAD + _TITLE + legend_height

    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
        "width": _n(width), "height": _n(height),
        "viewBox": f"{_n(left)} {_n(top)} {_n(width)} {_n(height)}",
        "font-family": _FONT, "role": "img"})
    opportunity = payload.get("opportunity") or {}
    title = _("Power map of %(opportunity)s", opportunity=opportunity.get("name") or "")
    ET.SubElement(svg, "title").text = title
    ET.SubElement(svg, "rect", {"x": _n(left), "y": _n(top), "width": _n(width),
                                "height": _n(height), "fill": "#ffffff"})
    heading = ET.SubElement(svg, "text", {"x": _n(left + _PAD), "y": _n(top + _PAD + 8),
                                          "font-size": "18", "font-weight": "bold",
                                          "fill": _INK})
    heading.text = title
    account = (opportunity.get("account") or {}).get("name")
    if account:
        ET.SubElement(heading, "tspan", {"fill": _MUTED, "font-weight": "normal",
                                         "dx": "12"}).text = account

    styles = {t.get("type"): t for t in legend.get("edge_types", [])}
    lines = ET.SubElement(svg, "g", {"class": "edges", "fill": "none"})
    for e in payload.get("edges", []):
        a, b = where.get(str(e.get("from"))), where.get(str(e.get("to")))
        if a is None or b is None:
            continue
        size = sizes.get(str(e.get("to"))) or GHOST_SIZE
        _edge(lines, e, styles.get(e.get("type")) or {}, a, b, size if layout == "org" else None)
    colours = {a.get("key"): a.get("color") for a in legend.get("attitudes", [])}
    people = ET.SubElement(svg, "g", {"class": "people"})
    for n, font, ghost in items:
        if str(n["id"]) in where:
            _person(people, n, where[str(n["id"])], font, ghost, colours)
    _draw_legend(svg, legend_rows, left + _PAD, top + height - legend_height)
    for element in svg.iter():  # rows stored before text was checked may hold \x0b and such
        if element.text:
            element.text = printable(element.text)
    return ET.tostring(svg, encoding="unicode")


def map_png(svg: str) -> bytes:
    """The SVG as a PNG, :data:`PNG_SCALE` pixels per unit, the longest side at most
    :data:`PNG_LIMIT` pixels."""
    import cairosvg

    root = ET.fromstring(svg)
    width, height = png_size(float(root.get("width")), float(root.get("height")))
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width,
                            output_height=height)


def png_size(width: float, height: float) -> tuple[int, int]:
    """The pixel size :func:`map_png` gives an SVG of ``width`` × ``height``.

    >>> png_size(800, 600), png_size(10000, 500)
    ((1600, 1200), (6000, 300))
    """
    scale = min(PNG_SCALE, PNG_LIMIT / max(width, height))
    return round(width * scale), round(height * scale)


def _n(value: float) -> str:
    """A coordinate as short text."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _edge(parent: ET.Element, e: Mapping, style: Mapping, a: tuple, b: tuple,
          org: float | None) -> None:
    """One relationship: its route on the org chart (``org``: the size of the shape the
    route ends in, its arrow stops there), else a line or gentle curve."""
    width = (style.get("width") or 1) + (style.get("width_per_strength") or 0) * (
        e.get("strength") or 1)
    attrs = {"stroke": style.get("color") or _MUTED, "stroke-width": _n(width),
             "stroke-opacity": "0.85", "data-type": str(e.get("type") or "")}
    if style.get("dashes"):
        attrs["stroke-dasharray"] = " ".join(str(d) for d in style["dashes"])
    route = e.get("org_route") if org is not None else None
    if route:
        attrs["points"] = " ".join(f"{_n(x)},{_n(y)}" for x, y in route)
        ET.SubElement(parent, "polyline", attrs)
        if style.get("arrows") == "to" and len(route) >= 2:
            (x0, y0), (x1, y1) = route[-2], route[-1]
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            reach = min(org, length)  # the last segment enters the shape: stop at its rim
            tip = (x1 - (x1 - x0) / length * reach, y1 - (y1 - y0) / length * reach)
            _arrow(parent, (x0, y0), tip, style.get("color") or _MUTED)
        return
    smooth = style.get("smooth") or {}
    if isinstance(smooth, Mapping) and smooth.get("roundness"):
        bend = smooth["roundness"] * (1 if smooth.get("type") == "curvedCW" else -1)
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        cx, cy = mx - (b[1] - a[1]) * bend, my + (b[0] - a[0]) * bend
        attrs["d"] = f"M{_n(a[0])},{_n(a[1])} Q{_n(cx)},{_n(cy)} {_n(b[0])},{_n(b[1])}"
        ET.SubElement(parent, "path", attrs)
        end_from = (cx, cy)
    else:
        ET.SubElement(parent, "line", {**attrs, "x1": _n(a[0]), "y1": _n(a[1]),
                                       "x2": _n(b[0]), "y2": _n(b[1])})
        end_from = a
    if style.get("arrows") == "to":
        _arrow(parent, end_from, b, style.get("color") or _MUTED)


def _arrow(parent: ET.Element, start: tuple, tip: tuple, colour: str) -> None:
    """A small arrowhead pointing at ``tip`` (from ``start``'s direction)."""
    angle = math.atan2(tip[1] - start[1], tip[0] - start[0])
    points = [tip] + [(tip[0] - 10 * math.cos(angle + s), tip[1] - 10 * math.sin(angle + s))
                      for s in (0.4, -0.4)]
    ET.SubElement(parent, "polygon", {"fill": colour, "points": " ".join(
        f"{_n(x)},{_n(y)}" for x, y in points)})


def _shape(parent: ET.Element, shape: str, x: float, y: float, r: float,
           attrs: dict[str, str]) -> None:
    """A role's shape (the vis-network names of :data:`powermap.mapview.look.ROLE_SHAPES`)."""
    if shape in ("dot", "circle", "", None):
        ET.SubElement(parent, "circle", {**attrs, "cx": _n(x), "cy": _n(y), "r": _n(r)})
        return
    if shape == "square":
        ET.SubElement(parent, "rect", {**attrs, "x": _n(x - r), "y": _n(y - r),
                                       "width": _n(2 * r), "height": _n(2 * r)})
        return
    corners = {"diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)],
               "triangle": [(0, -1), (0.87, 0.5), (-0.87, 0.5)],
               "triangleDown": [(0, 1), (0.87, -0.5), (-0.87, -0.5)],
               "hexagon": [(math.cos(a), math.sin(a)) for a in
                           (math.pi / 3 * k + math.pi / 6 for k in range(6))],
               "star": [(math.sin(a) * (1 if k % 2 == 0 else 0.45),
                         -math.cos(a) * (1 if k % 2 == 0 else 0.45))
                        for k, a in enumerate(math.pi / 5 * k for k in range(10))]}
    points = corners.get(shape) or corners["diamond"]
    ET.SubElement(parent, "polygon", {**attrs, "points": " ".join(
        f"{_n(x + px * r)},{_n(y + py * r)}" for px, py in points)})


def _person(parent: ET.Element, n: Mapping, at: tuple, font: int, ghost: bool,
            colours: Mapping[str, str]) -> None:
    """A person (or a ghost role): shape, fill by attitude, border by coverage, label below."""
    x, y = at
    size = n.get("size") or GHOST_SIZE
    group = ET.SubElement(parent, "g", {"data-id": str(n["id"])})
    if ghost:
        attrs = {"fill": "#ffffff", "stroke": "#95a5a6", "stroke-width": "2",
                 "stroke-dasharray": "5 5"}
    else:
        attrs = {"fill": colours.get(n.get("color_key")) or "#ffffff",
                 "stroke": "#566573" if n.get("color_key") == "unknown" else "#2c3e50",
                 "stroke-width": _n(n.get("border") or 1)}
        if n.get("color_key") == "unknown":
            attrs["stroke-dasharray"] = "4 3"
    _shape(group, n.get("shape") or "dot", x, y, size, attrs)
    colour = _INK if n.get("in_buying_center") and not ghost else _MUTED
    # a halo under the name keeps it legible where a line runs beneath (drawn as its own
    # copy: not every renderer knows paint-order)
    for paint in ({"fill": _HALO, "stroke": _HALO, "stroke-width": "3",
                   "stroke-linejoin": "round", "aria-hidden": "true"}, {"fill": colour}):
        text = ET.SubElement(group, "text", {"x": _n(x), "text-anchor": "middle",
                                             "font-size": str(font), **paint})
        for k, line in enumerate((n.get("label") or "").split("\n")):
            ET.SubElement(text, "tspan", {"x": _n(x), "y": _n(
                y + size + 5 + font * (0.95 + k * _LINE))}).text = line


def _legend_rows(legend: Mapping, width: float) -> tuple[list[list[tuple]], float]:
    """Legend entries ``(kind, look, label)`` wrapped into rows that fit ``width``."""
    entries: list[tuple] = []
    for a in legend.get("attitudes", []):
        entries.append(("swatch", a.get("color"), a.get("label")))
    for r in legend.get("roles", []):
        entries.append(("shape", r.get("shape"), f"{r.get('label')} [{r.get('badge')}]"))
    for t in legend.get("edge_types", []):
        entries.append(("line", t, t.get("label")))
    rows: list[list[tuple]] = [[]]
    used = 0.0
    for entry in entries:
        need = 30 + label_extent(str(entry[2] or ""), 12)[0] + 18
        if rows[-1] and used + need > width - 2 * _PAD:
            rows.append([])
            used = 0.0
        rows[-1].append((*entry, need))
        used += need
    rows = [r for r in rows if r]
    return rows, (len(rows) * 22.0 + 16.0 if rows else 0.0)


def _draw_legend(parent: ET.Element, rows: list[list[tuple]], x0: float, y0: float) -> None:
    """Swatches, shapes and line samples with their labels, row by row."""
    group = ET.SubElement(parent, "g", {"class": "legend", "font-size": "12", "fill": _INK})
    for k, row in enumerate(rows):
        x, y = x0, y0 + 8 + k * 22
        for kind, look, label, need in row:
            if kind == "swatch":
                ET.SubElement(group, "rect", {"x": _n(x), "y": _n(y), "width": "22",
                                              "height": "12", "fill": look or "#ffffff",
                                              "stroke": "#2c3e50", "stroke-width": "1"})
            elif kind == "shape":
                _shape(group, look, x + 11, y + 6, 7, {"fill": "#d5d8dc", "stroke": "#2c3e50",
                                                       "stroke-width": "1"})
            else:
                attrs = {"x1": _n(x), "y1": _n(y + 6), "x2": _n(x + 22), "y2": _n(y + 6),
                         "stroke": look.get("color") or _MUTED, "stroke-width": "2"}
                if look.get("dashes"):
                    attrs["stroke-dasharray"] = " ".join(str(d) for d in look["dashes"])
                ET.SubElement(group, "line", attrs)
            ET.SubElement(group, "text", {"x": _n(x + 30), "y": _n(y + 11)}).text = str(
                label or "")
            x += need
