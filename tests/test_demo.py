"""The demo account holds what each analysis is meant to find."""

from __future__ import annotations

from powermap.graph import build_graph


def test_demo_shape(demo_store):
    counts = demo_store.counts()
    assert counts["stakeholder"] == 30 and counts["opportunity"] == 2
    assert counts["team_member"] == 3 and counts["competitor"] == 2
    departments = {p["department"] for p in demo_store.rows("stakeholder")}
    assert len(departments) == 5
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p["name"])
               for p in demo_store.rows("stakeholder"))
    types = {r["type"] for r in demo_store.rows("relationship")}
    assert types == {"reports_to", "influences", "allied", "conflict"}


def test_top_decision_maker_is_uncontacted_and_competitor_covers_him(demo_store):
    G = build_graph(demo_store, 1)
    ceo = next(n for n, d in G.nodes(data=True) if "decision_maker" in d["roles"])
    assert G.nodes[ceo]["name"] == "陈建国" and G.nodes[ceo]["level"] == 1
    assert G.nodes[ceo]["coverage"] == []
    assert max(p["coverage"] for p in G.nodes[ceo]["competitors"].values()) == 3


def test_operations_is_reached_through_one_person(demo_store):
    G = build_graph(demo_store, 1)
    covered = [d["name"] for _, d in G.nodes(data=True)
               if d["department"] == "Operations" and any(c["strength"] for c in d["coverage"])]
    assert covered == ["唐强"]


def test_graph_carries_scores_edges_and_placeholders(demo_store):
    G = build_graph(demo_store, 2)
    assert G.number_of_nodes() == 30
    assert sum(1 for _, d in G.nodes(data=True) if d["in_buying_center"]) == 10
    assert [p["placeholder"] for p in G.graph["placeholders"]] == ["Inside coach (none yet)"]
    assert [c["name"] for c in G.graph["competitors"].values()] == ["Northwind Systems"]
    edge_types = {k for _, _, k in G.edges(keys=True)}
    assert edge_types == {"reports_to", "influences", "allied", "conflict"}


def _load(locale):
    from powermap.demo import load_demo
    from powermap.store import Store
    from tests.conftest import DEMO_TODAY

    store = Store(":memory:")
    load_demo(store, today=DEMO_TODAY, locale=locale)
    return store


_STRUCTURE = {  # what must not change with the language: (entity, fields)
    "stakeholder": ("id", "level", "email"),
    "relationship": ("id", "source_id", "target_id", "type", "strength"),
    "buying_center_entry": ("id", "opportunity_id", "stakeholder_id", "roles", "influence",
                            "attitude", "verified_at"),
    "coverage": ("id", "team_member_id", "stakeholder_id", "strength", "last_contact", "owner"),
    "competitor_position": ("id", "competitor_id", "stakeholder_id", "coverage", "preference"),
    "opportunity_competitor": ("id", "opportunity_id", "competitor_id"),
    "action": ("id", "opportunity_id", "stakeholder_id", "owner_id", "type", "due_date",
               "status"),
    "opportunity": ("id", "stage", "value", "currency", "bid_date", "decision_date"),
    "team_member": ("id", "level", "role"),
}


def test_the_chinese_demo_is_the_english_one_in_other_words():
    en, zh = _load("en"), _load("zh_CN")
    assert en.counts() == zh.counts()
    for entity, fields in _STRUCTURE.items():
        assert ([{f: r[f] for f in fields} for r in en.rows(entity)] ==
                [{f: r[f] for f in fields} for r in zh.rows(entity)]), entity
    en_people, zh_people = en.rows("stakeholder"), zh.rows("stakeholder")
    assert [p["name"] for p in en_people[:8]] == ["陈建国", "刘洋", "赵敏", "孙丽", "Helen Wu",
                                                  "何振华", "Tian Yu", "王磊"]
    assert [p["name"] for p in zh_people[:8]] == ["陈建国", "刘洋", "赵敏", "孙丽", "吴海伦",
                                                  "何振华", "田宇", "王磊"]
    assert {p["department"] for p in zh_people} == {"总经理办公室", "生产运营部", "财务部",
                                                    "信息中心", "采购部"}
    assert zh_people[3]["interests"] == "分管信息化，关注数据安全和集团统一数据平台。"
    assert en_people[3]["interests"] == "Data security and one data platform for the whole group."
    assert [a["expected_effect"] for a in zh.rows("action")] == [
        "首席信息官牵头架构评审", "通过技术交流化解网络安全方面的顾虑", "参观浙江样板项目",
        "与设备维护经理首次会面"]
    assert [o["name"] for o in zh.rows("opportunity")] == ["智能电网分析平台", "设备运维套件"]
    assert [o["name"] for o in en.rows("opportunity")] == [
        "智能电网分析平台 Smart Grid Analytics", "设备运维套件 Plant Maintenance Suite"]
    zh_text = [p[f] for p in zh_people for f in ("name", "title", "department") if p[f]]
    assert not any(ch.isascii() and ch.isalpha() for text in zh_text for ch in text)


def test_both_demos_analyse_to_the_same_numbers():
    from powermap.analysis import analyze
    from tests.conftest import DEMO_TODAY

    def numbers(store, opportunity):
        report = analyze(build_graph(store, opportunity), today=DEMO_TODAY)
        return {
            "ranking": [(r["stakeholder_id"], r["effective_influence"])
                        for r in report["ranking"]],
            "support": (report["support"]["net_support"], report["support"]["counts"]),
            "forecast": report["forecast"]["deal"],
            "risks": (report["risks"]["health"], report["risks"]["counts"],
                      [flag["code"] for flag in report["risks"]["flags"]]),
            "grid": report["grid"]["quadrants"],
            "suggestions": [(s["stakeholder_id"], s["activity"])
                            for s in report["suggestions"]],
        }

    en, zh = _load("en"), _load("zh_CN")
    for opportunity in (1, 2):
        assert numbers(en, opportunity) == numbers(zh, opportunity)
    assert numbers(en, 1)["risks"][0] == "red"
