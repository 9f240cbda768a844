"""Import accounts and their indicators from CSV/XLSX: one row per customer.

Headers are the account fields' names or their labels in English or Chinese
(``Cumulative sales`` / ``累计销售额``…, as the forms and the portfolio export show
them); coded cells take either language's label (``价值导向``, ``Value-driven``). A
row whose name matches a stored account updates it (empty cells leave a field as it
was); any other row creates one. Every row is validated
(:func:`powermap.validation.validate_many`) before anything is written, in one
transaction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import Problem, ValidationError
from ..i18n import _, pgettext, use_locale
from ..schema import ENTITIES
from ..store import Store
from ..validation import validate_many
from .columns import IGNORE, STAKEHOLDER_COLUMNS, map_columns
from .report import ImportReport, RowChange
from .tables import Table, check_shape, read_table

__all__ = ["import_accounts", "account_columns"]


class _Rollback(Exception):
    pass


def account_columns() -> dict[str, tuple[str, ...]]:
    """Each account field and the headers that mean it (its labels in both languages)."""
    targets: dict[str, tuple[str, ...]] = {}
    for f in ENTITIES["account"].fields:
        names = [f.name.replace("_", " ")]
        for locale in ("en", "zh_CN"):
            with use_locale(locale):
                names.append(str(f.label))
        targets[f.name] = tuple(dict.fromkeys(names))
    targets["name"] += STAKEHOLDER_COLUMNS["account"]
    targets["tier"] += ("分级", "客户分级", "客户等级", "account tier")
    targets[IGNORE] = ("id", "rank", "排名", "score", "综合得分")
    return targets


def import_accounts(store: Store, source: str | Path | bytes | Table, *,
                    mapping: dict[str, str] | None = None, encoding: str | None = None,
                    dry_run: bool = False, name: str | None = None) -> ImportReport:
    """Create or update accounts from a table; raise :class:`ValidationError` on any problem."""
    table = source if isinstance(source, Table) else read_table(source, name=name,
                                                                encoding=encoding)
    report = ImportReport(table.file, dry_run=dry_run)
    problems = check_shape(table)
    if problems:
        raise ValidationError(problems)
    try:
        cols = map_columns(table.header, account_columns(), mapping)
    except ValueError as exc:
        raise ValidationError([Problem(pgettext("problem in", "column mapping"), None, str(exc),
                                       file=table.file, row=1)]) from None
    report.columns = dict(cols.fields)
    if cols.column_of("name") is None:
        raise ValidationError([Problem(pgettext("problem in", "row"), None, _(
            "missing required column %(column)s; the file has: %(columns)s",
            column=repr("name"), columns=", ".join(table.header)), file=table.file, row=1)])
    fields = [t for t in dict.fromkeys(cols.fields.values()) if t != IGNORE]
    try:
        with store.transaction():
            stored = {a["name"]: a for a in store.rows("account")}
            changes, currents = [], []
            for row in table.rows:
                values = {}
                for target in fields:
                    index = table.header.index(cols.column_of(target))
                    text = row[index].strip() if index < len(row) else ""
                    if text:
                        values[target] = text
                current = stored.get(values.get("name", ""))
                changes.append(values)
                currents.append(current)
            clean, found = validate_many(store, ENTITIES["account"], changes, currents)
            for index, p in found:
                problems.append(replace(p, file=table.file, row=table.numbers[index],
                                        column=cols.column_of(p.field or "")))
            if problems:
                raise ValidationError(problems)
            creates, updates = [], []
            for index, record in enumerate(clean):
                current, number = currents[index], table.numbers[index]
                label = changes[index].get("name", "")
                if current is None:
                    creates.append(record)
                    report.add(RowChange("account", "create", label, number))
                    continue
                diff = {k: (current.get(k), record.get(k)) for k in record
                        if k in fields and record.get(k) != current.get(k)}
                if diff:
                    updates.append((current["id"], current["version"], record))
                    report.add(RowChange("account", "update", label, number, diff))
                else:
                    report.add(RowChange("account", "unchanged", label, number))
            store.create_many("account", creates)
            store.update_many("account", updates)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
