"""Layout of the influence × attitude grid and the page filters."""

from __future__ import annotations

from powermap.web.filters import action_type, attitude, number, percent, role, signed, words
from powermap.web.grid import QUADRANT_COLORS, grid_figure

GRID = {
    "threshold": 0.5,
    "quadrants": {"leverage": [1], "convert": [2], "neutralise": [], "monitor": [3, 4]},
    "people": [
        {"stakeholder_id": 1, "name": "Ada", "quadrant": "leverage", "influence": 5,
         "effective_influence": 1.0, "attitude": 2, "high_influence": True},
        {"stakeholder_id": 2, "name": "Bo", "quadrant": "convert", "influence": 4,
         "effective_influence": 0.6, "attitude": None, "high_influence": True},
        {"stakeholder_id": 3, "name": "Cy", "quadrant": "monitor", "influence": 1,
         "effective_influence": 0.1, "attitude": 0, "high_influence": False},
        {"stakeholder_id": 4, "name": "Dee with a very long name", "quadrant": "monitor",
         "influence": 1, "effective_influence": 0.1, "attitude": 0, "high_influence": False},
    ],
}


def test_points_are_placed_by_attitude_and_influence():
    figure = grid_figure(GRID)
    ada, bo, cy, dee = figure["points"]
    assert ada["x"] > cy["x"] > bo["x"]  # +2 right of 0, unknown leftmost
    assert ada["y"] == figure["plot"]["top"]  # influence 1.0 at the top
    assert bo["y"] < figure["threshold_y"] < cy["y"]  # threshold between high and low
    assert (ada["color"], bo["color"]) == (QUADRANT_COLORS["leverage"],
                                           QUADRANT_COLORS["convert"])


def test_people_on_the_same_spot_are_fanned_out():
    cy, dee = grid_figure(GRID)["points"][2:]
    assert (cy["x"], cy["y"]) != (dee["x"], dee["y"])


def test_long_names_are_shortened_for_labels_only():
    dee = grid_figure(GRID)["points"][3]
    assert dee["short"] == "Dee with a ve…"
    assert dee["name"] == "Dee with a very long name"


def test_legend_counts_each_quadrant():
    assert [(q["quadrant"], q["count"]) for q in grid_figure(GRID)["legend"]] == [
        ("leverage", 1), ("convert", 1), ("neutralise", 0), ("monitor", 2)]


def test_empty_grid():
    figure = grid_figure({})
    assert figure["points"] == [] and figure["threshold_y"] is None


def test_filters_speak_the_vocabulary():
    assert [attitude(a) for a in (-2, 0, 1, None)] == [
        "-2 opponent", "0 neutral", "+1 supporter", "unknown"]
    assert role("coach") == "Coach 教练/内线"
    assert role("account_lead") == "Account lead"
    assert action_type("ice_breaking") == "Ice-breaking 破冰"
    assert words("in_progress") == "in progress"
    assert (number(1234567.8), number(None)) == ("1,234,568", "")
    assert (percent(0.256), percent(None)) == ("26%", "–")
    assert (signed(0.3), signed(-0.125, 3), signed(None)) == ("+0.30", "-0.125", "–")
