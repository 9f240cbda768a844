"""``powermap backup`` / ``restore`` and the JSON round trip: nothing lost, nothing broken."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.cli.backup import BackupRefused, backup_database, restore_database
from powermap.demo import load_demo
from powermap.json_map import export_account, import_json
from powermap.migrations import SCHEMA_VERSION
from powermap.store import Store

DEMO_COUNTS = {"account": 1, "opportunity": 2, "stakeholder": 30, "buying_center_entry": 34,
               "relationship": 52, "team_member": 3, "coverage": 16, "competitor": 2,
               "opportunity_competitor": 3, "competitor_position": 12, "action": 4}


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "live.db"
    with Store(path) as store:
        load_demo(store)
    return path


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_backup_and_restore_from_the_cli(demo_db, tmp_path):
    copy, target = tmp_path / "copy.db", tmp_path / "restored.db"
    done = run("--db", demo_db, "backup", copy)
    assert done.exit_code == 0, done.output
    assert "159 records." in done.output
    assert "  stakeholder: 30\n" in done.output
    again = run("--db", demo_db, "backup", copy)
    assert again.exit_code == 1
    assert again.output.strip() == f"Error: {copy} already exists; add --force to overwrite it."
    assert run("--db", demo_db, "backup", copy, "--force").exit_code == 0
    restored = run("--db", target, "restore", copy)
    assert restored.exit_code == 0, restored.output
    assert f"Restored {copy} into {target}: 159 records." in restored.output
    with Store(target) as store:
        assert store.counts() == DEMO_COUNTS


def test_backup_speaks_chinese(demo_db, tmp_path):
    done = run("--lang", "zh_CN", "--db", demo_db, "backup", tmp_path / "copy.db")
    assert done.exit_code == 0, done.output
    assert "  关键人: 30\n" in done.output


def test_backup_while_a_writer_is_active_is_consistent(demo_db, tmp_path):
    """Every writer transaction adds ten people: a copy holds whole transactions only."""
    stop = threading.Event()
    written = []

    def writer():
        with Store(demo_db) as store:
            [account] = store.rows("account")
            n = 0
            while not stop.is_set():
                with store.transaction():
                    store.create_many("stakeholder", [
                        {"account_id": account["id"], "name": f"Writer {n}-{i}", "title": None,
                         "department": None, "level": None, "email": None, "interests": None,
                         "notes": None} for i in range(10)])
                n += 1
                written.append(n)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for k in range(5):
            while len(written) < 3 * (k + 1):
                stop.wait(0.005)
            copy = tmp_path / f"copy{k}.db"
            counts = backup_database(demo_db, copy)
            copies.append((copy, counts))
    finally:
        stop.set()
        thread.join()
    assert len(written) >= 15
    for copy, counts in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        people = conn.execute("SELECT count(*) FROM stakeholders").fetchone()[0]
        conn.close()
        assert people == counts["stakeholder"]
        assert (people - 30) % 10 == 0 and people > 30
        assert {k: v for k, v in counts.items() if k != "stakeholder"} == \
            {k: v for k, v in DEMO_COUNTS.items() if k != "stakeholder"}


def test_restore_refuses_a_file_that_is_not_a_powermap_database(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database\n" * 200)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    for file in (text, other):
        with pytest.raises(BackupRefused) as exc:
            restore_database(file, tmp_path / "target.db")
        assert str(exc.value) == f"{file} is not a powermap database."
    assert not (tmp_path / "target.db").exists()
    done = run("--db", tmp_path / "target.db", "restore", other)
    assert done.exit_code == 1
    assert done.output == f"Error: {other} is not a powermap database.\n"


def test_restore_refuses_a_database_from_a_newer_powermap(demo_db, tmp_path):
    conn = sqlite3.connect(demo_db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('powermap', '9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    target = tmp_path / "target.db"
    done = run("--db", target, "restore", demo_db)
    assert done.exit_code == 1
    assert done.output == (f"Error: {demo_db} was written by a newer powermap (schema version "
                           f"{SCHEMA_VERSION + 1}; this powermap knows version {SCHEMA_VERSION})."
                           " Upgrade powermap to restore it.\n")
    assert not target.exists()


def test_restore_upgrades_a_backup_from_an_older_powermap(demo_db, tmp_path):
    conn = sqlite3.connect(demo_db)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name != '0001_initial'")
    # tables of 0003_positions, 0004_history, 0006_portfolio and 0007_cache
    for table in ("changes", "change_sets", "review_snapshots", "node_positions",
                  "portfolio_weights", "change_counter", "account_change_counter"):
        conn.execute(f"DROP TABLE {table}")
    for column in ("tier", "cumulative_sales", "profit", "average_deal_size",
                   "collection_period_days", "arrears", "value_positioning",
                   "procurement_norms", "satisfaction"):
        conn.execute(f"ALTER TABLE accounts DROP COLUMN {column}")
    for table in ("user_team_members", "api_tokens", "sign_in_failures", "settings", "users"):
        conn.execute(f"DROP TABLE {table}")  # 0005_users
    conn.commit()
    conn.close()
    target = tmp_path / "target.db"
    counts, version = restore_database(demo_db, target)
    assert (version, counts) == (1, DEMO_COUNTS)  # the backup had only 0001_initial
    with Store(target) as store:
        [account] = store.rows("account")
        assert account["tier"] is None


def test_restore_refuses_a_non_empty_target_without_yes(demo_db, tmp_path):
    target = tmp_path / "target.db"
    with Store(target) as store:
        store.create("account", {"name": "Keep me"})
    done = run("--db", target, "restore", demo_db)
    assert done.exit_code == 1
    assert done.output == (f"Error: {target} already holds records; add --yes to replace them "
                           "with the backup.\n")
    with Store(target) as store:
        assert [a["name"] for a in store.rows("account")] == ["Keep me"]
    assert run("--db", target, "restore", demo_db, "--yes").exit_code == 0
    with Store(target) as store:
        assert store.counts() == DEMO_COUNTS


def test_json_round_trip_of_the_demo_keeps_every_record():
    with Store(":memory:") as source, Store(":memory:") as target:
        load_demo(source)
        source.create("competitor", {"name": "Nobody refers to me", "notes": "watch list"})
        [account] = source.rows("account")
        document = export_account(source, account["id"])
        report = import_json(target, document)
        assert target.counts() == {**DEMO_COUNTS, "competitor": 3}
        assert sum(report.counts()[e]["create"] for e in report.counts()) == 160
        names = [c["name"] for c in target.rows("competitor")]
        assert "Nobody refers to me" in names
        [copy] = target.rows("account")
        assert export_account(target, copy["id"]) == document


def test_json_restore_reports_every_problem_with_its_place():
    with Store(":memory:") as source, Store(":memory:") as target:
        load_demo(source)
        [account] = source.rows("account")
        document = export_account(source, account["id"])
        document["stakeholders"][1]["email"] = document["stakeholders"][0]["email"] or "a@b.cn"
        document["stakeholders"][0]["email"] = document["stakeholders"][1]["email"]
        document["stakeholders"][4]["level"] = "very high"
        from powermap.errors import ValidationError

        with pytest.raises(ValidationError) as exc:
            import_json(target, document)
        columns = sorted(p.column for p in exc.value.problems)
        assert columns == ["stakeholders[1].email", "stakeholders[4].level"]
        assert target.is_empty()
