"""The HTML pages: accounts, account, opportunity, deal review, actions, records."""

from __future__ import annotations

import re

import pytest

from powermap.schema import ENTITIES

XSS = "<script>alert('pm')</script>"


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def test_home_lists_accounts_with_each_opportunity_health(client, demo, db):
    page = _page(client, "/")
    assert _page(client, "/accounts").replace('next=/accounts"', 'next=/"').replace(
        'name="next" value="/accounts"', 'name="next" value="/"') == page
    for account in db.rows("account"):
        assert f'href="/accounts/{account["id"]}"' in page
    badges = re.findall(r'class="health health-(red|amber|green)"', page)
    assert len(badges) == len(demo["opportunities"])


def test_health_matches_the_analysis(client, deal):
    report = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis").get_json()
    health = report["risks"]["health"]
    assert f'<span class="health health-{health}" title="Map health">{health}</span>' in _page(
        client, "/")


def test_empty_home_invites_to_add_an_account(client):
    assert "No accounts yet" in _page(client, "/")


def test_account_page_shows_people_team_deals_relationships_competitors(client, deal):
    page = _page(client, f"/accounts/{deal['account']}")
    for text in ("Ada", "CEO", "Sam", "Account lead", "ERP", "reports to", "influences",
                 "Rival", "3 trusted", "Strategic"):
        assert text in page, text
    assert f'href="/records/stakeholders/new?next=/accounts/{deal["account"]}&amp;account_id=' \
           f'{deal["account"]}"' in page


def test_opportunity_page_embeds_the_map_partial(client, deal):
    page = _page(client, f"/opportunities/{deal['opportunity']}")
    assert f'data-map-url="/api/v1/opportunities/{deal["opportunity"]}/map"' in page
    assert 'data-api-base="/api/v1"' in page
    assert '<script src="/assets/map.js"></script>' in page
    assert 'data-csrf-token="' in page and 'data-csrf-token=""' not in page
    # health, risk flags and suggestions come from the map payload, live; not twice
    assert "Whom to win next" not in page and "Plan this action" not in page
    assert "Decision maker" in page and "决策" not in page  # one language at a time


def test_map_script_is_served_joined_in_order_and_revalidated(client):
    from powermap.resources import map_script

    response = client.get("/assets/map.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.get_data(as_text=True) == map_script()
    assert response.headers["Cache-Control"] == "no-cache"
    again = client.get("/assets/map.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_opportunity_page_of_unknown_id_is_404(client):
    assert "no opportunity 5" in _page(client, "/opportunities/5", 404)


def test_review_page_is_a_printable_one_pager(client, deal):
    page = _page(client, f"/opportunities/{deal['opportunity']}/review?today=2026-11-01")
    assert "as of 1 Nov 2026" in page
    assert "/static/app.css" in page  # carries the @media print rules
    assert '<svg class="grid-svg"' in page
    grid = page[page.index('<svg class="grid-svg"'):]
    assert len(re.findall(r"<circle ", grid[:grid.index("</svg>")])) == 3  # one per member
    # the map as a vector picture, every person on it
    picture = page[page.index('<section id="map"'):page.index('<section id="grid"')]
    assert picture.count('<g data-id="') == 3 and "Power map of ERP" in picture
    report = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis"
                        "?today=2026-11-01").get_json()
    for flag in report["risks"]["flags"]:
        assert flag["title"] in page
    assert "Rival" in page and "Executive visit" in page  # competitor position, next step
    assert "Sam" in page and "15 Nov 2026" in page  # the step's owner and due date
    assert "https://" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_review_bad_date_is_400(client, deal):
    _page(client, f"/opportunities/{deal['opportunity']}/review?today=soon", 400)


def test_demo_pages_render(client, demo, db):
    for opportunity_id in demo["opportunities"]:
        page = _page(client, f"/opportunities/{opportunity_id}")
        for entry in db.rows("buying_center_entry", "opportunity_id = ? AND stakeholder_id "
                             "IS NOT NULL", [opportunity_id]):
            assert db.get("stakeholder", entry["stakeholder_id"])["name"] in page
        assert "<svg" in _page(client, f"/opportunities/{opportunity_id}/review")
    for account_id in demo["accounts"]:
        assert "华东能源集团" in _page(client, f"/accounts/{account_id}")


def test_actions_page_filters_by_status(client, deal, db):
    done = db.create("action", {"opportunity_id": deal["opportunity"], "stakeholder_id":
                                deal["Cy"], "type": "workshop", "status": "done"})
    page = _page(client, "/actions")
    assert "Executive visit" in page and "Workshop" not in page
    page = _page(client, "/actions?status=done")
    assert "Workshop" in page and "Executive visit" not in page
    assert "Workshop" in _page(client, "/actions?status=all")
    assert "Executive visit" not in _page(client, "/actions?opportunity_id=99")
    _page(client, "/actions?status=someday", 400)
    assert done["id"]


def test_mark_done(client, deal, db, csrf):
    response = client.post(f"/actions/{deal['action']}/done",
                           data={"csrf_token": csrf, "version": "1", "next": "/actions"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/actions"
    assert db.get("action", deal["action"])["status"] == "done"
    assert "Mark done" not in _page(client, "/actions")


def test_mark_done_stale_is_409(client, deal, db, csrf):
    db.update("action", deal["action"], {"notes": "moved"})
    response = client.post(f"/actions/{deal['action']}/done",
                           data={"csrf_token": csrf, "version": "1"})
    assert response.status_code == 409
    assert db.get("action", deal["action"])["status"] == "planned"


def test_mark_done_needs_csrf(client, deal, db):
    assert client.post(f"/actions/{deal['action']}/done").status_code == 400
    assert db.get("action", deal["action"])["status"] == "planned"


@pytest.mark.parametrize("ent", list(ENTITIES.values()), ids=lambda e: e.collection)
def test_records_list_of_every_entity(client, deal, ent):
    page = _page(client, f"/records/{ent.collection}")
    assert f'href="/records/{ent.collection}/new' in page


def test_script_in_names_comes_back_escaped_in_every_page(client, db, csrf):
    account = client.post("/api/v1/accounts", json={"name": XSS, "industry": XSS,
                                                     "notes": XSS}).get_json()["id"]
    response = client.post("/records/opportunities/new", data={
        "csrf_token": csrf, "account_id": account, "name": XSS, "currency": XSS, "notes": XSS})
    assert response.status_code == 303
    opp = db.rows("opportunity")[0]["id"]
    boss = client.post("/api/v1/stakeholders", json={
        "account_id": account, "name": XSS, "title": XSS, "department": XSS}).get_json()["id"]
    other = db.create("stakeholder", {"account_id": account, "name": XSS + "2"})["id"]
    db.create("relationship", {"source_id": other, "target_id": boss, "type": "reports_to"})
    db.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": boss,
                                      "roles": ["decision_maker"], "influence": 5,
                                      "verified_by": XSS})
    db.create("buying_center_entry", {"opportunity_id": opp, "placeholder": XSS,
                                      "roles": ["approver"]})
    member = db.create("team_member", {"account_id": account, "name": XSS, "title": XSS})["id"]
    db.create("coverage", {"team_member_id": member, "stakeholder_id": other, "strength": 2})
    rival = db.create("competitor", {"name": XSS})["id"]
    db.create("opportunity_competitor", {"opportunity_id": opp, "competitor_id": rival})
    db.create("competitor_position", {"competitor_id": rival, "stakeholder_id": boss,
                                      "coverage": 4, "preference": 2})
    action = db.create("action", {"opportunity_id": opp, "stakeholder_id": boss,
                                  "owner_id": member, "type": "deepen",
                                  "expected_effect": XSS})["id"]
    urls = ["/", f"/accounts/{account}", f"/opportunities/{opp}",
            f"/opportunities/{opp}/review", "/actions",
            f"/records/stakeholders/{boss}/edit", f"/records/actions/{action}/edit",
            f"/records/buying-center/new?opportunity_id={opp}",
            f"/records/accounts/{account}/delete"]
    urls += [f"/records/{e.collection}" for e in ENTITIES.values()]
    for url in urls:
        page = _page(client, url)
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&#39;pm&#39;)&lt;/script&gt;" in page, url
    page = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": account, "name": XSS, "level": "42"}
                       ).get_data(as_text=True)
    assert "<script>alert" not in page


def test_chinese_names_shown_as_typed(client, db, csrf):
    response = client.post("/records/accounts/new", data={"csrf_token": csrf,
                                                          "name": "华东能源集团"})
    assert response.status_code == 303
    assert "华东能源集团" in _page(client, response.headers["Location"])
    assert "华东能源集团" in _page(client, "/")


def test_no_external_urls_in_pages(client, deal):
    for url in ("/", f"/accounts/{deal['account']}", f"/opportunities/{deal['opportunity']}",
                "/actions", "/records/accounts/new"):
        page = _page(client, url)
        assert not re.search(r'(src|href)="(https?:)?//', page), url


def test_unknown_page_is_html_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_import_and_export_pages_are_linked_when_registered(app, client, deal):
    account = _page(client, f"/accounts/{deal['account']}")
    opportunity = _page(client, f"/opportunities/{deal['opportunity']}")
    if "transfer.upload" in app.view_functions:
        assert f'href="/accounts/{deal["account"]}/import"' in account
    if "transfer.downloads" in app.view_functions:
        assert f'href="/opportunities/{deal["opportunity"]}/export"' in opportunity


def test_map_page_links_the_trimmed_vis_network_stylesheet(client, deal):
    page = _page(client, f"/opportunities/{deal['opportunity']}")
    assert '<link rel="stylesheet" href="/assets/vis-network.css">' in page
    response = client.get("/assets/vis-network.css")
    css = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert ".vis-tooltip" in css and "data:" not in css and "manipulation" not in css
    assert len(css) < 20_000  # the vendored sheet is 220 KB, mostly icons the map never shows
