"""The power map in Chinese: the live page (``lang=zh_CN`` cookie) and an export made in zh_CN.

Each test opens the person panel, the allies tab and the competitors tab, collects what a
reader sees (``innerText``), splits it into Latin words, takes away the demo's names and the
words that stay Latin in Chinese (product names, codes, units), and expects nothing left.

Two levels:

* the map's own text (``[data-powermap]``): every sentence static/map/*.js writes must be
  Chinese. Words the payload carries (labels, analysis texts, data the server translates)
  are taken away here: they are the server's to translate, checked by the page level;
* the whole page (``document.body``): nothing English at all, on the demo loaded in
  Chinese (``powermap demo --lang zh_CN``): templates, analysis texts, labels and data.
"""

from __future__ import annotations

import re

import pytest

from powermap.exports.html_map import export_html
from powermap.i18n import name_sort_key, use_locale
from powermap.store import Store
from tests.browser.chinese_text import (
    demo_names,
    english_left,
    lines_with,
    open_chinese_export,
    words,
)
from tests.browser.map_page import READY, open_map

pytestmark = pytest.mark.browser

#: Chinese words of the map's interface every panel shows.
CHINESE_UI = ["健康度", "关键人", "待争取的盟友", "竞争对手", "态度", "关系", "我方最佳关系覆盖"]
def payload_words(value) -> set[str]:
    """Every Latin word of every text in the payload (the server's words)."""
    if isinstance(value, dict):
        return set().union(set(), *(payload_words(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(payload_words(v) for v in value))
    return words(value) if isinstance(value, str) else set()


def tour(page) -> tuple[str, str]:
    """Open a member's panel, the allies tab (and its first suggestion), the competitors tab
    (and the competitor view); return the map's text and the page's text seen on the way."""
    seen_map, seen_page = [], []

    def look():
        seen_map.append(page.inner_text("[data-powermap]"))
        seen_page.append(page.evaluate("document.body.innerText"))
        # what the reader sees when hovering or with a screen reader
        seen_map.append(page.evaluate("""() => Array.from(
            document.querySelectorAll('[data-powermap] [title], [data-powermap] [aria-label], '
                                      + '[data-powermap] [placeholder]'))
            .map(e => [e.title, e.getAttribute('aria-label'), e.placeholder].join(' '))
            .join('\\n')"""))
        seen_map.append(page.evaluate("""() => {
            const m = window.powermapMap;
            return m.nodes.get().map(n => n.title || '').concat(
                m.edges.get().map(e => e.title || '')).join('\\n'); }"""))

    member = page.evaluate("window.powermapMap.payload.nodes.filter(n => n.in_buying_center)"
                           ".sort((a, b) => b.influence - a.influence)[0].id")
    page.evaluate("(id) => window.powermapMap.select(id)", member)
    page.wait_for_selector(".pm-details .pm-name")
    page.click(".pm-risks summary")
    look()
    page.click(".pm-tab[data-tab=suggestions]")
    page.click(".pm-suggestion-pick >> nth=0")
    look()
    page.click(".pm-tab[data-tab=competition]")
    competitor = page.evaluate("String(window.powermapMap.payload.competition.competitors[0].id)")
    page.select_option(".pm-competitor-view", competitor)
    look()
    return "\n".join(seen_map), "\n".join(seen_page)


@pytest.fixture
def chinese_page(zh_page, zh_base_url):
    page = zh_page
    page.context.add_cookies([{"name": "lang", "value": "zh_CN", "url": zh_base_url}])
    open_map(page, zh_base_url)
    return page


@pytest.fixture
def chinese_export(offline_page, zh_demo_db, tmp_path):
    open_chinese_export(offline_page, zh_demo_db, export_html, tmp_path / "map-zh.html")
    offline_page.wait_for_selector(READY)
    return offline_page


@pytest.mark.parametrize("which", ["chinese_page", "chinese_export"])
def test_the_maps_own_text_is_chinese(which, request, zh_demo_db):
    page = request.getfixturevalue(which)
    assert page.get_attribute("#powermap-i18n", "data-lang") == "zh-CN"
    server = payload_words(page.evaluate("window.powermapMap.payload"))
    seen, _ = tour(page)
    for word in [*CHINESE_UI, "搜索关键人", "适应窗口"]:  # also placeholder and tooltips
        assert word in seen, word
    assert english_left(seen, demo_names(zh_demo_db), server) == set()
    assert page.get_attribute("[data-powermap]", "data-ready") == "true"


@pytest.mark.parametrize("which", ["chinese_page", "chinese_export"])
def test_nothing_english_is_left_on_the_page(which, request, zh_demo_db):
    page = request.getfixturevalue(which)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    _, seen = tour(page)
    for word in CHINESE_UI:
        assert word in seen, word
    left = english_left(seen, demo_names(zh_demo_db))
    assert left == set(), lines_with(seen, left)


def test_english_stays_the_default(page, base_url):
    """Without a cookie or a Chinese browser, the same map speaks English."""
    open_map(page, base_url)
    seen, _ = tour(page)
    assert "Allies to win" in seen and "Our best coverage" in seen
    assert not re.search(r"[\u4e00-\u9fff]", page.inner_text(".pm-tabs"))


NAMES = ["王建国", "Alice", "陈晓峰", "张伟", "bob"]
PICKER_ORDER = ("() => window.powermapMap.payload.nodes.slice().sort(window.PowerMap.byName)"
                ".map(p => p.name)")


def test_the_maps_people_pickers_sort_like_the_server(chinese_page, zh_demo_db):
    """The map's people lists (relationship and introducer pickers) sort by pinyin in Chinese,
    in the order :func:`powermap.i18n.name_sort_key` gives the pages."""
    with Store(zh_demo_db) as store:
        names = [name for (name,) in store.db.execute(
            "SELECT name FROM stakeholders WHERE account_id = 1")]
    with use_locale("zh_CN"):
        expected = sorted(names, key=name_sort_key)
    assert chinese_page.evaluate(PICKER_ORDER) == expected
    assert expected != sorted(names)  # pinyin order is not code-point order here
