"""analyze(): the one report, its schema, and what the demo was built to show."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
from analysis_maps import DEMO_DAY, new_map, person, relate

from powermap.analysis import analyze
from powermap.analysis.review import review_text, summary_text
from powermap.graph import build_graph

TOP_KEYS = {"schema_version", "opportunity", "ranking", "support", "forecast", "suggestions",
            "competition", "risks", "grid"}


def _report(demo, which="grid"):
    store, opportunities = demo
    return analyze(build_graph(store, opportunities[which]), today=DEMO_DAY)


def _names(people):
    return [p["name"] for p in people]


def test_schema_keys_and_json_round_trip(demo):
    report = _report(demo)
    assert set(report) == TOP_KEYS
    assert json.loads(json.dumps(report)) == report
    assert set(report["risks"]) == {"health", "counts", "flags"}
    assert set(report["grid"]["quadrants"]) == {"leverage", "convert", "neutralise", "monitor"}
    for section in ("ranking", "suggestions"):
        assert all(isinstance(p["stakeholder_id"], int) and p["name"] for p in report[section])
    assert report["opportunity"]["today"] == "2026-11-01"
    assert report["opportunity"]["buying_center"] == 22


def test_demo_review_finds_what_the_demo_shows(demo):
    report = _report(demo)
    flags = report["risks"]["flags"]
    codes = {f["code"]: f for f in flags}
    assert report["risks"]["health"] == "red"
    assert _names(codes["top_decision_maker_not_contacted"]["stakeholders"]) == ["陈建国"]
    holds = [f for f in flags if f["code"] == "competitor_stronghold"]
    assert {"Procurement"} <= {f["department"] for f in holds}
    northwind = next(f for f in holds if f["department"] == "Procurement")
    assert "Northwind" in northwind["message"]
    operations = [f for f in flags if f["code"] == "single_threaded_department"
                  and f["department"] == "Operations"]
    assert _names(operations[0]["stakeholders"]) == ["唐强"]
    weak = [f for f in flags if f["code"] == "weak_champion"]
    assert _names(weak[0]["stakeholders"]) == ["Ma Chao"]
    leads = [f for f in flags if f["code"] == "competitor_leads_decision_maker"]
    assert "Qingyun" in leads[0]["message"]
    # suggestions name introducers, the first one reaches the top decision maker
    assert report["suggestions"][0]["name"] == "陈建国"
    assert all(s["introducer"] for s in report["suggestions"][:5])
    text = review_text(report)
    assert "Top decision maker not contacted" in text and "introduced by" in text


def test_demo_maintenance_deal(demo):
    report = _report(demo, "maintenance")
    codes = {f["code"] for f in report["risks"]["flags"]}
    assert {"no_coach", "single_threaded"} <= codes
    # Regression: the missing coach was said twice, by no_coach and required_role_unfilled
    assert "required_role_unfilled" not in codes
    assert "Cao Lin" in [p["name"] for p in report["grid"]["people"]
                         if p["quadrant"] == "neutralise"]


def test_same_input_same_output(demo):
    store, opportunities = demo
    G = build_graph(store, opportunities["grid"])
    before = nx.node_link_data(G, edges="edges")
    first = json.dumps(analyze(G, today=DEMO_DAY), sort_keys=True)
    assert json.dumps(analyze(G, today=DEMO_DAY), sort_keys=True) == first
    assert nx.node_link_data(G, edges="edges") == before
    again = json.dumps(analyze(build_graph(store, opportunities["grid"]), today=DEMO_DAY),
                       sort_keys=True)
    assert again == first


def test_empty_opportunity():
    report = analyze(new_map(team={}), today=dt.date(2025, 1, 1))
    assert report["ranking"] == [] and report["suggestions"] == []
    assert report["forecast"]["deal"] is None
    assert report["risks"]["health"] == "red"
    assert json.loads(json.dumps(report)) == report
    assert "Health: RED" in summary_text(report)


def test_hand_made_map_exact_values():
    G = new_map()
    person(G, 1, roles=["decision_maker"], influence=5, attitude=1, level=1, coverage=[(7, 4)])
    person(G, 2, roles=["user"], influence=5, attitude=None)
    relate(G, 1, 2, "influences", 3)
    report = analyze(G, today=dt.date(2025, 1, 1), top=1)
    # PageRank: flow 2 -> 1; structural 1 and 20/37; e = 0.7 + 0.3 s
    assert [r["effective_influence"] for r in report["ranking"]] == [
        1.0, round(0.7 + 0.3 * 20 / 37, 6)]
    forecast = {p["stakeholder_id"]: p for p in report["forecast"]["people"]}
    assert forecast[2]["forecast"] == 0.35       # λ = 0.7 of 0.5
    assert len(report["suggestions"]) == 1
