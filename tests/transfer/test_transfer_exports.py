"""Exports: JSON round trip, GraphML/GEXF for networkx and igraph, tables, review."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import igraph
import networkx as nx
import pytest
from openpyxl import load_workbook

from powermap.analysis import analyze
from powermap.errors import ValidationError
from powermap.exports import formats as exports
from powermap.exports import graph_files, spreadsheets
from powermap.exports.deal_review import export_review
from powermap.graph import build_graph
from powermap.json_map import export_account, export_opportunity, import_json
from powermap.store import Store
from tests.conftest import DEMO_TODAY

OPP = 1


def test_json_round_trip_is_identical(demo_store, tmp_path):
    first = export_account(demo_store, 1)
    with Store(tmp_path / "empty.db") as fresh:
        report = import_json(fresh, json.dumps(first).encode(), name="map.json")
        assert report.counts()["stakeholder"]["create"] == len(first["stakeholders"])
        again = export_account(fresh, 1)
    assert exports.dumps_json(again) == exports.dumps_json(first)
    assert len(first["opportunities"]) == 2 and first["coverage"] and first["team"]
    assert all(opp["buying_center"] for opp in first["opportunities"])


def test_json_opportunity_round_trip(demo_store, store):
    first = export_opportunity(demo_store, OPP)
    import_json(store, first)
    assert export_opportunity(store, 1) == first
    assert first["opportunities"][0]["buying_center"]
    assert first["opportunities"][0]["actions"]
    assert first["competitor_positions"]


def test_json_import_dry_run_and_problems_write_nothing(demo_store, store):
    data = export_account(demo_store, 1)
    report = import_json(store, data, dry_run=True)
    assert store.is_empty() and report.dry_run
    data["stakeholders"][2]["level"] = 42
    data["relationships"].append({"source": "s1", "target": "s999", "type": "allied"})
    with pytest.raises(ValidationError) as caught:
        import_json(store, data, name="bad.json")
    assert store.is_empty()
    last = len(data["relationships"]) - 1
    assert [(p.file, p.column) for p in caught.value.problems] == [
        ("bad.json", "stakeholders[2].level"), ("bad.json", f"relationships[{last}].target")]


def test_json_import_refuses_existing_account(demo_store):
    with pytest.raises(ValidationError, match="already exists"):
        import_json(demo_store, export_account(demo_store, 1))


def _analysis(store):
    G = build_graph(store, OPP)
    return G, analyze(G, today=DEMO_TODAY)


def test_graphml_read_by_networkx_and_igraph(demo_store, tmp_path):
    G, analysis = _analysis(demo_store)
    data = graph_files.to_graphml(G, analysis)
    H = nx.read_graphml(io.BytesIO(data))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    node = H.nodes["1"]
    assert node["name"] == G.nodes[1]["name"] and node["influence"] == G.nodes[1]["influence"]
    assert node["roles"] == ",".join(G.nodes[1]["roles"])
    assert node["rank"] == 1 and node["in_buying_center"] is True
    edge_types = sorted(d["type"] for _, _, d in H.edges(data=True))
    assert edge_types == sorted(d["type"] for _, _, d in G.edges(data=True))
    path = tmp_path / "map.graphml"
    path.write_bytes(data)
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    ceo = g.vs.find(id="1")
    assert ceo["label"] == G.nodes[1]["name"] and ceo["influence"] == 5
    assert sorted(g.es["type"]) == edge_types


def test_gexf_read_by_networkx_and_igraph(demo_store):
    G, analysis = _analysis(demo_store)
    data = graph_files.to_gexf(G, analysis)
    H = nx.read_gexf(io.BytesIO(data))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["1"]["label"] == G.nodes[1]["name"]
    assert H.nodes["1"]["quadrant"] == analysis["grid"]["people"][0]["quadrant"]
    # igraph has no GEXF reader; it takes the graph networkx read from the file
    g = igraph.Graph.from_networkx(H)
    assert g.vcount() == G.number_of_nodes() and "influence" in g.vs.attributes()


def test_flat_graph_does_not_mutate_and_drops_none(demo_store):
    G, analysis = _analysis(demo_store)
    before = dict(G.nodes[2])
    H = graph_files.flat_graph(G, analysis)
    assert G.nodes[2] == before
    assert all(v is not None for _, d in H.nodes(data=True) for v in d.values())
    assert all(not isinstance(v, (list, dict)) for _, d in H.nodes(data=True) for v in d.values())


def test_formula_cells_are_neutralised_in_csv_and_xlsx(store, account):
    for name in ("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tTab", "Plain"):
        store.create("stakeholder", {"account_id": 1, "name": name.strip() or name,
                                     "title": name})
    G = build_graph(store, 1)
    tables = spreadsheets.tables(G)
    text = spreadsheets.to_csv(tables["stakeholders"])
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    titles = [r[2] for r in rows[1:]]
    assert titles == ["'=HYPERLINK(\"http://x\")", "'+1", "'-1", "'@SUM(A1)", "Tab", "Plain"]
    book = load_workbook(io.BytesIO(spreadsheets.to_xlsx(tables)))
    sheet = book["stakeholders"]
    assert [c.value for c in sheet["C"]][1:5] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-1",
                                                  "'@SUM(A1)"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_csv_keeps_chinese_and_numbers(demo_store):
    data = exports.export(demo_store, OPP, "csv", today=DEMO_TODAY)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][1] == "陈建国" and rows[0][:3] == ["id", "name", "title"]
    negative = [r for r in rows[1:] if r[9] == "-2"]
    assert negative, "attitude -2 is a number, written without a quote"


def test_zip_and_xlsx_hold_every_table(demo_store):
    archive = zipfile.ZipFile(io.BytesIO(exports.export(demo_store, OPP, "zip",
                                                        today=DEMO_TODAY)))
    assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in spreadsheets.TABLES)
    book = load_workbook(io.BytesIO(exports.export(demo_store, OPP, "xlsx", today=DEMO_TODAY)))
    assert book.sheetnames == list(spreadsheets.TABLES)
    assert book["actions"].max_row > 1 and book["competitor_positions"].max_row > 1


def test_review_escapes_script_and_is_standalone(store, account):
    store.create("stakeholder", {"account_id": 1, "name": "<script>alert(1)</script>"})
    store.create("buying_center_entry", {"opportunity_id": 1, "stakeholder_id": 1,
                                         "roles": "decision_maker", "influence": 5})
    G = build_graph(store, 1)
    html = export_review(G, analyze(G, today=DEMO_TODAY), generated_at="2026-11-01 09:00")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<link" not in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name only
    assert "Generated by powermap on 2026-11-01 09:00" in html


def test_review_of_demo_shows_every_section(demo_store):
    G, analysis = _analysis(demo_store)
    html = export_review(G, analysis, generated_at="now")
    for section in ("summary", "map", "risks", "steps", "competition", "grid"):
        assert f'<section id="{section}"' in html
    assert f"health-{analysis['risks']['health']}" in html
    grid = html[html.index('<svg class="grid-svg"'):]
    assert grid[:grid.index("</svg>")].count("<circle") == len(analysis["grid"]["people"])
    # the top five flags with their remedies, the rest counted
    flags = analysis["risks"]["flags"]
    for flag in flags[:5]:
        assert flag["title"] in html and flag["remedy"] in html
    hidden = [f["title"] for f in flags[5:] if f["title"] not in {g["title"] for g in flags[:5]}]
    assert hidden and not any(title in html for title in hidden)
    assert f"{len(flags) - 5} more risk flags are not shown on this page." in html
