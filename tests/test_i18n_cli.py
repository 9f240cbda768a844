"""The CLI's language: --lang, $POWERMAP_LANG, the system locale, English."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from powermap import i18n
from powermap.cli import cli
from powermap.cli.language import language_option
from powermap.store import Store

_CLEAN = {"POWERMAP_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@click.group()
@language_option
def probe_group() -> None:
    """A group with the same option as ``powermap``'s."""


@probe_group.command()
def probe() -> None:
    click.echo(f"{i18n.current_locale()} {i18n.gettext('Language')}")


@pytest.mark.parametrize(("args", "env", "out"), [
    (["--lang", "zh_CN"], {}, "zh_CN 语言"),
    (["--lang", "zh-CN"], {"POWERMAP_LANG": "en"}, "zh_CN 语言"),
    (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en Language"),
    ([], {"POWERMAP_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN 语言"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh_CN 语言"),
    ([], {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en Language"),
    ([], {"LANG": "de_DE.UTF-8"}, "en Language"),
    ([], {}, "en Language"),
])
def test_the_command_runs_in_the_chosen_language(args, env, out):
    result = CliRunner().invoke(probe_group, [*args, "probe"], env={**_CLEAN, **env})
    assert result.exit_code == 0, result.output
    assert result.output == out + "\n"
    assert i18n.current_locale() == "en"  # restored when the command ends


def test_powermap_has_the_option(tmp_path):
    Store(tmp_path / "x.db").close()
    result = CliRunner().invoke(cli, ["--lang", "zh_CN", "--db", str(tmp_path / "x.db"),
                                      "accounts"], env=_CLEAN)
    assert result.exit_code == 0, result.output
    assert "--lang LANG" in CliRunner().invoke(cli, ["--help"]).output


def test_an_unknown_lang_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--lang", "fr", "accounts"], env=_CLEAN)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--lang': 'fr' is not a language powermap speaks: "
        "use en or zh_CN.")


def test_an_unknown_powermap_lang_is_one_line():
    result = CliRunner().invoke(cli, ["accounts"], env={**_CLEAN, "POWERMAP_LANG": "klingon"})
    assert result.exit_code == 1
    assert result.output == ("Error: $POWERMAP_LANG: 'klingon' is not a language powermap "
                             "speaks: use en or zh_CN.\n")


# --- the commands in Chinese ---------------------------------------------------------------

@pytest.fixture
def zh_demo(db_path):
    """A database holding the Chinese demo, loaded as of the tests' fixed day."""
    from powermap.demo import load_demo
    from powermap.store import Store
    from tests.conftest import DEMO_TODAY

    with Store(db_path) as store:
        load_demo(store, today=DEMO_TODAY, locale="zh_CN")
    return db_path


def _run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={**_CLEAN, **(env or {})},
                              prog_name="powermap")


@pytest.mark.parametrize(("args", "env"), [
    (["--lang", "zh_CN", "--help"], {}),
    (["--help"], {"POWERMAP_LANG": "zh_CN"}),
    (["--help"], {"LANG": "zh_CN.UTF-8"}),
])
def test_help_is_chinese(args, env):
    result = _run(*args, env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "用法：powermap [OPTIONS] COMMAND [ARGS]..."
    assert "  powermap：大客户关键人权力地图与关系规划工具。" in lines
    assert "选项：" in lines and "命令：" in lines
    assert "  -h, --help   显示本帮助并退出。" in lines
    assert "  accounts       列出客户及其商机。" in lines


def test_a_sub_commands_help_is_chinese():
    result = _run("--lang", "zh_CN", "account", "edit", "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "用法：powermap account edit [OPTIONS] ID|NAME\n\n  修改客户的字段")
    assert "如记录已不是此版本，则拒绝修改。" in result.output
    demo = _run("demo", "--lang", "zh_CN", "--help")
    assert "只写入演示数据并输出概要。" in demo.output and "--lang LANG" in demo.output


def test_help_stays_english_by_default():
    lines = _run("--help").output.splitlines()
    assert lines[0] == "Usage: powermap [OPTIONS] COMMAND [ARGS]..."
    assert "Options:" in lines and "  -h, --help   Show this message and exit." in lines
    assert "  accounts       List the accounts and their opportunities." in lines


def test_show_in_chinese(zh_demo):
    result = _run("--db", zh_demo, "--lang", "zh_CN", "show")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "华东能源集团  （#1，能源，战略型客户，员工 18,000 人）"
    assert lines[2:5] == ["商机 #1  智能电网分析平台",
                          "  方案建议，1,200万元，投标日期：2026年12月16日，"
                          "决策日期：2027年1月15日",
                          "  竞争对手：北风系统，青云科技"]
    assert "    #2 刘洋，副总经理（分管生产运营）  → 汇报给 陈建国" in lines
    assert ("  徐凯 — 交付经理：唐强（信任），马超（熟悉），钱波（认识）") in lines
    assert lines[-4] == "我方团队（3）"


def test_the_buying_center_aligns_chinese_names(zh_demo):
    from powermap.i18n import display_width

    lines = _run("--db", zh_demo, "--lang", "zh_CN", "show").output.splitlines()
    start = lines.index("  采购决策小组（23）：")
    rows = lines[start + 1:start + 24]
    assert rows[0].startswith("    陈建国  ")
    assert rows[-1].startswith("    ? 法务审核签字人（未知）")
    columns = {display_width(row[:row.index("影响力")]) for row in rows}
    assert columns == {4 + display_width("? 法务审核签字人（未知）") + 2 + 26 + 2}


def test_accounts_and_list_in_chinese(zh_demo):
    result = _run("--db", zh_demo, "accounts", env={"POWERMAP_LANG": "zh_CN"})
    assert result.output == ("#1  华东能源集团\n"
                             "      商机 #1  智能电网分析平台  （方案建议）\n"
                             "      商机 #2  设备运维套件  （商机培育）\n")
    empty = _run("--db", zh_demo, "--lang", "zh_CN", "action", "list", "--opportunity", "2")
    assert empty.exit_code == 0
    listed = _run("--db", zh_demo, "--lang", "zh_CN", "in-play", "list")
    assert listed.exit_code == 0 and listed.output.count("#") == 3


def test_an_empty_list_says_so_in_chinese(db_path):
    Store(db_path).close()
    result = _run("--db", db_path, "--lang", "zh_CN", "competitor", "list")
    assert result.exit_code == 0
    assert result.output == "没有竞争对手记录。\n"


@pytest.mark.parametrize(("args", "env"), [
    (["--lang", "zh_CN", "show"], {}),
    (["show"], {"POWERMAP_LANG": "zh_CN"}),
])
def test_errors_are_one_chinese_line(db_path, args, env):
    Store(db_path).close()
    result = _run("--db", db_path, *args, env=env)
    assert result.exit_code == 1
    assert result.output == "错误：数据库中还没有客户；运行 `powermap demo` 可载入演示客户\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_takes_lang_after_the_command(db_path):
    Store(db_path).close()
    result = _run("--db", db_path, "export", "--lang", "zh_CN")
    assert result.exit_code == 1
    assert result.output == ("错误：请指定商机 OPPORTUNITY（编号或名称），或用 --account 配合 "
                             "--format json\n")
    english = _run("--db", db_path, "--lang", "zh_CN", "export", "--lang", "en")
    assert english.output == ("Error: give an OPPORTUNITY (id or name), or --account with "
                              "--format json\n")


def test_demo_lang_loads_the_chinese_demo(db_path):
    result = _run("--db", db_path, "demo", "--lang", "zh_CN", "--no-serve")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"已将演示客户“华东能源集团”载入 {db_path}：5 个部门共30 位关键人，3 名我方成员，"
        "2 个竞争对手。",
        "  商机 #1：智能电网分析平台", "  商机 #2：设备运维套件",
        f"查看：powermap --db {db_path} show 1"]
    again = _run("--db", db_path, "demo", "--no-serve")  # English now: still the demo
    assert again.output.startswith(f"The demo account is already in {db_path};")
    shown = _run("--db", db_path, "show", "1").output
    assert shown.startswith("华东能源集团  (#1, 能源, Strategic account, 18,000 employees)\n")


def test_analyze_in_chinese_keeps_json_codes(zh_demo):
    result = _run("--db", zh_demo, "--lang", "zh_CN", "analyze", "1", "--json",
                  "--today", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert '"schema_version"' in result.output and '"decision_maker"' in result.output
    assert "陈建国" in result.output
    text = _run("--db", zh_demo, "--lang", "zh_CN", "analyze", "1", "--today", "2026-11-01")
    assert text.exit_code == 0 and text.output.startswith("智能电网分析平台 — 华东能源集团\n")


def test_a_store_error_under_a_commands_own_lang_is_prefixed_in_that_language(zh_demo):
    result = _run("--db", zh_demo, "export", "--lang", "zh_CN", "99")
    assert result.exit_code == 1
    assert result.output.startswith("错误：") and result.output.count("\n") == 1
