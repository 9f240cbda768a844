"""The main pages in Chinese: the Chinese demo (``powermap demo --lang zh_CN``) read with the
``lang=zh_CN`` cookie, and the deal review exported in zh_CN opened from ``file://``.

Each page's text and read attributes (title, aria-label, placeholder, alt) are collected;
after taking away the demo's names and the words that stay Latin (tests/browser/chinese_text.py)
no English word may be left. The map's panels are walked in test_browser_map_language.py.
"""

from __future__ import annotations

import re

import pytest

from powermap.exports.deal_review import export_review
from tests.browser.chinese_text import (
    READ_TEXT,
    demo_name_texts,
    demo_names,
    english_left,
    lines_with,
    open_chinese_export,
)
from tests.browser.map_page import READY, map_shot

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u4e00-\u9fff]")

#: Page, and a Chinese word of its own interface it must show (so an empty or wrong page fails).
PAGES = [
    ("/", "客户"),
    ("/accounts/1", "商机"),
    ("/opportunities/1", "权力地图"),
    ("/opportunities/1/review", "风险提示"),
    ("/actions", "行动"),
    ("/records/accounts", "客户"),
    ("/records/opportunities", "商机"),
    ("/records/stakeholders", "关键人"),
    ("/records/buying-center", "决策小组成员"),
    ("/records/relationships", "强度"),
    ("/records/team-members", "我方成员"),
    ("/records/coverage", "关系覆盖"),
    ("/records/competitors", "竞争对手"),
    ("/records/opportunity-competitors", "竞争对手"),
    ("/records/competitor-positions", "倾向"),
    ("/records/actions", "截止日期"),
    ("/records/stakeholders/new?account_id=1", "部门"),
    ("/records/actions/new?opportunity_id=1", "负责人"),
    ("/records/opportunities/1/edit", "投标日期"),
    ("/records/stakeholders/1/delete", "删除"),
    ("/accounts/1/import", "导入"),
    ("/opportunities/1/export", "导出"),
]


def read(page) -> str:
    return page.evaluate(READ_TEXT)


@pytest.fixture
def chinese(zh_page, zh_base_url):
    zh_page.context.add_cookies([{"name": "lang", "value": "zh_CN", "url": zh_base_url}])
    return zh_page


@pytest.mark.parametrize("path, word", PAGES)
def test_main_pages_say_nothing_in_english(chinese, zh_base_url, zh_demo_db, path, word):
    response = chinese.goto(zh_base_url + path)
    assert response.ok
    if path == "/opportunities/1":
        chinese.wait_for_selector(READY)
    assert chinese.evaluate("document.documentElement.lang") == "zh-CN"
    seen = read(chinese)
    assert word in seen
    left = english_left(seen, demo_names(zh_demo_db))
    assert left == set(), lines_with(seen, left)


#: A CRM export with Chinese headers, a phone column (ignored, with a notice) and a cell that
#: names no attitude (a problem), so the preview shows its mapping, notices and problems.
CRM_FILE = ("姓名,职务,邮箱,部门,角色,态度,电话\n"
            "周明,采购经理,zhou.ming@ecenergy.example.cn,采购部,采购,支持者,13800000000\n"
            "吴刚,运维工程师,wu.gang@ecenergy.example.cn,信息中心,使用,老板,13900000000\n")


@pytest.mark.expect_http_errors(422)
def test_the_import_preview_is_chinese(chinese, zh_base_url, zh_demo_db):
    chinese.goto(zh_base_url + "/accounts/1/import")
    chinese.set_input_files("#input-file", files=[{
        "name": "crm.csv", "mimeType": "text/csv", "buffer": CRM_FILE.encode("utf-8")}])
    chinese.select_option("#input-opportunity", "1")
    chinese.click("form.record-form button[type=submit]")
    chinese.wait_for_selector("select[name^=map-]")
    seen = read(chinese)
    assert "老板" in seen and "电话" in seen
    left = english_left(seen, demo_names(zh_demo_db), {"crm", "csv"})  # the file's name
    assert left == set(), lines_with(seen, left)


@pytest.mark.expect_http_errors(404)
def test_the_not_found_page_is_chinese(chinese, zh_base_url, zh_demo_db):
    response = chinese.goto(zh_base_url + "/opportunities/999")
    assert response.status == 404
    seen = read(chinese)
    assert "找不到" in seen
    left = english_left(seen, demo_names(zh_demo_db))
    assert left == set(), lines_with(seen, left)


def test_the_exported_deal_review_is_chinese(offline_page, zh_demo_db, tmp_path):
    open_chinese_export(offline_page, zh_demo_db, export_review, tmp_path / "review-zh.html")
    seen = read(offline_page)
    assert offline_page.evaluate("document.documentElement.lang") == "zh-CN"
    assert "风险提示" in seen
    left = english_left(seen, demo_names(zh_demo_db))
    assert left == set(), lines_with(seen, left)


def test_chinese_screenshots(chinese, zh_base_url, screenshots):
    """The README shows these beside the English ones."""
    chinese.goto(f"{zh_base_url}/opportunities/1")
    chinese.wait_for_selector(READY)
    map_shot(chinese, screenshots / "opportunity-map-zh.png")
    chinese.goto(f"{zh_base_url}/opportunities/1/review")
    assert "风险提示" in chinese.inner_text("body")
    chinese.screenshot(path=str(screenshots / "review-zh.png"))


@pytest.mark.parametrize("path", ["/", "/accounts/1", "/opportunities/1/review", "/actions",
                                  "/records/stakeholders", "/records/stakeholders/new",
                                  "/accounts/1/import", "/opportunities/1/export"])
def test_english_stays_the_default(page, base_url, demo_db, path):
    """Without a cookie or a Chinese browser the pages are English. (The English demo's
    names are bilingual, "徐凯 Carol Xu", so only the interface's own elements are read.)"""
    response = page.goto(base_url + path)
    assert response.ok
    assert page.evaluate("document.documentElement.lang") == "en"
    interface = page.evaluate("""() => Array.from(document.querySelectorAll(
        'nav, th, label, button, legend, summary, input[type=submit]'))
        .map(e => e.innerText || e.value).join('\\n')""")
    assert "Accounts" in interface and "Language" in interface
    for name in [*demo_name_texts(demo_db), "中文"]:
        interface = interface.replace(name, "")
    assert not HAN.search(interface), interface
