"""The demo account: a realistic customer to explore powermap with.

East China Energy Group (华东能源集团), 30 stakeholders in five departments,
two opportunities with different buying centers, a three-person account team
with uneven coverage, two competitors and a few planned actions. The data is
built so that every analysis has something real to find:

* the top decision maker (陈建国, CEO) has never been contacted by us, while
  Qingyun Tech covers him; our coach 王磊 served him for years (allied, 3) and
  is the warmest door to him, which the campaign takes;
* Northwind Systems holds Procurement (黄伟 and his team): a competitor
  stronghold;
* Operations is reached through one person only (唐强);
* our most enthusiastic champion (Ma Chao) has little influence;
* the maintenance deal has no coach, a low-level opponent (搞定小鬼) and a
  placeholder for a sign-off nobody has identified.

Dates are relative to ``today`` so that staleness shows the same way
whenever the demo is loaded.

The demo speaks the language it is loaded in: in zh_CN every text (names,
titles, departments, notes, interests, actions, placeholders, competitors) is
the Chinese of :data:`_CHINESE`, in English the tables below. Only text
differs: people, scores, relationships and actions are the same records in
the same order, so every analysis finds the same numbers in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .errors import Problem, ValidationError
from .i18n import _, current_locale, pgettext
from .store import Store

__all__ = ["load_demo", "DEMO_ACCOUNT", "DEMO_ACCOUNTS"]

DEMO_ACCOUNT = "华东能源集团 East China Energy Group"

# name, title, department, level, manager (name or None), email user
_PEOPLE = [
    ("陈建国", "Chairman & CEO", "Executive Office", 1, None, "chen.jianguo"),
    ("刘洋", "VP Operations", "Operations", 2, "陈建国", "liu.yang"),
    ("赵敏", "Chief Financial Officer", "Finance", 2, "陈建国", "zhao.min"),
    ("孙丽", "Chief Information Officer", "IT", 2, "陈建国", "sun.li"),
    ("Helen Wu", "Executive Assistant to the CEO", "Executive Office", 4, "陈建国", "helen.wu"),
    ("何振华", "VP Strategy", "Executive Office", 2, "陈建国", "he.zhenhua"),
    ("Tian Yu", "Strategy Analyst", "Executive Office", 4, "何振华", "tian.yu"),
    ("王磊", "IT Director", "IT", 3, "孙丽", "wang.lei"),
    ("Li Na", "Enterprise Architect", "IT", 4, "王磊", "li.na"),
    ("Zhou Jie", "Infrastructure Manager", "IT", 4, "王磊", "zhou.jie"),
    ("Xu Fang", "Security Lead", "IT", 4, "王磊", "xu.fang"),
    ("Jiang Hao", "Data Platform Manager", "IT", 4, "王磊", "jiang.hao"),
    ("Ma Chao", "Developer Lead", "IT", 5, "Li Na", "ma.chao"),
    ("Guo Jing", "Helpdesk Manager", "IT", 5, "Zhou Jie", "guo.jing"),
    ("Wei Dong", "Network Engineer", "IT", 5, "Zhou Jie", "wei.dong"),
    ("黄伟", "Procurement Director", "Procurement", 3, "赵敏", "huang.wei"),
    ("Lin Tao", "Sourcing Manager", "Procurement", 4, "黄伟", "lin.tao"),
    ("Shen Rui", "Vendor Manager", "Procurement", 4, "黄伟", "shen.rui"),
    ("Deng Hui", "Contract Specialist", "Procurement", 5, "Lin Tao", "deng.hui"),
    ("Yang Xue", "Finance Controller", "Finance", 3, "赵敏", "yang.xue"),
    ("Qian Bo", "Budget Analyst", "Finance", 4, "Yang Xue", "qian.bo"),
    ("Feng Yu", "Treasury Manager", "Finance", 4, "赵敏", "feng.yu"),
    ("Kong Ying", "Accountant", "Finance", 5, "Yang Xue", "kong.ying"),
    ("唐强", "Plant Operations Director", "Operations", 3, "刘洋", "tang.qiang"),
    ("Song Jia", "Maintenance Manager", "Operations", 4, "唐强", "song.jia"),
    ("Han Mei", "Production Planning Manager", "Operations", 4, "唐强", "han.mei"),
    ("Cao Lin", "Shift Supervisor", "Operations", 5, "Song Jia", "cao.lin"),
    ("Peng Fei", "Quality Manager", "Operations", 4, "刘洋", "peng.fei"),
    ("Xie Ling", "Safety Engineer", "Operations", 5, "Peng Fei", "xie.ling"),
    ("Lu Chen", "Energy Analyst", "Operations", 5, "Han Mei", "lu.chen"),
]

# source, target, type, strength
_RELATIONSHIPS = [
    ("Helen Wu", "陈建国", "influences", 2),
    ("何振华", "陈建国", "influences", 3),
    ("赵敏", "陈建国", "influences", 2),
    ("孙丽", "陈建国", "influences", 2),
    ("王磊", "孙丽", "influences", 3),
    ("Li Na", "王磊", "influences", 2),
    ("Xu Fang", "王磊", "influences", 2),
    ("Jiang Hao", "Li Na", "influences", 1),
    ("Ma Chao", "Li Na", "influences", 1),
    ("黄伟", "赵敏", "influences", 3),
    ("Lin Tao", "黄伟", "influences", 2),
    ("Yang Xue", "赵敏", "influences", 2),
    ("唐强", "刘洋", "influences", 3),
    ("Song Jia", "唐强", "influences", 2),
    ("Cao Lin", "Song Jia", "influences", 2),
    ("Peng Fei", "刘洋", "influences", 2),
    ("王磊", "唐强", "allied", 2),
    ("孙丽", "赵敏", "allied", 2),
    ("王磊", "陈建国", "allied", 3),
    ("Helen Wu", "孙丽", "allied", 1),
    ("Jiang Hao", "Han Mei", "allied", 1),
    ("何振华", "孙丽", "conflict", 3),
    ("Peng Fei", "唐强", "conflict", 2),
]

# name, roles, influence, attitude, verified days ago
_GRID_DEAL = [
    ("陈建国", ["decision_maker"], 5, None, 30),
    ("孙丽", ["approver", "evaluator"], 4, 1, 12),
    ("赵敏", ["approver"], 4, 0, 45),
    ("何振华", ["influencer"], 4, -2, 20),
    ("王磊", ["evaluator", "coach"], 4, 2, 7),
    ("Li Na", ["evaluator"], 3, 1, 10),
    ("Xu Fang", ["evaluator"], 3, -1, 25),
    ("Jiang Hao", ["evaluator"], 3, 1, 15),
    ("Zhou Jie", ["user"], 2, 0, 40),
    ("Ma Chao", ["user", "coach"], 1, 2, 5),
    ("黄伟", ["gatekeeper"], 4, -1, 150),
    ("Lin Tao", ["gatekeeper"], 2, 0, 60),
    ("Shen Rui", ["gatekeeper"], 2, None, 200),
    ("Yang Xue", ["approver"], 3, 0, 35),
    ("Qian Bo", ["influencer"], 2, 1, 50),
    ("Helen Wu", ["gatekeeper"], 2, 1, 20),
    ("唐强", ["user"], 4, 1, 14),
    ("Song Jia", ["user"], 3, None, 100),
    ("Han Mei", ["user"], 3, 0, 30),
    ("Cao Lin", ["user"], 2, -2, 30),
    ("Peng Fei", ["influencer"], 3, None, 120),
    ("Lu Chen", ["user"], 1, 1, 20),
]

_MAINTENANCE_DEAL = [
    ("刘洋", ["decision_maker"], 5, 0, 60),
    ("唐强", ["evaluator"], 4, 1, 14),
    ("Song Jia", ["evaluator"], 4, None, 100),
    ("Han Mei", ["user"], 3, 0, 30),
    ("Cao Lin", ["user"], 2, -2, 30),
    ("Peng Fei", ["influencer"], 3, -1, 40),
    ("黄伟", ["gatekeeper"], 3, -1, 150),
    ("Yang Xue", ["approver"], 3, 0, 35),
    ("Zhou Jie", ["user"], 2, 0, 40),
    ("Lu Chen", ["user"], 1, 1, 20),
]

_TEAM = [
    ("张蕾 Alice Zhang", "Key Account Director", 3, "account_lead"),
    ("李博 Bob Li", "Solution Architect", 4, "solution_lead"),
    ("徐凯 Carol Xu", "Delivery Manager", 4, "delivery_lead"),
]

# team member (first word), stakeholder, strength, days since contact, owner
_COVERAGE = [
    ("张蕾", "孙丽", 3, 12, True),
    ("张蕾", "赵敏", 2, 200, True),
    ("张蕾", "王磊", 4, 7, True),
    ("张蕾", "Helen Wu", 2, 30, True),
    ("张蕾", "黄伟", 1, 150, True),
    ("张蕾", "Yang Xue", 2, 35, True),
    ("张蕾", "Li Na", 2, 60, False),
    ("李博", "王磊", 3, 9, False),
    ("李博", "Li Na", 3, 10, False),
    ("李博", "Jiang Hao", 3, 15, True),
    ("李博", "Xu Fang", 2, 25, True),
    ("李博", "Ma Chao", 4, 5, True),
    ("李博", "Zhou Jie", 2, 40, True),
    ("徐凯", "唐强", 3, 14, True),
    ("徐凯", "Ma Chao", 2, 20, False),
    ("徐凯", "Qian Bo", 1, 95, True),
]

# competitor, stakeholder, coverage, preference
_POSITIONS = [
    ("Northwind Systems", "黄伟", 4, 2),
    ("Northwind Systems", "Lin Tao", 3, 1),
    ("Northwind Systems", "Shen Rui", 3, 1),
    ("Northwind Systems", "赵敏", 2, 1),
    ("Northwind Systems", "Xu Fang", 3, 1),
    ("Northwind Systems", "Peng Fei", 2, 1),
    ("Northwind Systems", "Song Jia", 2, None),
    ("青云科技 Qingyun Tech", "陈建国", 3, 1),
    ("青云科技 Qingyun Tech", "何振华", 4, 2),
    ("青云科技 Qingyun Tech", "Peng Fei", 2, 1),
    ("青云科技 Qingyun Tech", "Tian Yu", 2, None),
    ("青云科技 Qingyun Tech", "Li Na", 1, -1),
]


# name, interests, notes (the people the analyses talk about)
_PROFILES = [
    ("陈建国", "Group-wide digital transformation; values references from peer utilities.",
     "Never met by our team; Qingyun Tech has direct access."),
    ("孙丽", "Data security and one data platform for the whole group.",
     "Sponsor of the platform; consolidated the IT budget in 2025."),
    ("何振华", None, "Backs Qingyun Tech's proposal; in conflict with the CIO."),
    ("王磊", "Wants a platform his own team can run without the vendor.", None),
    ("黄伟", None, "Long-standing relationship with Northwind Systems."),
    ("Ma Chao", "Open-source tools; speaks at developer conferences.", None),
]

#: The Chinese of every text above and in :func:`load_demo` (same records, other words).
_CHINESE = {
    # people
    "Helen Wu": "吴海伦", "Tian Yu": "田宇", "Li Na": "李娜", "Zhou Jie": "周杰",
    "Xu Fang": "徐芳", "Jiang Hao": "江浩", "Ma Chao": "马超", "Guo Jing": "郭静",
    "Wei Dong": "魏东", "Lin Tao": "林涛", "Shen Rui": "沈睿", "Deng Hui": "邓辉",
    "Yang Xue": "杨雪", "Qian Bo": "钱波", "Feng Yu": "冯宇", "Kong Ying": "孔颖",
    "Song Jia": "宋佳", "Han Mei": "韩梅", "Cao Lin": "曹林", "Peng Fei": "彭飞",
    "Xie Ling": "谢玲", "Lu Chen": "陆晨",
    # titles
    "Chairman & CEO": "董事长兼总经理", "VP Operations": "副总经理（分管生产运营）",
    "Chief Financial Officer": "总会计师", "Chief Information Officer": "首席信息官",
    "Executive Assistant to the CEO": "总经理助理", "VP Strategy": "副总经理（分管战略发展）",
    "Strategy Analyst": "战略分析师", "IT Director": "信息中心主任",
    "Enterprise Architect": "企业架构师", "Infrastructure Manager": "基础设施经理",
    "Security Lead": "网络安全主管", "Data Platform Manager": "数据平台经理",
    "Developer Lead": "开发组长", "Helpdesk Manager": "运维服务台经理",
    "Network Engineer": "网络工程师", "Procurement Director": "采购部主任",
    "Sourcing Manager": "寻源经理", "Vendor Manager": "供应商管理经理",
    "Contract Specialist": "合同专员", "Finance Controller": "财务部主任",
    "Budget Analyst": "预算分析师", "Treasury Manager": "资金经理", "Accountant": "会计",
    "Plant Operations Director": "生产运营部主任", "Maintenance Manager": "设备维护经理",
    "Production Planning Manager": "生产计划经理", "Shift Supervisor": "值长",
    "Quality Manager": "质量经理", "Safety Engineer": "安全工程师",
    "Energy Analyst": "能源分析师",
    # departments
    "Executive Office": "总经理办公室", "Operations": "生产运营部", "Finance": "财务部",
    "IT": "信息中心", "Procurement": "采购部",
    # our team
    "张蕾 Alice Zhang": "张蕾", "李博 Bob Li": "李博", "徐凯 Carol Xu": "徐凯",
    "Key Account Director": "大客户总监", "Solution Architect": "解决方案架构师",
    "Delivery Manager": "交付经理",
    # competitors
    "Northwind Systems": "北风系统", "青云科技 Qingyun Tech": "青云科技",
    # account and opportunities
    DEMO_ACCOUNT: "华东能源集团", "Energy 能源": "能源",
    "Provincial utility group; IT budget consolidated under the CIO since 2025.":
        "省属能源集团；自2025年起信息化预算统一归口首席信息官管理。",
    "智能电网分析平台 Smart Grid Analytics": "智能电网分析平台",
    "Group-wide analytics platform; bid committee chaired by the CEO.":
        "集团级数据分析平台；评标委员会由总经理亲自挂帅。",
    "设备运维套件 Plant Maintenance Suite": "设备运维套件",
    "Predictive maintenance for three plants; Operations owns the budget.":
        "三家电厂的预测性维护；预算由生产运营部掌握。",
    "Legal counsel sign-off (unknown)": "法务审核签字人（未知）",
    "Inside coach (none yet)": "内线教练（暂无）",
    # actions
    "CIO sponsors the architecture review": "首席信息官牵头架构评审",
    "Security objections answered in a workshop": "通过技术交流化解网络安全方面的顾虑",
    "See the Zhejiang reference site": "参观浙江样板项目",
    "Attitude 0 → +1": "态度 0 → +1",
    "First meeting with the maintenance manager": "与设备维护经理首次会面",
    # interests and notes
    "Group-wide digital transformation; values references from peer utilities.":
        "主抓集团数字化转型，看重同行能源企业的成功案例。",
    "Never met by our team; Qingyun Tech has direct access.":
        "我方尚未接触；青云科技可直接约见。",
    "Data security and one data platform for the whole group.":
        "分管信息化，关注数据安全和集团统一数据平台。",
    "Sponsor of the platform; consolidated the IT budget in 2025.":
        "平台项目发起人；2025年起统管信息化预算。",
    "Backs Qingyun Tech's proposal; in conflict with the CIO.":
        "力推青云科技方案，与首席信息官意见不合。",
    "Wants a platform his own team can run without the vendor.":
        "希望平台上线后团队能自主运维，不依赖厂商。",
    "Long-standing relationship with Northwind Systems.": "与北风系统合作多年，关系密切。",
    "Open-source tools; speaks at developer conferences.": "热衷开源技术，常在技术大会上分享。",
}

#: The demo account's name in every language it is loaded in.
DEMO_ACCOUNTS = (DEMO_ACCOUNT, _CHINESE[DEMO_ACCOUNT])


def _words(locale: str) -> Callable[[str | None], str | None]:
    """The demo's text in ``locale``: the tables' English (and names), or their Chinese."""
    if locale == "zh_CN":
        return lambda text: _CHINESE.get(text, text) if text else text
    return lambda text: text


def load_demo(store: Store, *, today: dt.date | None = None,
              locale: str | None = None, portfolio: bool = False) -> dict:
    """Write the demo account into an empty database; return a summary.

    The texts are in ``locale`` (default: the current language). With ``portfolio``,
    thirteen more accounts with small maps come too (:data:`_PORTFOLIO`), as ``powermap
    demo`` loads them; without, the demo account alone, as the tests know it. Everything is
    written in one transaction. Raises :class:`ValidationError` if the database
    already holds data (the demo never mixes with real maps).

    >>> from powermap.store import Store
    >>> summary = load_demo(Store(":memory:"), today=dt.date(2026, 11, 1))
    >>> summary["stakeholders"], len(summary["opportunities"])
    (30, 2)
    """
    today = today or dt.date.today()
    t = _words(locale or current_locale())
    if not store.is_empty():
        raise ValidationError([Problem(
            pgettext("problem in", "database"), None,
            _("%(path)s already holds data; the demo needs an empty database (use --db with "
              "a new file)", path=store.path))])

    def ago(days: int) -> str:
        return (today - dt.timedelta(days=days)).isoformat()

    def ahead(days: int) -> str:
        return (today + dt.timedelta(days=days)).isoformat()

    with store.transaction():
        account = store.create("account", {
            "name": t(DEMO_ACCOUNT), "industry": t("Energy 能源"), "size": 18000,
            "tier": "strategic",
            "cumulative_sales": 28_500_000, "profit": 6_200_000, "average_deal_size": 4_750_000,
            "collection_period_days": 75, "arrears": 1_200_000,
            "notes": t("Provincial utility group; IT budget consolidated under the CIO since "
                       "2025."),
        })
        aid = account["id"]
        people: dict[str, int] = {}
        profiles = {name: (interests, notes) for name, interests, notes in _PROFILES}
        for name, title, department, level, _manager, mail in _PEOPLE:
            interests, notes = profiles.get(name, (None, None))
            people[name] = store.create("stakeholder", {
                "account_id": aid, "name": t(name), "title": t(title),
                "department": t(department), "level": level,
                "email": f"{mail}@ecenergy.example.cn", "interests": t(interests),
                "notes": t(notes),
            })["id"]
        for name, *_rest, manager, _mail in _PEOPLE:
            if manager:
                store.create("relationship", {"source_id": people[name],
                                              "target_id": people[manager], "type": "reports_to"})
        for source, target, kind, strength in _RELATIONSHIPS:
            store.create("relationship", {"source_id": people[source], "target_id": people[target],
                                          "type": kind, "strength": strength})
        team = {}
        for name, title, level, role in _TEAM:
            team[name.split()[0]] = store.create("team_member", {
                "account_id": aid, "name": t(name), "title": t(title), "level": level,
                "role": role,
            })["id"]
        for member, person, strength, days, owner in _COVERAGE:
            store.create("coverage", {
                "team_member_id": team[member], "stakeholder_id": people[person],
                "strength": strength, "last_contact": ago(days), "owner": owner})
        competitors = {name: store.create("competitor", {"name": t(name)})["id"]
                       for name in ("Northwind Systems", "青云科技 Qingyun Tech")}
        for competitor, person, coverage, preference in _POSITIONS:
            store.create("competitor_position", {
                "competitor_id": competitors[competitor], "stakeholder_id": people[person],
                "coverage": coverage, "preference": preference})

        grid = store.create("opportunity", {
            "account_id": aid, "name": t("智能电网分析平台 Smart Grid Analytics"),
            "stage": "propose",
            "value": 12_000_000, "currency": "CNY", "bid_date": ahead(45),
            "decision_date": ahead(75),
            "notes": t("Group-wide analytics platform; bid committee chaired by the CEO."),
        })
        maintenance = store.create("opportunity", {
            "account_id": aid, "name": t("设备运维套件 Plant Maintenance Suite"),
            "stage": "develop",
            "value": 3_500_000, "currency": "CNY", "decision_date": ahead(130),
            "notes": t("Predictive maintenance for three plants; Operations owns the budget."),
        })
        for opportunity, entries in ((grid, _GRID_DEAL), (maintenance, _MAINTENANCE_DEAL)):
            for name, roles, influence, attitude, verified in entries:
                store.create("buying_center_entry", {
                    "opportunity_id": opportunity["id"], "stakeholder_id": people[name],
                    "roles": roles, "influence": influence, "attitude": attitude,
                    "verified_at": ago(verified), "verified_by": t("张蕾 Alice Zhang"),
                })
        store.create("buying_center_entry", {
            "opportunity_id": grid["id"], "placeholder": t("Legal counsel sign-off (unknown)"),
            "roles": ["approver"], "influence": 2})
        store.create("buying_center_entry", {
            "opportunity_id": maintenance["id"], "placeholder": t("Inside coach (none yet)"),
            "roles": ["coach"], "influence": 2})
        for competitor in competitors.values():
            store.create("opportunity_competitor", {"opportunity_id": grid["id"],
                                                    "competitor_id": competitor})
        store.create("opportunity_competitor", {"opportunity_id": maintenance["id"],
                                                "competitor_id": competitors["Northwind Systems"]})
        for opportunity, person, owner, kind, due, status, expected, actual in (
            (grid, "孙丽", "张蕾", "deepen", ahead(10), "planned",
             "CIO sponsors the architecture review", None),
            (grid, "Xu Fang", "李博", "workshop", ahead(5), "in_progress",
             "Security objections answered in a workshop", None),
            (grid, "Li Na", "李博", "reference_visit", ago(20), "done",
             "See the Zhejiang reference site", "Attitude 0 → +1"),
            (maintenance, "Song Jia", "徐凯", "ice_breaking", ahead(14), "planned",
             "First meeting with the maintenance manager", None),
        ):
            store.create("action", {
                "opportunity_id": opportunity["id"], "stakeholder_id": people[person],
                "owner_id": team[owner], "type": kind, "due_date": due, "status": status,
                "expected_effect": t(expected), "actual_effect": t(actual)})
        others = 0
        if portfolio:
            from .demo_portfolio import portfolio_accounts

            others = portfolio_accounts(store, locale or current_locale(), ahead)
    return {
        "account": account["name"],
        "account_id": aid,
        "portfolio_accounts": others,
        "stakeholders": len(people),
        "departments": len({p[2] for p in _PEOPLE}),
        "team_members": len(team),
        "competitors": len(competitors),
        "opportunities": [{"id": grid["id"], "name": grid["name"]},
                          {"id": maintenance["id"], "name": maintenance["name"]}],
    }
