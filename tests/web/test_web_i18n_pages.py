"""The pages and the exports in both interface languages (the ``lang`` cookie decides)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from powermap.analysis import analyze
from powermap.exports.deal_review import export_review
from powermap.exports.html_map import export_html
from powermap.graph import build_graph
from powermap.i18n import use_locale
from powermap.store import Store

CJK = re.compile(r"[\u3400-\u9fff]")
SWITCH = re.compile(r'<form class="language-switch".*?</form>', re.S)
#: The risk flags' sentences are the analysis' own (translated where it computes them).
RISKS = re.compile(r'<section id="risks">.*?</section>', re.S)


def _get(client, url: str, lang: str, status: int = 200) -> str:
    client.set_cookie("lang", lang)
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


#: page → (what it shows in Chinese, the same in English)
PAGES = {
    "/": (["<h1>客户</h1>", "战略型", "100万元"],
          ["<h1>Accounts</h1>", "Strategic", "1,000,000 CNY"]),
    "/accounts/{account}": (
        ["<h2>商机</h2>", "<h2>关键人</h2>", "<h2>我方团队</h2>", "<th>最近接触</th>",
         "2026年10月1日", "3 信任", "汇报给", "+1 支持者", "客户经理"],
        ["<h2>Opportunities</h2>", "<h2>Stakeholders</h2>", "<h2>Our team</h2>",
         "<th>Last contact</th>", "1 Oct 2026", "3 trusted", "reports to", "+1 supporter",
         "Account lead"]),
    "/opportunities/{opportunity}": (
        ["<h2>采购决策小组</h2>", "投标前评审", "<th>核实</th>", "+2 拥护者", "商机确认",
         "100万元"],
        ["<h2>Buying center</h2>", "Deal review", "<th>Verified</th>", "+2 champion",
         "qualify", "1,000,000 CNY"]),
    "/opportunities/{opportunity}/review?today=2026-11-01": (
        ["投标前评审：ERP", "<h2>主要风险与应对建议</h2>", "截至2026年11月1日",
         "<h2>影响力×态度矩阵</h2>", "对我方态度", "<h3>健康度</h3>", "高层互访"],
        ["Deal review: ERP", "<h2>Top risks and remedies</h2>", "as of 1 Nov 2026",
         "<h2>Influence × attitude</h2>", "attitude toward us", "<h3>Health</h3>",
         "Executive visit"]),
    "/actions": (["<h1>行动</h1>", "高层互访", "2026年11月15日", "计划中", "标记完成"],
                 ["<h1>Actions</h1>", "Executive visit", "15 Nov 2026", "<td>planned</td>",
                  "Mark done"]),
    "/records/stakeholders": (["<h1>关键人</h1>", "新建关键人"],
                              ["<h1>Stakeholders</h1>", "New stakeholder"]),
    "/records/stakeholders/new?account_id={account}": (["保存"], ["Save"]),
    "/accounts/{account}/import": (["<h1>导入到Acme</h1>", "预览", "CSV文件编码"],
                                   ["<h1>Import into Acme</h1>", "Preview",
                                    "Encoding of a CSV file"]),
    "/opportunities/{opportunity}/export": (["<h1>导出ERP</h1>", "单张数据表（CSV）"],
                                            ["<h1>Export ERP</h1>", "Single tables (CSV)"]),
}


@pytest.mark.parametrize("url", list(PAGES))
def test_pages_speak_chinese_with_the_cookie(client, deal, url):
    page = _get(client, url.format(**deal), "zh_CN")
    assert '<html lang="zh-CN">' in page
    for text in PAGES[url][0]:
        assert text in page, text
    for text in PAGES[url][1]:
        assert text not in page, text


@pytest.mark.parametrize("url", list(PAGES))
def test_pages_speak_english_by_default(client, deal, url):
    page = _get(client, url.format(**deal), "en")
    assert '<html lang="en">' in page
    for text in PAGES[url][1]:
        assert text in page, text
    if "/records/" not in url:  # the form's options are labelled by the web layer
        assert not CJK.findall(RISKS.sub("", SWITCH.sub("", page))), url  # one at a time


def test_not_found_page_in_both_languages(client):
    page = _get(client, "/opportunities/99", "zh_CN", 404)
    assert '<html lang="zh-CN">' in page and "返回客户列表" in page
    page = _get(client, "/opportunities/99", "en", 404)
    assert '<html lang="en">' in page and "Back to the accounts" in page


def test_every_page_carries_the_switch_back_to_itself(client, deal):
    page = _get(client, f"/accounts/{deal['account']}", "zh_CN")
    switch = SWITCH.search(page).group()
    assert f'name="next" value="/accounts/{deal["account"]}"' in switch
    assert 'value="zh_CN" lang="zh-CN"\n            aria-pressed="true"' in switch
    assert "<legend>语言</legend>" in switch and ">English</button>" in switch


def test_navigation_is_translated(client, deal):
    page = _get(client, "/", "zh_CN")
    nav = re.search(r"<nav.*?</nav>", page, re.S).group()
    for text in ('aria-label="主导航"', ">客户</a>", ">行动</a>", ">竞争对手</a>",
                 "<summary>数据记录</summary>", ">决策小组成员</a>", ">API</a>"):
        assert text in nav, text


def test_the_exports_follow_the_language_they_are_made_in(app, deal):
    with Store(app.config["DATABASE"]) as store:
        G = build_graph(store, deal["opportunity"])
    with use_locale("zh_CN"):
        analysis = analyze(G, today=dt.date(2026, 11, 1))
        review = export_review(G, analysis, generated_at="2026-11-01 09:00")
        html_map = export_html(G, analysis, generated_at="2026-11-01 09:00")
    assert '<html lang="zh-CN">' in review
    for text in ("<title>投标前评审 · ERP</title>", "<h2>主要风险与应对建议</h2>",
                 "<h2>下一步行动</h2>", "截至2026年11月1日", "决策", "100万元",
                 "由 powermap 于 2026-11-01 09:00 生成；分析截至2026年11月1日。"):
        assert text in review, text
    assert "Top risks" not in review and "Deal review" not in review
    assert '<html lang="zh-CN">' in html_map
    assert "<title>权力地图 — ERP — Acme</title>" in html_map
    assert "由 powermap 于 2026-11-01 09:00 生成 · 3人 · 2条关系 · 只读" in html_map
    english = export_review(G, analyze(G, today=dt.date(2026, 11, 1)),
                            generated_at="2026-11-01 09:00")
    assert '<html lang="en">' in english and "<h2>Top risks and remedies</h2>" in english
    assert not CJK.findall(RISKS.sub("", english))
