"""The living map on the web: history pages, revert and undo, reviews, outcomes, as-of, API."""

from __future__ import annotations

import datetime as dt

from powermap import clock
from powermap.actor import Actor, acting_as


def _last_set(db) -> int:
    return db.db.execute("SELECT max(id) FROM change_sets").fetchone()[0]


def test_the_history_page_lists_changes_with_before_and_after(client, deal, db):
    db.update("buying_center_entry", deal["entry_ada"], {"attitude": -1, "roles": ["approver"]})
    page = client.get(f"/opportunities/{deal['opportunity']}/history")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Attitude: – → sceptic" in text
    assert "Roles: Decision maker → Approver" in text
    assert f'action="/changes/{_last_set(db)}/revert"' in text


def test_the_history_filters_by_person_who_and_date(client, deal, db):
    with acting_as(Actor("mei")), clock.frozen_at(dt.datetime(2030, 5, 2, tzinfo=dt.UTC)):
        db.update("stakeholder", deal["Cy"], {"title": "Head of Buying"})
    account = deal["account"]
    by_person = client.get(f"/accounts/{account}/history?person={deal['Cy']}").get_data(
        as_text=True)
    assert "Head of Buying" in by_person and "Ada" not in by_person.split("<tbody>")[1]
    assert "Head of Buying" in client.get(f"/accounts/{account}/history?who=mei").get_data(
        as_text=True)
    assert "Head of Buying" not in client.get(
        f"/accounts/{account}/history?who=someone").get_data(as_text=True)
    assert "Head of Buying" in client.get(
        f"/accounts/{account}/history?since=2030-05-02&until=2030-05-02").get_data(as_text=True)
    assert "Head of Buying" not in client.get(
        f"/accounts/{account}/history?until=2030-05-01").get_data(as_text=True)
    assert client.get(f"/accounts/{account}/history?since=soon").status_code == 400


def test_revert_from_the_history_list_restores_the_value(client, deal, db, csrf):
    db.update("stakeholder", deal["Ada"], {"title": "Chair"})
    answer = client.post(f"/changes/{_last_set(db)}/revert",
                         data={"csrf_token": csrf, "next": "/accounts/1/history"})
    assert answer.status_code == 303
    assert db.get("stakeholder", deal["Ada"])["title"] == "CEO"


def test_undo_my_last_change_from_the_map_page(client, deal, db, csrf):
    db.update("stakeholder", deal["Bo"], {"title": "CTO"})
    opportunity = deal["opportunity"]
    page = client.get(f"/opportunities/{opportunity}").get_data(as_text=True)
    assert f'action="/opportunities/{opportunity}/undo"' in page
    client.post(f"/opportunities/{opportunity}/undo", data={"csrf_token": csrf})
    assert db.get("stakeholder", deal["Bo"])["title"] == "CIO"


def test_record_a_review_and_see_since_the_last_review(client, deal, db, csrf):
    opportunity = deal["opportunity"]
    answer = client.post(f"/opportunities/{opportunity}/reviews",
                         data={"csrf_token": csrf, "name": "投标前评审 1"})
    assert answer.status_code == 303
    assert "投标前评审 1" in client.get(f"/opportunities/{opportunity}").get_data(as_text=True)
    db.update("buying_center_entry", deal["entry_ada"], {"attitude": 1})
    review = client.get(f"/opportunities/{opportunity}/review").get_data(as_text=True)
    assert "Since the last review" in review
    assert "Attitude of Ada: unknown → +1 supporter." in review
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart"' in review


def test_the_review_page_computes_its_history_once_per_state_of_the_data(client, deal, db,
                                                                         csrf):
    from powermap.report_cache import REPORTS

    opportunity = deal["opportunity"]
    url = f"/opportunities/{opportunity}/review"
    client.post(f"/opportunities/{opportunity}/reviews", data={"csrf_token": csrf, "name": "R1"})
    assert "Review recorded: R1." in client.get(url).get_data(as_text=True)  # shows the flash
    first = client.get(url).get_data(as_text=True)
    assert "Since the last review" in first and "Attitude of Ada" not in first
    hits, misses = REPORTS.hits, REPORTS.misses
    assert client.get(url).get_data(as_text=True) == first
    assert (REPORTS.hits - hits, REPORTS.misses) == (3, misses)  # report, diff, trend
    db.update("buying_center_entry", deal["entry_ada"], {"attitude": 1})
    assert "Attitude of Ada: unknown → +1 supporter." in client.get(url).get_data(as_text=True)
    assert REPORTS.misses > misses
    client.post(f"/opportunities/{opportunity}/reviews", data={"csrf_token": csrf, "name": "R2"})
    assert "Attitude of Ada" not in client.get(url).get_data(as_text=True)


def test_the_trend_image_is_svg(client, deal):
    answer = client.get(f"/opportunities/{deal['opportunity']}/trend.svg")
    assert answer.status_code == 200
    assert answer.mimetype == "image/svg+xml"
    assert answer.get_data(as_text=True).lstrip().startswith("<svg")


def test_marking_an_action_done_with_its_outcome(client, deal, db, csrf):
    action = db.get("action", deal["action"])
    client.post(f"/actions/{deal['action']}/done", data={
        "csrf_token": csrf, "version": str(action["version"]), "attitude": "支持者",
        "strength": "2", "contact_date": "2026-11-20", "actual_effect": "Met at HQ"})
    assert db.get("action", deal["action"])["status"] == "done"
    entry = db.get("buying_center_entry", deal["entry_ada"])
    assert (entry["attitude"], entry["verified_at"]) == (1, "2026-11-20")
    [cover] = db.rows("coverage", "stakeholder_id = ?", [deal["Ada"]])
    assert (cover["strength"], cover["last_contact"]) == (2, "2026-11-20")


def test_api_as_of_gives_the_past_analysis(client, deal, db):
    with clock.frozen_at(dt.datetime(2040, 1, 1, tzinfo=dt.UTC)):
        db.update("buying_center_entry", deal["entry_ada"], {"attitude": -2})
    opportunity = deal["opportunity"]
    now = client.get(f"/api/v1/opportunities/{opportunity}/analysis").get_json()
    then = client.get(f"/api/v1/opportunities/{opportunity}/analysis?as_of=2039-12-31"
                      "&today=2026-11-01").get_json()
    attitudes = {p["stakeholder_id"]: p["attitude"] for p in then["support"]["people"]}
    assert attitudes[deal["Ada"]] is None
    assert {p["stakeholder_id"]: p["attitude"]
            for p in now["support"]["people"]}[deal["Ada"]] == -2
    assert client.get(f"/api/v1/opportunities/{opportunity}/map?as_of=2039-12-31"
                      ).status_code == 200
    assert client.get(f"/api/v1/opportunities/{opportunity}/analysis?as_of=1990-01-01"
                      ).status_code == 404
    assert client.get(f"/api/v1/opportunities/{opportunity}/analysis?as_of=x").status_code == 400


def test_api_reviews_diff_trend_history_and_revert(client, deal, db):
    opportunity = deal["opportunity"]
    assert client.get(f"/api/v1/opportunities/{opportunity}/diff").status_code == 404
    for unknown in (opportunity + 50, 2 ** 70):  # regression: a key of 2 ** 70 overflowed
        assert client.get(f"/api/v1/opportunities/{unknown}/diff").status_code == 404
        assert client.get(f"/api/v1/opportunities/{unknown}/trend").status_code == 404
    made = client.post(f"/api/v1/opportunities/{opportunity}/reviews", json={"name": "Q1"})
    assert made.status_code == 201 and made.get_json()["name"] == "Q1"
    assert [r["name"] for r in client.get(
        f"/api/v1/opportunities/{opportunity}/reviews").get_json()] == ["Q1"]
    db.update("buying_center_entry", deal["entry_ada"], {"influence": 4})
    found = client.get(f"/api/v1/opportunities/{opportunity}/diff?since=review").get_json()
    assert found["changes"]["influence"] == [{"stakeholder_id": deal["Ada"], "name": "Ada",
                                              "before": 5, "after": 4}]
    assert len(client.get(f"/api/v1/opportunities/{opportunity}/trend").get_json()) >= 1
    sets = client.get(f"/api/v1/accounts/{deal['account']}/history").get_json()
    from powermap import actor, clock

    assert sets[0]["changes"][0]["fields"] == [
        {"name": "influence", "label": "Influence", "before": "decisive", "after": "major"},
        {"name": "verified_at", "label": "Verified at", "before": "–",
         "after": clock.now().date().isoformat()},
        {"name": "verified_by", "label": "Verified by", "before": "–",
         "after": actor.local().login}]  # a score edit is a verification
    reverted = client.post(f"/api/v1/changes/{sets[0]['id']}/revert", json={})
    assert reverted.status_code == 201
    assert db.get("buying_center_entry", deal["entry_ada"])["influence"] == 5
    again = client.post(f"/api/v1/changes/{sets[0]['id']}/revert", json={})
    assert again.status_code == 409


def test_the_opportunity_page_draws_the_map_as_of_a_date(client, deal, db):
    opportunity = deal["opportunity"]
    page = client.get(f"/opportunities/{opportunity}?as_of=2026-11-01").get_data(as_text=True)
    assert "This map shows the state at the end of 1 Nov 2026 (UTC)" in page
    assert f"/api/v1/opportunities/{opportunity}/map?as_of=2026-11-01" in page
    assert "This map shows the state" not in client.get(
        f"/opportunities/{opportunity}").get_data(as_text=True)
    assert client.get(f"/opportunities/{opportunity}?as_of=never").status_code == 400


def test_chinese_history_and_review_pages(client, deal, db, csrf):
    client.set_cookie("lang", "zh_CN")
    opportunity = deal["opportunity"]
    client.post(f"/opportunities/{opportunity}/reviews", data={"csrf_token": csrf,
                                                               "name": "首次评审"})
    db.update("stakeholder", deal["Ada"], {"name": "王建国", "title": "董事长"})
    db.update("buying_center_entry", deal["entry_ada"], {"attitude": 2})
    history_page = client.get(f"/accounts/{deal['account']}/history").get_data(as_text=True)
    assert "职务：CEO → 董事长" in history_page
    assert f'href="/accounts/{deal["account"]}/history"' in client.get(
        f"/accounts/{deal['account']}").get_data(as_text=True)
    review = client.get(f"/opportunities/{opportunity}/review").get_data(as_text=True)
    assert "自上次评审以来" in review
    assert "与 " in review and "记录的评审“首次评审”相比。" in review
    assert "王建国 的态度：未知 → +2 拥护者。" in review
