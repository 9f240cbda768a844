"""Done when: the 8-person map is rebuilt with the table editor and the map page only,
in at most 3 page loads and 25 submits (counted here, and asserted exactly)."""

from __future__ import annotations

import json

import pytest

from powermap.store import Store
from tests.browser.conftest import _app_page, _served
from tests.browser.map_page import READY

pytestmark = pytest.mark.browser

#: name, title, department, reports to, roles, influence, attitude, our owner, coverage,
#: last contact, preference for 青云科技 — as a block copied from Excel.
PEOPLE = [
    ("陈建国", "总经理", "总经办", "", "决策者", "5", "0", "张伟", "3", "2026-10-08", ""),
    ("刘洋", "财务总监", "财务部", "陈建国", "审批者", "4", "-1", "Lisa Chen", "2", "", "1"),
    ("赵敏", "CIO", "信息部", "陈建国", "评估者", "4", "1", "张伟", "2", "", ""),
    ("王磊", "架构师", "信息部", "赵敏", "评估者, 教练", "3", "2", "张伟", "4", "2026-11-02", ""),
    ("孙丽", "采购总监", "采购部", "刘洋", "把关者", "3", "0", "Lisa Chen", "1", "", ""),
    ("黄伟", "运维经理", "信息部", "赵敏", "使用者", "2", "-1", "", "", "", "1"),
    ("唐强", "财务经理", "财务部", "刘洋", "影响者", "2", "0", "", "", "", ""),
    ("何振华", "生产副总", "生产部", "陈建国", "影响者", "4", "-2", "", "", "", "2"),
]
RELATIONSHIPS = [("王磊", "allied", "黄伟"), ("何振华", "conflict", "赵敏"),
                 ("刘洋", "influences", "陈建国")]


@pytest.fixture
def empty_app(tmp_path):
    path = str(tmp_path / "empty.db")
    with Store(path):
        pass
    with _served(path) as url:
        yield url, path


def test_rebuild_the_walkthrough_map_in_three_page_loads(browser, empty_app, request):
    url, path = empty_app
    with _app_page(browser, url, request) as page:
        loads, submits = [], []
        page.on("framenavigated", lambda frame: loads.append(frame.url)
                if frame == page.main_frame else None)
        page.on("request", lambda r: submits.append(f"{r.method} {r.url}")
                if r.method in ("POST", "PUT", "PATCH", "DELETE") else None)
        # the account and the deal: two API calls (counted as submits)
        account = page.request.post(f"{url}/api/v1/accounts", data={"name": "华东能源集团"})
        deal = page.request.post(f"{url}/api/v1/opportunities", data={
            "account_id": account.json()["id"], "name": "智能电网分析平台"})
        submits += ["POST /api/v1/accounts", "POST /api/v1/opportunities"]
        opp = deal.json()["id"]

        # the table editor: one competitor column, one pasted block, one save
        page.goto(f"{url}/opportunities/{opp}/table")
        page.fill("[data-new-competitor]", "青云科技")
        page.press("[data-new-competitor]", "Enter")
        block = "\n".join("\t".join(row) for row in PEOPLE) + "\n"
        page.evaluate("""(text) => {
            const cell = document.querySelector("input[name='r0-name']");
            cell.focus();
            const data = new DataTransfer();
            data.setData("text", text);
            cell.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data,
                                                            bubbles: true, cancelable: true}));
        }""", block)
        assert page.input_value("input[name='r7-preference:青云科技']") == "2"
        page.click("form[data-entry-table] button[type=submit]")
        page.wait_for_load_state()
        assert page.locator(".cell-problem").all_inner_texts() == []
        page.wait_for_selector(".notice")

        # the map page: the three relationships that are not reporting lines
        page.goto(f"{url}/opportunities/{opp}")
        page.wait_for_selector(READY)
        ids = page.evaluate("Object.fromEntries(window.powermapMap.payload.nodes"
                            ".map((n) => [n.name, n.id]))")
        for source, kind, target in RELATIONSHIPS:
            edges = page.evaluate("window.powermapMap.payload.edges.length")
            page.evaluate("(id) => window.powermapMap.select(id)", ids[source])
            form = page.locator("form.pm-add-relationship")
            form.locator("select[name=type]").select_option(kind)
            form.locator("select[name=target_id]").select_option(str(ids[target]))
            form.locator("button[type=submit]").click()
            page.wait_for_function("(n) => window.powermapMap.payload.edges.length === n",
                                   arg=edges + 1)
        print(json.dumps({"page_loads": len(loads), "submits": len(submits)}))
        assert len(loads) == 3 and len(submits) == 6, (loads, submits)

    with Store(path) as store:
        people = {p["name"]: p for p in store.rows("stakeholder")}
        assert len(people) == 8
        lines = {(r["source_id"], r["target_id"]) for r in store.rows(
            "relationship", "type = 'reports_to'")}
        assert lines == {(people[name]["id"], people[row[3]]["id"])
                         for name, *_rest in PEOPLE for row in PEOPLE if row[0] == name and row[3]}
        others = sorted((r["type"], r["strength"]) for r in store.rows(
            "relationship", "type != 'reports_to'"))
        assert others == [("allied", 2), ("conflict", 2), ("influences", 2)]
        entries = {e["stakeholder_id"]: e for e in store.rows("buying_center_entry")}
        assert [(entries[people[row[0]]["id"]]["influence"],
                 entries[people[row[0]]["id"]]["attitude"]) for row in PEOPLE] == \
            [(int(row[5]), int(row[6])) for row in PEOPLE]
        assert entries[people["王磊"]["id"]]["roles"] == ["evaluator", "coach"]
        assert sorted(m["name"] for m in store.rows("team_member")) == ["Lisa Chen", "张伟"]
        assert len(store.rows("coverage")) == 5
        [rival] = store.rows("competitor")
        assert rival["name"] == "青云科技"
        assert sorted(p["preference"] for p in store.rows("competitor_position")) == [1, 1, 2]
        assert store.rows("opportunity_competitor")[0]["competitor_id"] == rival["id"]
