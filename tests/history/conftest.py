"""Fixtures of the history tests."""

from __future__ import annotations

import pytest
from history_maps import write_history


@pytest.fixture
def history(store):
    return store, write_history(store)
