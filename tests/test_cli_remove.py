"""``powermap <record> remove``: lists what goes with the record, asks, --yes, refusals."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.cli import records as cli_records
from powermap.store import Store
from tests.conftest import DEMO_TODAY

ACCOUNT_LISTING = """\
Removing account #1 '华东能源集团 East China Energy Group' also removes 156 records:
  2 opportunities
  30 stakeholders
  34 buying center entries
  52 relationships
  3 team members
  16 coverage records
  3 opportunity competitors
  12 competitor positions
  4 actions
"""


@pytest.fixture
def demo_db(tmp_path):
    from powermap.demo import load_demo

    path = str(tmp_path / "demo.db")
    with Store(path) as store:
        load_demo(store, today=DEMO_TODAY)
    return path


def _run(path, *args, input=None):
    return CliRunner().invoke(cli, ["--db", path, "--lang", "en", *args], input=input)


def _counts(path):
    with Store(path) as store:
        return store.counts()


def test_a_script_without_yes_is_refused_in_one_line_and_nothing_goes(demo_db):
    before = _counts(demo_db)
    result = _run(demo_db, "account", "remove", "1")
    assert result.exit_code == 1
    assert result.output == ACCOUNT_LISTING + (
        "Error: account #1 '华东能源集团 East China Energy Group' was not removed: records "
        "depend on it. Run the command again with --yes to remove them too.\n")
    assert _counts(demo_db) == before


def test_yes_removes_without_asking(demo_db):
    result = _run(demo_db, "account", "remove", "1", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output == ACCOUNT_LISTING + (
        "Removed account #1 '华东能源集团 East China Energy Group'.\n")
    assert {n: c for n, c in _counts(demo_db).items() if c} == {"competitor": 2}


def test_at_a_terminal_it_asks(demo_db, monkeypatch):
    monkeypatch.setattr(cli_records, "interactive", lambda: True)
    before = _counts(demo_db)
    declined = _run(demo_db, "stakeholder", "remove", "1", input="n\n")
    assert declined.exit_code == 1
    assert declined.output.endswith("Remove them all? [y/N]: n\nAborted!\n")
    assert _counts(demo_db) == before
    accepted = _run(demo_db, "stakeholder", "remove", "1", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.output.startswith(
        "Removing stakeholder #1 '陈建国' also removes 12 records:\n"
        "  1 buying center entry\n  10 relationships\n  1 competitor position\n")
    after = _counts(demo_db)
    assert {n: before[n] - after[n] for n in before if before[n] != after[n]} == {
        "stakeholder": 1, "buying_center_entry": 1, "relationship": 10,
        "competitor_position": 1}


def test_nothing_depends_nothing_asked(demo_db, monkeypatch):
    monkeypatch.setattr(cli_records, "interactive", lambda: True)
    result = _run(demo_db, "relationship", "remove", "1")
    assert result.output == "Removed relationship #1.\n"
    assert _counts(demo_db)["relationship"] == 51


def test_team_member_with_open_actions_needs_reassign_to(demo_db):
    before = _counts(demo_db)
    result = _run(demo_db, "team-member", "remove", "2", "--yes")
    assert result.exit_code == 1
    assert result.output == ("Error: team member #2 '李博 Bob Li' owns 1 open action; name who "
                             "takes it over with --reassign-to.\n")
    assert _counts(demo_db) == before
    result = _run(demo_db, "team-member", "remove", "2", "--reassign-to", "1", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Removing team member #2 '李博 Bob Li' also removes 6 records:\n"
        "  6 coverage records\n"
        "1 closed action stays without an owner.\n"
        "Removed team member #2 '李博 Bob Li'.\n")
    with Store(demo_db) as store:
        assert [a["owner_id"] for a in store.rows("action")] == [1, 1, None, 3]


def test_the_prompt_is_translated(demo_db, monkeypatch):
    monkeypatch.setattr(cli_records, "interactive", lambda: True)
    result = CliRunner().invoke(cli, ["--db", demo_db, "--lang", "zh_CN", "stakeholder",
                                      "remove", "1"], input="n\n")
    assert "删除关键人 #1 “陈建国”将同时删除 12 条记录：" in result.output
    assert "全部删除？ [y/N]" in result.output
