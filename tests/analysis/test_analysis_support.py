"""Support shares and the net support index."""

from __future__ import annotations

import pytest
from analysis_maps import approx, new_map, person

from powermap.analysis.support import support


@pytest.fixture
def mixed():
    G = new_map()
    person(G, 1, attitude=2)
    person(G, 2, attitude=-1)
    person(G, 3, attitude=0)
    person(G, 4, attitude=None)
    person(G, 5, in_buying_center=False)
    return G


def test_shares_and_net(mixed):
    weights = {1: 0.4, 2: 0.2, 3: 0.3, 4: 0.1}
    result = support(mixed, influence=weights)
    assert result["shares"] == approx(
        {"supporters": 0.4, "neutrals": 0.3, "opponents": 0.2, "unknowns": 0.1})
    assert result["counts"] == {"supporters": 1, "neutrals": 1, "opponents": 1, "unknowns": 1}
    assert result["net_support"] == approx(0.4 * 1 + 0.2 * -0.5)
    assert result["net_support_known"] == approx(0.3 / 0.9)
    assert [p["stakeholder_id"] for p in result["people"]] == [1, 3, 2, 4]
    assert result["people"][3]["stance"] == "unknowns"


def test_computes_weights_itself(mixed):
    result = support(mixed)
    assert result["total_weight"] == approx(4 * (0.42 + 0.3))
    assert result["net_support"] == approx((1 - 0.5) / 4)


def test_empty_buying_center():
    result = support(new_map())
    assert result["net_support"] is None and result["net_support_known"] is None
    assert result["shares"] == {"supporters": 0.0, "neutrals": 0.0, "opponents": 0.0,
                                "unknowns": 0.0}
