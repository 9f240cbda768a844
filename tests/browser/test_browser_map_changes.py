"""The map marks who changed since the last review and shows, on request, how they were."""

from __future__ import annotations

import pytest

from powermap.history import snapshots
from powermap.store import Store
from tests.browser.conftest import _app_page
from tests.browser.map_page import map_shot, node_colour, open_map, person, root_attr

pytestmark = pytest.mark.browser


def test_changed_people_are_marked_listed_and_drawn_as_they_were(browser, demo_copy, request,
                                                                  screenshots):
    url, path = demo_copy
    with _app_page(browser, url, request) as page:
        payload = open_map(page, url)
        assert "changes" not in payload
        assert root_attr(page, "data-changed-count") == "0"
        assert page.is_hidden(".pm-previous")
        li_na = person(payload, "Li Na")
        with Store(path) as store:
            snapshots.record(store, 1, "Solution review")
            entry = store.rows("buying_center_entry", "stakeholder_id = ?", [li_na["id"]])[0]
            store.update("buying_center_entry", entry["id"], {"attitude": -1})

        open_map(page, url)
        assert root_attr(page, "data-changed-count") == "1"
        halo = page.evaluate("(id) => window.powermapMap.nodes.get(id).shadow", li_na["id"])
        assert (halo["enabled"], halo["color"]) == (True, "#e67e22")
        unchanged = person(payload, "Jiang Hao")["id"]
        assert not page.evaluate("(id) => (window.powermapMap.nodes.get(id).shadow || {})"
                                 ".enabled", unchanged)
        assert page.text_content(".pm-changes-since").startswith(
            "1 person changed since the review “Solution review” of ")
        assert "Changed since the last review (orange halo and dot)" in page.text_content(
            ".pm-legend-changes")

        page.evaluate("(id) => window.powermapMap.select(id)", li_na["id"])
        page.wait_for_selector(f".pm-details[data-stakeholder='{li_na['id']}'] .pm-changes")
        assert page.locator(".pm-changes li").all_text_contents() == [
            "Attitude went down from +1 Supporter to -1 Sceptic."]
        map_shot(page, screenshots / "map-changes.png")
        assert node_colour(page, li_na["id"]) == "#eb984e"

        page.check(".pm-previous-state")
        assert root_attr(page, "data-previous-state") == "true"
        assert node_colour(page, li_na["id"]) == "#7dcea0"
        assert node_colour(page, unchanged) == "#7dcea0"  # a supporter, then and now
        page.uncheck(".pm-previous-state")
        assert root_attr(page, "data-previous-state") == "false"
        assert node_colour(page, li_na["id"]) == "#eb984e"

        page.evaluate("(id) => window.powermapMap.select(id)", unchanged)
        page.wait_for_selector(f".pm-details[data-stakeholder='{unchanged}']")
        assert page.locator(".pm-changes").count() == 0
