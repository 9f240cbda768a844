"""Every validation rule: a bad input, its message, and nothing written."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powermap.errors import ValidationError
from powermap.fields import coerce, coercer
from powermap.relationship_rules import reporting_cycles
from powermap.schema import ENTITIES
from powermap.store import Store
from powermap.validation import validate_many


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
    _refused(store, "opportunity", {"account_id": acme["account"], "name": "Y", "stage": "closed"},
             "field 'stage'", "'closed' is not one of: qualify")
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


# --- the bulk path (validate_many) -----------------------------------------------------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-20, 20), st.floats(allow_nan=True),
    st.text(max_size=6),
    st.sampled_from(["", " ", " 7 ", "007", "+3", "-1", "1.0", "1e3", "٣", "²", "10", "x",
                     "reports_to", " allied ", "Allied", "user, coach", "[\"coach\"]",
                     "2026-02-30", "2026-10-01T09:00", "yes", "Off"]),
    st.lists(st.sampled_from(["user", "coach", "x", ""]), max_size=3))


def _outcome(convert, value):
    try:
        return "ok", convert(value)
    except ValueError as exc:
        return "error", str(exc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([f for e in ENTITIES.values() for f in e.fields]), _VALUES)
def test_quick_field_check_gives_the_same_value_or_message_as_coerce(f, value):
    """The per-field fast path of validate_many must never decide differently."""
    assert _outcome(coercer(f), value) == _outcome(lambda x: coerce(f, x), value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 12), st.integers(0, 12), max_size=13))
def test_reporting_cycles_are_the_strongly_connected_groups(managers):
    lines = nx.DiGraph(list(managers.items()))
    expected = {p for group in nx.strongly_connected_components(lines) if len(group) > 1
                for p in group}
    assert reporting_cycles(managers) == expected


def _people(store, account_id, n):
    """``n`` stakeholders P0, P1 … written in one go; their ids."""
    return store.create_many("stakeholder",
                             [{"account_id": account_id, "name": f"P{i}"} for i in range(n)])


def test_bulk_cycle_closed_by_records_far_apart_names_both(store, acme):
    ids = _people(store, acme["account"], 2000)
    changes = [{"source_id": ids[n], "target_id": ids[n - 1], "type": "reports_to"}
               for n in range(1, 2000)]
    changes.append({"source_id": ids[0], "target_id": ids[1999], "type": "reports_to"})
    clean, problems = validate_many(store, ENTITIES["relationship"], changes)
    assert len(problems) == 2000 and all(r is None for r in clean)
    first, last = problems[0], problems[-1]
    assert (first[0], first[1].field, first[1].reason) == (
        0, "target_id", "'P1' reporting to 'P0' would make a reporting cycle")
    assert (last[0], last[1].reason) == (
        1999, "'P0' reporting to 'P1999' would make a reporting cycle")


def test_bulk_cycle_with_stored_line_and_one_manager_each(store, acme):
    ids = _people(store, acme["account"], 1000)
    store.create("relationship", {"source_id": ids[1], "target_id": ids[0],
                                  "type": "reports_to"})
    changes = [{"source_id": ids[0], "target_id": ids[999], "type": "reports_to"},
               {"source_id": ids[999], "target_id": ids[1], "type": "reports_to"},
               {"source_id": ids[1], "target_id": ids[2], "type": "reports_to"},
               {"source_id": ids[5], "target_id": ids[6], "type": "reports_to"},
               {"source_id": ids[5], "target_id": ids[7], "type": "reports_to"}]
    clean, problems = validate_many(store, ENTITIES["relationship"], changes)
    assert [(i, p.reason) for i, p in problems] == [
        (2, "'P1' already reports to 'P0'; a person has at most one manager"),
        (4, "'P5' already reports to 'P6'; a person has at most one manager"),
        (0, "'P0' reporting to 'P999' would make a reporting cycle"),
        (1, "'P999' reporting to 'P1' would make a reporting cycle")]
    assert clean[3] == {"source_id": ids[5], "target_id": ids[6], "type": "reports_to",
                        "strength": 3, "account_id": acme["account"]}


def test_bulk_missing_reference_inside_a_dense_range_of_ids(store, acme):
    """Many references close together are read in one range query; a gap is still found."""
    ids = _people(store, acme["account"], 2000)
    store.delete("stakeholder", ids[1000])
    changes = [{"source_id": ids[n], "target_id": ids[0], "type": "reports_to"}
               for n in range(1, 2000)]
    clean, problems = validate_many(store, ENTITIES["relationship"], changes)
    assert [(i, p.field, p.reason) for i, p in problems] == [
        (999, "source_id", f"refers to stakeholder #{ids[1000]}, which does not exist")]
    assert sum(r is not None for r in clean) == 1998


def test_bulk_duplicate_emails_far_apart(store, acme):
    rows = [{"account_id": acme["account"], "name": f"P{i}", "email": f"p{i}@acme.test"}
            for i in range(2000)]
    rows[1999]["email"] = " P0@Acme.test "
    rows[1500]["email"] = "ada@acme.test"
    clean, problems = validate_many(store, ENTITIES["stakeholder"], rows)
    assert [(i, p.record, p.field, p.reason) for i, p in problems] == [
        (1500, "new stakeholder 'P1500'", "email",
         f"'ada@acme.test' is already used by stakeholder #{acme['Ada']} 'Ada' in this "
         "account"),
        (1999, "new stakeholder 'P1999'", "email",
         "'p0@acme.test' is also given for new stakeholder 'P0' in this account")]
    assert clean[0]["email"] == "p0@acme.test" and clean[1999] is None


def test_bulk_and_single_checks_agree_on_field_messages(store, acme):
    values = {"account_id": str(acme["account"]), "name": "  ", "level": " 12 ",
              "email": "x", "title": 7}
    with pytest.raises(ValidationError) as single:
        store.create("stakeholder", values)
    _, problems = validate_many(store, ENTITIES["stakeholder"], [values])
    assert [str(p) for _, p in problems] == [str(p) for p in single.value.problems]
