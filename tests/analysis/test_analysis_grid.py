"""Influence × attitude grid."""

from __future__ import annotations

from analysis_maps import new_map, person

from powermap.analysis.grid import influence_attitude_grid, quadrant


def test_quadrants():
    G = new_map()
    for n, attitude in enumerate((2, 0, None, -1, -2, 1, None), 1):
        person(G, n, attitude=attitude)
    weights = {1: 0.9, 2: 0.6, 3: 0.7, 4: 0.8, 5: 0.1, 6: 0.59, 7: 0.2}
    grid = influence_attitude_grid(G, influence=weights)
    assert grid["quadrants"] == {"leverage": [1], "convert": [4, 3, 2], "neutralise": [5],
                                 "monitor": [6, 7]}
    assert [p["quadrant"] for p in grid["people"]][:2] == ["leverage", "convert"]
    assert grid["people"][5]["high_influence"] is False
    assert grid["threshold"] == 0.6


def test_threshold_parameter():
    assert quadrant(0.5, 1, threshold=0.5) == "leverage"
    assert quadrant(0.5, 1, threshold=0.51) == "monitor"
