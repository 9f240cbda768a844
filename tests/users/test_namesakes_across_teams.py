"""A name typed by one team never finds, nor lists, another team's namesake."""

from __future__ import annotations

from powermap.store import Store


def _namesakes(teams) -> dict[str, int]:
    with Store(teams.path) as store:
        return {key: store.create("stakeholder", {
            "account_id": getattr(teams, key)["account"], "name": "王建国",
            "department": f"Secret{key} 信息部", "title": f"Secret{key} 总监"})["id"]
            for key in ("A", "B")}


def test_a_name_resolves_among_the_callers_accounts_only(teams):
    people = _namesakes(teams)
    answer = teams.client("mia").post("/api/v1/relationships", json={
        "source_id": "王建国", "target_id": "SecretA Person1", "type": "influences",
        "strength": 2})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert answer.json["source_id"] == people["A"]
    assert "SecretB" not in answer.get_data(as_text=True)


def test_an_ambiguous_name_lists_the_callers_candidates_only(teams):
    _namesakes(teams)
    with Store(teams.path) as store:
        store.create("stakeholder", {"account_id": teams.A["account"], "name": "王建国",
                                     "department": "采购部"})
    answer = teams.client("mia").post("/api/v1/relationships", json={
        "source_id": "王建国", "target_id": "SecretA Person1", "type": "influences"})
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "SecretA 信息部" in text and "采购部" in text
    assert "SecretB" not in text


def test_another_teams_only_namesake_is_not_found(teams):
    with Store(teams.path) as store:
        store.create("stakeholder", {"account_id": teams.B["account"], "name": "李娜",
                                     "department": "SecretB 财务部"})
    answer = teams.client("mia").post("/api/v1/relationships", json={
        "source_id": "李娜", "target_id": "SecretA Person1", "type": "influences"})
    assert answer.status_code == 422
    assert "SecretB" not in answer.get_data(as_text=True)
