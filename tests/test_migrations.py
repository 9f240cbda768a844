"""Schema migrations upgrade an older database file in place, keeping its data."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from powermap.migrations import SCHEMA_VERSION, migrations
from powermap.store import Store


def _old_database(path: str) -> None:
    """A database as powermap's first schema wrote it, with data in it."""
    db = Database(path)
    migrations.apply(db, stop_before="0002_account_classification")
    stamp = "2026-01-01T00:00:00+00:00"
    db.execute("INSERT INTO accounts (id, name, industry, version, created_at, updated_at) "
               "VALUES (1, '老客户 Old Co', 'Mining', 3, ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO stakeholders (id, account_id, name, email, version, created_at, "
               "updated_at) VALUES (7, 1, '周总', 'zhou@old.test', 1, ?, ?)", [stamp, stamp])
    db.conn.commit()
    db.conn.close()


def test_old_file_is_upgraded_in_place_without_loss(tmp_path):
    path = str(tmp_path / "old.db")
    _old_database(path)
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(accounts)")}
    assert "tier" not in columns

    with Store(path) as store:
        account = store.get("account", 1)
        assert (account["name"], account["industry"], account["version"]) == (
            "老客户 Old Co", "Mining", 3)
        assert account["tier"] is None
        assert store.get("stakeholder", 7)["email"] == "zhou@old.test"
        updated = store.update("account", 1, {"tier": "strategic", "arrears": 10}, version=3)
        assert (updated["tier"], updated["version"]) == ("strategic", 4)
        applied = [m.name for m in migrations.applied(store.db)]
    assert applied == ["0001_initial", "0002_account_classification", "0003_positions",
                       "0004_history", "0005_users", "0006_portfolio", "0007_cache"]
    assert len(applied) == SCHEMA_VERSION


def test_opening_twice_applies_nothing_new(tmp_path):
    path = str(tmp_path / "x.db")
    Store(path).close()
    with Store(path) as store:
        assert migrations.pending(store.db) == []
        rows = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert rows == SCHEMA_VERSION
