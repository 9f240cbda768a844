"""Fixtures for import/export tests: an account to import into, file writers."""

from __future__ import annotations

import pytest


@pytest.fixture
def account(store):
    """An empty account called Acme, with one opportunity "ERP"."""
    acme = store.create("account", {"name": "Acme"})
    store.create("opportunity", {"account_id": acme["id"], "name": "ERP"})
    return acme


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in tmp_path; return its path."""
    def write(name: str, content: str | bytes, encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path
    return write


@pytest.fixture
def counts(store):
    """A function returning the store's record counts (to assert nothing was written)."""
    return store.counts
