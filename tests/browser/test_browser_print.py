"""Printing: the deal review is one A4 landscape page; the live map prints whole, fitted,
with its legend in colour."""

from __future__ import annotations

import io

import pytest

from powermap.exports.deal_review import export_review
from tests.browser.chinese_text import open_chinese_export
from tests.browser.map_page import READY

#: Points per CSS pixel (96 px to the inch, 72 pt).
PT = 0.75


def _pdf_pages(page) -> list:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True,
                                         print_background=True))).pages


def _landscape_a4(pdf_page) -> bool:
    box = pdf_page.mediabox
    return (round(float(box.width)), round(float(box.height))) == (842, 595)


def _smallest_grid_label_pt(page) -> float:
    """The printed height of the grid's person labels, in points."""
    page.emulate_media(media="print")
    heights = page.evaluate("""() => Array.from(document.querySelectorAll('.grid-svg .label'))
        .map(t => t.getBoundingClientRect().height)""")
    page.emulate_media(media="null")
    return min(heights) * PT


@pytest.mark.parametrize("pages_of", ["page", "zh_page"])
def test_the_review_page_prints_on_one_landscape_page(request, pages_of):
    page = request.getfixturevalue(pages_of)
    base = request.getfixturevalue("base_url" if pages_of == "page" else "zh_base_url")
    page.goto(f"{base}/opportunities/1/review")
    pages = _pdf_pages(page)
    # for the message: how tall each part is on the printed page (A4 landscape: 733 px high)
    page.set_viewport_size({"width": 1062, "height": 733})
    page.emulate_media(media="print")
    heights = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.review-head, .summary-cards, .review-column')).map(
        e => [e.id || e.className, Math.round(e.getBoundingClientRect().bottom)])""")
    page.emulate_media(media="null")
    # the sheet is page 1; "since the last review" (the demo has recorded reviews) follows
    # on a page of its own
    since = page.locator("section#since-review").count()
    assert since == 1
    assert len(pages) == 1 + since, " ".join(f"{k}={v}" for k, v in heights)
    assert all(_landscape_a4(p) for p in pages)
    for section in ("risks", "steps", "competition", "grid", "map"):
        assert page.locator(f"section#{section}").count() == 1
    # what the page's sheet says is on the printed page: the last step, the last rival
    # (compared by their Latin letters: PDF text gives some CJK characters as radicals)
    def latin(text: str) -> str:
        return "".join(ch for ch in text if ch.isascii() and ch.isalnum())

    printed = latin(pages[0].extract_text())
    for cell in ("#steps tr:last-child td:nth-child(4)", "#competition tr:last-child td",
                 "#grid .legend li:last-child"):
        assert latin(page.locator(cell).first.inner_text()) in printed
    # the map is a vector picture, every person of the deal on it
    assert page.locator("section#map svg g[data-id]").count() == 31  # 30 people, 1 ghost
    # the grid's labels print legibly (they printed at about 4 pt)
    assert _smallest_grid_label_pt(page) >= 6.5


def test_the_exported_review_prints_on_one_page_too(offline_page, zh_demo_db, tmp_path):
    open_chinese_export(offline_page, zh_demo_db, export_review, tmp_path / "review-zh.html")
    pages = _pdf_pages(offline_page)
    assert len(pages) == 1 and _landscape_a4(pages[0])
    assert "投标前评审" in pages[0].extract_text()


FITTED = """() => {
    const m = window.powermapMap;
    const width = m.canvas.clientWidth, height = m.canvas.clientHeight;
    const outside = [];
    m.payload.nodes.forEach(n => {
        const box = m.network.getBoundingBox(n.id);
        const a = m.network.canvasToDOM({x: box.left, y: box.top});
        const b = m.network.canvasToDOM({x: box.right, y: box.bottom});
        if (a.x < -1 || a.y < -1 || b.x > width + 1 || b.y > height + 1) outside.push(n.name);
    });
    const canvas = m.canvas.querySelector('canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4 * 97) {
        if (pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200)) inked += 1;
    }
    return {width, height, outside, inked};
}"""


#: After printing the screen's zoom comes back (about: vis-network rescales the view when the
#: canvas changes size, which may come a frame later), not the fitted print view (~0.7).
SCREEN_VIEW_BACK = "Math.abs(window.powermapMap.network.getScale() - 3) < 1"


def test_the_live_map_prints_whole_fitted_and_with_its_legend(page, base_url):
    page.goto(f"{base_url}/opportunities/1")
    page.wait_for_selector(READY)
    # zoom in as a person would: on screen part of the map is out of view
    page.evaluate("window.powermapMap.network.moveTo({scale: 3, animation: false})")
    assert page.evaluate(FITTED)["outside"]
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(FITTED)
    assert printed["outside"] == [] and printed["inked"] > 100
    assert (printed["width"], printed["height"]) == (1000, 560)
    legend = page.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('.pm-legend .pm-swatch'));
        const box = document.querySelector('.pm-legend').getBoundingClientRect();
        return {adjust: s.printColorAdjust || s.webkitPrintColorAdjust,
                background: s.backgroundColor, shown: box.height > 0};
    }""")
    assert legend == {"adjust": "exact", "background": "rgb(30, 132, 73)", "shown": True}
    assert page.locator(".pm-toolbar").is_hidden() and page.locator(".pm-panel").is_hidden()
    page.emulate_media(media="null")  # back to the screen, then the browser says so
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function(SCREEN_VIEW_BACK)
    # the browser's own print (here to PDF) says beforeprint and afterprint itself
    pdf = _pdf_pages(page)
    assert _landscape_a4(pdf[0]), [p.mediabox for p in pdf]
    assert page.evaluate("window.powermapMap.root.dataset.printing") == "false"
    page.wait_for_function(SCREEN_VIEW_BACK)


def test_screenshots_of_the_pictures_and_the_printed_review(page, base_url, demo_db,
                                                           screenshots):
    """The PNG export of the demo's map and the review as printed (docs/screenshots)."""
    from powermap.exports.formats import export
    from powermap.store import Store

    with Store(demo_db) as store:
        png = export(store, 1, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (screenshots / "map-export.png").write_bytes(png)
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.goto(f"{base_url}/opportunities/1/review")
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots / "review-print.png"), full_page=True)
    page.emulate_media(media="null")
