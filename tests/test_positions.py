"""Positions dragged on the network layout are kept per opportunity; the map draws them."""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.graph import build_graph
from powermap.mapview import map_payload
from powermap.positions import forget_positions, keep_positions, kept_positions


@pytest.fixture
def two_deals(store):
    acme = store.create("account", {"name": "Acme"})["id"]
    other = store.create("account", {"name": "Other"})["id"]
    erp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    crm = store.create("opportunity", {"account_id": acme, "name": "CRM"})["id"]
    ada = store.create("stakeholder", {"account_id": acme, "name": "Ada"})["id"]
    bo = store.create("stakeholder", {"account_id": acme, "name": "Bo"})["id"]
    stranger = store.create("stakeholder", {"account_id": other, "name": "Cy"})["id"]
    store.create("relationship", {"source_id": ada, "target_id": bo, "type": "allied"})
    return {"erp": erp, "crm": crm, "ada": ada, "bo": bo, "stranger": stranger}


def test_kept_positions_win_on_their_opportunity_only(store, two_deals):
    d = two_deals
    computed = {n["id"]: n["net"] for n in map_payload(build_graph(store, d["erp"]),
                                                       {})["nodes"]}
    assert keep_positions(store, d["erp"], [{"stakeholder_id": d["ada"], "x": 1234.4,
                                            "y": -56}]) == 1
    assert kept_positions(store, d["erp"]) == {d["ada"]: (1234.4, -56.0)}
    erp = {n["id"]: n for n in map_payload(build_graph(store, d["erp"]), {})["nodes"]}
    assert erp[d["ada"]]["net"] == [1234, -56]
    assert erp[d["bo"]]["net"] == computed[d["bo"]]
    crm = {n["id"]: n for n in map_payload(build_graph(store, d["crm"]), {})["nodes"]}
    assert crm[d["ada"]]["net"] == computed[d["ada"]]
    keep_positions(store, d["erp"], [{"stakeholder_id": d["ada"], "x": 1, "y": 2}])
    assert kept_positions(store, d["erp"]) == {d["ada"]: (1.0, 2.0)}  # the last drag wins
    assert forget_positions(store, d["erp"]) == 1
    assert kept_positions(store, d["erp"]) == {}


def test_bad_positions_refuse_the_whole_batch(store, two_deals):
    d = two_deals
    with pytest.raises(ValidationError) as caught:
        keep_positions(store, d["erp"], [
            {"stakeholder_id": d["ada"], "x": 1, "y": 2},
            {"stakeholder_id": d["stranger"], "x": 1, "y": 2},
            {"stakeholder_id": d["bo"], "x": float("nan"), "y": True},
            "nope"])
    assert [(p.record, p.field) for p in caught.value.problems] == [
        ("position 2", "stakeholder_id"), ("position 3", "x"), ("position 3", "y"),
        ("position 4", None)]
    assert kept_positions(store, d["erp"]) == {}


def test_positions_go_with_the_person(store, two_deals):
    d = two_deals
    keep_positions(store, d["erp"], [{"stakeholder_id": d["bo"], "x": 5, "y": 5}])
    store.delete("stakeholder", d["bo"])
    assert kept_positions(store, d["erp"]) == {}


def test_the_html_export_draws_kept_positions(store, two_deals):
    from powermap.exports.formats import export
    from tests.test_export_html import inline_payload

    d = two_deals
    keep_positions(store, d["erp"], [{"stakeholder_id": d["bo"], "x": -700, "y": 333}])
    payload = inline_payload(export(store, d["erp"], "html"))
    [bo] = [n for n in payload["nodes"] if n["id"] == d["bo"]]
    assert bo["net"] == [-700, 333]
