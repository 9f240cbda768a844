"""A caller who may not write sees a read-only product: no form that posts, no button that
writes, no link to a page that is a form for a write (powermap.web.permissions.may_write,
read by the pages as ``can_edit`` and by the map as ``data-read-only``).

Each page is asked by the viewer ``vic`` and by the member ``mia`` (both on account A's
team); the write controls found are compared exactly. The language switch and Sign out
post too, but write nothing of the account: they are left out of the comparison.
"""

from __future__ import annotations

import re

import pytest

#: Form posts that every signed-in reader has: the language switch and Sign out.
_EVERYONE = ("/language", "/logout")
#: Links to pages that are only a form for a write (permissions.WRITE_PAGES).
_WRITE_LINK = re.compile(r'href="(/[^"]*/(?:new|edit|delete|import|table)\b[^"]*)"')
_POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]*)"', re.IGNORECASE)


def write_controls(html: str) -> list[str]:
    """The page's write controls: ``POST <action>`` per form, ``GET <href>`` per link."""
    posts = [f"POST {a}" for a in _POST_FORM.findall(html) if a not in _EVERYONE]
    links = [f"GET {h.replace('&amp;', '&')}" for h in _WRITE_LINK.findall(html)]
    return posts + links


def _pages(teams) -> dict[str, str]:
    a = teams.A
    return {
        "account": f"/accounts/{a['account']}",
        "opportunity": f"/opportunities/{a['opportunity']}",
        "review": f"/opportunities/{a['opportunity']}/review",
        "actions": "/actions",
        "account history": f"/accounts/{a['account']}/history",
        "opportunity history": f"/opportunities/{a['opportunity']}/history",
        "portfolio": "/portfolio",
        "records": "/records/stakeholders",
        "accounts": "/accounts",
    }


def _controls(teams, who: str, page: str, **kwargs) -> list[str]:
    answer = teams.client(who, **kwargs).get(_pages(teams)[page])
    assert answer.status_code == 200
    return write_controls(answer.get_data(as_text=True))


@pytest.mark.parametrize("page", ["account", "opportunity", "review", "actions",
                                  "account history", "opportunity history", "portfolio",
                                  "records", "accounts"])
def test_a_viewer_sees_no_write_control(teams_for_reading, page):
    assert _controls(teams_for_reading, "vic", page) == []


def test_a_member_sees_the_write_controls_of_their_account(teams_for_reading):
    teams = teams_for_reading
    a = teams.A
    here = f"/accounts/{a['account']}"
    new = [f"GET /records/{c}/new?next={here}&account_id={a['account']}"
           for c in ("opportunities", "stakeholders", "team-members", "coverage",
                     "relationships", "competitor-positions")]
    assert _controls(teams, "mia", "account") == [
        f"GET /records/accounts/{a['account']}/edit?next={here}",
        f"GET /accounts/{a['account']}/import",  # no delete: accounts are deleted by admins
        new[0], f"GET /records/opportunities/{a['opportunity']}/edit?next={here}",
        new[1], *[f"GET /records/stakeholders/{a[f'person{n}']}/edit?next={here}"
                  for n in (1, 2, 3)],
        new[2], *[f"GET /records/team-members/{a[k]}/edit?next={here}"
                  for k in ("team_member", "lead", "viewer")],  # ExtraA, LeadA, ViewerA
        new[3], f"GET /records/coverage/{a['coverage']}/edit?next={here}",
        new[4], f"GET /records/relationships/{a['relationship']}/edit?next={here}",
        new[5], f"GET /records/competitors/new?next={here}",
        f"GET /records/competitor-positions/{a['competitor_position']}/edit?next={here}"]
    deal = a["opportunity"]
    here = f"/opportunities/{deal}"
    assert _controls(teams, "mia", "opportunity") == [
        f"POST /opportunities/{deal}/campaign", f"POST /opportunities/{deal}/undo",
        f"POST /opportunities/{deal}/reviews", f"POST /actions/{a['action']}/done",
        f"GET /opportunities/{deal}/table", f"GET /records/opportunities/{deal}/edit?next={here}",
        f"GET /records/opportunities/{deal}/delete",
        f"GET /records/buying-center/new?next={here}&opportunity_id={deal}",
        f"GET /records/buying-center/{a['buying_center_entry']}/edit?next={here}",
        f"GET /records/opportunity-competitors/new?next={here}&opportunity_id={deal}",
        f"GET /records/opportunity-competitors/{a['opportunity_competitor']}/delete"
        f"?next={here}",
        f"GET /records/actions/new?next={here}&opportunity_id={deal}",
        f"GET /records/actions/{a['action']}/edit?next={here}?"]
    assert _controls(teams, "mia", "actions") == [
        f"POST /actions/{a['action']}/done",
        f"GET /records/actions/{a['action']}/edit?next=/actions?"]
    assert _controls(teams, "mia", "records") == [
        "GET /records/stakeholders/new?next=/records/stakeholders",
        *[f"GET /records/stakeholders/{a[f'person{n}']}/edit?next=/records/stakeholders"
          for n in (1, 2, 3)]]
    assert _controls(teams, "mia", "review") == []  # the review page writes nothing


def test_what_only_an_admin_may_do_is_shown_to_admins_only(teams_for_reading):
    """The portfolio's weights, creating and deleting accounts, reverting someone else's
    change: a member sees the facts, an administrator the forms."""
    teams = teams_for_reading
    assert _controls(teams, "mia", "portfolio") == []
    assert _controls(teams, "ada", "portfolio") == ["POST /portfolio/weights"]
    page = teams.client("mia").get("/portfolio").get_data(as_text=True)
    assert '<td>Cumulative sales</td><td class="num">' in page  # the weights, read only
    assert _controls(teams, "mia", "accounts") == []
    assert _controls(teams, "ada", "accounts") == ["GET /records/accounts/new?next=/accounts"]
    assert f"GET /records/accounts/{teams.A['account']}/delete" in _controls(teams, "ada",
                                                                            "account")
    # competitors are shared by every account: a member may add one, an admin change them
    here = "/records/competitors"
    member = write_controls(teams.client("mia").get(here).get_data(as_text=True))
    assert member == [f"GET /records/competitors/new?next={here}"]
    admin = write_controls(teams.client("ada").get(here).get_data(as_text=True))
    assert admin[0] == member[0] and len(admin) > 1
    assert all(c.startswith("GET /records/competitors/") and c.endswith(f"/edit?next={here}")
               for c in admin[1:])
    assert _controls(teams, "mia", "opportunity history") == []
    reverts = _controls(teams, "ada", "opportunity history")
    assert reverts and all(c.startswith("POST /changes/") for c in reverts)


def test_a_read_only_token_sees_what_a_viewer_sees(teams_for_reading):
    """mia may write, but her read-only token may not."""
    assert _controls(teams_for_reading, None, "opportunity", token="read") == []
    assert _controls(teams_for_reading, None, "account", token="write") != []


def _map_root(html: str) -> str:
    return html[html.index("<div id=\"powermap\""):].split(">", 1)[0]


def test_the_map_is_told_it_is_read_only(teams_for_reading):
    page = f"/opportunities/{teams_for_reading.A['opportunity']}"
    viewer = _map_root(teams_for_reading.client("vic").get(page).get_data(as_text=True))
    member = _map_root(teams_for_reading.client("mia").get(page).get_data(as_text=True))
    assert 'data-read-only="true"' in viewer and 'data-csrf-token=""' in viewer
    assert 'data-read-only="false"' in member and 'data-csrf-token="test-token"' in member


def test_local_mode_stays_editable(app, db):
    """No users: this machine's owner does everything, as before users existed."""
    client = app.test_client()
    account = db.create("account", {"name": "Acme"})["id"]
    deal = db.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
    page = client.get(f"/opportunities/{deal}").get_data(as_text=True)
    assert 'data-read-only="false"' in _map_root(page)
    controls = write_controls(page)
    assert f"POST /opportunities/{deal}/campaign" in controls
    assert f"GET /records/opportunities/{deal}/delete" in controls
    assert f"GET /records/accounts/{account}/delete" in write_controls(
        client.get(f"/accounts/{account}").get_data(as_text=True))
    weights = write_controls(client.get("/portfolio").get_data(as_text=True))
    assert weights == ["POST /portfolio/weights"]
