"""The live map's forms in a real browser: what an edit says when the server refuses it.

Every edit goes through one ``submitForm()`` (static/map/editing.js); these tests provoke
each of its outcomes: a stale version (409), validation problems (422), a failed reload and
a network error. They edit people no other browser test touches (the demo database is
shared by the session).
"""

from __future__ import annotations

import json

import pytest

from tests.browser.map_page import open_map, person

pytestmark = pytest.mark.browser

CONFLICT = ("Someone else changed this record in the meantime, so nothing was saved. The map "
            "was reloaded with their changes; check them and try again.")
CONFLICT_NOT_RELOADED = ("Someone else changed this record in the meantime, so nothing was "
                         "saved. The map could not be reloaded; reload it to see their changes.")
UNREACHABLE = ("The server could not be reached, so nothing was saved. Check the connection "
               "and try again.")


def select(page, node_id):
    page.evaluate("(id) => window.powermapMap.select(id)", node_id)
    page.wait_for_selector(f".pm-details[data-stakeholder='{node_id}']")


def entry(page, base_url, entry_id):
    return page.request.get(f"{base_url}/api/v1/buying-center/{entry_id}").json()


def status_line(page):
    return page.locator("[data-powermap] .pm-status").inner_text()


@pytest.mark.expect_http_errors(409)
def test_a_stale_edit_is_refused_and_the_map_really_reloads(page, browser, base_url):
    """Regression: the 409 message said "reloaded" whatever happened; now the map reloads
    first and the form shows the other person's values."""
    payload = open_map(page, base_url)
    han = person(payload, "Han Mei")
    assert (han["influence"], han["attitude"]) == (3, 0)
    select(page, han["id"])
    # a colleague opens the same map in another browser and saves first
    colleague = browser.new_context()
    try:
        other = colleague.new_page()
        open_map(other, base_url)
        select(other, han["id"])
        other.select_option("form.pm-edit select[name=influence]", "5")
        other.click("form.pm-edit .pm-save")
        other.wait_for_function("(id) => window.powermapMap.byId[id].influence === 5",
                                arg=han["id"])
    finally:
        colleague.close()
    # our map still shows influence 3 and the old version
    page.select_option("form.pm-edit select[name=attitude]", "2")
    page.click("form.pm-edit .pm-save")
    message = page.locator("form.pm-edit .pm-form-error.pm-conflict")
    message.wait_for()
    assert message.inner_text() == CONFLICT
    assert status_line(page) == CONFLICT
    assert page.evaluate("(id) => window.powermapMap.byId[id].influence", han["id"]) == 5
    assert page.input_value("form.pm-edit select[name=influence]") == "5"
    assert page.input_value("form.pm-edit select[name=attitude]") == "0"
    stored = entry(page, base_url, han["entry_id"])
    assert (stored["influence"], stored["attitude"]) == (5, 0)  # our change was not written
    # with the reloaded version the same edit is saved
    page.select_option("form.pm-edit select[name=attitude]", "2")
    page.click("form.pm-edit .pm-save")
    page.wait_for_function("(id) => window.powermapMap.byId[id].attitude === 2", arg=han["id"])
    assert entry(page, base_url, han["entry_id"])["attitude"] == 2
    assert page.locator("form.pm-edit .pm-form-error").inner_text() == ""


@pytest.mark.expect_http_errors(409, 503)
def test_a_conflict_whose_reload_fails_says_so_and_offers_a_reload_button(page, base_url):
    payload = open_map(page, base_url)
    lu = person(payload, "Lu Chen")
    select(page, lu["id"])
    stale = entry(page, base_url, lu["entry_id"])
    assert page.request.patch(f"{base_url}/api/v1/buying-center/{lu['entry_id']}",
                              data={"influence": 4, "version": stale["version"]}).ok
    map_url = f"{base_url}/api/v1/opportunities/1/map"
    page.route(map_url, lambda route: route.fulfill(status=503, body="down"))
    page.select_option("form.pm-edit select[name=attitude]", "-1")
    page.click("form.pm-edit .pm-save")
    message = page.locator("form.pm-edit .pm-form-error.pm-conflict")
    message.locator(".pm-reload").wait_for()
    assert message.inner_text().startswith(CONFLICT_NOT_RELOADED)
    assert page.evaluate("(id) => window.powermapMap.byId[id].influence", lu["id"]) == 1
    page.unroute(map_url)
    message.locator(".pm-reload").click()
    page.wait_for_function("(id) => window.powermapMap.byId[id].influence === 4", arg=lu["id"])
    assert status_line(page) == "The map was reloaded."
    assert entry(page, base_url, lu["entry_id"])["attitude"] == lu["attitude"]  # not written


@pytest.mark.expect_http_errors(422)
def test_validation_problems_are_shown_next_to_their_fields(page, base_url):
    payload = open_map(page, base_url)
    peng = person(payload, "Peng Fei")
    select(page, peng["id"])
    form = page.locator("form.pm-add-relationship")
    form.locator("button[type=submit]").click()  # no target picked
    target_error = form.locator(".pm-field-error[data-field=target_id]")
    target_error.wait_for(state="visible")
    assert target_error.inner_text() == "is required"
    assert form.locator(".pm-form-error").inner_text() == ""
    assert status_line(page) == "Not saved: see the messages next to the form."
    assert form.locator("button[type=submit]").is_enabled()
    edges = page.request.get(f"{base_url}/api/v1/opportunities/1/map").json()["edges"]
    assert len(edges) == len(payload["edges"])  # nothing written
    # a problem with a field the form does not show goes to its message line
    problems = {"error": "validation", "problems": [
        {"record": "new relationship", "field": "source_id", "reason": "is not a stakeholder"}]}
    page.route(f"{base_url}/api/v1/relationships", lambda route: route.fulfill(
        status=422, content_type="application/json", body=json.dumps(problems)))
    form.locator("select[name=target_id]").select_option(str(payload["nodes"][0]["id"]))
    form.locator("button[type=submit]").click()
    form.locator(".pm-form-error:has-text('source_id')").wait_for()
    assert form.locator(".pm-form-error").inner_text() == "source_id: is not a stakeholder"
    assert target_error.inner_text() == ""  # the earlier problem is cleared


@pytest.mark.expect_http_errors("network")
def test_a_network_error_is_shown_and_the_button_works_again(page, base_url):
    payload = open_map(page, base_url)
    cao = person(payload, "Cao Lin")
    select(page, cao["id"])
    page.route(f"{base_url}/api/v1/buying-center/{cao['entry_id']}",
               lambda route: route.abort())
    page.select_option("form.pm-edit select[name=influence]", "5")
    disabled_while_pending = page.evaluate("""() => {
        const form = document.querySelector('form.pm-edit');
        form.requestSubmit();
        return form.querySelector('.pm-save').disabled;
    }""")
    assert disabled_while_pending
    page.locator("form.pm-edit .pm-form-error").filter(has_text="could not be reached").wait_for()
    assert page.locator("form.pm-edit .pm-form-error").inner_text() == UNREACHABLE
    assert page.locator("form.pm-edit .pm-save").is_enabled()
    assert entry(page, base_url, cao["entry_id"])["influence"] == cao["influence"]


def test_t_fills_placeholders_of_whole_sentences(page, base_url):
    open_map(page, base_url)
    assert page.evaluate("""() => [PowerMap.t('{count} found', {count: 3}),
                                   PowerMap.t('{who} left', {}),
                                   PowerMap.t('Saved.')]""") == ["3 found", "{who} left",
                                                                  "Saved."]
