"""The map payload: node looks, edges, placeholders, panels data and the precomputed layouts."""

from __future__ import annotations

import copy
import json
import random
import time

import networkx as nx
import pytest

from powermap import vocabulary as v
from powermap.analysis import analyze
from powermap.graph import build_graph
from powermap.layout import network_positions
from powermap.mapview import ATTITUDE_COLORS, competitor_lead, map_payload, wrap_label
from tests.conftest import DEMO_TODAY


@pytest.fixture
def board(store):
    """CEO Ada; Bo and Cy report to her; Di reports to Bo; Ed outside every hierarchy.

    Ada: decision maker, unknown attitude, covered by Zhang at 3, Rival covers her at 4.
    Bo: evaluator + coach, champion. Cy: user, opponent. Di: not in the buying center.
    A placeholder approver nobody fills.
    """
    acc = store.create("account", {"name": "Acme"})["id"]
    opp = store.create("opportunity", {"account_id": acc, "name": "ERP"})["id"]
    ids = {name: store.create("stakeholder", {"account_id": acc, "name": name,
                                              "department": dept})["id"]
           for name, dept in (("Ada", "Board"), ("Bo", "IT"), ("Cy", "IT"), ("Di", "IT"),
                              ("Ed", "Finance"))}
    entries = {}
    for name, roles, influence, attitude in (("Ada", ["decision_maker"], 5, None),
                                             ("Bo", ["coach", "evaluator"], 3, 2),
                                             ("Cy", ["user"], 2, -2),
                                             ("Ed", ["gatekeeper"], 1, 0)):
        entries[name] = store.create("buying_center_entry", {
            "opportunity_id": opp, "stakeholder_id": ids[name], "roles": roles,
            "influence": influence, "attitude": attitude})["id"]
    store.create("buying_center_entry", {"opportunity_id": opp, "roles": ["approver"],
                                         "placeholder": "Whoever signs"})
    for src, dst, kind, strength in (("Bo", "Ada", "reports_to", None),
                                     ("Cy", "Ada", "reports_to", None),
                                     ("Di", "Bo", "reports_to", None),
                                     ("Bo", "Ada", "influences", 3),
                                     ("Bo", "Cy", "conflict", 2),
                                     ("Cy", "Di", "allied", 1)):
        values = {"source_id": ids[src], "target_id": ids[dst], "type": kind}
        if strength:
            values["strength"] = strength
        store.create("relationship", values)
    zhang = store.create("team_member", {"account_id": acc, "name": "Zhang",
                                         "role": "account_lead"})["id"]
    store.create("coverage", {"team_member_id": zhang, "stakeholder_id": ids["Ada"],
                              "strength": 3, "owner": True})
    store.create("coverage", {"team_member_id": zhang, "stakeholder_id": ids["Bo"],
                              "strength": 4})
    rival = store.create("competitor", {"name": "Rival"})["id"]
    store.create("opportunity_competitor", {"opportunity_id": opp, "competitor_id": rival})
    store.create("competitor_position", {"competitor_id": rival, "stakeholder_id": ids["Ada"],
                                         "coverage": 4, "preference": 1})
    store.create("competitor_position", {"competitor_id": rival, "stakeholder_id": ids["Cy"],
                                         "coverage": 3, "preference": 2})
    G = build_graph(store, opp)
    return {"G": G, "ids": ids, "entries": entries, "opportunity": opp, "rival": rival,
            "zhang": zhang}


def nodes_by_name(payload):
    return {n["name"]: n for n in payload["nodes"]}


def test_nodes_carry_colour_key_shape_badges_and_coverage_border(board):
    payload = map_payload(board["G"], {})
    n = nodes_by_name(payload)
    assert [n[x]["color_key"] for x in ("Ada", "Bo", "Cy", "Di", "Ed")] == [
        "unknown", "champion", "opponent", "outside", "neutral"]
    assert n["Ada"]["shape"] == "star" and n["Ada"]["label"] == "Ada\n[DM]"
    assert n["Bo"]["roles"] == ["coach", "evaluator"]  # vocabulary priority order
    assert n["Bo"]["shape"] == "hexagon" and n["Bo"]["label"] == "Bo\n[CO·EV]"
    assert n["Di"]["label"] == "Di" and n["Di"]["in_buying_center"] is False
    assert (n["Ada"]["coverage_best"], n["Ada"]["border"]) == (3, 4.75)
    assert (n["Cy"].get("coverage_best"), n["Cy"]["border"]) == (0, 1.0)
    assert n["Ada"]["entry_id"] == board["entries"]["Ada"] and n["Ada"]["entry_version"] == 1
    assert n["Ada"]["coverage"] == [{"team_member_id": board["zhang"], "name": "Zhang",
                                     "strength": 3, "last_contact": None, "owner": True}]
    # without an analysis the size follows declared influence: Ada (5) > Bo (3) > Ed (1)
    assert n["Ada"]["size"] > n["Bo"]["size"] > n["Ed"]["size"] > n["Di"]["size"]


def test_unknown_attitude_is_drawn_distinct_from_neutral():
    assert ATTITUDE_COLORS["unknown"] not in {ATTITUDE_COLORS[label] for label in
                                              v.ATTITUDE.values()}
    legend_keys = [a["key"] for a in map_payload(nx.MultiDiGraph(), {})["legend"]["attitudes"]]
    assert legend_keys == ["champion", "supporter", "neutral", "sceptic", "opponent", "unknown",
                           "outside"]


def test_competitor_positions_say_who_leads(board):
    n = nodes_by_name(map_payload(board["G"], {}))
    rival = board["rival"]
    assert n["Ada"]["competitors"] == [{"id": rival, "name": "Rival", "coverage": 4,
                                        "preference": 1, "lead": "contested"}]
    assert n["Cy"]["competitors"][0]["lead"] == "them"
    assert [competitor_lead(a, b) for a, b in ((0, None), (1, 1), (4, 1), (2, 4), (3, 3))] == [
        "nobody", "nobody", "us", "them", "contested"]


def test_edges_and_their_type_styles(board):
    payload = map_payload(board["G"], {})
    ids = board["ids"]
    assert sorted((e["from"], e["to"], e["type"], e["strength"]) for e in payload["edges"]) == \
        sorted([(ids["Bo"], ids["Ada"], "reports_to", 3), (ids["Cy"], ids["Ada"], "reports_to", 3),
                (ids["Di"], ids["Bo"], "reports_to", 3), (ids["Bo"], ids["Ada"], "influences", 3),
                (ids["Bo"], ids["Cy"], "conflict", 2), (ids["Cy"], ids["Di"], "allied", 1)])
    styles = {t["type"]: t for t in payload["legend"]["edge_types"]}
    assert (styles["reports_to"]["arrows"], styles["reports_to"]["dashes"]) == ("to", False)
    assert styles["influences"]["arrows"] == "to" and styles["influences"]["dashes"]
    assert styles["influences"]["width_per_strength"] > 0
    assert (styles["allied"]["arrows"], styles["allied"]["color"]) == ("", "#27ae60")
    assert styles["conflict"]["arrows"] == "" and styles["conflict"]["dashes"]
    assert styles["conflict"]["color"] == "#c0392b"


def test_edges_carry_relationship_version_so_remove_sends_it(store, board):
    """D3: the live map deleted relationships without a version (payload edges had none)."""
    stored = {r["id"]: r for r in store.rows("relationship")}
    bumped = next(r for r in stored.values() if r["type"] == "influences")
    store.update("relationship", bumped["id"], {"strength": 1}, version=bumped["version"])
    payload = map_payload(build_graph(store, board["opportunity"]), {})
    versions = {e["id"]: e["version"] for e in payload["edges"]}
    assert versions == {rid: 2 if rid == bumped["id"] else r["version"]
                        for rid, r in stored.items()}
    assert set(versions.values()) == {1, 2}
    G = build_graph(store, board["opportunity"])
    assert {d["version"] for _, _, d in G.edges(data=True)} == {1, 2}


def test_placeholders_become_ghost_nodes_beside_the_map(board):
    payload = map_payload(board["G"], {})
    [ghost] = payload["placeholders"]
    assert ghost["id"].startswith("placeholder-") and ghost["roles"] == ["approver"]
    assert ghost["label"] == "? Whoever signs" and ghost["shape"] == "diamond"
    for layout in ("org", "net"):  # right of the map or below it, never on anybody
        xs = [n[layout][0] for n in payload["nodes"]]
        ys = [n[layout][1] for n in payload["nodes"]]
        assert ghost[layout][0] > max(xs) or ghost[layout][1] > max(ys), layout


def test_long_names_wrap_into_two_lines_and_the_name_stays_whole(board):
    assert wrap_label("Procurement committee secretary general") == "Procurement\ncommittee…"
    assert wrap_label("国家电网华东分部采购委员会主任") == "国家电网华东分部\n采购委员会主任"
    assert wrap_label("Li  Wei") == "Li Wei"
    G = board["G"].copy()
    G.nodes[board["ids"]["Ada"]]["name"] = "Adelaide Montgomery-Fitzgerald"
    ada = nodes_by_name(map_payload(G, {}))["Adelaide Montgomery-Fitzgerald"]
    assert ada["label"] == "Adelaide\nMontgomery-…\n[DM]"


def test_thousand_people_lay_out_fast():
    G = _synthetic_graph(1000, seed=5)
    network_positions(G)  # warm caches (scipy import)
    start = time.perf_counter()
    payload = map_payload(G, {})
    elapsed = time.perf_counter() - start
    assert len(payload["nodes"]) == 1000
    assert elapsed < 1.5, f"map_payload of 1,000 people took {elapsed:.2f}s"


def test_analysis_feeds_sizes_reasons_quadrants_suggestions_and_summary(board):
    ids = board["ids"]
    analysis = {
        "ranking": [{"rank": 1, "stakeholder_id": ids["Bo"], "effective_influence": 0.9,
                     "reasons": ["coach with the CEO's ear"]},
                    {"rank": 2, "stakeholder_id": ids["Ada"], "effective_influence": 0.45,
                     "reasons": []}],
        "forecast": {"deal": 0.25, "deal_initial": 0.1,
                     "people": [{"stakeholder_id": ids["Cy"], "forecast": -0.4,
                                 "forecast_attitude": -1}]},
        "grid": {"quadrants": {"leverage": [ids["Bo"]], "neutralise": [ids["Cy"]]}},
        "risks": {"health": "amber", "counts": {"high": 1, "medium": 0, "low": 0},
                  "flags": [{"code": "high_influence_unknown", "severity": "high",
                             "title": "Unknown decision maker", "message": "Ada is unknown",
                             "stakeholders": [{"stakeholder_id": ids["Ada"], "name": "Ada"}]}]},
        "suggestions": [{"rank": 1, "stakeholder_id": ids["Cy"], "name": "Cy",
                         "activity": "turn_attitude", "gain": 0.1,
                         "introducer": {"kind": "team_member", "id": board["zhang"],
                                        "name": "Zhang"},
                         "path": [{"kind": "us", "id": None, "name": "us"},
                                  {"kind": "team_member", "id": board["zhang"], "name": "Zhang"},
                                  {"kind": "stakeholder", "id": ids["Bo"], "name": "Bo"},
                                  {"kind": "stakeholder", "id": ids["Cy"], "name": "Cy"}]}],
        "competition": {"competitors": [{"competitor_id": board["rival"], "share": 0.4,
                                         "strongholds": [{"stakeholder_id": ids["Cy"]}],
                                         "contested": [{"stakeholder_id": ids["Ada"]}]}],
                        "blind_spots": [{"stakeholder_id": ids["Ed"], "name": "Ed"}]},
    }
    payload = map_payload(board["G"], analysis)
    n = nodes_by_name(payload)
    assert n["Bo"]["size"] == 32.0 and n["Ada"]["size"] == 21.0  # 10 + 22 * eff / max eff
    assert n["Bo"]["reasons"] == ["coach with the CEO's ear"]
    assert n["Ada"]["reasons"] == ["high risk: Unknown decision maker — Ada is unknown"]
    assert (n["Bo"]["quadrant"], n["Cy"]["quadrant"]) == ("leverage", "neutralise")
    assert (n["Cy"]["forecast"], n["Cy"]["forecast_attitude"]) == (-0.4, -1)
    assert payload["summary"]["health"] == "amber"
    assert payload["summary"]["forecast"] == {"deal": 0.25, "deal_initial": 0.1}
    assert payload["summary"]["flags"][0]["stakeholders"] == [ids["Ada"]]
    [suggestion] = payload["suggestions"]
    assert suggestion["path"] == [ids["Bo"], ids["Cy"]]
    assert suggestion["owner_id"] == board["zhang"]
    [rival] = payload["competition"]["competitors"]
    assert (rival["strongholds"], rival["contested"], rival["share"]) == ([ids["Cy"]],
                                                                          [ids["Ada"]], 0.4)
    assert payload["competition"]["blind_spots"] == [ids["Ed"]]


def test_demo_payload_with_the_real_analysis(demo_store):
    G = build_graph(demo_store, 1)
    before = copy.deepcopy(nx.node_link_data(G, edges="edges"))
    payload = map_payload(G, analyze(G, today=DEMO_TODAY))
    assert nx.node_link_data(G, edges="edges") == before  # the graph is not modified
    assert len(payload["nodes"]) == G.number_of_nodes()
    assert payload["summary"]["health"] in {"red", "amber", "green"}
    assert payload["suggestions"] and all(s["path"] for s in payload["suggestions"])
    assert any(n.get("reasons") for n in payload["nodes"])
    assert payload["layout"] == "org"
    assert payload["legend"]["fonts"] == {"member": 16, "outside": 12, "placeholder": 12}
    json.dumps(payload, allow_nan=False)  # JSON-ready


def _synthetic_graph(n: int, seed: int) -> nx.MultiDiGraph:
    """A random account: a reporting tree, informal edges, 40% in the buying center."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(1, n + 1):
        bc = rng.random() < 0.4
        G.add_node(i, id=i, name=f"Person {i}", department=rng.choice("ABCDE"),
                   in_buying_center=bc, roles=["user"] if bc else [],
                   influence=rng.randint(1, 5) if bc else None,
                   attitude=rng.choice([None, -2, -1, 0, 1, 2]) if bc else None,
                   coverage=[], competitors={})
    for i in range(2, n + 1):
        G.add_edge(i, rng.randint(max(1, i // 4), i - 1), key="reports_to", type="reports_to",
                   id=i, strength=3)
    for j in range(n // 2):
        a, b = rng.randint(1, n), rng.randint(1, n)
        kind = rng.choice(["influences", "allied", "conflict"])
        if a != b:
            G.add_edge(a, b, key=kind, type=kind, id=n + j, strength=rng.randint(1, 3))
    return G
