"""A write that cannot get the database's write lock in time (a large import holds it)
is answered 503 with Retry-After, never 500 "database is locked"."""

from __future__ import annotations

import sqlite3
import time

import pytest

from powermap.database import BUSY_TIMEOUT


@pytest.fixture
def locked(app):
    """Another connection holds the write lock, as an import writing does; writes of the
    app wait 0.2 s for it."""
    app.config["DATABASE_BUSY_TIMEOUT"] = 0.2
    other = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


def test_an_api_write_blocked_by_another_writer_answers_503_json(client, deal, db, locked):
    started = time.monotonic()
    response = client.patch(f"/api/v1/stakeholders/{deal['Ada']}", json={"title": "Chair"})
    waited = time.monotonic() - started
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.get_json() == {
        "error": "busy",
        "message": "the database is busy with another change (an import, perhaps); nothing "
                   "was saved, try again in a few seconds"}
    assert 0.2 <= waited < 5  # it waited the configured busy timeout, not the default
    assert db.get("stakeholder", deal["Ada"])["title"] == "CEO"


def test_a_form_write_blocked_by_another_writer_answers_a_503_page(client, deal, db, csrf,
                                                                   locked):
    response = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "Dee"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    page = response.get_data(as_text=True)
    assert "the database is busy with another change (an import, perhaps); nothing was " \
           "saved, try again in a few seconds" in page
    assert db.rows("stakeholder", "name = ?", ["Dee"]) == []


def test_the_busy_message_is_translated(client, deal, locked):
    response = client.patch(f"/api/v1/stakeholders/{deal['Ada']}", json={"title": "Chair"},
                            headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 503
    assert response.get_json()["message"] == ("数据库正忙于另一项修改（可能是导入），本次未保存，"
                                              "请几秒后重试。")


def test_the_write_succeeds_once_the_lock_is_free(app, client, deal, db):
    app.config["DATABASE_BUSY_TIMEOUT"] = 0.2
    response = client.patch(f"/api/v1/stakeholders/{deal['Ada']}", json={"title": "Chair"})
    assert response.status_code == 200
    assert db.get("stakeholder", deal["Ada"])["title"] == "Chair"


def test_the_busy_timeout_defaults_to_ten_seconds(app, client, deal):
    from powermap.web.db import get_store

    assert BUSY_TIMEOUT == 10.0
    with app.test_request_context():
        store = get_store()
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
