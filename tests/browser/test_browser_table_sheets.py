"""The table editor's sheets in a real browser: a TSV block pasted from Excel into the
relationship sheet's last empty row (one row appended), one save, and the map shows the new
edges; a coverage row and a buying-center row deleted, each asked first naming what goes."""

from __future__ import annotations

import pytest

from powermap.store import Store
from tests.browser.conftest import _app_page
from tests.browser.map_page import READY

pytestmark = pytest.mark.browser

#: from, to, type, strength — as a block copied from Excel (a type by label, one by code).
BLOCK = "Tian Yu\tKong Ying\t结盟\t3\r\nLin Tao\tShen Rui\tconflict\t\r\n"


def test_pasting_two_relationships_and_saving_shows_them_on_the_map(browser, demo_copy,
                                                                    request):
    url, path = demo_copy
    with Store(path) as store:
        existing = len(store.rows("relationship", "account_id = 1"))
    with _app_page(browser, url, request) as page:
        page.goto(f"{url}/opportunities/1/table")
        sheet = page.locator("form[data-entry-table=relationships]")
        last = existing + 9  # the tenth empty row: the second pasted row is appended
        page.evaluate("""([name, text]) => {
            const cell = document.querySelector(
                "form[data-entry-table=relationships] input[name='" + name + "']");
            cell.focus();
            const data = new DataTransfer();
            data.setData("text", text);
            cell.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data,
                                                            bubbles: true, cancelable: true}));
        }""", [f"r{last}-source", BLOCK])
        assert sheet.locator("input[name=rows]").input_value() == str(last + 2)
        assert [sheet.locator(f"input[name='r{last + 1}-{key}']").input_value()
                for key in ("source", "target", "type", "strength")] == [
            "Lin Tao", "Shen Rui", "conflict", ""]
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.name") == f"r{last + 1}-source"
        sheet.locator("button[type=submit]").click()
        page.wait_for_selector("#sheet-relationships .notice")
        assert page.locator(".cell-problem").all_inner_texts() == []

        page.goto(f"{url}/opportunities/1")
        page.wait_for_selector(READY)
        edges = page.evaluate("""() => {
            const m = window.powermapMap.payload;
            const name = Object.fromEntries(m.nodes.map((n) => [n.id, n.name]));
            return m.edges.map((e) => [name[e.from], name[e.to], e.type, e.strength]);
        }""")
    assert ["Tian Yu", "Kong Ying", "allied", 3] in edges
    assert ["Lin Tao", "Shen Rui", "conflict", 2] in edges
    with Store(path) as store:
        assert len(store.rows("relationship", "account_id = 1")) == existing + 2


def test_deleting_a_coverage_row_asks_first_naming_what_goes(browser, demo_copy, request):
    url, path = demo_copy
    with _app_page(browser, url, request) as page:
        page.goto(f"{url}/opportunities/1/table")
        sheet = page.locator("form[data-entry-table=coverage]")
        member = sheet.locator("input[name='r0-team_member']").input_value()
        person = sheet.locator("input[name='r0-stakeholder']").input_value()
        questions = []

        def answer(dialog, accept):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", lambda dialog: answer(dialog, False))
        sheet.locator("input[name='r0-delete']").click()
        assert not sheet.locator("input[name='r0-delete']").is_checked()
        page.once("dialog", lambda dialog: answer(dialog, True))
        sheet.locator("input[name='r0-delete']").check()
        assert questions == [f"Delete the coverage of {person} by {member}? It is removed when "
                             "you save this sheet."] * 2
        with Store(path) as store:
            before = len(store.rows("coverage"))
        sheet.locator("button[type=submit]").click()
        page.wait_for_selector("#sheet-coverage .notice")
    with Store(path) as store:
        assert len(store.rows("coverage")) == before - 1


def test_deleting_a_buying_center_row_asks_first_and_keeps_the_person(browser, demo_copy,
                                                                      request):
    url, path = demo_copy
    with Store(path) as store:
        [wang] = store.rows("stakeholder", "name = ?", ["王磊"])
        crm = store.create("opportunity", {"account_id": wang["account_id"], "name": "CRM"})
        other = store.create("buying_center_entry", {"opportunity_id": crm["id"],
                                                     "stakeholder_id": wang["id"],
                                                     "roles": ["user"]})
        members = len(store.rows("buying_center_entry", "opportunity_id = 1"))
    with _app_page(browser, url, request) as page:
        page.goto(f"{url}/opportunities/1/table")
        sheet = page.locator("form[data-entry-table=people]")
        row = sheet.locator("input[name$='-name'][value='王磊']").get_attribute(
            "name").split("-")[0]
        box = sheet.locator(f"input[name='{row}-delete']")
        questions = []

        def answer(dialog, accept):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", lambda dialog: answer(dialog, False))
        box.click()
        assert not box.is_checked()
        page.once("dialog", lambda dialog: answer(dialog, True))
        box.check()
        assert questions == ["Remove 王磊 from this deal's buying center? They stay on the "
                             "account."] * 2
        assert sheet.locator(f"tr:has(input[name='{row}-delete'])").get_attribute(
            "class") == "row-deleted"
        sheet.locator("button[type=submit]").click()
        page.wait_for_selector("#sheet-people .notice")
        assert "王磊" not in sheet.locator("input[name$='-name']").evaluate_all(
            "inputs => inputs.map((i) => i.value)")
        # a competitor column added in the page goes before the Delete column, in every row
        sheet.locator("[data-new-competitor]").fill("华信软件")
        sheet.locator("[data-new-competitor]").press("Enter")
        assert sheet.locator("thead th").all_inner_texts()[-2:] == [
            "Preference for 华信软件", "Delete"]
        assert sheet.locator("tbody tr:first-child td:last-child input").get_attribute(
            "name") == "r0-delete"
    with Store(path) as store:
        assert len(store.rows("buying_center_entry", "opportunity_id = 1")) == members - 1
        assert store.get("stakeholder", wang["id"]) == wang
        assert store.get("buying_center_entry", other["id"]) == other
