"""Fixtures of the analysis tests."""

from __future__ import annotations

import datetime as dt

import pytest

from powermap.demo import load_demo
from powermap.store import Store

DEMO_DAY = dt.date(2026, 11, 1)


@pytest.fixture
def demo():
    """(store, {"grid": id, "maintenance": id}): the demo account loaded as of DEMO_DAY."""
    with Store(":memory:") as store:
        grid, maintenance = load_demo(store, today=DEMO_DAY)["opportunities"]
        yield store, {"grid": grid["id"], "maintenance": maintenance["id"]}
