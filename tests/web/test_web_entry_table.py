"""The buying-center table page: one form, one save, problems in their cells."""

from __future__ import annotations


def _form(csrf, rows, new=()):
    data = {"csrf_token": csrf, "rows": str(len(rows)), "new_columns": str(len(new))}
    for n, name in enumerate(new):
        data[f"new-{n}"] = name
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"r{i}-{key}"] = value
    return data


def test_table_page_saves_and_shows_problems_in_cells(client, db, csrf):
    acme = db.create("account", {"name": "Acme"})["id"]
    erp = db.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    page = client.get(f"/opportunities/{erp}/table")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'name="r9-name"' in html and 'name="r10-name"' not in html  # ten empty rows
    assert f'href="/opportunities/{erp}/table"' in client.get(
        f"/opportunities/{erp}").get_data(as_text=True)
    bad = client.post(f"/opportunities/{erp}/table", data=_form(csrf, [
        {"name": "<b>李伟</b>", "roles": "user", "influence": "9"}, {"name": ""}]))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'class="cell-error"><input type="text" name="r0-influence" value="9"' in html
    assert "&lt;b&gt;李伟&lt;/b&gt;" in html and "<b>李伟" not in html
    assert db.counts()["stakeholder"] == 0
    good = client.post(f"/opportunities/{erp}/table", data=_form(csrf, [
        {"name": "李伟", "roles": "决策者", "influence": "5", "preference:Rival": "1"}],
        new=["Rival"]))
    assert good.status_code == 303
    assert good.headers["Location"].endswith(
        f"/opportunities/{erp}/table?saved=people#sheet-people")
    [entry] = db.rows("buying_center_entry")
    assert (entry["roles"], entry["influence"]) == (["decision_maker"], 5)
    assert [p["preference"] for p in db.rows("competitor_position")] == [1]
    html = client.get(f"/opportunities/{erp}/table?saved=people").get_data(as_text=True)
    assert html.count('<div class="notice" role="status">') == 1
    assert 'value="李伟"' in html and "Preference for Rival" in html


def test_the_page_holds_three_sheets_each_saved_on_its_own(client, deal):
    html = client.get(f"/opportunities/{deal['opportunity']}/table").get_data(as_text=True)
    for sheet in ("people", "relationships", "coverage"):
        assert f'<a href="#sheet-{sheet}">' in html and f'id="sheet-{sheet}"' in html
    opp = deal["opportunity"]
    assert f'action="/opportunities/{opp}/table/relationships"' in html
    assert f'action="/opportunities/{opp}/table/coverage"' in html
    assert 'name="r0-source" value="Bo" data-row="0" data-col="0" list="pm-people"' in html
    assert 'name="r1-type" value="influences" data-row="1" data-col="2" list="pm-types"' in html
    assert 'name="r0-team_member" value="Sam"' in html and 'name="r0-owner" value="yes"' in html
    assert '<datalist id="pm-people"><option value="Ada"><option value="Bo"><option value="Cy">' \
        in html
    # a box on every saved row: three members, two relationships, one coverage
    assert [html.count(f'name="r{n}-delete"') for n in range(4)] == [3, 2, 1, 0]
    assert "data-delete-question=\"Remove {name} from this deal&#39;s buying center? They " \
        "stay on the account.\"" in html


def test_relationship_sheet_saves_and_shows_problems_in_cells(client, db, deal, csrf):
    opp, url = deal["opportunity"], f"/opportunities/{deal['opportunity']}/table/relationships"
    [line, tie] = db.rows("relationship")
    rows = [{"id": str(line["id"]), "version": "1", "source": "Bo", "target": "Ada",
             "type": "reports to", "strength": "3"},
            {"id": str(tie["id"]), "version": "1", "source": "Cy", "target": "Bo",
             "type": "influences", "strength": "2", "delete": "1"},
            {"source": "Ada", "target": "Bo", "type": "reports_to"},
            {"source": "<b>Zed</b>", "target": "Ada", "type": "allied"}]
    bad = client.post(url, data=_form(csrf, rows))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert ('class="cell-error"><input type="text" name="r2-target" value="Bo"' in html)
    assert "&#39;Ada&#39; reporting to &#39;Bo&#39; would make a reporting cycle" in html
    assert "no stakeholder &#39;&lt;b&gt;Zed&lt;/b&gt;&#39;" in html and "<b>Zed" not in html
    assert 'name="r1-delete" value="1" data-delete-row checked' in html
    assert len(db.rows("relationship")) == 2
    rows[2:] = [{"source": "Ada", "target": "Cy", "type": "冲突", "strength": "3"}]
    good = client.post(url, data=_form(csrf, rows))
    assert good.status_code == 303
    assert good.headers["Location"].endswith(
        f"/opportunities/{opp}/table?saved=relationships#sheet-relationships")
    assert [(r["source_id"], r["target_id"], r["type"], r["strength"])
            for r in db.rows("relationship")] == [
        (deal["Bo"], deal["Ada"], "reports_to", 3), (deal["Ada"], deal["Cy"], "conflict", 3)]


def test_a_stale_coverage_row_is_a_conflict(client, db, deal, csrf):
    url = f"/opportunities/{deal['opportunity']}/table/coverage"
    [cover] = db.rows("coverage")
    db.update("coverage", cover["id"], {"strength": 4})
    answer = client.post(url, data=_form(csrf, [
        {"id": str(cover["id"]), "version": "1", "team_member": "Sam", "stakeholder": "Bo",
         "strength": "1", "owner": "yes"}, {"team_member": "Sam", "stakeholder": "Ada",
                                            "strength": "2"}]))
    assert answer.status_code == 409
    assert "was changed by someone else" in answer.get_data(as_text=True)
    assert [(c["stakeholder_id"], c["strength"]) for c in db.rows("coverage")] == [
        (deal["Bo"], 4)]


def test_coverage_sheet_in_chinese(client, db, deal, csrf):
    client.set_cookie("lang", "zh_CN")
    url = f"/opportunities/{deal['opportunity']}/table/coverage"
    db.create("team_member", {"account_id": deal["account"], "name": "王芳"})
    answer = client.post(url, data=_form(csrf, [
        {"team_member": "王芳", "stakeholder": "Ada", "strength": "信任", "owner": "是"}]))
    assert answer.status_code == 303
    assert [(c["stakeholder_id"], c["strength"], c["owner"]) for c in db.rows(
        "coverage", "stakeholder_id = ?", [deal["Ada"]])] == [(deal["Ada"], 3, True)]
    html = client.get(f"/opportunities/{deal['opportunity']}/table").get_data(as_text=True)
    assert 'name="r1-team_member" value="王芳"' in html and 'name="r1-owner" value="是"' in html


def test_an_unknown_sheet_is_not_found(client, deal, csrf):
    answer = client.post(f"/opportunities/{deal['opportunity']}/table/actions",
                         data=_form(csrf, []))
    assert answer.status_code == 404


def test_buying_center_sheet_removes_a_member_from_this_deal_only(client, db, deal, csrf):
    client.set_cookie("lang", "zh_CN")
    opp, url = deal["opportunity"], f"/opportunities/{deal['opportunity']}/table"
    db.update("stakeholder", deal["Bo"], {"name": "王磊"})
    crm = db.create("opportunity", {"account_id": deal["account"], "name": "CRM"})["id"]
    other = db.create("buying_center_entry", {"opportunity_id": crm,
                                              "stakeholder_id": deal["Bo"], "roles": ["user"]})
    html = client.get(url).get_data(as_text=True)
    assert ('data-delete-question="将 {name} 移出本商机的采购决策小组？'
            '此人仍保留为该客户的关键人。"' in html)
    bo = {"stakeholder_id": str(deal["Bo"]), "stakeholder_version": "2",
          "entry_id": str(deal["entry_bo"]), "entry_version": "1", "name": "王磊",
          "roles": "评估者, 教练", "influence": "4", "attitude": "2", "delete": "1"}
    ada = {"stakeholder_id": str(deal["Ada"]), "stakeholder_version": "1",
           "entry_id": str(deal["entry_ada"]), "entry_version": "1", "name": "Ada",
           "title": "CEO", "roles": "决策者", "influence": "5"}
    bad = client.post(url, data=_form(csrf, [bo, {**ada, "influence": "9"}]))
    assert bad.status_code == 422
    assert 'name="r0-delete" value="1" data-delete-row checked' in bad.get_data(as_text=True)
    assert len(db.rows("buying_center_entry", "opportunity_id = ?", [opp])) == 3
    good = client.post(url, data=_form(csrf, [bo, {**ada, "title": "董事长"}]))
    assert good.status_code == 303
    assert [e["stakeholder_id"] for e in db.rows(
        "buying_center_entry", "opportunity_id = ?", [opp])] == [deal["Ada"], deal["Cy"]]
    assert db.get("stakeholder", deal["Ada"])["title"] == "董事长"
    assert (db.get("stakeholder", deal["Bo"])["name"], db.get("buying_center_entry",
                                                              other["id"])["version"]) == (
        "王磊", 1)
    db.update("buying_center_entry", deal["entry_ada"], {"attitude": 1})  # someone else
    stale = client.post(url, data=_form(csrf, [{**ada, "delete": "1"}]))
    assert stale.status_code == 409
    assert "已被他人修改" in stale.get_data(as_text=True)
    assert len(db.rows("buying_center_entry", "opportunity_id = ?", [opp])) == 2
