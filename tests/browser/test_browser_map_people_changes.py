"""The people list beside the map says who changed since the last review, and can show only them."""

from __future__ import annotations

import pytest

from powermap.history import snapshots
from powermap.store import Store
from tests.browser.conftest import _app_page, _served
from tests.browser.map_page import open_map, person

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reviewed_url(tmp_path_factory):
    """A small account whose review was recorded, then four people changed."""
    path = str(tmp_path_factory.mktemp("people-changes") / "people.db")
    with Store(path) as store:
        acme = store.create("account", {"name": "Acme"})["id"]
        opp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
        people = {name: store.create("stakeholder", {"account_id": acme, "name": name})["id"]
                  for name in ("陈总", "Li Na", "王建国", "Zhou Min", "Bo")}
        entries = {name: store.create("buying_center_entry", {
            "opportunity_id": opp, "stakeholder_id": people[name], "roles": roles,
            "influence": influence, "attitude": attitude})
            for name, roles, influence, attitude in (
                ("陈总", ["decision_maker"], 5, 0), ("Li Na", ["evaluator"], 3, 1),
                ("Zhou Min", ["user"], 2, 1), ("Bo", ["user"], 2, -1))}
        for name in ("Li Na", "Zhou Min", "Bo"):
            store.create("relationship", {"source_id": people[name],
                                          "target_id": people["陈总"], "type": "reports_to"})
        zhang = store.create("team_member", {"account_id": acme, "name": "张伟"})["id"]
        store.create("coverage", {"team_member_id": zhang, "stakeholder_id": people["Bo"],
                                  "strength": 3})
        snapshots.record(store, opp, "Kick-off")
        store.update("buying_center_entry", entries["陈总"]["id"], {"attitude": 2})
        store.create("coverage", {"team_member_id": zhang, "stakeholder_id": people["陈总"],
                                  "strength": 2})
        store.update("buying_center_entry", entries["Li Na"]["id"], {"influence": 4})
        store.create("buying_center_entry", {"opportunity_id": opp,
                                             "stakeholder_id": people["王建国"],
                                             "roles": ["gatekeeper"], "influence": 3})
        [bo_cover] = store.rows("coverage", "stakeholder_id = ?", [people["Bo"]])
        store.update("coverage", bo_cover["id"], {"strength": 1})
    with _served(path) as url:
        yield url


def entries(page):
    """``(name, data-marks, marks text)`` of each shown entry of the people list."""
    return [tuple(entry) for entry in page.evaluate("""() => Array.from(
        document.querySelectorAll('.pm-people-list li'))
        .filter((li) => !li.hidden)
        .map((li) => [li.querySelector('.pm-people-name').textContent,
                      li.getAttribute('data-marks'),
                      (li.querySelector('.pm-people-marks') || {}).textContent || null])""")]


def test_the_list_marks_the_changed_people_and_filters_to_them(browser, reviewed_url, request):
    with _app_page(browser, reviewed_url, request) as page:
        payload = open_map(page, reviewed_url)
        assert {p["name"]: p["marks"] for p in payload["changes"]["people"]} == {
            "陈总": ["attitude_up", "coverage_gained"], "Li Na": ["influence"],
            "王建国": ["joined"], "Bo": ["coverage_lost"]}
        assert page.is_visible(".pm-people-changed-only")
        assert sorted(entries(page)) == sorted([
            ("陈总", "attitude_up coverage_gained", "Changed: attitude up, coverage gained"),
            ("Li Na", "influence", "Changed: influence changed"),
            ("王建国", "joined", "Changed: joined the buying center"),
            ("Bo", "coverage_lost", "Changed: coverage lost"),
            ("Zhou Min", None, None)])
        # the marks are inside the button a screen reader announces
        bo = person(payload, "Bo")["id"]
        assert page.locator(f".pm-people-item[data-person='{bo}']").inner_text() == \
            "Bo\nChanged: coverage lost"

        page.check(".pm-people-changed")
        assert sorted(name for name, _, _ in entries(page)) == ["Bo", "Li Na", "王建国", "陈总"]
        page.fill(".pm-people-filter", "王")
        assert [name for name, _, _ in entries(page)] == ["王建国"]
        page.fill(".pm-people-filter", "zhou")
        assert entries(page) == []
        page.uncheck(".pm-people-changed")
        assert [name for name, _, _ in entries(page)] == ["Zhou Min"]


def test_without_a_review_the_list_marks_nobody(page, base_url):
    open_map(page, base_url)
    assert page.is_hidden(".pm-people-changed-only")
    assert page.locator(".pm-people-list li[data-marks]").count() == 0
    assert page.locator(".pm-people-marks").count() == 0


def test_the_marks_read_in_chinese(browser, reviewed_url, request):
    with _app_page(browser, reviewed_url, request) as page:
        page.context.add_cookies([{"name": "lang", "value": "zh_CN", "url": reviewed_url}])
        open_map(page, reviewed_url)
        assert page.text_content(".pm-people-changed-only").strip() == "只看有变化的"
        marks = dict((name, text) for name, _, text in entries(page))
        assert marks == {"陈总": "有变化：态度转好，关系覆盖加强", "Li Na": "有变化：影响力变化",
                         "王建国": "有变化：加入采购决策小组", "Bo": "有变化：关系覆盖减弱",
                         "Zhou Min": None}
