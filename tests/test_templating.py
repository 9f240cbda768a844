"""The one Jinja environment definition: filters, globals, autoescape, no per-render writes."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from powermap import templating
from powermap.analysis import analyze
from powermap.cli import cli
from powermap.demo import load_demo
from powermap.graph import build_graph
from powermap.templating import action_type, attitude, number, percent, role, signed, words
from powermap.transfer.html_map import export_html
from powermap.transfer.review_export import export_review
from tests.conftest import DEMO_TODAY


def test_filters_speak_the_vocabulary():
    assert [attitude(a) for a in (-2, 0, 1, None)] == [
        "-2 opponent", "0 neutral", "+1 supporter", "unknown"]
    assert role("coach") == "Coach 教练/内线"
    assert role("account_lead") == "Account lead"
    assert action_type("ice_breaking") == "Ice-breaking 破冰"
    assert words("in_progress") == "in progress"
    assert (number(1234567.8), number(None)) == ("1,234,568", "")
    assert (percent(0.256), percent(None)) == ("26%", "–")
    assert (signed(0.3), signed(-0.125, 3), signed(None)) == ("+0.30", "-0.125", "–")


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
