"""Pages and JSON are gzipped when the client accepts it, and only then."""

from __future__ import annotations

import gzip

from powermap.demo import load_demo


def test_json_is_gzipped_when_accepted(app, db):
    load_demo(db)
    client = app.test_client()
    plain = client.get("/api/v1/opportunities/1/analysis")
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding" or "Accept-Encoding" in plain.headers["Vary"]
    packed = client.get("/api/v1/opportunities/1/analysis", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 3


def test_pages_are_gzipped_and_refusals_respected(app, db):
    load_demo(db)
    client = app.test_client()
    page = client.get("/portfolio", headers={"Accept-Encoding": "br, gzip;q=0.8"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert "华东能源集团".encode() in gzip.decompress(page.data)
    refused = client.get("/portfolio", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_small_and_binary_responses_are_left_alone(app, db):
    load_demo(db)
    client = app.test_client()
    small = client.get("/api/v1/accounts/1", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers
    xlsx = client.get("/portfolio/export.xlsx", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in xlsx.headers and xlsx.data[:2] == b"PK"
