"""The one Jinja environment definition: filters, globals, autoescape, no per-render writes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from powermap import aliases, templating
from powermap.analysis import analyze
from powermap.cli import cli
from powermap.demo import load_demo
from powermap.exports.deal_review import export_review
from powermap.exports.html_map import export_html
from powermap.graph import build_graph
from powermap.i18n import use_locale
from powermap.templating import (
    action_type,
    attitude,
    collection_title,
    column_label,
    date,
    entity_name,
    label,
    money,
    number,
    percent,
    role,
    signed,
    words,
)
from tests.conftest import DEMO_TODAY


def test_filters_speak_the_vocabulary_in_english():
    with use_locale("en"):
        assert [attitude(a) for a in (-2, 0, 1, None)] == [
            "-2 opponent", "0 neutral", "+1 supporter", "unknown"]
        assert (role("coach"), role("account_lead"), role("someone_else")) == (
            "Coach", "Account lead", "someone else")
        assert (action_type("ice_breaking"), action_type(None)) == ("Ice-breaking", "")
        assert [label(*a) for a in (("won", "stage"), ("in_progress", "action_status"),
                                    ("strategic", "tier"), ("reports_to", "relationship_type"),
                                    (3, "coverage"), ("red", "health"), ("high", "severity"),
                                    ("neutralise", "quadrant"), ("odd_code", "stage"),
                                    (None, "stage"))] == [
            "won", "in progress", "Strategic", "reports to", "trusted", "red", "high",
            "neutralise", "odd code", ""]
        assert words("in_progress") == "in progress"
        assert (number(1234567.8), number(None), number(1234.5, 2)) == (
            "1,234,568", "", "1,234.50")
        assert (money(12_000_000, "CNY"), money(8_500), money(None, "CNY")) == (
            "12,000,000 CNY", "8,500", "")
        assert (date("2027-01-14"), date(dt.date(2026, 11, 1)), date(None), date("soon")) == (
            "14 Jan 2027", "1 Nov 2026", "", "soon")
        assert (percent(0.256), percent(None)) == ("26%", "–")
        assert (signed(0.3), signed(-0.125, 3), signed(0), signed(-0.001), signed(None)) == (
            "+0.30", "-0.125", "+0.00", "+0.00", "–")
        assert (collection_title("team-members"), entity_name("buying-center"),
                column_label("reports_to")) == ("Team members", "buying center entry",
                                                "Reports to")


def test_filters_speak_the_vocabulary_in_chinese():
    with use_locale("zh_CN"):
        assert [attitude(a) for a in (-2, -1, 0, 1, 2, None)] == [
            "-2 反对者", "-1 怀疑", "0 中立", "+1 支持者", "+2 拥护者", "未知"]
        # one language at a time: the label of powermap.aliases, never "Coach 教练/内线"
        assert (role("decision_maker"), role("coach"), role("account_lead")) == (
            aliases.label("role", "decision_maker", "zh_CN"),
            aliases.label("role", "coach", "zh_CN"), "客户经理")
        assert "Coach" not in role("coach") and "决策" in role("decision_maker")
        assert action_type("executive_visit") == "高层互访"
        assert [label(*a) for a in (("won", "stage"), ("propose", "stage"),
                                    ("in_progress", "action_status"), ("growth", "tier"),
                                    ("allied", "relationship_type"), (4, "coverage"),
                                    ("amber", "health"), ("medium", "severity"),
                                    ("leverage", "quadrant"))] == [
            "赢单", "方案建议", "进行中", "成长型", "结盟", "铁杆", "黄", "中", "借力"]
        assert (number(12_000_000), money(12_000_000, "CNY"), money(123_456_789, "USD"),
                money(8_500)) == ("12,000,000", "1,200万元", "1.23亿美元", "8,500")
        assert (date("2027-01-14"), percent(0.256), signed(-0.5)) == (
            "2027年1月14日", "26%", "-0.50")
        assert (collection_title("team-members"), entity_name("buying-center"),
                column_label("reports_to")) == ("我方成员", "决策小组成员", "汇报给")


def test_the_filters_follow_the_language_of_each_render(app):
    source = "{{ 2|attitude }} · {{ 'won'|label('stage') }} · {{ '2027-01-14'|date }}"
    env = templating.environment()
    with use_locale("zh_CN"):
        assert env.from_string(source).render() == "+2 拥护者 · 赢单 · 2027年1月14日"
    assert env.from_string(source).render() == "+2 champion · won · 14 Jan 2027"


def test_pages_and_exports_share_filters_globals_and_autoescape(app):
    page_env, export_env = app.jinja_env, templating.environment()
    for env in (page_env, export_env):
        assert {name: env.filters[name] for name in templating.FILTERS} == dict(
            templating.FILTERS)
        assert {name: env.globals[name] for name in templating.GLOBALS} == dict(
            templating.GLOBALS)
    source = "{{ name }} {{ 2|attitude }} {{ 0.256|percent }} {{ vocabulary.ATTITUDE[2] }}"
    with app.app_context():
        on_page = page_env.from_string(source).render(name="<i>x</i>")
    assert on_page == export_env.from_string(source).render(name="<i>x</i>") == (
        "&lt;i&gt;x&lt;/i&gt; +2 champion 26% " + templating.GLOBALS["vocabulary"].ATTITUDE[2])
    with app.app_context():
        assert "&lt;" in page_env.get_template("_macros.html").module.severity("<")


def test_the_page_only_globals_stay_out_of_exports(app):
    assert {"csrf_field", "csrf_token", "entities", "url_for"} <= set(app.jinja_env.globals)
    assert not {"csrf_field", "csrf_token", "entities", "url_for"} & set(
        templating.environment().globals)


def test_exports_write_nothing_into_the_environment(store, acme):
    """Regression: the HTML export put each map into the shared environment's globals."""
    env = templating.environment()
    before = (dict(env.globals), dict(env.filters))
    G = build_graph(store, acme["opportunity"])
    analysis = analyze(G, today=DEMO_TODAY)
    export_html(G, analysis, generated_at="2026-11-01 09:00")
    export_review(G, analysis, generated_at="2026-11-01 09:00")
    assert (dict(env.globals), dict(env.filters)) == before
    assert "pm" not in env.globals


@pytest.mark.parametrize("fmt", ["html", "review"])
def test_exports_from_the_web_app_and_the_cli_are_the_same(app, db, tmp_path, fmt):
    load_demo(db, today=DEMO_TODAY)
    downloaded = app.test_client().get(f"/opportunities/1/export.{fmt}")
    assert downloaded.status_code == 200
    path = tmp_path / f"map.{fmt}.html"
    result = CliRunner().invoke(cli, ["--db", app.config["DATABASE"], "export", "1",
                                      "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    # the generated-at stamp (to the minute) is the one expected difference
    stamp = re.compile(r"Generated (by powermap on )?\d{4}-\d\d-\d\d \d\d:\d\d[^;.<]*")
    from_web = stamp.sub("Generated", downloaded.get_data(as_text=True))
    from_cli = stamp.sub("Generated", path.read_text(encoding="utf-8"))
    assert stamp.search(downloaded.get_data(as_text=True))
    assert from_web == from_cli
    assert "华东能源集团" in from_cli
