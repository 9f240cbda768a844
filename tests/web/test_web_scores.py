"""Scores and relationships edited on the map are stored as given."""

from __future__ import annotations

import datetime as dt

from powermap.actor import local


def test_rescoring_on_the_map_stamps_verified_and_ends_stale(client, deal, db):
    # Regression: editing scores on the map did not stamp verified_at, so the person just
    # re-scored stayed "stale".
    db.update("buying_center_entry", deal["entry_ada"], {"verified_at": "2026-01-02",
                                                          "verified_by": "Old"})
    entry = db.get("buying_center_entry", deal["entry_ada"])
    analysis = f"/api/v1/opportunities/{deal['opportunity']}/analysis"
    codes = [f["code"] for f in client.get(analysis).json["risks"]["flags"]]
    assert "stale_scores" in codes
    response = client.patch(f"/api/v1/buying-center/{entry['id']}",
                            json={"influence": 5, "attitude": 1, "roles": ["decision_maker"],
                                  "version": entry["version"]})
    assert response.status_code == 200
    assert response.json["verified_at"] == dt.date.today().isoformat()
    assert response.json["verified_by"] == local().login
    codes = [f["code"] for f in client.get(analysis).json["risks"]["flags"]]
    assert "stale_scores" not in codes


def test_every_relationship_type_keeps_the_strength_it_was_given(client, deal, db):
    # Regression: the map offered a strength for "reports to" and stored 3 whatever was
    # picked; the strength of a reporting line counts in ranking, forecast and introductions.
    for kind in ("reports_to", "influences", "allied", "conflict"):
        response = client.post("/api/v1/relationships", json={
            "source_id": deal["Cy"], "target_id": deal["Ada"], "type": kind, "strength": 1})
        assert response.status_code == 201, response.json
        assert response.json["strength"] == 1, kind
