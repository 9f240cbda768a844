"""One rule set: a single write and a batch report the same problems, word for word.

Every bad record below is written through :meth:`Store.create` /
:meth:`Store.update` (the path of forms, the CLI and the API) and checked by
:func:`validate_many` (the path of imports), alone and inside a batch of all
the new bad records of its kind; each time the problems, as (record, field,
reason), are the ones listed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from powermap.errors import ValidationError
from powermap.i18n import use_locale
from powermap.schema import ENTITIES
from powermap.validation import validate_many


@pytest.fixture
def world(store):
    """Acme (ERP, Ada, Bo, Cy, Tess on our team), Other (Stranger, Them), Rival.

    Ada reports to Bo, Bo to Cy; Ada and Cy are allied; Ada is in ERP's buying
    center; Rival is positioned with Ada and competes for ERP.
    """
    acme = store.create("account", {"name": "Acme"})["id"]
    other = store.create("account", {"name": "Other"})["id"]
    ids = {"Acme": acme, "Other": other,
           "ERP": store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]}
    for name in ("Ada", "Bo", "Cy"):
        ids[name] = store.create("stakeholder", {"account_id": acme, "name": name,
                                                 "email": f"{name.lower()}@acme.test"})["id"]
    ids["Stranger"] = store.create("stakeholder", {"account_id": other,
                                                   "name": "Stranger"})["id"]
    ids["Tess"] = store.create("team_member", {"account_id": acme, "name": "Tess"})["id"]
    ids["Them"] = store.create("team_member", {"account_id": other, "name": "Them"})["id"]
    ids["Rival"] = store.create("competitor", {"name": "Rival"})["id"]
    ids["Ada->Bo"] = store.create("relationship", {"source_id": ids["Ada"], "target_id": ids["Bo"],
                                                   "type": "reports_to"})["id"]
    ids["Bo->Cy"] = store.create("relationship", {"source_id": ids["Bo"], "target_id": ids["Cy"],
                                                  "type": "reports_to"})["id"]
    store.create("relationship", {"source_id": ids["Ada"], "target_id": ids["Cy"],
                                  "type": "allied"})
    ids["entry"] = store.create("buying_center_entry", {
        "opportunity_id": ids["ERP"], "stakeholder_id": ids["Ada"], "roles": ["user"]})["id"]
    store.create("opportunity_competitor", {"opportunity_id": ids["ERP"],
                                            "competitor_id": ids["Rival"]})
    store.create("competitor_position", {"competitor_id": ids["Rival"],
                                         "stakeholder_id": ids["Ada"], "coverage": 2})
    return ids


#: (entity, record updated or None, values with "@Name" for ids, expected problems)
CASES = [
    ("account", None, {"name": "ACME"},
     [("new account 'ACME'", "name", "'ACME' is already taken by #1")]),
    ("account", None, {"name": "  ", "size": -3},
     [("new account", "size", "-3 is below the minimum 0"),
      ("new account", "name", "is required")]),
    ("account", "Other", {"name": "acme"},
     [("account #2 'acme'", "name", "'acme' is already taken by #1")]),
    ("competitor", None, {"name": "rival"},
     [("new competitor 'rival'", "name", "'rival' is already taken by #1")]),
    ("opportunity", None, {"account_id": "@Acme", "name": "ERP"},
     [("new opportunity 'ERP'", "name", "already exists for this account")]),
    ("opportunity", None, {"account_id": 999, "name": "CRM", "value": "lots"},
     [("new opportunity 'CRM'", "value", "expected a number, got 'lots'")]),
    ("opportunity", None, {"account_id": 999, "name": "CRM"},
     [("new opportunity 'CRM'", "account_id", "refers to account #999, which does not exist")]),
    ("stakeholder", None, {"account_id": "@Acme", "name": "Ada II", "email": " ADA@acme.test "},
     [("new stakeholder 'Ada II'", "email",
       "'ada@acme.test' is already used by stakeholder #1 'Ada' in this account")]),
    ("stakeholder", "Cy", {"email": "bo@acme.test"},
     [("stakeholder #3 'Cy'", "email",
       "'bo@acme.test' is already used by stakeholder #2 'Bo' in this account")]),
    ("stakeholder", None, {"account_id": "@Acme", "name": "Dee", "email": "dee at acme"},
     [("new stakeholder 'Dee'", "email", "'dee at acme' is not an e-mail address")]),
    ("stakeholder", None, {"account_id": "@Acme", "name": "Eve", "level": 12},
     [("new stakeholder 'Eve'", "level", "12 is above the maximum 9 (allowed 1 to 9)")]),
    ("stakeholder", "Bo", {"account_id": "@Other"},
     [("stakeholder #2 'Bo'", "account_id", "cannot be changed; create a new record instead")]),
    ("stakeholder", None, {"account_id": "@Acme", "name": "Fay", "colour": "red"},
     [("new stakeholder 'Fay'", "colour", "unknown field; stakeholder has: account_id, name, "
       "title, department, level, email, interests, notes")]),
    ("buying_center_entry", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Ada",
                                   "roles": ["coach"]},
     [("new buying center entry", "stakeholder_id", "already exists for this opportunity")]),
    ("buying_center_entry", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Stranger",
                                   "roles": ["user"]},
     [("new buying center entry", "stakeholder_id",
       "stakeholder 'Stranger' belongs to another account than the opportunity")]),
    ("buying_center_entry", None, {"opportunity_id": "@ERP", "roles": ["user"]},
     [("new buying center entry", "stakeholder_id",
       "is required (or give a placeholder label for a role nobody fills yet)")]),
    ("buying_center_entry", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Bo",
                                   "roles": ["user"], "influence": 9, "attitude": "-3"},
     [("new buying center entry", "influence", "9 is above the maximum 5 (allowed 1 to 5)"),
      ("new buying center entry", "attitude", "'-3' is below the minimum -2 (allowed -2 to 2)")]),
    ("buying_center_entry", "entry", {"roles": []},
     [("buying center entry #1", "roles", "is required")]),
    ("relationship", None, {"source_id": "@Cy", "target_id": "@Cy", "type": "influences"},
     [("new relationship", "target_id",
       "a stakeholder cannot have a relationship with themselves")]),
    ("relationship", None, {"source_id": "@Ada", "target_id": "@Stranger", "type": "allied"},
     [("new relationship", "target_id", "'Stranger' belongs to another account than 'Ada'")]),
    ("relationship", None, {"source_id": "@Cy", "target_id": "@Ada", "type": "allied"},
     [("new relationship", "type", "'Cy' and 'Ada' already have a allied relationship")]),
    ("relationship", None, {"source_id": "@Ada", "target_id": "@Cy", "type": "reports_to"},
     [("new relationship", "target_id",
       "'Ada' already reports to 'Bo'; a person has at most one manager")]),
    ("relationship", None, {"source_id": "@Cy", "target_id": "@Ada", "type": "reports_to"},
     [("new relationship", "target_id", "'Cy' reporting to 'Ada' would make a reporting cycle")]),
    ("relationship", "Bo->Cy", {"target_id": "@Ada"},
     [("relationship #2", "target_id", "'Bo' reporting to 'Ada' would make a reporting cycle")]),
    ("relationship", None, {"source_id": "@Bo", "target_id": "@Ada", "type": "influences",
                            "strength": 7},
     [("new relationship", "strength", "7 is above the maximum 3 (allowed 1 to 3)")]),
    ("relationship", None, {"source_id": 999, "target_id": "@Ada", "type": "hates"},
     [("new relationship", "type", "'hates' is not one of: reports_to, influences, allied, "
       "conflict")]),
    ("relationship", None, {"source_id": 999, "target_id": "@Ada", "type": "conflict"},
     [("new relationship", "source_id", "refers to stakeholder #999, which does not exist")]),
    ("team_member", None, {"account_id": 999, "name": "Uma"},
     [("new team member 'Uma'", "account_id", "refers to account #999, which does not exist")]),
    ("coverage", None, {"team_member_id": "@Them", "stakeholder_id": "@Ada", "strength": 2},
     [("new coverage", "stakeholder_id", "'Ada' belongs to another account than 'Them'")]),
    ("coverage", None, {"team_member_id": "@Tess", "stakeholder_id": "@Bo", "strength": 5},
     [("new coverage", "strength", "5 is above the maximum 4 (allowed 0 to 4)")]),
    ("opportunity_competitor", None, {"opportunity_id": "@ERP", "competitor_id": "@Rival"},
     [("new opportunity competitor", "competitor_id", "already exists for this opportunity")]),
    ("competitor_position", None, {"competitor_id": "@Rival", "stakeholder_id": "@Ada",
                                   "coverage": 1},
     [("new competitor position", "stakeholder_id", "already exists for this competitor")]),
    ("competitor_position", None, {"competitor_id": "@Rival", "stakeholder_id": "@Bo",
                                   "coverage": 1, "preference": 3},
     [("new competitor position", "preference", "3 is above the maximum 2 (allowed -2 to 2)")]),
    ("action", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Ada", "owner_id": "@Them",
                      "type": "deepen"},
     [("new action", "owner_id", "'Them' belongs to another account than 'ERP'")]),
    ("action", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Stranger",
                      "type": "deepen", "due_date": "soon"},
     [("new action", "due_date", "expected a date as YYYY-MM-DD, got 'soon'")]),
    ("action", None, {"opportunity_id": "@ERP", "stakeholder_id": "@Stranger",
                      "type": "deepen"},
     [("new action", "stakeholder_id", "'Stranger' belongs to another account than 'ERP'")]),
]


def _values(world: dict, values: dict) -> dict:
    return {k: world[v[1:]] if isinstance(v, str) and v.startswith("@") else v
            for k, v in values.items()}


def _single(store, world, entity, record, values) -> list[tuple]:
    """Problems of one write through the store; checks that nothing was written."""
    before = {name: store.rows(name) for name in ENTITIES}
    with pytest.raises(ValidationError) as info:
        if record is None:
            store.create(entity, _values(world, values))
        else:
            store.update(entity, world[record], _values(world, values))
    assert {name: store.rows(name) for name in ENTITIES} == before
    return [(p.record, p.field, p.reason) for p in info.value.problems]


def _batch(store, world, entity, cases) -> dict[int, list[tuple]]:
    """Problems of ``validate_many`` over ``cases``, by case number."""
    changes = [_values(world, values) for _, record, values, _ in cases]
    currents = [None if record is None else store.get(entity, world[record])
                for _, record, _, _ in cases]
    clean, problems = validate_many(store, ENTITIES[entity], changes, currents)
    found: dict[int, list[tuple]] = {i: [] for i in range(len(cases))}
    for i, p in problems:
        found[i].append((p.record, p.field, p.reason))
    assert [i for i, r in enumerate(clean) if r is None] == [i for i in found if found[i]]
    return found


@pytest.mark.parametrize("entity, record, values, expected", CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_single_write_and_batch_of_one_report_the_same_problems(store, world, entity, record,
                                                                values, expected):
    assert _single(store, world, entity, record, values) == expected
    assert _batch(store, world, entity, [(entity, record, values, expected)]) == {0: expected}


@pytest.mark.parametrize("entity", sorted({c[0] for c in CASES}))
def test_a_batch_of_bad_records_reports_each_as_a_single_write_would(store, world, entity):
    """New bad records of one kind, checked together, each keep the problems they have alone.

    (Updates are left out: an update in a batch rightly changes what the other
    records are checked against, e.g. moving Bo's manager breaks a cycle.)
    """
    cases = [c for c in CASES if c[0] == entity and c[1] is None]
    assert _batch(store, world, entity, cases) == {i: c[3] for i, c in enumerate(cases)}


@pytest.mark.parametrize("entity, record, values, expected", CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_in_chinese_a_single_write_and_a_batch_agree_too(store, world, entity, record, values,
                                                         expected):
    """The same problems, for the same fields (codes), in Chinese words."""
    with use_locale("zh_CN"):
        single = _single(store, world, entity, record, values)
        assert _batch(store, world, entity, [(entity, record, values, expected)]) == {0: single}
    assert [field for _, field, _ in single] == [field for _, field, _ in expected]
    for (record_zh, _, reason_zh), (record_en, _, reason_en) in zip(single, expected,
                                                                   strict=True):
        assert record_zh != record_en and reason_zh != reason_en


@pytest.mark.parametrize("entity", sorted({c[0] for c in CASES}))
def test_in_chinese_a_batch_reports_each_as_a_single_write_would(store, world, entity):
    cases = [c for c in CASES if c[0] == entity and c[1] is None]
    with use_locale("zh_CN"):
        singles = {i: _single(store, world, entity, None, values)
                   for i, (_, _, values, _) in enumerate(cases)}
        assert _batch(store, world, entity, cases) == singles


def test_some_chinese_problems_word_for_word(store, world):
    with use_locale("zh_CN"):
        assert _single(store, world, "account", None, {"name": "ACME"}) == [
            ("新客户“ACME”", "name", "“ACME”已被 #1 使用")]
        assert _single(store, world, "buying_center_entry", None, {
            "opportunity_id": "@ERP", "stakeholder_id": "@Stranger", "roles": ["user"]}) == [
            ("新决策小组成员", "stakeholder_id", "关键人“Stranger”与该商机不属于同一客户")]
        assert _single(store, world, "relationship", None, {
            "source_id": "@Ada", "target_id": "@Cy", "type": "reports_to"}) == [
            ("新关系", "target_id", "“Ada”已汇报给“Bo”；每人最多只有一位直属上级")]
        assert _single(store, world, "relationship", None, {
            "source_id": "@Cy", "target_id": "@Ada", "type": "allied"}) == [
            ("新关系", "type", "“Cy”与“Ada”已是结盟关系")]
        assert _single(store, world, "opportunity", None, {
            "account_id": "@Acme", "name": "ERP"}) == [("新商机“ERP”", "name", "该客户下已存在")]
        assert _single(store, world, "coverage", None, {
            "team_member_id": "@Tess", "stakeholder_id": "@Bo", "strength": 5}) == [
            ("新关系覆盖", "strength", "5高于最大值 4（允许 0 至 4）")]


def test_names_given_twice_in_one_batch_are_reported(store, world):
    changes = [{"name": "Beta"}, {"name": "Gamma"}, {"name": "BETA"}, {"name": "other"}]
    clean, problems = validate_many(store, ENTITIES["account"], changes)
    assert [(i, p.record, p.field, p.reason) for i, p in problems] == [
        (2, "new account 'BETA'", "name", "'BETA' is also given for new account 'Beta'"),
        (3, "new account 'other'", "name", "'other' is already taken by #2")]
    assert [r and r["name"] for r in clean] == ["Beta", "Gamma", None, None]


@pytest.mark.parametrize("size", [3, 150, 1000])
def test_few_and_many_records_are_checked_alike(store, world, size):
    """A small batch looks up only what it could clash with, a large one reads whole
    accounts; the problems are the same either way."""
    people = store.create_many("stakeholder", [
        {"account_id": world["Acme"], "name": f"P{n}", "email": f"p{n}@acme.test"}
        for n in range(size)])
    opportunities = [{"account_id": world["Acme"], "name": f"Deal {n}"} for n in range(size)]
    opportunities[-1]["name"] = "ERP"
    _, problems = validate_many(store, ENTITIES["opportunity"], opportunities)
    assert [(i, p.reason) for i, p in problems] == [
        (size - 1, "already exists for this account")]
    newcomers = [{"account_id": world["Acme"], "name": f"N{n}", "email": f"n{n}@acme.test"}
                 for n in range(size)]
    newcomers[-1]["email"] = "BO@acme.test"
    _, problems = validate_many(store, ENTITIES["stakeholder"], newcomers)
    assert [(i, p.reason) for i, p in problems] == [
        (size - 1, "'bo@acme.test' is already used by stakeholder #2 'Bo' in this account")]
    lines = [{"source_id": people[n], "target_id": people[n + 1], "type": "reports_to"}
             for n in range(size - 1)]
    lines.append({"source_id": world["Cy"], "target_id": world["Ada"], "type": "reports_to"})
    lines.append({"source_id": people[0], "target_id": world["Bo"], "type": "allied"})
    lines.append({"source_id": world["Bo"], "target_id": people[0], "type": "allied"})
    _, problems = validate_many(store, ENTITIES["relationship"], lines)
    assert [(i, p.reason) for i, p in problems] == [
        (size + 1, "'Bo' and 'P0' already have a allied relationship"),
        (size - 1, "'Cy' reporting to 'Ada' would make a reporting cycle")]


def test_validation_does_not_import_the_store():
    """The store imports validation; validation reads it through a protocol, so the
    import circle between them is gone. (The language package, a leaf, comes along.)"""
    code = ("import sys, powermap.validation, powermap.fields; "
            "print(sorted(m for m in sys.modules if m.startswith('powermap.') "
            "and not m.startswith('powermap.i18n.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == str([
        "powermap.aliases", "powermap.errors", "powermap.fields", "powermap.i18n",
        "powermap.relationship_rules", "powermap.rules", "powermap.schema",
        "powermap.validation", "powermap.vocabulary"])
