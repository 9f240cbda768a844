"""The rest of the demo portfolio: thirteen more accounts beside the demo account.

Accounts of mixed value, most with a small map, so the portfolio page tells a
story on first run: a fifth of the accounts bring most of the sales; Jiangnan
Steel and Xihu Bank are valuable but their maps are weak (no sponsor, an
unknown or sceptical decision maker); Pearl River Logistics is valuable and
well covered; Qilu Chemicals has a deal and nobody on it. Each text is given
as (English, Chinese); :func:`powermap.demo.load_demo` writes them in the
language it loads the demo in.
"""

from __future__ import annotations

from collections.abc import Callable

from .store import Store

__all__ = ["portfolio_accounts"]

#: An (English, Chinese) text.
_Text = tuple[str, str]

#: name, industry, size, tier, cumulative sales, profit, average deal size, collection
#: period (days), arrears, value positioning, procurement norms, satisfaction, team roles,
#: deal (name, stage, value) or None, people (name, title, roles, influence, attitude),
#: coverage (team role, person index, strength).
_PORTFOLIO: list[tuple] = [
    (("Jiangnan Steel Group", "江南钢铁集团"), ("Steel", "钢铁"), 12000, "strategic",
     22_000_000, 3_100_000, 3_600_000, 90, 2_500_000, "balanced", "regular", 3,
     ("account_lead",), (("Furnace Monitoring", "高炉监测系统"), "propose", 6_000_000),
     [(("Qian Wei", "钱伟"), ("Chief Information Officer", "首席信息官"), ["decision_maker"], 5,
       None),
      (("Fang Lin", "方琳"), ("IT Manager", "信息化经理"), ["evaluator"], 3, 1)],
     [("account_lead", 1, 3)]),
    (("Pearl River Logistics", "珠江物流"), ("Logistics", "物流"), 6000, "growth",
     15_000_000, 2_800_000, 2_500_000, 45, 300_000, "value", "regular", 4,
     ("account_lead", "solution_lead", "delivery_lead", "executive_sponsor"),
     (("Fleet Telematics", "车队远程管理"), "negotiate", 5_000_000),
     [(("Luo Bin", "罗斌"), ("Chief Operating Officer", "首席运营官"), ["decision_maker"], 5, 1),
      (("Xie Ying", "谢颖"), ("Chief Technology Officer", "首席技术官"), ["evaluator", "coach"],
       4, 2),
      (("Pan Jun", "潘军"), ("Procurement Manager", "采购经理"), ["gatekeeper"], 2, 0)],
     [("executive_sponsor", 0, 3), ("account_lead", 1, 4), ("solution_lead", 2, 2)]),
    (("Xihu Bank", "西湖银行"), ("Banking", "银行"), 4000, "strategic",
     9_000_000, 2_200_000, 1_800_000, 30, 0, "value", "regular", 4,
     ("account_lead", "solution_lead"), (("Core Data Warehouse", "核心数据仓库"), "develop",
                                         4_000_000),
     [(("Yu Hong", "于红"), ("Chief Information Officer", "首席信息官"), ["decision_maker"], 5,
       -1),
      (("Cao Ming", "曹明"), ("Data Architect", "数据架构师"), ["evaluator"], 3, 0)],
     [("account_lead", 1, 2)]),
    (("Northern Rail Equipment", "北方轨道装备"), ("Rail", "轨道交通"), 9000, "growth",
     7_000_000, 600_000, 3_500_000, 120, 1_800_000, "price", "partly_regular", 2,
     ("account_lead", "delivery_lead"), (("Depot Maintenance", "车辆段运维"), "qualify",
                                         2_500_000),
     [(("Du Gang", "杜刚"), ("Plant Director", "厂长"), ["decision_maker"], 4, None)], []),
    (("Huaxia Pharma", "华夏制药"), ("Pharmaceuticals", "医药"), 3000, "growth",
     4_500_000, 900_000, 1_500_000, 60, 400_000, "balanced", "partly_regular", 3,
     ("account_lead",), None, [], []),
    (("Sunrise Retail", "朝阳零售"), ("Retail", "零售"), 2500, "maintain",
     2_200_000, 300_000, 400_000, 40, 50_000, "price", "irregular", 4, ("sales",), None, [], []),
    (("Donghai Shipping", "东海航运"), ("Shipping", "航运"), 1800, "maintain",
     1_500_000, 200_000, 500_000, 75, 200_000, "balanced", "regular", 3, ("account_lead",),
     (("Port Scheduling", "港口调度"), "develop", 1_200_000),
     [(("Kong Fan", "孔凡"), ("Operations Director", "运营总监"), ["decision_maker"], 4, 1)],
     [("account_lead", 0, 3)]),
    (("Minjiang Water", "闽江水务"), ("Utilities", "公用事业"), 1200, "maintain",
     1_100_000, 250_000, 550_000, 50, 0, "value", "regular", 5,
     ("account_lead", "solution_lead"), (("Smart Metering", "智能水表"), "propose", 800_000),
     [(("Lu Qing", "陆青"), ("General Manager", "总经理"), ["decision_maker"], 5, 2),
      (("Shi Lei", "石磊"), ("Metering Engineer", "计量工程师"), ["evaluator"], 3, 1)],
     [("account_lead", 0, 4), ("solution_lead", 1, 3)]),
    (("Tianfu Hospital Group", "天府医疗集团"), ("Healthcare", "医疗"), 5000, "maintain",
     800_000, 100_000, 400_000, 150, 300_000, "balanced", "irregular", 2, ("account_lead",),
     None, [], []),
    (("Qilu Chemicals", "齐鲁化工"), ("Chemicals", "化工"), 7000, None,
     600_000, 50_000, 300_000, 90, 100_000, "price", "partly_regular", 3, (),
     (("Safety Monitoring", "安全监测"), "qualify", 1_500_000), [], []),
    (("Songhua Foods", "松花食品"), ("Food", "食品"), 900, "maintain",
     400_000, 80_000, 200_000, 30, 0, "balanced", "regular", 4, ("account_lead",), None, [], []),
    (("Gobi Solar", "戈壁光伏"), ("Energy", "能源"), 600, None,
     250_000, 20_000, 250_000, 60, 0, "value", "partly_regular", 3, ("account_lead",), None,
     [], []),
    (("Lingnan Education", "岭南教育"), ("Education", "教育"), 400, None,
     100_000, 10_000, 100_000, 100, 50_000, "price", "irregular", None, (), None, [], []),
]

#: Our people on the portfolio's teams, by role: (English, Chinese) name.
_PORTFOLIO_TEAM: dict[str, _Text] = {
    "account_lead": ("Gao Yan", "高岩"), "solution_lead": ("Mo Li", "莫莉"),
    "delivery_lead": ("Qin Feng", "秦峰"), "executive_sponsor": ("Yan Hua", "严华"),
    "sales": ("Hu Xin", "胡欣"),
}


def portfolio_accounts(store: Store, locale: str, ahead: Callable[[int], str]) -> int:
    """Write the other accounts of the demo portfolio (see :data:`_PORTFOLIO`); their count."""
    chinese = locale == "zh_CN"

    def t(text: _Text) -> str:
        return text[1] if chinese else text[0]

    for (name, industry, size, tier, sales, profit, average, days, arrears, positioning,
         norms, satisfaction, roles, deal, people, coverage) in _PORTFOLIO:
        aid = store.create("account", {
            "name": t(name), "industry": t(industry), "size": size, "tier": tier,
            "cumulative_sales": sales, "profit": profit, "average_deal_size": average,
            "collection_period_days": days, "arrears": arrears,
            "value_positioning": positioning, "procurement_norms": norms,
            "satisfaction": satisfaction})["id"]
        team = {role: store.create("team_member", {
            "account_id": aid, "name": t(_PORTFOLIO_TEAM[role]), "role": role})["id"]
            for role in roles}
        ids = [store.create("stakeholder", {"account_id": aid, "name": t(person),
                                            "title": t(title)})["id"]
               for person, title, *_scores in people]
        if deal is not None:
            (deal_name, stage, value) = deal
            opportunity = store.create("opportunity", {
                "account_id": aid, "name": t(deal_name), "stage": stage, "value": value,
                "currency": "CNY", "bid_date": ahead(60)})["id"]
            for person_id, (_name, _title, person_roles, influence, attitude) in zip(
                    ids, people, strict=True):
                store.create("buying_center_entry", {
                    "opportunity_id": opportunity, "stakeholder_id": person_id,
                    "roles": person_roles, "influence": influence, "attitude": attitude})
        for role, person, strength in coverage:
            store.create("coverage", {"team_member_id": team[role], "stakeholder_id": ids[person],
                                      "strength": strength})
    return len(_PORTFOLIO)
