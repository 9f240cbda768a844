"""Driving the power map in a page: open it, find people, click them, read its state."""

from __future__ import annotations

READY = "[data-powermap][data-ready=true]"


def open_map(page, base_url, opportunity=1):
    page.goto(f"{base_url}/opportunities/{opportunity}")
    page.wait_for_selector(READY)
    return page.evaluate("window.powermapMap.payload")


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
