"""powermap plan: the campaign, what-if changes and creating its actions."""

from __future__ import annotations

import json

from click.testing import CliRunner

from powermap.cli import cli


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", db, *args])


def test_plan_text_says_why(demo_db):
    result = run(demo_db, "plan", "1", "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert "Campaign over 6 weeks" in result.output
    assert "Our coach 王磊 can introduce us to 陈建国 now." in result.output


def test_plan_json_with_what_if_saves_nothing(demo_db):
    before = run(demo_db, "plan", "1", "--today", "2026-11-30", "--json")
    changed = run(demo_db, "plan", "1", "--today", "2026-11-30", "--json", "--leaves", "王磊",
                  "--flip", "赵敏=2", "--join", "Wu Gang:evaluator:-1")
    assert changed.exit_code == 0, changed.output
    document = json.loads(changed.output)
    assert document["what_if"] == ["王磊 leaves.", "赵敏 becomes champion.",
                                   "Wu Gang joins the buying center."]
    assert "王磊" not in {s["name"] for s in document["steps"]}
    assert "Wu Gang" in {s["name"] for s in document["steps"]}
    dm = next(s for s in document["steps"] if s["name"] == "陈建国")
    # without the coach, his manager 孙丽 (trusted, reports to 陈建国) is the next-best door
    assert dm["introducer"]["name"] == "孙丽"
    again = run(demo_db, "plan", "1", "--today", "2026-11-30", "--json")
    assert again.output == before.output


def test_plan_create_is_idempotent(demo_db):
    first = json.loads(run(demo_db, "plan", "1", "--today", "2026-11-30", "--create",
                           "--json").output)["actions"]
    second = json.loads(run(demo_db, "plan", "1", "--today", "2026-11-30", "--create",
                            "--json").output)["actions"]
    assert first and all(a["created"] for a in first)
    assert not any(a["created"] for a in second)
    assert [a["action"]["id"] for a in first] == [a["action"]["id"] for a in second]
    dm = next(a["action"] for a in first if a["action"]["type"] == "executive_visit"
              and a["action"]["notes"].startswith("Our coach 王磊"))
    assert dm["due_date"] == "2026-12-30" and dm["owner_id"] is not None


def test_plan_refuses_bad_what_if(demo_db):
    assert run(demo_db, "plan", "1", "--flip", "孙丽=3").exit_code != 0
    assert run(demo_db, "plan", "1", "--join", ":evaluator").exit_code == 2
    assert run(demo_db, "plan", "1", "--create", "--leaves", "孙丽").exit_code == 2


def test_plan_what_if_reports_the_changed_maps_health(demo_db):
    result = run(demo_db, "plan", "1", "--today", "2026-11-30", "--flip", "赵敏=2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "赵敏 becomes champion.", "Deal health: red (4 high, 9 medium, 1 low risk flags)."]
    document = json.loads(run(demo_db, "plan", "1", "--today", "2026-11-30", "--json",
                              "--flip", "赵敏=2").output)
    assert document["risks"]["counts"] == {"high": 4, "medium": 9, "low": 1}
    assert document["risk_changes"]["appeared"] == []
    [changed] = document["risk_changes"]["changed"]
    assert changed["code"] == "key_person_without_action"
    assert [p["name"] for p in changed["removed"]] == ["赵敏"]
    assert f"Risk changed: {changed['title']}; no longer 赵敏." in result.output
