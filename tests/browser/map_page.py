"""Driving the power map in a page: open it, find people, click them, read its state."""

from __future__ import annotations

READY = "[data-powermap][data-ready=true]"


def open_map(page, base_url, opportunity=1):
    page.goto(f"{base_url}/opportunities/{opportunity}")
    page.wait_for_selector(READY)
    return page.evaluate("window.powermapMap.payload")


def open_export(page, db, path):
    """Export the map of opportunity 1 of ``db`` to ``path``, open it from ``file://``
    and wait for it to be drawn; returns the graph it was made from."""
    from powermap.analysis import analyze
    from powermap.exports.html_map import export_html
    from powermap.graph import build_graph
    from powermap.store import Store
    from tests.conftest import DEMO_TODAY

    with Store(db) as store:
        G = build_graph(store, 1)
    path.write_text(export_html(G, analyze(G, today=DEMO_TODAY)), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(READY)
    return G


def person(payload, name):
    return next(n for n in payload["nodes"] if n["name"] == name)


def click_node(page, node_id):
    """Bring a node into view and click it with the mouse, at its canvas position."""
    point = page.evaluate("""(id) => {
        const m = window.powermapMap;
        m.network.focus(id, {scale: 1.3, animation: false});
        const p = m.network.getPositions([id])[id];
        const d = m.network.canvasToDOM(p);
        const r = m.canvas.getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }""", node_id)
    page.mouse.click(point["x"], point["y"])


def node_colour(page, node_id):
    return page.evaluate("(id) => window.powermapMap.nodes.get(id).color.background", node_id)


def map_shot(page, path):
    """Screenshot the page from its top to just under the map (the canvas is window-high)."""
    bottom = page.evaluate("document.querySelector('.pm-legend').getBoundingClientRect().bottom"
                           " + window.scrollY")
    page.screenshot(path=str(path), full_page=True,
                    clip={"x": 0, "y": 0, "width": page.viewport_size["width"],
                          "height": bottom + 12})


def root_attr(page, name):
    return page.get_attribute("[data-powermap]", name)


def dom_point(page, node_id):
    """Where a node's centre is on the page (CSS px)."""
    return page.evaluate("""(id) => {
        const m = window.powermapMap;
        const p = m.network.getPositions([id])[id];
        const d = m.network.canvasToDOM(p);
        const r = m.canvas.getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }""", node_id)


def fit_map(page):
    """Scroll the canvas into view, select nothing and fit the whole map into it."""
    page.evaluate("() => { window.powermapMap.canvas.scrollIntoView();"
                  " window.powermapMap.network.unselectAll();"
                  " window.powermapMap.network.fit({animation: false}); }")
    page.wait_for_timeout(100)


def drag_mouse(page, start, end, while_held=None):
    """Press at ``start``, move to ``end`` in small steps and let go (page points);
    ``while_held()``, if given, runs just before the button is let go."""
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    # time after the press and a small first step: vis-network starts a drag on the first
    # move it sees after the pointer went down, from wherever that move ends
    page.wait_for_timeout(150)
    page.mouse.move(start["x"] + 3, start["y"] + 3)
    page.wait_for_timeout(150)
    for step in range(1, 11):
        page.mouse.move(start["x"] + (end["x"] - start["x"]) * step / 10,
                        start["y"] + (end["y"] - start["y"]) * step / 10)
        page.wait_for_timeout(20)
    if while_held is not None:
        while_held()
    page.mouse.up()
