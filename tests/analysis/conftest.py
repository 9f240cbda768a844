"""Fixtures of the analysis tests."""

from __future__ import annotations

import pytest
from analysis_maps import DEMO_DAY

from powermap.demo import load_demo
from powermap.store import Store


@pytest.fixture
def demo():
    """(store, {"grid": id, "maintenance": id}): the demo account loaded as of DEMO_DAY."""
    with Store(":memory:") as store:
        grid, maintenance = load_demo(store, today=DEMO_DAY)["opportunities"]
        yield store, {"grid": grid["id"], "maintenance": maintenance["id"]}


@pytest.fixture
def demo_db(tmp_path):
    """A database file holding the demo account, for the CLI tests."""
    path = str(tmp_path / "demo.db")
    with Store(path) as store:
        load_demo(store)
    return path
