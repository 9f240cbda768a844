"""The campaign panel beside the map: the list, a step's path, what-if, planning it."""

from __future__ import annotations

import pytest

from powermap.store import Store
from tests.browser.conftest import _app_page
from tests.browser.map_page import open_map, root_attr

pytestmark = pytest.mark.browser


def _saved(path):
    with Store(path) as store:
        return (len(store.rows("action")), store.rows("buying_center_entry"),
                store.rows("stakeholder"))


def test_campaign_list_path_what_if_and_plan(browser, demo_copy, request, screenshots):
    url, path = demo_copy
    with _app_page(browser, url, request) as page:
        open_map(page, url)
        page.wait_for_selector(".pm-campaign-step")
        page.wait_for_selector("[data-what-if] select[name=flip_person]")
        first = page.query_selector(".pm-campaign-step")
        person_id = first.get_attribute("data-stakeholder")
        # a timeline of weeks; the first step reaches the decision maker through the coach
        assert page.text_content(".pm-campaign-week h3").startswith("Week 1 · from ")
        assert first.query_selector(".pm-campaign-pick").text_content() == \
            "Executive visit with 陈建国"
        assert "Our coach 王磊 can introduce us to 陈建国 now." in first.text_content()
        first.query_selector(".pm-campaign-pick").click()
        assert person_id in root_attr(page, "data-highlighted-path").split(",")
        assert "pm-active" in first.get_attribute("class")
        first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "map-campaign.png"))

        before = _saved(path)
        summary = page.text_content(".pm-campaign-summary")
        assert page.text_content(".pm-campaign-health").startswith("Deal health: ")
        page.select_option("[data-what-if] select[name=flip_person]", person_id)
        page.select_option("[data-what-if] select[name=flip_attitude]", "2")
        page.click(".pm-what-if-recompute")
        page.wait_for_selector(".pm-campaign-what-if")
        assert page.text_content(".pm-campaign-what-if").endswith("becomes champion.")
        assert page.text_content(".pm-campaign-summary") != summary
        assert _saved(path) == before
        page.click(".pm-what-if-reset")
        page.wait_for_selector(".pm-campaign-what-if", state="detached")
        assert page.text_content(".pm-campaign-summary") == summary

        with page.expect_navigation():
            page.click("form[action$='/campaign'] button[type=submit]")
        created = _saved(path)[0]
        assert created > before[0]
        assert f"Campaign planned: {created - before[0]} actions created, 0 updated." \
            in page.text_content("body")
        with page.expect_navigation():
            page.click("form[action$='/campaign'] button[type=submit]")
        assert f"Campaign planned: 0 actions created, {created - before[0]} updated." \
            in page.text_content("body")
        assert _saved(path)[0] == created
