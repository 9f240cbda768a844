"""A seeded generator of realistic org maps, for benchmarks and load tests.

``generate_account(store, n_stakeholders, seed)`` writes one account with one
opportunity into a :class:`~powermap.store.Store` and returns the opportunity
id. The same ``seed`` gives the same map.

The org: a CEO, department heads at level 2, a reporting tree 3–8 wide down to
level 7; every stakeholder is in the buying center with roles by level
(decision maker at the top, approvers at level 2, evaluators and influencers
in the middle, users, gatekeepers in procurement, a few coaches). About five
relationships per person: one ``reports_to``, 2.5 ``influences`` (mostly
within the department), one ``allied`` and half a ``conflict``. A five-person
account team covers about a fifth of the people, two competitors about a
sixth each; a fifth of the attitudes are unknown.

Account, opportunity, team and competitors go through ``Store.create``; the
bulk rows (stakeholders, entries, relationships, coverage, positions) are
inserted through ``store.db`` inside one transaction, which is fine for
fixture data generated to be valid (acyclic reporting, one manager each, no
duplicate edges) and about a hundred times faster.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from powermap.store import Store

__all__ = ["BASE_DAY", "generate_account"]

#: The day dates are generated around (pass it as ``today`` to analyses).
BASE_DAY = dt.date(2025, 6, 30)
_DEPARTMENTS = ("IT", "Finance", "Operations", "Procurement", "Sales", "R&D", "Legal", "HR",
                "Logistics", "Marketing", "Quality", "Security")
_STAMP = "2025-06-30T00:00:00+00:00"


def generate_account(store: Store, n_stakeholders: int, seed: int = 0) -> int:
    """Write a realistic account of ``n_stakeholders`` people; return the opportunity id.

    Examples
    --------
    >>> store = Store(":memory:")
    >>> opportunity_id = generate_account(store, 50, seed=1)
    >>> store.counts()["stakeholder"], store.counts()["buying_center_entry"]
    (50, 50)
    """
    rng = random.Random(seed)
    with store.transaction():
        account = store.create("account", {"name": f"Generated {n_stakeholders} #{seed}",
                                           "industry": "Manufacturing", "tier": "strategic"})
        aid = account["id"]
        opportunity = store.create("opportunity", {
            "account_id": aid, "name": "Platform renewal", "stage": "propose",
            "value": 1_000_000, "currency": "EUR",
            "bid_date": (BASE_DAY + dt.timedelta(days=45)).isoformat()})
        team = [store.create("team_member", {"account_id": aid, "name": f"Member {i}",
                                             "role": role})["id"]
                for i, role in enumerate(("account_lead", "solution_lead", "delivery_lead",
                                          "executive_sponsor", "sales"), 1)]
        rivals = [store.create("competitor", {"name": f"{label} ({account['name']})"})["id"]
                  for label in ("Rival A", "Rival B")]
        for rival in rivals:
            store.create("opportunity_competitor", {"opportunity_id": opportunity["id"],
                                                    "competitor_id": rival})
        people = _org(rng, n_stakeholders)
        ids = _insert_people(store, aid, people)
        _insert_entries(store, rng, opportunity["id"], people, ids)
        _insert_relationships(store, rng, aid, people, ids)
        _insert_coverage(store, rng, team, rivals, ids)
    return opportunity["id"]


def _org(rng: random.Random, n: int) -> list[dict]:
    """People as dicts with ``level``, ``department``, ``manager`` (index) and ``reports``."""
    heads = max(3, min(len(_DEPARTMENTS), n // 40))
    people = [{"level": 1, "department": "Executive Office", "manager": None, "reports": 0,
               "fanout": heads}]
    open_managers = [0]
    while len(people) < n:
        index = rng.choice(open_managers)
        boss = people[index]
        level = boss["level"] + 1
        department = _DEPARTMENTS[boss["reports"] % heads] if index == 0 else boss["department"]
        people.append({"level": level, "department": department, "manager": index,
                       "reports": 0, "fanout": rng.randint(3, 8)})
        boss["reports"] += 1
        if boss["reports"] >= boss["fanout"]:
            open_managers.remove(index)
        if level < 7:
            open_managers.append(len(people) - 1)
        if not open_managers:  # everyone full: let the CEO's office grow
            open_managers.append(0)
            people[0]["fanout"] += 1
    return people


def _row(**values) -> dict:
    return {**values, "version": 1, "created_at": _STAMP, "updated_at": _STAMP}


def _insert_people(store: Store, aid: int, people: list[dict]) -> list[int]:
    store.db["stakeholders"].insert_all(
        (_row(account_id=aid, name=f"Person {i:05d}", title=f"Level {p['level']} staff",
              department=p["department"], level=p["level"],
              email=f"person{i:05d}@example.com") for i, p in enumerate(people)),
        batch_size=1000)
    return [r[0] for r in store.db.execute(
        "SELECT id FROM stakeholders WHERE account_id = ? ORDER BY id", [aid])]


def _roles(rng: random.Random, person: dict) -> list[str]:
    level = person["level"]
    if level == 1:
        roles = ["decision_maker"]
    elif level == 2:
        roles = ["approver"] if rng.random() < 0.7 else ["decision_maker", "approver"]
    elif level <= 4:
        roles = [rng.choice(["evaluator", "evaluator", "influencer"])]
    elif person["department"] == "Procurement":
        roles = ["gatekeeper"]
    else:
        roles = [rng.choice(["user", "user", "evaluator"])]
    if rng.random() < 0.03:
        roles.append("coach")
    return roles


def _insert_entries(store: Store, rng: random.Random, opportunity_id: int, people: list[dict],
                    ids: list[int]) -> None:
    rows = []
    for person, sid in zip(people, ids, strict=True):
        attitude = None if rng.random() < 0.2 else rng.choice([-2, -1, 0, 0, 1, 1, 2])
        rows.append(_row(
            opportunity_id=opportunity_id, stakeholder_id=sid,
            roles=json.dumps(_roles(rng, person)),
            influence=max(1, min(5, 6 - person["level"] + rng.choice([-1, 0, 0, 1]))),
            attitude=attitude,
            verified_at=(BASE_DAY - dt.timedelta(days=rng.randint(0, 200))).isoformat(),
            verified_by="Member 1"))
    store.db["buying_center"].insert_all(rows, batch_size=1000)


def _insert_relationships(store: Store, rng: random.Random, aid: int, people: list[dict],
                          ids: list[int]) -> None:
    seen: set[tuple[int, int, str]] = set()
    rows = []

    def add(a: int, b: int, kind: str, strength: int) -> None:
        if a == b or (a, b, kind) in seen or (kind in ("allied", "conflict")
                                               and (b, a, kind) in seen):
            return
        seen.add((a, b, kind))
        rows.append(_row(account_id=aid, source_id=ids[a], target_id=ids[b], type=kind,
                         strength=strength))

    by_department: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        by_department.setdefault(p["department"], []).append(i)
    n = len(people)

    def partner(i: int) -> int:
        if rng.random() < 0.7:
            return rng.choice(by_department[people[i]["department"]])
        return rng.randrange(n)

    for i, p in enumerate(people):
        if p["manager"] is not None:
            add(i, p["manager"], "reports_to", 3)
        for _ in range(2 + (rng.random() < 0.5)):
            add(i, partner(i), "influences", rng.randint(1, 3))
        add(i, partner(i), "allied", rng.randint(1, 3))
        if rng.random() < 0.5:
            add(i, partner(i), "conflict", rng.randint(1, 3))
    store.db["relationships"].insert_all(rows, batch_size=2000)


def _insert_coverage(store: Store, rng: random.Random, team: list[int], rivals: list[int],
                     ids: list[int]) -> None:
    coverage, positions = [], []
    for sid in ids:
        if rng.random() < 0.2:
            members = rng.sample(team, rng.choice([1, 1, 1, 2]))
            for k, member in enumerate(members):
                coverage.append(_row(
                    team_member_id=member, stakeholder_id=sid, strength=rng.randint(1, 4),
                    last_contact=(BASE_DAY - dt.timedelta(days=rng.randint(0, 150))).isoformat(),
                    owner=int(k == 0 and rng.random() < 0.8)))
        for rival in rivals:
            if rng.random() < 0.15:
                positions.append(_row(competitor_id=rival, stakeholder_id=sid,
                                      coverage=rng.randint(1, 4),
                                      preference=rng.choice([None, -1, 0, 1, 2])))
    store.db["coverage"].insert_all(coverage, batch_size=2000)
    if positions:
        store.db["competitor_positions"].insert_all(positions, batch_size=2000)
