"""Accounts and their indicators imported from CSV/XLSX, in either language."""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.imports.accounts import import_accounts

CSV = ("客户名称,行业,累计销售额,价值定位,采购规范,满意度,分级\n"
       "江南钢铁,钢铁,22000000,价值导向,规范,4,战略型\n"
       "Acme,IT,500,Price-driven,partly regular,5,growth\n").encode()


def test_accounts_are_created_then_updated_by_name(store):
    report = import_accounts(store, CSV, name="accounts.csv")
    assert [c.action for c in report.changes] == ["create", "create"]
    steel = store.rows("account", "name = ?", ["江南钢铁"])[0]
    assert (steel["cumulative_sales"], steel["value_positioning"], steel["procurement_norms"],
            steel["satisfaction"], steel["tier"]) == (22_000_000, "value", "regular", 4,
                                                      "strategic")
    again = import_accounts(store, b"name,profit\nAcme,90\n", name="more.csv")
    assert [c.action for c in again.changes] == ["update"]
    acme = store.rows("account", "name = ?", ["Acme"])[0]
    assert (acme["profit"], acme["cumulative_sales"], acme["value_positioning"]) == (
        90, 500, "price")


def test_a_bad_cell_is_reported_with_its_place_and_nothing_is_written(store):
    with pytest.raises(ValidationError) as refused:
        import_accounts(store, b"name,satisfaction,procurement norms\nA,3,regular\nB,9,x\n",
                        name="bad.csv")
    assert sorted((p.row, p.column) for p in refused.value.problems) == [
        (3, "procurement norms"), (3, "satisfaction")]
    assert store.rows("account") == []


def test_a_dry_run_writes_nothing(store):
    report = import_accounts(store, CSV, name="accounts.csv", dry_run=True)
    assert len(report.changes) == 2 and store.rows("account") == []
