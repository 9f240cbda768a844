"""The web import page (upload, preview, mapping, import) and the download routes."""

from __future__ import annotations

import base64
import io
import json

import pytest

from powermap.store import Store


@pytest.fixture
def client(app):
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = "tok"
    return client


@pytest.fixture
def db(app):
    """The app's database with one account and opportunity to import into."""
    with Store(app.config["DATABASE"]) as store:
        store.create("account", {"name": "Acme"})
        store.create("opportunity", {"account_id": 1, "name": "ERP"})
        yield store


def post(client, **form):
    return client.post("/accounts/1/import", data={"csrf_token": "tok", **form},
                       content_type="multipart/form-data")


CSV = "Who,Job Title,Email\n李伟,<script>x</script>,li@acme.cn\nBo,CIO,bo@acme.cn\n"


def test_upload_page(client, db):
    page = client.get("/accounts/1/import")
    assert page.status_code == 200 and b'type="file"' in page.data


def test_preview_maps_columns_and_writes_nothing(client, db):
    page = post(client, file=(io.BytesIO(CSV.encode()), "people.csv"), step="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 422  # "Who" is not a known header: no name column
    assert "missing required column" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    data = base64.b64encode(CSV.encode()).decode()
    page = post(client, data=data, name="people.csv", kind="stakeholders",
                step="preview", **{"map-0": "name"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert "dry run, nothing written" in html and "would create 2" in html
    assert db.counts()["stakeholder"] == 0
    page = post(client, data=data, name="people.csv", kind="stakeholders", step="import",
                **{"map-0": "name", "map-1": "title", "map-2": "email"})
    assert page.status_code == 200
    assert [p["name"] for p in db.rows("stakeholder")] == ["李伟", "Bo"]


def test_import_problems_are_listed(client, db):
    text = "Name,Level\nAn,12\nBo,x\n"
    page = post(client, file=(io.BytesIO(text.encode()), "bad.csv"), step="import")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "bad.csv, row 2, column &#39;Level&#39;" in html and "row 3" in html
    assert db.counts()["stakeholder"] == 0


def test_import_needs_csrf(client, db):
    page = client.post("/accounts/1/import", data={"file": (io.BytesIO(b"Name\nA\n"), "a.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 400 and db.counts()["stakeholder"] == 0


@pytest.mark.parametrize("fmt,media", [("json", "application/json"), ("csv", "text/csv"),
                                       ("xlsx", "application/vnd.openxmlformats"),
                                       ("graphml", "application/graphml+xml"),
                                       ("gexf", "application/gexf+xml"),
                                       ("zip", "application/zip"),
                                       ("review", "text/html")])
def test_downloads(client, db, fmt, media):
    db.create("stakeholder", {"account_id": 1, "name": "Ada"})
    response = client.get(f"/opportunities/1/export.{fmt}")
    assert response.status_code == 200
    assert response.content_type.startswith(media)
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    if fmt == "json":
        assert json.loads(response.data)["stakeholders"][0]["name"] == "Ada"


def test_download_page_and_unknown_format(client, db):
    page = client.get("/opportunities/1/export")
    assert page.status_code == 200 and b"export.xlsx" in page.data
    assert client.get("/opportunities/1/export.exe").status_code == 404
    assert client.get("/opportunities/1/export.csv?table=nope").status_code == 404


WESTERN = ("Name,Title,Department,Email\n"
           "Jürgen Müller,Vertriebsleiter,Vertrieb,j.mueller@acme.de\n"
           "Anna Schäfer,Einkäuferin,Einkauf,a.schaefer@acme.de\n"
           "Karl Jünger,Geschäftsführer,Geschäftsleitung,k.juenger@acme.de\n")


def test_upload_form_offers_encodings(client, db):
    html = client.get("/accounts/1/import").get_data(as_text=True)
    assert '<option value="">automatic (detected)</option>' in html
    assert '<option value="cp932">Shift-JIS (Japanese)</option>' in html


def test_preview_says_which_encoding_was_detected(client, db):
    page = post(client, file=(io.BytesIO(WESTERN.encode("cp1252")), "de.csv"), step="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert ("The file was read as Windows-1252 (Western European), detected automatically."
            in html)
    assert "<td>Jürgen Müller</td>" in html
    assert db.counts()["stakeholder"] == 0


def test_unsure_encoding_keeps_the_file_and_asks_for_a_choice(client, db):
    data = "姓名\n王伟\n".encode("gb18030")
    page = post(client, file=(io.BytesIO(data), "cn.csv"), step="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "could not be told for sure" in html
    assert "Choose the file&#39;s encoding below and preview it again." in html
    assert f'name="data" value="{base64.b64encode(data).decode()}"' in html
    assert '<option value="gb18030" selected>' in html
    page = post(client, data=base64.b64encode(data).decode(), name="cn.csv",
                kind="stakeholders", encoding="gb18030", step="import")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert "The file was read as GB18030 / GBK (Simplified Chinese), as chosen." in html
    assert [p["name"] for p in db.rows("stakeholder")] == ["王伟"]


def test_preview_and_download_in_chinese(client, db):
    """The import page's own texts and a Chinese-header file, read in Chinese."""
    client.set_cookie("lang", "zh_CN")
    data = "姓名,职位,电子邮件,手机\n王建国,总经理,wang@acme.cn,138\n".encode("gb18030")
    page = post(client, file=(io.BytesIO(data), "名单.csv"), kind="stakeholders",
                encoding="gb18030", step="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert "已按所选的 GB18030 / GBK（简体中文） 读取文件。" in html
    assert "名单.csv（试运行，未写入任何数据）：关键人：将新建 1 条" in html
    assert "已忽略列 &#39;手机&#39;" in html
    assert db.counts()["stakeholder"] == 0
    page = post(client, kind="stakeholders", step="preview")
    assert page.status_code == 400 and "请选择要上传的文件。" in page.get_data(as_text=True)
    csv_file = client.get("/opportunities/1/export.csv").get_data()
    assert csv_file.decode("utf-8-sig").startswith("编号,姓名,职务,部门,层级,邮箱,")
