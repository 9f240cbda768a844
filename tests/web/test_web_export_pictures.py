"""The web download page offers the map's pictures and the deck, as the CLI does."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET


def test_download_page_offers_svg_png_and_pptx(client, deal):
    opp = deal["opportunity"]
    page = client.get(f"/opportunities/{opp}/export").get_data(as_text=True)
    for fmt, label in (("svg", "Map picture (SVG)"), ("png", "Map picture (PNG)"),
                       ("pptx", "Deal-review slides (PowerPoint)")):
        assert f'href="/opportunities/{opp}/export.{fmt}"' in page
        assert label in page


def test_downloads_are_the_pictures_and_the_deck(client, deal):
    from pptx import Presentation

    opp = deal["opportunity"]
    svg = client.get(f"/opportunities/{opp}/export.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert f'filename="powermap-{opp}.svg"' in svg.headers["Content-Disposition"]
    names = "".join(ET.fromstring(svg.data).itertext())
    assert all(name in names for name in ("Ada", "Bo", "Cy"))
    png = client.get(f"/opportunities/{opp}/export.png")
    assert png.mimetype == "image/png" and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    pptx = client.get(f"/opportunities/{opp}/export.pptx")
    deck = Presentation(io.BytesIO(pptx.data))
    assert len(deck.slides) == 5
    assert deck.slides[0].shapes.title.text == "Deal review: ERP"
