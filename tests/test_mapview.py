"""The map payload: node looks, edges, placeholders, panels data and the precomputed layouts."""

from __future__ import annotations

import copy
import json
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powermap import vocabulary as v
from powermap.analysis import analyze
from powermap.graph import build_graph
from powermap.i18n import use_locale
from powermap.mapview import ATTITUDE_COLORS, map_payload, wrap_label
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
    assert n["Ada"]["coverage"] == [{"id": 1, "version": 1,
                                     "team_member_id": board["zhang"], "name": "Zhang",
                                     "strength": 3, "last_contact": None, "owner": True}]
    # without an analysis the size follows declared influence: Ada (5) > Bo (3) > Ed (1)
    assert n["Ada"]["size"] > n["Bo"]["size"] > n["Ed"]["size"] > n["Di"]["size"]


def test_unknown_attitude_is_drawn_distinct_from_neutral():
    assert ATTITUDE_COLORS["unknown"] not in {ATTITUDE_COLORS[label] for label in
                                              v.ATTITUDE.values()}
    legend_keys = [a["key"] for a in map_payload(nx.MultiDiGraph(), {})["legend"]["attitudes"]]
    assert legend_keys == ["champion", "supporter", "neutral", "sceptic", "opponent", "unknown",
                           "outside"]


def test_competitor_positions_say_who_leads_as_the_analysis_judges(board):
    """Ada: we cover her at 3 but Rival covers her at 4 and she prefers it: Rival leads."""
    rival = board["rival"]
    n = nodes_by_name(map_payload(board["G"], analyze(board["G"], today=DEMO_TODAY)))
    assert n["Ada"]["competitors"] == [{"id": rival, "name": "Rival", "coverage": 4,
                                        "preference": 1, "position_id": 1,
                                        "position_version": 1, "lead": "them"}]
    # Bo holds no position with Rival, yet is judged: our champion, we lead
    assert n["Bo"]["competitors"] == [{"id": rival, "name": "Rival", "coverage": None,
                                       "preference": None, "lead": "us"}]
    assert [n[x]["competitors"][0]["lead"] for x in ("Cy", "Ed")] == ["them", "nobody"]
    assert "competitors" not in n["Di"]  # outside the buying center, no position


def test_without_an_analysis_the_map_judges_nobody(board):
    payload = map_payload(board["G"], {})
    n = nodes_by_name(payload)
    assert n["Ada"]["competitors"] == [{"id": board["rival"], "name": "Rival", "coverage": 4,
                                        "preference": 1, "position_id": 1,
                                        "position_version": 1}]
    assert "competitors" not in n["Bo"]
    [rival] = payload["competition"]["competitors"]
    assert (rival["strongholds"], rival["contested"], rival["leads"]) == ([], [], [])
    assert payload["competition"]["blind_spots"] == []


def test_lead_legend_has_a_colour_for_every_lead_the_analysis_gives():
    from powermap.analysis.competition import LEADS

    leads = map_payload(nx.MultiDiGraph(), {})["legend"]["leads"]
    assert [lead["key"] for lead in leads] == list(LEADS)
    assert len({lead["color"] for lead in leads}) == len(LEADS)


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
                         "introducer": {"kind": "stakeholder", "id": ids["Bo"], "name": "Bo"},
                         "owner": {"kind": "team_member", "id": board["zhang"],
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
    assert suggestion["owner_id"] == board["zhang"]   # who starts the path, not the introducer
    assert [s["id"] for s in suggestion["route"]] == [None, board["zhang"], ids["Bo"], ids["Cy"]]
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


# --------------------------------------------------------------------------- one judgement
# Who leads whom, strongholds, contested people and blind spots are the analysis'; the map
# shows exactly what the report says, person by person.


def _agrees_with_report(G: nx.MultiDiGraph, report: dict, payload: dict) -> int:
    """Assert the payload's competitor judgements are the report's; return the pairs checked."""
    competition = report["competition"]
    keys = {p["key"]: p["competitor_id"] for p in competition["matrix"]["parties"]}
    expected, outside = {}, {}
    for row in competition["matrix"]["outside"]:
        for party, cell in zip(competition["matrix"]["parties"][1:], row["cells"][1:],
                               strict=True):
            outside[(row["stakeholder_id"], party["competitor_id"])] = cell["lead"]
    for row in competition["matrix"]["rows"]:
        for party, cell in zip(competition["matrix"]["parties"][1:], row["cells"][1:],
                               strict=True):
            expected[(row["stakeholder_id"], party["competitor_id"])] = cell["lead"]
            # the lead is the leader seen from this competitor's side
            if row["leader"] is None:
                assert cell["lead"] in ("contested", "nobody")
            elif row["leader"] == "us":
                assert cell["lead"] == "us"
            else:
                ahead = keys[row["leader"]] == party["competitor_id"]
                assert cell["lead"] == ("them" if ahead else "other")
    shown = {(node["id"], c["id"]): c["lead"] for node in payload["nodes"]
             if node.get("in_buying_center") for c in node.get("competitors", [])}
    assert shown == expected
    # outside the buying center: whoever holds a position gets the report's leads too
    assert {(node["id"], c["id"]): c.get("lead") for node in payload["nodes"]
            if not node.get("in_buying_center") for c in node.get("competitors", [])} == outside
    for rival, drawn in zip(competition["competitors"], payload["competition"]["competitors"],
                            strict=True):
        ids = {key: [p["stakeholder_id"] for p in rival[key]]
               for key in ("strongholds", "contested", "leads")}
        assert drawn["id"] == rival["competitor_id"]
        assert {key: drawn[key] for key in ids} == ids
        assert ids["leads"] == sorted(n for (n, c), lead in shown.items()
                                      if c == rival["competitor_id"] and lead == "them")
    assert payload["competition"]["blind_spots"] == [
        p["stakeholder_id"] for p in competition["blind_spots"]]
    return len(expected)


@pytest.mark.parametrize("opportunity", [1, 2])
def test_demo_map_and_review_agree_on_every_person_and_competitor(demo_store, opportunity):
    G = build_graph(demo_store, opportunity)
    report = analyze(G, today=DEMO_TODAY)
    payload = map_payload(G, report)
    members = sum(1 for _, d in G.nodes(data=True) if d["in_buying_center"])
    assert (members, len(G.graph["competitors"])) == ({1: 22, 2: 10}[opportunity],
                                                      {1: 2, 2: 1}[opportunity])
    assert _agrees_with_report(G, report, payload) == members * len(G.graph["competitors"])


def test_demo_zhao_min_is_led_by_northwind_on_the_map_as_in_the_review(demo_store):
    """Regression: the map called 赵敏 contested (coverage only) while the review said Northwind
    leads (Northwind covers her at 2 and she prefers it, +1; we are acquainted, she is neutral)."""
    G = build_graph(demo_store, 1)
    payload = map_payload(G, analyze(G, today=DEMO_TODAY))
    zhao = nodes_by_name(payload)["赵敏"]
    northwind = next(c for c in zhao["competitors"] if c["name"] == "Northwind Systems")
    assert (northwind["coverage"], northwind["preference"], northwind["lead"]) == (2, 1, "them")


def test_people_outside_the_buying_center_get_the_analysis_lead_too(demo_store):
    """Outside the buying center a competitor's position still shows who leads (the panel)."""
    G = build_graph(demo_store, 2)
    payload = map_payload(G, analyze(G, today=DEMO_TODAY))
    outside = {n["name"]: [c["lead"] for c in n["competitors"]] for n in payload["nodes"]
               if not n["in_buying_center"] and n.get("competitors")}
    assert outside == {"赵敏": ["them"], "Xu Fang": ["them"], "Lin Tao": ["them"],
                       "Shen Rui": ["them"]}


@st.composite
def contested_maps(draw):
    """A small map with two competitors in play and random positions for both."""
    size = draw(st.integers(1, 6))
    G = nx.MultiDiGraph(team={7: {"id": 7, "name": "Tess"}},
                        competitors={3: {"id": 3, "name": "North"}, 5: {"id": 5, "name": "East"}},
                        placeholders=[])
    scores = st.none() | st.integers(-2, 2)
    for n in range(1, size + 1):
        positions = {}
        for cid in (3, 5):
            if draw(st.booleans()):
                positions[cid] = {"coverage": draw(st.none() | st.integers(0, 4)),
                                  "preference": draw(scores)}
        strength = draw(st.integers(0, 4))
        G.add_node(n, id=n, name=f"P{n}", in_buying_center=draw(st.booleans()) or n == 1,
                   roles=[draw(st.sampled_from(list(v.ROLES)))], influence=draw(st.integers(1, 5)),
                   attitude=draw(scores), level=3, department=draw(st.sampled_from("AB")),
                   coverage=[{"team_member_id": 7, "strength": strength, "owner": True,
                              "last_contact": None}] if strength else [],
                   competitors=positions)
    for a, b in draw(st.lists(st.tuples(st.integers(1, size), st.integers(1, size)),
                              max_size=size)):
        if a != b:
            G.add_edge(a, b, key="influences", type="influences", strength=2)
    return G


@settings(max_examples=60, deadline=None)
@given(contested_maps())
def test_generated_maps_and_reports_agree_person_by_person(G):
    report = analyze(G, today=DEMO_TODAY)
    payload = map_payload(G, report)
    members = sum(1 for _, d in G.nodes(data=True) if d["in_buying_center"])
    assert _agrees_with_report(G, report, payload) == 2 * members


def _legend_labels(legend):
    return {section: [item.get("label") for item in legend[section]]
            for section in ("attitudes", "roles", "edge_types", "coverage", "influence",
                            "leads", "action_types")}


def test_legend_labels_are_chinese_under_zh_cn_and_keys_stay_codes(board):
    with use_locale("zh_CN"):
        payload = map_payload(board["G"], {})
    legend = payload["legend"]
    assert _legend_labels(legend) == {
        "attitudes": ["拥护者", "支持者", "中立", "怀疑", "反对者", "态度未知", "不在采购决策小组"],
        "roles": ["决策", "审批", "评估/选型", "使用", "影响", "采购", "教练/内线"],
        "edge_types": ["汇报给", "影响", "结盟", "冲突"],
        "coverage": ["无关系", "认识", "熟悉", "信任", "铁杆"],
        "influence": ["很小", "较小", "中等", "较大", "决定性"],
        "leads": ["我方占优", "竞争对手占优", "其他竞争对手占优", "争夺中", "无人占优"],
        "action_types": ["破冰", "扭转态度", "提升关系", "高层互访", "参观样板", "技术交流"],
    }
    english = map_payload(board["G"], {})["legend"]
    assert _legend_labels(english)["attitudes"][:2] == ["Champion", "Supporter"]
    assert _legend_labels(english)["leads"][0] == "We lead"
    for section in ("attitudes", "roles", "leads", "action_types"):
        assert [a["key"] for a in legend[section]] == [a["key"] for a in english[section]]
    assert [e["type"] for e in legend["edge_types"]] == list(v.RELATIONSHIP_TYPES)
    # colour keys are codes in every language
    assert nodes_by_name(payload)["Cy"]["color_key"] == "opponent"
    assert nodes_by_name(payload)["Ada"]["color_key"] == "unknown"
    json.dumps(payload, allow_nan=False)


def test_reasons_and_ghost_names_follow_the_language(board):
    G = copy.deepcopy(board["G"])
    for entry in G.graph["placeholders"]:
        entry["placeholder"] = None
    with use_locale("zh_CN"):
        payload = map_payload(G, analyze(G, today=DEMO_TODAY))
    assert payload["placeholders"][0]["label"] == "? 审批（空缺）"
    ada = nodes_by_name(payload)["Ada"]
    assert ada["reasons"] == [
        "影响力评分 5（决定性）", "角色：决策", "2 名直接下属",
        "结构性权力 1.00（基于影响关系和汇报关系的 PageRank）",
        "高风险：竞争对手在决策者处占优 — Rival在Ada（决策者）处领先于我方。",
        "中风险：高影响力关键人态度未知 — Ada的态度未知。",
        "中风险：高影响力关键人无人跟进 — "
        "以下高影响力且尚未支持我方的关键人没有进行中的行动：Ada。"]
    with use_locale("en"):
        english = map_payload(G, analyze(G, today=DEMO_TODAY))
    assert english["placeholders"][0]["label"] == "? Approver\n(unknown)"  # wrapped
    assert nodes_by_name(english)["Ada"]["reasons"][-3:] == [
        "high risk: A competitor leads with a decision maker — Rival is ahead of us with Ada "
        "(decision maker).",
        "medium risk: High-influence people with unknown attitude — Attitude unknown for Ada.",
        "medium risk: Influential people nobody is working on — No open action with these "
        "influential non-supporters: Ada."]
