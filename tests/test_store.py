"""The store: round trips of every entity, transactions, versions, conflicts."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from powermap.actor import Actor, acting_as
from powermap.errors import ConflictError, NotFoundError, ValidationError
from powermap.schema import ENTITIES
from powermap.store import Store


def _valid_records(store, acme):
    """One valid create and one valid update per entity, built on the acme fixture."""
    member = store.create("team_member", {"account_id": acme["account"], "name": "我们 Us"})
    rival = store.create("competitor", {"name": "Rival"})
    return {
        "account": ({"name": "华东 Energy", "tier": "growth", "cumulative_sales": 1.5e6},
                    {"arrears": 1000.0}),
        "opportunity": ({"account_id": acme["account"], "name": "CRM", "value": 2e5,
                         "bid_date": "2027-01-15"}, {"stage": "propose"}),
        "stakeholder": ({"account_id": acme["account"], "name": "王芳", "title": "CIO",
                         "department": "信息中心", "level": 2, "email": "wf@acme.test"},
                        {"title": "首席信息官"}),
        "buying_center_entry": ({"opportunity_id": acme["opportunity"],
                                 "stakeholder_id": acme["Ada"], "roles": ["decision_maker"],
                                 "influence": 5, "attitude": None, "verified_at": "2026-10-01",
                                 "verified_by": "Us"}, {"roles": ["decision_maker", "user"]}),
        "relationship": ({"source_id": acme["Ada"], "target_id": acme["Bo"],
                          "type": "influences", "strength": 3}, {"strength": 1}),
        "team_member": ({"account_id": acme["account"], "name": "Lead", "role": "account_lead"},
                        {"level": 3}),
        "coverage": ({"team_member_id": member["id"], "stakeholder_id": acme["Cy"],
                      "strength": 2, "last_contact": "2026-09-30", "owner": True},
                     {"strength": 4, "owner": False}),
        "competitor": ({"name": "青云科技"}, {"notes": "strong in the north"}),
        "opportunity_competitor": ({"opportunity_id": acme["opportunity"],
                                    "competitor_id": rival["id"]}, {}),
        "competitor_position": ({"competitor_id": rival["id"], "stakeholder_id": acme["Bo"],
                                 "coverage": 3, "preference": -1}, {"preference": 2}),
        "action": ({"opportunity_id": acme["opportunity"], "stakeholder_id": acme["Ada"],
                    "owner_id": member["id"], "type": "executive_visit",
                    "due_date": "2026-12-01"}, {"status": "done", "actual_effect": "met"}),
    }


@pytest.mark.parametrize("entity_name", list(ENTITIES))
def test_round_trip_of_every_entity(store, acme, entity_name):
    values, changes = _valid_records(store, acme)[entity_name]
    created = store.create(entity_name, values)
    assert created["version"] == 1
    assert created["created_at"] == created["updated_at"]
    for key, value in values.items():
        assert created[key] == value, key
    assert store.get(entity_name, created["id"]) == created
    if changes:
        updated = store.update(entity_name, created["id"], changes, version=1)
        assert updated["version"] == 2
        assert updated["updated_at"] >= created["updated_at"]
        assert {k: updated[k] for k in changes} == changes
        assert {k: updated[k] for k in values if k not in changes} == \
            {k: v for k, v in values.items() if k not in changes}
    store.delete(entity_name, created["id"])
    with pytest.raises(NotFoundError):
        store.get(entity_name, created["id"])


def test_setting_scores_stamps_who_verified_them_and_when(store, acme):
    # Regression: scores edited on the map kept their old verified_at, so a person just
    # re-scored stayed "stale".
    entry = store.create("buying_center_entry", {
        "opportunity_id": acme["opportunity"], "stakeholder_id": acme["Bo"], "roles": "user",
        "verified_at": "2025-01-01", "verified_by": "Old"})
    today = dt.date.today().isoformat()
    with acting_as(Actor("li.na", 4)):
        scored = store.update("buying_center_entry", entry["id"], {"attitude": 1})
    assert (scored["verified_at"], scored["verified_by"]) == (today, "li.na")
    roles = store.update("buying_center_entry", entry["id"], {"roles": ["user", "coach"],
                                                              "verified_at": "2025-02-02"})
    assert (roles["verified_at"], roles["verified_by"]) == ("2025-02-02", "li.na")
    given = store.update("buying_center_entry", entry["id"], {
        "influence": 4, "verified_at": "2026-01-05", "verified_by": "Kim"})
    assert (given["verified_at"], given["verified_by"]) == ("2026-01-05", "Kim")
    with acting_as(Actor("zhou")):
        same = store.update("buying_center_entry", entry["id"], {"influence": 4})  # still right
    assert (same["verified_at"], same["verified_by"]) == (today, "zhou")
    store.update("buying_center_entry", entry["id"], {"verified_at": "2025-03-03"})
    with acting_as(Actor("wu")):   # a form sends the stamp back unchanged with the scores
        form = store.update("buying_center_entry", entry["id"], {
            "attitude": -1, "verified_at": "2025-03-03", "verified_by": "zhou"})
    assert (form["verified_at"], form["verified_by"]) == (today, "wu")


def test_defaults_are_applied(store, acme):
    entry = store.create("buying_center_entry", {"opportunity_id": acme["opportunity"],
                                                 "stakeholder_id": acme["Bo"], "roles": "user"})
    assert (entry["influence"], entry["attitude"]) == (3, None)
    edge = store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                         "type": "reports_to"})
    assert edge["strength"] == 3 and edge["account_id"] == acme["account"]
    action = store.create("action", {"opportunity_id": acme["opportunity"],
                                     "stakeholder_id": acme["Ada"], "type": "deepen"})
    assert action["status"] == "planned"


def test_failed_multi_row_write_rolls_back_everything(store, acme):
    before = store.counts()
    with pytest.raises(ValidationError):
        with store.transaction():
            store.create("stakeholder", {"account_id": acme["account"], "name": "New 1"})
            store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                          "type": "reports_to"})
            store.create("stakeholder", {"account_id": acme["account"], "name": "Bad",
                                         "level": 99})
    assert store.counts() == before
    assert [p["name"] for p in store.rows("stakeholder")] == ["Ada", "Bo", "Cy"]


def test_nested_transaction_rolls_back_to_its_savepoint(store, acme):
    with store.transaction():
        store.create("stakeholder", {"account_id": acme["account"], "name": "Kept"})
        with pytest.raises(ValidationError):
            with store.transaction():
                store.create("stakeholder", {"account_id": acme["account"], "name": "Gone"})
                store.create("stakeholder", {"account_id": acme["account"], "name": ""})
    assert [p["name"] for p in store.rows("stakeholder")][-1] == "Kept"


def test_stale_version_is_refused_between_two_writers(db_path):
    first, second = Store(db_path), Store(db_path)
    account = first.create("account", {"name": "Acme"})
    seen = second.get("account", account["id"])
    first.update("account", account["id"], {"industry": "Energy"}, version=1)
    with pytest.raises(ConflictError, match=r"account #1 'Acme' was changed by someone else "
                                            r"\(you edited version 1, it is now at version 2\)"):
        second.update("account", account["id"], {"industry": "Retail"}, version=seen["version"])
    with pytest.raises(ConflictError):
        second.delete("account", account["id"], version=1)
    assert second.get("account", account["id"])["industry"] == "Energy"
    first.close()
    second.close()


def test_delete_cascades_to_dependents(store, acme):
    store.create("buying_center_entry", {"opportunity_id": acme["opportunity"],
                                         "stakeholder_id": acme["Ada"], "roles": ["user"]})
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "allied"})
    store.delete("stakeholder", acme["Ada"])
    assert store.rows("buying_center_entry") == [] and store.rows("relationship") == []


def test_resolve_by_id_or_name(store, acme):
    assert store.resolve("account", "Acme") == acme["account"]
    assert store.resolve("stakeholder", str(acme["Bo"])) == acme["Bo"]
    assert store.resolve("stakeholder", "Cy", account_id=acme["account"]) == acme["Cy"]
    other = store.create("account", {"name": "Other"})
    store.create("stakeholder", {"account_id": other["id"], "name": "Cy"})
    with pytest.raises(NotFoundError, match="2 records of type stakeholder are called 'Cy'"):
        store.resolve("stakeholder", "Cy")
    with pytest.raises(NotFoundError, match="no account 'Nope'"):
        store.resolve("account", "Nope")


def test_file_database_uses_wal_and_foreign_keys(db_path):
    with Store(db_path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO stakeholders (account_id, name, created_at, updated_at)"
                             " VALUES (42, 'x', '', '')")


def test_unicode_round_trip_through_a_file(db_path):
    with Store(db_path) as store:
        account = store.create("account", {"name": "华东能源集团"})
        store.create("stakeholder", {"account_id": account["id"], "name": "陈建国",
                                     "notes": "喜欢围棋 🀄"})
    with Store(db_path) as store:
        person = store.rows("stakeholder")[0]
        assert (person["name"], person["notes"]) == ("陈建国", "喜欢围棋 🀄")


def test_references_by_name_resolve_within_the_records_account(store, acme):
    other = store.create("account", {"name": "Other"})
    twin = store.create("stakeholder", {"account_id": other["id"], "name": "Ada"})
    entry = store.resolve_references("buying_center_entry", {
        "opportunity_id": "ERP", "stakeholder_id": "Ada", "roles": ["user"]})
    assert (entry["opportunity_id"], entry["stakeholder_id"]) == (acme["opportunity"], acme["Ada"])
    edge = store.resolve_references("relationship", {"source_id": str(twin["id"]),
                                                     "target_id": "Ada", "type": "allied"})
    assert edge["target_id"] == twin["id"]  # the account comes from the source's id
    assert store.account_of("coverage", {"stakeholder_id": acme["Bo"]}) == acme["account"]


def test_unknown_names_are_all_reported_as_validation_problems(store, acme):
    with pytest.raises(ValidationError) as info:
        store.resolve_references("buying_center_entry", {"opportunity_id": "Nope",
                                                         "stakeholder_id": "Nobody"})
    assert [(p.field, p.reason) for p in info.value.problems] == [
        ("opportunity_id", "no opportunity 'Nope'"), ("stakeholder_id", "no stakeholder 'Nobody'")]


def test_many_and_single_writes_store_records_alike(store, acme):
    """create_many/update_many and create/update share one writer: ids, versions, stamps."""
    opp = acme["opportunity"]
    [first] = store.create_many("buying_center_entry", [
        {"opportunity_id": opp, "stakeholder_id": acme["Ada"], "roles": ["coach", "user"],
         "influence": 4}])
    second = store.create("buying_center_entry", {
        "opportunity_id": opp, "stakeholder_id": acme["Bo"], "roles": ["coach", "user"],
        "influence": 4})
    assert second["id"] == first + 1
    one, two = store.rows("buying_center_entry")
    for row in (one, two):
        assert (row["roles"], row["influence"], row["version"]) == (["coach", "user"], 4, 1)
        assert row["created_at"] == row["updated_at"]
    assert store.db.execute("SELECT roles FROM buying_center").fetchall() == [
        ('["coach", "user"]',), ('["coach", "user"]',)]
    store.update_many("buying_center_entry", [(first, 1, {**one, "influence": 5})])
    updated = store.update("buying_center_entry", second["id"], {"influence": 5})
    one, two = store.rows("buying_center_entry")
    assert [(r["influence"], r["version"]) for r in (one, two)] == [(5, 2), (5, 2)]
    assert one["updated_at"] > one["created_at"] and updated == two


def test_ids_follow_the_highest_stored_one_after_a_delete(store, acme):
    """New ids are max(id) + 1 on both paths, as SQLite picks them without AUTOINCREMENT."""
    last = store.create("stakeholder", {"account_id": acme["account"], "name": "Dee"})
    store.delete("stakeholder", last["id"])
    assert store.create_many("stakeholder", [{"account_id": acme["account"], "name": "Eve"},
                                             {"account_id": acme["account"], "name": "Fay"}]
                             ) == [last["id"], last["id"] + 1]
    assert store.create("stakeholder", {"account_id": acme["account"],
                                        "name": "Gus"})["id"] == last["id"] + 2


def test_a_constraint_broken_by_unchecked_records_is_a_validation_problem(store, acme):
    """create_many trusts its records; if they break a table constraint anyway, the
    caller gets a ValidationError (not sqlite3.IntegrityError) and nothing is kept."""
    values = {"account_id": acme["account"], "name": "CRM"}
    with pytest.raises(ValidationError, match="opportunity: UNIQUE constraint failed: "
                                              "opportunities.account_id, opportunities.name"):
        store.create_many("opportunity", [values, values])
    assert [o["name"] for o in store.rows("opportunity")] == ["ERP"]


def test_a_constraint_broken_by_an_update_names_the_stored_record(store, acme):
    """Regression: the message named an updated record 'new stakeholder'."""
    ada = store.get("stakeholder", acme["Ada"])
    with pytest.raises(ValidationError) as info:
        store.update_many("stakeholder", [(ada["id"], 1, {**ada, "name": None})])
    assert [(p.record, p.field) for p in info.value.problems] == [("stakeholder #1", None)]
    assert "NOT NULL constraint failed: stakeholders.name" in info.value.problems[0].reason
    assert store.get("stakeholder", ada["id"]) == ada
