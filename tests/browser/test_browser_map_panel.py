"""Everything about a person edited in the map's side panel: coverage, competitor positions,
notes and interests, a new person with a manager; removals ask first, naming what goes."""

from __future__ import annotations

import pytest

from powermap.store import Store
from tests.browser.conftest import _app_page, _served
from tests.browser.map_page import dom_point, drag_mouse, fit_map, open_map, person

pytestmark = pytest.mark.browser


def small_account(store: Store) -> dict[str, int]:
    """A small account: 陈总 (decision maker), two people named 王建国 (IT部 reports to
    陈总; 采购部 to nobody), our team 张伟 and Lisa, the rival 青云科技. Ids by name."""
    acme = store.create("account", {"name": "Acme"})["id"]
    opp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    boss = store.create("stakeholder", {"account_id": acme, "name": "陈总"})["id"]
    it = store.create("stakeholder", {"account_id": acme, "name": "王建国",
                                      "department": "IT部"})["id"]
    store.create("stakeholder", {"account_id": acme, "name": "王建国", "department": "采购部"})
    store.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": boss,
                                         "roles": ["decision_maker"], "influence": 5})
    store.create("relationship", {"source_id": it, "target_id": boss, "type": "reports_to"})
    zhang = store.create("team_member", {"account_id": acme, "name": "张伟"})["id"]
    store.create("team_member", {"account_id": acme, "name": "Lisa"})
    rival = store.create("competitor", {"name": "青云科技"})["id"]
    store.create("opportunity_competitor", {"opportunity_id": opp, "competitor_id": rival})
    return {"account": acme, "opportunity": opp, "陈总": boss, "张伟": zhang}


@pytest.fixture(scope="module")
def small_url(tmp_path_factory):
    """A small account of its own (the shared demo stays as it was)."""
    path = str(tmp_path_factory.mktemp("panel") / "panel.db")
    with Store(path) as store:
        small_account(store)
    with _served(path) as url:
        yield url, path


@pytest.fixture
def small(browser, small_url, request):
    url, path = small_url
    with _app_page(browser, url, request) as page:
        yield page, url, path


def select(page, node_id):
    page.evaluate("(id) => window.powermapMap.select(id)", node_id)
    page.wait_for_selector(f".pm-details[data-stakeholder='{node_id}']")


def test_coverage_positions_and_notes_from_the_panel(small):
    page, url, path = small
    payload = open_map(page, url)
    boss = person(payload, "陈总")
    select(page, boss["id"])
    add = page.locator("form.pm-add-coverage")
    add.locator("select[name=team_member_id]").select_option(label="张伟")
    add.locator("select[name=strength]").select_option("3")
    add.locator("input[name=last_contact]").fill("2026-11-02")
    add.locator("input[name=owner]").check()
    add.locator("button[type=submit]").click()
    page.wait_for_function("(id) => (window.powermapMap.byId[id].coverage || []).length === 1",
                           arg=boss["id"])
    with Store(path) as store:
        [cov] = store.rows("coverage")
    assert (cov["strength"], cov["last_contact"], cov["owner"]) == (3, "2026-11-02", True)
    row = page.locator(f"form.pm-coverage-row[data-coverage='{cov['id']}']")
    row.locator("select[name=strength]").select_option("4")
    row.locator("button[type=submit]").click()
    page.wait_for_function("(id) => window.powermapMap.byId[id].coverage[0].strength === 4",
                           arg=boss["id"])
    position = page.locator("form.pm-position-row").first
    position.locator("select[name=coverage]").select_option("2")
    position.locator("select[name=preference]").select_option("1")
    position.locator("button[type=submit]").click()
    page.wait_for_function("(id) => (window.powermapMap.byId[id].competitors || [])"
                           ".some((c) => c.preference === 1 && c.position_id)", arg=boss["id"])
    about = page.locator("form.pm-person-form")
    about.locator("textarea[name=interests]").fill("喜欢围棋")
    about.locator("textarea[name=notes]").fill("关键决策人")
    about.locator("button[type=submit]").click()
    page.wait_for_function("(id) => window.powermapMap.byId[id].interests === '喜欢围棋'",
                           arg=boss["id"])
    with Store(path) as store:
        stored = store.get("stakeholder", boss["id"])
        assert (stored["interests"], stored["notes"]) == ("喜欢围棋", "关键决策人")
        [pos] = store.rows("competitor_position")
        assert (pos["coverage"], pos["preference"]) == (2, 1)
    # removing the coverage asks first, naming both people; Cancel keeps it
    row = page.locator(f"form.pm-coverage-row[data-coverage='{cov['id']}']")
    row.locator(".pm-remove").click()
    assert row.locator(".pm-confirm-question").inner_text() == \
        "Remove the coverage of 陈总 by 张伟?"
    assert page.evaluate("document.activeElement.className") == "pm-confirm-no"
    row.locator(".pm-confirm-no").click()
    assert row.locator(".pm-confirm").count() == 0
    row.locator(".pm-remove").click()
    row.locator(".pm-confirm-yes").click()
    page.wait_for_function("(id) => !(window.powermapMap.byId[id].coverage || []).length",
                           arg=boss["id"])
    with Store(path) as store:
        assert store.rows("coverage") == []


def test_a_new_person_with_a_manager_from_the_map(small):
    page, url, path = small
    payload = open_map(page, url)
    boss = person(payload, "陈总")
    form = page.locator("form.pm-new-person")
    options = form.locator("select[name=manager] option").all_inner_texts()
    assert "王建国 — IT部" in options and "王建国 — 采购部" in options
    form.locator("input[name=name]").fill("小李")
    form.locator("input[name=title]").fill("工程师")
    form.locator("select[name=manager]").select_option(str(boss["id"]))
    form.locator("button[type=submit]").click()
    page.wait_for_function("() => window.powermapMap.payload.nodes.some((n) => n.name === '小李')"
                           " && window.powermapMap.payload.edges.length === 2")
    with Store(path) as store:
        li = store.resolve("stakeholder", "小李")
        [edge] = store.rows("relationship", "source_id = ?", [li])
        assert (edge["target_id"], edge["type"]) == (boss["id"], "reports_to")
        assert store.get("stakeholder", li)["title"] == "工程师"


def drag(page, source, target):
    """Drag node ``source`` with the mouse and drop it on node ``target``."""
    fit_map(page)
    drag_mouse(page, dom_point(page, source), dom_point(page, target))


def test_drag_onto_a_person_changes_the_manager_after_asking(small):
    page, url, path = small
    payload = open_map(page, url)
    assert payload["layout"] == "org"
    boss = person(payload, "陈总")
    it = next(n for n in payload["nodes"] if n.get("department") == "IT部")
    buy = next(n for n in payload["nodes"] if n.get("department") == "采购部")
    # the boss onto his own report: a loop, refused without asking
    drag(page, boss["id"], it["id"])
    page.wait_for_function("() => document.querySelector('[data-powermap] .pm-status')"
                           ".textContent.includes('already reports to')")
    assert page.locator(".pm-ask").count() == 0
    # 采购部's 王建国 onto 陈总: asked, naming both; Cancel changes nothing
    drag(page, buy["id"], boss["id"])
    ask = page.locator(".pm-ask")
    assert ask.locator(".pm-ask-question").inner_text() == "Make 陈总 the manager of 王建国?"
    ask.locator(".pm-ask-no").click()
    assert page.locator(".pm-ask").count() == 0
    drag(page, buy["id"], boss["id"])
    page.locator(".pm-ask .pm-ask-yes").click()
    page.wait_for_function("(id) => window.powermapMap.payload.edges.some("
                           "(e) => e.from === id && e.type === 'reports_to')", arg=buy["id"])
    with Store(path) as store:
        [edge] = store.rows("relationship", "source_id = ?", [buy["id"]])
        assert (edge["target_id"], edge["type"]) == (boss["id"], "reports_to")


def test_positions_dragged_on_the_network_are_kept(small):
    page, url, path = small
    open_map(page, url)
    page.select_option(".pm-layout", "network")
    payload = page.evaluate("window.powermapMap.payload")
    boss = person(payload, "陈总")
    before = page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]",
                           boss["id"])
    page.evaluate("() => { window.powermapMap.canvas.scrollIntoView();"
                  " window.powermapMap.network.fit({animation: false}); }")
    start = dom_point(page, boss["id"])
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(start["x"] + 12 * step, start["y"] + 9 * step)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('[data-powermap] .pm-status')"
                           ".textContent === 'Position kept.'")
    after = page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]",
                          boss["id"])
    assert (round(after["x"]), round(after["y"])) != (round(before["x"]), round(before["y"]))
    with Store(path) as store:
        from powermap.positions import kept_positions

        kept = kept_positions(store, payload["opportunity"]["id"])
    assert kept == {boss["id"]: (float(round(after["x"])), float(round(after["y"])))}
    # a reload draws the person where they were dropped
    payload = open_map(page, url)
    assert person(payload, "陈总")["net"] == [round(after["x"]), round(after["y"])]


def test_people_are_reached_and_edited_with_the_keyboard(small):
    page, url, path = small
    payload = open_map(page, url)
    boss = person(payload, "陈总")
    labels = page.locator(".pm-people-item").all_inner_texts()
    assert "王建国 — IT部" in labels and "王建国 — 采购部" in labels
    page.focus(".pm-people-filter")
    page.keyboard.type("采购")
    assert page.locator(".pm-people li:not([hidden])").all_inner_texts() == ["王建国 — 采购部"]
    page.fill(".pm-people-filter", "")
    page.keyboard.type("陈")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".pm-details[data-stakeholder='{boss['id']}']")
    assert page.evaluate("document.activeElement.classList.contains('pm-name')")
    # the panel's forms without a mouse: Tab to the notes, type, Enter on Save
    page.focus("form.pm-person-form textarea[name=notes]")
    page.keyboard.press("Control+A")
    page.keyboard.type("用键盘写的备注")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("(id) => window.powermapMap.byId[id].notes === '用键盘写的备注'",
                           arg=boss["id"])
