"""The standalone HTML power map: one file, offline, read-only.

``export_html(G, analysis)`` returns a single HTML document that carries
everything it needs inline — vis-network (vendored from pyvis), ``map.js``,
``map.css`` and the map payload of :func:`powermap.mapview.map_payload` — so
it opens from ``file://`` (or an e-mail attachment) with zero network
requests. It offers the live map's legend, filters, search, layouts, detail
panel, suggestions and competitor view, without the edit form. It speaks the
current language (:func:`powermap.i18n.current_locale`: the CLI's ``--lang``,
the web visitor's): ``<html lang>``, and the scripts' catalog of translations
(:func:`powermap.i18n.js_catalog`) inlined beside the payload.

pyvis lives behind this one door (see ``shared/style.md`` item 9). Its
:class:`~pyvis.network.Network` holds the map's nodes, edges and options and
hands them out through :meth:`~pyvis.network.Network.get_network_data`; we
render the template ourselves and avoid its traps:

* never its default template (it loads Bootstrap from a CDN), nor
  ``generate_html`` (it renders with fixed arguments, so the rest of the
  page would have to travel in the template environment's globals, shared
  by every render on every thread): ``templates/export_map.html`` is
  rendered by :func:`powermap.templating.render` with pyvis' data and ours
  as the render's own context;
* never ``add_node``/``add_edge``/``from_nx`` (quadratic, and ``from_nx``
  mutates its input): the already-built payload lists are assigned directly;
* never ``show()``/``write_html()`` (they open browsers and copy folders).

The payload JSON is escaped for a ``<script>`` element (``<``, ``>``, ``&``,
U+2028/U+2029 as ``\\uXXXX``) so no name can close the element. A payload
over :data:`COMPRESS_ABOVE` characters (several hundred people) is inlined
gzip-compressed and base64-encoded instead, and ``map.js`` inflates it with
the browser's own ``DecompressionStream``: a 1,000-person map stays near
0.7 MB instead of 1.7 MB, and nothing is fetched.

>>> import networkx as nx
>>> html = export_html(nx.MultiDiGraph(), {}, generated_at="2025-03-01 09:00")
>>> head = html.split("<script")[0]
>>> html.startswith("<!DOCTYPE html>"), "<link" in head, "https://" in head
(True, False, False)
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import json
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx
from markupsafe import Markup

from ..i18n import js_catalog
from ..mapview import map_payload
from ..resources import map_script, static_dir, vis_network_css
from ..templating import render

__all__ = ["export_html", "script_json", "COMPRESS_ABOVE"]

TEMPLATE = "export_map.html"
#: Payloads longer than this (characters of JSON) are inlined as gzip + base64.
COMPRESS_ABOVE = 200_000
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> script_json({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def export_html(G: nx.MultiDiGraph, analysis: Mapping[str, Any] | None, *,
                generated_at: str | dt.datetime | None = None,
                changes: Mapping[str, Any] | None = None) -> str:
    """Return the standalone interactive map of one opportunity as an HTML string.

    ``G`` is the graph of :func:`powermap.graph.build_graph` (not modified),
    ``analysis`` the report of :func:`powermap.analysis.analyze`.
    ``generated_at`` stamps the file (default: now, UTC, to the minute).
    ``changes`` (:func:`powermap.history.map_changes.map_changes`) marks who changed
    since the last review, as on the live map.
    """
    payload = map_payload(G, analysis)
    if changes is not None:
        payload["changes"] = changes
    payload["generated_at"] = _stamp(generated_at)
    nodes, edges, heading, height, width, options = _network(payload).get_network_data()
    return render(TEMPLATE, nodes=nodes, edges=edges, heading=heading, height=height,
                  width=width, options=options, pm={
                      "opportunity": payload["opportunity"],
                      "summary": payload["summary"],
                      "generated_at": payload["generated_at"],
                      "i18n_json": Markup(script_json(js_catalog())),  # noqa: S704
                      **_inline_payload(payload),
                      **_assets(),
                  })


def _stamp(generated_at: str | dt.datetime | None) -> str:
    if generated_at is None:
        generated_at = dt.datetime.now(dt.UTC)
    if isinstance(generated_at, dt.datetime):
        zone = " UTC" if generated_at.utcoffset() == dt.timedelta(0) else ""
        return generated_at.strftime("%Y-%m-%d %H:%M") + zone
    return str(generated_at)


def _network(payload: dict[str, Any]) -> Any:
    """A pyvis Network holding the payload's nodes, edges and settings."""
    from pyvis.network import Network  # imported lazily: it pulls in IPython (~1 s)

    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # direct assignment: add_node/add_edge are quadratic and re-validate every id
    network.nodes = payload["nodes"]
    network.edges = payload["edges"]
    network.heading = payload["opportunity"].get("name") or ""
    network.toggle_physics(False)
    return network


def _inline_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload for the data element: escaped JSON, or gzip + base64 when large."""
    text = script_json(payload)
    if len(text) <= COMPRESS_ABOVE:
        return {"payload_json": Markup(text), "payload_encoding": "json"}  # noqa: S704
    # level 1: a few percent bigger than 6, three times faster on a 10,000-person map
    packed = gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0)
    return {"payload_json": base64.b64encode(packed).decode("ascii"),
            "payload_encoding": "gzip+base64"}


@functools.cache
def _assets() -> dict[str, Markup]:
    """Our own script and style files, inlined (trusted, never user data)."""
    static = static_dir()
    vis_js = (static / "vendor/vis-network/vis-network.min.js").read_text(encoding="utf-8")
    map_js = map_script()
    for name, text in (("vis-network.min.js", vis_js), ("map.js", map_js)):
        if "</script" in text.lower():
            raise ValueError(f"{name} contains '</script' and cannot be inlined")
    return {
        "vis_js": Markup(vis_js),  # noqa: S704 - vendored file
        "map_js": Markup(map_js),  # noqa: S704 - our file
        "vis_css": Markup(vis_network_css()),  # noqa: S704 - vendored file
        "map_css": Markup((static / "map.css").read_text(encoding="utf-8")),  # noqa: S704
    }


