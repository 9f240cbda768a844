"""The rules every write passes, for one record or a whole import alike.

:func:`validate_many` checks a batch of creates and updates of one entity as
if they were written together: field values go through
:func:`powermap.fields.clean_records` (types, ranges, enums, required
fields); references must exist; then the rules that span records, over the
batch and what is already stored: a buying-center entry only for a
stakeholder of the opportunity's account, no self-relationships, ``reports_to``
acyclic with one manager per person, no duplicate e-mail inside an account,
unique names. :func:`validate` is the batch of one, so a form, the CLI, the
API and an import of 100,000 rows get the same problems in the same words.
Every problem names the record, the field and the reason. Nothing here
writes.

This module reads the database through anything shaped like
:class:`powermap.store.Store` (see :class:`RecordReader`); it does not import
the store, which imports it.
"""

from __future__ import annotations

from . import rules
from .errors import Problem, ValidationError
from .fields import clean_records
from .i18n import _
from .relationship_rules import relationship_rule
from .rules import CHUNK, Batch, Labels, RecordReader, Report
from .schema import ENTITIES, Entity

__all__ = ["validate", "validate_many"]

#: The rules that span records, by entity; every entity also gets ``unique_together``.
_RULES: dict[str, rules.Rule] = {
    "account": rules.unique_name("accounts"),
    "competitor": rules.unique_name("competitors"),
    "stakeholder": rules.stakeholder_emails,
    "buying_center_entry": rules.buying_center_entries,
    "relationship": relationship_rule,
    "coverage": rules.same_account(("team_member_id", "stakeholder_id")),
    "action": rules.same_account(("opportunity_id", "stakeholder_id"),
                                 ("opportunity_id", "owner_id")),
}


def validate(store: RecordReader, entity: Entity, values: dict,
             current: dict | None = None) -> dict:
    """Check a create (``current`` is None) or an update, return the clean record.

    For an update, ``values`` holds only the changed fields; the returned dict
    is the whole record after the change. Raises :class:`ValidationError`
    with every problem :func:`validate_many` finds in this batch of one.
    """
    [record], problems = validate_many(store, entity, [values], [current])
    if problems:
        raise ValidationError([p for _i, p in problems])
    assert record is not None
    return record


def validate_many(
    store: RecordReader,
    entity: Entity,
    changes: list[dict],
    currents: list[dict | None] | None = None,
    *,
    pending: dict[str, dict[int, dict]] | None = None,
) -> tuple[list[dict | None], list[tuple[int, Problem]]]:
    """Check many creates/updates of one entity together; write nothing.

    ``changes[i]`` holds the raw values of record ``i`` (all fields for a
    create, the changed ones for an update); ``currents[i]`` is the stored
    record it updates, or ``None`` for a create. Returns the clean records
    (``None`` where a record failed) and ``(i, problem)`` pairs for every
    problem found, including those only the whole batch reveals (duplicates
    and cycles between its own records).

    ``pending`` holds records that will be written, in the same transaction,
    before this batch (an import's new and renamed people, checked before the
    write lock is taken): ``{entity name: {id: {"id", "account_id", "name"}}}``.
    A reference to one of them is checked against it, not the database.

    >>> from powermap.store import Store
    >>> store = Store(":memory:")
    >>> acme = store.create("account", {"name": "Acme"})
    >>> rows = [{"account_id": acme["id"], "name": "Li", "email": "li@acme.cn"},
    ...         {"account_id": acme["id"], "name": "Wu", "email": "LI@acme.cn"}]
    >>> clean, problems = validate_many(store, ENTITIES["stakeholder"], rows)
    >>> [(i, p.field) for i, p in problems]
    [(1, 'email')]
    """
    currents = list(currents) if currents is not None else [None] * len(changes)
    if len(currents) != len(changes):
        raise ValueError("changes and currents must have the same length")
    problems: list[tuple[int, Problem]] = []
    labels = Labels(entity, changes, currents)

    field_labels = {f.name: str(f.label) for f in entity.fields}

    def problem(i: int, field: str | None, reason: str) -> None:
        problems.append((i, Problem(labels[i], field, reason,
                                    label=field_labels.get(field) if field else None)))

    records = clean_records(entity, changes, currents, problem)
    refs = _references(store, entity, records, problem, pending or {})
    batch = Batch(entity, records, refs, currents, labels)
    rule = _RULES.get(entity.name)
    if rule:
        rule(store, batch, problem)
    rules.unique_together(store, batch, problem)
    if not problems:
        return records, problems
    failed = {i for i, _ in problems}
    return [None if i in failed else r for i, r in enumerate(records)], problems


def _fetch_by_id(store: RecordReader, table: str, ids: set[int], columns: str = "*"
                 ) -> dict[int, dict]:
    """Rows by id: one range query when the ids are dense (a fresh import), else chunks."""
    found: dict[int, dict] = {}
    ordered = sorted(ids)
    if len(ordered) > CHUNK and ordered[-1] - ordered[0] < 2 * len(ordered):
        cursor = store.db.execute(f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?",
                                  [ordered[0], ordered[-1]])
        names = [d[0] for d in cursor.description]
        for row in cursor:
            if row[0] in ids:
                found[row[0]] = dict(zip(names, row, strict=True))
        return found
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        cursor = store.db.execute(
            f"SELECT {columns} FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk)
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            found[row[0]] = dict(zip(names, row, strict=True))
    return found


def _references(store: RecordReader, entity: Entity, records: list[dict | None],
                problem: Report, pending: dict[str, dict[int, dict]]
                ) -> list[dict[str, dict]]:
    """Look up every referenced record once (in ``pending``, else the database); report
    dangling references."""
    refs: list[dict[str, dict]] = [{} for _record in records]
    fetched: dict[str, dict[int, dict]] = {}
    for f in entity.fields:
        if not f.ref or f.ref in fetched:
            continue
        wanted: set = set()
        for g in entity.fields:
            if g.ref == f.ref:
                wanted.update([r.get(g.name) for r in records if r is not None])
        wanted.discard(None)
        known = pending.get(f.ref, {})
        target = ENTITIES[f.ref]
        # the cross-record rules read only these columns of a referenced record
        columns = ("id, account_id, name" if {"account_id", "name"} <= set(target.field_names)
                   else "*")
        fetched[f.ref] = _fetch_by_id(store, target.table, wanted - known.keys(), columns)
        fetched[f.ref].update((key, known[key]) for key in wanted & known.keys())
    for f in entity.fields:
        if not f.ref:
            continue
        found, name = fetched[f.ref], f.name
        get = found.get
        for i, record in enumerate(records):
            if record is None:
                continue
            key = record.get(name)
            if key is None:
                continue
            row = get(key)
            if row is None:
                problem(i, name, _("refers to %(entity)s #%(id)s, which does not exist",
                                   entity=str(ENTITIES[f.ref].label), id=key))
                records[i] = None
            else:
                refs[i][name] = row
    return refs
