"""The org chart's routed lines: a tooltip on hover, as on the network, and drags that do not
leave a person away from the lines leading to them."""

from __future__ import annotations

import pytest

from powermap.positions import kept_positions
from powermap.store import Store
from tests.browser.conftest import _app_page, _served
from tests.browser.map_page import (
    dom_point,
    drag_mouse,
    fit_map,
    open_export,
    open_map,
    person,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chart_url(tmp_path_factory):
    """陈总 with two reports, Li Na and 王建国; Li Na influences 王建国 (strength 2)."""
    path = str(tmp_path_factory.mktemp("org-lines") / "org.db")
    with Store(path) as store:
        acme = store.create("account", {"name": "Acme"})["id"]
        opp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
        ids = {name: store.create("stakeholder", {"account_id": acme, "name": name})["id"]
               for name in ("陈总", "Li Na", "王建国")}
        for name in ids:
            store.create("buying_center_entry", {"opportunity_id": opp,
                                                 "stakeholder_id": ids[name], "roles": ["user"],
                                                 "influence": 3})
        for name in ("Li Na", "王建国"):
            store.create("relationship", {"source_id": ids[name], "target_id": ids["陈总"],
                                          "type": "reports_to"})
        store.create("relationship", {"source_id": ids["Li Na"], "target_id": ids["王建国"],
                                      "type": "influences", "strength": 2})
    with _served(path) as url:
        yield url, path


@pytest.fixture
def chart(browser, chart_url, request):
    url, path = chart_url
    with _app_page(browser, url, request) as page:
        yield page, url, path


def route_midpoint(page, edge_id):
    """The page point in the middle of the longest segment of an edge's org-chart route."""
    return page.evaluate("""(id) => {
        const m = window.powermapMap;
        const route = m.payload.edges.find((e) => e.id === id).org_route;
        let best = null, longest = -1;
        for (let k = 1; k < route.length; k++) {
            const a = route[k - 1], b = route[k];
            const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (length > longest) { longest = length; best = [a, b]; }
        }
        const mid = {x: (best[0][0] + best[1][0]) / 2, y: (best[0][1] + best[1][1]) / 2};
        const d = m.network.canvasToDOM(mid);
        const r = m.canvas.querySelector('canvas').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }""", edge_id)


def edge(payload, source, kind):
    source_id = person(payload, source)["id"]
    return next(e for e in payload["edges"] if e["from"] == source_id and e["type"] == kind)


def test_an_org_chart_line_shows_its_tooltip_on_hover(chart):
    page, url, _ = chart
    payload = open_map(page, url)
    assert page.get_attribute("[data-powermap]", "data-layout") in (None, "org")
    fit_map(page)
    reports = edge(payload, "Li Na", "reports_to")
    influence = edge(payload, "Li Na", "influences")

    page.mouse.move(**route_midpoint(page, reports["id"]))
    page.wait_for_selector(".pm-line-tip:not([hidden])")
    assert page.text_content(".pm-line-tip") == "Li Na reports to 陈总"
    assert page.get_attribute("[data-powermap]", "data-hovered-line") == str(reports["id"])

    page.mouse.move(**route_midpoint(page, influence["id"]))
    page.wait_for_function("() => document.querySelector('.pm-line-tip').textContent"
                           " === 'Li Na influences 王建国 (strength 2)'")
    # the same text as the network layout's tooltip of that line
    assert page.evaluate("(id) => window.powermapMap.edges.get('r' + id).title",
                         influence["id"]) == "Li Na influences 王建国 (strength 2)"

    # away from every line, no tooltip; on a person, theirs (vis-network's), not a line's
    corner = page.evaluate("() => { const r = window.powermapMap.canvas.getBoundingClientRect();"
                           " return {x: r.left + 8, y: r.top + 8}; }")
    page.mouse.move(**corner)
    page.wait_for_selector(".pm-line-tip[hidden]", state="attached")
    page.mouse.move(**dom_point(page, person(payload, "陈总")["id"]))
    page.wait_for_timeout(100)
    assert page.is_hidden(".pm-line-tip")

    # the network layout has no routes: vis-network's own edge tooltips serve there
    page.select_option(".pm-layout", "network")
    assert page.evaluate("(p) => window.powermapMap.lineAt(p)",
                         {"x": 0, "y": 0}) is None


def empty_corner(page):
    """A page point near the canvas' bottom right corner with nobody under it."""
    point = page.evaluate("""() => { const m = window.powermapMap;
        const r = m.canvas.querySelector('canvas').getBoundingClientRect();
        return {x: r.left + r.width - 20, y: r.top + r.height - 20}; }""")
    assert page.evaluate("""(p) => { const m = window.powermapMap;
        const r = m.canvas.querySelector('canvas').getBoundingClientRect();
        return m.network.getNodeAt({x: p.x - r.left, y: p.y - r.top}); }""", point) is None
    return point


def position(page, node_id):
    return page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]", node_id)


def test_a_drag_to_empty_space_on_the_org_chart_puts_the_person_back(chart):
    page, url, path = chart
    payload = open_map(page, url)
    li_na = person(payload, "Li Na")
    with Store(path) as store:
        relationships = store.rows("relationship")
        changes = store.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    writes = []
    page.on("request", lambda r: writes.append(r.method + " " + r.url)
            if r.method != "GET" else None)
    fit_map(page)
    empty = empty_corner(page)
    held = {}

    def while_held():
        # the person follows the pointer, and their lines follow them, straight
        held["dragged"] = page.evaluate("() => window.powermapMap.dragged")
        held["at"] = position(page, li_na["id"])

    drag_mouse(page, dom_point(page, li_na["id"]), empty, while_held)
    assert held["dragged"] == li_na["id"]
    assert (round(held["at"]["x"]), round(held["at"]["y"])) != tuple(li_na["org"])
    page.wait_for_timeout(200)
    assert position(page, li_na["id"]) == {"x": li_na["org"][0], "y": li_na["org"][1]}
    assert page.evaluate("() => window.powermapMap.dragged") is None
    assert page.locator(".pm-ask").count() == 0
    assert writes == []
    with Store(path) as store:
        assert store.rows("relationship") == relationships
        assert store.db.execute("SELECT count(*) FROM changes").fetchone()[0] == changes
        assert kept_positions(store, payload["opportunity"]["id"]) == {}


def test_the_export_puts_a_dragged_person_back_on_the_org_chart_only(offline_page, chart_url,
                                                                     tmp_path):
    page = offline_page
    open_export(page, chart_url[1], tmp_path / "chart.html")
    li_na = person(page.evaluate("window.powermapMap.payload"), "Li Na")
    fit_map(page)
    drag_mouse(page, dom_point(page, li_na["id"]), empty_corner(page))
    page.wait_for_timeout(200)
    assert position(page, li_na["id"]) == {"x": li_na["org"][0], "y": li_na["org"][1]}
    # the network layout is free-form: the person stays where dropped
    page.select_option(".pm-layout", "network")
    fit_map(page)
    before = position(page, li_na["id"])
    drag_mouse(page, dom_point(page, li_na["id"]), empty_corner(page))
    page.wait_for_timeout(200)
    after = position(page, li_na["id"])
    assert (round(after["x"]), round(after["y"])) != (round(before["x"]), round(before["y"]))


def test_a_line_tooltip_reads_in_chinese(chart):
    page, url, _ = chart
    page.context.add_cookies([{"name": "lang", "value": "zh_CN", "url": url}])
    payload = open_map(page, url)
    fit_map(page)
    page.mouse.move(**route_midpoint(page, edge(payload, "王建国", "reports_to")["id"]))
    page.wait_for_selector(".pm-line-tip:not([hidden])")
    assert page.text_content(".pm-line-tip") == page.evaluate(
        "(id) => window.powermapMap.edges.get('r' + id).title",
        edge(payload, "王建国", "reports_to")["id"])
    assert page.text_content(".pm-line-tip") == "王建国 汇报给 陈总"
