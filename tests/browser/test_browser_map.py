"""The power map in a real browser: live page, editing, suggestions, export offline, printing.

The demo database is shared by the session: tests that only look run first, the ones that
edit the demo come after and only touch what they need.
"""

from __future__ import annotations

import datetime as dt

import pytest

from powermap.analysis import analyze
from powermap.exports.html_map import export_html
from powermap.graph import build_graph
from powermap.store import Store
from tests.browser.map_page import (
    READY,
    click_node,
    map_shot,
    node_colour,
    open_export,
    open_map,
    person,
    root_attr,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- looking


def test_demo_map_draws_every_person_and_the_placeholder(page, base_url, demo_db, screenshots):
    payload = open_map(page, base_url)
    with Store(demo_db) as store:
        people = store.db.execute("SELECT count(*) FROM stakeholders").fetchone()[0]
    assert root_attr(page, "data-node-count") == str(people) == str(len(payload["nodes"]))
    drawn = page.evaluate("window.powermapMap.nodes.length")
    assert drawn == people + len(payload["placeholders"])
    assert page.evaluate("window.powermapMap.edges.length") == len(payload["edges"])
    assert page.locator(".pm-health").inner_text().lower().startswith("health")
    assert page.locator(".pm-legend").inner_text().count("Decision maker") == 1
    map_shot(page, screenshots / "opportunity-map.png")


@pytest.mark.parametrize("layout", ["org", "network"])
def test_names_are_legible_when_the_demo_map_is_fitted(page, base_url, layout):
    """Regression: the 30-person org chart was fitted so small (scale 0.30 × 13 px fonts) that
    vis-network skipped every label and the map showed anonymous shapes."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_map(page, base_url)
    if layout == "network":
        page.select_option(".pm-layout", "network")
    page.evaluate("window.powermapMap.network.fit({animation: false})")
    state = page.evaluate("""() => {
        const m = window.powermapMap;
        const members = m.payload.nodes.filter(n => n.in_buying_center);
        return {scale: m.network.getScale(), count: m.payload.nodes.length,
                fonts: members.map(n => m.nodes.get(n.id).font.size),
                threshold: m.network.body.nodes[members[0].id].options.scaling.label
                    .drawThreshold};
    }""")
    assert state["count"] <= 60 and state["threshold"] <= 1  # small map: labels always drawn
    px = state["scale"] * min(state["fonts"])
    assert px >= 9, f"{layout}: buying-center names drawn at {px:.1f} px"


def test_clicking_a_person_opens_the_detail_panel(page, base_url, screenshots):
    payload = open_map(page, base_url)
    ceo = person(payload, "陈建国")
    click_node(page, ceo["id"])
    page.wait_for_selector(f".pm-details[data-stakeholder='{ceo['id']}']")
    assert root_attr(page, "data-selected") == str(ceo["id"])
    panel = page.locator(".pm-details")
    assert panel.locator(".pm-name").inner_text() == "陈建国"
    assert "Decision maker" in panel.inner_text()
    assert panel.locator(".pm-reasons li").count() >= 1  # the analysis says why
    assert page.locator("form.pm-edit").count() == 1  # live: editable
    map_shot(page, screenshots / "map-details.png")


def test_search_finds_latin_and_chinese_names(page, base_url):
    payload = open_map(page, base_url)
    page.fill(".pm-search", "陈建国")
    assert root_attr(page, "data-search-matches") == "1"
    assert root_attr(page, "data-selected") == str(person(payload, "陈建国")["id"])
    page.fill(".pm-search", "li na")
    assert root_attr(page, "data-search-matches") == "1"
    page.fill(".pm-search", "procurement")
    expected = sum(1 for n in payload["nodes"] if n.get("department") == "Procurement")
    assert root_attr(page, "data-search-matches") == str(expected)


def test_filters_hide_everyone_else(page, base_url):
    payload = open_map(page, base_url)
    page.select_option("select[data-filter=department]", "IT")
    it = [n["id"] for n in payload["nodes"] if n.get("department") == "IT"]
    assert root_attr(page, "data-visible-count") == str(len(it))
    shown = page.evaluate("window.powermapMap.nodes.get({filter: n => !n.hidden})"
                          ".filter(n => typeof n.id === 'number').map(n => n.id)")
    assert sorted(shown) == sorted(it)
    page.select_option("select[data-filter=department]", "")
    page.select_option("select[data-filter=role]", "decision_maker")
    dms = [n for n in payload["nodes"] if "decision_maker" in n.get("roles", [])]
    assert root_attr(page, "data-visible-count") == str(len(dms))
    page.select_option("select[data-filter=role]", "")
    page.select_option("select[data-filter=attitude]", "unknown")
    unknown = [n for n in payload["nodes"] if n["color_key"] == "unknown"]
    assert root_attr(page, "data-visible-count") == str(len(unknown))


def test_layout_switch_moves_people_to_the_precomputed_positions(page, base_url):
    payload = open_map(page, base_url)
    assert page.input_value(".pm-layout") == "org"
    node = payload["nodes"][3]
    page.select_option(".pm-layout", "network")
    assert root_attr(page, "data-layout") == "network"
    pos = page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]", node["id"])
    assert (pos["x"], pos["y"]) == pytest.approx(tuple(node["net"]), abs=1)  # vis rounds
    page.select_option(".pm-layout", "org")
    pos = page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]", node["id"])
    assert (pos["x"], pos["y"]) == pytest.approx(tuple(node["org"]), abs=1)


def test_org_chart_draws_every_line_along_its_route_in_its_type_look(page, base_url):
    """On the org chart vis-network draws no line itself: each relationship is drawn along
    its org_route (drawRoutes, here into a recording context) with its type's colour and
    dashes, and directed types end in an arrowhead."""
    payload = open_map(page, base_url)
    assert all("org_route" in e for e in payload["edges"])
    drawn = page.evaluate("""() => {
        const m = window.powermapMap, lines = [];
        let dash = [], points = [], fills = 0;
        const ctx = {save() {}, restore() {}, beginPath() { points = []; }, closePath() {},
                     setLineDash(d) { dash = d.slice(); },
                     moveTo(x, y) { points.push([x, y]); }, lineTo(x, y) { points.push([x, y]); },
                     stroke() { lines.push({colour: this.strokeStyle, dash, points}); },
                     fill() { fills += 1; }};
        m.drawRoutes(ctx);
        const shown = m.edges.get({filter: e => !e.hidden}).length;
        return {lines: lines, fills: fills, shown: shown};
    }""")
    styles = {t["type"]: t for t in payload["legend"]["edge_types"]}
    assert drawn["shown"] == 0
    assert [line["points"] for line in drawn["lines"]] == [e["org_route"] for e in payload["edges"]]
    assert [(line["colour"], line["dash"]) for line in drawn["lines"]] == [
        (styles[e["type"]]["color"], styles[e["type"]]["dashes"] or []) for e in payload["edges"]]
    assert {e["type"] for e in payload["edges"]} >= {"reports_to", "influences", "conflict"}
    assert drawn["fills"] == sum(styles[e["type"]]["arrows"] == "to" for e in payload["edges"])


def test_competitor_view_colours_by_who_leads(page, base_url, screenshots):
    payload = open_map(page, base_url)
    competitor = payload["competition"]["competitors"][0]
    page.click(".pm-tab[data-tab=competition]")
    page.select_option(".pm-competitor-view", str(competitor["id"]))
    assert root_attr(page, "data-competitor-view") == str(competitor["id"])
    leads = {item["key"]: item["color"] for item in payload["legend"]["leads"]}
    for node_id in competitor["strongholds"]:
        node = next(n for n in payload["nodes"] if n["id"] == node_id)
        position = next(c for c in node["competitors"] if c["id"] == competitor["id"])
        assert node_colour(page, node_id) == leads[position["lead"]]
    assert page.locator(".pm-strongholds li").count() == len(competitor["strongholds"])
    assert page.locator(".pm-blind-spots li").count() == \
        len(payload["competition"]["blind_spots"])
    map_shot(page, screenshots / "map-competitor-view.png")


@pytest.mark.parametrize("path, shot", [("/", "home.png"), ("/accounts/1", "account.png"),
                                         ("/actions", "actions.png")])
def test_main_pages_render_cleanly(page, base_url, screenshots, path, shot):
    response = page.goto(base_url + path)
    assert response.ok
    page.screenshot(path=str(screenshots / shot))


def test_review_page_prints_to_pdf(page, base_url, screenshots):
    page.goto(f"{base_url}/opportunities/1/review")
    page.screenshot(path=str(screenshots / "review.png"))
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_exported_html_works_offline(offline_page, demo_db, tmp_path, screenshots):
    page = offline_page
    G = open_export(page, demo_db, tmp_path / "map.html")
    assert root_attr(page, "data-node-count") == str(G.number_of_nodes())
    assert page.evaluate("window.powermapMap.nodes.get().filter(n => typeof n.id === 'number')"
                         ".length") == G.number_of_nodes()
    page.fill(".pm-search", "黄伟")
    assert root_attr(page, "data-search-matches") == "1"
    assert page.locator(".pm-details .pm-name").inner_text() == "黄伟"
    assert page.locator("form.pm-edit").count() == 0  # read-only
    page.fill(".pm-search", "")
    page.select_option("select[data-filter=attitude]", "champion")
    champions = [n for n in G if G.nodes[n]["attitude"] == 2]
    assert root_attr(page, "data-visible-count") == str(len(champions))
    page.select_option("select[data-filter=attitude]", "")
    page.select_option(".pm-layout", "network")
    assert root_attr(page, "data-layout") == "network"
    page.click(".pm-tab[data-tab=suggestions]")
    page.click(".pm-suggestion-pick >> nth=0")
    assert root_attr(page, "data-highlighted-path")
    assert page.locator(".pm-plan").count() == 0
    page.screenshot(path=str(screenshots / "export-offline.png"))


def test_large_export_unpacks_offline(offline_page, tmp_path):
    from benchmarks.generate import BASE_DAY, generate_account

    with Store(tmp_path / "large.db") as store:
        G = build_graph(store, generate_account(store, 400, seed=3))
    html = export_html(G, analyze(G, today=BASE_DAY))
    assert 'data-encoding="gzip+base64"' in html
    path = tmp_path / "large.html"
    path.write_text(html, encoding="utf-8")
    offline_page.goto(path.as_uri())
    offline_page.wait_for_selector(READY)
    assert root_attr(offline_page, "data-node-count") == "400"
    offline_page.fill(".pm-search", "Person 00042")
    assert root_attr(offline_page, "data-search-matches") == "1"


# --------------------------------------------------------------------------- editing


def test_picking_a_suggestion_highlights_its_path_and_plans_the_action(page, base_url,
                                                                       screenshots):
    payload = open_map(page, base_url)
    suggestion = payload["suggestions"][0]
    page.click(".pm-tab[data-tab=suggestions]")
    page.click(".pm-suggestion-pick >> nth=0")
    path = [int(x) for x in root_attr(page, "data-highlighted-path").split(",")]
    assert path == suggestion["path"]
    widths = page.evaluate("window.powermapMap.highlight.edges.map(e => "
                           "window.powermapMap.edges.get(e.id).width)")
    assert widths and all(w == 6 for w in widths)
    map_shot(page, screenshots / "map-suggestion-path.png")
    page.click(".pm-suggestion >> nth=0 >> .pm-plan")
    page.wait_for_selector(".pm-action-result:has-text('Planned')")
    actions = page.request.get(f"{base_url}/api/v1/actions?opportunity_id=1").json()
    rows = actions["items"] if isinstance(actions, dict) and "items" in actions else actions
    planned = [a for a in rows if a["stakeholder_id"] == suggestion["stakeholder_id"]
               and a["type"] == suggestion["activity"] and a["status"] == "planned"]
    assert len(planned) == 1 and planned[0]["due_date"]
    assert planned[0]["owner_id"] == suggestion["owner_id"]
    owner = next(m["name"] for m in payload["team"] if m["id"] == suggestion["owner_id"])
    shown = page.locator(".pm-suggestion >> nth=0 >> .pm-suggestion-planned").inner_text()
    assert shown.startswith(f"Planned ({owner}, due ")
    # planning the same suggestion again updates the open action instead of adding one
    page.click(".pm-suggestion >> nth=0 >> .pm-plan")
    page.wait_for_selector(".pm-action-result:has-text('Plan updated')")
    rows = page.request.get(f"{base_url}/api/v1/actions?opportunity_id=1").json()
    rows = rows["items"] if isinstance(rows, dict) and "items" in rows else rows
    assert [a["id"] for a in rows if a["stakeholder_id"] == suggestion["stakeholder_id"]
            and a["type"] == suggestion["activity"] and a["status"] == "planned"] == \
        [planned[0]["id"]]


def test_changing_an_attitude_recolours_and_updates_the_summary(page, base_url):
    payload = open_map(page, base_url)
    ceo = person(payload, "陈建国")
    assert ceo["color_key"] == "unknown"
    before = {"colour": node_colour(page, ceo["id"]), "forecast": root_attr(page, "data-forecast"),
              "flags": page.locator(".pm-risks summary").inner_text()}
    click_node(page, ceo["id"])
    page.select_option("form.pm-edit select[name=attitude]", "2")
    page.click("form.pm-edit .pm-save")
    page.wait_for_function("(id) => window.powermapMap.byId[id].color_key === 'champion'",
                           arg=ceo["id"])
    assert node_colour(page, ceo["id"]) != before["colour"]
    assert node_colour(page, ceo["id"]) == page.evaluate(
        "window.powermapMap.colors.champion")
    assert root_attr(page, "data-forecast") != before["forecast"]
    assert page.locator(".pm-risks summary").inner_text() != before["flags"]  # one flag gone
    assert root_attr(page, "data-health") in {"red", "amber", "green"}
    assert page.url.endswith("/opportunities/1")  # no reload


@pytest.mark.expect_http_errors(409, 422)
def test_validation_errors_and_conflicts_show_beside_the_fields(page, base_url):
    payload = open_map(page, base_url)
    cfo = person(payload, "赵敏")
    click_node(page, cfo["id"])
    for box in page.locator("form.pm-edit input[name=roles]").all():
        box.uncheck()
    page.click("form.pm-edit .pm-save")
    error = page.locator("form.pm-edit .pm-field-error[data-field=roles]")
    error.wait_for(state="visible")
    assert error.inner_text()
    # someone else saves first: our version is stale
    entry = page.request.get(f"{base_url}/api/v1/buying-center/{cfo['entry_id']}").json()
    response = page.request.patch(f"{base_url}/api/v1/buying-center/{cfo['entry_id']}",
                                  data={"influence": 4, "version": entry["version"]})
    assert response.ok
    page.check("form.pm-edit input[value=approver]")
    page.click("form.pm-edit .pm-save")
    page.wait_for_selector("form.pm-edit .pm-form-error:has-text('reloaded')")
    assert page.input_value("form.pm-edit select[name=influence]") == "4"  # fresh values


def test_adding_and_removing_a_relationship_from_the_map(page, base_url):
    payload = open_map(page, base_url)
    source, target = person(payload, "Tian Yu"), person(payload, "Kong Ying")
    before = len(payload["edges"])
    click_node(page, source["id"])
    form = page.locator("form.pm-add-relationship")
    form.locator("select[name=type]").select_option("allied")
    form.locator(".pm-pick").click()
    click_node(page, target["id"])
    assert form.locator("select[name=target_id]").input_value() == str(target["id"])
    form.locator("button[type=submit]").click()
    page.wait_for_function("(n) => window.powermapMap.payload.edges.length === n", arg=before + 1)
    item = page.locator(".pm-relationships li:has-text('Kong Ying')")
    assert item.count() == 1
    item.locator(".pm-remove").click()
    question = item.locator(".pm-confirm-question").inner_text()
    assert question == ("Remove the relationship “allied with” between Tian Yu and Kong Ying?")
    item.locator(".pm-confirm-yes").click()
    page.wait_for_function("(n) => window.powermapMap.payload.edges.length === n", arg=before)


def test_the_map_header_counts_the_days_to_the_bid(page, base_url):
    payload = open_map(page, base_url)
    days = (dt.date.fromisoformat(payload["opportunity"]["bid_date"]) - dt.date.today()).days
    assert payload["summary"]["days_to_bid"] == days
    assert root_attr(page, "data-days-to-bid") == str(days)
    expected = {0: "Bid today", 1: "Bid tomorrow"}.get(
        days, f"Bid in {days} days" if days > 1 else "Bid date passed")
    assert page.locator(".pm-kpi-bid").inner_text() == expected


def test_a_reporting_line_keeps_the_strength_picked(page, base_url):
    # Regression: the panel offered a strength for "reports to" and stored 3 whatever was picked.
    payload = open_map(page, base_url)
    source, target = person(payload, "Kong Ying"), person(payload, "Tian Yu")
    # Kong Ying reports to Yang Xue: free her for a new (dotted) line to Tian Yu
    [line] = [e for e in payload["edges"]
              if e["from"] == source["id"] and e["type"] == "reports_to"]
    assert page.request.delete(f"{base_url}/api/v1/relationships/{line['id']}").ok
    payload = open_map(page, base_url)
    click_node(page, source["id"])
    form = page.locator("form.pm-add-relationship")
    form.locator("select[name=type]").select_option("reports_to")
    assert form.locator("select[name=strength]").input_value() == "3"   # its usual strength
    form.locator("select[name=strength]").select_option("1")
    form.locator("select[name=target_id]").select_option(str(target["id"]))
    form.locator("button[type=submit]").click()
    page.wait_for_function("(n) => window.powermapMap.payload.edges.length === n",
                           arg=len(payload["edges"]) + 1)
    edges = [e for e in page.evaluate("window.powermapMap.payload.edges")
             if e["from"] == source["id"] and e["to"] == target["id"]]
    assert [(e["type"], e["strength"]) for e in edges] == [("reports_to", 1)]
    assert "(strength 1)" in page.locator(".pm-relationships li:has-text('Tian Yu')").inner_text()


@pytest.mark.expect_http_errors(409)
def test_removing_a_relationship_changed_meanwhile_is_refused_with_a_conflict(page, base_url):
    """D3: Remove sent no version, so it deleted a relationship someone had just edited."""
    payload = open_map(page, base_url)
    source = person(payload, "Tian Yu")
    linked = {e["to"] if e["from"] == source["id"] else e["from"] for e in payload["edges"]
              if source["id"] in (e["from"], e["to"])}
    target = next(n for n in payload["nodes"] if n["id"] != source["id"]
                  and n["id"] not in linked)
    created = page.request.post(f"{base_url}/api/v1/relationships", data={
        "source_id": source["id"], "target_id": target["id"], "type": "conflict",
        "strength": 1})
    assert created.status == 201
    rid = created.json()["id"]
    payload = open_map(page, base_url)
    assert next(e for e in payload["edges"] if e["id"] == rid)["version"] == 1
    click_node(page, source["id"])
    item = page.locator(f".pm-relationships li[data-relationship='{rid}']")
    assert item.count() == 1
    # someone else edits it after our map was drawn
    assert page.request.patch(f"{base_url}/api/v1/relationships/{rid}",
                              data={"strength": 3, "version": 1}).ok
    item.locator(".pm-remove").click()
    item.locator(".pm-confirm-yes").click()
    page.wait_for_selector(".pm-relationships .pm-form-error:has-text('reloaded')")
    assert "nothing was removed" in page.locator(".pm-relationships .pm-conflict").inner_text()
    assert page.request.get(f"{base_url}/api/v1/relationships/{rid}").json()["strength"] == 3
    page.wait_for_function("(id) => window.powermapMap.payload.edges.some("
                           "(e) => e.id === id && e.version === 2)", arg=rid)
    # with the reloaded version, Remove works
    page.locator(f".pm-relationships li[data-relationship='{rid}'] .pm-remove").click()
    page.locator(f".pm-relationships li[data-relationship='{rid}'] .pm-confirm-yes").click()
    page.wait_for_function("(id) => !window.powermapMap.payload.edges.some((e) => e.id === id)",
                           arg=rid)
    assert page.request.get(f"{base_url}/api/v1/relationships/{rid}").status == 404


def test_adding_an_outsider_to_the_buying_center(page, base_url):
    payload = open_map(page, base_url)
    outsider = next(n for n in payload["nodes"] if not n["in_buying_center"])
    click_node(page, outsider["id"])
    page.select_option("form.pm-join select[name=roles]", "user")
    page.click("form.pm-join button[type=submit]")
    page.wait_for_function("(id) => window.powermapMap.byId[id].in_buying_center === true",
                           arg=outsider["id"])
    assert page.locator("form.pm-edit").count() == 1  # now editable
    assert "User" in page.locator(".pm-details").inner_text()


def test_naming_who_fills_a_placeholder_role(page, base_url):
    payload = open_map(page, base_url, opportunity=2)
    [ghost] = payload["placeholders"][:1]
    outsider = next(n for n in payload["nodes"] if not n["in_buying_center"])
    page.evaluate("(id) => window.powermapMap.select(id)", ghost["id"])
    page.select_option("form.pm-assign select[name=stakeholder_id]", str(outsider["id"]))
    page.click("form.pm-assign button[type=submit]")
    page.wait_for_function("(id) => window.powermapMap.byId[id].in_buying_center === true",
                           arg=outsider["id"])
    assert page.evaluate("window.powermapMap.payload.placeholders.length") == \
        len(payload["placeholders"]) - 1
    assert set(payload["placeholders"][0]["roles"]) <= set(
        page.evaluate("(id) => window.powermapMap.byId[id].roles", outsider["id"]))
