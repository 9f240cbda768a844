"""Every route of the app, asked by every kind of caller: allowed ones succeed, others are
refused and tell nothing about accounts the caller is not on.

Callers: ``ada`` (admin), ``mia`` (member of account A's team), ``oz`` (member of B's
team, asking about A), ``vic`` (viewer on A's team), anonymous, and a revoked API token.
Each request names records of account A. :data:`ROUTES` holds one request per route and
method; ``test_every_route_is_walked`` fails when a route is added without one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest

from powermap import clock
from powermap.schema import ENTITIES
from powermap.store import Store
from tests.users.conftest import CSRF, MARKERS, PASSWORD

CALLERS = ("ada", "mia", "oz", "vic", "anonymous", "revoked")
SIGNED_IN = ("ada", "mia", "oz", "vic")


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    url: str  # with {A[...]} placeholders
    ok: int
    #: Expected status per signed-in caller when it differs from ``ok``.
    refused: dict[str, int] = field(default_factory=dict)
    json: dict | None = None
    form: dict | None = None
    open: bool = False  # reachable without signing in

    def expected(self, caller: str) -> int:
        if self.open:
            return self.refused.get(caller, self.ok)
        if caller in ("anonymous", "revoked"):
            return 401 if self.url.startswith("/api/") else 303
        return self.refused.get(caller, self.ok)


READ = {"oz": 404}  # a record of A: nobody else's business
WRITE = {"oz": 404, "vic": 403}
CREATE = {"oz": 422, "vic": 403}  # the body points at A's records: to oz they do not exist
ADMIN = {"mia": 403, "oz": 403, "vic": 403}
ADMIN_RECORD = {"mia": 403, "oz": 404, "vic": 403}
#: A change made by someone else (the database's owner) on A: only an admin may revert it.
NOT_MINE = {"mia": 403, "oz": 404, "vic": 403}


def _api_routes() -> list[Route]:
    bodies = {
        "account": {"name": "New account"},
        "opportunity": {"account_id": "{A[account]}", "name": "New deal"},
        "stakeholder": {"account_id": "{A[account]}", "name": "New person"},
        "buying_center_entry": {"opportunity_id": "{A[opportunity]}",
                                "stakeholder_id": "{A[person3]}", "roles": ["user"]},
        "relationship": {"source_id": "{A[person3]}", "target_id": "{A[person1]}",
                         "type": "influences"},
        "team_member": {"account_id": "{A[account]}", "name": "New member"},
        "coverage": {"team_member_id": "{A[lead]}", "stakeholder_id": "{A[person3]}",
                     "strength": 1},
        "competitor": {"name": "New rival"},
        "opportunity_competitor": {"opportunity_id": "{A[opportunity]}",
                                   "competitor_id": "{C[other]}"},
        "competitor_position": {"competitor_id": "{C[other]}",
                                "stakeholder_id": "{A[person1]}", "coverage": 1},
        "action": {"opportunity_id": "{A[opportunity]}", "stakeholder_id": "{A[person2]}",
                   "type": "workshop"},
    }
    routes = []
    for ent in ENTITIES.values():
        base = f"/api/v1/{ent.collection}"
        record = "{C[rival]}" if ent.name == "competitor" else f"{{A[{ent.name}]}}"
        if ent.name == "account":
            create, delete = ADMIN, ADMIN_RECORD
        elif ent.name == "competitor":
            create, delete = {"vic": 403}, ADMIN
        else:
            create, delete = CREATE, WRITE
        routes += [
            Route(f"api.{ent.name}_collection", "GET", base, 200),
            Route(f"api.{ent.name}_collection", "POST", base, 201, create,
                  json=bodies[ent.name]),
            Route(f"api.{ent.name}_record", "GET", f"{base}/{record}", 200,
                  {} if ent.name == "competitor" else READ),
            Route(f"api.{ent.name}_record", "PATCH", f"{base}/{record}", 200,
                  ADMIN if ent.name == "competitor" else WRITE, json={}),
            Route(f"api.{ent.name}_record", "DELETE", f"{base}/{record}?cascade=true", 204,
                  delete),
        ]
    return routes


def _csv() -> dict:
    return {"csrf_token": CSRF, "kind": "stakeholders", "step": "preview",
            "file": (io.BytesIO("name\nNew 新人\n".encode()), "people.csv")}


ROUTES: list[Route] = [
    *_api_routes(),
    Route("api.analysis", "GET", "/api/v1/opportunities/{A[opportunity]}/analysis", 200, READ),
    Route("api.map_payload", "GET", "/api/v1/opportunities/{A[opportunity]}/map", 200, READ),
    Route("openapi.document", "GET", "/api/v1/openapi.json", 200),
    Route("static", "GET", "/static/app.css", 200, open=True),
    Route("opportunities.vis_network_stylesheet", "GET", "/assets/vis-network.css", 200,
          open=True),
    Route("opportunities.map_script_asset", "GET", "/assets/map.js", 200, open=True),
    Route("language.choose", "POST", "/language", 303, form={"lang": "en"}, open=True),
    Route("auth.login", "GET", "/login", 200, open=True),
    Route("auth.login", "POST", "/login", 401, form={"login": "mia", "password": "wrong!!!"},
          open=True),
    Route("auth.logout", "POST", "/logout", 303, form={}, open=True),
    Route("accounts.index", "GET", "/", 200),
    Route("accounts.index", "GET", "/accounts", 200),
    Route("accounts.account", "GET", "/accounts/{A[account]}", 200, READ),
    Route("opportunities.opportunity", "GET", "/opportunities/{A[opportunity]}", 200, READ),
    Route("review.review", "GET", "/opportunities/{A[opportunity]}/review", 200, READ),
    Route("actions.index", "GET", "/actions", 200),
    Route("actions.mark_done", "POST", "/actions/{A[action]}/done", 303, WRITE, form={}),
    Route("records.index", "GET", "/records/stakeholders", 200),
    Route("records.create", "GET", "/records/stakeholders/new?account_id={A[account]}", 200,
          {"vic": 403}),
    Route("records.create", "POST", "/records/stakeholders/new", 303, CREATE,
          form={"account_id": "{A[account]}", "name": "Form person"}),
    Route("records.edit", "GET", "/records/stakeholders/{A[person1]}/edit", 200, WRITE),
    Route("records.edit", "POST", "/records/stakeholders/{A[person1]}/edit", 303, WRITE,
          form={"name": "Renamed"}),
    Route("records.delete", "GET", "/records/stakeholders/{A[person3]}/delete", 200, WRITE),
    Route("records.delete", "POST", "/records/stakeholders/{A[person3]}/delete", 303, WRITE,
          form={}),
    Route("transfer.downloads", "GET", "/opportunities/{A[opportunity]}/export", 200, READ),
    Route("transfer.download", "GET", "/opportunities/{A[opportunity]}/export.json", 200,
          READ),
    Route("transfer.upload", "GET", "/accounts/{A[account]}/import", 200, WRITE),
    Route("transfer.preview_or_import", "POST", "/accounts/{A[account]}/import", 200, WRITE,
          form={}),
    Route("history.account_history", "GET", "/accounts/{A[account]}/history", 200, READ),
    Route("history.opportunity_history", "GET", "/opportunities/{A[opportunity]}/history", 200,
          READ),
    Route("history.trend_svg", "GET", "/opportunities/{A[opportunity]}/trend.svg", 200, READ),
    Route("history.record_review", "POST", "/opportunities/{A[opportunity]}/reviews", 303,
          WRITE, form={"name": "Bid review"}),
    Route("history.undo_last", "POST", "/opportunities/{A[opportunity]}/undo", 303, WRITE,
          form={}),
    # the page answers "not yours" with a message on the page it returns to
    Route("history.revert", "POST", "/changes/{A[change_set]}/revert", 303,
          {"oz": 404, "vic": 403}, form={}),
    Route("history_api.account_history", "GET", "/api/v1/accounts/{A[account]}/history", 200,
          READ),
    Route("history_api.opportunity_history", "GET",
          "/api/v1/opportunities/{A[opportunity]}/history", 200, READ),
    Route("history_api.diff", "GET",
          "/api/v1/opportunities/{A[opportunity]}/diff?since={today}", 200, READ),
    Route("history_api.trend_points", "GET", "/api/v1/opportunities/{A[opportunity]}/trend",
          200, READ),
    Route("history_api.reviews", "GET", "/api/v1/opportunities/{A[opportunity]}/reviews", 200,
          READ),
    Route("history_api.record_review", "POST", "/api/v1/opportunities/{A[opportunity]}/reviews",
          201, WRITE, json={"name": "Bid review"}),
    Route("history_api.revert", "POST", "/api/v1/changes/{A[change_set]}/revert", 201,
          NOT_MINE, json={}),
    Route("api.plan", "POST", "/api/v1/opportunities/{A[opportunity]}/plans", 201, WRITE,
          json={"stakeholder_id": "{A[person1]}"}),
    Route("campaign_api.campaign", "GET", "/api/v1/opportunities/{A[opportunity]}/campaign",
          200, READ),
    Route("campaign_api.plan_campaign_api", "POST",
          "/api/v1/opportunities/{A[opportunity]}/campaign", 200, WRITE, json={}),
    Route("campaign.plan_campaign_page", "POST", "/opportunities/{A[opportunity]}/campaign",
          303, WRITE, form={}),
    Route("positions.keep", "PUT", "/api/v1/opportunities/{A[opportunity]}/positions", 200,
          WRITE, json={"positions": [{"stakeholder_id": "{A[person1]}", "x": 10, "y": 20}]}),
    Route("positions.forget", "DELETE", "/api/v1/opportunities/{A[opportunity]}/positions",
          200, WRITE),
    Route("entry_table.show", "GET", "/opportunities/{A[opportunity]}/table", 200, WRITE),
    Route("entry_table.save_grid", "POST", "/opportunities/{A[opportunity]}/table", 303, WRITE,
          form={}),
    Route("entry_table.save_sheet", "POST", "/opportunities/{A[opportunity]}/table/coverage",
          303, WRITE, form={}),
    Route("entry_table.save_sheet", "POST",
          "/opportunities/{A[opportunity]}/table/relationships", 303, WRITE, form={}),
    Route("portfolio.page", "GET", "/portfolio", 200),
    Route("portfolio.export", "GET", "/portfolio/export.csv", 200),
    Route("portfolio.pareto_chart", "GET", "/portfolio/pareto.svg", 200),
    Route("portfolio_api.api_portfolio", "GET", "/api/v1/portfolio", 200),
    Route("portfolio.set_weights", "POST", "/portfolio/weights", 303, ADMIN,
          form={"cumulative_sales": "50"}),
    Route("portfolio_api.api_set_weights", "PUT", "/api/v1/portfolio/weights", 200, ADMIN,
          json={"cumulative_sales": 50}),
    Route("admin.users", "GET", "/admin/users", 200, ADMIN),
    Route("admin.add", "POST", "/admin/users", 303, ADMIN,
          form={"login": "neo", "password": "a long password", "role": "viewer"}),
    Route("admin.change", "POST", "/admin/users/{U[vic]}", 303, ADMIN,
          form={"action": "role", "role": "member"}),
    Route("admin.revoke_any_token", "POST", "/admin/tokens/2/revoke", 303, ADMIN, form={}),
    Route("admin.my_tokens", "GET", "/tokens", 200),
    Route("admin.my_tokens", "POST", "/tokens", 201, form={"name": "mine"}),
    Route("admin.revoke_my_token", "POST", "/tokens/2/revoke", 303,
          {"ada": 404, "oz": 404, "vic": 404}, form={}),
    Route("settings.page", "GET", "/account/settings", 200),
    Route("settings.change_password", "POST", "/account/settings/password", 303,
          form={"current_password": PASSWORD, "new_password": "a new long password",
                "repeat_password": "a new long password"}),
    Route("settings.change_language", "POST", "/account/settings/language", 303,
          form={"language": "zh_CN"}),
]


def _fill(text: str, teams) -> str:
    return text.format(A=teams.A, C=teams.competitors, today=clock.now().date().isoformat(),
                       U={k: u.id for k, u in teams.users.items()})


def _body(value, teams):
    if isinstance(value, str):
        filled = _fill(value, teams)
        return int(filled) if filled.isdigit() and value.startswith("{") else filled
    if isinstance(value, list):
        return [_body(v, teams) for v in value]
    if isinstance(value, dict):
        return {k: _body(v, teams) for k, v in value.items()}
    return value


def _request(teams, route: Route, caller: str):
    client = teams.client(None if caller in ("anonymous", "revoked") else caller,
                          token="revoked" if caller == "revoked" else None)
    url = _fill(route.url, teams)
    if route.json is not None:
        return client.open(url, method=route.method,
                           json={k: _body(v, teams) for k, v in route.json.items()})
    if route.form is not None:
        data = {"csrf_token": CSRF, **{k: _body(v, teams) for k, v in route.form.items()}}
        if route.endpoint == "transfer.preview_or_import":
            data = _csv()
        return client.open(url, method=route.method, data=data)
    return client.open(url, method=route.method)


def _ids(route: Route) -> str:
    return f"{route.method} {route.url}"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", ROUTES, ids=_ids)
def test_route(request, route, caller):
    teams = request.getfixturevalue("teams_for_reading" if route.method == "GET" else "teams")
    response = _request(teams, route, caller)
    body = response.get_data(as_text=True)
    assert response.status_code == route.expected(caller), body[:500]
    if caller in ("oz", "anonymous", "revoked"):
        for marker in MARKERS["A"]:
            assert marker not in body
    if caller in ("mia", "vic"):  # A's team sees nothing of B's
        for marker in MARKERS["B"]:
            assert marker not in body
    if response.status_code == 303 and route.expected(caller) == 303 \
            and caller in ("anonymous", "revoked") and not route.open:
        assert response.headers["Location"].startswith("/login?next=")
    response.close()


def test_every_route_is_walked(teams):
    walked = {(r.endpoint, r.method) for r in ROUTES}
    for rule in teams.app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (rule.endpoint, method) in walked, (rule.rule, method)


def test_lists_hold_only_the_callers_accounts(teams):
    answer = teams.client("oz").get("/api/v1/stakeholders").get_json()
    assert sorted(p["name"] for p in answer) == [f"SecretB Person{n}" for n in (1, 2, 3)]
    filtered = teams.client("oz").get(f"/api/v1/stakeholders?account_id={teams.A['account']}")
    assert filtered.status_code == 200 and filtered.get_json() == []
    nothing = teams.client("oz").get("/api/v1/stakeholders?account_id=999")
    assert nothing.get_json() == []  # a foreign account answers like one that does not exist
    assert [a["name"] for a in teams.client("mia").get("/api/v1/accounts").get_json()] == [
        "Acme 甲方"]
    assert len(teams.client("ada").get("/api/v1/accounts").get_json()) == 2


def test_a_guessed_id_of_another_account_is_like_a_missing_one(teams):
    client = teams.client("oz")
    for url in ("/api/v1/stakeholders/{}", "/api/v1/opportunities/{}/map",
                "/records/stakeholders/{}/edit", "/opportunities/{}/review"):
        known = teams.A["person1"] if "stakeholders" in url else teams.A["opportunity"]
        foreign = client.get(url.format(known))
        missing = client.get(url.format(99999))
        assert foreign.status_code == missing.status_code == 404
        assert missing.get_data(as_text=True).replace("99999", str(known)) == \
            foreign.get_data(as_text=True), url


def test_a_reference_by_name_to_another_account_is_not_found(teams):
    answer = teams.client("oz").post("/api/v1/opportunities",
                                     json={"account_id": "Acme 甲方", "name": "Grab"})
    assert answer.status_code == 422
    with Store(teams.path) as store:
        assert store.rows("opportunity", "name = ?", ["Grab"]) == []


def test_a_member_cannot_move_a_record_into_another_account(teams):
    answer = teams.client("oz").patch(f"/api/v1/actions/{teams.B['action']}",
                                      json={"stakeholder_id": teams.A["person1"]})
    assert answer.status_code == 422
    with Store(teams.path) as store:
        assert store.get("action", teams.B["action"])["stakeholder_id"] == teams.B["person1"]


def test_writes_are_made_as_the_signed_in_user(teams, monkeypatch):
    from powermap import actor

    seen = []
    original = Store.update

    def spy(self, *args, **kwargs):
        seen.append(actor.current())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "update", spy)
    answer = teams.client("mia").patch(f"/api/v1/stakeholders/{teams.A['person1']}",
                                       json={"title": "CTO"})
    assert answer.status_code == 200
    assert seen == [actor.Actor("mia", teams.users["mia"].id)]
