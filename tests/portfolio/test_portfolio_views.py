"""The portfolio on the demo: its story, and the page, API, CLI and exports that show it."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from powermap.cli import cli
from powermap.demo import load_demo
from powermap.i18n import use_locale
from powermap.portfolio import portfolio_report, save_weights
from powermap.store import Store

TODAY = dt.date(2026, 11, 1)


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_the_demo_portfolio_tells_a_story(locale):
    store = Store(":memory:")
    with use_locale(locale):
        load_demo(store, today=TODAY, locale=locale, portfolio=True)
        report = portfolio_report(store, today=TODAY)
    accounts = report["accounts"]
    assert len(accounts) >= 12
    small = [a for a in accounts if len(store.rows("stakeholder", "account_id = ?",
                                                   [a["account_id"]])) <= 3]
    assert len(small) > len(accounts) / 2
    assert {a["class"] for a in accounts} == {"A", "B", "C"}
    assert report["pareto"]["top_fifth"] == {"count": 3, "share": 0.70468}  # 65.5 of 92.95 million
    assert len(report["weak_maps"]) >= 2
    assert {a["quadrant"] for a in accounts} >= {"fix_map", "defend", "watch"}


def test_saved_weights_change_the_score_and_bad_ones_write_nothing(demo_store):
    before = portfolio_report(demo_store, today=TODAY)["weights"]
    assert save_weights(demo_store, {"profit": 7})["profit"] == 7
    assert portfolio_report(demo_store, today=TODAY)["weights"]["profit"] == 7
    from powermap.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        save_weights(demo_store, {"profit": True, "arrears": 101, "nope": 1})
    assert [p.field for p in refused.value.problems] == ["profit", "arrears", "nope"]
    assert portfolio_report(demo_store, today=TODAY)["weights"] == {**before, "profit": 7}


def test_page_api_exports_and_cli_show_the_same_report(app, db):
    load_demo(db, today=TODAY, portfolio=True)
    client = app.test_client()
    api = client.get("/api/v1/portfolio?today=2026-11-01").get_json()
    assert api == json.loads(json.dumps(portfolio_report(db, today=TODAY)))
    page = client.get("/portfolio?today=2026-11-01").get_data(as_text=True)
    for weak in api["weak_maps"]:
        assert weak["name"] in page and weak["steps"][0]["text"] in page
    assert 'class="pareto-svg"' in page and "/portfolio" in client.get("/").get_data(as_text=True)
    svg = client.get("/portfolio/pareto.svg?today=2026-11-01")
    assert svg.mimetype == "image/svg+xml" and svg.data.count(b"<rect") == 1 + len(api["accounts"])
    rows = client.get("/portfolio/export.csv?today=2026-11-01").data.decode("utf-8-sig")
    assert rows.splitlines()[1].startswith("1,华东能源集团 East China Energy Group,")
    book = load_workbook(io.BytesIO(client.get("/portfolio/export.xlsx").data))
    assert book.sheetnames == ["portfolio", "weak_maps"]
    assert book["portfolio"].max_row == 1 + len(api["accounts"])
    result = CliRunner().invoke(cli, ["--db", app.config["DATABASE"], "portfolio", "--json",
                                      "--today", "2026-11-01"])
    assert json.loads(result.output) == api
    text = CliRunner().invoke(cli, ["--db", app.config["DATABASE"], "--lang", "zh_CN",
                                    "portfolio", "--by", "profit"]).output
    assert "高价值但权力地图薄弱的客户：" in text


def test_bad_by_and_weights_are_refused(app, db):
    load_demo(db, today=TODAY)
    client = app.test_client()
    assert client.get("/api/v1/portfolio?by=nope").status_code == 400
    refused = client.put("/api/v1/portfolio/weights", json={"profit": -1})
    assert refused.status_code == 422
    assert refused.get_json()["problems"][0]["field"] == "profit"
    assert client.put("/api/v1/portfolio/weights", json={"profit": 4}).get_json()["profit"] == 4


def test_user_text_is_escaped_on_the_page(app, db):
    db.create("account", {"name": "<script>alert(1)</script>", "cumulative_sales": 5})
    page = app.test_client().get("/portfolio").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
