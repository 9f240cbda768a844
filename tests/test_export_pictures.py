"""Pictures and slides: the SVG and PNG of the map, the deal-review deck (round trips)."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.exports.formats import export
from powermap.exports.map_picture import PNG_LIMIT, map_svg, png_size
from powermap.graph import build_graph
from powermap.i18n import use_locale
from powermap.mapview import map_payload

SVG = "{http://www.w3.org/2000/svg}"


def _png_header(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR, after checking the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _texts(root: ET.Element) -> str:
    return "\n".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))


@pytest.fixture
def tricky(store):
    """A deal whose names need escaping, with a manager and two stacked reports."""
    account = store.create("account", {"name": "Acme <&> Co"})["id"]
    opp = store.create("opportunity", {"account_id": account, "name": "ERP \"phase 2\""})["id"]
    ids = {}
    for name in ("陈晓峰", "Michael <Sun>", "吴磊 & Co", "O'Brien"):
        ids[name] = store.create("stakeholder", {"account_id": account, "name": name})["id"]
        store.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": ids[name],
                                             "roles": ["user"], "influence": 3})
    for name in ("Michael <Sun>", "吴磊 & Co", "O'Brien"):
        store.create("relationship", {"source_id": ids[name], "target_id": ids["陈晓峰"],
                                      "type": "reports_to"})
    store.create("relationship", {"source_id": ids["O'Brien"], "target_id": ids["吴磊 & Co"],
                                  "type": "influences"})
    return {"opportunity": opp, **ids}


def test_svg_parses_and_holds_every_name_escaped(store, tricky):
    text = export(store, tricky["opportunity"], "svg")
    assert "Michael <Sun>" not in text and "Michael &lt;Sun&gt;" in text
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    words = _texts(root)
    for name in ("陈晓峰", "Michael <Sun>", "吴磊 & Co", "O'Brien"):
        assert name in words
    assert 'ERP "phase 2"' in root.find(f"{SVG}title").text
    # one line per relationship, each along its route on the org chart: three reporting
    # lines and the influence, dashed as on the live map; every one points at its target
    edges = root.find(f"{SVG}g[@class='edges']")
    lines = [e for e in edges if e.get("data-type")]
    assert [e.get("data-type") for e in lines] == [
        "reports_to", "reports_to", "reports_to", "influences"]
    assert [e.tag for e in lines] == [f"{SVG}polyline"] * 4
    assert [e.get("stroke-dasharray") for e in lines] == [None, None, None, "6 4"]
    assert len(edges.findall(f"{SVG}polygon")) == 4
    # the legend names every attitude, role and relationship type
    legend = _texts(root.find(f"{SVG}g[@class='legend']"))
    assert "Champion" in legend and "Decision maker [DM]" in legend and "influences" in legend


def test_svg_draws_the_routes_the_page_draws(demo_store):
    G = build_graph(demo_store, 1)
    payload = map_payload(G, {})
    root = ET.fromstring(map_svg(payload, "org"))
    polylines = [[tuple(float(c) for c in p.split(",")) for p in line.get("points").split()]
                 for line in root.iter(f"{SVG}polyline")]
    routes = [[tuple(map(float, p)) for p in e["org_route"]] for e in payload["edges"]
              if "org_route" in e]
    assert polylines == routes and len(routes) >= 20
    # the network has no routes: every relationship is a line or a curve
    assert not list(ET.fromstring(map_svg(payload, "network")).iter(f"{SVG}polyline"))


def test_svg_arrowheads_stop_at_the_rim_of_the_target(demo_store):
    payload = map_payload(build_graph(demo_store, 1), {})
    size = {n["id"]: n["size"] for n in payload["nodes"]}
    edges = ET.fromstring(map_svg(payload, "org")).find(f"{SVG}g[@class='edges']")
    tips = [tuple(float(c) for c in e.get("points").split()[0].split(","))
            for e in edges.findall(f"{SVG}polygon")]
    directed = [e for e in payload["edges"] if e["type"] in ("reports_to", "influences")]
    assert len(tips) == len(directed) and len(tips) >= 20
    for e, tip in zip(directed, tips, strict=True):
        (x0, y0), (x1, y1) = e["org_route"][-2:]
        # the last segment is horizontal or vertical: the tip is `size` short of the centre
        step = size[e["to"]]
        expected = (x1 - step * ((x1 > x0) - (x1 < x0)), y1 - step * ((y1 > y0) - (y1 < y0)))
        assert tip == pytest.approx(expected, abs=0.06)


def test_svg_speaks_the_export_language(demo_store):
    with use_locale("zh_CN"):
        root = ET.fromstring(export(demo_store, 1, "svg"))
    legend = _texts(root.find(f"{SVG}g[@class='legend']"))
    assert "拥护者" in legend and "汇报给" in legend
    assert "陈建国" in _texts(root)


def test_png_has_the_signature_and_the_size_of_its_svg(store, tricky):
    root = ET.fromstring(export(store, tricky["opportunity"], "svg"))
    width, height = float(root.get("width")), float(root.get("height"))
    data = export(store, tricky["opportunity"], "png")
    assert _png_header(data) == png_size(width, height) == (round(2 * width),
                                                             round(2 * height))


def test_png_of_a_big_map_is_capped():
    assert max(png_size(20000, 3000)) == PNG_LIMIT
    assert png_size(20000, 3000) == (6000, 900)


def test_pptx_opens_and_holds_the_map_in_the_export_language(demo_store):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    with use_locale("zh_CN"):
        data = export(demo_store, 1, "pptx", generated_at="2026-11-01 09:00")
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert [s.shapes.title.text for s in slides] == [
        "投标前评审：智能电网分析平台 Smart Grid Analytics", "权力地图", "主要风险与应对建议",
        "下一步行动", "竞争对手"]
    pictures = [sh for sh in slides[1].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    blob = pictures[0].image.blob
    assert pictures[0].image.content_type == "image/png" and _png_header(blob)[0] > 1000
    assert pictures[0].width <= deck.slide_width
    text = "\n".join(p.text for s in slides for sh in s.shapes if sh.has_text_frame
                     for p in sh.text_frame.paragraphs)
    assert "2026-11-01 09:00" in text
    cells = [c.text for s in slides for sh in s.shapes if sh.has_table
             for row in sh.table.rows for c in row.cells]
    assert "高" in cells  # a high-severity flag, in Chinese
    assert "Northwind Systems" in cells
    assert cells[cells.index("2026年11月6日"):][:4] == ["2026年11月6日", "技术交流", "Xu Fang",
                                                    "李博 Bob Li"]  # a next step: due, owner


def test_pptx_lists_risks_steps_and_competitors(store, tricky):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(export(store, tricky["opportunity"], "pptx")))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == 'Deal review: ERP "phase 2"'
    texts = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert "No competitor recorded for this deal." in texts
    # five flags (no coach, single-threaded, three unfilled roles): all on the slide, none
    # left over (the missing coach is said once, by no_coach)
    assert not [text for text in texts if "more risk flag" in text]
    risks = [[c.text for c in row.cells] for row in
             next(sh for sh in deck.slides[2].shapes if sh.has_table).table.rows]
    assert len(risks) == 1 + 5
    # nobody is covered by an action yet: the next steps are the allies to win, to plan
    cells = [[c.text for c in row.cells] for row in
             next(sh for sh in deck.slides[3].shapes if sh.has_table).table.rows]
    assert cells[0] == ["Due", "Step", "Person", "Owner"]
    assert cells[1:] and all(row[0] == "to plan" for row in cells[1:])


def test_cli_writes_pictures_and_slides(tmp_path, demo_store):
    runner = CliRunner()
    db = demo_store.path
    out = runner.invoke(cli, ["--db", db, "export", "1", "--format", "svg"])
    assert out.exit_code == 0, out.output
    assert ET.fromstring(out.output).tag == f"{SVG}svg"
    refused = runner.invoke(cli, ["--db", db, "export", "1", "--format", "png"])
    assert refused.exit_code != 0 and "-o FILE" in refused.output
    for fmt in ("png", "pptx"):
        target = tmp_path / f"map.{fmt}"
        done = runner.invoke(cli, ["--db", db, "export", "1", "-f", fmt, "-o", str(target)])
        assert done.exit_code == 0, done.output
    assert target.read_bytes()[:2] == b"PK"
    assert _png_header((tmp_path / "map.png").read_bytes())[0] > 1000
