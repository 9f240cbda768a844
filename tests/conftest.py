"""Fixtures shared by every test folder."""

from __future__ import annotations

import datetime as dt

import pytest

from powermap.demo import load_demo
from powermap.store import Store

#: The fixed "today" the demo is loaded with in tests, so dates are stable.
DEMO_TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def store():
    """An empty in-memory store."""
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def db_path(tmp_path):
    """Path of a fresh database file (not yet created)."""
    return str(tmp_path / "powermap.db")


@pytest.fixture
def demo_store(tmp_path):
    """A file-backed store holding the demo account, loaded as of ``DEMO_TODAY``."""
    with Store(tmp_path / "demo.db") as s:
        load_demo(s, today=DEMO_TODAY)
        yield s


@pytest.fixture
def app(tmp_path):
    """The web app on a fresh database file."""
    from powermap.web import create_app

    return create_app({"DATABASE": str(tmp_path / "web.db"), "TESTING": True,
                       "SECRET_KEY": "test-secret"})


@pytest.fixture
def db(app):
    """A store on the app's database, to arrange data and check what was written."""
    with Store(app.config["DATABASE"]) as store:
        yield store


@pytest.fixture
def acme(store):
    """A small hand-made account: ids of the records, for exact assertions."""
    account = store.create("account", {"name": "Acme"})
    opp = store.create("opportunity", {"account_id": account["id"], "name": "ERP"})
    people = {name: store.create("stakeholder", {"account_id": account["id"], "name": name,
                                                 "email": f"{name.lower()}@acme.test"})["id"]
              for name in ("Ada", "Bo", "Cy")}
    return {"account": account["id"], "opportunity": opp["id"], **people}
