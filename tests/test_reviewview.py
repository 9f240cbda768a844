"""The deal review's grid drawing, shared by the review page and the exported review."""

from __future__ import annotations

import re

import pytest

from powermap.analysis import analyze
from powermap.analysis.grid import quadrant
from powermap.demo import load_demo
from powermap.exports.formats import export
from powermap.graph import build_graph
from powermap.reviewview import QUADRANT_COLORS, grid_figure
from tests.conftest import DEMO_TODAY

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
    assert figure["areas"] == [] and figure["dividers"] == []


def test_quadrant_areas_follow_the_analysis_rule():
    figure = grid_figure({"threshold": 0.6})
    columns = [c["label"] for c in figure["columns"]]
    slot = (figure["plot"]["right"] - figure["plot"]["left"]) / len(columns)
    areas = [(a["quadrant"], columns[round((a["x0"] - 60) / slot)],
              columns[round((a["x1"] - 60) / slot) - 1], a["y1"] == figure["threshold_y"])
             for a in figure["areas"]]
    # above the line: unknown … 0 are to convert, +1 and +2 leverage; below it the
    # blockers (−2, −1) are to neutralise and everyone else is monitored
    assert areas == [("convert", "?", "0", True), ("leverage", "+1", "+2", True),
                     ("monitor", "?", "?", False), ("neutralise", "-2", "-1", False),
                     ("monitor", "0", "+2", False)]
    assert [(d["x"], d["y1"] == figure["threshold_y"]) for d in figure["dividers"]] == [
        (346.7, True), (131.7, False), (275.0, False)]


@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.9])
def test_every_point_lies_in_the_area_of_its_quadrant(threshold):
    people = [{"stakeholder_id": n, "name": f"P{n}", "attitude": attitude,
               "effective_influence": influence, "influence": 3,
               "quadrant": quadrant(influence, attitude, threshold=threshold)}
              for n, (attitude, influence) in enumerate(
                  (a, e) for a in (None, -2, -1, 0, 1, 2) for e in (0.05, 0.5, 0.95))]
    figure = grid_figure({"threshold": threshold, "people": people})
    for point in figure["points"]:
        inside = [a["quadrant"] for a in figure["areas"]
                  if a["x0"] <= point["x"] <= a["x1"] and a["y0"] <= point["y"] <= a["y1"]]
        assert inside == [point["quadrant"]], point


def test_a_point_without_a_quadrant_gets_the_rule_s():
    figure = grid_figure({"threshold": 0.5, "people": [
        {"stakeholder_id": 1, "name": "Eve", "attitude": -2, "effective_influence": 0.2}]})
    assert figure["points"][0]["quadrant"] == "neutralise"


def _drawn(html: str) -> tuple[dict[int, str], list[tuple[str, str, str]]]:
    """The quadrant of every person point and the labelled quadrant areas of a grid."""
    start = html.index('<svg class="grid-svg"')  # after the map's own picture
    svg = html[start:html.index("</svg>", start)]
    points = {int(i): q for i, q in re.findall(
        r'<g class="point q-\w+" data-stakeholder-id="(\d+)" data-quadrant="(\w+)">', svg)}
    areas = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" class="axis-note area" '
                       r'data-quadrant="(\w+)">', svg)
    return points, areas


def test_review_page_and_export_draw_the_same_grid(app, db):
    """Regression: the export put the divider at attitude 0 and called a high corner
    "neutralise", while the page and the analysis did otherwise."""
    load_demo(db, today=DEMO_TODAY)
    checked = set()
    for opportunity in db.rows("opportunity"):
        page = app.test_client().get(f"/opportunities/{opportunity['id']}/review"
                                     f"?today={DEMO_TODAY}")
        assert page.status_code == 200
        exported = export(db, opportunity["id"], "review", today=DEMO_TODAY)
        on_page, in_file = _drawn(page.get_data(as_text=True)), _drawn(exported)
        assert on_page == in_file
        G = build_graph(db, opportunity["id"])
        grid = analyze(G, today=DEMO_TODAY)["grid"]
        assert on_page[0] == {p["stakeholder_id"]: p["quadrant"] for p in grid["people"]}
        assert [q for _, _, q in on_page[1]] == [
            "convert", "leverage", "monitor", "neutralise", "monitor"]
        checked.update(on_page[0].values())
    assert checked == {"leverage", "convert", "neutralise", "monitor"}


def test_the_grid_names_its_quadrants_and_axes_in_the_current_language():
    from powermap.i18n import use_locale
    from powermap.templating import environment

    template = environment().get_template("_grid.svg.html")
    with use_locale("zh_CN"):
        chinese = template.render(grid=grid_figure(GRID))
    english = template.render(grid=grid_figure(GRID))
    for zh, en in (("借力 (1)", "leverage (1)"), ("转化 (1)", "convert (1)"),
                   ("化解 (0)", "neutralise (0)"), ("关注 (2)", "monitor (2)"),
                   ("实际影响力", "effective influence"), ("高影响力", "high influence"),
                   ('aria-label="影响力×态度矩阵"', 'aria-label="Influence by attitude grid"'),
                   ("<title>Ada · 借力</title>", "<title>Ada · leverage</title>")):
        assert zh in chinese and zh not in english, zh
        assert en in english and en not in chinese, en
    # the codes a stylesheet or a script reads stay codes
    assert chinese.count('data-quadrant="monitor"') == english.count('data-quadrant="monitor"')
