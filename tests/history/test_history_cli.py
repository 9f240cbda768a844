"""The history commands: record-review, reviews, diff, history, trend, undo, done, --as-of."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from history_maps import write_history

from powermap import clock
from powermap.cli import cli
from powermap.store import Store


@pytest.fixture
def run(tmp_path):
    path = str(tmp_path / "cli.db")
    with Store(path) as store:
        ids = write_history(store)

    def invoke(*args, code=0):
        result = CliRunner().invoke(cli, ["--db", path, "--lang", "en", *args])
        assert result.exit_code == code, result.output
        return result.output

    invoke.ids = ids
    invoke.path = path
    return invoke


def test_diff_since_the_last_review_as_text_and_json(run):
    text = run("diff", "ERP")
    assert text.startswith("Compared with the review “First review” recorded on 2 Mar 2026.")
    assert "Ann: neutral → +1 supporter" not in text
    assert "Attitude of Ann: 0 neutral → +1 supporter." in text
    assert "Cai joined the buying center." in text
    assert "Relationship removed: Bo influences Ann." in text
    document = json.loads(run("diff", "ERP", "--since", "2026-03-01", "--json"))
    assert document["from"] == {"kind": "date", "at": "2026-03-01T23:59:59.999999+00:00"}
    assert [p["name"] for p in document["changes"]["left"]] == ["Bo"]


def test_record_and_list_reviews(run):
    assert run("record-review", "ERP", "--name", "第二次评审") == "Review recorded: 第二次评审.\n"
    lines = run("reviews", "ERP").splitlines()
    assert [line.split(" ", 1)[1].split(",")[0] for line in lines] == ["第二次评审",
                                                                        "First review"]


def test_history_lists_changes_filtered_by_person(run):
    text = run("history", "Acme", "--person", "Cai")
    assert "Created buying center entry" in text
    assert "Ann" not in text
    assert "Attitude: neutral → supporter" in run("history", "Acme", "--since", "2026-03-10")
    assert run("history", "Acme", "--who", "nobody") == "No change recorded.\n"


def test_undo_reverts_the_last_own_change_then_refuses(run):
    with Store(run.path) as store:
        store.update("stakeholder", run.ids["ann"], {"title": "CEO"})
    assert "was reverted" in run("undo")
    with Store(run.path) as store:
        assert store.get("stakeholder", run.ids["ann"])["title"] is None
    last = json.loads(run("history", "Acme", "--json"))[0]
    assert last["kind"] == "revert"
    assert "already reverted" in run("undo", str(last["reverts"]), code=1)


def test_done_writes_the_outcome(run):
    with Store(run.path) as store:
        action = store.create("action", {"opportunity_id": run.ids["deal"],
                                         "stakeholder_id": run.ids["ann"],
                                         "owner_id": run.ids["me"], "type": "deepen"})
    run("done", str(action["id"]), "--attitude", "champion", "--strength", "trusted",
        "--contact-date", "2026-04-01")
    with Store(run.path) as store:
        entry = store.get("buying_center_entry", run.ids["entry_ann"])
        assert (entry["attitude"], entry["verified_at"]) == (2, "2026-04-01")
        assert store.get("action", action["id"])["status"] == "done"


def test_as_of_on_review_and_export(run):
    then = json.loads(run("review", "ERP", "--as-of", "2026-03-05", "--json"))
    now = json.loads(run("review", "ERP", "--json", "--today", "2026-03-05"))
    assert then["opportunity"]["today"] == "2026-03-05"
    assert then["support"] != now["support"]
    exported = json.loads(run("export", "ERP", "-f", "json", "--as-of", "2026-03-05"))
    keys = {p["stakeholder"] for p in exported["opportunities"][0]["buying_center"]}
    names = {p["key"]: p["name"] for p in exported["stakeholders"]}
    assert {names[k] for k in keys} == {"Ann", "Bo"}
    assert "did not exist yet" in run("analyze", "ERP", "--as-of", "2026-01-01", code=1)


def test_trend_prints_a_line_a_week(run):
    with clock.frozen_at(dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)):
        lines = run("trend", "ERP").splitlines()
    assert [line.split()[0] for line in lines] == ["2026-03-03", "2026-03-10", "2026-03-17",
                                                   "2026-03-24", "2026-03-31"]
