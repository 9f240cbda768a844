"""powermap analyze / suggest / review."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from powermap.cli import cli
from powermap.demo import load_demo
from powermap.store import Store


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


def test_suggest_plan_creates_then_updates_one_action(tmp_path):
    demo_db = str(tmp_path / "dated.db")
    with Store(demo_db) as store:
        load_demo(store, today=dt.date(2026, 11, 1))    # the bid is on 16 Dec 2026
    first = run(demo_db, "suggest", "1", "--plan", "陈建国", "--today", "2026-11-01")
    assert first.exit_code == 0, first.output
    with Store(demo_db) as store:
        [action] = [a for a in store.rows("action", "stakeholder_id = 1")
                    if a["status"] == "planned" and a["type"] == "executive_visit"]
        owner = store.get("team_member", action["owner_id"])["name"]
    # executive visit: 30 days, but the bid (16 Dec 2026) wants it a week before: 1 Dec
    assert action["due_date"] == "2026-12-01"
    assert first.output.strip() == (f"Planned action #{action['id']}: Executive visit with 陈建国; "
                                    f"owner {owner}, due 1 Dec 2026.")
    again = run(demo_db, "suggest", "1", "--plan", "1", "--json", "--today", "2026-11-01")
    document = json.loads(again.output)
    assert document["created"] is False and document["action"]["id"] == action["id"]
    refused = run(demo_db, "suggest", "1", "--plan", "nobody here")
    assert refused.exit_code == 1 and len(refused.output.strip().splitlines()) == 1
