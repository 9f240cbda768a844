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
    assert good.headers["Location"].endswith(f"/opportunities/{erp}/table?saved=1")
    [entry] = db.rows("buying_center_entry")
    assert (entry["roles"], entry["influence"]) == (["decision_maker"], 5)
    assert [p["preference"] for p in db.rows("competitor_position")] == [1]
    html = client.get(f"/opportunities/{erp}/table?saved=1").get_data(as_text=True)
    assert 'value="李伟"' in html and "Preference for Rival" in html
