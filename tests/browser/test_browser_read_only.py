"""A viewer's map is read-only: the side panel shows the facts without edit fields, and a
drag on the org chart or the network asks nothing and writes nothing."""

from __future__ import annotations

import pytest

from powermap.positions import kept_positions
from powermap.store import Store
from powermap.users import add_user, link_team_member
from tests.browser.conftest import _app_page, _served
from tests.browser.map_page import READY, person, root_attr
from tests.browser.test_browser_map_panel import dom_point, drag, small_account

pytestmark = pytest.mark.browser

PASSWORD = "viewer password 看"


@pytest.fixture(scope="module")
def team_url(tmp_path_factory):
    """The panel tests' small account, whose team member 张伟 is the viewer ``zhangwei``
    (so powermap has users)."""
    path = str(tmp_path_factory.mktemp("read_only") / "team.db")
    with Store(path) as store:
        ids = small_account(store)
        viewer = add_user(store, "zhangwei", PASSWORD, name="张伟", role="viewer")
        link_team_member(store, viewer, ids["张伟"])
    with _served(path) as url:
        yield url, path


@pytest.fixture
def viewer(browser, team_url, request):
    """A page signed in as the viewer, and every request it sends that is not a GET."""
    url, path = team_url
    with _app_page(browser, url, request) as page:
        page.goto(f"{url}/login")
        page.fill("input[name=login]", "zhangwei")
        page.fill("input[name=password]", PASSWORD)
        page.click("form.record-form button[type=submit]")
        page.wait_for_url(f"{url}/accounts")
        writes: list[str] = []
        page.on("request", lambda r: writes.append(f"{r.method} {r.url}")
                if r.method != "GET" else None)
        yield page, url, path, writes


def _open(page, url):
    page.goto(f"{url}/opportunities/1")
    page.wait_for_selector(READY)
    return page.evaluate("window.powermapMap.payload")


def test_the_side_panel_shows_the_facts_without_edit_fields(viewer):
    page, url, _path, writes = viewer
    payload = _open(page, url)
    assert root_attr(page, "data-read-only") == "true"
    assert page.evaluate("window.powermapMap.live") is False
    panel = page.locator(".pm-panel")
    assert panel.locator("form").count() == 0  # not even "new person" with nobody selected
    boss = person(payload, "陈总")
    page.evaluate("(id) => window.powermapMap.select(id)", boss["id"])
    details = page.locator(f".pm-details[data-stakeholder='{boss['id']}']")
    details.wait_for()
    assert details.locator(".pm-name").inner_text() == "陈总"
    facts = details.locator(".pm-facts").inner_text()
    assert "Influence\t5 / 5" in facts and "Attitude" in facts
    assert details.locator("form, input, select, textarea, button.pm-remove").count() == 0
    assert details.locator(".pm-relationships li").first.inner_text().startswith("←")
    # the campaign: no "Plan campaign"; the what-if, which saves nothing, stays
    page.wait_for_selector("form.pm-what-if")
    assert page.locator("form[action$='/campaign']").count() == 0
    assert writes == []


def test_dragging_asks_nothing_and_keeps_nothing(viewer):
    page, url, path, writes = viewer
    payload = _open(page, url)
    assert payload["layout"] == "org"
    boss = person(payload, "陈总")
    buy = next(n for n in payload["nodes"] if n.get("department") == "采购部")
    before = page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]", buy["id"])
    drag(page, buy["id"], boss["id"])
    page.wait_for_timeout(300)
    assert page.locator(".pm-ask").count() == 0
    assert page.evaluate("(id) => window.powermapMap.network.getPositions([id])[id]",
                         buy["id"]) == before  # the view moved, not the person
    page.select_option(".pm-layout", "network")
    page.evaluate("() => window.powermapMap.network.fit({animation: false})")
    start = dom_point(page, boss["id"])
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(start["x"] + 12 * step, start["y"] + 9 * step)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.locator("[data-powermap] .pm-status").inner_text() == ""
    assert writes == []
    with Store(path) as store:
        assert kept_positions(store, payload["opportunity"]["id"]) == {}
        assert store.rows("relationship", "source_id = ?", [buy["id"]]) == []
