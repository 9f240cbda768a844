"""Every validation rule: a bad input, its message, and nothing written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powermap.errors import ValidationError
from powermap.store import Store


def _refused(store, entity, values, *fragments, record_id=None):
    """Assert the write is refused with a message holding ``fragments``; nothing changes."""
    before = store.counts()
    snapshot = [store.rows(e) for e in ("stakeholder", "buying_center_entry", "relationship")]
    with pytest.raises(ValidationError) as info:
        if record_id is None:
            store.create(entity, values)
        else:
            store.update(entity, record_id, values)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message
    assert store.counts() == before
    assert [store.rows(e) for e in ("stakeholder", "buying_center_entry",
                                    "relationship")] == snapshot
    return info.value


@pytest.mark.parametrize("entity, values, fragments", [
    ("buying_center_entry", {"roles": ["user"], "influence": 6},
     ["field 'influence'", "above the maximum 5 (allowed 1 to 5)"]),
    ("buying_center_entry", {"roles": ["user"], "influence": 0},
     ["field 'influence'", "below the minimum 1"]),
    ("buying_center_entry", {"roles": ["user"], "attitude": -3},
     ["field 'attitude'", "below the minimum -2"]),
    ("buying_center_entry", {"roles": ["user"], "attitude": "1.5"},
     ["field 'attitude'", "expected a whole number"]),
    ("buying_center_entry", {"roles": ["boss"]},
     ["field 'roles'", "'boss' is not one of: decision_maker"]),
    ("buying_center_entry", {"roles": []}, ["field 'roles'", "is required"]),
    ("buying_center_entry", {"roles": ["user"], "verified_at": "31/12/2026"},
     ["field 'verified_at'", "expected a date as YYYY-MM-DD"]),
])
def test_entry_field_rules(store, acme, entity, values, fragments):
    base = {"opportunity_id": acme["opportunity"], "stakeholder_id": acme["Ada"]}
    error = _refused(store, entity, {**base, **values}, "new buying center entry", *fragments)
    assert error.problems[0].record == "new buying center entry"


@pytest.mark.parametrize("values, fragments", [
    ({"strength": 5}, ["field 'strength'", "above the maximum 4"]),
    ({"strength": -1}, ["field 'strength'", "below the minimum 0"]),
    ({"strength": None}, ["field 'strength'", "is required"]),
    ({"strength": 2, "last_contact": "yesterday"}, ["field 'last_contact'", "YYYY-MM-DD"]),
])
def test_coverage_rules(store, acme, values, fragments):
    member = store.create("team_member", {"account_id": acme["account"], "name": "Us"})
    _refused(store, "coverage", {"team_member_id": member["id"], "stakeholder_id": acme["Bo"],
                                 **values}, *fragments)


def test_competitor_position_preference_range(store, acme):
    rival = store.create("competitor", {"name": "Rival"})
    _refused(store, "competitor_position", {"competitor_id": rival["id"],
                                            "stakeholder_id": acme["Ada"], "coverage": 2,
                                            "preference": 3},
             "field 'preference'", "above the maximum 2")


def test_required_fields(store, acme):
    _refused(store, "account", {"industry": "x"}, "new account field 'name': is required")
    _refused(store, "stakeholder", {"account_id": acme["account"], "name": "  "},
             "new stakeholder field 'name': is required")
    _refused(store, "action", {"opportunity_id": acme["opportunity"],
                               "stakeholder_id": acme["Ada"]}, "field 'type': is required")


def test_unknown_field_and_enum(store, acme):
    _refused(store, "stakeholder", {"account_id": acme["account"], "name": "X", "age": 3},
             "field 'age': unknown field; stakeholder has: account_id, name")
    _refused(store, "opportunity", {"account_id": acme["account"], "name": "Y", "stage": "won!"},
             "field 'stage'", "'won!' is not one of: qualify")
    _refused(store, "relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                     "type": "friend"}, "field 'type'", "'friend' is not one of")


def test_reference_must_exist(store, acme):
    _refused(store, "stakeholder", {"account_id": 999, "name": "Ghost"},
             "field 'account_id': refers to account #999, which does not exist")
    _refused(store, "buying_center_entry", {"opportunity_id": acme["opportunity"],
                                            "stakeholder_id": 999, "roles": ["user"]},
             "refers to stakeholder #999")


def test_entry_only_for_stakeholder_of_the_opportunitys_account(store, acme):
    other = store.create("account", {"name": "Other"})
    stranger = store.create("stakeholder", {"account_id": other["id"], "name": "Stranger"})
    _refused(store, "buying_center_entry", {"opportunity_id": acme["opportunity"],
                                            "stakeholder_id": stranger["id"], "roles": ["user"]},
             "field 'stakeholder_id'", "'Stranger' belongs to another account")


def test_entry_needs_a_person_or_a_placeholder(store, acme):
    _refused(store, "buying_center_entry", {"opportunity_id": acme["opportunity"],
                                            "roles": ["approver"]},
             "field 'stakeholder_id': is required (or give a placeholder label")
    entry = store.create("buying_center_entry", {"opportunity_id": acme["opportunity"],
                                                 "roles": ["approver"], "placeholder": "Legal"})
    assert entry["stakeholder_id"] is None and entry["influence"] == 3


def test_one_entry_per_stakeholder_and_opportunity(store, acme):
    values = {"opportunity_id": acme["opportunity"], "stakeholder_id": acme["Ada"],
              "roles": ["user"]}
    store.create("buying_center_entry", values)
    _refused(store, "buying_center_entry", values, "field 'stakeholder_id'",
             "already exists for this opportunity")


def test_no_self_relationship(store, acme):
    _refused(store, "relationship", {"source_id": acme["Ada"], "target_id": acme["Ada"],
                                     "type": "influences"},
             "a stakeholder cannot have a relationship with themselves")


def test_relationship_within_one_account(store, acme):
    other = store.create("account", {"name": "Other"})
    stranger = store.create("stakeholder", {"account_id": other["id"], "name": "Stranger"})
    _refused(store, "relationship", {"source_id": acme["Ada"], "target_id": stranger["id"],
                                     "type": "allied"}, "'Stranger' belongs to another account")


def test_reports_to_cycle_is_refused(store, acme):
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "reports_to"})
    store.create("relationship", {"source_id": acme["Bo"], "target_id": acme["Cy"],
                                  "type": "reports_to"})
    _refused(store, "relationship", {"source_id": acme["Cy"], "target_id": acme["Ada"],
                                     "type": "reports_to"},
             "field 'target_id': 'Cy' reporting to 'Ada' would make a reporting cycle")


def test_reports_to_cycle_through_an_update_is_refused(store, acme):
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "reports_to"})
    edge = store.create("relationship", {"source_id": acme["Cy"], "target_id": acme["Bo"],
                                         "type": "reports_to"})
    _refused(store, "relationship", {"source_id": acme["Bo"], "target_id": acme["Ada"]},
             "would make a reporting cycle", record_id=edge["id"])


def test_at_most_one_manager(store, acme):
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "reports_to"})
    _refused(store, "relationship", {"source_id": acme["Ada"], "target_id": acme["Cy"],
                                     "type": "reports_to"},
             "'Ada' already reports to 'Bo'; a person has at most one manager")


def test_undirected_relationship_is_not_duplicated_in_reverse(store, acme):
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "allied"})
    _refused(store, "relationship", {"source_id": acme["Bo"], "target_id": acme["Ada"],
                                     "type": "allied"}, "already have a allied relationship")
    # a directed type may point both ways
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "influences"})
    store.create("relationship", {"source_id": acme["Bo"], "target_id": acme["Ada"],
                                  "type": "influences"})


def test_duplicate_email_in_account_is_refused_case_insensitively(store, acme):
    _refused(store, "stakeholder", {"account_id": acme["account"], "name": "Ada II",
                                    "email": " ADA@acme.test "},
             "field 'email': 'ada@acme.test' is already used by stakeholder", "'Ada'")
    other = store.create("account", {"name": "Other"})
    store.create("stakeholder", {"account_id": other["id"], "name": "Ada",
                                 "email": "ada@acme.test"})


def test_duplicate_email_through_an_update(store, acme):
    _refused(store, "stakeholder", {"email": "bo@acme.test"}, "already used by stakeholder",
             record_id=acme["Ada"])


def test_unique_names(store, acme):
    _refused(store, "account", {"name": "acme"}, "field 'name': 'acme' is already taken by #1")
    _refused(store, "opportunity", {"account_id": acme["account"], "name": "ERP"},
             "field 'name': already exists for this account")
    store.create("competitor", {"name": "Rival"})
    _refused(store, "competitor", {"name": "Rival"}, "already taken")


def test_cross_account_coverage_and_actions(store, acme):
    other = store.create("account", {"name": "Other"})
    member = store.create("team_member", {"account_id": other["id"], "name": "Them"})
    _refused(store, "coverage", {"team_member_id": member["id"], "stakeholder_id": acme["Ada"],
                                 "strength": 2}, "field 'stakeholder_id'", "another account")
    _refused(store, "action", {"opportunity_id": acme["opportunity"], "stakeholder_id": acme["Ada"],
                               "owner_id": member["id"], "type": "deepen"},
             "field 'owner_id'", "'Them' belongs to another account")


def test_immutable_parent(store, acme):
    other = store.create("account", {"name": "Other"})
    _refused(store, "stakeholder", {"account_id": other["id"]},
             "field 'account_id': cannot be changed", record_id=acme["Ada"])


def test_every_problem_is_reported_not_only_the_first(store, acme):
    error = _refused(store, "buying_center_entry", {
        "opportunity_id": acme["opportunity"], "stakeholder_id": acme["Ada"],
        "roles": ["user"], "influence": 9, "attitude": 5})
    assert [p.field for p in error.problems] == ["influence", "attitude"]


def test_strings_are_coerced(store, acme):
    entry = store.create("buying_center_entry", {
        "opportunity_id": str(acme["opportunity"]), "stakeholder_id": f" {acme['Ada']} ",
        "roles": "decision_maker; coach", "influence": "5", "attitude": "-1",
        "verified_at": "2026-10-01"})
    assert (entry["roles"], entry["influence"], entry["attitude"]) == (
        ["decision_maker", "coach"], 5, -1)
    cleared = store.update("buying_center_entry", entry["id"], {"attitude": ""})
    assert cleared["attitude"] is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=25))
def test_accepted_reports_to_edges_always_form_a_forest(pairs):
    with Store(":memory:") as store:
        account = store.create("account", {"name": "A"})["id"]
        ids = [store.create("stakeholder", {"account_id": account, "name": f"P{i}"})["id"]
               for i in range(6)]
        for a, b in pairs:
            try:
                store.create("relationship", {"source_id": ids[a], "target_id": ids[b],
                                              "type": "reports_to"})
            except ValidationError:
                pass
        edges = [(r["source_id"], r["target_id"]) for r in store.rows("relationship")]
        sources = [s for s, _ in edges]
        assert len(sources) == len(set(sources))  # one manager each
        manager = dict(edges)
        for person in ids:  # walking up always ends
            seen = set()
            while person in manager:
                assert person not in seen
                seen.add(person)
                person = manager[person]
