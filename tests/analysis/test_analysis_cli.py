"""powermap analyze / suggest / review."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.demo import load_demo
from powermap.store import Store


@pytest.fixture
def demo_db(tmp_path):
    path = str(tmp_path / "demo.db")
    with Store(path) as store:
        load_demo(store)
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", db, *args])


def test_review_text(demo_db):
    result = run(demo_db, "review", "1", "--today", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert "Health: RED" in result.output
    assert "Top decision maker not contacted" in result.output
    assert "introduced by" in result.output


def test_review_json(demo_db):
    result = run(demo_db, "review", "1", "--json")
    document = json.loads(result.output)
    assert document["health"] == document["risks"]["health"] == "red"
    assert {"opportunity", "risks", "support", "forecast", "suggestions"} <= set(document)


def test_analyze_by_name_json(demo_db):
    result = run(demo_db, "analyze", "设备运维套件 Plant Maintenance Suite", "--json", "--top", "3")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["opportunity"]["id"] == 2 and len(report["suggestions"]) == 3


def test_analyze_text(demo_db):
    result = run(demo_db, "analyze", "1")
    assert result.exit_code == 0
    assert "Key people" in result.output and "陈建国" in result.output


def test_suggest(demo_db):
    result = run(demo_db, "suggest", "1", "--top", "2", "--json")
    document = json.loads(result.output)
    assert [s["rank"] for s in document["suggestions"]] == [1, 2]
    text = run(demo_db, "suggest", "1", "--top", "2").output
    assert text.startswith(" 1. Win 陈建国")


def test_unknown_opportunity_is_one_line(demo_db):
    result = run(demo_db, "suggest", "nope")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no opportunity 'nope'"
